exit: 0
# 500.01: 5 to 12.  4 is refused; 5 gives 100.00 x 4 + 100.01, interest
# 100.00 x 0.02 x 51/365 = 0.2795 -> 0.28; 82: 0.4493 -> 0.45; 112: 0.6137 -> 0.61;
# 143: 0.7836 -> 0.78; 100.01 x 0.02 x 174/365 = 0.9535 -> 0.95.
cmd: plan-installments --amount 500.01 --as-of 2025-03-10 --months 4 || echo refused $?
cmd: plan-installments --amount 500.01 --as-of 2025-03-10 --months 5
--- stdout
refused 2
installment,due_date,principal,interest,amount
1,2025-04-30,100.00,0.28,100.28
2,2025-05-31,100.00,0.45,100.45
3,2025-06-30,100.00,0.61,100.61
4,2025-07-31,100.00,0.78,100.78
5,2025-08-31,100.01,0.95,100.96
--- stderr
plan-installments: refused: a debt of 500.01 allows 5 to 12 monthly instalments, not 4 (L. 160/2019 c. 796)
plan-installments: 5 instalments (band 5-12), interest 3.07, total 503.08
