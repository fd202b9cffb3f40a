# --full belongs to check.
cmd: esattore-db --full runs l.db
exit: 2
--- stderr
esattore-db: --full: only with 'check'
Try 'esattore-db --help' for more information.
