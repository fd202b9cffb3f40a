# The audit log as CSV: header only on a new ledger.
cmd: esattore-db -q init l.db && esattore-db runs l.db
