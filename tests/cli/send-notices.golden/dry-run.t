exit: 0
# --dry-run builds every message (templates, PDFs, addresses) and sends,
# writes and records nothing: no SMTP server, no ledger needed; N03 is in
# the e-mail segment, not for --channel pec; N04 would go to paper.
cmd: SOURCE_DATE_EPOCH=1790000000 send-notices --dry-run --channel pec --ente ente.ini "$TESTDATA/send/notices.csv"; echo "status $?"; ls
--- file ente.ini
[ente]
name=Comune di Forlì
tax_code=01199250158
belfiore=D704
province=FC
pec=tributi@pec.comune.example.it
website=https://www.comune.example.it
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
N01,rossi@pec.example.it,pec,planned,"dry run: message built, not sent",esattore.N01.301000000002000149.pec@pec.comune.example.it,2026-09-21T14:13:20Z
N02,bianchi@pec.example.it,pec,planned,"dry run: message built, not sent",esattore.N02.301000000002000250.pec@pec.comune.example.it,2026-09-21T14:13:20Z
N03,verdi@example.com,pec,skipped,segment email: not for --channel pec,,2026-09-21T14:13:20Z
N04,,paper,planned,"dry run: no address, to the print file",,2026-09-21T14:13:20Z
status 0
N01.pdf
N02.pdf
N03.pdf
ente.ini
--- stderr
send-notices: read 4, written 4, rejected 0
send-notices: sent 0, failed 0, deferred 0, paper 0, skipped 1, planned 3
