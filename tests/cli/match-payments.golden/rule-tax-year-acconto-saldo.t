exit: 0
# F24 against (tax_code, tax, year), acconto/saldo aware.  Two units, each
# with two installments: acconto 60.00 + 40.00 = 100.00, saldo the same.
# 100.00 reaches the acconto boundary: MATCHED.  70.00 more gives 170.00,
# between 100 and 200: PARTIAL.  30.00 more gives 200.00: MATCHED.  30.00
# again when all is paid, the same amount as the last payment: DUPLICATE.
cmd: match-payments --dues dues.csv pay.csv
--- file dues.csv
tax_code,tax,year,unit_id,installment,due_date,amount_due
RSSMRA80A01H501U,IMU,2025,U1,1,2025-06-16,60.00
RSSMRA80A01H501U,IMU,2025,U2,1,2025-06-16,40.00
RSSMRA80A01H501U,IMU,2025,U1,2,2025-12-16,60.00
RSSMRA80A01H501U,IMU,2025,U2,2,2025-12-16,40.00
--- file pay.csv
payment_id,source,tax_code,tax,year,tributo,amount
F1,F24,RSSMRA80A01H501U,IMU,2025,3912,100.00
F2,F24,RSSMRA80A01H501U,IMU,2025,3912,70.00
F3,F24,RSSMRA80A01H501U,IMU,2025,3912,30.00
F4,F24,RSSMRA80A01H501U,IMU,2025,3912,30.00
--- stdout
payment_id,position_id,notice_number,tax_code,amount,rule,status,recon,note
F1,RSSMRA80A01H501U-IMU-2025,,RSSMRA80A01H501U,100.00,tax-year,MATCHED,,
F2,RSSMRA80A01H501U-IMU-2025,,RSSMRA80A01H501U,70.00,tax-year,PARTIAL,,
F3,RSSMRA80A01H501U-IMU-2025,,RSSMRA80A01H501U,30.00,tax-year,MATCHED,,
F4,RSSMRA80A01H501U-IMU-2025,,RSSMRA80A01H501U,30.00,tax-year,DUPLICATE,,same amount already paid by F3
--- stderr
match-payments: dues.csv: dues read 4, rejected 0
match-payments: read 4, written 4, rejected 0
