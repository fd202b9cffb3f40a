exit: 0
# TARI 80 % rule (L. 147/2013 c. 646): T1 declares 60 m2 of a 95 m2 unit:
# 0.8 x 95 = 76 > 60: a candidate.  T2 declares 76 m2 of 95: not below 76.
# T3 has no cadastral surface: nothing to compare.
cmd: assess --dues d.csv --payments p.csv --units u.csv --tax tari --year 2024 --as-of 2025-06-30 --evasion ev.csv --quiet > /dev/null; cat ev.csv
--- file d.csv
tax_code,tax,year,unit_id,installment,due_date,amount_due,basis
AAAAAA80A01H501U,TARI,2024,T1,1,2024-09-16,100.00,60
BBBBBB80A01H501U,TARI,2024,T2,1,2024-09-16,120.00,76
CCCCCC80A01H501U,TARI,2024,T3,1,2024-09-16,90.00,50
--- file p.csv
tax_code,tax,year,paid_on,amount
AAAAAA80A01H501U,TARI,2024,2024-09-16,100.00
BBBBBB80A01H501U,TARI,2024,2024-09-16,120.00
CCCCCC80A01H501U,TARI,2024,2024-09-16,90.00
--- file u.csv
unit_id,kind,surface_m2
T1,F,95
T2,F,95
T3,F,
--- stdout
tax,year,unit_id,tax_codes,reason,amount_due,declared_m2,cadastral_m2,threshold_m2,source
TARI,2024,T1,AAAAAA80A01H501U,declared-surface-below-threshold,100.00,60,95,76.0000,cadastre-imu-tari.md §3.8 (aspel.it interpello 306/2019)
