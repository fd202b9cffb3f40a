exit: 0
# IMU 2024 acconto of 800.00 due Mon 17 Jun 2024, paid in full on 27 Jun 2024:
# d = 10, regime before 1 Sep 2024.
#   sanction 800 x 15 % x 10/15 = 80.00 (art. 13 c. 1 D.Lgs. 471/1997, 1/15 per day)
#   interest 800 x 0.025 x 10/365 = 200/365 = 0.547945 -> 0.55
#   act: nothing unpaid; 80.00 + 0.55 = 80.55
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30 --details -
--- file dues.csv
tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,3918,L219F9,1,2024-06-17,800.00
--- file payments.csv
payment_id,tax_code,tax,year,paid_on,amount
P1,BNCGNN60C03L219K,IMU,2024,2024-06-27,800.00
--- stdout
act_id,tax_code,tax,year,installment,tributo,unit_id,due_date,amount_due,paid,paid_late,unpaid,violation,days_late,last_paid_on,regime,sanction,interest,deadline
ACC-IMU-2024-BNCGNN60C03L219K,BNCGNN60C03L219K,IMU,2024,1,3918,L219F9,2024-06-17,800.00,800.00,800.00,0.00,late,10,2024-06-27,pre_dlgs87,80.00,0.55,2029-12-31
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,800.00,800.00,0.00,80.00,0.55,0.00,0.00,80.55,2025-08-29,2025-06-30,late,80.00,,,,draft
--- stderr
assess: read 2, written 2, rejected 0
assess: acts 1, reported 0
