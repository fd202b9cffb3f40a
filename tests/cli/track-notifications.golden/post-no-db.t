# --post needs a ledger.
cmd: track-notifications --post /dev/null
exit: 2
--- stderr
track-notifications: --post needs a ledger: --db FILE or $ESATTORE_DB
Try 'track-notifications --help' for more information.
