# --db and --dues are exclusive.
cmd: match-payments --db x.db --dues dues.csv p.csv
exit: 2
--- stderr
match-payments: --db and --dues are exclusive
Try 'match-payments --help' for more information.
