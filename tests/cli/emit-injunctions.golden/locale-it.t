exit: 0
# --decimal-comma input and --locale it output (';' separator, ',' decimals):
# a CDS fine of 1.234,50 due 10 Jan 2025, on 2 May 2025 (no complete
# semester): 3 % = 37.035 -> 37.04, 6 % = 74.07; total 1.234,50 + 7,83 +
# 37,04 = 1279,37; late 1.234,50 + 7,83 + 74,07 = 1316,40.
cmd: emit-injunctions --as-of 2025-05-02 --loads l.csv --decimal-comma --locale it -q | cut -d';' -f1,10,17-21
--- file l.csv
load_id,tax_code,name,address,revenue,year,reference,principal,sanction,interest,costs,due_on,notified_on
PM1,RSSMRA80A01H501U,Mario Rossi,Via Roma 1 Roma,CDS,2025,V1,"1234,50",0,0,0,10/01/2025,11/11/2024
--- stdout
act_id;tax_due;notification_cost;collection_charges;collection_charges_late;total;total_late
ING-PM1-V1;1234,50;7,83;37,04;74,07;1279,37;1316,40
