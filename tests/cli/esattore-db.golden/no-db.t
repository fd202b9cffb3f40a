# Without DB, --db or $ESATTORE_DB: exit 2.
cmd: esattore-db check
exit: 2
