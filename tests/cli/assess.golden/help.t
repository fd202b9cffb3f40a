exit: 0
# --help goes to stdout with exit 0 and names the program; stderr is empty.
cmd: assess --help | sed -n '1p;/--post/p;/--version/p'
--- stdout
Usage: assess (--db FILE | --dues FILE --payments FILE) --tax imu|tari --year Y
      --post              record the acts and their pagoPA notices in the ledger
      --version           output version information and exit
