cmd: emit-injunctions --as-of 2025-05-02 --loads x.csv --kind pignoramento
exit: 2
--- stderr
emit-injunctions: --kind: 'pignoramento' is not ingiunzione, intimazione or sollecito
Try 'emit-injunctions --help' for more information.
