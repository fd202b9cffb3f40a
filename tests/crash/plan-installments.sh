# Crash test of `plan-installments --post`: 30 acts, a 12-instalment plan each.
prepare() {
	esattore-db -q init "$1/l.db"
	awk 'BEGIN {
		print "BEGIN;"
		for (i = 0; i < 30; i++) {
			printf "INSERT INTO acts(act_id,act_type,tax_code,tax,year,tax_due,tax_unpaid,total,issued_on,notified_on) VALUES (\047P%02d\047,\047accertamento\047,\047RSSMRA80A01H501U\047,\047IMU\047,2022,250000,250000,250000,\0472024-12-01\047,\0472024-12-30\047);\n", i
			printf "INSERT INTO positions(tax_code,tax,year,phase,act_id,amount_due) VALUES (\047RSSMRA80A01H501U\047,\047IMU\047,2022,\047S2\047,\047P%02d\047,250000);\n", i
		}
		print "COMMIT;"
	}' | sqlite3 "$1/l.db"
	awk 'BEGIN { print "act_id,months"; for (i = 0; i < 30; i++) printf "P%02d,12\n", i }' > "$1/req.csv"
}
step() {
	plan-installments --db "$1/l.db" --ente "$TESTDATA/coercive/ente.ini" --as-of 2025-01-15 --post -q \
		"$1/req.csv" > "$1/plans.csv"
}
