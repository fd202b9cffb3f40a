# A full disk on stdout is an error (exit 3), not a silent truncation.
cmd: send-notices --dry-run --channel maildir --out-dir md --from t@comune.example.it --quiet "$TESTDATA/send/notices.csv" > /dev/full
exit: 3
--- file N01.pdf
%PDF-1.4
notice N01
%%EOF
--- file N02.pdf
%PDF-1.4
notice N02
%%EOF
--- file N03.pdf
%PDF-1.4
notice N03
%%EOF
--- stderr
send-notices: <stdout>: write error: No space left on device
send-notices: write error on standard output: No space left on device
