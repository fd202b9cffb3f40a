exit: 0
# The same supply with LF line ends, gzip-compressed, on standard input,
# gives the same payments as basic.txt with CRLF (source_ref aside).
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: gzip -c basic-lf.txt | f24-reconcile --quiet | cut -d, -f1,2,4- > lf.csv
cmd: f24-reconcile --quiet basic.txt | cut -d, -f1,2,4- > crlf.csv
cmd: cmp lf.csv crlf.csv && wc -l < lf.csv
--- stdout
14
