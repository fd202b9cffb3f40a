exit: 0
# law.md §8.1, variants: the actual basis (2024 segment on 366 days):
# 375/366 + 3620/365 = 1.024590 + 9.917808 = 10.942399 -> 10.94;
# then the +1 point spread: (525 + 5430)/365 = 16.315068 -> 16.32.
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30 --day-count actual --quiet
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30 --spread 1 --quiet
--- file dues.csv
tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,3918,L219F9,2,2024-12-16,1000.00
--- file payments.csv
payment_id,tax_code,tax,year,paid_on,amount
--- stdout
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,1000.00,0.00,1000.00,250.00,10.94,0.00,0.00,1260.94,2025-08-29,2025-06-30,omitted,250.00,,,,draft
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,1000.00,0.00,1000.00,250.00,16.32,0.00,0.00,1266.32,2025-08-29,2025-06-30,omitted,250.00,,,,draft
