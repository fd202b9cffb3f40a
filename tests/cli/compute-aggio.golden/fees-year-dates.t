# --period year with --from/--to: only the February to March payments count
# (1250.50 - 1000.00 = 250.50 S1; 1123.35 S2; 530.00 S3).  No VAT given and
# no ente file: the VAT columns are empty and fee_with_vat is the fee.
#   S1 250.50 x 1 % = 2.505 -> 2.51 (half up)
#   S2 (1123.35 - 38.75) x 11 % = 119.31;  S3 500.80 x 5 % = 25.04
cmd: compute-aggio --period year --rates S1=1,S2=11,S3=5 --from 2025-02-01 --to 2025-03-31 -q alloc.csv
--- file alloc.csv
service,paid_on,amount,collection_charges,costs
S1,2025-01-15,1000.00,0,0
S1,2025-02-10,250.50,,
S2,2025-02-20,1123.35,30.00,8.75
S3,2025-03-05,530.00,15.00,14.20
S2,2025-04-02,100.00,0,0
--- stdout
period,service,allocations,collected,collection_charges,costs,excluded,base,rate,fee,vat_rate,vat,fee_with_vat
2025,S1,1,250.50,0.00,0.00,0.00,250.50,1.0000,2.51,,,2.51
2025,S2,1,1123.35,30.00,8.75,38.75,1084.60,11.0000,119.31,,,119.31
2025,S3,1,530.00,15.00,14.20,29.20,500.80,5.0000,25.04,,,25.04
