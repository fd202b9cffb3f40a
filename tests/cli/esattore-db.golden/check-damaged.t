# A file that is not a database: check fails with exit 3 and says why.
cmd: i=0; while [ $i -lt 300 ]; do printf 'this is not a ledger\n'; i=$((i+1)); done > bad.db
cmd: esattore-db check bad.db
exit: 3
--- stderr-match
^esattore-db: .*bad\.db.*not a database
