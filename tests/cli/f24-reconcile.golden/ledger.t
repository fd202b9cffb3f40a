exit: 0
# With --db the payments go to the ledger; the same supply imported again
# records nothing new; a later supply's G9 cancels the recorded payment.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: esattore-db -q init l.db
cmd: f24-reconcile --quiet --db l.db basic.txt > /dev/null
cmd: f24-reconcile --db l.db basic.txt 2>&1 >/dev/null | grep -E 'already|ledger:'
cmd: f24-reconcile --db l.db g9-later.txt 2>&1 >/dev/null | grep -E 'ledger'
cmd: sqlite3 l.db "SELECT count(*), sum(amount) FROM payments; SELECT payment_id, status, status_on FROM payments WHERE status <> 'valid' ORDER BY 1; SELECT supply_key, records FROM supplies ORDER BY 1; SELECT tool, status, rows_read FROM runs"
--- stdout
f24-reconcile: basic.txt: supply F205-20250110-01 already imported: nothing new will be recorded
f24-reconcile: ledger: 0 payments recorded, 13 already there, 0 conflicting, 0 earlier payments cancelled or restored
f24-reconcile: g9-later.txt:2 (G9): cancellation of ledger payment F24-F205-2025010801-20250107-2025011001-000003-01
f24-reconcile: ledger: 0 payments recorded, 0 already there, 0 conflicting, 1 earlier payments cancelled or restored
13|674034
F24-F205-2025010801-20250107-2025011001-000003-01|cancelled|2025-01-17
F24-F205-2025010801-20250107-2025011001-000006-01|cancelled|2025-01-09
F205-20250110-01|23
F205-20250120-01|3
f24-reconcile|ok|23
f24-reconcile|ok|23
f24-reconcile|ok|3
