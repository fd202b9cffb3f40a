# Render, then decode: the 7 Poste slips of the 6-installment notice (one
# per payable item), read back by dmtxread, are exactly their 256-character
# payloads (pagopa.md §2.2); the debtor is a company, CF 01199250158.
cmd: render-notices -q --ente "$TESTDATA/notices/ente.ini" -o n.pdf "$TESTDATA/notices/six.csv"
cmd: pdftoppm -r 200 -x 0 -y 0 -W 360 -H 2339 -png n.pdf p
cmd: for f in p-*.png; do dmtxread -n -s s -e 170 -E 230 -g 20 "$f"; done 2>/dev/null | sort
--- stdout
codfase=NBPA;183010000000001000201200001234567810000002500038961P10119925015801199250158     Bianchi Costruzioni S.r.l.              TARI 2026 - utenza non domestica                                                                                          A
codfase=NBPA;183010000000001001211200001234567810000000416738961P10119925015801199250158     Bianchi Costruzioni S.r.l.              TARI 2026 - utenza non domestica                                                                                          A
codfase=NBPA;183010000000001002221200001234567810000000416738961P10119925015801199250158     Bianchi Costruzioni S.r.l.              TARI 2026 - utenza non domestica                                                                                          A
codfase=NBPA;183010000000001003231200001234567810000000416738961P10119925015801199250158     Bianchi Costruzioni S.r.l.              TARI 2026 - utenza non domestica                                                                                          A
codfase=NBPA;183010000000001004241200001234567810000000416738961P10119925015801199250158     Bianchi Costruzioni S.r.l.              TARI 2026 - utenza non domestica                                                                                          A
codfase=NBPA;183010000000001005251200001234567810000000416638961P10119925015801199250158     Bianchi Costruzioni S.r.l.              TARI 2026 - utenza non domestica                                                                                          A
codfase=NBPA;183010000000001006261200001234567810000000416638961P10119925015801199250158     Bianchi Costruzioni S.r.l.              TARI 2026 - utenza non domestica                                                                                          A
