# --version names the program and the package.
cmd: report --version | sed 1q | sed 's/[0-9][0-9.]*$/VERSION/'
--- stdout
report (esattore) VERSION
