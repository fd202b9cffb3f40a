exit: 0
# The payments stream of basic.txt (CRLF), one row per G1, selected columns:
# payment_id tax year tributo paid_on credited_on amount status status_on
# debit credit acconto_saldo ravvedimento belfiore_ok.
# By hand, from testdata/f24/mkfixtures.py (amounts in cents on file):
#   line 2  3912 debito 25000                    -> 250.00, saldo (128-129 = "01")
#   line 3  3918 debito 120050                   -> 1200.50
#   line 4  3925 (State) debito 300000           -> 3000.00
#   line 5  3930 debito 100000                   -> 1000.00
#   line 6  3918 anno 2023, Ravv. = 1            -> 512.34, ravvedimento 1, unica ("00")
#   line 7  3918 debito 40000 credito 15000      -> 400.00 - 150.00 = 250.00
#   line 8  3912 paid to B990, the Z1 says F205  -> belfiore_ok 0
#   line 9  3916 debito 20000, cancelled by the G9 on line 22 (A, 2025-01-09)
#   line 10 3944 TARI, line 11 TEFA 750          -> 150.00, 7.50 (acconto and saldo blank: unica)
#   line 12 3918 debito 0 credito 5000           -> -50.00
#   line 13 3912 20.00; line 14 3944 100.00
# credited_on: the G5 on line 21 (data accreditamento 2025-01-09) names
# ripartizione 2025-01-08/01 tipo I; the other blocks have no G5, so their
# rows carry the data bonifico (2025-01-07 tipo A, 2025-01-08 ripartizione 2025-01-09).
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile --quiet basic.txt | cut -d, -f1,5,6,7,10-14,16-19,26
--- stdout
payment_id,tax,year,tributo,paid_on,credited_on,amount,status,status_on,debit,credit,acconto_saldo,ravvedimento,belfiore_ok
F24-F205-2025010801-20250107-2025011001-000001-01,IMU,2024,3912,2024-12-16,2025-01-09,250.00,valid,,250.00,0.00,saldo,0,1
F24-F205-2025010801-20250107-2025011001-000001-02,IMU,2024,3918,2024-12-16,2025-01-09,1200.50,valid,,1200.50,0.00,saldo,0,1
F24-F205-2025010801-20250107-2025011001-000002-01,IMU,2024,3925,2024-12-16,2025-01-09,3000.00,valid,,3000.00,0.00,saldo,0,1
F24-F205-2025010801-20250107-2025011001-000002-02,IMU,2024,3930,2024-12-16,2025-01-09,1000.00,valid,,1000.00,0.00,saldo,0,1
F24-F205-2025010801-20250107-2025011001-000003-01,IMU,2023,3918,2024-12-20,2025-01-09,512.34,valid,,512.34,0.00,unica,1,1
F24-F205-2025010801-20250107-2025011001-000004-01,IMU,2024,3918,2024-12-16,2025-01-09,250.00,valid,,400.00,150.00,saldo,0,1
F24-B990-2025010801-20250107-2025011001-000005-01,IMU,2024,3912,2024-12-16,2025-01-09,100.00,valid,,100.00,0.00,saldo,0,0
F24-F205-2025010801-20250107-2025011001-000006-01,IMU,2024,3916,2024-12-16,2025-01-09,200.00,cancelled,2025-01-09,200.00,0.00,saldo,0,1
F24-F205-2025010801-20250107-2025011001-000007-01,TARI,2024,3944,2024-12-02,2025-01-07,150.00,valid,,150.00,0.00,unica,0,1
F24-F205-2025010801-20250107-2025011001-000007-02,TEFA,2024,TEFA,2024-12-02,2025-01-07,7.50,valid,,7.50,0.00,unica,0,1
F24-F205-2025010901-20250108-2025011001-000001-01,IMU,2024,3918,2025-01-03,2025-01-08,-50.00,valid,,0.00,50.00,saldo,0,1
F24-F205-2025010901-20250108-2025011001-000001-02,IMU,2024,3912,2025-01-03,2025-01-08,20.00,valid,,20.00,0.00,saldo,0,1
F24-F205-2025010901-20250108-2025011001-000002-01,TARI,2024,3944,2025-01-03,2025-01-08,100.00,valid,,100.00,0.00,unica,0,1
