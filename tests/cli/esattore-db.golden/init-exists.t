# init never overwrites.
cmd: esattore-db -q init l.db; esattore-db init l.db
exit: 2
