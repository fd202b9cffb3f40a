exit: 0
# --db --post: IMU 2024, subject B owes acconto (paid on time) and saldo of
# 800.00 (16 Dec 2024, unpaid); subject R paid everything on time.
# Run 1 (act date 30 Jun 2025, PEC): 800.00 + 25 % 200.00 + interest 3196/365
#   = 8.756164 -> 8.76 + PEC 2.00 = 1010.76, recorded with a notice (NAV, aux 3,
#   segregation code 01, sequence 1: 3 01 0000000000001, check 3010000000000001
#   mod 93 = 44) due 29 Aug 2025.
# Run 2: nothing changed: the act is shown 'unchanged', not duplicated.
# A payment of the saldo made on 25 Jan 2025 (40 days late) is recorded later.
# Run 3 recomputes the act as of its own date (30 Jun 2025): saldo late 40 days:
#   12.5 % = 100.00; interest 800 x 0.025 x 15/365 + 800 x 0.02 x 25/365
#   = (300 + 400)/365 = 1.917808 -> 1.92; costs 2.00 stay: 103.92.
#   The sgravio is 103.92 - 1010.76 = -906.84 (tax -800.00, sanction -100.00,
#   interest 1.92 - 8.76 = -6.84); the notice and the position go down to 103.92.
# Run 4: unchanged at the net amounts.  The ledger passes its invariants.
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db < ledger.sql
cmd: assess --db l.db --ente ente.ini --tax imu --year 2024 --as-of 2025-06-30 --notification pec --post --quiet
cmd: assess --db l.db --ente ente.ini --tax imu --year 2024 --as-of 2025-07-30 --notification pec --post --quiet
cmd: sqlite3 l.db < late-payment.sql
cmd: assess --db l.db --ente ente.ini --tax imu --year 2024 --as-of 2025-09-30 --post --quiet
cmd: assess --db l.db --ente ente.ini --tax imu --year 2024 --as-of 2025-10-30 --post --quiet
cmd: sqlite3 l.db "SELECT act_id, act_type, IFNULL(parent_act_id,''), total, status FROM acts ORDER BY act_id; SELECT notice_number, amount, due_date, status FROM notices; SELECT act_id, amount_due FROM positions WHERE phase = 'S2'"
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
--- file late-payment.sql
INSERT INTO payments(payment_id, source, source_ref, tax_code, tax, year, paid_on, amount) VALUES
  ('F3', 'F24', 'r3', 'BNCGNN60C03L219K', 'IMU', 2024, '2025-01-25', 80000);
INSERT INTO allocations(payment_id, position_id, tax_code, amount, rule, status) VALUES
  ('F3', 1, 'BNCGNN60C03L219K', 80000, 'cf-year', 'MATCHED');
--- stdout
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,1600.00,800.00,800.00,200.00,8.76,2.00,0.00,1010.76,2025-08-29,2025-06-30,partial,200.00,pec,,301000000000000144,posted
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,1600.00,800.00,800.00,200.00,8.76,2.00,0.00,1010.76,2025-08-29,2025-06-30,partial,200.00,,,301000000000000144,unchanged
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
SGR-IMU-2024-BNCGNN60C03L219K-1,sgravio,BNCGNN60C03L219K,IMU,2024,0.00,800.00,-800.00,-100.00,-6.84,0.00,0.00,-906.84,2025-08-29,2025-09-30,late,0.00,,ACC-IMU-2024-BNCGNN60C03L219K,301000000000000144,posted
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,1600.00,1600.00,0.00,100.00,1.92,2.00,0.00,103.92,2025-08-29,2025-06-30,late,100.00,,,301000000000000144,unchanged
ACC-IMU-2024-BNCGNN60C03L219K|accertamento||101076|reduced
SGR-IMU-2024-BNCGNN60C03L219K-1|sgravio|ACC-IMU-2024-BNCGNN60C03L219K|-90684|issued
301000000000000144|10392|2025-08-29|open
ACC-IMU-2024-BNCGNN60C03L219K|10392
--- stderr
esattore-db: l.db: ok
