# Misuse: an unknown option, no --period, a bad period, a bad rate list,
# no rates at all (no ente file): each exits 2 with a message on stderr.
cmd: compute-aggio --frobnicate x.csv 2>&1 >/dev/null | head -1 | sed 's/^[^:]*: //'; echo "exit $?"
cmd: compute-aggio x.csv 2>&1 | head -1; compute-aggio --period week x.csv 2>&1 | head -1
cmd: compute-aggio --period year --rates S1=1,S4=2 x.csv 2>&1 | head -1
cmd: compute-aggio --period year --rates S1=1,S2=2 x.csv; echo "exit $?"
--- stdout
unrecognized option '--frobnicate'
exit 0
compute-aggio: --period is required
compute-aggio: --period: 'week' is not a period (month, quarter or year)
compute-aggio: --rates: 'S4' is not a service (S1, S2 or S3)
exit 2
--- stderr
compute-aggio: no aggio rate for S3: give --rates or the ente file (--ente)
Try 'compute-aggio --help' for more information.
