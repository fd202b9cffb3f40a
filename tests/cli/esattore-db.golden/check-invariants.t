# A payment of 10.00 allocated 6.00 + 5.00 = 11.00: check reports it, exit 1.
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db "INSERT INTO payments(payment_id,source,source_ref,amount) VALUES ('P1','F24','r',1000); INSERT INTO allocations(payment_id,amount,rule,status) VALUES ('P1',600,'manual','PARTIAL'),('P1',500,'manual','PARTIAL');"
cmd: esattore-db check l.db
exit: 1
--- stderr
esattore-db: l.db: allocations-within-payment: payment P1 of 1000 cents has 1100 cents allocated
esattore-db: l.db: 1 problem found
