exit: 0
# law.md §8.1: IMU saldo 2024 of 1,000.00 due Mon 16 Dec 2024, unpaid, act on
# 30 Jun 2025, spread 0: 15 days at 2.5 % + 181 days at 2.0 %
# = 375/365 + 3620/365 = 3995/365 = 10.945205 -> 10.95; sanction 25 % = 250.00;
# total 1000.00 + 250.00 + 10.95 = 1260.95.  --explain shows each segment with
# its table row and source.
cmd: assess --dues dues.csv --payments payments.csv --tax imu --year 2024 --as-of 2025-06-30 --explain
--- file dues.csv
tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due
BNCGNN60C03L219K,IMU,2024,3918,L219F9,2,2024-12-16,1000.00
--- file payments.csv
payment_id,tax_code,tax,year,paid_on,amount
--- stdout
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,1000.00,0.00,1000.00,250.00,10.95,0.00,0.00,1260.95,2025-08-29,2025-06-30,omitted,250.00,,,,draft
--- stderr
assess: explain ACC-IMU-2024-BNCGNN60C03L219K (BNCGNN60C03L219K IMU 2024, as of 2025-06-30)
  installment 2 tributo 3918 unit L219F9 due 2024-12-16: due 1000.00 paid 0.00 unpaid 1000.00: omitted
    decadenza 2029-12-31 [terms.csv: https://fiscoetasse.com/forum/threads/pescrizione-ici.68055/post-234708 ; https://studiolegaleluigisorace.it/?p=1312]
    unpaid 1000.00
      sanction full (never paid): 1000.00 x 25.0000% = 250.000000 [sanction_payment_regimes.csv post_dlgs87: art. 13 D.Lgs. 471/1997 as amended by D.Lgs. 87/2024, for violations committed from 1 Sep 2024 (art. 5 D.Lgs. 87/2024); no definizione agevolata: art. 17 c. 3 D.Lgs. 472/1997; http://wwwb.mysolution.it:82/fisco/guide/guide-accertamento/ravvedimento-operoso/ravvedimento-imu-e-tasi ; https://comune.cremona.it/node/421122 ; https://www.comune.fucecchio.fi.it/home/servizi/servizio/Servizio-20.html]
      interest 2024-12-17..2024-12-31: 1000.00 x 2.5000% x 15/365 = 1.027397 [legal_interest_rates.csv 2024: art. 1284 c.c.; https://modulisticaonline.it/prodotti/testo-news/6/5800/misura-del-saggio-degli-interessi-legali ; https://buildnews.it/articolo/saggio-interessi-legali-taglio-dal-1-gennaio-2024]
      interest 2025-01-01..2025-06-30: 1000.00 x 2.0000% x 181/365 = 9.917808 [legal_interest_rates.csv 2025: art. 1284 c.c.; https://av.camcom.it/print/5268 ; http://www.uppisavona.it/index.php?idinfo=209]
    line sanction 250.00 (exact 250.000000), interest 10.95 (exact 10.945205), each rounded once
  total 1260.95 = unpaid 1000.00 + sanction 250.00 + interest 10.95 + costs 0.00
assess: read 1, written 1, rejected 0
assess: acts 1, reported 0
