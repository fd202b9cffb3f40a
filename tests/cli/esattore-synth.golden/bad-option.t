# An unknown option is a usage error: message and usage on stderr, exit 2, nothing written.
cmd: esattore-synth --out d --frobnicate; echo "exit $?"; ls
--- stdout
exit 2
--- stderr-match
^esattore-synth: unrecognized option '--frobnicate'$
^Usage: esattore-synth --out DIR \[OPTION\]\.\.\.$
