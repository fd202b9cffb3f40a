# Misuse exits 2: no tax code, a bad format; an unknown tax code exits 1.
cmd: statement --db x.db 2>&1 | head -1; statement --db x.db --format html X 2>&1 | head -1
cmd: esattore-db init x.db 2>/dev/null; statement --db x.db NOBODY >/dev/null; echo "exit $?"
--- stdout
statement: missing TAX_CODE
statement: --format: 'html' is not text, csv or pdf
exit 1
--- stderr
statement: NOBODY: not in the ledger
