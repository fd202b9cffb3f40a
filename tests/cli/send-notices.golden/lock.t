exit: 0
# One send-notices at a time per ledger: while another process holds the
# ledger's flock (here flock(1) standing in for a running send-notices),
# a second run stops at once with exit 2 and sends nothing.
cmd: esattore-db -q init l.db
cmd: flock l.db send-notices --db l.db --channel maildir --out-dir md --from t@comune.example.it "$TESTDATA/send/notices.csv"; echo "status $?"; test -e md || echo "md not created"
--- stdout
status 2
md not created
--- stderr
send-notices: l.db: another send-notices is running on this ledger
