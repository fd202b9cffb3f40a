exit: 0
# An unknown placeholder in --pdf-name stops the run at the first notice:
# exit 2, the message names the option and the placeholder (once, and
# whole); nothing is delivered.
cmd: send-notices --channel maildir --out-dir md --from t@comune.example.it --pdf-name '{bogus}.pdf' "$TESTDATA/send/notices.csv" >/dev/null; echo "status $?"; ls md/new | wc -l
--- stdout
status 2
0
--- stderr
send-notices: --pdf-name: unknown placeholder {bogus}
