# The same arguments give byte-identical trees; another seed gives another municipality.
cmd: esattore-synth --out a --subjects 40 --seed 9 --quiet && esattore-synth --out b --subjects 40 --seed 9 --quiet && diff -r a b && echo same
cmd: esattore-synth --out c --subjects 40 --seed 10 --quiet && (diff -rq a c >/dev/null || echo different)
--- stdout
same
different
