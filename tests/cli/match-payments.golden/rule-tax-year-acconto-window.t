exit: 0
# An acconto written for the year before.  IMU 2024: 100.00 due 2024-06-17
# and 100.00 due 2024-12-16; IMU 2025: 120.00 due 2025-06-16 and 120.00 due
# 2025-12-16.  F1, acconto 2024 paid 2025-01-15: the window of the 2025
# acconto opens 90 days before 2025-06-16, on 2025-03-18 (16 + 31 + 30 +
# 13 = 90): a late acconto of 2024, 100.00 = its acconto: MATCHED.  F2,
# acconto 2024 paid 2025-06-10, inside the window, 2025 open: the 2025
# acconto (120.00: MATCHED) although 2024 still has 100.00 open.  F3,
# acconto 2024 with ravvedimento paid 2025-06-12: the year written is the
# year due: 2024, 100.00 + 100.00 = 200.00 = its due: MATCHED.
cmd: match-payments --dues dues.csv pay.csv
--- file dues.csv
tax_code,tax,year,installment,due_date,amount_due
RSSMRA80A01H501U,IMU,2024,1,2024-06-17,100.00
RSSMRA80A01H501U,IMU,2024,2,2024-12-16,100.00
RSSMRA80A01H501U,IMU,2025,1,2025-06-16,120.00
RSSMRA80A01H501U,IMU,2025,2,2025-12-16,120.00
--- file pay.csv
payment_id,source,tax_code,tax,year,tributo,paid_on,amount,status,kind,acconto_saldo,ravvedimento
F1,F24,RSSMRA80A01H501U,IMU,2024,3918,2025-01-15,100.00,valid,tax,acconto,0
F2,F24,RSSMRA80A01H501U,IMU,2024,3918,2025-06-10,120.00,valid,tax,acconto,0
F3,F24,RSSMRA80A01H501U,IMU,2024,3918,2025-06-12,100.00,valid,tax,acconto,1
--- stdout
payment_id,position_id,notice_number,tax_code,amount,rule,status,recon,note
F1,RSSMRA80A01H501U-IMU-2024,,RSSMRA80A01H501U,100.00,tax-year,MATCHED,,
F2,RSSMRA80A01H501U-IMU-2025,,RSSMRA80A01H501U,120.00,tax-year,MATCHED,,"year written as 2024, the acconto of 2025"
F3,RSSMRA80A01H501U-IMU-2024,,RSSMRA80A01H501U,100.00,tax-year,MATCHED,,
--- stderr
match-payments: dues.csv: dues read 4, rejected 0
match-payments: read 3, written 3, rejected 0
