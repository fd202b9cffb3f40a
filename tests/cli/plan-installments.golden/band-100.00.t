# c. 796: a debt of 100.00 cannot be put into instalments: refused, exit 2.
cmd: plan-installments --amount 100.00 --as-of 2025-03-10
exit: 2
--- stderr
plan-installments: refused: a debt of 100.00 cannot be paid in instalments: debts up to 100.00 are excluded (L. 160/2019 c. 796)
