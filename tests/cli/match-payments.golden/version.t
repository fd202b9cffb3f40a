exit: 0
# --version names the program and the package.
cmd: match-payments --version | sed 's/) .*/) VERSION/' | head -1
--- stdout
match-payments (esattore) VERSION
