# What is wrong tonight (testdata/report/ledger.sql): the assessment's second
# part paid twice (duplicate, 523.35 not allocated to the debt); PPART 30.00
# whose allocations add up to 0.00 (not fully allocated); a payment not yet
# processed; TARI 150.00 on 100.00 due (overpaid: 50.00 beyond the debt); an
# unmatched payment.  unallocated = amount - MATCHED/PARTIAL allocations.
# With --pseudonymise the codici fiscali become HMAC-SHA256(key, CF):
#   python3 -c "import hmac,hashlib; print(hmac.new(b'k1', b'BNCGNN60C03L219K', hashlib.sha256).hexdigest())"
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: report --db x.db --kind reconciliation
cmd: report --db x.db --kind reconciliation --pseudonymise k1 | sed -n 2p
--- stdout
problem,payment_id,source,source_ref,tax_code,tax,year,paid_on,amount,unallocated
duplicate,PACC2B,PAGOPA,r13,BNCGNN60C03L219K,IMU,2019,2025-04-03,523.35,523.35
not fully allocated,PPART,F24,r14,BNCGNN60C03L219K,IMU,2023,2023-12-18,30.00,30.00
not processed,PNEW,F24,r12,VRDLGU70A01H501X,IMU,2025,2025-03-11,20.00,20.00
overpaid,PTARI,PAGOPA,r10,BNCGNN60C03L219K,TARI,2024,2024-07-30,150.00,50.00
unmatched,PUNM,F24,r11,VRDLGU70A01H501X,IMU,2024,2025-03-10,50.00,50.00
duplicate,PACC2B,PAGOPA,r13,a3991474d5b778978a76b8fc26d9639d119115819ead18637d0c0a27252444c7,IMU,2019,2025-04-03,523.35,523.35
