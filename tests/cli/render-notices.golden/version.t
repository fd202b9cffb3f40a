# --version names the program and the package.
cmd: render-notices --version | sed 1q | sed 's/[0-9][0-9.]*$/VERSION/'
--- stdout
render-notices (esattore) VERSION
