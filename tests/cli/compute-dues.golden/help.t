# --help goes to stdout with exit 0, names the program and its options
# (21 lines name a long option: 17 options, the two usage lines, --post in the
# description and in --notices' text).
cmd: compute-dues --help | head -3
cmd: compute-dues --help | grep -c -- '--'
--- stdout
Usage: compute-dues --tax imu --year Y --rates FILE [OPTION]...
       compute-dues --tax tari --year Y --rates TARIFF [OPTION]... [USERS]...
Compute the IMU or TARI dues of a year from the ledger and write the dues
21
