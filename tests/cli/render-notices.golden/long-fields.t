# The longest recipient the guide allows (name 70 characters, address 140)
# is printed whole: pdftotext finds every word, and nothing was cut with an
# ellipsis (the unit test t_render fit_longest_fields measures the boxes).
cmd: render-notices -q --ente "$TESTDATA/notices/ente.ini" -o n.pdf "$TESTDATA/notices/long.csv"
cmd: pdftotext n.pdf - | tr '\n' ' ' | grep -o -F -e 'Società Cooperativa Agricola fra Produttori Ortofrutticoli della Bassa' -e 'Cascina Sant' -e '46040 Castiglione delle Stiviere' -e '1.234.567,89' | sort -u
cmd: pdftotext n.pdf - | grep -c '…' || true
--- stdout
1.234.567,89
46040 Castiglione delle Stiviere
Cascina Sant
Società Cooperativa Agricola fra Produttori Ortofrutticoli della Bassa
0
