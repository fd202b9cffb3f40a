exit: 0
# IMU 2019 saldo of 500.00 due 16 Dec 2019, never paid.  Decadenza: 31 Dec 2024,
# running on 8 Mar 2020, so + 85 days = 26 Mar 2025 (31 + 28 + 26).  On
# 27 Mar 2025 the year is past decadenza: no act, a report row instead.
#   (the report still shows what would have been due: 500 x 30 % = 150.00;
#    interest 17 Dec 2019 - 27 Mar 2025 at each year's legal rate:
#    2019 15 d x 0.8 % = 500 x 0.008 x 15 = 60
#    2020 366 d x 0.05 % = 500 x 0.0005 x 366 = 91.5
#    2021 365 d x 0.01 % = 18.25
#    2022 365 d x 1.25 % = 2281.25
#    2023 365 d x 5 % = 9125
#    2024 366 d x 2.5 % = 4575
#    2025 86 d x 2 % = 860
#    sum 17011/365 = 46.605479 -> 46.61)
# The same run one day earlier issues the act: 2025 has 85 days (850), interest
# 17001/365 = 46.578082 -> 46.58; total 696.58, due 26 Mar + 60 days = 25 May 2025.
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2019 --as-of 2025-03-27 --report -
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2019 --as-of 2025-03-26 --quiet
--- file dues.csv
tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2019,3918,L219F9,2,2019-12-16,500.00
--- file payments.csv
payment_id,tax_code,tax,year,paid_on,amount
--- stdout
tax_code,tax,year,reason,tax_unpaid,sanction,interest,total,deadline,detail
BNCGNN60C03L219K,IMU,2019,time-barred,500.00,150.00,46.61,696.61,2025-03-26,decadenza passed before the act date (L. 296/2006 c. 161)
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2019-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2019,500.00,0.00,500.00,150.00,46.58,0.00,0.00,696.58,2025-05-25,2025-03-26,omitted,150.00,,,,draft
--- stderr
assess: read 1, written 1, rejected 0
assess: acts 0, reported 1
