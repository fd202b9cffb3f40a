# No command is a usage error: exit 2, a hint on stderr, nothing on stdout.
cmd: esattore-db
exit: 2
--- stderr
esattore-db: missing command
Try 'esattore-db --help' for more information.
