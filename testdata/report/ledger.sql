-- A small ledger for the report, statement and compute-aggio tests.
-- Load into a fresh ledger: esattore-db init x.db && sqlite3 x.db < ledger.sql
-- Every figure the tests assert is computed by hand in the test case.
BEGIN;
INSERT INTO runs (run_id, tool, args, started_at, ended_at, status, rows_read, rows_written, rows_rejected)
VALUES (1, 'load-cadastre', 'load-cadastre x.csv', '2025-01-10T02:00:00Z', '2025-01-10T02:00:05Z', 'ok', 4, 4, 0),
       (2, 'match-payments', 'match-payments', '2025-04-10T02:00:00Z', '2025-04-10T02:00:09Z', 'rejects', 12, 11, 1);

INSERT INTO subjects (subject_id, kind, tax_code, surname, name, sex, birth_date, birth_place, address, pec)
VALUES ('H501P1', 'P', 'BNCGNN60C03L219K', 'BIANCHI', 'GIOVANNI', 'M', '1960-03-03', 'TORINO',
        'VIA ROMA 1, ROMA', 'giovanni.bianchi@pec.example.it');
INSERT INTO units (unit_id, belfiore, kind) VALUES ('H501F1', 'H501', 'F');
INSERT INTO unit_situations (unit_id, seq, valid_from, category, class, consistency, rendita, address)
VALUES ('H501F1', 1, '2001-01-01', 'A/2', '3', '5', 75000, 'VIA ROMA 1');
INSERT INTO titles (unit_id, subject_id, right_code, right_text, share_num, share_den, valid_from)
VALUES ('H501F1', 'H501P1', '1', 'Proprieta''', 1, 1, '2001-01-01');

-- IMU ordinary dues 2020-2024 (FCDE): accertato 1000, 1000, 2000, 1000, 2000.
INSERT INTO positions (position_id, tax_code, tax, year, phase, act_id, amount_due) VALUES
 (1, 'BNCGNN60C03L219K', 'IMU', 2020, 'S1', NULL, 100000),
 (2, 'BNCGNN60C03L219K', 'IMU', 2021, 'S1', NULL, 100000),
 (3, 'BNCGNN60C03L219K', 'IMU', 2022, 'S1', NULL, 200000),
 (4, 'BNCGNN60C03L219K', 'IMU', 2023, 'S1', NULL, 100000),
 (5, 'BNCGNN60C03L219K', 'IMU', 2024, 'S1', NULL, 200000),
 (6, 'BNCGNN60C03L219K', 'TARI', 2024, 'S1', NULL, 10000);
INSERT INTO due_lines (position_id, line, tributo, installment, due_date, amount_due) VALUES
 (1, 1, '3918', 0, '2020-06-16', 100000), (2, 1, '3918', 0, '2021-06-16', 100000),
 (3, 1, '3918', 0, '2022-06-16', 200000), (4, 1, '3918', 0, '2023-06-16', 100000),
 (5, 1, '3918', 0, '2024-06-17', 200000), (6, 1, '3944', 0, '2024-07-31', 10000);

-- An assessment (S2) and an ingiunzione (S3) with oneri and notification costs.
INSERT INTO acts (act_id, act_type, tax_code, tax, year, tax_due, tax_unpaid, sanction, interest, costs,
                  collection_charges, total, issued_on, due_on, notified_on, notification_state, status)
VALUES ('ACC-IMU-2019-BNCGNN60C03L219K', 'accertamento', 'BNCGNN60C03L219K', 'IMU', 2019, 80000, 80000,
        20000, 3460, 875, 3000, 112335, '2024-10-01', '2024-12-30', '2024-10-15', 'notified', 'issued'),
       ('ING-IMU-2018-BNCGNN60C03L219K', 'ingiunzione', 'BNCGNN60C03L219K', 'IMU', 2018, 40000, 40000,
        10000, 0, 1420, 1500, 52920, '2024-11-01', '2024-12-31', NULL, 'pending', 'issued');
INSERT INTO positions (position_id, tax_code, tax, year, phase, act_id, amount_due) VALUES
 (7, 'BNCGNN60C03L219K', 'IMU', 2019, 'S2', 'ACC-IMU-2019-BNCGNN60C03L219K', 112335),
 (8, 'BNCGNN60C03L219K', 'IMU', 2018, 'S3', 'ING-IMU-2018-BNCGNN60C03L219K', 52920);
INSERT INTO notification_events (act_id, channel, event, event_date, detail) VALUES
 ('ACC-IMU-2019-BNCGNN60C03L219K', 'pec', 'sent', '2024-10-14', NULL),
 ('ACC-IMU-2019-BNCGNN60C03L219K', 'pec', 'delivered', '2024-10-15', 'ricevuta di consegna');

-- Payments: each year's ordinary payment within the year (riscosso in
-- c/competenza 800, 700, 1500, 900, 1000), one late 2024 payment in 2025,
-- the assessment paid in two parts, the ingiunzione in full, one TARI
-- payment 50.00 above its due (OVERPAID), the assessment's second part paid
-- twice (DUPLICATE), one unmatched, one not yet processed, and one whose
-- allocations do not add up to it (PPART: 30.00 paid, nothing allocated yet
-- by the rules but a zero manual row).
INSERT INTO payments (payment_id, source, source_ref, tax_code, tax, year, paid_on, amount) VALUES
 ('P2020', 'F24', 'r1', 'BNCGNN60C03L219K', 'IMU', 2020, '2020-06-16', 80000),
 ('P2021', 'F24', 'r2', 'BNCGNN60C03L219K', 'IMU', 2021, '2021-06-16', 70000),
 ('P2022', 'F24', 'r3', 'BNCGNN60C03L219K', 'IMU', 2022, '2022-06-16', 150000),
 ('P2023', 'F24', 'r4', 'BNCGNN60C03L219K', 'IMU', 2023, '2023-06-16', 90000),
 ('P2024', 'F24', 'r5', 'BNCGNN60C03L219K', 'IMU', 2024, '2024-06-17', 100000),
 ('P2024L', 'F24', 'r6', 'BNCGNN60C03L219K', 'IMU', 2024, '2025-02-01', 10000),
 ('PACC1', 'PAGOPA', 'r7', 'BNCGNN60C03L219K', 'IMU', 2019, '2025-01-20', 60000),
 ('PACC2', 'PAGOPA', 'r8', 'BNCGNN60C03L219K', 'IMU', 2019, '2025-04-02', 52335),
 ('PING', 'PAGOPA', 'r9', 'BNCGNN60C03L219K', 'IMU', 2018, '2025-03-05', 52920),
 ('PTARI', 'PAGOPA', 'r10', 'BNCGNN60C03L219K', 'TARI', 2024, '2024-07-30', 15000),
 ('PUNM', 'F24', 'r11', 'VRDLGU70A01H501X', 'IMU', 2024, '2025-03-10', 5000),
 ('PNEW', 'F24', 'r12', 'VRDLGU70A01H501X', 'IMU', 2025, '2025-03-11', 2000),
 ('PACC2B', 'PAGOPA', 'r13', 'BNCGNN60C03L219K', 'IMU', 2019, '2025-04-03', 52335),
 ('PPART', 'F24', 'r14', 'BNCGNN60C03L219K', 'IMU', 2023, '2023-12-18', 3000);
INSERT INTO allocations (payment_id, position_id, amount, rule, status) VALUES
 ('P2020', 1, 80000, 'tax_code_year', 'PARTIAL'), ('P2021', 2, 70000, 'tax_code_year', 'PARTIAL'),
 ('P2022', 3, 150000, 'tax_code_year', 'PARTIAL'), ('P2023', 4, 90000, 'tax_code_year', 'PARTIAL'),
 ('P2024', 5, 100000, 'tax_code_year', 'PARTIAL'), ('P2024L', 5, 10000, 'tax_code_year', 'PARTIAL'),
 ('PACC1', 7, 60000, 'notice', 'PARTIAL'), ('PACC2', 7, 52335, 'notice', 'MATCHED'),
 ('PING', 8, 52920, 'notice', 'MATCHED'), ('PTARI', 6, 10000, 'notice', 'MATCHED'),
 ('PTARI', 6, 5000, 'notice', 'OVERPAID'), ('PACC2B', 7, 52335, 'notice', 'DUPLICATE'),
 ('PUNM', NULL, 5000, 'none', 'UNMATCHED'), ('PPART', 4, 0, 'manual', 'PARTIAL');
COMMIT;
