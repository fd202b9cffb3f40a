exit: 0
# --help goes to stdout with exit 0 and names the program.
cmd: plan-installments --help | sed -n '1p;/^Options:/p;/--version/p'
--- stderr
sh: 1: plan-installments: not found
