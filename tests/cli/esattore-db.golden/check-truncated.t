exit: 0
# A ledger cut short (its second half lost): check fails, exit non-zero.
cmd: esattore-db -q init l.db && sqlite3 l.db "INSERT INTO subjects(subject_id,kind) SELECT 'S'||value,'P' FROM generate_series(1,2000)" 2>/dev/null || sqlite3 l.db "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<2000) INSERT INTO subjects(subject_id,kind) SELECT 'S'||x,'P' FROM c"
cmd: sqlite3 l.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null; size=$(stat -c %s l.db); head -c $((size / 2)) l.db > cut.db; esattore-db check cut.db >/dev/null 2>&1; s=$?; test $s -ne 0 && echo "exit non-zero"
--- stdout
exit non-zero
