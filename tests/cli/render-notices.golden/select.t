# --select renders only the notices listed (by notice_id or by any of its
# notice numbers); the merged print file then counts pages from 1.
# single.csv has N0001; six.csv has N0006, selected by its 3rd
# installment's NAV.  The unknown entry is reported.
cmd: printf 'N0006-nope\n# a comment\n301000000000100222\n' > sel.txt
cmd: render-notices --ente "$TESTDATA/notices/ente.ini" --select sel.txt --print-file mail.csv -o n.pdf "$TESTDATA/notices/single.csv" "$TESTDATA/notices/six.csv"
cmd: cut -d, -f1-4 mail.csv
--- stdout
notice_id,file,first_page,pages
N0006,n.pdf,1,4
--- stderr
render-notices: N0006: 4 pages, grouped layout, template bill
render-notices: --select: N0006-nope: not in the input
render-notices: 1 row of notices not in --select skipped
render-notices: read 7, written 7, rejected 0
