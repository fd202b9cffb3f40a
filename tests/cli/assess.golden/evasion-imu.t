exit: 0
# IMU evasion candidates: unit F1 has two holders and neither paid anything for
# the year (listed, 400.00 + 400.00 due); unit F2's holder paid (not listed).
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024 --as-of 2025-06-30 --evasion ev.csv --quiet > /dev/null; cat ev.csv
--- file d.csv
tax_code,tax,year,unit_id,installment,due_date,amount_due
AAAAAA80A01H501U,IMU,2024,F1,2,2024-12-16,400.00
BBBBBB80A01H501U,IMU,2024,F1,2,2024-12-16,400.00
CCCCCC80A01H501U,IMU,2024,F2,2,2024-12-16,400.00
--- file p.csv
tax_code,tax,year,paid_on,amount
CCCCCC80A01H501U,IMU,2024,2024-12-16,400.00
--- stdout
tax,year,unit_id,tax_codes,reason,amount_due,declared_m2,cadastral_m2,threshold_m2,source
IMU,2024,F1,AAAAAA80A01H501U;BBBBBB80A01H501U,no-payment-by-any-holder,800.00,,,,L. 160/2019 c. 743 (every holder of the right is liable)
