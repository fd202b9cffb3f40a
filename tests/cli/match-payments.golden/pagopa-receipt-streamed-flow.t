# A pagoPA receipt among the CSV payments, whose flow is read from its file
# (held as its header, items read again): the receipt R1 pays notice
# 301000000000010454 (80.00 of 80.00: MATCHED); its IUV 01000000000010454 is
# item 1 of flow 2025-07-01ABCDITMMXXX-0000000001, of the same 80.00, and no
# credit pays the flow: REPORTED_NOT_CREDITED.  That item is then the
# reported payment of receipt R1 (0.00, nothing allocated twice).  Items 2
# and 3 (IUV ...10656, 50.00 and its revocation, esito 3, -50.00) and 4
# (esito 9, 20.00) are not in the dues.  5 records read: R1 and 4 items.
cmd: match-payments --dues dues.csv pay.csv "$TESTDATA/pagopa/fdr-2025-07-01-esiti-0-3-9.xml"
--- file dues.csv
tax_code,tax,year,installment,amount_due,notice_number
NREPLA70D04H501O,TARI,2025,0,80.00,301000000000010454
--- file pay.csv
payment_id,source,notice_number,amount
R1,PAGOPA,301000000000010454,80.00
--- stdout
payment_id,position_id,notice_number,tax_code,amount,rule,status,recon,note
R1,NREPLA70D04H501O-TARI-2025,301000000000010454,NREPLA70D04H501O,80.00,notice,MATCHED,REPORTED_NOT_CREDITED,
PAGOPA-2025-07-01ABCDITMMXXX-0000000001-01000000000010454-IUR0001-1,NREPLA70D04H501O-TARI-2025,301000000000010454,NREPLA70D04H501O,0.00,notice,MATCHED,REPORTED_NOT_CREDITED,reported payment of receipt R1
PAGOPA-2025-07-01ABCDITMMXXX-0000000001-01000000000010656-IUR0002-1,,,,50.00,none,UNMATCHED,REPORTED_NOT_CREDITED,IUV 01000000000010656 is not in the dues
PAGOPA-2025-07-01ABCDITMMXXX-0000000001-01000000000010656-IUR0003-1,,,,-50.00,none,UNMATCHED,REPORTED_NOT_CREDITED,IUV 01000000000010656 is not in the dues
PAGOPA-2025-07-01ABCDITMMXXX-0000000001-01999999999999999-IUR0004-1,,,,20.00,none,UNMATCHED,REPORTED_NOT_CREDITED,IUV 01999999999999999 is not in the dues (paid without RPT)
--- stderr
match-payments: dues.csv: dues read 1, rejected 0
match-payments: read 5, written 5, rejected 0
