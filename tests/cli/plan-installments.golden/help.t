exit: 0
# --help goes to stdout with exit 0 and names the program.
cmd: plan-installments --help | sed -n '1p;/^Options:/p;/--version/p'
--- stdout
Usage: plan-installments --amount EUR --as-of DATE [--months N] [OPTION]...
Options:
      --version           output version information and exit
