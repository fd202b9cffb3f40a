exit: 0
# The front-office statement of one taxpayer (testdata/report/ledger.sql):
# IMU 2024 due 2000.00, paid 1000.00 + 100.00 = 1100.00, open 900.00; the
# assessment paid in two parts (600.00 + 523.35 = 1123.35) and its second part
# paid twice (a 523.35 credit); the TARI credit 150.00 - 100.00 = 50.00 (the
# OVERPAID allocation); PPART 30.00 with nothing allocated.
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: statement --db x.db BNCGNN60C03L219K
--- stdout
Statement of BNCGNN60C03L219K

Subject
  subject_id kind tax_code         surname name     denomination birth_date birth_place address          pec
  H501P1     P    BNCGNN60C03L219K BIANCHI GIOVANNI              1960-03-03 TORINO      VIA ROMA 1, ROMA giovanni.bianchi@pec.example.it

Units and titles
  unit_id kind right_code right_text share valid_from valid_to category rendita address
  H501F1  F    1          Proprieta' 1/1   2001-01-01          A/2       750.00 VIA ROMA 1

Dues by year
  tax  year phase act_id                            due    paid   open status
  IMU  2018 S3    ING-IMU-2018-BNCGNN60C03L219K  529.20  529.20   0.00 open
  IMU  2019 S2    ACC-IMU-2019-BNCGNN60C03L219K 1123.35 1123.35   0.00 open
  IMU  2020 S1                                  1000.00  800.00 200.00 open
  IMU  2021 S1                                  1000.00  700.00 300.00 open
  IMU  2022 S1                                  2000.00 1500.00 500.00 open
  IMU  2023 S1                                  1000.00  900.00 100.00 open
  IMU  2024 S1                                  2000.00 1100.00 900.00 open
  TARI 2024 S1                                   100.00  100.00   0.00 open

Payments and where they went
  payment_id source paid_on    tax  year  amount status allocated_to
  P2020      F24    2020-06-16 IMU  2020  800.00 valid  IMU 2020 S1 800.00
  P2021      F24    2021-06-16 IMU  2021  700.00 valid  IMU 2021 S1 700.00
  P2022      F24    2022-06-16 IMU  2022 1500.00 valid  IMU 2022 S1 1500.00
  P2023      F24    2023-06-16 IMU  2023  900.00 valid  IMU 2023 S1 900.00
  PPART      F24    2023-12-18 IMU  2023   30.00 valid  IMU 2023 S1 0.00
  P2024      F24    2024-06-17 IMU  2024 1000.00 valid  IMU 2024 S1 1000.00
  PTARI      PAGOPA 2024-07-30 TARI 2024  150.00 valid  TARI 2024 S1 100.00; TARI 2024 S1 OVERPAID 50.00
  PACC1      PAGOPA 2025-01-20 IMU  2019  600.00 valid  IMU 2019 S2 ACC-IMU-2019-BNCGNN60C03L219K 600.00
  P2024L     F24    2025-02-01 IMU  2024  100.00 valid  IMU 2024 S1 100.00
  PING       PAGOPA 2025-03-05 IMU  2018  529.20 valid  IMU 2018 S3 ING-IMU-2018-BNCGNN60C03L219K 529.20
  PACC2      PAGOPA 2025-04-02 IMU  2019  523.35 valid  IMU 2019 S2 ACC-IMU-2019-BNCGNN60C03L219K 523.35
  PACC2B     PAGOPA 2025-04-03 IMU  2019  523.35 valid  IMU 2019 S2 ACC-IMU-2019-BNCGNN60C03L219K DUPLICATE 523.35

Acts
  act_id                        act_type     tax year   total issued_on  due_on     notification_state notified_on status
  ACC-IMU-2019-BNCGNN60C03L219K accertamento IMU 2019 1123.35 2024-10-01 2024-12-30 notified           2024-10-15  issued
  ING-IMU-2018-BNCGNN60C03L219K ingiunzione  IMU 2018  529.20 2024-11-01 2024-12-31 pending                        issued

Notification events
  act_id                        channel event     event_date detail
  ACC-IMU-2019-BNCGNN60C03L219K pec     sent      2024-10-14
  ACC-IMU-2019-BNCGNN60C03L219K pec     delivered 2024-10-15 ricevuta di consegna

Installment plans
  (none)

Credits (refunds due)
  payment_id paid_on    amount credit
  PPART      2023-12-18  30.00  30.00
  PTARI      2024-07-30 150.00  50.00
  PACC2B     2025-04-03 523.35 523.35
