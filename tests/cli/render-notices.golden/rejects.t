# Bad notices are rejected whole, each row into --rejects with its line and
# the reason on the notice's first row; the good notice is still printed.
# B0001: check digits 74, but 3010000000000123 mod 93 = 73; B0002:
# installments 1 and 3 (2 missing), and again later (not consecutive);
# B0003: the name changes between rows; B0004: 30 February; B0005: zero
# amount; B0006: act type 'verbale' has no template.  Read 11 = written 1
# (G0001) + rejected 10.
cmd: render-notices --ente "$TESTDATA/notices/ente.ini" --rejects rj.csv -o n.pdf "$TESTDATA/notices/bad.csv" 2>/dev/null; echo "exit $?"
cmd: cut -d, -f1,12- rj.csv | sed 's|^\([^,]*\),[^,]*/bad.csv,|\1,bad.csv,|; s|/[^ ]*/templates/|DATADIR/templates/|'
--- stdout
exit 1
notice_id,_source,_line,_error
B0001,bad.csv,2,"notice B0001: line 2: notice_number: bad notice number '301000000000012374': check digits are 74, expected 73"
B0002,bad.csv,3,notice B0002: line 3: installments must be numbered 1..2 without gaps (installment 2 is missing)
B0002,bad.csv,4,rejected with its notice (line 3)
B0003,bad.csv,5,notice B0003: line 6: name differs from the notice's first row (line 5)
B0003,bad.csv,6,rejected with its notice (line 5)
B0004,bad.csv,7,notice B0004: line 7: due_date: bad date '2026-02-30': day 30 does not exist in 2026-02
B0005,bad.csv,8,notice B0005: line 8: amount: must be positive
B0006,bad.csv,9,notice B0006: act_type 'verbale': no template DATADIR/templates/verbale.tmpl
B0002,bad.csv,11,"notice B0002: line 11: notice_id B0002: its rows must be consecutive (seen before, line 3)"
