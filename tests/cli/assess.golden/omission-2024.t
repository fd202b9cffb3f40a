exit: 0
# IMU 2024, acconto and saldo of 800.00 each, nothing paid; act on 30 Jun 2025,
# notified by PEC.  The acconto due date is given as Sun 16 Jun 2024: it moves
# to Mon 17 Jun 2024 (C4), a violation before 1 Sep 2024: 30 %.
#   acconto: 800 x 30 % = 240.00; interest 18 Jun-31 Dec 2024 = 197 days at
#            2.5 % (3940/365) + 1 Jan-30 Jun 2025 = 181 days at 2 % (2896/365)
#            = 6836/365 = 18.728767 -> 18.73
#   saldo (16 Dec 2024, after 1 Sep 2024): 800 x 25 % = 200.00; interest
#            (800 x 0.025 x 15 + 800 x 0.02 x 181)/365 = 3196/365 = 8.756164 -> 8.76
#   act: 1600.00 + 440.00 + 27.49 + PEC 2.00 = 2069.49, due 30 Jun 2025 + 60 days
#        = 29 Aug 2025.  The other subject paid both on time: no act.
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30 --notification pec --details details.csv
cmd: cat details.csv
--- file dues.csv
tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due
RSSMRA80A01H501U,IMU,2024,3918,F205F1,1,2024-06-16,800.00
RSSMRA80A01H501U,IMU,2024,3918,F205F1,2,2024-12-16,800.00
VRDLGU70B02F205X,IMU,2024,3918,F205F2,1,2024-06-17,300.00
VRDLGU70B02F205X,IMU,2024,3918,F205F2,2,2024-12-16,300.00
VRDLGU70B02F205X,IMU,2023,3918,F205F2,2,2023-12-18,300.00
--- file payments.csv
payment_id,source,tax_code,tax,year,tributo,paid_on,amount
F1,F24,VRDLGU70B02F205X,IMU,2024,3918,2024-06-17,300.00
F2,F24,VRDLGU70B02F205X,IMU,2024,3918,2024-12-16,300.00
--- stdout
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-RSSMRA80A01H501U,accertamento,RSSMRA80A01H501U,IMU,2024,1600.00,0.00,1600.00,440.00,27.49,2.00,0.00,2069.49,2025-08-29,2025-06-30,omitted,440.00,pec,,,draft
act_id,tax_code,tax,year,installment,tributo,unit_id,due_date,amount_due,paid,paid_late,unpaid,violation,days_late,last_paid_on,regime,sanction,interest,deadline
ACC-IMU-2024-RSSMRA80A01H501U,RSSMRA80A01H501U,IMU,2024,1,3918,F205F1,2024-06-17,800.00,0.00,0.00,800.00,omitted,0,,pre_dlgs87,240.00,18.73,2029-12-31
ACC-IMU-2024-RSSMRA80A01H501U,RSSMRA80A01H501U,IMU,2024,2,3918,F205F1,2024-12-16,800.00,0.00,0.00,800.00,omitted,0,,post_dlgs87,200.00,8.76,2029-12-31
--- stderr
assess: read 7, written 7, rejected 0
assess: acts 1, reported 0
