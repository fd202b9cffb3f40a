#!/bin/sh
# bench/compute-dues.sh: time and peak memory of compute-dues (IMU and TARI
# of one year) on a synthetic municipality (esattore-synth loaded with
# import-cadastre), against a peer measured in the same run: the sqlite3
# shell running the same join of titles, units, situations and subjects in
# tax-code order with a flat IMU formula (no months, shares, main homes or
# F24 lines: the floor of reading the ledger in the order compute-dues
# needs).  Reports the ratio; asserts nothing about absolute times.
#
#   make bench-compute-dues [BENCH_SUBJECTS=N]     (default 200000)
#   BENCH_KEEP=1 keeps the scratch directory; BENCH_DIR=DIR reuses a synth
#   output already in DIR (and DIR/ledger.db if it exists).
#
# Needs esattore-synth, import-cadastre, compute-dues and sqlite3 on PATH,
# GNU time.
set -eu
LC_ALL=C; export LC_ALL
n=${BENCH_SUBJECTS:-200000}
year=${BENCH_YEAR:-2025}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: GNU time ($TIME) is needed" >&2; exit 2; }
if [ -n "${BENCH_DIR:-}" ]; then
	dir=$BENCH_DIR; tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-dues.XXXXXX")
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-dues.XXXXXX"); dir=$tmp/synth
	esattore-synth --out "$dir" --subjects "$n" --quiet
fi
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
db=$dir/ledger.db
[ -f "$db" ] || import-cadastre --db "$db" --quiet "$dir"/cadastre/* || [ $? -eq 1 ]

cat > "$tmp/peer.sql" <<EOF
.output /dev/null
SELECT COALESCE(s.tax_code, ''), t.unit_id, us.category,
       us.rendita * 105 / 100 * 160 * 106 / 10000 * t.share_num / MAX(t.share_den, 1)
  FROM titles t JOIN units u ON u.unit_id = t.unit_id
  LEFT JOIN subjects s ON s.subject_id = t.subject_id
  LEFT JOIN unit_situations us ON us.unit_id = t.unit_id AND us.seq = (
       SELECT x.seq FROM unit_situations x WHERE x.unit_id = t.unit_id
        ORDER BY x.valid_from DESC LIMIT 1)
 WHERE (t.valid_to IS NULL OR t.valid_to > '$year-01-01')
 ORDER BY COALESCE(s.tax_code, ''), t.unit_id, t.title_id;
EOF

titles=$(sqlite3 "$db" "SELECT count(*) FROM titles")
$TIME -f '%e %M' -o "$tmp/peer.time" sqlite3 "$db" < "$tmp/peer.sql"
$TIME -f '%e %M' -o "$tmp/imu.time" compute-dues --db "$db" --tax imu --year "$year" \
	--rates "$dir/rates.csv" --residents "$dir/residents.csv" --quiet > "$tmp/imu.csv" 2> "$tmp/imu.err" || [ $? -eq 1 ]
$TIME -f '%e %M' -o "$tmp/tari.time" compute-dues --db "$db" --tax tari --year "$year" \
	--rates "$dir/tari-tariffs.csv" --quiet "$dir/tari-declarations.csv" > "$tmp/tari.csv" 2> "$tmp/tari.err" || [ $? -eq 1 ]

# GNU time writes "Command exited with non-zero status 1" first on exit 1.
last() { tail -n 1 "$1"; }
peer_s=$(last "$tmp/peer.time" | cut -d" " -f1); peer_kb=$(last "$tmp/peer.time" | cut -d" " -f2)
imu_s=$(last "$tmp/imu.time" | cut -d" " -f1); imu_kb=$(last "$tmp/imu.time" | cut -d" " -f2)
tari_s=$(last "$tmp/tari.time" | cut -d" " -f1); tari_kb=$(last "$tmp/tari.time" | cut -d" " -f2)
rejected=$(grep -c "titles:" "$tmp/imu.err" || true)
echo "bench compute-dues: $(wc -l < "$dir/residents.csv") residents, $titles titles, year $year"
echo "  compute-dues imu   ${imu_s} s  peak RSS ${imu_kb} KiB  ($(($(wc -l < "$tmp/imu.csv") - 1)) rows, $rejected titles rejected)"
echo "  compute-dues tari  ${tari_s} s  peak RSS ${tari_kb} KiB  ($(($(wc -l < "$tmp/tari.csv") - 1)) rows)"
echo "  sqlite3 join       ${peer_s} s  peak RSS ${peer_kb} KiB  (peer: the titles join in tax-code order)"
awk -v a="$imu_s" -v b="$peer_s" 'BEGIN { if (b > 0) printf "  ratio imu          %.1f x the peer\n", a / b }'
