exit: 0
# Gzipped files are read transparently; on standard input the record kind is
# guessed from each line.  CRLF and LF give the same result.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: gzip -c "B157_supply.SOG" > s.SOG.gz
cmd: import-cadastre --emit subjects --quiet s.SOG.gz > gz.csv
cmd: import-cadastre --emit subjects --quiet - < "B157_supply.SOG" > stdin.csv
cmd: tr -d '\r' < "B157_supply.SOG" > lf.SOG
cmd: import-cadastre --emit subjects --quiet lf.SOG > lf.csv
cmd: import-cadastre --emit subjects --quiet "B157_supply.SOG" > plain.csv
cmd: cmp plain.csv gz.csv && cmp plain.csv stdin.csv && cmp plain.csv lf.csv && wc -l < plain.csv
--- stdout
7
