exit: 0
# --notices: notices already issued (by a previous system, or esattore-synth's
# notices.csv) keep their numbers when --post records them, so that payments
# made with them find their position.  Two households of 3 in 100 m², all of
# 2025, tariff of tari-household-3: TARI 118.20 -> 59.10 + 59.10, TEFA 5.91 ->
# 2.95 + 2.96, so notice 1 is 62.05 and notice 2 is 62.06 for each.
# The issued numbers (aux 3, segregation 01, base 9000000000000 and
# 9000000000001; check digits mod 93, pagopa.md §1):
#   3019000000000000 = 32462365591397 x 93 + 79 -> 301900000000000079
#   3019000000000001 = 32462365591397 x 93 + 80 -> 301900000000000180
# RSSMRA's installment 1 is listed twice with the same number (a TARI and a
# TEFA line of one notice): accepted.  The 2024 row is left aside.  BNCLCU's
# row has a wrong check digit (81): rejected, and BNCLCU's notices take the
# sequence's first numbers: seq 1, 2 -> 301000000000000144, 301000000000000245.
# Rerunning posts nothing new and keeps every number.  Without --post,
# --notices is a usage error (exit 2).
cmd: esattore-db -q init l.db
cmd: compute-dues --db l.db --tax tari --year 2025 --rates tariff.csv --ente ente.ini --notices issued.csv --post users.csv > /dev/null; echo "exit $?"
cmd: compute-dues --db l.db --tax tari --year 2025 --rates tariff.csv --ente ente.ini --notices issued.csv --post --quiet users.csv > /dev/null; echo "exit $?"
cmd: sqlite3 l.db "SELECT p.tax_code, n.installment, n.amount, n.notice_number, n.iuv FROM notices n JOIN positions p USING (position_id) ORDER BY p.tax_code, n.installment"
cmd: compute-dues --db l.db --tax tari --year 2025 --rates tariff.csv --notices issued.csv users.csv; echo "exit $?"
--- file ente.ini
[ente]
name=Comune di Esempio
tax_code=01199250158
belfiore=F205
[pagopa]
segregation_code=01
--- file tariff.csv
year,kind,members,category,quota_fixed,k_fixed,quota_variable,k_variable,rate,installment,due_date,share
2025,domestic,3,,0.40,1.08,37.50,2.00,,,,
2025,tefa,,,,,,,5,,,
2025,installment,,,,,,,,1,2025-07-31,50
2025,installment,,,,,,,,2,2025-12-16,50
--- file users.csv
tax_code,user_type,unit_id,members,surface_m2,from,to
RSSMRA85T10F205R,domestic,F205F1,3,100,2015-03-01,
BNCLCU70A41F205V,domestic,F205F2,3,100,2015-03-01,
--- file issued.csv
tax_code,tax,year,installment,notice_number,amount
RSSMRA85T10F205R,TARI,2025,1,301900000000000079,62.05
rssmra85t10f205r,TARI,2025,1,301900000000000079,62.05
RSSMRA85T10F205R,TARI,2025,2,301900000000000180,62.06
RSSMRA85T10F205R,TARI,2024,1,301800000000000000,60.00
BNCLCU70A41F205V,TARI,2025,1,301900000000000081,62.05
--- stdout
exit 1
exit 1
BNCLCU70A41F205V|1|6205|301000000000000144|01000000000000144
BNCLCU70A41F205V|2|6206|301000000000000245|01000000000000245
RSSMRA85T10F205R|1|6205|301900000000000079|01900000000000079
RSSMRA85T10F205R|2|6206|301900000000000180|01900000000000180
exit 2
--- stderr
compute-dues: issued.csv:6: notice_number: bad notice number '301900000000000081': check digits are 81, expected 79
compute-dues: issued.csv: 1 rows of other taxes or years, or without a number, left aside
compute-dues: posted 2 positions; notices: 4 new, 0 updated, 0 cancelled
compute-dues: read 7, written 6, rejected 1
compute-dues: issued.csv:6: notice_number: bad notice number '301900000000000081': check digits are 81, expected 79
compute-dues: --notices needs --post
Try 'compute-dues --help' for more information.
