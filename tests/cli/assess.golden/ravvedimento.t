exit: 0
# law.md §8.3: saldo 2024 of 600.00 due 16 Dec 2024, paid with ravvedimento on
# 20 Jan 2025 (d = 35, intermedio 1/9 of 12.5 %): 600 + 8.33 + 1.27 = 609.60
# extinguishes the violation: no act.  The second subject paid 600.00 with the
# ravvedimento flag: it regularises 600 x 600/609.60 = 590.5512 -> 590.55 of
# tax; 9.45 stays unpaid: 25 % = 2.3625 -> 2.36, interest 9.45 x 3.995/365
# = 0.103432 -> 0.10; 11.91 < 12.00: below the minimum, reported.
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30 --report -
--- file dues.csv
tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,3918,L219F9,2,2024-12-16,600.00
RSSMRA80A01H501U,IMU,2024,3918,L219F8,2,2024-12-16,600.00
--- file payments.csv
payment_id,tax_code,tax,year,paid_on,amount,ravvedimento
R1,BNCGNN60C03L219K,IMU,2024,2025-01-20,609.60,1
R2,RSSMRA80A01H501U,IMU,2024,2025-01-20,600.00,1
--- stdout
tax_code,tax,year,reason,tax_unpaid,sanction,interest,total,deadline,detail
RSSMRA80A01H501U,IMU,2024,below-minimum,9.45,2.36,0.10,11.91,,under the minimum amount (L. 296/2006 c. 168; art. 25 L. 289/2002)
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
--- stderr
assess: read 4, written 4, rejected 0
assess: acts 0, reported 1
