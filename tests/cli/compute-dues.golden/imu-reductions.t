exit: 0
# cc. 747 b and 760, month by month: an A/2 (rendita 1000.00, base
# 1000 x 1.05 x 160 = 168000.00) let at canone concordato all year (tax x 75 %)
# and unfit from 1 April to 30 September (the file's 'to' is the day it ended,
# 1 October: base x 50 %).  At 1.06 %, 1/1, 168000 x 1.06 % = 1780.80 a year.
#   months Jan-Mar, Oct-Dec: 0.75 each = 4.50; Apr-Sep: 0.50 x 0.75 = 0.375
#   each = 2.25; year 6.75/12 x 1780.80 = 1001.70
#   acconto Jan-Mar 2.25 + Apr-Jun 1.125 = 3.375/12 x 1780.80 = 500.85 (501)
#   saldo 1001.70 - 500.85 = 500.85 (501)
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv --reductions reductions.csv --explain | cut -d, -f1,4,5,10,12,13,19
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('S1','P','RSSMRA85T10F205R');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('F205-F-1','F205','F');
INSERT INTO unit_situations(unit_id,seq,valid_from,category,rendita) VALUES ('F205-F-1',1,'2010-01-01','A02',100000);
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,valid_from) VALUES ('F205-F-1','S1','10',1,1,'2010-01-01');
--- file rates.csv
year,use,rate,detraction
2024,other_buildings,1.06,
2025,other_buildings,1.06,
--- file reductions.csv
unit_id,tax_code,reduction,from,to
1,,unfit,2025-04-01,2025-10-01
F205-F-1,RSSMRA85T10F205R,concordato,2020-01-01,
F205-F-1,BNCLCU70A41F205V,historic,2020-01-01,
--- stdout
tax_code,tributo,unit_id,installment,amount_due,amount_payable,reductions
RSSMRA85T10F205R,3918,F205-F-1,1,500.85,501.00,unfit (c. 747 b) concordato (c. 760)
RSSMRA85T10F205R,3918,F205-F-1,2,500.85,501.00,unfit (c. 747 b) concordato (c. 760)
--- stderr
compute-dues: read 4, written 4, rejected 0
