# --rate is N, N/s, N/m or N/h with N > 0.
cmd: send-notices --channel maildir --out-dir md --from a@b.it --rate 3/day n.csv
exit: 2
--- stderr
send-notices: --rate: '3/day' is not N, N/s, N/m or N/h
Try 'send-notices --help' for more information.
