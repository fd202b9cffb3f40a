# The statement as CSV (section, row, field, value): the credits section
# shows PPART (30.00, nothing allocated), the 50.00 paid above the TARI 2024
# due (150.00 - 100.00) and the duplicate 523.35.
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: statement --db x.db --format csv BNCGNN60C03L219K | grep -E '^(section|credits|dues,7)'
--- stdout
section,row,field,value
dues,7,tax,IMU
dues,7,year,2024
dues,7,phase,S1
dues,7,act_id,
dues,7,due,2000.00
dues,7,paid,1100.00
dues,7,open,900.00
dues,7,status,open
credits,1,payment_id,PPART
credits,1,paid_on,2023-12-18
credits,1,amount,30.00
credits,1,credit,30.00
credits,2,payment_id,PTARI
credits,2,paid_on,2024-07-30
credits,2,amount,150.00
credits,2,credit,50.00
credits,3,payment_id,PACC2B
credits,3,paid_on,2025-04-03
credits,3,amount,523.35
credits,3,credit,523.35
