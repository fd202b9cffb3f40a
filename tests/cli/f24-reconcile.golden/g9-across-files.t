exit: 0
# A G9 in a later supply cancels a payment of an earlier one given in the
# same run: the ravvedimento row (512.34) comes out cancelled on 2025-01-17.
# Cancelled in all: 200.00 + 512.34 = 712.34.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile basic.txt g9-later.txt 2>err | cut -d, -f1,12-14 | grep cancelled
cmd: grep cancelled err
--- stdout
F24-F205-2025010801-20250107-2025011001-000003-01,512.34,cancelled,2025-01-17
F24-F205-2025010801-20250107-2025011001-000006-01,200.00,cancelled,2025-01-09
f24-reconcile: 2 flows: 13 payments, net 6740.34, 2 cancelled (712.34); credited 3737.84
