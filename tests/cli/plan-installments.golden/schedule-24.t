exit: 0
# law.md §8.5: 4,500.00 / 24 = 187.50 each, exactly.  Spread +2 points
# (4 %): instalment 1, 51 days: 187.50 x 0.04 x 51/365 = 1.0479 -> 1.05;
# instalment 24 (31 Mar 2027, 751 days): 187.50 x 0.04 x 751/365 = 15.4315 -> 15.43.
cmd: plan-installments --amount 4500.00 --as-of 2025-03-10 --spread 2 | sed -n '1,2p;$p'
--- stdout
installment,due_date,principal,interest,amount
1,2025-04-30,187.50,1.05,188.55
24,2027-03-31,187.50,15.43,202.93
--- stderr
plan-installments: 24 instalments (band 13-24), interest 198.08, total 4698.08
