# A manual allocation wins over the other rules; with an amount, the rest
# of the payment stays UNMATCHED.  A manual row naming an unknown position
# is rejected (exit 1).
cmd: match-payments --dues dues.csv --manual manual.csv pay.csv
exit: 1
--- file dues.csv
position_id,tax_code,tax,year,installment,amount_due
A1,MRNGNN55T10H501S,IMU,2024,0,120.00
A2,MRNGNN55T10H501S,TARI,2024,0,90.00
--- file manual.csv
payment_id,position_id,amount
B9,A2,
B8,A1,100.00
B7,Z9,
--- file pay.csv
payment_id,source,tax_code,tax,year,amount
B9,BANK,MRNGNN55T10H501S,IMU,2024,90.00
B8,BANK,,,,150.00
--- stdout
payment_id,position_id,notice_number,tax_code,amount,rule,status,recon,note
B9,A2,,MRNGNN55T10H501S,90.00,manual,MATCHED,,
B8,A1,,MRNGNN55T10H501S,100.00,manual,PARTIAL,,
B8,,,,50.00,none,UNMATCHED,,rest of a manual allocation
--- stderr
match-payments: dues.csv: dues read 2, rejected 0
match-payments: manual.csv:4: unknown position_id 'Z9'
match-payments: read 2, written 2, rejected 0
