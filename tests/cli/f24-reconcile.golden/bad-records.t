exit: 0
# Unreadable records are rejected one by one, each message naming the field
# and its positions: a letter in the amount (pos 96-110), an addizionale
# comunale record, an unknown type, a G9 with tipo operazione 'X'.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: sed -n '2s/^\(.\{100\}\)0/\1O/p' basic.txt > bad.txt
cmd: printf 'C12025\r\nXX\r\n' >> bad.txt
cmd: sed -n '22s/^\(.\{135\}\)A/\1X/p' basic.txt >> bad.txt
cmd: f24-reconcile --rejects r.csv bad.txt > out.csv
cmd: echo "exit $?"; wc -l < out.csv; cut -d, -f2- r.csv
--- stdout
exit 1
1
_source,_line,_error
bad.txt,1,G1 importo a debito (pos 96-110): not a zero-filled number: '00000O000025000'
bad.txt,2,"record type 'C1' belongs to the addizionale comunale flow, not this supply"
bad.txt,3,unknown record type 'XX' (pos 1-2)
bad.txt,4,G9 tipo operazione (pos 136-136): not A (annullamento) or R (ripristino): 'X'
--- stderr
f24-reconcile: bad.txt:1: G1 importo a debito (pos 96-110): not a zero-filled number: '00000O000025000'
f24-reconcile: bad.txt:2: record type 'C1' belongs to the addizionale comunale flow, not this supply
f24-reconcile: bad.txt:3: unknown record type 'XX' (pos 1-2)
f24-reconcile: bad.txt:4: G9 tipo operazione (pos 136-136): not A (annullamento) or R (ripristino): 'X'
f24-reconcile: 0 flows: 0 payments, net 0.00, 0 cancelled (0.00); credited 0.00
f24-reconcile: 0 blocks checked, 0 with differences; 0 differences unexplained
f24-reconcile: read 4, written 0, rejected 4
