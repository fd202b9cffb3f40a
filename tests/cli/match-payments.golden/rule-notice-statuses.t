exit: 0
# Notices: TARI 150.00 in one payment (installment 0) or two of 75.00.
# 50.00 on installment 1: PARTIAL.  The single-payment notice for 150.00
# with 100.00 still open: 100.00 MATCHED and 50.00 OVERPAID.  Installment
# 2's notice paid in full once more: DUPLICATE.  An unknown notice:
# UNMATCHED.  A payment id already seen: DUPLICATE.
cmd: match-payments --dues dues.csv pay.csv
--- file dues.csv
position_id,tax_code,tax,year,installment,due_date,amount_due,notice_number
P7,BNCLRA75B42F205N,TARI,2025,0,2025-07-31,150.00,301000000000010151
P7,BNCLRA75B42F205N,TARI,2025,1,2025-07-31,75.00,301000000000010252
P7,BNCLRA75B42F205N,TARI,2025,2,2025-11-30,75.00,301000000000010353
--- file pay.csv
payment_id,source,notice_number,amount
R1,PAGOPA,301000000000010252,50.00
R2,PAGOPA,301000000000010151,150.00
R3,PAGOPA,301000000000010353,75.00
R4,PAGOPA,301000000000099999,10.00
R1,PAGOPA,301000000000010252,50.00
--- stdout
payment_id,position_id,notice_number,tax_code,amount,rule,status,recon,note
R1,P7,301000000000010252,BNCLRA75B42F205N,50.00,notice,PARTIAL,PAID_NOT_REPORTED,
R2,P7,301000000000010151,BNCLRA75B42F205N,100.00,notice,MATCHED,PAID_NOT_REPORTED,
R2,P7,301000000000010151,BNCLRA75B42F205N,50.00,notice,OVERPAID,PAID_NOT_REPORTED,refund candidate: no other open debts
R3,P7,301000000000010353,BNCLRA75B42F205N,75.00,notice,DUPLICATE,PAID_NOT_REPORTED,notice 301000000000010353 already paid
R4,,,,10.00,none,UNMATCHED,PAID_NOT_REPORTED,unknown notice number 301000000000099999
R1,,,,50.00,none,DUPLICATE,,payment_id R1 seen before
--- stderr
match-payments: dues.csv: dues read 3, rejected 0
match-payments: read 5, written 5, rejected 0
