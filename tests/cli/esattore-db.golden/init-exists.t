# init never overwrites.
cmd: esattore-db -q init l.db; esattore-db init l.db
exit: 2
--- stderr
esattore-db: l.db: exists; 'init' creates a new ledger (use 'migrate')
