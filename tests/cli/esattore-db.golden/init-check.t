exit: 0
# A new ledger is created 0600 and checks clean.
cmd: { esattore-db init l.db && esattore-db check l.db && stat -c %a l.db; } 2>&1 | sed "s/version [0-9][0-9]*/version N/"
--- stdout
esattore-db: l.db: ledger created at schema version N
esattore-db: l.db: ok
600
