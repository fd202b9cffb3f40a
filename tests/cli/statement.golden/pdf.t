# --format pdf: the text statement, paginated (A4 landscape, monospaced),
# one page here; its text comes back out with pdftotext (poppler-utils).
# Fontconfig keeps a few bytes until exit: tests/lsan.supp for sanitizer builds.
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: LSAN_OPTIONS=suppressions=$ESATTORE_SRCDIR/tests/lsan.supp:print_suppressions=0 statement --db x.db --format pdf BNCGNN60C03L219K > s.pdf
cmd: head -c 5 s.pdf; echo; pdfinfo s.pdf | grep -E '^(Pages|Title|Page size):'
cmd: pdftotext -layout s.pdf - | grep -E '^ +(PTARI +(PAGOPA +)?2024-07-30|TARI 2024 S1  )' | tr -s ' '
--- stdout
%PDF-
Title:           Statement of BNCGNN60C03L219K
Pages:           1
Page size:       841.89 x 595.28 pts (A4)
 TARI 2024 S1 100.00 100.00 0.00 open
 PTARI PAGOPA 2024-07-30 TARI 2024 150.00 valid TARI 2024 S1 100.00; TARI 2024 S1 OVERPAID 50.00
 PTARI 2024-07-30 150.00 50.00
