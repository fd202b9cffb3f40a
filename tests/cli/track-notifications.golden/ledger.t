# With the ledger: the CAD of 20 Dec 2024 makes the accertamento notified
# (deemed) on 30 Dec 2024 and due 60 days later, 28 Feb 2025 (c. 792): 1 +
# 31 + 28 = 60.  Loading the same file again adds no event (1 recorded).
# An event for an act the ledger does not know is rejected.
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db "INSERT INTO acts(act_id,act_type,tax_code,tax,year,tax_due,tax_unpaid,total,issued_on,due_on) VALUES ('A1','accertamento','RSSMRA80A01H501U','IMU',2022,10000,10000,10000,'2024-12-01','2025-01-30');"
cmd: printf 'act_id,channel,event,event_date,source_ref\nA1,post,CAD,2024-12-20,R1\nA9,post,AR,2024-12-20,R9\n' > ev.csv
cmd: track-notifications --db l.db --post ev.csv | cut -d, -f1-8
cmd: track-notifications --db l.db --post -q ev.csv | cut -d, -f1-8
cmd: sqlite3 l.db "SELECT act_id, notified_on, notification_state, due_on FROM acts; SELECT count(*) FROM notification_events;"
cmd: esattore-db check l.db
exit: 0
--- stdout
act_id,notification_state,notified_on,due_on,channel,event,event_date,events
A1,deemed,2024-12-30,2025-02-28,post,CAD,2024-12-20,1
act_id,notification_state,notified_on,due_on,channel,event,event_date,events
A1,deemed,2024-12-30,2025-02-28,post,CAD,2024-12-20,1
A1|2024-12-30|deemed|2025-02-28
1
--- stderr
track-notifications: ev.csv:3: act_id: no act 'A9' in the ledger
track-notifications: read 2, written 1, rejected 1
track-notifications: ev.csv:3: act_id: no act 'A9' in the ledger
esattore-db: l.db: ok
