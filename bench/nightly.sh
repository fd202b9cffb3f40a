#!/bin/sh
# bench/nightly.sh: the whole night at the scale of a city.  Generates a
# synthetic municipality of BENCH_SUBJECTS subjects (default 1,400,000, the
# size of Milan) with esattore-synth, then times every step of the nightly
# pipeline on it, each with its peak memory (GNU time), and the whole night.
# Writes BENCH_OUT/nightly.csv (step,seconds,cpu_seconds,peak_rss_kb,exit)
# and prints a table.  Targets (issue 13): the whole night under 10 minutes
# on 2 cores, peak memory under 1 GB.
#
#   make bench-nightly NIGHT_SUBJECTS=30000 BENCH_DIR=/tmp/bn
#
# With BENCH_SNAPSHOTS=1, the ledger as each step found it is kept as
# BENCH_DIR/snap/STEP.db, to rerun or profile one step alone.
set -eu
: "${BUILDDIR:?}" "${SRCDIR:?}"
n=${BENCH_SUBJECTS:-1400000}
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/esattore-bench-nightly}
year=2025
asof=2026-11-25
PATH=$BUILDDIR/bin:$SRCDIR/scripts:$PATH
ESATTORE_DATADIR=${ESATTORE_DATADIR:-$SRCDIR/data}
export PATH ESATTORE_DATADIR
command -v /usr/bin/time >/dev/null || { echo "bench-nightly: needs GNU time (Debian: time)" >&2; exit 2; }

rm -rf "$dir"; mkdir -p "$dir"
csv=$dir/nightly.csv
echo "step,seconds,cpu_seconds,peak_rss_kb,exit" > "$csv"
db=$dir/in/ledger.db

# measure STEP CMD...: one row of nightly.csv
measure() {
	step=$1; shift
	if [ "${BENCH_SNAPSHOTS:-0}" = 1 ] && [ -f "$db" ]; then
		mkdir -p "$dir/snap"
		cp "$db" "$dir/snap/$step.db"
	fi
	set +e
	/usr/bin/time -f '%e %U %S %M' -o "$dir/time.$step" "$@" > "$dir/out.$step" 2> "$dir/err.$step"
	rc=$?
	set -e
	# GNU time puts "Command exited with non-zero status N" first when N > 0
	read -r wall user sys rss <<TIME
$(tail -n 1 "$dir/time.$step")
TIME
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	echo "$step,$wall,$cpu,$rss,$rc" >> "$csv"
	if [ "$rc" -gt 1 ]; then echo "bench-nightly: $step failed (exit $rc): $(tail -n 1 "$dir/err.$step")" >&2; exit 3; fi
}

echo "bench-nightly: generating $n subjects into $dir/in" >&2
measure synth esattore-synth --out "$dir/in" --subjects "$n" --year $year --quiet
rm -rf "$dir/in/truth"
s=$dir/in
measure init esattore-db -q init "$db"
measure import-cadastre import-cadastre --db "$db" --quiet $s/cadastre/*
measure dues-imu compute-dues --db "$db" --tax imu --year $year --rates $s/rates.csv --residents $s/residents.csv \
	--ente $s/ente.conf --post --quiet
measure dues-tari compute-dues --db "$db" --tax tari --year $year --rates $s/tari-tariffs.csv \
	--residents $s/residents.csv --ente $s/ente.conf --notices $s/notices.csv --post --quiet $s/tari-declarations.csv
measure f24-reconcile sh -c "f24-reconcile --db '$db' --quiet $s/f24/* > '$dir/f24.csv'"
measure match-payments sh -c "match-payments --db '$db' --quiet '$dir/f24.csv' $s/pagopa/* $s/treasury/* > '$dir/alloc.csv'"
measure export-notices sh -c "export-notices --db '$db' --phase S1 --year $year --contacts $s/residents.csv --quiet > '$dir/notices.csv'"
measure assess-imu assess --db "$db" --ente $s/ente.conf --tax imu --year 2024 --as-of $asof --post --quiet
measure emit-injunctions emit-injunctions --db "$db" --ente $s/ente.conf --as-of $asof --post --quiet
# the check that follows every run (quick structural check, foreign keys,
# invariants); check --full (integrity_check) is weekly, not part of the night
measure check esattore-db -q check "$db"

awk -F, 'NR == 1 { printf "%-16s %10s %10s %12s\n", "step", "wall s", "cpu s", "peak RSS MB"; next }
	{ printf "%-16s %10s %10s %12.1f\n", $1, $2, $3, $4 / 1024
	  if ($1 != "synth") { w += $2; c += $3 } if ($4 > m) m = $4 }
	END { printf "%-16s %10.1f %10.1f %12.1f\n", "night (no synth)", w, c, m / 1024 }' "$csv"
echo "bench-nightly: $csv" >&2
