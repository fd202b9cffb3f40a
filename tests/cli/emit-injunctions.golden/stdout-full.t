# A full disk on stdout is an error (exit 3), not a silent truncation.
cmd: emit-injunctions --as-of 2025-05-02 --loads "$TESTDATA/coercive/loads-cds.csv" -q > /dev/full
exit: 3
--- stderr-match
write error
