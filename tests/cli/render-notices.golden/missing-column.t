# An input without a required column cannot be used at all: exit 2.
cmd: render-notices --ente "$TESTDATA/notices/ente.ini" -o x.pdf in.csv
exit: 2
--- file in.csv
notice_id,act_type,name
N1,bill,Mario Rossi
--- stderr-match
missing required column 'tax_code'
