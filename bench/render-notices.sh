#!/bin/sh
# bench/render-notices.sh: notices per second of render-notices, per core
# (CPU time) and wall, on a generated notices stream: a merged print file
# (-o) and one file per notice (--out-dir).  The peer measured in the same
# run is copying the merged PDF (cp): the cost of the same bytes through the
# same file system.  Target (issue 8): >= 200 notices/s per core.
#
#   bench/render-notices.sh PROG SRCDIR [NOTICES]     default NOTICES: 3000
#   BENCH_TMP=/big/disk bench/render-notices.sh ...
#
# The stream: two thirds single-payment TARI bills, one third a rata unica
# and 2 installments (3 QR codes); the ente has a postal account, so every
# payable item also gets its Poste slip and DataMatrix.  Needs GNU time.
set -eu
LC_ALL=C; export LC_ALL
prog=${1:?usage: render-notices.sh PROG SRCDIR [NOTICES]}
src=${2:?usage: render-notices.sh PROG SRCDIR [NOTICES]}
n=${3:-3000}
ESATTORE_DATADIR=$src/data; export ESATTORE_DATADIR
tmp=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/bench-render.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# NAV aux 3, segregation 01, base = sequence; check = first 16 digits mod 93,
# reduced digit by digit (pagopa.md §1.1).
awk -v n="$n" 'function nav(seq,   f, i, r) {
		f = sprintf("301%013d", seq); r = 0
		for (i = 1; i <= 16; i++) r = (r * 10 + substr(f, i, 1)) % 93
		return f sprintf("%02d", r)
	}
	BEGIN {
		print "notice_id,act_type,tax_code,name,address,pec,subject_text,installment,notice_number,amount,due_date"
		seq = 100000
		for (i = 1; i <= n; i++) {
			id = sprintf("B%07d", i)
			who = sprintf("bill,RSSMRA85T10A562S,Contribuente Numero %d,\"Via dei Mille %d, 20121 Milano (MI)\",,TARI 2026 - utenza domestica", i, i % 300 + 1)
			cents = 5000 + (i * 7919) % 90000
			printf "%s,%s,0,%s,%d.%02d,2026-06-16\n", id, who, nav(seq++), cents / 100, cents % 100
			if (i % 3 == 0) {
				half = int(cents / 2)
				printf "%s,%s,1,%s,%d.%02d,2026-06-16\n", id, who, nav(seq++), half / 100, half % 100
				printf "%s,%s,2,%s,%d.%02d,2026-12-16\n", id, who, nav(seq++), (cents - half) / 100, (cents - half) % 100
			}
		}
	}' > "$tmp/notices.csv"
rows=$(($(wc -l < "$tmp/notices.csv") - 1))

measure() {   # label, then the command
	label=$1; shift
	/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" 2>/dev/null >/dev/null
	read -r wall user sys < "$tmp/time"
	cpu=$(echo "$user $sys" | awk '{ printf "%.2f", $1 + $2 }')
	printf '%-10s %8s %8s %8s %8s %8s %12s %12s\n' "$label" "$n" "$wall" "$user" "$sys" "$cpu" \
	    "$(echo "$n $cpu" | awk '{ printf "%.0f", ($2 > 0 ? $1 / $2 : 0) }')" \
	    "$(echo "$n $wall" | awk '{ printf "%.0f", ($2 > 0 ? $1 / $2 : 0) }')"
}

echo "render-notices: $n notices, $rows rows, ente with a postal account; load $(cut -d" " -f1-3 /proc/loadavg), $(nproc) cores"
printf '%-10s %8s %8s %8s %8s %8s %12s %12s\n' mode notices wall_s user_s sys_s cpu_s notices/cpu_s notices/wall_s
measure merged "$prog" -q --ente "$src/testdata/notices/ente.ini" -o "$tmp/all.pdf" "$tmp/notices.csv"
mkdir "$tmp/out"
measure out-dir "$prog" -q --ente "$src/testdata/notices/ente.ini" --out-dir "$tmp/out" "$tmp/notices.csv"
measure cp-peer cp "$tmp/all.pdf" "$tmp/copy.pdf"
echo "merged PDF: $(du -k "$tmp/all.pdf" | cut -f1) KiB, $(ls "$tmp/out" | wc -l) files in --out-dir"
