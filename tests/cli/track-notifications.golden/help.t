exit: 0
# --help goes to stdout with exit 0 and names the program.
cmd: track-notifications --help | sed -n '1p;/^Options:/p;/--version/p'
--- stdout
Usage: track-notifications [OPTION]... [INPUT]...
Options:
      --version           output version information and exit
