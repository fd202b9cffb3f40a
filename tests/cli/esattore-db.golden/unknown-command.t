cmd: esattore-db frobnicate x.db
exit: 2
