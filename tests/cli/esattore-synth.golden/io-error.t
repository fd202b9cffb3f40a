# An output directory that cannot be created or read is an I/O failure: exit 3.
cmd: esattore-synth --out /dev/null/sub --subjects 1
exit: 3
--- stderr
esattore-synth: cannot read directory /dev/null/sub: Not a directory
