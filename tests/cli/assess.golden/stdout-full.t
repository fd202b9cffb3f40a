# A full disk on stdout is an error (exit 3), not a silent truncation.
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024 --as-of 2025-06-30 --quiet > /dev/full
exit: 3
--- file d.csv
tax_code,tax,year,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,2,2024-12-16,800.00
--- file p.csv
tax_code,tax,year,paid_on,amount
--- stderr
assess: <stdout>: write error: No space left on device
assess: write error on standard output: No space left on device
