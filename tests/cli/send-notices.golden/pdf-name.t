exit: 0
# --pdf-name with render-notices' names: '{tax_code}_{notice_number}.pdf',
# where notice_number is the notice's first NAV (the rata unica's, else
# installment 1's: P2 has installments 2 and 1, so ...000250) and an empty
# tax_code is NOCF (P3).  The attachment keeps that name.
cmd: send-notices -q --channel maildir --out-dir md --from t@comune.example.it --pdf-name '{tax_code}_{notice_number}.pdf' n.csv | cut -d, -f1,4
cmd: grep -h 'filename=' md/new/* | tr -d '\r' | sort
--- file n.csv
notice_id,act_type,tax_code,name,address,pec,subject_text,installment,notice_number,amount,due_date
P1,bill,RSSMRA85T10A562S,Mario Rossi,"Via Roma 1, 20121 Milano (MI)",rossi@pec.it,TARI,0,301000000002000149,1.00,2026-06-16
P2,bill,01199250158,Bianchi Srl,"Via Roma 2, 20121 Milano (MI)",b@pec.it,TARI,2,301000000002000351,1.00,2026-07-16
P2,bill,01199250158,Bianchi Srl,"Via Roma 2, 20121 Milano (MI)",b@pec.it,TARI,1,301000000002000250,1.00,2026-06-16
P3,bill,,Ignoto,"Via Roma 3, 20121 Milano (MI)",x@pec.it,TARI,0,301000000002000452,1.00,2026-06-16
--- file RSSMRA85T10A562S_301000000002000149.pdf
%PDF-1.4
--- file 01199250158_301000000002000250.pdf
%PDF-1.4
--- file NOCF_301000000002000452.pdf
%PDF-1.4
--- stdout
notice_id,status
P1,sent
P2,sent
P3,sent
Content-Disposition: attachment; filename="01199250158_301000000002000250.pdf"
Content-Disposition: attachment; filename="NOCF_301000000002000452.pdf"
Content-Disposition: attachment; filename="RSSMRA85T10A562S_301000000002000149.pdf"
