exit: 0
# --segment: only accertamenti by PEC (N02); the others are reported as
# skipped, so that every notice read has its outcome row.
cmd: SOURCE_DATE_EPOCH=1790000000 send-notices --dry-run --channel maildir --out-dir md --from t@comune.example.it --segment 'segment=pec,act_type=accertamento|ingiunzione' "$TESTDATA/send/notices.csv"
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
notice_id,recipient,channel,status,reason,message_id,at
N01,,maildir,skipped,not selected by --segment,,2026-09-21T14:13:20Z
N02,bianchi@pec.example.it,maildir,planned,"dry run: message built, not sent",esattore.N02.301000000002000250.maildir@comune.example.it,2026-09-21T14:13:20Z
N03,,maildir,skipped,not selected by --segment,,2026-09-21T14:13:20Z
N04,,maildir,skipped,not selected by --segment,,2026-09-21T14:13:20Z
--- stderr
send-notices: read 4, written 4, rejected 0
send-notices: sent 0, failed 0, deferred 0, paper 0, skipped 3, planned 1
