# A truncated last line (a G1 cut after position 125, no line end, no Z1):
# the record is rejected (exit 1), the flow is reported without Z1, and its
# ripartizione lacks its G2.  read 3 = A1 + 2 G1; written 2; rejected 1.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile --rejects r.csv truncated.txt > out.csv; st=$?
cmd: cut -d, -f1,12 out.csv
cmd: cut -d, -f2- r.csv
cmd: exit $st
exit: 1
--- stdout
payment_id,amount
F24-F205-2025030701-20250306-2025031001-000001-01,100.00
_source,_line,_error
truncated.txt,3,"truncated G1 record: 125 characters, expected 300"
--- stderr
f24-reconcile: truncated.txt:3: truncated G1 record: 125 characters, expected 300
f24-reconcile: difference: flow: the flow started at line 1 has no Z1: truncated supply? [truncated.txt:3]
f24-reconcile: difference: block: ripartizione 2025-03-07/01 tipo I: credited 0.00, payments less State, TEFA and recoveries 100.00 [truncated.txt:2]
f24-reconcile: 1 flows: 1 payments, net 100.00, 0 cancelled (0.00); credited 0.00
f24-reconcile: 1 blocks checked, 1 with differences; 2 differences unexplained
f24-reconcile: read 3, written 2, rejected 1
