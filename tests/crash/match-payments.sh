# Crash test of `match-payments --db`: the sample's F24 payments (loaded
# beforehand), pagoPA flows and treasury journals, matched into the ledger.
prepare() {
	esattore-db -q init "$1/l.db"
	f24-reconcile --db "$1/l.db" --quiet "$TESTDATA"/sample/f24/*.txt > "$1/payments.csv"
}
step() {
	match-payments --db "$1/l.db" --quiet "$1/payments.csv" "$TESTDATA"/sample/pagopa/*.xml \
		"$TESTDATA"/sample/treasury/*.xml > "$1/allocations.csv"
}
