# --version names the program and the package, on stdout, exit 0.
cmd: esattore-synth --version | sed 1q | sed 's/[0-9][0-9.]*$/VERSION/'
--- stdout
esattore-synth (esattore) VERSION
