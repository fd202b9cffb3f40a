# --emit takes units, subjects or titles.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --emit parcels "B157_supply.SOG"
exit: 2
--- stderr
import-cadastre: --emit: unknown stream 'parcels' (units, subjects or titles)
Try 'import-cadastre --help' for more information.
