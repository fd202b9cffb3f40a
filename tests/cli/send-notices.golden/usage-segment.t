# A --segment term without '=' is a usage error.
cmd: send-notices --channel maildir --out-dir md --from a@b.it --segment pec n.csv
exit: 2
--- stderr
send-notices: --segment: 'pec' is not NAME=VALUE or NAME!=VALUE
Try 'send-notices --help' for more information.
