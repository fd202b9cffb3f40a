#!/bin/sh
# Benchmark of match-payments --dues (issue 7): 1,000,000 dues rows and
# 800,000 payments, matched by match-payments, by an equivalent sqlite3
# import-and-join, by an awk hash join, and parsed by libcsv alone (the
# floor).  Prints each time and the ratios.  Run by `make bench`; not part
# of `make check`.
#
# Environment: BUILDDIR (the build tree, default .), BENCH_DUES and
# BENCH_PAYMENTS (row counts), BENCH_DIR (scratch directory, kept if set).
set -eu
LC_ALL=C; export LC_ALL
B=${BUILDDIR:-.}
MP=$B/bin/match-payments
CSVP=$B/bench/csvparse
NDUES=${BENCH_DUES:-1000000}
NPAY=${BENCH_PAYMENTS:-800000}
for t in "$MP" "$CSVP"; do
	[ -x "$t" ] || { echo "bench: $t not built" >&2; exit 2; }
done
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 not installed" >&2; exit 2; }
if [ -n "${BENCH_DIR:-}" ]; then D=$BENCH_DIR; mkdir -p "$D"; else
	D=$(mktemp -d "${TMPDIR:-/tmp}/bench-match.XXXXXX"); trap 'rm -rf "$D"' EXIT INT TERM; fi

# The data.  Subjects come in two halves: IMU in two installments paid by
# F24 (matched on tax_code, tax, year) and TARI in two installments with a
# pagoPA notice each (matched on the notice number).  Each subject has two
# dues rows; payments cover the first NPAY installments, one in ten of
# them short by 10.00 (PARTIAL) and one in fifty 5.00 over (OVERPAID).
awk -v n="$NDUES" -v np="$NPAY" -v dues="$D/dues.csv" -v pay="$D/payments.csv" 'BEGIN {
	print "tax_code,tax,year,tributo,unit_id,installment,due_date,amount_due,notice_number" > dues
	print "payment_id,source,source_ref,tax_code,tax,year,tributo,notice_number,iuv,paid_on,credited_on,amount" > pay
	subjects = int(n / 2); half = int(subjects / 2); k = 0
	for (s = 0; s < subjects; s++) {
		cf = sprintf("BNCH%012d", s)
		imu = s < half
		for (inst = 1; inst <= 2; inst++) {
			cents = 5000 + (s % 997) * 37 + inst
			amt = sprintf("%d.%02d", int(cents / 100), cents % 100)
			nav = imu ? "" : sprintf("3%02d%015d", inst, s)
			date = inst == 1 ? "2025-06-16" : "2025-12-16"
			printf "%s,%s,2025,%s,U%d,%d,%s,%s,%s\n", cf, imu ? "IMU" : "TARI", imu ? "3918" : "3944", \
			       s, inst, date, amt, nav > dues
			if (k < np) {
				pc = cents
				if (k % 10 == 3) pc -= 1000
				else if (k % 50 == 7) pc += 500
				pamt = sprintf("%d.%02d", int(pc / 100), pc % 100)
				if (imu)
					printf "F24-%d,F24,b:%d,%s,IMU,2025,3918,,,%s,%s,%s\n", k, k, cf, date, date, pamt > pay
				else
					printf "PA-%d,PAGOPA,r:%d,%s,TARI,2025,,%s,,%s,%s,%s\n", k, k, cf, nav, date, date, pamt > pay
				k++
			}
		}
	}
	# Payments beyond the dues rows, if asked for: unmatched.
	for (; k < np; k++)
		printf "X-%d,F24,b:%d,NOBODY%010d,IMU,2025,3918,,,2025-06-16,2025-06-16,10.00\n", k, k, k > pay
}'
echo "data: $(wc -l < "$D/dues.csv") dues lines, $(wc -l < "$D/payments.csv") payment lines in $D"

now() { date +%s.%N; }
# Best of 3 of "$@": CPU seconds of its processes (user + system, from the
# shell's `times': steady on a shared machine).  BENCH_CLOCK=wall for
# wall-clock seconds instead.
CLOCK=${BENCH_CLOCK:-cpu}
timeit() {
	best=
	for i in 1 2 3; do
		if [ "$CLOCK" = cpu ]; then
			# In a subshell, the second line of `times' is its children's.
			t=$( ( "$@"; times ) | tail -1 | awk '{
				s = 0
				for (f = 1; f <= 2; f++) { split($f, p, "m"); sub(/s$/, "", p[2]); s += p[1] * 60 + p[2] }
				printf "%.3f", s }')
		else
			t0=$(now); "$@"; t1=$(now)
			t=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
		fi
		best=$(echo "$best $t" | awk '{ if (NF == 1 || $2 < $1) print $NF; else print $1 }')
	done
	echo "$best"
}

run_mp() { "$MP" --quiet --dues "$D/dues.csv" "$D/payments.csv" > "$D/mp.out"; }
run_csv() { "$CSVP" "$D/dues.csv" "$D/payments.csv" > "$D/csv.out"; }
run_sqlite() {
	rm -f "$D/b.db"
	sqlite3 "$D/b.db" > "$D/sqlite.out" <<SQL
.mode csv
.import $D/dues.csv dues
.import $D/payments.csv payments
CREATE TABLE pos AS SELECT tax_code, tax, year, SUM(CAST(ROUND(amount_due * 100) AS INTEGER)) AS due
  FROM dues GROUP BY tax_code, tax, year;
CREATE INDEX pos_key ON pos(tax_code, tax, year);
CREATE TABLE nt AS SELECT notice_number, tax_code, tax, year, SUM(CAST(ROUND(amount_due * 100) AS INTEGER)) AS due
  FROM dues WHERE notice_number <> '' GROUP BY notice_number;
CREATE INDEX nt_key ON nt(notice_number);
.headers on
SELECT p.payment_id,
       COALESCE(n.tax_code || '-' || n.tax || '-' || n.year, q.tax_code || '-' || q.tax || '-' || q.year, '') AS position_id,
       p.notice_number, p.tax_code, p.amount,
       CASE WHEN n.notice_number IS NOT NULL THEN 'notice' WHEN q.tax_code IS NOT NULL THEN 'tax-year' ELSE 'none' END AS rule,
       CASE WHEN COALESCE(n.due, q.due) IS NULL THEN 'UNMATCHED'
            WHEN CAST(ROUND(p.amount * 100) AS INTEGER) = COALESCE(n.due, q.due) THEN 'MATCHED'
            WHEN CAST(ROUND(p.amount * 100) AS INTEGER) < COALESCE(n.due, q.due) THEN 'PARTIAL'
            ELSE 'OVERPAID' END AS status
  FROM payments p
  LEFT JOIN nt n ON p.notice_number <> '' AND n.notice_number = p.notice_number
  LEFT JOIN pos q ON n.notice_number IS NULL AND q.tax_code = p.tax_code AND q.tax = p.tax AND q.year = p.year;
SQL
}
run_awk() {
	awk -F, -v OFS=, 'NR == FNR {
		if (FNR == 1) next
		split($8, a, "."); c = a[1] * 100 + a[2]
		k = $1 SUBSEP $2 SUBSEP $3; due[k] += c
		if ($9 != "") { nk[$9] = k; ndue[$9] += c }
		next
	}
	FNR == 1 { print "payment_id,position_id,notice_number,tax_code,amount,rule,status"; next }
	{
		split($12, a, "."); c = a[1] * 100 + a[2]
		if ($8 != "" && ($8 in nk)) { k = nk[$8]; d = ndue[$8]; r = "notice" }
		else { k = $4 SUBSEP $5 SUBSEP $6; r = "tax-year"; if (k in due) d = due[k]; else { k = ""; r = "none" } }
		if (k == "") s = "UNMATCHED"; else if (c == d) s = "MATCHED"; else if (c < d) s = "PARTIAL"; else s = "OVERPAID"
		gsub(SUBSEP, "-", k)
		print $1, k, $8, $4, $12, r, s
	}' "$D/dues.csv" "$D/payments.csv" > "$D/awk.out"
}

t_mp=$(timeit run_mp)
t_csv=$(timeit run_csv)
t_awk=$(timeit run_awk)
t_sql=$(timeit run_sqlite)
echo "rows out: match-payments $(($(wc -l < "$D/mp.out") - 1)), sqlite3 $(($(wc -l < "$D/sqlite.out") - 1)), awk $(($(wc -l < "$D/awk.out") - 1))"
echo "statuses (match-payments): $(tail -n +2 "$D/mp.out" | cut -d, -f7 | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }')"
awk -v clock="$CLOCK" -v mp="$t_mp" -v csv="$t_csv" -v aw="$t_awk" -v sq="$t_sql" 'BEGIN {
	printf "time (best of 3, %s s): match-payments %.3f  libcsv parse %.3f  awk %.3f  sqlite3 %.3f\n", clock, mp, csv, aw, sq
	printf "ratios: sqlite3/match-payments %.2fx  awk/match-payments %.2fx  match-payments/libcsv %.2fx\n", \
	       sq / mp, aw / mp, mp / csv
	printf "targets: >= 5x faster than sqlite3 and awk, <= 2x libcsv: %s\n", \
	       (sq / mp >= 5 && aw / mp >= 5 && mp / csv <= 2) ? "met" : "NOT met"
}'
