# --as-of takes an ISO date.
cmd: match-payments --dues d.csv --as-of 31/12/2025 p.csv
exit: 2
--- stderr
match-payments: --as-of: '31/12/2025' is not a date (YYYY-MM-DD)
Try 'match-payments --help' for more information.
