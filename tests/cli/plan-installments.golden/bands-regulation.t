# An ente's regulation may change the bands (--bands), but not below c. 797:
# above 6,000.01 the maximum must be at least 36.  With its own table allowing
# up to 6 instalments from 50.01, a debt of 80.00 gets 6: 8,000 / 6 = 1,333
# cents x 5 = 6,665, the last 1,335; interest 2 % from 11 Mar: the first
# 13.33 x 0.02 x 51/365 = 0.0373 -> 0.04; the last (30 Sep, 204 days)
# 13.35 x 0.02 x 204/365 = 0.1492 -> 0.15.  The table whose last band stops
# at 24 is refused (exit 2).
cmd: plan-installments --bands ok.csv --amount 80.00 --as-of 2025-03-10 -q | sed -n '1,2p;$p'
cmd: plan-installments --bands bad.csv --amount 80.00 --as-of 2025-03-10
exit: 2
--- file ok.csv
debt_from_eur,debt_to_eur,min_instalments,max_instalments,legal_basis,source
0.00,50.00,0,0,Regolamento entrate art. 12,Delibera C.C. 1/2025
50.01,6000.00,2,6,Regolamento entrate art. 12,Delibera C.C. 1/2025
6000.01,,2,36,Regolamento entrate art. 12; L. 160/2019 c. 797,Delibera C.C. 1/2025
--- file bad.csv
debt_from_eur,debt_to_eur,min_instalments,max_instalments,legal_basis,source
0.00,50.00,0,0,Regolamento entrate art. 12,Delibera C.C. 1/2025
50.01,,2,24,Regolamento entrate art. 12,Delibera C.C. 1/2025
--- stdout
installment,due_date,principal,interest,amount
1,2025-04-30,13.33,0.04,13.37
6,2025-09-30,13.35,0.15,13.50
--- stderr
plan-installments: bad.csv, line 3: the band allows at most 24 instalments, but debts from 6000.01 must allow at least 36 (L. 160/2019 c. 797)
