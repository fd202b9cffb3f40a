# --version names the program and the package.
cmd: statement --version | sed 1q | sed 's/[0-9][0-9.]*$/VERSION/'
--- stdout
statement (esattore) VERSION
