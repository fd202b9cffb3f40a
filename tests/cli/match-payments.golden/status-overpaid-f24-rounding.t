exit: 0
# 299.60 due, paid 300.00 on an F24 (rounded to the euro): 299.60 MATCHED
# and the 0.40 excess OVERPAID (noted as rounding: at most 0.50 a row),
# so the position is never paid beyond its
# due.  500.00 on 400.00: 400.00 MATCHED, 100.00 OVERPAID, listed with the
# subject's open TARI 2024 (90.00), a compensation candidate.
cmd: match-payments --dues dues.csv pay.csv
--- file dues.csv
tax_code,tax,year,installment,amount_due
VRDGPP60C03L219T,IMU,2025,0,299.60
MRNGNN55T10H501S,IMU,2025,0,400.00
MRNGNN55T10H501S,TARI,2024,0,90.00
--- file pay.csv
payment_id,source,tax_code,tax,year,amount
F1,F24,VRDGPP60C03L219T,IMU,2025,300.00
F2,F24,MRNGNN55T10H501S,IMU,2025,500.00
--- stdout
payment_id,position_id,notice_number,tax_code,amount,rule,status,recon,note
F1,VRDGPP60C03L219T-IMU-2025,,VRDGPP60C03L219T,299.60,tax-year,MATCHED,,
F1,VRDGPP60C03L219T-IMU-2025,,VRDGPP60C03L219T,0.40,tax-year,OVERPAID,,F24 rounding to the euro
F2,MRNGNN55T10H501S-IMU-2025,,MRNGNN55T10H501S,400.00,tax-year,MATCHED,,
F2,MRNGNN55T10H501S-IMU-2025,,MRNGNN55T10H501S,100.00,tax-year,OVERPAID,,open debts: MRNGNN55T10H501S-TARI-2024 90.00
--- stderr
match-payments: dues.csv: dues read 3, rejected 0
match-payments: read 2, written 2, rejected 0
