exit: 0
# A surfaces supply (.SUP) has no published layout: refused before anything is loaded.
cmd: import-cadastre --db l.db a.SUP; echo "exit $?"
cmd: test -e l.db || echo "no ledger created"
--- file a.SUP
B157|x
--- stdout
exit 2
no ledger created
--- stderr
import-cadastre: a.SUP: the surfaces supply (.SUP) has no published layout: not supported
