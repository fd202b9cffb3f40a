exit: 0
# The sample municipality of esattore-synth (testdata/sample) imports with no
# reject, and the report lists exactly the cadastre anomalies planted in it
# (truth/anomalies.csv: invalid_cf and zero_share), subject by subject.
cmd: import-cadastre --emit units --report r.csv "$TESTDATA"/sample/cadastre/M9990001.* >/dev/null; echo "exit $?"
cmd: awk -F, '$2 == "invalid_cf" { print "invalid_tax_code", $3 } $2 == "zero_share" { print "zero_share", $3 }' "$TESTDATA/sample/truth/anomalies.csv" | sort > planted
cmd: awk -F, 'NR > 1 { n = split($5, k, "-"); print $1, k[n] }' r.csv | sort > found
cmd: cmp planted found && echo "report = planted anomalies"
--- stdout
exit 0
report = planted anomalies
--- stderr-match
^import-cadastre: read [0-9]+, written [0-9]+, rejected 0$
