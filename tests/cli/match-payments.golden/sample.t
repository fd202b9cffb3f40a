exit: 0
# The whole sample: F24 payments, pagoPA receipts, a bank statement, the
# flows and the treasury journal; one bad amount is rejected (exit 1), and
# the UNMATCHED and DUPLICATE rows also go to --unmatched.
cmd: cd "$TESTDATA" && match-payments --dues match/dues.csv --rejects "$SCRATCH/rej.csv" --unmatched "$SCRATCH/un.csv" match/payments.csv match/bank.csv pagopa/fdr-2025-07-01-esiti-0-3-9.xml pagopa/fdr-2025-07-02-v1.xml pagopa/fdr-2025-07-02-v2.xml pagopa/fdr-2025-07-03.xml pagopa/fdr-2025-07-04.xml treasury/gdc-2025-07-10.xml > "$SCRATCH/out.csv"; echo "exit $?"
cmd: cd "$SCRATCH" && cat rej.csv && cut -d, -f1,7 un.csv && wc -l < out.csv
--- stdout
exit 1
payment_id,source,source_ref,tax_code,tax,year,tributo,notice_number,iuv,paid_on,credited_on,amount,_source,_line,_error
F24-8,F24,s1:8,BNCLRA75B42F205N,TARI,2025,3944,,,2025-06-16,2025-06-20,12.505,match/payments.csv,11,amount: bad amount '12.505': more than two decimals
payment_id,status
F24-3,DUPLICATE
F24-6,UNMATCHED
F24-1,DUPLICATE
BANK-bank.csv-5,UNMATCHED
PAGOPA-2025-07-01ABCDITMMXXX-0000000001-01999999999999999-IUR0004-1,UNMATCHED
PAGOPA-2025-07-02ABCDITMMXXX-0000000002-01888888888888888-IUR0006-1,UNMATCHED
OPI-2025-0000001-103-20250705,UNMATCHED
OPI-2025-0000001-104-20250706,UNMATCHED
OPI-2025-0000001-105-20250707,DUPLICATE
30
--- stderr
match-payments: match/dues.csv: dues read 18, rejected 0
match-payments: pagopa/fdr-2025-07-02-v2.xml: flow 2025-07-02ABCDITMMXXX-0000000002 of 2025-07-02T18:30:00 replaces the one of 2025-07-02T10:00:00 in pagopa/fdr-2025-07-02-v1.xml
match-payments: treasury/gdc-2025-07-10.xml: 1 movements that are not incoming credits ignored
match-payments: match/payments.csv:11: amount: bad amount '12.505': more than two decimals
match-payments: read 28, written 27, rejected 1
