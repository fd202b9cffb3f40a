# --format html: one self-contained page, no script, no external resource;
# the FCDE page has the line chart and the table.
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: report --db x.db --kind fcde --year 2024 --format html > p.html
cmd: grep -c '<script' p.html; grep -cE '(src|href)=' p.html; grep -c '<svg' p.html
cmd: grep -o '<td class="r">66.5517</td>' p.html | sed 1q; tail -1 p.html
--- stdout
0
0
1
<td class="r">66.5517</td>
</html>
