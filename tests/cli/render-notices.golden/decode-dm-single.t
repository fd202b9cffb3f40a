# Render, then decode: the Poste DataMatrix of the single-payment notice,
# read back by dmtxread, is exactly the 256-character payload of pagopa.md
# §2.2: codfase=NBPA; 18 <NAV> 12 <c/c 000012345678> 10 <0000015000> 3 896
# 1P1 <CF ente> <debtor CF, 16> <name, 40> <subject, 110> <12 spaces> A.
# The scan is limited to the left 45 mm of the page, where the symbol is.
cmd: render-notices -q --ente "$TESTDATA/notices/ente.ini" -o n.pdf "$TESTDATA/notices/single.csv"
cmd: pdftoppm -r 200 -x 0 -y 0 -W 360 -H 2339 -png n.pdf p
cmd: for f in p-*.png; do dmtxread -n -s s -e 170 -E 230 -g 20 "$f"; done 2>/dev/null | sort
--- stdout
codfase=NBPA;183010000000000123731200001234567810000001500038961P101199250158RSSMRA85T10A562SMario Rossi                             TARI 2026 - utenza domestica                                                                                              A
