# 6 installments and a rata unica: the grouped layout, rows of 3 + 3
# (pagopa.md §3.4); page 1 holds the rata unica and its slip, page 2 the
# two rows, pages 3-4 the 6 slips, 3 a page.
cmd: render-notices --ente "$TESTDATA/notices/ente.ini" -o n.pdf "$TESTDATA/notices/six.csv"
cmd: pdftotext n.pdf - | grep -F 'Puoi pagare per intero oppure in 6 rate'
--- stdout
Puoi pagare per intero oppure in 6 rate
--- stderr
render-notices: N0006: 4 pages, grouped layout, template bill
render-notices: read 7, written 7, rejected 0
