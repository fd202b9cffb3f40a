exit: 0
# Bad rows go to --rejects with _source,_line,_error and are counted (exit 1, echoed);
# the good rows are still assessed: the saldo of 800.00 unpaid = 200.00 + 8.76.
# Rows of another year are used (skipped), not rejected.
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024 --as-of 2025-06-30 --rejects rj.csv; echo "exit $?"
cmd: cat rj.csv
--- file d.csv
tax_code,tax,year,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,2,2024-12-16,800.00
BNCGNN60C03L219K,IMU,2024,1,2024-13-16,800.00
BNCGNN60C03L219K,IMU,2024,1,2024-06-17,8OO.00
BNCGNN60C03L219K,IMU,2023,1,2023-06-16,800.00
--- file p.csv
tax_code,tax,year,paid_on,amount,ravvedimento
BNCGNN60C03L219K,IMU,2024,yesterday,800.00,
BNCGNN60C03L219K,IMU,2024,2024-06-17,10.00,maybe
--- stdout
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,800.00,0.00,800.00,200.00,8.76,0.00,0.00,1008.76,2025-08-29,2025-06-30,omitted,200.00,,,,draft
exit 1
tax_code,tax,year,installment,due_date,amount_due,_source,_line,_error
BNCGNN60C03L219K,IMU,2024,1,2024-13-16,800.00,d.csv,3,due_date: '2024-13-16' is not a date
BNCGNN60C03L219K,IMU,2024,1,2024-06-17,8OO.00,d.csv,4,amount_due: '8OO.00' is not an amount
BNCGNN60C03L219K,IMU,2024,yesterday,800.00,,p.csv,2,paid_on: 'yesterday' is not a date
BNCGNN60C03L219K,IMU,2024,2024-06-17,10.00,maybe,p.csv,3,ravvedimento: 'maybe' is not a flag (1/0)
--- stderr
assess: d.csv:3: due_date: '2024-13-16' is not a date
assess: d.csv:4: amount_due: '8OO.00' is not an amount
assess: p.csv:2: paid_on: 'yesterday' is not a date
assess: p.csv:3: ravvedimento: 'maybe' is not a flag (1/0)
assess: read 6, written 2, rejected 4
assess: acts 1, reported 0
