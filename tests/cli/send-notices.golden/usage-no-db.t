# Without the ledger nothing keeps a notice from being sent twice: refused.
cmd: send-notices --channel email --smtp smtp://127.0.0.1:1 --from a@b.it n.csv
exit: 2
--- stderr
send-notices: --channel email needs the ledger (--db FILE or ESATTORE_DB): it is what keeps a notice from being sent twice
Try 'send-notices --help' for more information.
