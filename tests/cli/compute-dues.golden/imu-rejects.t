exit: 0
# Titles that cannot be computed are rejected with the reason, counted, and
# written to --rejects; the others go on.  Nuda proprieta (20) is used but
# owes nothing; the 0.00-tax exempt E/1 too.
#   U1 right "ZZ": not in the table; U2 "990": title not coded, manual
#   review; U3 F/2: no rendita; U4 A/3 with no rendita; U5 "20": not taxed;
#   U6 E/1: exempt (c. 759 b); U7 "20 " (legacy livellario, with the blank)
#   is taxable: A/2 rendita 500.00, base 84000.00 x 1.06 % = 890.40 a year,
#   acconto 445.20 (445), saldo 445.20 (445).
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv --rejects rej.csv; echo "exit $?"
cmd: cat rej.csv
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('S1','P','RSSMRA85T10F205R');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('U1','F205','F'),('U2','F205','F'),('U3','F205','F'),('U4','F205','F'),('U5','F205','F'),('U6','F205','F'),('U7','F205','F');
INSERT INTO unit_situations(unit_id,seq,valid_from,category,rendita) VALUES
 ('U1',1,'2010-01-01','A02',100000),('U2',1,'2010-01-01','A02',100000),('U3',1,'2010-01-01','F02',NULL),
 ('U4',1,'2010-01-01','A03',NULL),('U5',1,'2010-01-01','A02',100000),('U6',1,'2010-01-01','E01',900000),
 ('U7',1,'2010-01-01','A02',50000);
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,valid_from) VALUES
 ('U1','S1','ZZ',1,1,'2010-01-01'),('U2','S1','990',1,1,'2010-01-01'),('U3','S1','10',1,1,'2010-01-01'),
 ('U4','S1','10',1,1,'2010-01-01'),('U5','S1','20',1,1,'2010-01-01'),('U6','S1','10',1,1,'2010-01-01'),
 ('U7','S1','20 ',1,1,'2010-01-01');
--- file rates.csv
year,use,rate,detraction
2024,other_buildings,1.06,
2025,other_buildings,1.06,
--- stdout
tax_code,tax,year,tributo,unit_id,basis,rate,months,share,installment,due_date,amount_due,amount_payable
RSSMRA85T10F205R,IMU,2025,3918,U7,84000.00,1.06,6,1/1,1,2025-06-16,445.20,445.00
RSSMRA85T10F205R,IMU,2025,3918,U7,84000.00,1.06,12,1/1,2,2025-12-16,445.20,445.00
exit 1
title_id,unit_id,subject_id,tax_code,right_code,category,_source,_line,_error
1,U1,S1,RSSMRA85T10F205R,ZZ,A02,titles,1,unit U1: right code 'ZZ' is not in imu_taxable_rights
2,U2,S1,RSSMRA85T10F205R,990,A02,titles,2,unit U2: right code '990' needs manual review (title not coded)
3,U3,S1,RSSMRA85T10F205R,10,F02,titles,3,"unit U3: category F/2 has no rendita: collabente, not taxed as a building (check the area)"
4,U4,S1,RSSMRA85T10F205R,10,A03,titles,4,unit U4 (A/3) has no rendita
--- stderr
compute-dues: titles:1: unit U1: right code 'ZZ' is not in imu_taxable_rights
compute-dues: titles:2: unit U2: right code '990' needs manual review (title not coded)
compute-dues: titles:3: unit U3: category F/2 has no rendita: collabente, not taxed as a building (check the area)
compute-dues: titles:4: unit U4 (A/3) has no rendita
compute-dues: read 7, written 3, rejected 4
