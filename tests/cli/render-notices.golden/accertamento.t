# The avviso di accertamento esecutivo: the act's letter with the
# breakdown, then the avviso.  Tax 1,500.00 due, 500.00 paid: 1,000.00
# unpaid; sanction 30% = 300.00; interest 91.50; notification (raccomandata
# A/R, DM 14/4/2023) 7.83; total 1,000.00 + 300.00 + 91.50 + 7.83 = 1,399.33.
cmd: render-notices -q --ente "$TESTDATA/notices/ente-nopostal.ini" -o n.pdf "$TESTDATA/notices/accertamento.csv"
cmd: pdftotext -layout n.pdf - | grep -E '^ *(Avviso di accertamento esecutivo|Atto n\.|Imposta non versata|Sanzione|Interessi \(|Spese di notifica|Totale da pagare|INTIMAZIONE AD ADEMPIERE\.)' | sed 's/  */ /g; s/^ //; s/\(ADEMPIERE\.\).*/\1/'
cmd: pdfinfo n.pdf | grep '^Pages:'
--- stdout
Avviso di accertamento esecutivo
Atto n. A0001 · IMU anno 2021
Imposta non versata € 1.000,00
Sanzione (art. 13 D.Lgs. 471/1997) € 300,00
Interessi (art. 1 c. 165 L. 296/2006) € 91,50
Spese di notifica € 7,83
Totale da pagare € 1.399,33
INTIMAZIONE AD ADEMPIERE.
Pages:           2
