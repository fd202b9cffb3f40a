# A new ledger: every kind writes its header and nothing else; the HTML page
# says there is nothing to report.  A missing ledger is a usage error (2)...
cmd: esattore-db init x.db 2>/dev/null
cmd: for k in collection aging fcde reconciliation notifications runs; do report --db x.db --kind $k --as-of 2025-01-01 || echo "exit $?"; done
cmd: report --db x.db --kind fcde --format html | grep -c 'Nothing to report'
cmd: ESATTORE_DB= report --kind runs 2>&1; echo "exit $?"
--- stdout
tax,year,phase,positions,due,collected,open,excess,collection_rate
phase,age,positions,open
revenue_type,year,accertato,riscosso,yearly_ratio,simple_totals,simple_ratios,weighted_totals,weighted_ratios
problem,payment_id,source,source_ref,tax_code,tax,year,paid_on,amount,unallocated
act_type,notification_state,acts,total,first_issued,last_issued
run_id,tool,started_at,ended_at,status,read,written,rejected,message
1
report: no ledger: give --db FILE or set ESATTORE_DB
Try 'report --help' for more information.
exit 2
