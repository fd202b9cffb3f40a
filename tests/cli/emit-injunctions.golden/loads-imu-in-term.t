exit: 0
# On 20 Jun 2025 the IMU avviso notified 10 Nov 2019 is still within the
# c. 163 term (25 Jun 2025).  Tax interest (c. 165, spread 0) on 300.00 from
# 17 Dec 2019: 15 days at 0.8 % (0.0986) + 366 at 0.05 % (0.1504) + 365 at
# 0.01 % (0.0300) + 365 at 1.25 % (3.7500) + 365 at 5 % (15.0000) + 366 at
# 2.5 % (7.5205) + 171 at 2 % (2.8110) = 29.3605 -> 29.36, plus the 5.00 of
# the list = 34.36.  Base 300 + 90 + 34.36 = 424.36: 3 % = 12.7308 -> 12.73;
# 6 % = 25.4616 -> 25.46.  Total 300 + 90 + 34.36 + 7.83 + 12.73 = 444.92.
# RENT: 15 days at 2.5 % + 171 at 2 % = 3,795/365 = 10.397 -> 10.40; base
# 1,010.40 -> 30.31 / 60.62; total 1,048.54.  CUP is due after the date:
# rejected, as is the 'fax' row.
cmd: cd "$TESTDATA/coercive" && emit-injunctions --as-of 2025-06-20 --loads loads-rents.csv -q --kind ingiunzione; echo "exit $?"
--- stdout
act_id,act_type,parent_act_id,root_act_id,tax_code,name,address,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,mora_interest,costs,notification_cost,collection_charges,collection_charges_late,total,total_late,issued_on,esecutivita,early_until,due_on,load_id,reference,notice_number,rule
ING-PAT2025-03-CONTR-17/2024-12,ingiunzione,,ING-PAT2025-03-CONTR-17/2024-12,RSSMRA80A01H501U,Mario Rossi,"Via Roma 1, 00100 Roma",RENT,2024,1000.00,0.00,1000.00,0.00,10.40,0.00,7.83,7.83,30.31,60.62,1048.54,1078.85,2025-06-20,2025-07-20,2025-09-18,2025-07-20,PAT2025-03,CONTR-17/2024-12,,R.D. 639/1910 (ingiunzione fiscale for patrimonial revenues); art. 1224 and 1284 c.c. (interest at the legal rate from the due date); L. 160/2019 c. 803
ING-PAT2025-03-AVV-2019-0456,ingiunzione,,ING-PAT2025-03-AVV-2019-0456,RSSMRA80A01H501U,Mario Rossi,"Via Roma 1, 00100 Roma",IMU,2018,300.00,0.00,300.00,90.00,34.36,0.00,7.83,7.83,12.73,25.46,444.92,457.65,2025-06-20,2025-07-20,2025-09-18,2025-07-20,PAT2025-03,AVV-2019-0456,,R.D. 639/1910; L. 296/2006 c. 163 (title by 31 Dec of the 3rd year after the assessment became definitive) and c. 165 (interest at the legal rate + the ente's spread); L. 160/2019 c. 803
exit 1
--- stderr
emit-injunctions: loads-rents.csv:3: due_on/notified_on: after the --as-of date
emit-injunctions: loads-rents.csv:6: channel: notification_costs.csv: unknown channel 'fax'
