#!/bin/sh
# Benchmark of compute-aggio (issue 11): BENCH_ALLOCS allocations (default
# 1,000,000) summed into fees per month and service, from a CSV by
# compute-aggio and by an awk group-by of the same file (the peer: no
# validation, no exact rounding), and from a ledger holding the same
# allocations by compute-aggio --db and by the sqlite3 shell running the
# equivalent GROUP BY.  Prints each time and the ratios.  Run by `make
# bench`; not part of `make check`.
#
# Environment: BUILDDIR (the build tree, default .), BENCH_ALLOCS (rows),
# BENCH_DIR (scratch directory, kept if set).
set -eu
LC_ALL=C; export LC_ALL
B=${BUILDDIR:-.}
CA=$B/bin/compute-aggio
DB=$B/bin/esattore-db
N=${BENCH_ALLOCS:-1000000}
for t in "$CA" "$DB"; do
	[ -x "$t" ] || { echo "bench: $t not built" >&2; exit 2; }
done
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 not installed" >&2; exit 2; }
if [ -n "${BENCH_DIR:-}" ]; then D=$BENCH_DIR; mkdir -p "$D"; else
	D=$(mktemp -d "${TMPDIR:-/tmp}/bench-aggio.XXXXXX"); trap 'rm -rf "$D"' EXIT INT TERM; fi
ESATTORE_DATADIR=${ESATTORE_DATADIR:-$(cd "$(dirname "$0")/.." && pwd)/data}; export ESATTORE_DATADIR

# The data: allocations spread over the 12 months of 2025 and the three
# services; one in three S2/S3 rows carries oneri and costs.
awk -v n="$N" -v out="$D/alloc.csv" 'BEGIN {
	print "service,paid_on,amount,collection_charges,costs" > out
	for (i = 0; i < n; i++) {
		svc = "S" (int(i / 12) % 3 + 1)
		cents = 1000 + (i % 9973) * 7
		ch = (svc != "S1" && i % 3 == 0) ? int(cents * 3 / 100) : 0
		co = (svc != "S1" && i % 3 == 0) ? 875 : 0
		if (ch + co > cents) { ch = 0; co = 0 }
		printf "%s,2025-%02d-%02d,%d.%02d,%d.%02d,%d.%02d\n", svc, i % 12 + 1, i % 28 + 1,
		    int(cents / 100), cents % 100, int(ch / 100), ch % 100, int(co / 100), co % 100 > out
	}
}'
rm -f "$D/x.db"
"$DB" -q init "$D/x.db"
# The same allocations in a ledger: one position per service with an act
# for S2 and S3 whose oneri and costs are 0 (the excluded shares come from
# the acts; the CSV's per-row components are not in the ledger).
sqlite3 "$D/x.db" <<SQL
BEGIN;
INSERT INTO acts (act_id, act_type, tax_code, tax, year, total, issued_on) VALUES
 ('A2', 'accertamento', 'X', 'IMU', 2020, 999999999999, '2024-01-01'),
 ('A3', 'ingiunzione', 'X', 'IMU', 2019, 999999999999, '2024-01-01');
INSERT INTO positions (position_id, tax_code, tax, year, phase, act_id, amount_due) VALUES
 (1, 'X', 'IMU', 2025, 'S1', NULL, 999999999999), (2, 'X', 'IMU', 2020, 'S2', 'A2', 999999999999),
 (3, 'X', 'IMU', 2019, 'S3', 'A3', 999999999999);
CREATE TEMP TABLE c (service TEXT, paid_on TEXT, amount TEXT, ch TEXT, co TEXT);
.mode csv
.import --skip 1 $D/alloc.csv c
INSERT INTO payments (payment_id, source, source_ref, paid_on, amount)
 SELECT 'P' || rowid, 'F24', 'r', paid_on, CAST(round(amount * 100) AS INTEGER) FROM c;
INSERT INTO allocations (payment_id, position_id, amount, rule, status)
 SELECT 'P' || rowid, CAST(substr(service, 2) AS INTEGER), CAST(round(amount * 100) AS INTEGER), 'b', 'MATCHED' FROM c;
COMMIT;
SQL

now() { date +%s.%N; }
t0=$(now); "$CA" --period month --rates S1=1,S2=11,S3=5 -q "$D/alloc.csv" > "$D/fees.csv"; t1=$(now)
awk -F, 'NR > 1 { k = substr($2, 1, 7) "," $1; c[k] += $3; x[k] += $4 + $5 }
	END { for (k in c) printf "%s,%.2f,%.2f\n", k, c[k], x[k] }' "$D/alloc.csv" > "$D/awk.csv"; t2=$(now)
"$CA" --db "$D/x.db" --period month --rates S1=1,S2=11,S3=5 -q > "$D/fees-db.csv"; t3=$(now)
sqlite3 "$D/x.db" "SELECT substr(p.paid_on, 1, 7), po.phase, SUM(a.amount) FROM allocations a
	JOIN payments p ON p.payment_id = a.payment_id JOIN positions po ON po.position_id = a.position_id
	LEFT JOIN acts ac ON ac.act_id = po.act_id WHERE p.status = 'valid'
	GROUP BY 1, 2 ORDER BY 1, 2" > "$D/sql.csv"; t4=$(now)
awk -v n="$N" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" 'BEGIN {
	ca = b - a; aw = c - b; cd = d - c; sq = e - d
	printf "compute-aggio, %d allocations:\n", n
	printf "  CSV:    compute-aggio %.2f s, awk group-by %.2f s (ratio %.2f)\n", ca, aw, ca / aw
	printf "  ledger: compute-aggio --db %.2f s, sqlite3 GROUP BY %.2f s (ratio %.2f)\n", cd, sq, cd / sq
}'
# The two agree on the collected totals (a sanity check, not a test).
[ "$(sed 1d "$D/fees.csv" | wc -l)" -eq 36 ] || { echo "bench: expected 36 fee lines" >&2; exit 1; }
