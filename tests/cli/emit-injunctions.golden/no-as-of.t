cmd: emit-injunctions --loads x.csv
exit: 2
--- stderr
emit-injunctions: --as-of DATE is required
Try 'emit-injunctions --help' for more information.
