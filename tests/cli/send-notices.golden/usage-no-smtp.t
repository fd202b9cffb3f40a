# PEC and e-mail go over SMTP: --smtp is required (unless --dry-run).
cmd: send-notices --channel pec --from a@pec.b.it --db l.db n.csv
exit: 2
--- stderr
send-notices: --channel pec needs --smtp URL
Try 'send-notices --help' for more information.
