# cc. 740, 741, 748, 749: the owner lives all year in an A/8 (rendita
# 2000.00) and owns two C/6 (rendite 100.00 and 50.00).  Main-home rate
# 0.6 % with the 200.00 deduction (the rates file leaves detraction empty:
# the law's figure from imu_params); other buildings 1.06 %.
#   A/8: base 2000 x 1.05 x 160 = 336000.00; x 0.6 % = 2016.00; acconto 1008.00
#   first C/6 (the higher rendita is the one pertinenza of class C/6, c. 741 b):
#        base 100 x 1.05 x 160 = 16800.00; x 0.6 % = 100.80; acconto 50.40
#   deduction: acconto 200 x 6/12 = 100.00, year 200.00, taken off 3912:
#        3912 acconto 1008.00 - 100.00 + 50.40 = 958.40 (F24 958)
#        3912 year 2016.00 + 100.80 - 200.00 = 1916.80; saldo 1916.80 - 958.40
#        = 958.40 (958), of which A/8 2016.00 - 1008.00 - 100.00 = 908.00
#   second C/6: base 50 x 1.05 x 160 = 8400.00 at 1.06 % = 89.04; acconto 44.52
#        (3918, F24 45), saldo 44.52 (45)
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv --residents residents.csv
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('S1','P','VRDGPP60C15F205L');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('F205F1','F205','F'),('F205F2','F205','F'),('F205F3','F205','F');
INSERT INTO unit_situations(unit_id,seq,valid_from,category,rendita) VALUES
 ('F205F1',1,'2000-01-01','A08',200000),('F205F2',1,'2000-01-01','C06',10000),('F205F3',1,'2000-01-01','C06',5000);
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,valid_from) VALUES
 ('F205F1','S1','10',1,1,'2000-01-01'),('F205F2','S1','10',1,1,'2000-01-01'),('F205F3','S1','10',1,1,'2000-01-01');
--- file rates.csv
year,use,rate,detraction
2024,main_home,0.6,
2025,main_home,0.6,
2024,other_buildings,1.06,
2025,other_buildings,1.06,
--- file residents.csv
tax_code,unit_id,from,to
VRDGPP60C15F205L,F205F1,2000-01-01,
--- stdout
tax_code,tax,year,tributo,unit_id,basis,rate,months,share,installment,due_date,amount_due,amount_payable
VRDGPP60C15F205L,IMU,2025,3912,F205F1,336000.00,0.60,6,1/1,1,2025-06-16,908.00,
VRDGPP60C15F205L,IMU,2025,3912,F205F2,16800.00,0.60,6,1/1,1,2025-06-16,50.40,958.00
VRDGPP60C15F205L,IMU,2025,3918,F205F3,8400.00,1.06,6,1/1,1,2025-06-16,44.52,45.00
VRDGPP60C15F205L,IMU,2025,3912,F205F1,336000.00,0.60,12,1/1,2,2025-12-16,908.00,
VRDGPP60C15F205L,IMU,2025,3912,F205F2,16800.00,0.60,12,1/1,2,2025-12-16,50.40,958.00
VRDGPP60C15F205L,IMU,2025,3918,F205F3,8400.00,1.06,12,1/1,2,2025-12-16,44.52,45.00
--- stderr
compute-dues: read 4, written 4, rejected 0
