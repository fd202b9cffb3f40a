# --acconto-window takes whole days from 0 to 366, or off.
cmd: match-payments --dues d.csv --acconto-window 400 p.csv
exit: 2
--- stderr
match-payments: --acconto-window: '400' is not a number of days (0-366) or 'off'
Try 'match-payments --help' for more information.
