# --version: name, package and version on stdout.
cmd: compute-dues --version | head -1 | sed 's/[0-9][0-9.]*$/VERSION/'
--- stdout
compute-dues (esattore) VERSION
