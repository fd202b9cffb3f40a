exit: 0
# 20,000.01: 37 to 72; 36 is refused.  The default, 72: 2,000,001 / 72 =
# 27,777 cents (truncated) x 71 = 1,972,167; the last 2,000,001 - 1,972,167 =
# 27,834 = 278.34, due 31 Mar 2031 (72 months after March 2025), 2,212 days
# after 10 Mar 2025: 278.34 x 0.02 x 2212/365 = 33.7363 -> 33.74.
cmd: plan-installments --amount 20000.01 --as-of 2025-03-10 --months 36 || echo refused $?
cmd: plan-installments --amount 20000.01 --as-of 2025-03-10 | sed -n '2p;$p'
--- stdout
refused 2
1,2025-04-30,277.77,0.78,278.55
72,2031-03-31,278.34,33.74,312.08
--- stderr
plan-installments: refused: a debt of 20000.01 allows 37 to 72 monthly instalments, not 36 (L. 160/2019 c. 796)
plan-installments: 72 instalments (band 37-72), interest 1240.83, total 21240.84
