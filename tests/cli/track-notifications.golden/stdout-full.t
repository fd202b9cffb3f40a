# A full disk on stdout is an error (exit 3), not a silent truncation.
cmd: track-notifications "$TESTDATA/coercive/notifications.csv" -q > /dev/full
exit: 3
--- stderr-match
write error
