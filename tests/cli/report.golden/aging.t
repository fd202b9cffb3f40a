# Open debt by age on 2025-06-30 (earliest due date of each position):
#   2024-06-17 (900.00 open): 1 to 2 years; 2023-06-16 (100.00): 2 to 3 years;
#   2022-06-16 (500.00) and 2021-06-16 (300.00): 3 to 5 years, 800.00;
#   2020-06-16 (200.00): over 5 years.  Acts paid in full are not open.
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: report --db x.db --kind aging --as-of 2025-06-30
--- stdout
phase,age,positions,open
S1,1 to 2 years,1,900.00
S1,2 to 3 years,1,100.00
S1,3 to 5 years,2,800.00
S1,over 5 years,1,200.00
