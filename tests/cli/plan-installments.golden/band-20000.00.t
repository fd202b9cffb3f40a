# 20,000.00: 25 to 36; 37 is refused.
cmd: plan-installments --amount 20000.00 --as-of 2025-03-10 --months 37
exit: 2
--- stderr
plan-installments: refused: a debt of 20000.00 allows 25 to 36 monthly instalments, not 37 (L. 160/2019 c. 796)
