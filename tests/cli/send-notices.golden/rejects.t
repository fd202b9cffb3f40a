# Bad notices are rejected with file, line and field, their rows into the
# rejects file; the others go on.  R1: a PEC without a domain (never a
# silent fall to e-mail); R2: no PDF; R3: a bad amount on its second row
# (the whole notice goes); R4 fine.  read 4 = written 1 + rejected 3.
cmd: SOURCE_DATE_EPOCH=1790000000 send-notices --channel maildir --out-dir md --from t@comune.example.it --rejects rj.csv n.csv; echo "status $?"; cat rj.csv
exit: 0
--- file n.csv
notice_id,act_type,tax_code,name,address,pec,subject_text,installment,notice_number,amount,due_date
R1,bill,RSSMRA85T10A562S,Mario Rossi,"Via Roma 1, 20121 Milano (MI)",rossi@pec,TARI,0,301000000002000149,1.00,2026-06-16
R2,bill,RSSMRA85T10A562S,Mario Rossi,"Via Roma 1, 20121 Milano (MI)",rossi@pec.it,TARI,0,301000000002000250,1.00,2026-06-16
R3,bill,RSSMRA85T10A562S,Mario Rossi,"Via Roma 1, 20121 Milano (MI)",rossi@pec.it,TARI,1,301000000002000351,1.00,2026-06-16
R3,bill,RSSMRA85T10A562S,Mario Rossi,"Via Roma 1, 20121 Milano (MI)",rossi@pec.it,TARI,2,301000000002000452,abc,2026-07-16
R4,bill,RSSMRA85T10A562S,Mario Rossi,"Via Roma 1, 20121 Milano (MI)",rossi@pec.it,TARI,0,301000000002000553,1.00,2026-06-16
--- file R1.pdf
%PDF-1.4
--- file R3.pdf
%PDF-1.4
--- file R4.pdf
%PDF-1.4
--- stdout
notice_id,recipient,channel,status,reason,message_id,at
R4,rossi@pec.it,maildir,sent,delivered to new/,esattore.R4.301000000002000553.maildir@comune.example.it,2026-09-21T14:13:20Z
status 1
notice_id,act_type,tax_code,name,address,pec,subject_text,installment,notice_number,amount,due_date,_source,_line,_error
R1,bill,RSSMRA85T10A562S,Mario Rossi,"Via Roma 1, 20121 Milano (MI)",rossi@pec,TARI,0,301000000002000149,1.00,2026-06-16,n.csv,2,pec: 'rossi@pec' is not a mail address
R2,bill,RSSMRA85T10A562S,Mario Rossi,"Via Roma 1, 20121 Milano (MI)",rossi@pec.it,TARI,0,301000000002000250,1.00,2026-06-16,n.csv,3,no PDF for notice R2: ./R2.pdf: No such file or directory
R3,bill,RSSMRA85T10A562S,Mario Rossi,"Via Roma 1, 20121 Milano (MI)",rossi@pec.it,TARI,1,301000000002000351,1.00,2026-06-16,n.csv,4,notice R3 rejected (line 5: amount: 'abc' is not a positive amount)
R3,bill,RSSMRA85T10A562S,Mario Rossi,"Via Roma 1, 20121 Milano (MI)",rossi@pec.it,TARI,2,301000000002000452,abc,2026-07-16,n.csv,5,amount: 'abc' is not a positive amount
--- stderr
send-notices: n.csv:2: pec: 'rossi@pec' is not a mail address
send-notices: n.csv:3: no PDF for notice R2: ./R2.pdf: No such file or directory
send-notices: n.csv:4: notice R3 rejected (line 5: amount: 'abc' is not a positive amount)
send-notices: n.csv:5: amount: 'abc' is not a positive amount
send-notices: read 4, written 1, rejected 3
send-notices: sent 1, failed 0, deferred 0, paper 0, skipped 0, planned 0
