exit: 0
# The Z1 counts 3 G1 (the flow has 2) and a total of 9 records (the flow
# has 4, or 6 with A1 and Z1): both listed.  The money agrees: 100.00 +
# 200.00 = 300.00; IFEL 0.56 per mille of 30000 cents = 16.8 -> 17;
# G2 F205 29983 + IFEL 17 = 30000.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile --quiet --summary s.csv z1-mismatch.txt > /dev/null
cmd: cat s.csv | cut -d, -f1,4,10,15-19,25-
--- stdout
kind,tipo_imposta,g1_net,expected,g2_municipality,g2_ifel,ifel_expected,credited,status,message,records
block,I,300.00,300.00,299.83,0.17,0.17,300.00,ok,,"z1-mismatch.txt:2-3, z1-mismatch.txt:4 (G2), z1-mismatch.txt:5 (G2)"
z1,,,,,,,,DIFF,"Z1 counts 3 G1 records, the flow has 2",z1-mismatch.txt:6 (Z1)
z1,,,,,,,,DIFF,"Z1 total is 9 records, the flow has 4 (6 with A1 and Z1)",z1-mismatch.txt:6 (Z1)
