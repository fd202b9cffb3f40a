# --belfiore wants a 4-character codice catastale.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile --belfiore F20 basic.txt
exit: 2
--- stderr
f24-reconcile: --belfiore: 'F20' is not a 4-character codice catastale
Try 'f24-reconcile --help' for more information.
