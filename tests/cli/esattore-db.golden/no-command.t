# No command is a usage error: exit 2, a hint on stderr, nothing on stdout.
cmd: esattore-db
exit: 2
