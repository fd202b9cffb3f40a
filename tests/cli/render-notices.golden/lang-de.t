# --lang de: the German texts of the base template.
cmd: render-notices -q --ente "$TESTDATA/notices/ente.ini" --lang de -o n.pdf "$TESTDATA/notices/single.csv"
cmd: pdftotext n.pdf - | grep -o -F -e Zahlungsmitteilung -e 'WO ZAHLEN?' -e 'bis zum 16/06/2026' | sort -u
--- stdout
WO ZAHLEN?
Zahlungsmitteilung
bis zum 16/06/2026
