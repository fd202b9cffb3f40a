# Render, then decode: the QR code of a single-payment notice, read back
# from the PDF by zbarimg, is exactly the pagoPA payload (pagopa.md §2.1):
# PAGOPA|002|<NAV>|<CF ente, 11>|<cents, 10 digits>.  NAV 3010 0000 0000 0123 73:
# 3010000000000123 mod 93 = 73 (pagopa.md §1.4); 150.00 EUR = 15000 cents.
cmd: render-notices -q --ente "$TESTDATA/notices/ente.ini" -o n.pdf "$TESTDATA/notices/single.csv"
cmd: pdftoppm -r 200 -png n.pdf p
cmd: for f in p-*.png; do zbarimg -q --raw "$f"; done 2>/dev/null | sort
--- stdout
PAGOPA|002|301000000000012373|01199250158|0000015000
