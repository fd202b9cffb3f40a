# Acts by notification state; the audit log.
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: report --db x.db --kind notifications; report --db x.db --kind runs
--- stdout
act_type,notification_state,acts,total,first_issued,last_issued
accertamento,notified,1,1123.35,2024-10-01,2024-10-01
ingiunzione,pending,1,529.20,2024-11-01,2024-11-01
run_id,tool,started_at,ended_at,status,read,written,rejected,message
1,load-cadastre,2025-01-10T02:00:00Z,2025-01-10T02:00:05Z,ok,4,4,0,
2,match-payments,2025-04-10T02:00:00Z,2025-04-10T02:00:09Z,rejects,12,11,1,
