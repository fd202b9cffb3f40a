# Neither --db (nor ESATTORE_DB) nor --emit: nothing to do, exit 2.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre "B157_supply.SOG"
exit: 2
--- stderr
import-cadastre: nothing to do: give --db FILE (or set ESATTORE_DB) or --emit STREAM
Try 'import-cadastre --help' for more information.
