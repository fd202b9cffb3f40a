# Neither a ledger nor a load list.
cmd: emit-injunctions --as-of 2025-05-02
exit: 2
--- stderr
emit-injunctions: nothing to do: give --db FILE (or set ESATTORE_DB) or --loads FILE
Try 'emit-injunctions --help' for more information.
