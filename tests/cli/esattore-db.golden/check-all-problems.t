# Every kind of problem the screens look for, in one ledger (written with
# foreign keys off), reported exactly as SQLite's checks and the invariant
# queries report them:
#  - allocations 10 and 13 name payments P0 and P9x, which do not exist;
#    allocation 11 names position 42 and allocation 12 run 7, which do not
#    exist (foreign keys, in PRAGMA foreign_key_check order);
#  - payment P3 of 10.00 is allocated 6.00 + 5.00 = 11.00;
#  - position 2 (due 5.00) is paid MATCHED 3.00 + PARTIAL 3.00 = 6.00 with
#    no OVERPAID allocation (position 3, due 7.00 and paid 8.00, has one);
#  - allocation 4 of +1.00 belongs to payment P2 of -5.00 (a reversal).
# P1 (10.00 = 6.00 + 4.00), P10 (3.00), P7 (8.00) and P8 (5.00 + 0) are
# within their amounts; P4 has no allocation.  P1 < P10 < P2 in byte order.
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db < setup.sql
cmd: esattore-db check l.db
exit: 1
--- file setup.sql
INSERT INTO runs(run_id, tool, args, started_at, status) VALUES (1, 't', '', '2026-01-01T00:00:00Z', 'ok');
INSERT INTO positions(position_id, tax_code, tax, year, phase, amount_due) VALUES
 (1, 'X', 'IMU', 2025, 'S1', 1000), (2, 'X', 'IMU', 2024, 'S1', 500), (3, 'X', 'IMU', 2023, 'S1', 700);
INSERT INTO payments(payment_id, source, source_ref, amount) VALUES
 ('P1', 'F24', 'r', 1000), ('P10', 'F24', 'r', 300), ('P2', 'F24', 'r', -500), ('P3', 'F24', 'r', 1000),
 ('P4', 'F24', 'r', 0), ('P6', 'F24', 'r', 300), ('P7', 'F24', 'r', 800), ('P8', 'F24', 'r', 500);
INSERT INTO allocations(allocation_id, payment_id, position_id, amount, rule, status, run_id) VALUES
 (1, 'P1', 1, 600, 'm', 'PARTIAL', 1), (2, 'P1', 1, 400, 'm', 'MATCHED', 1),
 (3, 'P10', 2, 300, 'm', 'MATCHED', NULL), (4, 'P2', NULL, 100, 'm', 'UNMATCHED', NULL),
 (5, 'P3', NULL, 600, 'm', 'UNMATCHED', NULL), (6, 'P3', NULL, 500, 'm', 'UNMATCHED', NULL),
 (7, 'P6', 2, 300, 'm', 'PARTIAL', NULL), (8, 'P7', 3, 800, 'm', 'MATCHED', NULL),
 (9, 'P7', 3, 0, 'm', 'OVERPAID', NULL), (10, 'P0', NULL, 50, 'm', 'UNMATCHED', NULL),
 (11, 'P8', 42, 500, 'm', 'MATCHED', NULL), (12, 'P8', NULL, 0, 'm', 'UNMATCHED', 7),
 (13, 'P9x', NULL, 10, 'm', 'UNMATCHED', NULL);
--- stderr
esattore-db: l.db: foreign-key: allocations row 10 refers to a missing payments row
esattore-db: l.db: foreign-key: allocations row 11 refers to a missing positions row
esattore-db: l.db: foreign-key: allocations row 12 refers to a missing runs row
esattore-db: l.db: foreign-key: allocations row 13 refers to a missing payments row
esattore-db: l.db: allocations-within-payment: payment P3 of 1000 cents has 1100 cents allocated
esattore-db: l.db: position-not-overpaid-silently: position 2 due 500 cents is paid 600 cents without an OVERPAID allocation
esattore-db: l.db: allocation-amount-sign: allocation 4 has the opposite sign of payment P2
esattore-db: l.db: 7 problems found
