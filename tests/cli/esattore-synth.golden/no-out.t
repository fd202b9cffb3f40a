# --out is required.
cmd: esattore-synth --subjects 10
exit: 2
--- stderr
esattore-synth: --out DIR is required
Try 'esattore-synth --help' for more information.
