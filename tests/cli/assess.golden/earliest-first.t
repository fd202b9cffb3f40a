exit: 0
# One 800.00 payment on 16 Dec 2024 against acconto (17 Jun) and saldo (16 Dec)
# of 800.00: it pays the acconto first, 182 days late (13+31+31+30+31+30+16):
#   acconto 30 % = 240.00; interest 800 x 0.025 x 182/365 = 3640/365 = 9.972603 -> 9.97
#   saldo omitted: 200.00 + 8.76 (3196/365)
#   act: 800.00 + 440.00 + 18.73 = 1258.73, violation partial (800.00 paid, 800.00 not)
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30 --details - --quiet
--- file dues.csv
tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,3918,L219F9,1,2024-06-17,800.00
BNCGNN60C03L219K,IMU,2024,3918,L219F9,2,2024-12-16,800.00
--- file payments.csv
payment_id,tax_code,tax,year,paid_on,amount
P1,BNCGNN60C03L219K,IMU,2024,2024-12-16,800.00
--- stdout
act_id,tax_code,tax,year,installment,tributo,unit_id,due_date,amount_due,paid,paid_late,unpaid,violation,days_late,last_paid_on,regime,sanction,interest,deadline
ACC-IMU-2024-BNCGNN60C03L219K,BNCGNN60C03L219K,IMU,2024,1,3918,L219F9,2024-06-17,800.00,800.00,800.00,0.00,late,182,2024-12-16,pre_dlgs87,240.00,9.97,2029-12-31
ACC-IMU-2024-BNCGNN60C03L219K,BNCGNN60C03L219K,IMU,2024,2,3918,L219F9,2024-12-16,800.00,0.00,0.00,800.00,omitted,0,,post_dlgs87,200.00,8.76,2029-12-31
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,1600.00,800.00,800.00,440.00,18.73,0.00,0.00,1258.73,2025-08-29,2025-06-30,partial,440.00,,,,draft
