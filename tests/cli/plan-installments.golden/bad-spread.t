# c. 802: instalment interest is at most the legal rate + 2 points.
cmd: plan-installments --amount 1000 --as-of 2025-03-10 --spread 2.5
exit: 2
--- stderr
plan-installments: an instalment interest spread of 2.5000 points is outside 0.0000..2.0000 (L. 160/2019 c. 802)
