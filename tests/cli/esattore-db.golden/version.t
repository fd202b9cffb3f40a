exit: 0
# --version names the program and the package.
cmd: esattore-db --version | sed 1q | sed 's/[0-9][0-9.]*$/VERSION/'
--- stdout
esattore-db (esattore) VERSION
