# Misuse: exit 2 with a message on stderr and nothing on stdout.
cmd: compute-dues --frobnicate; echo "exit $?"
cmd: compute-dues --db l.db --year 2025 --rates r.csv; echo "exit $?"
cmd: compute-dues --db l.db --tax ici --year 2025 --rates r.csv; echo "exit $?"
cmd: compute-dues --db l.db --tax imu --year 20x5 --rates r.csv; echo "exit $?"
cmd: compute-dues --db l.db --tax imu --year 2025; echo "exit $?"
cmd: compute-dues --db l.db --tax imu --year 2025 --rates r.csv users.csv; echo "exit $?"
cmd: compute-dues --db l.db --tax imu --year 2025 --rates r.csv --saldo maybe; echo "exit $?"
cmd: compute-dues --tax imu --year 2025 --rates r.csv; echo "exit $?"
--- stdout
exit 2
exit 2
exit 2
exit 2
exit 2
exit 2
exit 2
exit 2
--- stderr-match
unrecognized option '--frobnicate'
--tax is required
--tax: 'ici' is neither imu nor tari
--year: '20x5' is not a year
--rates is required
IMU reads the ledger: unexpected operand 'users.csv'
--saldo: 'maybe' is neither exact nor rounded
no ledger: give --db FILE or set ESATTORE_DB
