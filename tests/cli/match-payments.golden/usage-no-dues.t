# Without --dues, --db or ESATTORE_DB there is nothing to match against.
cmd: match-payments p.csv
exit: 2
--- stderr
match-payments: give the dues with --dues FILE or a ledger with --db FILE
Try 'match-payments --help' for more information.
