# Operands are not accepted.
cmd: esattore-synth --out d extra
exit: 2
--- stderr
esattore-synth: unexpected argument 'extra'
Try 'esattore-synth --help' for more information.
