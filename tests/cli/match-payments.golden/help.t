exit: 0
# --help prints the usage on stdout and exits 0.
cmd: match-payments --help
--- stdout
Usage: match-payments [--db FILE | --dues FILE] [OPTION]... INPUT...
Match payments to the dues they pay and write the allocations stream.
Each INPUT is a payments CSV, a pagoPA FlussoRiversamento XML or an OPI
giornale di cassa XML, recognised by content; .gz files are accepted.

  --db FILE          the ledger: read dues, write allocations (or $ESATTORE_DB)
  --dues FILE        dues or notices as CSV instead of a ledger
  --manual FILE      manual allocations (payment_id and position_id,
                     notice_number or tax_code,tax,year; optional amount)
  --rejects FILE     write rejected rows to FILE
  --unmatched FILE   also write UNMATCHED and DUPLICATE allocations to FILE
  --as-of DATE       with an OVERPAID excess, list only debts due by DATE
  --acconto-window DAYS
                     an IMU acconto written for the year before and paid
                     from DAYS days before this year's acconto is due is
                     this year's (default 90; 'off': the year written stands)
  --decimal-comma    amounts in CSV inputs use ',' as decimal separator
  --locale it        write ';' separators and ',' decimals (Italian spreadsheets)
  --quiet            no warnings and no summary
  --progress         show a progress line on stderr
  --help             display this help and exit
  --version          output version information and exit

Exit status: 0 all rows used, 1 some rows rejected, 2 usage error,
3 I/O, database or internal failure (the ledger is left unchanged).
