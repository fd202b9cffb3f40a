exit: 0
# --as-of needs a date, and only filters what --emit writes.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --emit units --as-of 2024-02-30 "B157_supply.FAB"; echo "exit $?"
cmd: import-cadastre --db l.db --as-of 2024-01-01 "B157_supply.FAB"; echo "exit $?"
cmd: test -e l.db || echo "no ledger created"
--- stdout
exit 2
exit 2
no ledger created
--- stderr
import-cadastre: --as-of: '2024-02-30' is not a date (YYYY-MM-DD)
Try 'import-cadastre --help' for more information.
import-cadastre: --as-of applies to --emit
Try 'import-cadastre --help' for more information.
