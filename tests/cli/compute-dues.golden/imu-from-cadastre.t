# End to end: the hand-written supply testdata/cadastre/B157_supply (README
# there) loaded by import-cadastre, then IMU 2025 at 1.06 % (other
# buildings), 0.86 % (group D) and 0.76 % (land), the same in 2024.
#   10000001 A/2 1057.45: 105745 x 1.05 x 160 = 177651.60; two spouses 0/0
#     resolved 1/2 each by import-cadastre: 177651.60 x 1.06 % / 2 =
#     941.553 -> 941.55; acconto 470.776 -> 470.78; saldo 470.77
#   10000002 C/6 147.70 (second situation, from 2020): 24813.60 x 1.06 % =
#     263.024 -> 263.02, held all 2025 by the buyer of 16/05/2019:
#     acconto 131.512 -> 131.51, saldo 131.51
#   10000003 A/3 413.17: 69412.56 x 1.06 % = 735.773 -> 735.77; acconto
#     367.887 -> 367.89, saldo 367.88
#   10000004 D/1 42787: 42787 x 1.05 x 65 = 2920212.75; nuda proprieta (20)
#     not taxed, the usufruttuario (80) pays: State 0.76 % = 22193.617 ->
#     acconto 11096.81, saldo 11096.81; comune 0.10 % = 2920.213 -> acconto
#     1460.106 -> 1460.11, saldo 1460.10
#   20000001 land RD 25.30: 25.30 x 1.25 x 135 = 4269.375 -> 4269.38; legacy
#     right "3 " 1/2: 4269.38 x 0.76 % / 2 = 16.224 -> 16.22 (above 12.00);
#     acconto 8.112 -> 8.11, saldo 8.11; the other 1/2 holder's code fails
#     its check: rejected
#   20000002 land RD 155.75: 26282.8125 -> 26282.81 x 0.76 % / 2 = 99.875 ->
#     99.87; acconto 49.937 -> 49.94, saldo 49.93; the 1/4 holder is not in
#     the SOG file (no tax code): rejected
#   10000005 (BCNC, partita A) skipped; 10000099 has no situation: rejected
# F24 lines of the usufruttuaria: 3918 470.78 -> 471; 3925 11096.81 ->
# 11097; 3930 1460.11 -> 1460.
cmd: import-cadastre --db l.db --quiet "$TESTDATA"/cadastre/B157_supply.* 2>/dev/null; echo "import exit $?"
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv
exit: 1
--- file rates.csv
year,use,rate,detraction
2024,other_buildings,1.06,
2025,other_buildings,1.06,
2024,group_d,0.86,
2025,group_d,0.86,
2024,land,0.76,
2025,land,0.76,
--- stdout
import exit 1
tax_code,tax,year,tributo,unit_id,basis,rate,months,share,installment,due_date,amount_due,amount_payable
01234567897,IMU,2025,3914,B157-T-20000002,26282.81,0.76,6,1/2,1,2025-06-16,49.94,50.00
01234567897,IMU,2025,3918,B157-F-10000003,69412.56,1.06,6,1000/1000,1,2025-06-16,367.89,368.00
01234567897,IMU,2025,3914,B157-T-20000002,26282.81,0.76,12,1/2,2,2025-12-16,49.93,50.00
01234567897,IMU,2025,3918,B157-F-10000003,69412.56,1.06,12,1000/1000,2,2025-12-16,367.88,368.00
BNCLCU72B42B157B,IMU,2025,3918,B157-F-10000001,177651.60,1.06,6,1/2,1,2025-06-16,470.78,471.00
BNCLCU72B42B157B,IMU,2025,3925,B157-F-10000004,2920212.75,0.76,6,1/1,1,2025-06-16,11096.81,11097.00
BNCLCU72B42B157B,IMU,2025,3930,B157-F-10000004,2920212.75,0.10,6,1/1,1,2025-06-16,1460.11,1460.00
BNCLCU72B42B157B,IMU,2025,3918,B157-F-10000001,177651.60,1.06,12,1/2,2,2025-12-16,470.77,471.00
BNCLCU72B42B157B,IMU,2025,3925,B157-F-10000004,2920212.75,0.76,12,1/1,2,2025-12-16,11096.81,11097.00
BNCLCU72B42B157B,IMU,2025,3930,B157-F-10000004,2920212.75,0.10,12,1/1,2,2025-12-16,1460.10,1460.00
RSSMRA70H15B157Z,IMU,2025,3918,B157-F-10000001,177651.60,1.06,6,1/2,1,2025-06-16,470.78,471.00
RSSMRA70H15B157Z,IMU,2025,3918,B157-F-10000001,177651.60,1.06,12,1/2,2,2025-12-16,470.77,471.00
SPSNCL85C20F839S,IMU,2025,3918,B157-F-10000002,24813.60,1.06,6,1/1,1,2025-06-16,131.51,132.00
SPSNCL85C20F839S,IMU,2025,3918,B157-F-10000002,24813.60,1.06,12,1/1,2,2025-12-16,131.51,132.00
VRDGPP50R10F205A,IMU,2025,3914,B157-T-20000001,4269.38,0.76,6,1/2,1,2025-06-16,8.11,8.00
VRDGPP50R10F205A,IMU,2025,3914,B157-T-20000001,4269.38,0.76,12,1/2,2,2025-12-16,8.11,8.00
--- stderr
compute-dues: titles:9: subject B157-P-900099 has no tax code
compute-dues: titles:7: subject B157-P-900006: tax code 'NRENNA60E45B157X' is not a valid codice fiscale or partita IVA
compute-dues: titles:12: unit B157-F-10000099 has no category in force in 2025
compute-dues: read 11, written 8, rejected 3
