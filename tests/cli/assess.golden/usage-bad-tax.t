exit: 0
# An unknown tax, a bad year and a bad date are usage errors.
cmd: assess --dues d.csv --payments p.csv --tax ici --year 2024 --as-of 2025-06-30; echo "exit $?"
cmd: assess --dues d.csv --payments p.csv --tax imu --year 20x4 --as-of 2025-06-30; echo "exit $?"
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024 --as-of 2025-02-30; echo "exit $?"
cmd: assess --dues d.csv --tax imu --year 2024 --as-of 2025-06-30; echo "exit $?"
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024 --as-of 2025-06-30 --post; echo "exit $?"
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024 --as-of 2025-06-30 --spread 3.5; echo "exit $?"
cmd: assess --bogus; echo "exit $?"
--- stdout
exit 2
exit 2
exit 2
exit 2
exit 2
exit 2
exit 2
--- stderr
assess: --tax: 'ici' is not imu or tari
Try 'assess --help' for more information.
assess: --year: '20x4' is not a year
Try 'assess --help' for more information.
assess: --as-of: '2025-02-30' is not a date
Try 'assess --help' for more information.
assess: --dues and --payments go together
Try 'assess --help' for more information.
assess: --post needs the ledger (--db)
Try 'assess --help' for more information.
assess: --spread: '3.5' is not a number of points within the table's range
Try 'assess --help' for more information.
assess: unrecognized option '--bogus'
Usage: assess (--db FILE | --dues FILE --payments FILE) --tax imu|tari --year Y
              --as-of DATE [OPTION]...
Compare what was due with what was paid for one tax and year and write the
avvisi di accertamento esecutivi (acts stream, one per subject) to stdout.

Input:
      --db FILE           the ledger (S1 positions, due lines, allocated payments)
      --dues FILE         the dues stream (instead of --db)
      --payments FILE     the payments stream (instead of --db)
      --units FILE        the units stream (cadastral surfaces for --evasion, TARI)
      --tax TAX           imu or tari
      --year Y            the tax year
      --as-of DATE        the date of the acts: interest and terms run to it
      --ente FILE         the ente key file (spread, minimum, day count, Covid shift)

Rules (override the ente file):
      --min-amount EUR    no act below this total (default: ente, else the table's 12.00)
      --spread PTS        interest points over the legal rate, -3..3
      --day-count BASIS   365 (every year, default) or actual (366 in leap years)
      --covid-shift Y/N   shift decadenza terms pending on 8 Mar 2020 (default yes)
      --notification CH   channel whose cost is charged: pec, ar, raccomandata, messo,
                          estero (default: none)
      --declaration-pct P declaration sanction within its range (default: the minimum)
      --cumulo MODE       both (default) or max: declaration and payment sanctions

Output:
      --details FILE      one line per installment and tributo
      --report FILE       years past decadenza, amounts under the minimum, excess payments
      --evasion FILE      evasion candidates (a worklist, not acts)
      --explain           each component with its table row and legal source, on stderr
      --post              record the acts and their pagoPA notices in the ledger
      --rejects FILE      rejected input rows with _source,_line,_error
      --locale LOC        it: ';' separator and ',' decimals on output
      --decimal-comma     input amounts use ',' as decimal separator
  -q, --quiet             print only errors
      --progress          force the progress line
      --help              display this help and exit
      --version           output version information and exit

Exit status: 0 all rows used; 1 some rows rejected; 2 usage or configuration
error; 3 I/O, database or internal failure (nothing recorded).
