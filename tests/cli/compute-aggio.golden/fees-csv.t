# Fees from an allocations CSV, by quarter, rates S1 1 %, S2 11 %, S3 5 %,
# VAT 22 %.  Computed by hand:
#   2025-Q1 S1: 1000.00 + 250.50 = 1250.50, nothing excluded;
#               fee 1250.50 x 1 % = 12.505 -> 12.51; VAT 12.51 x 22 % = 2.7522 -> 2.75
#   2025-Q1 S2: 1123.35 collected with oneri 30.00 and notification costs 8.75:
#               excluded 38.75, base 1084.60; fee x 11 % = 119.306 -> 119.31;
#               VAT 26.2482 -> 26.25; with VAT 145.56
#   2025-Q1 S3: 530.00 with oneri 15.00 and costs 14.20: base 500.80;
#               fee x 5 % = 25.04; VAT 5.5088 -> 5.51
#   2025-Q2 S2: 100.00, fee 11.00, VAT 2.42
# The row without a service is listed (rejected), never guessed: exit 1.
cmd: compute-aggio --period quarter --rates S1=1,S2=11,S3=5 --vat 22 --rejects rej.csv alloc.csv
cmd: cat rej.csv
exit: 0
--- file alloc.csv
service,paid_on,amount,collection_charges,costs
S1,2025-01-15,1000.00,0,0
S1,2025-02-10,250.50,,
S2,2025-02-20,1123.35,30.00,8.75
S3,2025-03-05,530.00,15.00,14.20
S2,2025-04-02,100.00,0,0
,2025-03-01,50.00,0,0
--- stdout
period,service,allocations,collected,collection_charges,costs,excluded,base,rate,fee,vat_rate,vat,fee_with_vat
2025-Q1,S1,2,1250.50,0.00,0.00,0.00,1250.50,1.0000,12.51,22.0000,2.75,15.26
2025-Q1,S2,1,1123.35,30.00,8.75,38.75,1084.60,11.0000,119.31,22.0000,26.25,145.56
2025-Q1,S3,1,530.00,15.00,14.20,29.20,500.80,5.0000,25.04,22.0000,5.51,30.55
2025-Q2,S2,1,100.00,0.00,0.00,0.00,100.00,11.0000,11.00,22.0000,2.42,13.42
service,paid_on,amount,collection_charges,costs,_source,_line,_error
,2025-03-01,50.00,0,0,alloc.csv,7,"service: '' cannot be decided (S1, S2 or S3)"
--- stderr
compute-aggio: alloc.csv:7: service: '' cannot be decided (S1, S2 or S3)
compute-aggio: read 6, written 5, rejected 1
