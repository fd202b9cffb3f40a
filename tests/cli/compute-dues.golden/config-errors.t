# Configuration errors stop the run with exit 2 before anything is written:
# a unit whose use has no rate (never a silent zero), a group D rate below
# the State's 0.76 %, a rates file with two rows for the same use, and
# --post without a segregation code in the ente file.
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: compute-dues --db l.db --tax imu --year 2025 --rates no-d.csv; echo "exit $?"
cmd: compute-dues --db l.db --tax imu --year 2025 --rates low-d.csv; echo "exit $?"
cmd: compute-dues --db l.db --tax imu --year 2025 --rates twice.csv; echo "exit $?"
cmd: compute-dues --db l.db --tax imu --year 2025 --rates low-d.csv --ente ente.ini --post; echo "exit $?"
cmd: sqlite3 l.db "SELECT count(*) FROM positions"
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('G1','G','01234567897');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('F205F9','F205','F');
INSERT INTO unit_situations(unit_id,seq,valid_from,category,rendita) VALUES ('F205F9',1,'2001-01-01','D07',1000000);
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,valid_from) VALUES ('F205F9','G1','10',1,1,'2001-01-01');
--- file no-d.csv
year,use,rate,detraction
2024,other_buildings,1.06,
2025,other_buildings,1.06,
--- file low-d.csv
year,use,rate,detraction
2024,group_d,0.86,
2025,group_d,0.70,
--- file twice.csv
year,use,rate,detraction
2025,group_d,0.86,
2025,group_d,0.96,
--- file ente.ini
[ente]
name=Comune di Esempio
tax_code=01199250158
belfiore=F205
--- stdout
exit 2
exit 2
exit 2
exit 2
0
--- stderr
compute-dues: no-d.csv: no rate for year 2025, use group_d, category D/7 (needed by unit F205F9)
compute-dues: low-d.csv:3: group_d rate below the State's reserved 0.76% (c. 753)
compute-dues: twice.csv:3: a second rate for 2025 group_d (first on line 2)
compute-dues: ente.ini: [pagopa] segregation_code: required by --post
