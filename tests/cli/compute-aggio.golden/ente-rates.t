# Rates and VAT default to the ente file ([contract]); --rates overrides one.
#   S2 100.00 x 11 % = 11.00, VAT 22 % = 2.42; with --rates S2=10: 10.00, VAT 2.20
cmd: compute-aggio --ente ente.conf --period month -q alloc.csv
cmd: compute-aggio --ente ente.conf --period month --rates S2=10 -q alloc.csv | tail -1
--- file alloc.csv
service,paid_on,amount,collection_charges,costs
S2,2025-04-02,100.00,0,0
--- file ente.conf
[ente]
name=Comune di Prova
tax_code=87871694342
belfiore=H501
[contract]
aggio_s1=1
aggio_s2=11
aggio_s3=5
vat=22
--- stdout
period,service,allocations,collected,collection_charges,costs,excluded,base,rate,fee,vat_rate,vat,fee_with_vat
2025-04,S2,1,100.00,0.00,0.00,0.00,100.00,11.0000,11.00,22.0000,2.42,13.42
2025-04,S2,1,100.00,0.00,0.00,0.00,100.00,10.0000,10.00,22.0000,2.20,12.20
