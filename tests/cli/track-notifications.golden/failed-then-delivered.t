exit: 0
# Every event is kept: a PEC that failed on 3 Feb 2025, then (a later run) a
# messo delivery on 14 Feb.  The first run leaves the act failed, with the
# reason, in --failed; the second decides on both recorded events: notified 14
# Feb, due 14 Feb + 60 = 15 Apr 2025 (28 - 14 = 14 days of February + 31 + 15).
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db "INSERT INTO acts(act_id,act_type,tax_code,tax,year,tax_due,tax_unpaid,total,issued_on,due_on) VALUES ('A1','accertamento','RSSMRA80A01H501U','IMU',2022,10000,10000,10000,'2025-01-31','2025-04-01');"
cmd: printf 'act_id,channel,event,event_date,detail\nA1,pec,MANCATA_CONSEGNA,2025-02-03,casella piena\n' | track-notifications --db l.db --post -q --failed f.csv > /dev/null; cut -d, -f1-3,9 f.csv
cmd: printf 'act_id,channel,event,event_date\nA1,messo,CONSEGNA,2025-02-14\n' | track-notifications --db l.db --post -q | cut -d, -f1-8
cmd: sqlite3 l.db "SELECT channel, event, event_date, IFNULL(detail,'') FROM notification_events ORDER BY event_id; SELECT notification_state, notified_on, due_on FROM acts"
--- stdout
act_id,notification_state,notified_on,detail
A1,failed,,casella piena
act_id,notification_state,notified_on,due_on,channel,event,event_date,events
A1,notified,2025-02-14,2025-04-15,messo,CONSEGNA,2025-02-14,2
pec|MANCATA_CONSEGNA|2025-02-03|casella piena
messo|CONSEGNA|2025-02-14|
notified|2025-02-14|2025-04-15
