exit: 0
# The reconciliation of basic.txt, block by block (amounts by hand in cents):
#  2025-01-08/01 I: G1 net 666284 - 15000 = 651284; State (3925) 300000;
#    expected 351284 = G2 F205 351087 + G2 IFEL 197 (IFEL 2025: 0.56 per
#    mille of 351284 = 196.72 -> 197); G5 A 351087 = G2 F205; G9 200.00 cancelled.
#  2025-01-08/01 A: 15000 + TEFA 750 (province) -> expected 15000 = G2 15000.
#  2025-01-09/01 A: 10000 - G3 2500 = 7500 = G2 7500.
#  2025-01-09/01 I: 2000 - 5000 = -3000 + G4 3000 = 0, no G2: balanced.
# The only difference is the row paid to B990.  Z1 counts 13 G1, 4 G2, 1 G3,
# 1 G4, 1 G5, 1 G9, total 23 = 21 + A1 + Z1: no Z1 difference.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile --summary s.csv basic.txt > /dev/null
cmd: cat s.csv
--- stdout
kind,data_ripartizione,prog_ripartizione,tipo_imposta,data_fornitura,prog_fornitura,g1_rows,g1_debit,g1_credit,g1_net,state_share,province_share,g3_recovered,g4_advanced,expected,g2_municipality,g2_ifel,ifel_expected,credited,g5_accredited,g5_rejected,g5_returned,cancelled,difference,status,message,records
block,2025-01-08,1,A,2025-01-10,1,2,157.50,0.00,157.50,0.00,7.50,0.00,0.00,150.00,150.00,0.00,0.00,150.00,0.00,0.00,0.00,0.00,0.00,ok,,"basic.txt:10-11, basic.txt:17 (G2)"
block,2025-01-08,1,I,2025-01-10,1,8,6662.84,150.00,6512.84,3000.00,0.00,0.00,0.00,3512.84,3510.87,1.97,1.97,3512.84,3510.87,0.00,0.00,200.00,0.00,ok,,"basic.txt:2-9, basic.txt:15 (G2), basic.txt:16 (G2), basic.txt:21 (G5), basic.txt:22 (G9)"
block,2025-01-09,1,A,2025-01-10,1,1,100.00,0.00,100.00,0.00,0.00,25.00,0.00,75.00,75.00,0.00,0.00,75.00,0.00,0.00,0.00,0.00,0.00,ok,,"basic.txt:14, basic.txt:18 (G2), basic.txt:19 (G3)"
block,2025-01-09,1,I,2025-01-10,1,2,20.00,50.00,-30.00,0.00,0.00,0.00,30.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,ok,,"basic.txt:12-13, basic.txt:20 (G4)"
belfiore,,,,,,,,,,,,,,,,,,,,,,,100.00,DIFF,"G1 paid to codice ente B990, this supply is for F205",basic.txt:8
--- stderr
f24-reconcile: difference: belfiore: G1 paid to codice ente B990, this supply is for F205 [basic.txt:8]
f24-reconcile: 1 flows: 13 payments, net 6740.34, 1 cancelled (200.00); credited 3737.84
f24-reconcile: 4 blocks checked, 0 with differences; 1 differences unexplained
f24-reconcile: read 23, written 23, rejected 0
