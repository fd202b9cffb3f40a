# 9 installments (the guide's threshold, pagopa.md §3.4) use the
# many-installments layout: the grid's title, and the layout named on
# stderr.  Without a postal account: the rateizzazione letter (1 page),
# the avviso with 8 cells on page 1 (2 rows of 4) and 1 on page 2.
cmd: render-notices --ente "$TESTDATA/notices/ente-nopostal.ini" -o n.pdf "$TESTDATA/notices/nine.csv"
cmd: pdftotext n.pdf - | grep -F -e 'Piano di pagamento in 9 rate' -e 'Puoi pagare in 9 rate' -e 'Concessione della rateizzazione'
cmd: pdftotext n.pdf - | grep -c -F 'Rata '
--- stdout
Concessione della rateizzazione
Puoi pagare in 9 rate
Piano di pagamento in 9 rate
9
--- stderr
render-notices: N0009: 3 pages, many-installments layout, template rateizzazione
render-notices: read 9, written 9, rejected 0
