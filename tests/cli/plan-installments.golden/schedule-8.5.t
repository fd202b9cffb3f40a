exit: 0
# law.md §8.5: 4,500.00 in 13 instalments granted on 10 Mar 2025.
# Principal: 450,000 / 13 = 34,615 cents (truncated) for 1-12 = 4,153.80; the
# 13th is 4,500.00 - 4,153.80 = 346.20 (C3).  Due at each month end (c. 801).
# Interest at the 2.0 % in force on the grant date, on each instalment's
# principal from 11 Mar, 365 days, rounded once:
#  1 30 Apr 2025   51 days: 346.15 x 0.02 x 51/365  = 0.9673 -> 0.97
#  2 31 May       82 days:                           = 1.5553 -> 1.56
#  3 30 Jun      112 days:                           = 2.1243 -> 2.12
#  4 31 Jul      143 days:                           = 2.7123 -> 2.71
#  5 31 Aug      174 days:                           = 3.3003 -> 3.30
#  6 30 Sep      204 days:                           = 3.8693 -> 3.87
#  7 31 Oct      235 days:                           = 4.4573 -> 4.46
#  8 30 Nov      265 days:                           = 5.0263 -> 5.03
#  9 31 Dec      296 days:                           = 5.6143 -> 5.61
# 10 31 Jan 2026 327 days:                           = 6.2022 -> 6.20
# 11 28 Feb 2026 355 days:                           = 6.7333 -> 6.73
# 12 31 Mar 2026 386 days:                           = 7.3213 -> 7.32
# 13 30 Apr 2026 416 days: 346.20 x 0.02 x 416/365   = 7.8915 -> 7.89
cmd: plan-installments --amount 4500 --as-of 2025-03-10 --months 13
--- stdout
installment,due_date,principal,interest,amount
1,2025-04-30,346.15,0.97,347.12
2,2025-05-31,346.15,1.56,347.71
3,2025-06-30,346.15,2.12,348.27
4,2025-07-31,346.15,2.71,348.86
5,2025-08-31,346.15,3.30,349.45
6,2025-09-30,346.15,3.87,350.02
7,2025-10-31,346.15,4.46,350.61
8,2025-11-30,346.15,5.03,351.18
9,2025-12-31,346.15,5.61,351.76
10,2026-01-31,346.15,6.20,352.35
11,2026-02-28,346.15,6.73,352.88
12,2026-03-31,346.15,7.32,353.47
13,2026-04-30,346.20,7.89,354.09
--- stderr
plan-installments: 13 instalments (band 13-24), interest 57.77, total 4557.77
