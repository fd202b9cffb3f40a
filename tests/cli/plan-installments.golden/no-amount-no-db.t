# Without --amount a ledger is needed.
cmd: plan-installments --as-of 2025-03-10
exit: 2
--- stderr
plan-installments: give --amount EUR, or a ledger (--db FILE or $ESATTORE_DB)
Try 'plan-installments --help' for more information.
