# --post records one S1 position per taxpayer and a pagoPA notice for the
# acconto (1), the saldo (2) and the single payment (0, due with the acconto),
# numbered from the persistent "nav" sequence: aux digit 3, segregation code
# 01, a 13-digit base and the mod-93 check digits (pagopa.md §1):
#   seq 1: 3010000000000001 mod 93 = 44 -> 301000000000000144
#   seq 2: 3010000000000002 mod 93 = 45 -> 301000000000000245
#   ... seq 6: 3010000000000006 mod 93 = 49 -> 301000000000000649
# Positions hold the year: 890.40 each; due lines 2 taxpayers x 2 = 4, 1780.80.
# Amounts as in imu-co-owners-half: acconto 445.20, saldo 445.20, whole
# 890.40 each.  A second run with the same input creates nothing new; a run
# with last year's rate at 0.96 % changes the acconto to 403.20 and the saldo
# to 487.20 of the same notices, which keep their numbers.
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv --ente ente.ini --post --quiet > /dev/null
cmd: sqlite3 l.db "SELECT p.tax_code, p.amount_due, n.installment, n.amount, n.due_date, n.notice_number, n.status FROM notices n JOIN positions p USING (position_id) ORDER BY p.tax_code, n.installment"
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv --ente ente.ini --post > /dev/null
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates-changed.csv --ente ente.ini --post > /dev/null
cmd: sqlite3 l.db "SELECT p.tax_code, p.amount_due, n.installment, n.amount, n.notice_number FROM notices n JOIN positions p USING (position_id) ORDER BY p.tax_code, n.installment"
cmd: sqlite3 l.db "SELECT count(*), sum(amount_due) FROM due_lines; SELECT value FROM sequences WHERE name = 'nav'; SELECT tool, status, rows_read FROM runs"
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('S1','P','RSSMRA85T10F205R'),('S2','P','BNCLCU70A41F205V');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('F205F1','F205','F');
INSERT INTO unit_situations(unit_id,seq,valid_from,category,rendita) VALUES ('F205F1',1,'2010-01-01','A02',100000);
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,valid_from) VALUES
 ('F205F1','S1','10',1,2,'2010-01-01'), ('F205F1','S2','10',1,2,'2010-01-01');
--- file ente.ini
[ente]
name=Comune di Esempio
tax_code=01199250158
belfiore=F205
[pagopa]
segregation_code=01
--- file rates.csv
year,use,rate,detraction
2024,other_buildings,1.06,
2025,other_buildings,1.06,
--- file rates-changed.csv
year,use,rate,detraction
2024,other_buildings,0.96,
2025,other_buildings,1.06,
--- stdout
BNCLCU70A41F205V|89040|0|89040|2025-06-16|301000000000000346|open
BNCLCU70A41F205V|89040|1|44520|2025-06-16|301000000000000144|open
BNCLCU70A41F205V|89040|2|44520|2025-12-16|301000000000000245|open
RSSMRA85T10F205R|89040|0|89040|2025-06-16|301000000000000649|open
RSSMRA85T10F205R|89040|1|44520|2025-06-16|301000000000000447|open
RSSMRA85T10F205R|89040|2|44520|2025-12-16|301000000000000548|open
BNCLCU70A41F205V|89040|0|89040|301000000000000346
BNCLCU70A41F205V|89040|1|40320|301000000000000144
BNCLCU70A41F205V|89040|2|48720|301000000000000245
RSSMRA85T10F205R|89040|0|89040|301000000000000649
RSSMRA85T10F205R|89040|1|40320|301000000000000447
RSSMRA85T10F205R|89040|2|48720|301000000000000548
4|178080
6
compute-dues|ok|2
compute-dues|ok|2
compute-dues|ok|2
--- stderr
compute-dues: posted 2 positions; notices: 0 new, 0 updated, 0 cancelled
compute-dues: read 2, written 2, rejected 0
compute-dues: posted 2 positions; notices: 0 new, 4 updated, 0 cancelled
compute-dues: read 2, written 2, rejected 0
