exit: 0
# Installments are numbered 1..n among those with a notice, 0 staying the
# single payment.  IMU 2025 of position 1: the acconto was zero (no notice),
# so the saldo (installment 2) is the whole tax: alone beside the single
# payment it is the same payment, and only installment 0 is exported.
# TARI 2025 of position 2: notices 0, 2 and 3 (no 1): exported as 0, 1, 2.
cmd: esattore-db -q init l.db && sqlite3 l.db < ledger.sql
cmd: export-notices --db l.db --quiet | cut -d, -f1,10-13
--- file ledger.sql
INSERT INTO positions(position_id, tax_code, tax, year, phase, amount_due) VALUES
 (1, 'RSSMRA85T10A562S', 'IMU', 2025, 'S1', 12700),
 (2, 'RSSMRA85T10A562S', 'TARI', 2025, 'S1', 20000);
INSERT INTO notices(notice_number, iuv, position_id, installment, amount, due_date) VALUES
 ('301000000000012373', '01000000000012373', 1, 0, 12700, '2025-06-16'),
 ('301000000000012474', '01000000000012474', 1, 2, 12700, '2025-12-16'),
 ('301000000000012575', '01000000000012575', 2, 0, 20000, '2025-07-31'),
 ('301000000000012676', '01000000000012676', 2, 2, 10000, '2025-07-31'),
 ('301000000000012777', '01000000000012777', 2, 3, 10000, '2025-12-02');
--- stdout
notice_id,installment,notice_number,amount,due_date
S1-1,0,301000000000012373,127.00,2025-06-16
S1-2,0,301000000000012575,200.00,2025-07-31
S1-2,1,301000000000012676,100.00,2025-07-31
S1-2,2,301000000000012777,100.00,2025-12-02
