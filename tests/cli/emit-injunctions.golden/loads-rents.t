exit: 0
# Rents, canone unico and old IMU avvisi on 30 Jun 2025 (loads-rents.csv).
#  RENT 1,000.00 due 16 Dec 2024: legal interest law.md §8.1: 15 days at 2.5 %
#    + 181 at 2.0 % = 3,995/365 = 10.945 -> 10.95; base 1,010.95: 3 % = 30.3285
#    -> 30.33, 6 % = 60.657 -> 60.66; total 1,000.00 + 10.95 + 7.83 + 30.33 =
#    1,049.11; late 1,079.44.
#  CUP 250.00 + 25.00 sanction + 5.00 costs, due 30 Jun 2025: no interest yet;
#    base 275.00: 8.25 / 16.50; costs 5.00 + 7.83 = 12.83; total 296.08; late 304.33.
#  IMU AVV-2019-0456 notified 10 Nov 2019, definitive 9 Jan 2020 (+60 days):
#    c. 163 term 31 Dec 2023 + 542 days (Covid) = 25 Jun 2025: excluded since 26 Jun.
#  IMU AVV-2020-0101 notified and due 15 Jun 2020 (after 8 Mar 2020, no shift):
#    prescribed 15 Jun 2025, excluded since 16 Jun.
#  TARI row with channel 'fax': no such notification cost, rejected.
cmd: cd "$TESTDATA/coercive" && emit-injunctions --as-of 2025-06-30 --loads loads-rents.csv --excluded "$SCRATCH/x.csv" > "$SCRATCH/acts.csv"; echo "exit $?"
cmd: cd "$SCRATCH" && cat acts.csv && echo --- && cat x.csv
--- stdout
exit 1
act_id,act_type,parent_act_id,root_act_id,tax_code,name,address,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,mora_interest,costs,notification_cost,collection_charges,collection_charges_late,total,total_late,issued_on,esecutivita,early_until,due_on,load_id,reference,notice_number,rule
ING-PAT2025-03-CONTR-17/2024-12,ingiunzione,,ING-PAT2025-03-CONTR-17/2024-12,RSSMRA80A01H501U,Mario Rossi,"Via Roma 1, 00100 Roma",RENT,2024,1000.00,0.00,1000.00,0.00,10.95,0.00,7.83,7.83,30.33,60.66,1049.11,1079.44,2025-06-30,2025-07-30,2025-09-28,2025-07-30,PAT2025-03,CONTR-17/2024-12,,R.D. 639/1910 (ingiunzione fiscale for patrimonial revenues); art. 1224 and 1284 c.c. (interest at the legal rate from the due date); L. 160/2019 c. 803
ING-PAT2025-03-CUP-2025-0311,ingiunzione,,ING-PAT2025-03-CUP-2025-0311,VRDLGU75C41F205E,Luigia Verdi,"Corso Italia 5, 20100 Milano",CUP,2025,250.00,0.00,250.00,25.00,0.00,0.00,12.83,7.83,8.25,16.50,296.08,304.33,2025-06-30,2025-07-30,2025-09-28,2025-07-30,PAT2025-03,CUP-2025-0311,,R.D. 639/1910; L. 160/2019 c. 803; interest at the legal rate (art. 1284 c.c.)
---
source,line,act_id,reference,tax_code,tax,year,amount,reason,since,rule
loads-rents.csv,4,,AVV-2019-0456,RSSMRA80A01H501U,IMU,2018,395.00,coercive title term passed,2025-06-26,L. 296/2006 c. 163
loads-rents.csv,5,,AVV-2020-0101,VRDLGU75C41F205E,IMU,2019,260.00,prescribed,2025-06-16,art. 2948 n. 4 c.c.; art. 20 c. 3 D.Lgs. 472/1997
--- stderr
emit-injunctions: loads-rents.csv:6: channel: notification_costs.csv: unknown channel 'fax'
emit-injunctions: acts 2, excluded 2
emit-injunctions: read 5, written 4, rejected 1
