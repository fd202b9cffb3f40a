exit: 0
# Bad usage: exit 2 with a hint; a missing ledger is a configuration error (2).
cmd: export-notices --phase S4 --db x.db; echo "exit $?"
cmd: export-notices; echo "exit $?"
cmd: export-notices --db absent.db 2>/dev/null; echo "exit $?"
--- stdout
exit 2
exit 2
exit 2
--- stderr
export-notices: --phase: 'S4' is not S1, S2 or S3
Try 'export-notices --help' for more information.
export-notices: no ledger: give --db FILE or set ESATTORE_DB
Try 'export-notices --help' for more information.
