# send-json needs --out-dir, --taxonomy (6 digits and a capital) and the ente.
cmd: send-notices --channel send-json --out-dir j --taxonomy 12345 n.csv
exit: 2
--- stderr
send-notices: --taxonomy: '12345' is not 6 digits and a capital letter
Try 'send-notices --help' for more information.
