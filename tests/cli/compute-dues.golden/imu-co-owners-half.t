# §2.6 example A: A/2 rendita 1000.00, two owners of 1/2 all year, 1.06 % in
# 2024 and 2025.  base 1000.00 x 1.05 x 160 = 168000.00; 168000 x 1.06 % =
# 1780.80; each 1/2 x 12/12 = 890.40; acconto 168000 x 1.06 % x 1/2 x 6/12 =
# 445.20 (F24 445, 0.20 rounds down); saldo 890.40 - 445.20 = 445.20 (445).
# The second case: 0.96 % in 2024 gives acconto 403.20 (403) and saldo
# 890.40 - 403.20 = 487.20 (487): the acconto is not half the year's tax.
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates-changed.csv --quiet | grep RSS
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('S1','P','RSSMRA85T10F205R'),('S2','P','BNCLCU70A41F205V');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('F205F1','F205','F');
INSERT INTO unit_situations(unit_id,seq,valid_from,category,rendita) VALUES ('F205F1',1,'2010-01-01','A02',100000);
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,valid_from) VALUES
 ('F205F1','S1','10',1,2,'2010-01-01'), ('F205F1','S2','10',1,2,'2010-01-01');
--- file rates.csv
year,use,rate,detraction
2024,other_buildings,1.06,
2025,other_buildings,1.06,
--- file rates-changed.csv
year,use,rate,detraction
2024,other_buildings,0.96,
2025,other_buildings,1.06,
--- stdout
tax_code,tax,year,tributo,unit_id,basis,rate,months,share,installment,due_date,amount_due,amount_payable
BNCLCU70A41F205V,IMU,2025,3918,F205F1,168000.00,1.06,6,1/2,1,2025-06-16,445.20,445.00
BNCLCU70A41F205V,IMU,2025,3918,F205F1,168000.00,1.06,12,1/2,2,2025-12-16,445.20,445.00
RSSMRA85T10F205R,IMU,2025,3918,F205F1,168000.00,1.06,6,1/2,1,2025-06-16,445.20,445.00
RSSMRA85T10F205R,IMU,2025,3918,F205F1,168000.00,1.06,12,1/2,2,2025-12-16,445.20,445.00
RSSMRA85T10F205R,IMU,2025,3918,F205F1,168000.00,0.96,6,1/2,1,2025-06-16,403.20,403.00
RSSMRA85T10F205R,IMU,2025,3918,F205F1,168000.00,1.06,12,1/2,2,2025-12-16,487.20,487.00
--- stderr
compute-dues: read 2, written 2, rejected 0
