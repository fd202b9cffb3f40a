exit: 0
# A full disk on standard output is a failure (exit 3), not a silent truncation.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --emit units --quiet "B157_supply.TER" > /dev/full; echo "exit $?"
--- stdout
exit 3
--- stderr
import-cadastre: <stdout>: write error: No space left on device
