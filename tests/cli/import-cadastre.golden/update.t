exit: 0
# An aggiornamenti supply after the attualita one: 10000001 situation 1 is
# closed on 01/02/2024 and situation 2 (class 04, rendita 1208,51) opens; the
# nuda proprieta of 10000004 passes from 900001 to 900004 on 01/03/2024.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --db l.db --quiet B157_supply.* 2>/dev/null
cmd: import-cadastre --db l.db B157_update.*; echo "exit $?"
cmd: sqlite3 l.db "SELECT unit_id, seq, valid_from, IFNULL(valid_to,'-'), class, rendita FROM unit_situations WHERE unit_id = 'B157-F-10000001' ORDER BY seq"
cmd: import-cadastre --db l.db --emit titles --as-of 2024-06-30 B157_update.TIT 2>/dev/null | grep 10000004
cmd: import-cadastre --db l.db --emit units --as-of 2024-06-30 B157_update.FAB 2>/dev/null | cut -d, -f2,9,12,14,15,17 | grep 10000001
--- stdout
exit 0
B157-F-10000001|1|2010-09-20|2024-02-01|03|105745
B157-F-10000001|2|2024-02-01|-|04|120851
B157-F-10000004,B157-P-900004,SPSNCL85C20F839S,20,Nuda proprieta,1,1,2024-03-01,,1/1,file,,,700000503
B157-F-10000004,B157-P-900002,BNCLCU72B42B157B,80,Usufrutto,1,1,2023-07-01,,1/1,file,,,700000502
B157-F-10000001,04,1208.51,2024-02-01,,2
--- stderr
import-cadastre: read 6, written 6, rejected 0
