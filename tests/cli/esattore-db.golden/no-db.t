# Without DB, --db or $ESATTORE_DB: exit 2.
cmd: esattore-db check
exit: 2
--- stderr
esattore-db: no ledger: give DB, --db FILE, or set ESATTORE_DB
Try 'esattore-db --help' for more information.
