# A full disk on stdout is an error (exit 3), not a silent truncation.
cmd: match-payments --quiet --dues "$TESTDATA"/match/dues.csv "$TESTDATA"/match/bank.csv > /dev/full
exit: 3
--- stderr
match-payments: write error on standard output: No space left on device
