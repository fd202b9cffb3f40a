-- An installment plan on the ingiunzione of ledger.sql, for statement's
-- plans section.  The tables are those of the coercive phase's migration;
-- IF NOT EXISTS lets this file load before and after that migration.
CREATE TABLE IF NOT EXISTS plans (
  plan_id INTEGER PRIMARY KEY, act_id TEXT NOT NULL REFERENCES acts(act_id),
  position_id INTEGER NOT NULL REFERENCES positions(position_id), tax_code TEXT NOT NULL,
  debt INTEGER NOT NULL, months INTEGER NOT NULL, granted_on TEXT NOT NULL, spread TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active', reminded_on TEXT, lapsed_on TEXT, balance_due INTEGER,
  run_id INTEGER REFERENCES runs(run_id));
CREATE TABLE IF NOT EXISTS plan_installments (
  plan_id INTEGER NOT NULL REFERENCES plans(plan_id), number INTEGER NOT NULL, due_date TEXT NOT NULL,
  principal INTEGER NOT NULL, interest INTEGER NOT NULL, amount INTEGER NOT NULL,
  notice_number TEXT NOT NULL REFERENCES notices(notice_number), PRIMARY KEY (plan_id, number));
BEGIN;
INSERT INTO notices (notice_number, iuv, position_id, installment, amount, due_date) VALUES
 ('301000000000000017', '01000000000000017', 8, 1, 26500, '2025-01-31'),
 ('301000000000000025', '01000000000000025', 8, 2, 26500, '2025-02-28');
INSERT INTO plans (plan_id, act_id, position_id, tax_code, debt, months, granted_on, spread, status)
VALUES (1, 'ING-IMU-2018-BNCGNN60C03L219K', 8, 'BNCGNN60C03L219K', 52920, 2, '2025-01-10', '0', 'active');
INSERT INTO plan_installments VALUES
 (1, 1, '2025-01-31', 26460, 40, 26500, '301000000000000017'),
 (1, 2, '2025-02-28', 26460, 40, 26500, '301000000000000025');
INSERT INTO payments (payment_id, source, source_ref, tax_code, tax, year, notice_number, paid_on, amount)
VALUES ('PPLAN1', 'PAGOPA', 'r20', 'BNCGNN60C03L219K', 'IMU', 2018, '301000000000000017', '2025-01-30', 26500);
INSERT INTO allocations (payment_id, position_id, notice_number, amount, rule, status)
VALUES ('PPLAN1', 8, '301000000000000017', 26500, 'notice', 'MATCHED');
COMMIT;
