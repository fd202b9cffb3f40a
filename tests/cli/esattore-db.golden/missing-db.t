# check on a file that does not exist says how to create one; nothing is created.
cmd: esattore-db check absent.db; s=$?; test ! -e absent.db && exit $s
exit: 2
--- stderr
esattore-db: absent.db: cannot open ledger (create it with 'esattore-db init'): No such file or directory
