# Render, then decode: a notice with a rata unica and 6 installments has
# one QR per payable item, each exactly its payload.  NAVs 3010...1000 to
# ...1006: 3010000000001000 = 3010000000000123 + 877, 877 mod 93 = 40,
# (73 + 40) mod 93 = 20; each next base adds 1 to the check digits.
# Amounts: 250.00 (rata unica), 41.67 x 4, 41.66 x 2 (sum 250.00).
cmd: render-notices -q --ente "$TESTDATA/notices/ente.ini" -o n.pdf "$TESTDATA/notices/six.csv"
cmd: pdftoppm -r 200 -png n.pdf p
cmd: for f in p-*.png; do zbarimg -q --raw "$f"; done 2>/dev/null | sort
--- stdout
PAGOPA|002|301000000000100020|01199250158|0000025000
PAGOPA|002|301000000000100121|01199250158|0000004167
PAGOPA|002|301000000000100222|01199250158|0000004167
PAGOPA|002|301000000000100323|01199250158|0000004167
PAGOPA|002|301000000000100424|01199250158|0000004167
PAGOPA|002|301000000000100525|01199250158|0000004166
PAGOPA|002|301000000000100626|01199250158|0000004166
