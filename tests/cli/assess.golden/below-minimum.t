exit: 0
# IMU 2024 saldo of 9.00 due 16 Dec 2024, unpaid: 9.00 + 25 % = 2.25 +
# interest 9 x 3.995/365 = 0.098507 -> 0.10; 11.35 < 12.00 (L. 296/2006 c. 168):
# no act, listed.  With --min-amount 10 the act is issued: 11.35.
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30 --report -
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30 --min-amount 10 --quiet
--- file dues.csv
tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,3918,L219F9,2,2024-12-16,9.00
--- file payments.csv
payment_id,tax_code,tax,year,paid_on,amount
--- stdout
tax_code,tax,year,reason,tax_unpaid,sanction,interest,total,deadline,detail
BNCGNN60C03L219K,IMU,2024,below-minimum,9.00,2.25,0.10,11.35,,under the minimum amount (L. 296/2006 c. 168; art. 25 L. 289/2002)
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,9.00,0.00,9.00,2.25,0.10,0.00,0.00,11.35,2025-08-29,2025-06-30,omitted,2.25,,,,draft
--- stderr
assess: read 1, written 1, rejected 0
assess: acts 0, reported 1
