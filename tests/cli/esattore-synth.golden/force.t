# --force writes into a non-empty directory and keeps what was there.
cmd: mkdir d && touch d/keep && esattore-synth --out d --subjects 2 --force --quiet; echo "exit $?"; ls d
--- stdout
exit 0
cadastre
coercive
ente.conf
f24
keep
notices.csv
pagopa
rates.csv
residents.csv
tari-declarations.csv
tari-tariffs.csv
treasury
truth
