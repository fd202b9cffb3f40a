exit: 0
# With the default (webred) layout a G1 whose 188-203 hold a codice fiscale
# draws a warning naming --name-layout; the 55 characters stay the name.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile tr4-lf.txt 2>&1 >/dev/null | grep name-layout
cmd: f24-reconcile --quiet tr4-lf.txt | cut -d, -f41 | sed -n 2p
--- stdout
f24-reconcile: 1 G1 records look like the tr4 name layout (positions 188-203 hold a codice fiscale); see --name-layout
EREDI DI ROSSI GIOVANNI                RSSGNN10A01F205B
