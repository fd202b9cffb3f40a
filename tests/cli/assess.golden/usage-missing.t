# --tax, --year and --as-of are required: usage error, exit 2.
cmd: assess --dues d.csv --payments p.csv --tax imu --year 2024
exit: 2
--- stderr
assess: --tax, --year and --as-of are required
Try 'assess --help' for more information.
