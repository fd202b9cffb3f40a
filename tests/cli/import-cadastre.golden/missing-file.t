exit: 0
# An input that cannot be opened is an I/O failure: exit 3, the run is rolled back
# (the supply loaded before it is not in the ledger) and the run log says so.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --db l.db "B157_supply.SOG" nosuch.TIT; echo "exit $?"
cmd: sqlite3 l.db "SELECT count(*) FROM subjects; SELECT tool, status FROM runs"
--- stdout
exit 3
0
import-cadastre|failed
--- stderr
import-cadastre: nosuch.TIT: No such file or directory
