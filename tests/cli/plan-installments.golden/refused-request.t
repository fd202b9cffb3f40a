# On the ledger, a request the law refuses is a rejected row (exit 1), with
# the reason: 90.00 unpaid is under the 100.01 of c. 796; an unknown act too.
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db "INSERT INTO acts(act_id,act_type,tax_code,tax,year,tax_due,tax_unpaid,total,issued_on,notified_on) VALUES ('ACC-2','accertamento','RSSMRA80A01H501U','IMU',2022,9000,9000,9000,'2024-10-01','2024-10-31'); INSERT INTO positions(tax_code,tax,year,phase,act_id,amount_due) VALUES ('RSSMRA80A01H501U','IMU',2022,'S2','ACC-2',9000);"
cmd: printf 'act_id\nACC-2\nACC-9\n' > req.csv
cmd: plan-installments --db l.db --as-of 2025-01-15 req.csv
exit: 1
--- stdout
act_id,plan_id,tax_code,debt,installment,due_date,principal,interest,amount,notice_number
--- stderr
plan-installments: req.csv:2: refused: a debt of 90.00 cannot be paid in instalments: debts up to 100.00 are excluded (L. 160/2019 c. 796)
plan-installments: req.csv:3: act_id: no act 'ACC-9' in the ledger
plan-installments: read 2, written 0, rejected 2
