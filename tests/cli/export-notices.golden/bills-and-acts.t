exit: 0
# Two debt positions in the ledger: a TARI 2026 bill of 150.00 in a single
# payment (installment 0) or two installments of 75.00, and an IMU 2021
# accertamento (tax 1000.00, paid 300.00, unpaid 700.00, sanction 210.00,
# interest 15.00, costs 7.83: total 700 + 210 + 15 + 7.83 = 932.83).  The
# bill's debtor has an address and PEC from the contacts file; the act's
# debtor only a name from the cadastre (surname and name joined).  A TARI 2025
# bill whose first installment is paid is left out (the bill has done its
# work) unless --all: 3 + 1 notices by default, 3 + 1 + 2 = 6 with --all.
cmd: esattore-db -q init l.db && sqlite3 l.db < ledger.sql
cmd: export-notices --db l.db --contacts contacts.csv
cmd: export-notices --db l.db --phase S2 --quiet | cut -d, -f1-4,11-12,16-23
cmd: echo "all: $(export-notices --db l.db --all --quiet | wc -l) lines"
--- file ledger.sql
INSERT INTO subjects(subject_id, kind, tax_code, surname, name) VALUES
 ('Z999-1', 'P', 'RSSMRA85T10A562S', 'ROSSI', 'MARIO'),
 ('Z999-2', 'P', 'BNCLRA90A41F205I', 'BIANCHI', 'LAURA');
INSERT INTO positions(position_id, tax_code, tax, year, phase, amount_due) VALUES
 (1, 'RSSMRA85T10A562S', 'TARI', 2026, 'S1', 15000);
INSERT INTO notices(notice_number, iuv, position_id, installment, amount, due_date) VALUES
 ('301000000000012373', '01000000000012373', 1, 0, 15000, '2026-06-16'),
 ('301000000000012474', '01000000000012474', 1, 1, 7500, '2026-06-16'),
 ('301000000000012575', '01000000000012575', 1, 2, 7500, '2026-12-16');
INSERT INTO acts(act_id, act_type, tax_code, tax, year, tax_due, tax_paid, tax_unpaid, sanction,
 interest, costs, total, issued_on, due_on) VALUES
 ('ACC-IMU-2021-BNCLRA90A41F205I', 'accertamento', 'BNCLRA90A41F205I', 'IMU', 2021, 100000, 30000,
  70000, 21000, 1500, 783, 93283, '2026-01-10', '2026-03-11');
INSERT INTO positions(position_id, tax_code, tax, year, phase, act_id, amount_due) VALUES
 (2, 'BNCLRA90A41F205I', 'IMU', 2021, 'S2', 'ACC-IMU-2021-BNCLRA90A41F205I', 93283);
INSERT INTO notices(notice_number, iuv, position_id, installment, amount, due_date, status) VALUES
 ('301000000000012676', '01000000000012676', 2, 0, 93283, '2026-03-11', 'open');
INSERT INTO positions(position_id, tax_code, tax, year, phase, amount_due) VALUES
 (3, 'BNCLRA90A41F205I', 'TARI', 2025, 'S1', 20000);
INSERT INTO notices(notice_number, iuv, position_id, installment, amount, due_date, status) VALUES
 ('301000000000012777', '01000000000012777', 3, 1, 10000, '2025-06-16', 'paid'),
 ('301000000000012878', '01000000000012878', 3, 2, 10000, '2025-12-16', 'open');
--- file contacts.csv
tax_code,address,pec,email
rssmra85t10a562s,"Via Roma 1, 20121 Milano (MI)",mario.rossi@pec.example.it,
--- stdout
notice_id,act_type,act_id,tax_code,name,address,pec,email,subject_text,installment,notice_number,amount,due_date,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total
S1-1,bill,,RSSMRA85T10A562S,ROSSI MARIO,"Via Roma 1, 20121 Milano (MI)",mario.rossi@pec.example.it,,TARI 2026,0,301000000000012373,150.00,2026-06-16,TARI,2026,,,,,,,,
S1-1,bill,,RSSMRA85T10A562S,ROSSI MARIO,"Via Roma 1, 20121 Milano (MI)",mario.rossi@pec.example.it,,TARI 2026,1,301000000000012474,75.00,2026-06-16,TARI,2026,,,,,,,,
S1-1,bill,,RSSMRA85T10A562S,ROSSI MARIO,"Via Roma 1, 20121 Milano (MI)",mario.rossi@pec.example.it,,TARI 2026,2,301000000000012575,75.00,2026-12-16,TARI,2026,,,,,,,,
S2-2,accertamento,ACC-IMU-2021-BNCLRA90A41F205I,BNCLRA90A41F205I,BIANCHI LAURA,,,,accertamento IMU 2021 - atto ACC-IMU-2021-BNCLRA90A41F205I,0,301000000000012676,932.83,2026-03-11,IMU,2021,1000.00,300.00,700.00,210.00,15.00,7.83,0.00,932.83
notice_id,act_type,act_id,tax_code,notice_number,amount,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total
S2-2,accertamento,ACC-IMU-2021-BNCLRA90A41F205I,BNCLRA90A41F205I,301000000000012676,932.83,1000.00,300.00,700.00,210.00,15.00,7.83,0.00,932.83
all: 7 lines
--- stderr
export-notices: 4 notice rows written; contacts read 1, rejected 0
