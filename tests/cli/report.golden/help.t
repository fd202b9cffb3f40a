# --help goes to stdout with exit 0 and names the program.
cmd: report --help | sed -n '1p;/--version/p'
--- stdout
Usage: report [--db FILE] --kind KIND [OPTION]...
      --version            output version information and exit
