# Found by fuzz_coercive: a RENT row due 15 Jun 2002, notified 15 Jun 2022
# (prescription runs from the notification: not prescribed on 30 Jun 2025),
# accrues legal interest from 16 Jun 2002, before the first row of
# legal_interest_rates.csv (1 Jan 2011).  That stopped the whole run with
# exit 2; now the row is rejected (exit 1) and the other rows go on.
#  AVV-2 RENT 200.00 + 60.00 sanction due 15 Jun 2024: legal interest on the
#    principal, 16 Jun-31 Dec 2024 199 days at 2.5 % + 1 Jan-30 Jun 2025 181
#    days at 2.0 %: 20,000 x (2.5 x 199 + 2.0 x 181) / 36,500 = 171,900 / 365
#    = 470.96 -> 4.71; base 264.71: 3 % = 7.9413 -> 7.94, 6 % = 15.8826 ->
#    15.88; costs 7.83 (raccomandata); total 200.00 + 60.00 + 4.71 + 7.83 +
#    7.94 = 280.48; late 288.42.
cmd: emit-injunctions --as-of 2025-06-30 --loads loads.csv > acts.csv; echo "exit $?"
cmd: cut -d, -f1,8-21 acts.csv
exit: 0
--- file loads.csv
load_id,tax_code,name,address,revenue,year,reference,principal,sanction,interest,costs,due_on,notified_on
PAT-1,RSSMRA80A01H501U,Mario Rossi,Via Roma 1,RENT,2001,AVV-1,200.00,60.00,0.00,0.00,2002-06-15,2022-06-15
PAT-1,RSSMRA80A01H501U,Mario Rossi,Via Roma 1,RENT,2024,AVV-2,200.00,60.00,0.00,0.00,2024-06-15,
--- stdout
exit 1
act_id,tax,year,tax_due,tax_paid,tax_unpaid,sanction,interest,mora_interest,costs,notification_cost,collection_charges,collection_charges_late,total,total_late
ING-PAT-1-AVV-2,RENT,2024,200.00,0.00,200.00,60.00,4.71,0.00,7.83,7.83,7.94,15.88,280.48,288.42
--- stderr
emit-injunctions: loads.csv:2: due_on: no legal interest rate before 2011-01-01 (legal_interest_rates.csv): interest from 2002-06-16 cannot be computed
emit-injunctions: acts 1, excluded 0
emit-injunctions: read 2, written 1, rejected 1
