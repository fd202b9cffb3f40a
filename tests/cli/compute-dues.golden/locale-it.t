# --locale it: ';' separator and ',' decimals for Italian spreadsheets; the
# same amounts as imu-co-owners-half (445,20 and its F24 445,00).
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: compute-dues --db l.db --tax imu --year 2025 --rates rates.csv --locale it --quiet
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('S1','P','RSSMRA85T10F205R');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('F205F1','F205','F');
INSERT INTO unit_situations(unit_id,seq,valid_from,category,rendita) VALUES ('F205F1',1,'2010-01-01','A02',100000);
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,valid_from) VALUES ('F205F1','S1','10',1,2,'2010-01-01');
--- file rates.csv
year,use,rate,detraction
2024,other_buildings,1.06,
2025,other_buildings,1.06,
--- stdout
tax_code;tax;year;tributo;unit_id;basis;rate;months;share;installment;due_date;amount_due;amount_payable
RSSMRA85T10F205R;IMU;2025;3918;F205F1;168000,00;1,06;6;1/2;1;2025-06-16;445,20;445,00
RSSMRA85T10F205R;IMU;2025;3918;F205F1;168000,00;1,06;12;1/2;2;2025-12-16;445,20;445,00
