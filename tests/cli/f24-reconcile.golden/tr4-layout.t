exit: 0
# --name-layout tr4: positions 149-187 are the name, 188-203 the original CF.
# The G9 A then R on the first row leave it valid (status_on = the R's date);
# the third G9 names a payment that is not in the input.
# IFEL: 0.56 per mille of 33300 = 18.648 -> 19; G2 33281 + 19 = 33300.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile --name-layout tr4 tr4-lf.txt | cut -d, -f1,5,12-14,41-43
--- stdout
payment_id,tax,amount,status,status_on,surname,first_name,cf_orig
F24-F205-2025040802-20250407-2025041002-000010-01,IMU,333.00,valid,2025-04-10,EREDI DI ROSSI GIOVANNI,,RSSGNN10A01F205B
F24-F205-2025040802-20250407-2025041002-000011-01,TEFA,1.20,valid,,BIANCHI,GIOVANNA,
--- stderr
f24-reconcile: difference: g9: G9 annullamento of 80.00 (CF VRDNCC70B02F205Y, tributo 3916, anno 2024, paid 2024-11-05) matches no payment of the input [tr4-lf.txt:8 (G9)]
f24-reconcile: 1 flows: 2 payments, net 334.20, 0 cancelled (0.00); credited 333.00
f24-reconcile: 3 blocks checked, 0 with differences; 1 differences unexplained
f24-reconcile: read 9, written 9, rejected 0
