# A full disk on stdout is an error (exit 3), not a silent truncation.
cmd: esattore-db -q init l.db && esattore-db runs l.db > /dev/full
exit: 3
--- stderr-match
write error
