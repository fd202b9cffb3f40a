exit: 0
# The coercive chain on the ledger.  A1: accertamento of 4,000.00 tax + 200.00
# sanction = 4,200.00 (law.md §8.4's S); A2: 10,000.00 + 2,000.00 = 12,000.00;
# A3: 9.00.  All notified by a CAD sent 20 Dec 2024: deemed 30 Dec 2024,
# esecutivita 30 Dec + 60 = 28 Feb 2025, handover + 30 = 30 Mar 2025, mora from
# 30 Mar (accrual from 31 Mar), early band of the oneri until 28 Feb + 60 = 29 Apr.
#
# 1 Apr 2025:
#  A1 (<= 10,000.00, c. 795): sollecito, cost 1.33; mora 2 days: 4,000.00 x
#     0.02 x 2/365 = 0.438 -> 0.44; due 1 Apr + 30 = 1 May > 29 Apr, so the
#     oneri are the late band: 6 % x 4,200.00 = 252.00 (§8.4); total 4,000.00 +
#     200.00 + 0.44 + 1.33 + 252.00 = 4,453.77.
#  A2 (> 10,000.00): intimazione at once, A/R 7.83; mora 10,000.00 x 0.02 x
#     2/365 = 1.096 -> 1.10; due 1 Apr + 5 = 6 Apr <= 29 Apr: early band, 3 %
#     x 12,000.00 = 360.00 -> cap 300.00 (late 720.00 -> cap 600.00); total
#     10,000.00 + 2,000.00 + 1.10 + 7.83 + 300.00 = 12,308.93; late 12,608.93.
#  A3: 9.00 < 10.00 (c. 794): excluded.
# 20 Apr: A1 waits for 30 days after its sollecito (1 May); A2 for the
#  notification of its intimazione: nothing.
# 10 May: A1 intimazione, parent the sollecito; mora 41 days (31 Mar - 10 May):
#  4,000.00 x 0.02 x 41/365 = 8.986 -> 8.99; costs 1.33 + 7.83 = 9.16; total
#  4,000.00 + 200.00 + 8.99 + 9.16 + 252.00 = 4,470.15.
# Its AR of 12 May: due 12 + 5 = 17 May.  20 May: A1 ready for measures, debt
# 4,470.15: preavviso di fermo and pignoramento presso terzi (no ipoteca under
# 20,000.00).  esattore-db check holds after each step.
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db "INSERT INTO subjects(subject_id,kind,tax_code,surname,name,address) VALUES ('H501-1','P','RSSMRA80A01H501U','ROSSI','MARIO','VIA ROMA 1 ROMA'); INSERT INTO acts(act_id,act_type,tax_code,tax,year,tax_due,tax_unpaid,sanction,total,issued_on,due_on) VALUES ('A1','accertamento','RSSMRA80A01H501U','IMU',2022,400000,400000,20000,420000,'2024-12-01','2025-01-30'), ('A2','accertamento','VRDLGU75C41F205E','IMU',2022,1000000,1000000,200000,1200000,'2024-12-01','2025-01-30'), ('A3','accertamento','VRDLGU75C41F205E','TARI',2022,900,900,0,900,'2024-12-01','2025-01-30'); INSERT INTO positions(tax_code,tax,year,phase,act_id,amount_due) VALUES ('RSSMRA80A01H501U','IMU',2022,'S2','A1',420000), ('VRDLGU75C41F205E','IMU',2022,'S2','A2',1200000), ('VRDLGU75C41F205E','TARI',2022,'S2','A3',900);"
cmd: printf 'act_id,channel,event,event_date\nA1,post,CAD,2024-12-20\nA2,post,CAD,2024-12-20\nA3,post,CAD,2024-12-20\n' | track-notifications --db l.db --post -q > /dev/null
cmd: E="--db l.db --ente $TESTDATA/coercive/ente.ini --post -q"
cmd: emit-injunctions $E --as-of 2025-04-01 --excluded x.csv | cut -d, -f1-5,8-25,28 && cut -d, -f3,5,8,9 x.csv
cmd: emit-injunctions $E --as-of 2025-04-20 | wc -l
cmd: emit-injunctions $E --as-of 2025-05-10 --excluded /dev/null | cut -d, -f1-5,8-25,28
cmd: printf 'act_id,channel,event,event_date\nA1-INT-2025-05-10,post,AR,2025-05-12\n' | track-notifications --db l.db --post -q | cut -d, -f1-4
cmd: emit-injunctions --db l.db --as-of 2025-05-20 --measures m.csv --excluded /dev/null -q | wc -l && cut -d, -f1-6 m.csv
cmd: sqlite3 l.db "SELECT act_id, phase, status, amount_due FROM positions ORDER BY position_id; SELECT status, count(*) FROM notices GROUP BY status;"
cmd: esattore-db check l.db
--- stdout
act_id,act_type,parent_act_id,root_act_id,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,mora_interest,costs,notification_cost,collection_charges,collection_charges_late,total,total_late,issued_on,esecutivita,early_until,due_on,notice_number
A1-SOL-2025-04-01,sollecito,A1,A1,RSSMRA80A01H501U,IMU,2022,4000.00,0.00,4000.00,200.00,0.44,0.44,1.33,1.33,252.00,252.00,4453.77,4453.77,2025-04-01,2025-02-28,2025-04-29,2025-05-01,307000000000000105
A2-INT-2025-04-01,intimazione,A2,A2,VRDLGU75C41F205E,IMU,2022,10000.00,0.00,10000.00,2000.00,1.10,1.10,7.83,7.83,300.00,600.00,12308.93,12608.93,2025-04-01,2025-02-28,2025-04-29,2025-04-06,307000000000000206
act_id,tax_code,amount,reason
A3,VRDLGU75C41F205E,9.00,below the minimum for coercive collection
1
act_id,act_type,parent_act_id,root_act_id,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,mora_interest,costs,notification_cost,collection_charges,collection_charges_late,total,total_late,issued_on,esecutivita,early_until,due_on,notice_number
A1-INT-2025-05-10,intimazione,A1-SOL-2025-04-01,A1,RSSMRA80A01H501U,IMU,2022,4000.00,0.00,4000.00,200.00,8.99,8.99,9.16,7.83,252.00,252.00,4470.15,4470.15,2025-05-10,2025-02-28,2025-04-29,2025-05-15,307000000000000307
act_id,notification_state,notified_on,due_on
A1-INT-2025-05-10,notified,2025-05-12,2025-05-17
1
act_id,tax_code,name,debt,measure,notice_days
A1-INT-2025-05-10,RSSMRA80A01H501U,ROSSI MARIO,4470.15,preavviso_fermo,30
A1-INT-2025-05-10,RSSMRA80A01H501U,ROSSI MARIO,4470.15,pignoramento_terzi,60
A1|S2|transferred|420000
A2|S2|transferred|1200000
A3|S2|open|900
A1-SOL-2025-04-01|S3|transferred|445377
A2-INT-2025-04-01|S3|open|1230893
A1-INT-2025-05-10|S3|open|447015
open|2
replaced|1
--- stderr
esattore-db: l.db: ok
