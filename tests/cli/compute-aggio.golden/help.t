# --help goes to stdout with exit 0 and names the program.
cmd: compute-aggio --help | sed -n '1p;/--version/p'
--- stdout
Usage: compute-aggio (--db FILE | ALLOCATIONS.csv) --period month|quarter|year [OPTION]...
      --version           output version information and exit
