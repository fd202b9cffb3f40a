# Fees from the ledger (testdata/report/ledger.sql), payments of 2025, by
# quarter.  The service follows the position each allocation paid.
#   Q1 S1: the late 2024 IMU payment 100.00 -> fee 1.00
#   S2: the assessment (total 1123.35, oneri 30.00, costs 8.75) paid 600.00 on
#       2025-01-20 and 523.35 on 2025-04-02.  Cumulative proportion, half up:
#       oneri  round(600.00 x 30.00 / 1123.35) = round(16.0235) = 16.02, then 30.00 - 16.02 = 13.98
#       costs  round(600.00 x 8.75 / 1123.35)  = round(4.6735)  = 4.67,  then 8.75 - 4.67  = 4.08
#       Q1 base 600.00 - 20.69 = 579.31, fee x 11 % = 63.7241 -> 63.72
#       Q2 base 523.35 - 18.06 = 505.29, fee x 11 % = 55.5819 -> 55.58
#   Q1 S3: the ingiunzione 529.20 paid in full, oneri 15.00 + costs 14.20
#       excluded: base 500.00, fee x 5 % = 25.00
# The unmatched payment (no position) cannot be given a service: listed, exit 1.
# The assessment's second part paid twice (DUPLICATE, 523.35) is not revenue:
# left out of the base and named on stderr.
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: compute-aggio --db x.db --period quarter --rates S1=1,S2=11,S3=5 --from 2025-01-01 --rejects rej.csv
cmd: echo "exit $?"; cut -d, -f1-5,8 rej.csv
--- stdout
period,service,allocations,collected,collection_charges,costs,excluded,base,rate,fee,vat_rate,vat,fee_with_vat
2025-Q1,S1,1,100.00,0.00,0.00,0.00,100.00,1.0000,1.00,,,1.00
2025-Q1,S2,1,600.00,16.02,4.67,20.69,579.31,11.0000,63.72,,,63.72
2025-Q1,S3,1,529.20,15.00,14.20,29.20,500.00,5.0000,25.00,,,25.00
2025-Q2,S2,1,523.35,13.98,4.08,18.06,505.29,11.0000,55.58,,,55.58
exit 1
allocation_id,payment_id,status,paid_on,amount,_error
13,PUNM,UNMATCHED,2025-03-10,50.00,service cannot be decided: the allocation (UNMATCHED) has no position
--- stderr
compute-aggio: x.db: service cannot be decided: the allocation (UNMATCHED) has no position
compute-aggio: 1 overpaid or duplicate allocation (523.35) left out of the base: refund or compensation candidates
compute-aggio: read 5, written 4, rejected 1
