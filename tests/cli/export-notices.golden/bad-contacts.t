exit: 0
# A contacts row without a tax code is rejected (exit 1) and goes to --rejects;
# a contacts file without the tax_code column stops the run (exit 2).
cmd: esattore-db -q init l.db
cmd: export-notices --db l.db --contacts c.csv --rejects rj.csv; echo "exit $?"; cat rj.csv
cmd: export-notices --db l.db --contacts nocol.csv > /dev/null; echo "exit $?"
--- file c.csv
tax_code,address
,"Via Nessuna 1"
--- file nocol.csv
codice,address
X,Y
--- stdout
notice_id,act_type,act_id,tax_code,name,address,pec,email,subject_text,installment,notice_number,amount,due_date,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,collection_charges,total
exit 1
tax_code,address,_source,_line,_error
,Via Nessuna 1,c.csv,2,tax_code: empty or too long
exit 2
--- stderr
export-notices: c.csv:2: tax_code: empty or too long
export-notices: 0 notice rows written; contacts read 1, rejected 1
export-notices: nocol.csv:1: missing required column 'tax_code'
