# -o and --out-dir exclude each other: exit 2.
cmd: render-notices --ente "$TESTDATA/notices/ente.ini" -o x.pdf --out-dir . < /dev/null
exit: 2
--- stderr-match
^render-notices: -o and --out-dir exclude each other$
