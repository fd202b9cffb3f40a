exit: 0
cmd: export-notices --version | sed 1q | sed 's/[0-9][0-9.]*$/VERSION/'
--- stdout
export-notices (esattore) VERSION
