#!/bin/sh
# bench/synth.sh: time and peak memory of esattore-synth, against a peer
# measured in the same run: copying the tree it wrote (cp -r), i.e. the cost
# of the same bytes through the same file system.  The ratio says how far
# the generator is from being I/O-bound.
#
#   bench/synth.sh [SUBJECTS...]        default: 30000
#   BENCH_TMP=/big/disk bench/synth.sh 30000 1400000
#
# Needs GNU time (/usr/bin/time -v).  Prints one line per size.
set -eu
LC_ALL=C; export LC_ALL
prog=${ESATTORE_SYNTH:-esattore-synth}
tmp=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/bench-synth.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ $# -gt 0 ] || set -- 30000
printf '%-10s %10s %10s %10s %12s %10s %8s\n' subjects wall_s cpu_s rss_kb output_mb cp_wall_s ratio
for n in "$@"; do
	/usr/bin/time -v "$prog" --out "$tmp/out" --subjects "$n" --quiet 2> "$tmp/time" >/dev/null
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time" |
	       awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
	cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$tmp/time")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	mb=$(du -sm "$tmp/out" | cut -f1)
	sync
	start=$(date +%s.%N)
	cp -r "$tmp/out" "$tmp/copy"
	sync
	cpw=$(echo "$(date +%s.%N) $start" | awk '{ printf "%.2f", $1 - $2 }')
	ratio=$(echo "$wall $cpw" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "-" }')
	printf '%-10s %10s %10s %10s %12s %10s %8s\n' "$n" "$wall" "$cpu" "$rss" "$mb" "$cpw" "$ratio"
	rm -rf "$tmp/out" "$tmp/copy"
done
