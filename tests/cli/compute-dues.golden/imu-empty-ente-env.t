# An empty ESATTORE_ENTE is no ente key file, as for the other tools
# (es_tool_ente_given): without --post compute-dues needs none and runs as
# in imu-land.t, with the same dues (worked out there: 8.89 + 8.90 = 17.79,
# F24 9.00 + 9.00).
cmd: esattore-db -q init l.db && sqlite3 l.db < setup.sql
cmd: ESATTORE_ENTE= compute-dues --db l.db --tax imu --year 2025 --rates rates.csv
--- file setup.sql
INSERT INTO subjects(subject_id,kind,tax_code) VALUES ('S1','P','NREPLA80D55F205C'),('S2','P','GLLNTN75E10F205W');
INSERT INTO units(unit_id,belfiore,kind) VALUES ('F205T1','F205','T'),('F205T2','F205','T');
INSERT INTO unit_situations(unit_id,seq,valid_from,reddito_dominicale,reddito_agrario,partita) VALUES
 ('F205T1',1,'1990-01-01',1387,900,'1234'),('F205T2',1,'1990-01-01',500,300,'1235');
INSERT INTO titles(unit_id,subject_id,right_code,share_num,share_den,valid_from) VALUES
 ('F205T1','S1','10',1,1,NULL),('F205T2','S2','10',1,1,NULL);
--- file rates.csv
year,use,rate,detraction
2024,land,0.76,
2025,land,0.76,
--- stdout
tax_code,tax,year,tributo,unit_id,basis,rate,months,share,installment,due_date,amount_due,amount_payable
NREPLA80D55F205C,IMU,2025,3914,F205T1,2340.56,0.76,6,1/1,1,2025-06-16,8.89,9.00
NREPLA80D55F205C,IMU,2025,3914,F205T1,2340.56,0.76,12,1/1,2,2025-12-16,8.90,9.00
--- stderr
compute-dues: 1 taxpayers below the minimum amount: nothing due from them
compute-dues: read 2, written 2, rejected 0
