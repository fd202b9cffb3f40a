exit: 0
# --help goes to stdout with exit 0 and names the program; stderr is empty.
cmd: esattore-db --help | sed -n '1p;/^Commands:/p;/--version/p'
--- stdout
Usage: esattore-db [OPTION]... COMMAND [DB] [ARG]
Commands:
      --version         output version information and exit
