# Crash test of `compute-dues --post`: the sample municipality's cadastre
# (loaded beforehand), its IMU dues for 2025 posted to the ledger with their
# positions, due lines and notice numbers.  The sample plants holders with an
# invalid codice fiscale, whose titles are rejected (exit 1).
prepare() {
	esattore-db -q init "$1/l.db"
	import-cadastre --db "$1/l.db" --quiet "$TESTDATA"/sample/cadastre/* 2>/dev/null
}
step() {
	compute-dues --db "$1/l.db" --tax imu --year 2025 --rates "$TESTDATA/sample/rates.csv" \
		--residents "$TESTDATA/sample/residents.csv" --ente "$TESTDATA/sample/ente.conf" \
		--post --quiet > "$1/dues.csv" 2>/dev/null
	rc=$?
	[ $rc -eq 1 ] && return 0
	return $rc
}
