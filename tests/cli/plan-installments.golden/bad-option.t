# An unknown option is a usage error.
cmd: plan-installments --bogus
exit: 2
--- stderr
plan-installments: unrecognized option '--bogus'
Usage: plan-installments --amount EUR --as-of DATE [--months N] [OPTION]...
  or:  plan-installments --db FILE --as-of DATE [OPTION]... [REQUESTS]...
  or:  plan-installments --db FILE --as-of DATE --lapsed [OPTION]...
Build instalment plans (L. 160/2019 cc. 796-802): monthly instalments due on
the last day of each month, interest at the legal rate plus the spread.

With --amount, print the schedule of that debt granted on the --as-of date:
installment,due_date,principal,interest,amount.  A request the law does not
allow (a debt of 100.00 or less, a number of instalments outside the band)
is refused with the reason and exit status 2.

With --db, each REQUESTS row (columns act_id, optional months) asks a plan
for what is unpaid on that act; one output row per instalment, with the
pagoPA notice number when posted.  A request the law refuses is rejected.

Options:
      --amount EUR        the debt to put into instalments (no ledger)
      --as-of DATE        the date the plan is granted (or the lapse is checked)
      --months N          number of monthly instalments (default: the band's maximum)
      --spread PTS        interest points over the legal rate, 0..2 (default 0)
      --day-count BASIS   365 (default) or actual (366 in leap years)
      --bands FILE        the ente's own instalment bands (same columns as
                          instalment_bands.csv)
      --db FILE           the ledger (default $ESATTORE_DB)
      --ente FILE         the ente key file (segregation code of the notices)
      --lapsed            check the active plans: reminders due, lapsed plans and
                          the balance due at once
      --post              record plans, reminders and lapses in the ledger
      --rejects FILE      rejected request rows with _source,_line,_error
      --locale LOC        it: ';' separator and ',' decimals on output
  -q, --quiet             print only errors
      --help              display this help and exit
      --version           output version information and exit

Exit status: 0 all rows used; 1 some rows rejected; 2 usage or configuration
error, or a plan the law does not allow (--amount); 3 I/O or database failure.
