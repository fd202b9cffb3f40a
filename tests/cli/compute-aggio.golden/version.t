# --version names the program and the package.
cmd: compute-aggio --version | sed 1q | sed 's/[0-9][0-9.]*$/VERSION/'
--- stdout
compute-aggio (esattore) VERSION
