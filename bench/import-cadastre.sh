#!/bin/sh
# bench/import-cadastre.sh: time and peak memory of import-cadastre on a
# synthetic supply (esattore-synth), against a peer measured in the same run:
# the sqlite3 shell loading the same lines, unparsed, into a one-column table
# in one transaction (the floor of reading the bytes and writing them to
# SQLite).  Reports the ratio; asserts nothing about absolute times.
#
#   make bench-import-cadastre [BENCH_SUBJECTS="N..."]     (default 200000)
#   BENCH_KEEP=1 keeps the scratch directory.
#
# Needs esattore-synth, import-cadastre and sqlite3 on PATH, GNU time.
set -eu
LC_ALL=C; export LC_ALL
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: GNU time ($TIME) is needed" >&2; exit 2; }

for n in ${BENCH_SUBJECTS:-200000}; do
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-cadastre.XXXXXX")

esattore-synth --out "$tmp/synth" --subjects "$n" --quiet
set -- "$tmp"/synth/cadastre/*.FAB "$tmp"/synth/cadastre/*.SOG "$tmp"/synth/cadastre/*.TER \
       "$tmp"/synth/cadastre/*.TIT
lines=$(cat "$@" | wc -l)
bytes=$(cat "$@" | wc -c)

# Each line of the supply as one field: a separator that never occurs.
{
	echo "CREATE TABLE raw (line TEXT);"
	echo "BEGIN;"
	echo ".mode ascii"
	echo ".separator \"\\001\" \"\\n\""
	for f; do echo ".import '$f' raw"; done
	echo "COMMIT;"
} > "$tmp/peer.sql"

$TIME -f '%e %M' -o "$tmp/peer.time" sqlite3 "$tmp/peer.db" < "$tmp/peer.sql"
$TIME -f '%e %M' -o "$tmp/ours.time" import-cadastre --db "$tmp/ours.db" --quiet "$@" || {
	st=$?; [ $st -eq 1 ] || exit $st; }

read -r peer_s peer_kb < "$tmp/peer.time"
read -r ours_s ours_kb < "$tmp/ours.time"
echo "bench import-cadastre: $n subjects, $lines lines, $bytes bytes"
echo "  import-cadastre  ${ours_s} s  peak RSS ${ours_kb} KiB"
echo "  sqlite3 .import  ${peer_s} s  peak RSS ${peer_kb} KiB  (peer: unparsed lines, no index)"
awk -v a="$ours_s" -v b="$peer_s" 'BEGIN { if (b > 0) printf "  ratio            %.1f x the peer\n", a / b }'
[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$tmp"
done
