exit: 0
# --help goes to stdout with exit 0 and names the program.
cmd: emit-injunctions --help | sed -n '1p;/^Options:/p;/--version/p'
--- stdout
Usage: emit-injunctions --as-of DATE [--db FILE] [--loads FILE] [OPTION]...
Options:
      --version           output version information and exit
