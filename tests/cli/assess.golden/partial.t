exit: 0
# IMU 2024 saldo of 800.00 (due 16 Dec 2024); 500.00 paid on the due date, 300.00 never.
#   sanction 300 x 25 % = 75.00
#   interest (300 x 0.025 x 15 + 300 x 0.02 x 181)/365 = 1198.5/365 = 3.283562 -> 3.28
#   act 300.00 + 75.00 + 3.28 = 378.28 (no notification channel: no costs)
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30
--- file dues.csv
tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,3918,L219F9,2,2024-12-16,800.00
--- file payments.csv
payment_id,tax_code,tax,year,paid_on,amount
P1,BNCGNN60C03L219K,IMU,2024,2024-12-16,500.00
--- stdout
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,800.00,500.00,300.00,75.00,3.28,0.00,0.00,378.28,2025-08-29,2025-06-30,partial,75.00,,,,draft
--- stderr
assess: read 2, written 2, rejected 0
assess: acts 1, reported 0
