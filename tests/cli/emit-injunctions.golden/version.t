exit: 0
cmd: emit-injunctions --version | sed -n '1s/ [0-9.]*$//p'
--- stdout
emit-injunctions (esattore)
