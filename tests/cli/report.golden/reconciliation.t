# What is wrong tonight: a payment not yet processed, an unknown credit
# (TARI 150.00 on 100.00 due: 50.00 unallocated), an unmatched payment.
# With --pseudonymise the codici fiscali become HMAC-SHA256(key, CF):
#   python3 -c "import hmac,hashlib; print(hmac.new(b'k1', b'VRDLGU70A01H501X', hashlib.sha256).hexdigest())"
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: report --db x.db --kind reconciliation
cmd: report --db x.db --kind reconciliation --pseudonymise k1 | sed -n 2p
--- stdout
problem,payment_id,source,source_ref,tax_code,tax,year,paid_on,amount,unallocated
not processed,PNEW,F24,r12,VRDLGU70A01H501X,IMU,2025,2025-03-11,20.00,20.00
unknown credit,PTARI,PAGOPA,r10,BNCGNN60C03L219K,TARI,2024,2024-07-30,150.00,50.00
unmatched,PUNM,F24,r11,VRDLGU70A01H501X,IMU,2024,2025-03-10,50.00,50.00
not processed,PNEW,F24,r12,9e4816b8ca098b252d11558601e3550de01e4cb9666b6a0312c751da7d2c384c,IMU,2025,2025-03-11,20.00,20.00
