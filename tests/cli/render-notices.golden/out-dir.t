# --out-dir writes one PDF per notice named by --name-template (CF_NAV, as
# GovPay users ask), mode 0600; --print-file writes the mailing data: the
# address split at commas, pages, sheets (simplex) and weight: 1 sheet of
# 5 g + envelope 5 g = 10 g, class 20; 4 sheets: 4 x 5 + 5 = 25 g, class 50.
cmd: mkdir out
cmd: render-notices -q --ente "$TESTDATA/notices/ente.ini" --out-dir out --name-template '{tax_code}_{notice_number}.pdf' --print-file mail.csv "$TESTDATA/notices/single.csv" "$TESTDATA/notices/six.csv"
cmd: ls -A out
cmd: stat -c %a out/RSSMRA85T10A562S_301000000000012373.pdf
cmd: pdfinfo out/01199250158_301000000000100020.pdf | grep '^Pages:'
cmd: sed 's|out/|OUT/|g' mail.csv
--- stdout
01199250158_301000000000100020.pdf
RSSMRA85T10A562S_301000000000012373.pdf
600
Pages:           4
notice_id,file,first_page,pages,sheets,weight_g,weight_class,tax_code,recipient,address_1,address_2,address_3,address_4
N0001,OUT/RSSMRA85T10A562S_301000000000012373.pdf,1,1,1,10,20,RSSMRA85T10A562S,Mario Rossi,Via Roma 1,20121 Milano (MI),,
N0006,OUT/01199250158_301000000000100020.pdf,1,4,4,25,50,01199250158,Bianchi Costruzioni S.r.l.,Corso Vittorio Emanuele II 100,10121 Torino (TO),,
