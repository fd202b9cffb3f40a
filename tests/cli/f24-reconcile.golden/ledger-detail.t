exit: 0
# --db: the detail column of a recorded payment holds the G1 fields the
# payments table has no column for, as key=value; (built by hand in
# f24_run.c, not by printf: every field asserted here).  From basic.txt,
# after "EUR" each G1 has debit (15 digits, cents), credit (15), then the
# flags ravvedimento, immobili variati, acconto, saldo (1 each) and the
# number of properties (3), then detrazione (15, all 0 here); codice ente
# 03069 at column 39, tipo ente B at 44, the error flags at 66, 83, 92 (all
# 0), tipo imposta at 260 (I for IMU 3918, A for TARI 3944):
#   line 6 (000003/01): 000000000051234 000000000000000 1 0 0 0 001
#     -> debit=51234, credit=0, ravvedimento=1, no acconto or saldo flag:
#        unica, num_immobili=1
#   line 7 (000004/01): 000000000040000 000000000015000 0 0 0 1 001
#     -> debit=40000, credit=15000, saldo, num_immobili=1
#   line 10 (000007/01, TARI 3944): 000000000015000 000000000000000 0 0 0 0 000
#     -> debit=15000, credit=0, unica, num_immobili=0, tipo_imposta=A
cmd: cp "$TESTDATA"/f24/basic.txt .
cmd: esattore-db -q init l.db
cmd: f24-reconcile --quiet --db l.db basic.txt > /dev/null
cmd: sqlite3 l.db "SELECT source_ref, detail FROM payments WHERE source_ref IN ('basic.txt:6:000003/01', 'basic.txt:7:000004/01', 'basic.txt:10:000007/01') ORDER BY 1"
--- stdout
basic.txt:10:000007/01|debit=15000;credit=0;acconto_saldo=unica;ravvedimento=0;immobili_variati=0;num_immobili=0;detrazione=0;cf_error=0;tributo_error=0;anno_error=0;tipo_imposta=A;ente=03069;tipo_ente=B
basic.txt:6:000003/01|debit=51234;credit=0;acconto_saldo=unica;ravvedimento=1;immobili_variati=0;num_immobili=1;detrazione=0;cf_error=0;tributo_error=0;anno_error=0;tipo_imposta=I;ente=03069;tipo_ente=B
basic.txt:7:000004/01|debit=40000;credit=15000;acconto_saldo=saldo;ravvedimento=0;immobili_variati=0;num_immobili=1;detrazione=0;cf_error=0;tributo_error=0;anno_error=0;tipo_imposta=I;ente=03069;tipo_ente=B
--- stderr
