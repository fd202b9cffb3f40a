# cadastre-imu-tari.md §1.9: two owners (right 10) of an A/2 (rendita
# 1000.00) both with share 0/0 and nothing else known: the documented
# fallback splits equally, 1/2 each, with a warning.  Then as in example A:
# 168000.00 x 1.06 % x 1/2 = 890.40 a year, acconto 445.20, saldo 445.20.
# A third title on another unit with 0/0 beside an owner of 1/1 is rejected:
# the others already hold the whole.  The F24 lines of the owner of both:
# 3918 acconto 445.20 + 890.40 = 1335.60 (1336), saldo the same.
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv
exit: 1
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('S1','P','RSSMRA85T10F205R'),('S2','P','BNCLCU70A41F205V'),('S3','P','BLUMRC90H20F205J');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('F205F1','F205','F'),('F205F2','F205','F');
INSERT INTO unit_situations(unit_id,seq,valid_from,category,rendita) VALUES
 ('F205F1',1,'2010-01-01','A02',100000),('F205F2',1,'2010-01-01','A02',100000);
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,regime,valid_from) VALUES
 ('F205F1','S1','10',0,0,'C','2010-01-01'), ('F205F1','S2','10',0,0,'C','2010-01-01'),
 ('F205F2','S1','10',1,1,NULL,'2010-01-01'), ('F205F2','S3','10',0,0,NULL,'2010-01-01');
--- file rates.csv
year,use,rate,detraction
2024,other_buildings,1.06,
2025,other_buildings,1.06,
--- stdout
tax_code,tax,year,tributo,unit_id,basis,rate,months,share,installment,due_date,amount_due,amount_payable
BNCLCU70A41F205V,IMU,2025,3918,F205F1,168000.00,1.06,6,1/2,1,2025-06-16,445.20,445.00
BNCLCU70A41F205V,IMU,2025,3918,F205F1,168000.00,1.06,12,1/2,2,2025-12-16,445.20,445.00
RSSMRA85T10F205R,IMU,2025,3918,F205F1,168000.00,1.06,6,1/2,1,2025-06-16,445.20,
RSSMRA85T10F205R,IMU,2025,3918,F205F2,168000.00,1.06,6,1/1,1,2025-06-16,890.40,1336.00
RSSMRA85T10F205R,IMU,2025,3918,F205F1,168000.00,1.06,12,1/2,2,2025-12-16,445.20,
RSSMRA85T10F205R,IMU,2025,3918,F205F2,168000.00,1.06,12,1/1,2,2025-12-16,890.40,1336.00
--- stderr
compute-dues: titles:4: unit F205F2: share 0/0 and the other holders of right '10' already hold the whole
compute-dues: unit F205F1, subject S2: share 0/0, fallback 1/2 (1/2 of what the other holders leave)
compute-dues: unit F205F1, subject S1: share 0/0, fallback 1/2 (1/2 of what the other holders leave)
compute-dues: read 4, written 3, rejected 1
