# --name-layout accepts webred or tr4 only.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile --name-layout name39 basic.txt
exit: 2
--- stderr
f24-reconcile: --name-layout: 'name39' is not webred or tr4
Try 'f24-reconcile --help' for more information.
