# Crash test of `assess --post`: the ledger of tests/cli/assess.golden/db-post-sgravio.t,
# assessed for 2024 with PEC notification.
prepare() {
	esattore-db -q init "$1/l.db"
	awk '/^--- file ledger.sql$/ { on = 1; next } /^--- / { on = 0 } on' \
		"$ESATTORE_SRCDIR/tests/cli/assess.golden/db-post-sgravio.t" | sqlite3 "$1/l.db"
	awk '/^--- file ente.ini$/ { on = 1; next } /^--- / { on = 0 } on' \
		"$ESATTORE_SRCDIR/tests/cli/assess.golden/db-post-sgravio.t" > "$1/ente.ini"
}
step() {
	assess --db "$1/l.db" --ente "$1/ente.ini" --tax imu --year 2024 --as-of 2025-06-30 \
		--notification pec --post --quiet > "$1/acts.csv"
}
