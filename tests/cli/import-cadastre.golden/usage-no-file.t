# No input file: usage error, exit 2, nothing on stdout.
cmd: import-cadastre --emit units
exit: 2
--- stderr
import-cadastre: no input file (give the .FAB, .TER, .SOG and .TIT files of the supply)
Try 'import-cadastre --help' for more information.
