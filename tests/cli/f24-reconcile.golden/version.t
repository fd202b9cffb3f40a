exit: 0
# --version names the program and the package.
cmd: f24-reconcile --version | sed 1q
--- stdout
f24-reconcile (esattore) 0.1.0
