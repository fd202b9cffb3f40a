#!/bin/sh
# Benchmark of the coercive phase (issue 10): emit-injunctions on a load list
# of BENCH_LOADS rows (default 100,000) against awk copying the same CSV, and
# on a ledger of a tenth as many acts against sqlite3 joining the same acts
# to their positions; plan-installments --amount run 200 times.  Prints each
# time and the ratios.  Run by `make bench`; not part of `make check`.
#
# Environment: BUILDDIR (the build tree, default .), SRCDIR (for data/,
# default BUILDDIR/..), BENCH_LOADS (rows).
set -eu
LC_ALL=C; export LC_ALL
B=${BUILDDIR:-.}
S=${SRCDIR:-$B/..}
n=${BENCH_LOADS:-100000}
PATH=$B/bin:$PATH; export PATH
: "${ESATTORE_DATADIR:=$S/data}"; export ESATTORE_DATADIR
for t in emit-injunctions plan-installments esattore-db; do
	[ -x "$B/bin/$t" ] || { echo "bench: $B/bin/$t not built" >&2; exit 2; }
done
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 not installed" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-coercive.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

awk -v n="$n" 'BEGIN {
	print "load_id,tax_code,name,address,revenue,year,reference,principal,sanction,interest,costs,due_on,notified_on"
	split("CDS RENT CUP", rev, " ")
	for (i = 0; i < n; i++)
		printf "L1,RSSMRA80A01H501U,Mario Rossi,\"Via Roma 1, Roma\",%s,2023,R%d,%d.%02d,0.00,0.00,0.00,2023-0%d-1%d,2023-01-05\n",
		       rev[i % 3 + 1], i, 10 + i % 9000, i % 100, 1 + i % 9, i % 10
}' > "$tmp/loads.csv"

t0=$(now); awk -F, '{ print }' "$tmp/loads.csv" > "$tmp/peer.csv"; t1=$(now)
emit-injunctions --as-of 2025-05-02 --loads "$tmp/loads.csv" -q > "$tmp/acts.csv"; t2=$(now)
peer=$(elapsed "$t0" "$t1"); emit=$(elapsed "$t1" "$t2")
echo "emit-injunctions --loads, $n rows: ${emit}s; awk copy ${peer}s; ratio $(ratio "$emit" "$peer")"

m=$((n / 10))
esattore-db -q init "$tmp/l.db"
awk -v m="$m" 'BEGIN {
	print "BEGIN;"
	for (i = 0; i < m; i++) {
		printf "INSERT INTO acts(act_id,act_type,tax_code,tax,year,tax_due,tax_unpaid,total,issued_on,due_on,notified_on,notification_state) VALUES (\047X%d\047,\047accertamento\047,\047RSSMRA80A01H501U\047,\047IMU\047,2022,%d,%d,%d,\0472024-12-01\047,\0472025-02-28\047,\0472024-12-30\047,\047notified\047);\n", i, 100000 + i, 100000 + i, 100000 + i
		printf "INSERT INTO positions(tax_code,tax,year,phase,act_id,amount_due) VALUES (\047RSSMRA80A01H501U\047,\047IMU\047,2022,\047S2\047,\047X%d\047,%d);\n", i, 100000 + i
	}
	print "COMMIT;"
}' | sqlite3 "$tmp/l.db"
t0=$(now); sqlite3 -csv "$tmp/l.db" "SELECT a.*, p.* FROM acts a JOIN positions p ON p.act_id = a.act_id" > "$tmp/peer2.csv"; t1=$(now)
emit-injunctions --db "$tmp/l.db" --as-of 2025-04-01 -q > "$tmp/acts2.csv"; t2=$(now)
peer=$(elapsed "$t0" "$t1"); emit=$(elapsed "$t1" "$t2")
echo "emit-injunctions --db, $m acts: ${emit}s; sqlite3 join ${peer}s; ratio $(ratio "$emit" "$peer")"

t0=$(now); i=0; while [ $i -lt 200 ]; do plan-installments --amount 20000.01 --as-of 2025-03-10 -q > /dev/null; i=$((i + 1)); done; t1=$(now)
echo "plan-installments --amount (72 instalments), 200 runs: $(elapsed "$t0" "$t1")s"
