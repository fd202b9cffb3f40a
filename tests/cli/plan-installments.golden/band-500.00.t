# 500.00 is still in the 'up to 4' band: 5 instalments are refused.
cmd: plan-installments --amount 500.00 --as-of 2025-03-10 --months 5
exit: 2
--- stderr
plan-installments: refused: a debt of 500.00 allows 2 to 4 monthly instalments, not 5 (L. 160/2019 c. 796)
