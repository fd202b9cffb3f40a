exit: 0
# A plan that lapses (c. 800): 2 instalments unpaid within 6 months after a reminder.
# Act ACC-1: 500.00 tax + 100.00 sanction = 600.00.  Plan granted 15 Jan 2025 in
# 6 (band 500.01-3,000: 5-12): 100.00 each, due at the end of Feb..Jul 2025;
# interest 2 %, days from 16 Jan: 44, 75, 105, 136, 166, 197 ->
# 100 x 0.02 x d/365 = 0.2411 -> 0.24, 0.4110 -> 0.41, 0.5753 -> 0.58,
# 0.7452 -> 0.75, 0.9096 -> 0.91, 1.0795 -> 1.08.
# Instalment 1 (100.24) is paid.  On 5 Apr #2 (31 Mar) is overdue and no
# reminder was sent: status reminder, recorded.  On 5 May #2 and #3 (30 Apr)
# are unpaid, within 6 months, after the reminder of 5 Apr (later than #2's
# due date): lapsed on the later of 30 Apr and 5 Apr = 30 Apr.  Balance due at
# once: #2 100.41 + #3 100.58 (due by the lapse, with interest) + #4-#6
# principal 300.00 = 500.99.  The position asks 100.24 paid + 500.99 = 601.23;
# the unpaid instalments' notices are replaced, #1's stays.
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db "INSERT INTO acts(act_id,act_type,tax_code,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,costs,total,issued_on,due_on,notified_on,notification_state) VALUES ('ACC-1','accertamento','RSSMRA80A01H501U','IMU',2022,50000,0,50000,10000,0,0,60000,'2024-10-01','2024-12-30','2024-10-31','notified'); INSERT INTO positions(tax_code,tax,year,phase,act_id,amount_due) VALUES ('RSSMRA80A01H501U','IMU',2022,'S2','ACC-1',60000);"
cmd: printf 'act_id,months\nACC-1,6\n' | plan-installments --db l.db --ente "$TESTDATA/coercive/ente.ini" --as-of 2025-01-15 --post -q | cut -d, -f1,2,4-9
cmd: sqlite3 l.db "INSERT INTO payments(payment_id,source,source_ref,amount) VALUES ('P1','PAGOPA','r1',10024); INSERT INTO allocations(payment_id,position_id,notice_number,amount,rule,status) SELECT 'P1',1,notice_number,10024,'nav','MATCHED' FROM plan_installments WHERE number=1;"
cmd: plan-installments --db l.db --as-of 2025-04-05 --lapsed --post -q
cmd: plan-installments --db l.db --as-of 2025-05-05 --lapsed --post -q
cmd: sqlite3 l.db "SELECT status, reminded_on, lapsed_on, balance_due FROM plans; SELECT amount_due FROM positions; SELECT n.installment, n.status FROM notices n ORDER BY n.installment;"
cmd: esattore-db check l.db
--- stdout
act_id,plan_id,debt,installment,due_date,principal,interest,amount
ACC-1,1,600.00,1,2025-02-28,100.00,0.24,100.24
ACC-1,1,600.00,2,2025-03-31,100.00,0.41,100.41
ACC-1,1,600.00,3,2025-04-30,100.00,0.58,100.58
ACC-1,1,600.00,4,2025-05-31,100.00,0.75,100.75
ACC-1,1,600.00,5,2025-06-30,100.00,0.91,100.91
ACC-1,1,600.00,6,2025-07-31,100.00,1.08,101.08
plan_id,act_id,tax_code,status,unpaid_installments,first_unpaid,second_unpaid,reminded_on,lapsed_on,balance_due,reason
1,ACC-1,RSSMRA80A01H501U,reminder,1,,,2025-04-05,,,not lapsed: fewer unpaid instalments than the lapse requires
plan_id,act_id,tax_code,status,unpaid_installments,first_unpaid,second_unpaid,reminded_on,lapsed_on,balance_due,reason
1,ACC-1,RSSMRA80A01H501U,lapsed,2,2,3,2025-04-05,2025-04-30,500.99,lapsed: instalments unpaid within the window after a reminder (L. 160/2019 c. 800)
lapsed|2025-04-05|2025-04-30|50099
60123
1|open
2|replaced
3|replaced
4|replaced
5|replaced
6|replaced
--- stderr
esattore-db: l.db: ok
