exit: 0
# $ESATTORE_DB names the ledger when no DB argument or --db is given.
cmd: ESATTORE_DB=$SCRATCH/e.db esattore-db -q init && ESATTORE_DB=$SCRATCH/e.db esattore-db -q check && esattore-db --db e.db version | sed 's/[0-9][0-9]*/N/g'
--- stdout
e.db: schema N (this program writes N)
