# Collection by tax, year and phase.  IMU 2024 S1: due 2000.00, collected
# 1000.00 + 100.00 = 1100.00, rate 1100/2000 = 55.00 %.  TARI 2024: 150.00
# paid on 100.00 due (100.00 MATCHED + 50.00 OVERPAID): collected 100.00,
# rate 100.00 %, excess 50.00.
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: report --db x.db --kind collection --year 2024
cmd: report --db x.db --kind collection --year 2024 --locale it | tail -1
--- stdout
tax,year,phase,positions,due,collected,open,excess,collection_rate
IMU,2024,S1,1,2000.00,1100.00,900.00,0.00,55.00
TARI,2024,S1,1,100.00,100.00,0.00,50.00,100.00
TARI;2024;S1;1;100,00;100,00;0,00;50,00;100,00
