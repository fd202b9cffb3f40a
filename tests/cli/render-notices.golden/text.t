# pdftotext finds the recipient's name, the amount in Italian format, the
# due date (dd/mm/yyyy) and the notice number printed in groups of 4
# (pagopa.md §1.1, "Printing"); the per-notice page count is on stderr.
cmd: render-notices --ente "$TESTDATA/notices/ente.ini" -o n.pdf "$TESTDATA/notices/single.csv"
cmd: for s in 'Mario Rossi' '€ 150,00' 'entro il 16/06/2026' '3010 0000 0000 0123 73' 'BOLLETTINO POSTALE PA'; do
cmd:   pdftotext n.pdf - | grep -q -F "$s" && echo "found: $s"; done
cmd: pdfinfo n.pdf | grep '^Pages:'
--- stdout
found: Mario Rossi
found: € 150,00
found: entro il 16/06/2026
found: 3010 0000 0000 0123 73
found: BOLLETTINO POSTALE PA
Pages:           1
--- stderr
render-notices: N0001: 1 page, single layout, template bill
render-notices: read 1, written 1, rejected 0
