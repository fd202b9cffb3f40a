exit: 0
# Loading the same supply twice changes nothing: the second run skips every
# file by its SHA-256 and the ledger is the same.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --db l.db --quiet B157_supply.* 2>/dev/null; echo "exit $?"
cmd: sqlite3 l.db "SELECT count(*) FROM subjects; SELECT count(*) FROM unit_situations; SELECT count(*) FROM titles" > before
cmd: import-cadastre --db l.db B157_supply.*; echo "exit $?"
cmd: sqlite3 l.db "SELECT count(*) FROM subjects; SELECT count(*) FROM unit_situations; SELECT count(*) FROM titles" > after
cmd: cat after; cmp before after && echo same
cmd: sqlite3 l.db "SELECT run_id, status, rows_read, rows_written, rows_rejected FROM runs"
--- stdout
exit 1
exit 0
6
8
12
same
1|rejects|43|41|2
2|ok|0|0|0
--- stderr
import-cadastre: B157_supply.FAB: already loaded into the ledger (same SHA-256): skipped
import-cadastre: B157_supply.SOG: already loaded into the ledger (same SHA-256): skipped
import-cadastre: B157_supply.TER: already loaded into the ledger (same SHA-256): skipped
import-cadastre: B157_supply.TIT: already loaded into the ledger (same SHA-256): skipped
import-cadastre: read 0, written 0, rejected 0
