# c. 761 (cadastre-imu-tari.md §2.4, example 1 and §2.6 example B with quota 1/1):
# A/2 rendita 812.34 sold on 16 May 2025 (a 31-day month).  The seller holds
# 1-15 May (15 days, 2x15 = 30 < 31): not his; the buyer 16-31 May (16 days,
# 32 > 31): the buyer's.  Seller Jan-Apr = 4 months, buyer May-Dec = 8 (2 of
# them, May and June, in the first half).
#   base 812.34 x 1.05 x 160 = 136473.12; at 1.06 % = 1446.615072 a year
#   seller: x 4/12 = 482.205024 -> 482.21; acconto (4 months of Jan-Jun) the
#           same 482.21 (F24 482); saldo 482.21 - 482.21 = 0.00
#   buyer:  x 8/12 = 964.410048 -> 964.41; acconto x 2/12 = 241.102512 ->
#           241.10 (F24 241); saldo 964.41 - 241.10 = 723.31 (F24 723)
# 16 June 2025 is a Monday, 16 December 2025 a Tuesday.
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('S1','P','RSSMRA85T10F205R'),('S2','P','BNCLCU70A41F205V');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('F205F1','F205','F');
INSERT INTO unit_situations(unit_id,seq,valid_from,category,rendita) VALUES ('F205F1',1,'2010-01-01','A02',81234);
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,valid_from,valid_to) VALUES
 ('F205F1','S1','10',1,1,'2010-01-01','2025-05-16'),
 ('F205F1','S2','10',1,1,'2025-05-16',NULL);
--- file rates.csv
year,use,rate,detraction
2024,other_buildings,1.06,
2025,other_buildings,1.06,
--- stdout
tax_code,tax,year,tributo,unit_id,basis,rate,months,share,installment,due_date,amount_due,amount_payable
BNCLCU70A41F205V,IMU,2025,3918,F205F1,136473.12,1.06,2,1/1,1,2025-06-16,241.10,241.00
BNCLCU70A41F205V,IMU,2025,3918,F205F1,136473.12,1.06,8,1/1,2,2025-12-16,723.31,723.00
RSSMRA85T10F205R,IMU,2025,3918,F205F1,136473.12,1.06,4,1/1,1,2025-06-16,482.21,482.00
RSSMRA85T10F205R,IMU,2025,3918,F205F1,136473.12,1.06,4,1/1,2,2025-12-16,0.00,0.00
--- stderr
compute-dues: read 2, written 2, rejected 0
