exit: 0
# f24-reconcile's stream: a cancelled delega allocates nothing; ravvedimento
# interest goes with the tax but not against the due; an acconto written
# for the wrong year (2024, paid in June 2025, 2024 already paid) goes to
# 2025; a 2020 TARI F24 row carrying the TEFA inside code 3944 pays the TEFA
# position that shares its notices (TARI 60.00 + TEFA 3.00 = 63.00, paid
# 63.00).  The treasury credit of 163.00 is the cash of the F24
# ripartizione of f24-reconcile --summary (rule f24-credit).
cmd: match-payments --dues dues.csv pay.csv summary.csv gdc.xml
--- file dues.csv
tax_code,tax,year,installment,due_date,amount_due,notice_number
RSSMRA80A01H501U,IMU,2024,1,2024-06-17,100.00,
RSSMRA80A01H501U,IMU,2025,1,2025-06-16,100.00,
RSSMRA80A01H501U,IMU,2025,2,2025-12-16,100.00,
BNCLRA75B42F205N,TARI,2020,1,2020-07-31,60.00,301000000000010151
BNCLRA75B42F205N,TEFA,2020,1,2020-07-31,3.00,301000000000010151
--- file pay.csv
payment_id,source,tax_code,tax,year,tributo,paid_on,amount,status,kind
F1,F24,RSSMRA80A01H501U,IMU,2024,3918,2024-06-17,100.00,valid,tax
F2,F24,RSSMRA80A01H501U,IMU,2024,3918,2025-06-16,100.00,valid,tax
F3,F24,RSSMRA80A01H501U,IMU,2025,3918,2025-12-20,100.00,valid,tax
F4,F24,RSSMRA80A01H501U,IMU,2025,3923,2025-12-20,1.50,valid,interest
F5,F24,RSSMRA80A01H501U,IMU,2025,3918,2025-12-20,100.00,cancelled,tax
F6,F24,BNCLRA75B42F205N,TARI,2020,3944,2020-07-30,63.00,valid,tax
--- file summary.csv
kind,data_ripartizione,prog_ripartizione,tipo_imposta,g5_accredited
block,2020-08-03,1,A,163.00
--- file gdc.xml
<?xml version="1.0" encoding="UTF-8"?>
<flusso_giornale_di_cassa>
  <identificativo_flusso_BT>GDC-20200804ABCDEFGHIJ01#001#001</identificativo_flusso_BT>
  <esercizio>2020</esercizio>
  <informazioni_conto_evidenza>
    <conto_evidenza>0000001</conto_evidenza>
    <movimento_conto_evidenza>
      <numero_movimento>7</numero_movimento>
      <tipo_movimento>ENTRATA</tipo_movimento>
      <tipo_documento>SOSPESO ENTRATA</tipo_documento>
      <tipo_operazione>ESEGUITO</tipo_operazione>
      <progressivo_documento>1</progressivo_documento>
      <importo>163.00</importo>
      <data_movimento>2020-08-04</data_movimento>
      <causale>F24 RIPARTIZIONE 2020-08-03 CRO 0000012345</causale>
    </movimento_conto_evidenza>
  </informazioni_conto_evidenza>
</flusso_giornale_di_cassa>
--- stdout
payment_id,position_id,notice_number,tax_code,amount,rule,status,recon,note
F1,RSSMRA80A01H501U-IMU-2024,,RSSMRA80A01H501U,100.00,tax-year,MATCHED,,
F2,RSSMRA80A01H501U-IMU-2025,,RSSMRA80A01H501U,100.00,tax-year,MATCHED,,year written as 2024
F3,RSSMRA80A01H501U-IMU-2025,,RSSMRA80A01H501U,100.00,tax-year,MATCHED,,
F4,,,RSSMRA80A01H501U,1.50,tax-year,MATCHED,,interest of RSSMRA80A01H501U-IMU-2025
F5,,,RSSMRA80A01H501U,0.00,none,UNMATCHED,,payment cancelled: nothing allocated
F6,BNCLRA75B42F205N-TARI-2020,,BNCLRA75B42F205N,60.00,tax-year,MATCHED,,
F6,BNCLRA75B42F205N-TEFA-2020,,BNCLRA75B42F205N,3.00,tax-year,MATCHED,,
OPI-2020-0000001-7-20200804,,,,163.00,f24-credit,MATCHED,COMPLETE,F24 ripartizione 2020-08-03 prog 1 tipo A
--- stderr
match-payments: dues.csv: dues read 5, rejected 0
match-payments: summary.csv: 1 F24 blocks credited
match-payments: read 7, written 7, rejected 0
