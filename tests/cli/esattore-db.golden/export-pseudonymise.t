# export --pseudonymise KEY: the codice fiscale becomes HMAC-SHA256(KEY, CF)
#   python3 -c "import hmac,hashlib; print(hmac.new(b'k1', b'BNCGNN60C03L219K', hashlib.sha256).hexdigest())"
# names and act ids (which embed the codice fiscale) are pseudonymised too,
# consistently across tables; the address and PEC blanked; amounts untouched.
cmd: esattore-db init x.db 2>/dev/null && sqlite3 x.db < "$TESTDATA/report/ledger.sql"
cmd: esattore-db --pseudonymise k1 export x.db out && cut -d, -f3,8,9 out/subjects.csv
cmd: grep -c BNCGNN60C03L219K out/*.csv | grep -v ':0$'; sed -n 2p out/positions.csv
--- stdout
tax_code,birth_date,birth_place
a3991474d5b778978a76b8fc26d9639d119115819ead18637d0c0a27252444c7,,
1,a3991474d5b778978a76b8fc26d9639d119115819ead18637d0c0a27252444c7,IMU,2020,S1,,100000,open,
