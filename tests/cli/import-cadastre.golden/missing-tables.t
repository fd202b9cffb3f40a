exit: 0
# Without its decode tables the program cannot run: configuration error, exit 2.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: ESATTORE_DATADIR=/nonexistent import-cadastre --emit units "B157_supply.FAB" 2>&1 | sed 's/: No such.*//'
cmd: ESATTORE_DATADIR=/nonexistent import-cadastre --emit units "B157_supply.FAB" 2>/dev/null; echo "exit $?"
--- stdout
import-cadastre: /nonexistent/cadastre_categories.csv: cannot open
exit 2
