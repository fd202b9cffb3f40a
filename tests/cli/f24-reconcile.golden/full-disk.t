# A write error on standard output is not a silent truncation: exit 3.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile --quiet basic.txt > /dev/full
exit: 3
--- stderr-match
^f24-reconcile: .*No space left on device
