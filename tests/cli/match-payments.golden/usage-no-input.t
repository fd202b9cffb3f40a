# No INPUT is a usage error (exit 2).
cmd: match-payments --dues dues.csv
exit: 2
--- stderr
match-payments: no INPUT given
Try 'match-payments --help' for more information.
