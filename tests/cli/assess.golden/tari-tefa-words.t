exit: 0
# TARI 2024 with TEFA rows (assessed with TARI), and IMU installment words with
# a negative saldo.
# TARI: installment 2 (16 Dec 2024) of 100.00 TARI + 5.00 TEFA unpaid, the
#   first paid on time by pagoPA (105.00 for both):
#   line TARI: 100 x 25 % = 25.00; interest 100 x 3.995/365 = 1.094521 -> 1.09
#   line TEFA: 5 x 25 % = 1.25; interest 5 x 3.995/365 = 0.054726 -> 0.05
#   act: 105.00 + 26.25 + 1.14 = 132.39, partial (105.00 of 210.00 paid).
cmd: assess --dues d.csv --payments p.csv --tax tari --year 2024 --as-of 2025-06-30 --quiet
# IMU: acconto 300.00 (17 Jun 2024) paid, saldo -20.00 (a credit): the acconto
#   due is 280.00, so 20.00 was paid in excess: not an act, and under the 12.00
#   minimum (c. 168) not a refund either; --min-amount 10 reports it.
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024 --as-of 2025-06-30 --quiet --min-amount 10 --report -
--- file d.csv
tax_code,tax,year,tributo,installment,due_date,amount_due
BNCGNN60C03L219K,TARI,2024,3944,1,2024-07-31,100.00
BNCGNN60C03L219K,TEFA,2024,TEFA,1,2024-07-31,5.00
BNCGNN60C03L219K,TARI,2024,3944,2,2024-12-16,100.00
BNCGNN60C03L219K,TEFA,2024,TEFA,2,2024-12-16,5.00
RSSMRA80A01H501U,IMU,2024,3918,acconto,2024-06-17,300.00
RSSMRA80A01H501U,IMU,2024,3918,saldo,2024-12-16,-20.00
--- file p.csv
payment_id,tax_code,tax,year,paid_on,amount
PA1,BNCGNN60C03L219K,TARI,2024,2024-07-31,105.00
F1,RSSMRA80A01H501U,IMU,2024,2024-06-17,300.00
--- stdout
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-TARI-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,TARI,2024,210.00,105.00,105.00,26.25,1.14,0.00,0.00,132.39,2025-08-29,2025-06-30,partial,26.25,,,,draft
tax_code,tax,year,reason,tax_unpaid,sanction,interest,total,deadline,detail
RSSMRA80A01H501U,IMU,2024,excess-payment,-20.00,0.00,0.00,-20.00,,paid beyond everything due for the year: a possible refund (L. 296/2006 c. 164)
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
