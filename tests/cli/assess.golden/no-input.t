# Without --dues/--payments, --db or ESATTORE_DB there is nothing to read.
cmd: assess --tax imu --year 2024 --as-of 2025-06-30
exit: 2
--- stderr
assess: no input: give --dues and --payments, or --db FILE (or set ESATTORE_DB)
Try 'assess --help' for more information.
