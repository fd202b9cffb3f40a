exit: 0
# The chain assess -> track-notifications -> emit-injunctions -> plan-installments
# on one ledger, esattore-db check after every step.
# assess (30 Jun 2025, PEC): 800.00 + 200.00 + 8.76 + 2.00 = 1,010.76 (see
#   assess.golden/db-post-sgravio.t).
# PEC delivered 2 Jul 2025: notified; due 2 Jul + 60 = 31 Aug 2025 (c. 792).
# 1 Oct 2025: esecutivita 31 Aug, handover + 30 = 30 Sep: a sollecito (debt <=
#   10,000.00).  Mora from 30 Sep, 1 day: 800.00 x 0.02 x 1/365 = 0.044 -> 0.04;
#   interest 8.76 + 0.04 = 8.80; costs 2.00 + 1.33 = 3.33; due 1 Oct + 30 = 31
#   Oct, after the early band (31 Aug + 60 = 30 Oct): 6 % x (800 + 200 + 8.76 =
#   1,008.76) = 60.5256 -> 60.53; total 800 + 200 + 8.80 + 3.33 + 60.53 = 1,072.66.
# 5 Oct 2025: a plan of 5 (band 500.01-3,000: 5-12) for 1,072.66: 107,266 / 5
#   = 21,453 cents x 4 = 85,812, the last 21,454; due at the end of each month
#   after the grant: 30 Nov, 31 Dec, 31 Jan 2026, 28 Feb, 31 Mar; interest at
#   2 % from 6 Oct: 56, 87, 118, 146, 177 days: 214.53 x 0.02 x 56/365 =
#   0.6583 -> 0.66; x 87/365 = 1.0227 -> 1.02; x 118/365 = 1.3871 -> 1.39;
#   x 146/365 = 1.7162 -> 1.72; 214.54 x 0.02 x 177/365 = 2.0807 -> 2.08.
#   One notice per instalment: NAV sequence 3, 4, ... under segregation 01
#   (check digits 3010000000000003 mod 93 = 46, ...).
# 15 Nov 2025: the plan runs, so no new act.
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db < ledger.sql
cmd: assess --db l.db --ente ente.ini --tax imu --year 2024 --as-of 2025-06-30 --notification pec --post --quiet | cut -d, -f1,13,14
cmd: esattore-db -q check l.db && echo check 1 ok
cmd: printf 'act_id,channel,event,event_date\nACC-IMU-2024-BNCGNN60C03L219K,pec,CONSEGNA,2025-07-02\n' | track-notifications --db l.db --post -q | cut -d, -f1-4
cmd: esattore-db -q check l.db && echo check 2 ok
cmd: emit-injunctions --db l.db --ente ente.ini --as-of 2025-10-01 --post -q | cut -d, -f1,2,12-25,28
cmd: esattore-db -q check l.db && echo check 3 ok
cmd: printf 'act_id,months\nACC-IMU-2024-BNCGNN60C03L219K,5\n' | plan-installments --db l.db --ente ente.ini --as-of 2025-10-05 --post -q | cut -d, -f1,2,4-10
cmd: esattore-db -q check l.db && echo check 4 ok
cmd: emit-injunctions --db l.db --ente ente.ini --as-of 2025-11-15 --post -q | wc -l
cmd: esattore-db check l.db
--- file ente.ini
[ente]
name=Comune di Esempio
tax_code=00123456782
belfiore=Z999
province=MI
pec=protocollo@pec.comune.esempio.it

[pagopa]
aux_digit=3
segregation_code=01
cbill=AB123
iban=IT60 X054 2811 1010 0000 0123 456

[rules]
min_amount=12.00
interest_spread=0
day_count=365
covid_shift=true
--- file ledger.sql
INSERT INTO positions(position_id, tax_code, tax, year, phase, amount_due) VALUES
  (1, 'BNCGNN60C03L219K', 'IMU', 2024, 'S1', 160000), (2, 'RSSMRA80A01H501U', 'IMU', 2024, 'S1', 60000);
INSERT INTO due_lines(position_id, line, unit_id, tributo, installment, due_date, amount_due) VALUES
  (1, 1, 'L219F9', '3918', 1, '2024-06-17', 80000), (1, 2, 'L219F9', '3918', 2, '2024-12-16', 80000),
  (2, 1, 'L219F8', '3918', 2, '2024-12-16', 60000);
INSERT INTO payments(payment_id, source, source_ref, tax_code, tax, year, paid_on, amount) VALUES
  ('F1', 'F24', 'r1', 'BNCGNN60C03L219K', 'IMU', 2024, '2024-06-17', 80000),
  ('F2', 'F24', 'r2', 'RSSMRA80A01H501U', 'IMU', 2024, '2024-12-16', 60000);
INSERT INTO allocations(payment_id, position_id, tax_code, amount, rule, status) VALUES
  ('F1', 1, 'BNCGNN60C03L219K', 80000, 'cf-year', 'PARTIAL'),
  ('F2', 2, 'RSSMRA80A01H501U', 60000, 'cf-year', 'MATCHED');
--- stdout
act_id,total,due_on
ACC-IMU-2024-BNCGNN60C03L219K,1010.76,2025-08-29
check 1 ok
act_id,notification_state,notified_on,due_on
ACC-IMU-2024-BNCGNN60C03L219K,notified,2025-07-02,2025-08-31
check 2 ok
act_id,act_type,tax_unpaid,sanction,interest,mora_interest,costs,notification_cost,collection_charges,collection_charges_late,total,total_late,issued_on,esecutivita,early_until,due_on,notice_number
ACC-IMU-2024-BNCGNN60C03L219K-SOL-2025-10-01,sollecito,800.00,200.00,8.80,0.04,3.33,1.33,60.53,60.53,1072.66,1072.66,2025-10-01,2025-08-31,2025-10-30,2025-10-31,301000000000000245
check 3 ok
act_id,plan_id,debt,installment,due_date,principal,interest,amount,notice_number
ACC-IMU-2024-BNCGNN60C03L219K,1,1072.66,1,2025-11-30,214.53,0.66,215.19,301000000000000346
ACC-IMU-2024-BNCGNN60C03L219K,1,1072.66,2,2025-12-31,214.53,1.02,215.55,301000000000000447
ACC-IMU-2024-BNCGNN60C03L219K,1,1072.66,3,2026-01-31,214.53,1.39,215.92,301000000000000548
ACC-IMU-2024-BNCGNN60C03L219K,1,1072.66,4,2026-02-28,214.53,1.72,216.25,301000000000000649
ACC-IMU-2024-BNCGNN60C03L219K,1,1072.66,5,2026-03-31,214.54,2.08,216.62,301000000000000750
check 4 ok
1
--- stderr
esattore-db: l.db: ok
