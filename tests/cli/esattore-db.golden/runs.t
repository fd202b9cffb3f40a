exit: 0
# The audit log as CSV: header only on a new ledger.
cmd: esattore-db -q init l.db && esattore-db runs l.db
--- stdout
run_id,tool,args,started_at,ended_at,status,rows_read,rows_written,rows_rejected,message,inputs
