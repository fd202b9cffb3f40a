exit: 0
# CDS fines loaded on 2 May 2025 (testdata/coercive/loads-cds.csv).  Each
# ingiunzione: due 30 days after issue (1 Jun, provisional until notified),
# raccomandata A/R 7.83 (DM 14/4/2023), oneri c. 803 on principal + sanction +
# interest: collection_charges when paid by esecutivita + 60 days, the late
# band in collection_charges_late.
#  V-2025-0001 5,000.00: 3 % = 150.00 (< 300); 6 % = 300.00 (< 600);
#    total 5,000.00 + 7.83 + 150.00 = 5,157.83; late 5,000.00 + 7.83 + 300.00 = 5,307.83.
#  V-2025-0002 12,000.00: 3 % = 360.00 -> cap 300.00; 6 % = 720.00 -> cap 600.00;
#    total 12,307.83; late 12,607.83.
#  V-2025-0003 9.99 < 10.00 (c. 794): excluded.
#  V-2019-0044 100.00 due 10 Jan 2019: prescription 10 Jan 2024 + 542 days
#    (Covid, pending on 8 Mar 2020) = 6 Jul 2025, not yet; 12 complete
#    semesters to 10 Jan 2025 (the 13th ends 10 Jul 2025): surcharge 12 x
#    10 % x 100.00 = 120.00 (art. 27 c. 6 L. 689/1981); base 220.00 -> 6.60 /
#    13.20; total 100.00 + 120.00 + 7.83 + 6.60 = 234.43; late 241.03.
#  V-2013-0007 due 10 Jan 2014: prescribed 10 Jan 2019 (before the Covid
#    suspension): excluded since 11 Jan 2019.
#  V-2025-0009 codice fiscale with a wrong check character: rejected (exit 1).
cmd: cd "$TESTDATA/coercive" && emit-injunctions --as-of 2025-05-02 --loads loads-cds.csv --excluded "$SCRATCH/x.csv" > "$SCRATCH/acts.csv"; echo "exit $?"
cmd: cd "$SCRATCH" && cat acts.csv && echo --- && cat x.csv
--- stdout
exit 1
act_id,act_type,parent_act_id,root_act_id,tax_code,name,address,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,mora_interest,costs,notification_cost,collection_charges,collection_charges_late,total,total_late,issued_on,esecutivita,early_until,due_on,load_id,reference,notice_number,rule
ING-PM2025-01-V-2025-0001,ingiunzione,,ING-PM2025-01-V-2025-0001,RSSMRA80A01H501U,Mario Rossi,"Via Roma 1, 00100 Roma",CDS,2025,5000.00,0.00,5000.00,0.00,0.00,0.00,7.83,7.83,150.00,300.00,5157.83,5307.83,2025-05-02,2025-06-01,2025-07-31,2025-06-01,PM2025-01,V-2025-0001,,R.D. 639/1910 (ingiunzione); art. 27 c. 6 L. 689/1981: the fine grows by one tenth for each complete semester after it became due; L. 160/2019 c. 803
ING-PM2025-01-V-2025-0002,ingiunzione,,ING-PM2025-01-V-2025-0002,VRDLGU75C41F205E,Luigia Verdi,"Corso Italia 5, 20100 Milano",CDS,2025,12000.00,0.00,12000.00,0.00,0.00,0.00,7.83,7.83,300.00,600.00,12307.83,12607.83,2025-05-02,2025-06-01,2025-07-31,2025-06-01,PM2025-01,V-2025-0002,,R.D. 639/1910 (ingiunzione); art. 27 c. 6 L. 689/1981: the fine grows by one tenth for each complete semester after it became due; L. 160/2019 c. 803
ING-PM2025-01-V-2019-0044,ingiunzione,,ING-PM2025-01-V-2019-0044,RSSMRA80A01H501U,Mario Rossi,"Via Roma 1, 00100 Roma",CDS,2019,100.00,0.00,100.00,0.00,120.00,0.00,7.83,7.83,6.60,13.20,234.43,241.03,2025-05-02,2025-06-01,2025-07-31,2025-06-01,PM2025-01,V-2019-0044,,R.D. 639/1910 (ingiunzione); art. 27 c. 6 L. 689/1981: the fine grows by one tenth for each complete semester after it became due; L. 160/2019 c. 803
---
source,line,act_id,reference,tax_code,tax,year,amount,reason,since,rule
loads-cds.csv,4,,V-2025-0003,RSSMRA80A01H501U,CDS,2025,9.99,below the minimum for coercive collection,,L. 160/2019 c. 794
loads-cds.csv,6,,V-2013-0007,RSSMRA80A01H501U,CDS,2013,80.00,prescribed,2019-01-11,art. 2948 n. 4 c.c.; art. 20 c. 3 D.Lgs. 472/1997
--- stderr
emit-injunctions: loads-cds.csv:7: tax_code: 'RSSMRA80A01H501X' is not a valid codice fiscale or partita IVA
emit-injunctions: acts 3, excluded 2
emit-injunctions: read 6, written 5, rejected 1
