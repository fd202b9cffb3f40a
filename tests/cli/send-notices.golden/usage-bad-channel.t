# An unknown channel is a usage error.
cmd: send-notices --channel fax --from a@b.it n.csv
exit: 2
--- stderr
send-notices: --channel: 'fax' is not pec, email, maildir or send-json
Try 'send-notices --help' for more information.
