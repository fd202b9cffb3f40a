exit: 0
# --help goes to stdout with exit 0 and names the program and every option; stderr is empty.
cmd: import-cadastre --help | sed -n '1,2p;/^  --/p'
cmd: import-cadastre --help >/dev/null; echo "exit $?"
--- stdout
Usage: import-cadastre [--db FILE] [--emit units|subjects|titles] [--as-of DATE]
       [--rejects FILE] [--report FILE] [--locale it] [--progress] [--quiet] FILE...
  --db FILE          load the ledger FILE (default $ESATTORE_DB) in one
  --emit STREAM      write the units, subjects or titles stream as CSV to
  --as-of DATE       emit only situations and titles valid on DATE
  --rejects FILE     write malformed records to FILE (record,_source,_line,_error)
  --report FILE      write the data-quality findings to FILE as CSV
  --locale it        CSV with ';' separator and ',' decimals
  --progress         show a progress line even when stderr is not a terminal
  --quiet            no warnings, report summary or counts on stderr
  --help             show this help and exit
  --version          show the version and exit
exit 0
