exit: 0
# A paper notice is recorded in the ledger only when it goes into a print
# file: a first run without --print-file reports N04 and records nothing
# for it, a second run with --print-file prints it, a third skips it (its print file has the header only).
cmd: esattore-db -q init l.db
cmd: send-notices -q --db l.db --channel maildir --out-dir md --from t@comune.example.it --segment notice_id=N04 "$TESTDATA/send/notices.csv" | grep '^N04' | cut -d, -f1-5
cmd: send-notices -q --db l.db --channel maildir --out-dir md --from t@comune.example.it --segment notice_id=N04 --print-file p.csv "$TESTDATA/send/notices.csv" | grep '^N04' | cut -d, -f1-5
cmd: send-notices -q --db l.db --channel maildir --out-dir md --from t@comune.example.it --segment notice_id=N04 --print-file p2.csv "$TESTDATA/send/notices.csv" | grep '^N04' | cut -d, -f1-4
cmd: cut -d, -f1 p.csv; cat p2.csv
--- stdout
N04,,paper,paper,no address; no --print-file: not recorded
N04,,paper,paper,print file
N04,,paper,skipped
notice_id
N04
notice_id,act_type,tax_code,name,address,pec,email,subject_text,installment,notice_number,amount,due_date
