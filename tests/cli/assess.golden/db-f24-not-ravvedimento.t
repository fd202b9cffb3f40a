exit: 0
# --db: an F24 payment recorded by f24-reconcile carries its G1 flags in the
# detail, "ravvedimento=0" among them; only "ravvedimento=1" (the F24 Ravv.
# box) or an office's item "ravvedimento" make it a ravvedimento.  Here the
# payment of the saldo is a plain late payment (the sample chain found every
# F24 payment read as a short ravvedimento, its tax part left unpaid).
# As late-60-days: IMU 2024 saldo of 800.00 due 16 Dec 2024, paid in full on
# 14 Feb 2025: d = 15 + 31 + 14 = 60, regime from 1 Sep 2024 (25 %), halved
# for 15 < d <= 90:
#   sanction 800 x 12.5 % = 100.00
#   interest 800 x 0.025 x 15/365 + 800 x 0.02 x 45/365 = (300 + 720)/365 = 2.794521 -> 2.79
#   act 102.79, tax unpaid 0.00
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db < ledger.sql
cmd: assess --db l.db --tax imu --year 2024 --as-of 2025-06-30
--- file ledger.sql
INSERT INTO positions(position_id, tax_code, tax, year, phase, amount_due) VALUES
  (1, 'BNCGNN60C03L219K', 'IMU', 2024, 'S1', 80000);
INSERT INTO due_lines(position_id, line, unit_id, tributo, installment, due_date, amount_due) VALUES
  (1, 1, 'L219F9', '3918', 2, '2024-12-16', 80000);
INSERT INTO payments(payment_id, source, source_ref, tax_code, tax, year, tributo, paid_on, amount, detail) VALUES
  ('F24-1', 'F24', 'f24.txt:2:000001/01', 'BNCGNN60C03L219K', 'IMU', 2024, '3918', '2025-02-14', 80000,
   'debit=80000;credit=0;acconto_saldo=saldo;ravvedimento=0;immobili_variati=0;num_immobili=1');
INSERT INTO allocations(payment_id, position_id, tax_code, amount, rule, status) VALUES
  ('F24-1', 1, 'BNCGNN60C03L219K', 80000, 'tax-year', 'MATCHED');
--- stdout
act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total,due_on,issued_on,violation,sanction_acquiescence,notification,parent_act_id,notice_number,status
ACC-IMU-2024-BNCGNN60C03L219K,accertamento,BNCGNN60C03L219K,IMU,2024,800.00,800.00,0.00,100.00,2.79,0.00,0.00,102.79,2025-08-29,2025-06-30,late,100.00,,,,draft
--- stderr
assess: read 2, written 2, rejected 0
assess: acts 1, reported 0
