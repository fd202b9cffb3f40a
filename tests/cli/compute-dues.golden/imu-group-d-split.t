# c. 753 (cadastre-imu-tari.md §2.2): D/1 rendita 10000.00, 1/1 all year,
# comune rate 0.86 % both years.  base 10000 x 1.05 x 65 = 682500.00.
#   State 0.76 % (3925): 682500 x 0.76 % = 5187.00; acconto 2593.50 (F24
#   2594: 0.50 rounds up), saldo 2593.50 (2594)
#   comune 0.86 - 0.76 = 0.10 % (3930): 682.50; acconto 341.25 (341), saldo
#   341.25 (341)
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('G1','G','01234567897');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('F205F9','F205','F');
INSERT INTO unit_situations(unit_id,seq,valid_from,category,rendita) VALUES ('F205F9',1,'2001-01-01','D01',1000000);
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,valid_from) VALUES ('F205F9','G1','10',1,1,'2001-01-01');
--- file rates.csv
year,use,rate,detraction
2024,group_d,0.86,
2025,group_d,0.86,
--- stdout
tax_code,tax,year,tributo,unit_id,basis,rate,months,share,installment,due_date,amount_due,amount_payable
01234567897,IMU,2025,3925,F205F9,682500.00,0.76,6,1/1,1,2025-06-16,2593.50,2594.00
01234567897,IMU,2025,3930,F205F9,682500.00,0.10,6,1/1,1,2025-06-16,341.25,341.00
01234567897,IMU,2025,3925,F205F9,682500.00,0.76,12,1/1,2,2025-12-16,2593.50,2594.00
01234567897,IMU,2025,3930,F205F9,682500.00,0.10,12,1/1,2,2025-12-16,341.25,341.00
--- stderr
compute-dues: read 1, written 1, rejected 0
