# A full disk is an error, not a silent truncation: exit 3.
cmd: render-notices -q --ente "$TESTDATA/notices/ente.ini" "$TESTDATA/notices/single.csv" > /dev/full
exit: 3
--- stderr-match
^render-notices: .*No space left on device
