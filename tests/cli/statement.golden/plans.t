# The installment plans section (testdata/report/plans.sql: the ingiunzione
# 529.20 in 2 installments of 264.60 + 0.40 interest = 265.00; the first paid
# by PPLAN1 through its notice, the second not yet).
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: sqlite3 x.db < "$TESTDATA/report/plans.sql"
cmd: statement --db x.db BNCGNN60C03L219K | sed -n '/^Installment plans/,/^$/p'
--- stdout
Installment plans
  plan_id act_id                          debt months granted_on status installment due_date   amount notice_number        paid
        1 ING-IMU-2018-BNCGNN60C03L219K 529.20      2 2025-01-10 active           1 2025-01-31 265.00 301000000000000017 265.00
        1 ING-IMU-2018-BNCGNN60C03L219K 529.20      2 2025-01-10 active           2 2025-02-28 265.00 301000000000000025   0.00

