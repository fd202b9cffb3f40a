# A Belfiore code is a letter and three digits.
cmd: esattore-synth --out d --belfiore 1234; echo "exit $?"; test -e d || echo "nothing written"
--- stdout
exit 2
nothing written
--- stderr
esattore-synth: --belfiore must be a letter and three digits, e.g. M999
