# §3.7 non-domestic: category 24 (bar), 80 m², Qapf 0.90, Kc 5.00, Cu 0.25
# €/kg, Kd 41.00 kg/m²; TEFA 5 %; one installment of 100 %, no single
# payment: one row per installment and tributo.
#   fixed 0.90 x 80 x 5.00 = 360.00; variable 0.25 x 80 x 41.00 = 820.00
#   TARI 1180.00, TEFA 1180.00 x 5 % = 59.00
# The same bar opened on 1 October 2025 owes 92 of 365 days:
#   1180.00 x 92 / 365 = 297.424... -> 297.42; TEFA 5 % = 14.871 -> 14.87
# F24 lines: 3944 1180.00 + 297.42 = 1477.42 (1477); TEFA 59.00 + 14.87 = 73.87 (74)
# The explain columns show the computation.  A row with a bad category is
# rejected and counted.
cmd: esattore-db -q init l.db
cmd: compute-dues --db l.db --tax tari --year 2025 --rates tariff.csv --explain
exit: 1
--- file tariff.csv
year,kind,members,category,quota_fixed,k_fixed,quota_variable,k_variable,rate,installment,due_date,share
2025,non_domestic,,24,0.90,5.00,0.25,41.00,,,,
2025,tefa,,,,,,,5,,,
2025,installment,,,,,,,,1,2025-09-30,100
--- stdin
tax_code,user_type,category,surface_m2,from,to,note
01234567897,non_domestic,24,80,2010-01-01,,bar
01234567897,non_domestic,24,80,2025-10-01,,second bar
GLLNTN75E10F205W,N,bar,50,2010-01-01,,
--- stdout
tax_code,tax,year,tributo,unit_id,basis,rate,months,share,installment,due_date,amount_due,amount_payable,category,multiplier,use,rate_source,share_source,reductions,detail,legal_ref
01234567897,TARI,2025,3944,,,,,,1,2025-09-30,1180.00,,"non_domestic, category 24",,non_domestic,tariff.csv:2,,,fixed 80.00 m2 x Qapf 0.900000 x Kc 5.0000 = 360.00; variable Cu 0.250000 x 80.00 m2 x Kd 41.0000 = 820.00; days 365/365,D.P.R. 158/1999 All. 1 p. 4; L. 147/2013 c. 651-652
01234567897,TARI,2025,3944,,,,,,1,2025-09-30,297.42,1477.00,"non_domestic, category 24",,non_domestic,tariff.csv:2,,,fixed 80.00 m2 x Qapf 0.900000 x Kc 5.0000 = 360.00; variable Cu 0.250000 x 80.00 m2 x Kd 41.0000 = 820.00; days 92/365,D.P.R. 158/1999 All. 1 p. 4; L. 147/2013 c. 651-652
01234567897,TARI,2025,TEFA,,,5.00,,,1,2025-09-30,59.00,,"non_domestic, category 24",,non_domestic,tariff.csv:2,,,fixed 80.00 m2 x Qapf 0.900000 x Kc 5.0000 = 360.00; variable Cu 0.250000 x 80.00 m2 x Kd 41.0000 = 820.00; days 365/365; TEFA on the TARI,art. 19 D.Lgs. 504/1992; L. 147/2013 c. 666
01234567897,TARI,2025,TEFA,,,5.00,,,1,2025-09-30,14.87,74.00,"non_domestic, category 24",,non_domestic,tariff.csv:2,,,fixed 80.00 m2 x Qapf 0.900000 x Kc 5.0000 = 360.00; variable Cu 0.250000 x 80.00 m2 x Kd 41.0000 = 820.00; days 92/365; TEFA on the TARI,art. 19 D.Lgs. 504/1992; L. 147/2013 c. 666
--- stderr
compute-dues: <stdin>:4: category: 'bar' is not a non-domestic category (1..99)
compute-dues: read 3, written 2, rejected 1
