# Crash test of `track-notifications --post`: 200 acts, a CAD and a collection each.
prepare() {
	esattore-db -q init "$1/l.db"
	awk 'BEGIN {
		print "BEGIN;"
		for (i = 0; i < 200; i++)
			printf "INSERT INTO acts(act_id,act_type,tax_code,tax,year,tax_due,tax_unpaid,total,issued_on,due_on) VALUES (\047T%03d\047,\047accertamento\047,\047RSSMRA80A01H501U\047,\047IMU\047,2022,10000,10000,10000,\0472024-12-01\047,\0472025-01-30\047);\n", i
		print "COMMIT;"
	}' | sqlite3 "$1/l.db"
	awk 'BEGIN { print "act_id,channel,event,event_date"
		for (i = 0; i < 200; i++) printf "T%03d,post,CAD,2024-12-20\nT%03d,post,RITIRO,2024-12-2%d\n", i, i, i % 10 }' > "$1/ev.csv"
}
step() {
	track-notifications --db "$1/l.db" --post -q "$1/ev.csv" > "$1/out.csv"
}
