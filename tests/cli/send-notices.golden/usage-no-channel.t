# --channel is required: usage error, exit 2.
cmd: send-notices --from a@b.it n.csv
exit: 2
--- stderr
send-notices: --channel is required
Try 'send-notices --help' for more information.
