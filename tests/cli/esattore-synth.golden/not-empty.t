# A non-empty output directory is refused unless --force is given.
cmd: mkdir d && touch d/keep && esattore-synth --out d --subjects 2; echo "exit $?"; ls d
--- stdout
exit 2
keep
--- stderr
esattore-synth: d is not empty (use --force to write into it)
