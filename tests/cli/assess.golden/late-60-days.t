exit: 0
# IMU 2024 saldo of 800.00 due 16 Dec 2024, paid in full on 14 Feb 2025:
# d = 15 + 31 + 14 = 60, regime from 1 Sep 2024 (25 %), halved for 15 < d <= 90.
#   sanction 800 x 12.5 % = 100.00
#   interest 800 x 0.025 x 15/365 + 800 x 0.02 x 45/365 = (300 + 720)/365 = 2.794521 -> 2.79
#   act 102.79
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30
--- file dues.csv
tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,3918,L219F9,2,2024-12-16,800.00
--- file payments.csv
payment_id,tax_code,tax,year,paid_on,amount
P1,BNCGNN60C03L219K,IMU,2024,2025-02-14,800.00
--- stdout
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,800.00,800.00,0.00,100.00,2.79,0.00,0.00,102.79,2025-08-29,2025-06-30,late,100.00,,,,draft
--- stderr
assess: read 2, written 2, rejected 0
assess: acts 1, reported 0
