# A ledger file that does not exist: a configuration error (exit 2); it is
# opened read-only and never created.
cmd: report --db nothere.db --kind runs; echo "exit $?"; ls nothere.db 2>/dev/null; echo done
--- stdout
exit 2
done
--- stderr-match
^report: nothere.db: cannot open ledger
