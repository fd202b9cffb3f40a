exit: 0
# --version names the program.
cmd: plan-installments --version | sed -n '1s/ [0-9.]*$//p'
--- stdout
plan-installments (esattore)
