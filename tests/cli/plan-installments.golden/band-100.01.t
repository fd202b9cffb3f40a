exit: 0
# 100.01: up to 4 (the default is the band's maximum).  10,001 / 4 = 2,500
# cents, the last 25.01.  Interest 2 %: 51, 82, 112, 143 days:
# 25.00 x 0.02 x 51/365 = 0.0699 -> 0.07; x 82/365 = 0.1123 -> 0.11;
# x 112/365 = 0.1534 -> 0.15; 25.01 x 0.02 x 143/365 = 0.1960 -> 0.20.
cmd: plan-installments --amount 100.01 --as-of 2025-03-10
--- stdout
installment,due_date,principal,interest,amount
1,2025-04-30,25.00,0.07,25.07
2,2025-05-31,25.00,0.11,25.11
3,2025-06-30,25.00,0.15,25.15
4,2025-07-31,25.01,0.20,25.21
--- stderr
plan-installments: 4 instalments (band 2-4), interest 0.53, total 100.54
