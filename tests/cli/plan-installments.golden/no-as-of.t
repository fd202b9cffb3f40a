# --as-of is required.
cmd: plan-installments --amount 1000
exit: 2
--- stderr
plan-installments: --as-of DATE is required
Try 'plan-installments --help' for more information.
