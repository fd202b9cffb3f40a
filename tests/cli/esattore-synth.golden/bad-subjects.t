# --subjects must be a positive whole number.
cmd: esattore-synth --out d --subjects 12x; echo "exit $?"; esattore-synth --out d --subjects 0; echo "exit $?"
--- stdout
exit 2
exit 2
--- stderr
esattore-synth: --subjects: '12x' is not a number between 1 and 20000000
Try 'esattore-synth --help' for more information.
esattore-synth: --subjects: '0' is not a number between 1 and 20000000
Try 'esattore-synth --help' for more information.
