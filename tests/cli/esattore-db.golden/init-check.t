# A new ledger is created 0600 and checks clean.
cmd: esattore-db init l.db && esattore-db check l.db && stat -c %a l.db
