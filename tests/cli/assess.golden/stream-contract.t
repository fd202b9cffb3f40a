exit: 0
# The stream contract (esattore-csv(5)) on bad input:
# 1. a malformed row (3 fields where the header has 6) and an unterminated
#    quote at the end are rejected with file,
#    line and what is wrong, lands in --rejects, and the run ends with exit 1;
#    the good row is still used (saldo 800.00 unpaid: 200.00 + 8.76 = 1008.76);
# 2. a file without a required column stops the run before any output: exit 2,
#    the message names the file, the header line and the column.
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024 --as-of 2025-06-30 --rejects rj.csv --quiet; echo "exit $?"
cmd: cat rj.csv
cmd: assess --dues nocol.csv --payments p.csv --tax imu --year 2024 --as-of 2025-06-30; echo "exit $?"
--- file d.csv
tax_code,tax,year,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,2,2024-12-16,800.00
BNCGNN60C03L219K,IMU,2024
BNCGNN60C03L219K,IMU,"2024
--- file nocol.csv
tax_code,tax,year,installment,due_date
BNCGNN60C03L219K,IMU,2024,2,2024-12-16
--- file p.csv
tax_code,tax,year,paid_on,amount
--- stdout
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,800.00,0.00,800.00,200.00,8.76,0.00,0.00,1008.76,2025-08-29,2025-06-30,omitted,200.00,,,,draft
exit 1
tax_code,tax,year,installment,due_date,amount_due,_source,_line,_error
BNCGNN60C03L219K,IMU,2024,,,,d.csv,3,"expected 6 fields, found 3"
BNCGNN60C03L219K,IMU,"2024
",,,,d.csv,4,quoted field not closed at end of file
exit 2
--- stderr
assess: d.csv:3: expected 6 fields, found 3
assess: d.csv:4: quoted field not closed at end of file
assess: nocol.csv:1: missing required column 'amount_due'
