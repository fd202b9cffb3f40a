# An index that lost its entries (written through an imposter table, as a
# damaged disk might leave it): the quick check does not compare indexes
# with their tables, so the plain check passes; check --full finds it.
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db "INSERT INTO payments(payment_id, source, source_ref, amount, iuv) VALUES ('P1', 'F24', 'r', 1000, 'X1')"
cmd: sqlite3 l.db ".imposter payments_iuv imp" "DELETE FROM imp" >/dev/null 2>&1
cmd: esattore-db check l.db && echo "quick: ok"
cmd: esattore-db check --full l.db
exit: 1
--- stdout
quick: ok
--- stderr
esattore-db: l.db: ok
esattore-db: l.db: integrity: row 1 missing from index payments_iuv
esattore-db: l.db: integrity: wrong # of entries in index payments_iuv
esattore-db: l.db: 2 problems found
