# Crash test of `f24-reconcile --db`: the F24 supplies of the sample municipality.
prepare() {
	esattore-db -q init "$1/l.db"
}
step() {
	f24-reconcile --db "$1/l.db" --quiet "$TESTDATA"/sample/f24/*.txt > "$1/payments.csv"
}
