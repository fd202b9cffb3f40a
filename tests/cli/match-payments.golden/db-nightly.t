exit: 0
# With --db: night 1 has the treasury journal but not the flow its credit
# 102 pays (a truncated id): the credit stays UNMATCHED and is not final.
# Night 2 brings the flow: the item pays position 2 and the credit is
# matched; F1, allocated the first night, is skipped.  Night 3 repeats
# night 2: nothing is allocated twice.  Night 4 brings only flow 4: the
# credit 103 of 9.50, left unmatched on night 1 and kept in the ledger with
# its causale, is reconsidered without the journal (AMOUNT_DIFFERS: the
# flow declares 10.00).  The ledger's invariants hold.
# (Positions are seeded with the sqlite3 shell.)
cmd: esattore-db --quiet init l.db
cmd: sqlite3 l.db < seed.sql
cmd: match-payments --quiet --db l.db f24.csv "$TESTDATA"/treasury/gdc-2025-07-10.xml | cut -d, -f1,2,5-8
cmd: match-payments --quiet --db l.db f24.csv "$TESTDATA"/treasury/gdc-2025-07-10.xml "$TESTDATA"/pagopa/fdr-2025-07-03.xml | cut -d, -f1,2,5-8
cmd: match-payments --db l.db f24.csv "$TESTDATA"/treasury/gdc-2025-07-10.xml "$TESTDATA"/pagopa/fdr-2025-07-03.xml 2>&1 >/dev/null | sed "s|$TESTDATA/||"
cmd: match-payments --quiet --db l.db "$TESTDATA"/pagopa/fdr-2025-07-04.xml | cut -d, -f1,2,5-9
cmd: sqlite3 l.db "SELECT payment_id, position_id, amount, rule, status, run_id FROM allocations ORDER BY allocation_id"
cmd: esattore-db check l.db
--- file seed.sql
INSERT INTO positions (position_id, tax_code, tax, year, phase, amount_due) VALUES
 (1, 'NREPLA70D04H501O', 'TARI', 2025, 'S1', 8000),
 (2, 'CSTMRC72M13L736U', 'TARI', 2025, 'S1', 3300),
 (3, 'RSSMRA80A01H501U', 'IMU', 2025, 'S1', 20000);
INSERT INTO due_lines (position_id, line, unit_id, tributo, installment, due_date, amount_due) VALUES
 (1, 1, 'D-U1', '3944', 0, '2025-07-31', 8000),
 (2, 1, 'I-U2', '3944', 0, '2025-07-31', 3300),
 (3, 1, 'A-U1', '3912', 1, '2025-06-16', 10000),
 (3, 2, 'A-U1', '3912', 2, '2025-12-16', 10000);
INSERT INTO notices (notice_number, iuv, position_id, installment, amount, due_date) VALUES
 ('301000000000010454', '01000000000010454', 1, 0, 8000, '2025-07-31'),
 ('301000000000010959', '01000000000010959', 2, 0, 3300, '2025-07-31');
--- file f24.csv
payment_id,source,tax_code,tax,year,amount
F1,F24,RSSMRA80A01H501U,IMU,2025,100.00
--- stdout
payment_id,position_id,amount,rule,status,recon
F1,3,100.00,tax-year,MATCHED,
OPI-2025-0000001-101-20250702,,100.00,flow,UNMATCHED,UNKNOWN_CREDIT
OPI-2025-0000001-102-20250704,,33.00,flow,UNMATCHED,UNKNOWN_CREDIT
OPI-2025-0000001-103-20250705,,9.50,flow,UNMATCHED,UNKNOWN_CREDIT
OPI-2025-0000001-104-20250706,,77.00,flow,UNMATCHED,UNKNOWN_CREDIT
OPI-2025-0000001-105-20250707,,75.00,none,UNMATCHED,UNKNOWN_CREDIT
OPI-2025-0000001-106-20250708,,90.00,none,UNMATCHED,UNKNOWN_CREDIT
payment_id,position_id,amount,rule,status,recon
PAGOPA-2025-07-03ZZZZITMMXXX-0000000003-01000000000010959-IUR0007-1,2,33.00,notice,MATCHED,COMPLETE
OPI-2025-0000001-101-20250702,,100.00,flow,UNMATCHED,UNKNOWN_CREDIT
OPI-2025-0000001-102-20250704,,33.00,flow,MATCHED,COMPLETE
OPI-2025-0000001-103-20250705,,9.50,flow,UNMATCHED,UNKNOWN_CREDIT
OPI-2025-0000001-104-20250706,,77.00,flow,UNMATCHED,UNKNOWN_CREDIT
OPI-2025-0000001-105-20250707,,75.00,none,UNMATCHED,UNKNOWN_CREDIT
OPI-2025-0000001-106-20250708,,90.00,none,UNMATCHED,UNKNOWN_CREDIT
match-payments: treasury/gdc-2025-07-10.xml: 1 movements that are not incoming credits ignored
match-payments: 3 payments already allocated by earlier runs
match-payments: read 8, written 8, rejected 0
payment_id,position_id,amount,rule,status,recon,note
PAGOPA-2025-07-04ABCDITMMXXX-0000000004-01000000000011060-IUR0008-1,,10.00,none,UNMATCHED,AMOUNT_DIFFERS,IUV 01000000000011060 is not in the dues
OPI-2025-0000001-101-20250702,,100.00,flow,UNMATCHED,UNKNOWN_CREDIT,flow 2025-07-01ABCDITMMXXX-0000000001 not received (yet)
OPI-2025-0000001-103-20250705,,9.50,flow,UNMATCHED,AMOUNT_DIFFERS,flow 2025-07-04ABCDITMMXXX-0000000004 declares 10.00
OPI-2025-0000001-104-20250706,,77.00,flow,UNMATCHED,UNKNOWN_CREDIT,flow 2025-07-05XXXXITMMXXX-0000000099 not received (yet)
OPI-2025-0000001-105-20250707,,75.00,none,UNMATCHED,UNKNOWN_CREDIT,no open debt of BNCLRA75B42F205N identified by the causale or the amount
OPI-2025-0000001-106-20250708,,90.00,none,UNMATCHED,UNKNOWN_CREDIT,no open debt of MRNGNN55T10H501S identified by the causale or the amount
F1|3|10000|tax-year|MATCHED|1
OPI-2025-0000001-101-20250702||10000|flow|UNMATCHED|1
OPI-2025-0000001-103-20250705||950|flow|UNMATCHED|1
OPI-2025-0000001-104-20250706||7700|flow|UNMATCHED|1
OPI-2025-0000001-105-20250707||7500|none|UNMATCHED|1
OPI-2025-0000001-106-20250708||9000|none|UNMATCHED|1
PAGOPA-2025-07-03ZZZZITMMXXX-0000000003-01000000000010959-IUR0007-1|2|3300|notice|MATCHED|2
OPI-2025-0000001-102-20250704||3300|flow|MATCHED|2
PAGOPA-2025-07-04ABCDITMMXXX-0000000004-01000000000011060-IUR0008-1||1000|none|UNMATCHED|4
--- stderr
esattore-db: l.db: ok
