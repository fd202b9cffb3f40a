exit: 0
# Bank statement rows without ids: /RFB/ with the IUV (the NAV without its
# aux digit), a NAV with valid check digits in free text, a codice fiscale
# whose subject has one debt of exactly this amount, and text that names
# nothing.  The ids are BANK-<file>-<line>.
cmd: match-payments --dues dues.csv bank.csv
--- file dues.csv
tax_code,tax,year,installment,amount_due,notice_number
GLLLCU85E05F839E,TARI,2025,0,120.00,301000000000010555
FRRLGU66L12D969K,TARI,2025,0,60.00,301000000000010757
CSTMRC72M13L736U,IMU,2024,0,210.00,
CSTMRC72M13L736U,TARI,2025,0,33.00,301000000000010959
--- file bank.csv
credited_on,amount,causale
2025-07-10,120.00,/RFB/01000000000010555/120.00/TXT/TARI 2025
2025-07-11,60.00,PAGAMENTO AVVISO 301000000000010757 TARI 2025
2025-07-12,210.00,SALDO IMU 2024 CF CSTMRC72M13L736U
2025-07-13,15.00,BONIFICO VARIO
--- stdout
payment_id,position_id,notice_number,tax_code,amount,rule,status,recon,note
BANK-bank.csv-2,GLLLCU85E05F839E-TARI-2025,301000000000010555,GLLLCU85E05F839E,120.00,causale-rfb,MATCHED,,
BANK-bank.csv-3,FRRLGU66L12D969K-TARI-2025,301000000000010757,FRRLGU66L12D969K,60.00,causale-nav,MATCHED,,
BANK-bank.csv-4,CSTMRC72M13L736U-IMU-2024,,CSTMRC72M13L736U,210.00,causale-cf,MATCHED,,
BANK-bank.csv-5,,,,15.00,none,UNMATCHED,,nothing identifies the debt
--- stderr
match-payments: dues.csv: dues read 4, rejected 0
match-payments: read 4, written 4, rejected 0
