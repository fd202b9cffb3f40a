exit: 0
# testdata/coercive/notifications.csv without a ledger (no due dates):
# 0001 CAD sent 20 Dec 2024, never collected: 20 Dec + 10 = 30 Dec 2024, deemed.
# 0002 CAD 5 Mar 2025, collected 10 Mar, before 15 Mar: notified 10 Mar.
# 0003 PEC not delivered (mailbox full): failed, with the reason; in --failed.
# 0004 AR signed 14 Feb 2025: notified 14 Feb.
# 0005 irreperibile, then albo on 3 Feb 2025: 3 Feb + 8 = 11 Feb, deemed.
# 0006 SEND: digital delivery 10 Jan (term 17 Jan), viewed 12 Jan: 12 Jan.
# 0007 31/02/2025 is not a date: rejected (exit 1).
cmd: cd "$TESTDATA/coercive" && track-notifications --failed "$SCRATCH/failed.csv" notifications.csv > "$SCRATCH/out.csv"; echo "exit $?"
cmd: cd "$SCRATCH" && cut -d, -f1-8 out.csv && echo --- && cut -d, -f1-3,9 failed.csv
--- stdout
exit 1
act_id,notification_state,notified_on,due_on,channel,event,event_date,events
ACC-IMU-2022-0001,deemed,2024-12-30,,post,CAD,2024-12-20,2
ACC-IMU-2022-0002,notified,2025-03-10,,post,RITIRO,2025-03-10,2
ACC-IMU-2022-0003,failed,,,pec,MANCATA_CONSEGNA,2025-02-03,2
ACC-IMU-2022-0004,notified,2025-02-14,,post,AR,2025-02-14,1
ACC-IMU-2022-0005,deemed,2025-02-11,,messo,ART60E,2025-02-03,2
ACC-IMU-2022-0006,notified,2025-01-12,,send,PRESA_VISIONE,2025-01-12,2
---
act_id,notification_state,notified_on,detail
ACC-IMU-2022-0003,failed,,mailbox full
--- stderr
track-notifications: notifications.csv:13: event_date: bad date '31/02/2025': day 31 does not exist in 2025-02
track-notifications: read 12, written 11, rejected 1
