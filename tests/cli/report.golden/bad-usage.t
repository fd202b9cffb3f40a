# Misuse exits 2: no --kind, an unknown kind, a bad format, an empty key.
cmd: report --db x.db 2>&1 | head -1; report --db x.db --kind money 2>&1 | head -1
cmd: report --db x.db --kind runs --format pdf 2>&1 | head -1
cmd: report --db x.db --kind runs --pseudonymise ''; echo "exit $?"
--- stdout
report: --kind is required
report: --kind: 'money' is not collection, aging, fcde, reconciliation, notifications or runs
report: --format: 'pdf' is not csv or html
exit 2
--- stderr
report: --pseudonymise: the key is empty
Try 'report --help' for more information.
