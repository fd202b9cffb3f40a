# Tender scoring, P = 6*A1min/A1i + 12*A2min/A2i + 12*A3min/A3i.
# Minimums: A1 0.80, A2 9.00, A3 4.00.
#   A: 6x0.8/1.0 = 4.800; 12x9/10 = 10.800; 12x4/5 = 9.600   -> 25.200
#   B: 6x0.8/0.8 = 6.000; 12x9/11 = 9.8181.. -> 9.818; 12x4/4 = 12.000
#      -> exact 27.8181.. -> 27.818 (rounded once, half up, 3 decimals)
#   C: 6x0.8/1.2 = 4.000; 12x9/9 = 12.000; 12x4/6 = 8.000    -> 24.000
# D offers 0 on line 1 and is rejected (each Ai must be > 0): exit 1.
cmd: compute-aggio --bids bids.csv
exit: 1
--- file bids.csv
bidder,a1,a2,a3
A,1.00,10.00,5.00
B,0.80,11.00,4.00
C,1.20,9.00,6.00
D,0,9.00,4.00
--- stdout
bidder,a1,a2,a3,p1,p2,p3,points,rank
A,1.0000,10.0000,5.0000,4.800,10.800,9.600,25.200,2
B,0.8000,11.0000,4.0000,6.000,9.818,12.000,27.818,1
C,1.2000,9.0000,6.0000,4.000,12.000,8.000,24.000,3
--- stderr
compute-aggio: bids.csv:5: a1: '0' is not a percentage above 0 and within the maximum
compute-aggio: read 4, written 3, rejected 1
