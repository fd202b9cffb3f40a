# A load list makes ingiunzioni: asking sollecitos of it needs the ledger.
cmd: emit-injunctions --as-of 2025-05-02 --loads x.csv --kind sollecito
exit: 2
--- stderr
emit-injunctions: --loads makes ingiunzioni: --kind sollecito needs --db
Try 'emit-injunctions --help' for more information.
