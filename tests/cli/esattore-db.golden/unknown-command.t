cmd: esattore-db frobnicate x.db
exit: 2
--- stderr
esattore-db: unknown command 'frobnicate'
Try 'esattore-db --help' for more information.
