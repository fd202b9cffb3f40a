exit: 0
# With the ledger, a second run writes nothing: every notice already in the
# Maildir or the print file is skipped with the reason and the time of the
# first run (SOURCE_DATE_EPOCH 1790000000 = 2026-09-21T14:13:20Z, the second
# run one hour later); its print file has the header only.  The ledger
# holds one row per notice and channel.
cmd: esattore-db init l.db >/dev/null 2>&1
cmd: SOURCE_DATE_EPOCH=1790000000 send-notices --db l.db --channel maildir --out-dir md --from t@comune.example.it --print-file p1.csv -q "$TESTDATA/send/notices.csv" >/dev/null; echo "status $?"
cmd: SOURCE_DATE_EPOCH=1790003600 send-notices --db l.db --channel maildir --out-dir md --from t@comune.example.it --print-file p2.csv -q "$TESTDATA/send/notices.csv"; echo "status $?"
cmd: ls md/new | wc -l; wc -l < p2.csv
cmd: sqlite3 l.db "select notice_id, notice_number, channel, status, attempts, first_at, at from sends order by notice_id"
--- file N01.pdf
%PDF-1.4
notice N01
%%EOF
--- file N02.pdf
%PDF-1.4
notice N02
%%EOF
--- file N03.pdf
%PDF-1.4
notice N03
%%EOF
--- stdout
status 0
notice_id,recipient,channel,status,reason,message_id,at
N01,rossi@pec.example.it,maildir,skipped,already sent by maildir to rossi@pec.example.it at 2026-09-21T14:13:20Z,esattore.N01.301000000002000149.maildir@comune.example.it,2026-09-21T15:13:20Z
N02,bianchi@pec.example.it,maildir,skipped,already sent by maildir to bianchi@pec.example.it at 2026-09-21T14:13:20Z,esattore.N02.301000000002000250.maildir@comune.example.it,2026-09-21T15:13:20Z
N03,verdi@example.com,maildir,skipped,already sent by maildir to verdi@example.com at 2026-09-21T14:13:20Z,esattore.N03.301000000002000452.maildir@comune.example.it,2026-09-21T15:13:20Z
N04,,paper,skipped,already in a print file at 2026-09-21T14:13:20Z,,2026-09-21T15:13:20Z
status 0
3
1
N01|301000000002000149|maildir|sent|1|2026-09-21T14:13:20Z|2026-09-21T14:13:20Z
N02|301000000002000250|maildir|sent|1|2026-09-21T14:13:20Z|2026-09-21T14:13:20Z
N03|301000000002000452|maildir|sent|1|2026-09-21T14:13:20Z|2026-09-21T14:13:20Z
N04|301000000002000553|paper|paper|0|2026-09-21T14:13:20Z|2026-09-21T14:13:20Z
