exit: 0
# --help prints the usage on standard output and exits 0.
cmd: f24-reconcile --help
--- stdout
Usage: f24-reconcile [OPTION]... [FILE]...
Read F24 supplies of the Agenzia delle Entrate (fixed-width records A1, G1-G5,
G9, Z1; .gz accepted; standard input if no FILE) and write the payments
stream as CSV on standard output, one row per G1, with G9 cancellations
applied; check the credits (G2, G3, G4, G5) and the Z1 counts.

      --db FILE            record the payments in the ledger FILE (default
                           $ESATTORE_DB when set); a supply imported twice
                           records nothing new
      --belfiore CODE      the municipality's codice catastale (default: the
                           code in each flow's Z1 record)
      --rejects FILE       write unreadable records to FILE (CSV)
      --summary FILE       write the reconciliation, block by block and
                           difference by difference, to FILE (CSV)
      --name-layout LAYOUT G1 positions 149-203: webred (a 55-character name,
                           the default) or tr4 (39-character name and the
                           original codice fiscale)
      --locale it          write CSV with ';' separators and ',' decimals
      --quiet              print no warnings and no summary
      --progress           show a progress line on standard error
      --help               display this help and exit
      --version            output version information and exit

Exit status: 0 all records used, 1 some records rejected, 2 usage or
configuration error, 3 I/O, database or internal failure.
