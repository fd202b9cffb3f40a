# Precautionary and executive measures (coercive_measures.csv), each with the
# rule that admits it.  B1 owes 150,000.00 (> 120,000.00), B2 25,000.00, both
# notified 30 Dec 2024 (no sollecito above 10,000.00: intimazione on 1 Apr,
# delivered 3 Apr, pay by 8 Apr; measures from 9 Apr).  On 10 Apr:
#  B1: fermo, ipoteca (>= 20,000.00), pignoramento presso terzi, and the
#      pignoramento immobiliare (> 120,000.00) since its ipoteca of 1 Oct 2024
#      is 6 months old (1 Apr 2025);
#  B2: fermo, ipoteca, terzi; no pignoramento immobiliare (25,000.00).
# The debts are the intimazioni's totals: B1 150,000.00 + mora 2 days
# (150,000 x 0.02 x 2/365 = 16.44) + 7.83 + the capped 300.00 = 150,324.27;
# B2 25,000.00 + 2.74 + 7.83 + 300.00 = 25,310.57.
# With only_home=yes for B1 the pignoramento immobiliare is never listed
# (grep counts 0 lines and exits 1).
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db "INSERT INTO acts(act_id,act_type,tax_code,tax,year,tax_due,tax_unpaid,total,issued_on,due_on,notified_on,notification_state) VALUES ('B1','accertamento','RSSMRA80A01H501U','IMU',2022,15000000,15000000,15000000,'2024-12-01','2025-02-28','2024-12-30','notified'), ('B2','accertamento','VRDLGU75C41F205E','IMU',2022,2500000,2500000,2500000,'2024-12-01','2025-02-28','2024-12-30','notified'); INSERT INTO positions(tax_code,tax,year,phase,act_id,amount_due) VALUES ('RSSMRA80A01H501U','IMU',2022,'S2','B1',15000000), ('VRDLGU75C41F205E','IMU',2022,'S2','B2',2500000);"
cmd: emit-injunctions --db l.db --ente "$TESTDATA/coercive/ente.ini" --as-of 2025-04-01 --post -q | cut -d, -f1,2
cmd: printf 'act_id,channel,event,event_date\nB1-INT-2025-04-01,post,AR,2025-04-03\nB2-INT-2025-04-01,post,AR,2025-04-03\n' | track-notifications --db l.db --post -q | cut -d, -f1-4
cmd: printf 'tax_code,only_home,ipoteca_on\nRSSMRA80A01H501U,no,2024-10-01\n' > facts.csv
cmd: emit-injunctions --db l.db --as-of 2025-04-10 --facts facts.csv --measures m.csv -q > /dev/null && cut -d, -f1,2,4-6 m.csv
cmd: printf 'tax_code,only_home,ipoteca_on\nRSSMRA80A01H501U,yes,2024-10-01\n' > facts.csv
cmd: emit-injunctions --db l.db --as-of 2025-04-10 --facts facts.csv --measures m.csv -q > /dev/null && grep -c immobiliare m.csv
exit: 1
--- stdout
act_id,act_type
B1-INT-2025-04-01,intimazione
B2-INT-2025-04-01,intimazione
act_id,notification_state,notified_on,due_on
B1-INT-2025-04-01,notified,2025-04-03,2025-04-08
B2-INT-2025-04-01,notified,2025-04-03,2025-04-08
act_id,tax_code,debt,measure,notice_days
B1-INT-2025-04-01,RSSMRA80A01H501U,150324.27,preavviso_fermo,30
B1-INT-2025-04-01,RSSMRA80A01H501U,150324.27,ipoteca,30
B1-INT-2025-04-01,RSSMRA80A01H501U,150324.27,pignoramento_immobiliare,
B1-INT-2025-04-01,RSSMRA80A01H501U,150324.27,pignoramento_terzi,60
B2-INT-2025-04-01,VRDLGU75C41F205E,25310.57,preavviso_fermo,30
B2-INT-2025-04-01,VRDLGU75C41F205E,25310.57,ipoteca,30
B2-INT-2025-04-01,VRDLGU75C41F205E,25310.57,pignoramento_terzi,60
0
