# Crash test of `emit-injunctions --post`: 40 notified accertamenti (a
# sollecito or an intimazione each) and the CDS load list of testdata/coercive.
prepare() {
	esattore-db -q init "$1/l.db"
	awk 'BEGIN {
		print "BEGIN;"
		for (i = 0; i < 40; i++) {
			amt = i % 2 ? 420000 : 1200000
			printf "INSERT INTO acts(act_id,act_type,tax_code,tax,year,tax_due,tax_unpaid,total,issued_on,due_on,notified_on,notification_state) VALUES (\047A%02d\047,\047accertamento\047,\047RSSMRA80A01H501U\047,\047IMU\047,2022,%d,%d,%d,\0472024-12-01\047,\0472025-02-28\047,\0472024-12-30\047,\047notified\047);\n", i, amt, amt, amt
			printf "INSERT INTO positions(tax_code,tax,year,phase,act_id,amount_due) VALUES (\047RSSMRA80A01H501U\047,\047IMU\047,2022,\047S2\047,\047A%02d\047,%d);\n", i, amt
		}
		print "COMMIT;"
	}' | sqlite3 "$1/l.db"
}
step() {
	emit-injunctions --db "$1/l.db" --ente "$TESTDATA/coercive/ente.ini" --as-of 2025-04-01 \
		--loads "$TESTDATA/coercive/loads-cds.csv" --excluded /dev/null --post -q > "$1/acts.csv"
}
