exit: 0
# --locale it: ';' separators and ',' decimals, for Italian spreadsheets;
# the note, which holds ';', is quoted.  --decimal-comma reads "500,00".
# 500,00 on 400,00 due: 400,00 MATCHED, 100,00 OVERPAID with the open
# TARI 2024 and IMU 2023 in the note (free text, amounts in the plain
# form).
cmd: match-payments --quiet --locale it --decimal-comma --dues dues.csv pay.csv
--- file dues.csv
tax_code,tax,year,installment,amount_due
MRNGNN55T10H501S,IMU,2025,0,"400,00"
MRNGNN55T10H501S,TARI,2024,0,"90,00"
MRNGNN55T10H501S,IMU,2023,0,"30,00"
--- file pay.csv
payment_id,source,tax_code,tax,year,amount
F2,F24,MRNGNN55T10H501S,IMU,2025,"500,00"
--- stdout
payment_id;position_id;notice_number;tax_code;amount;rule;status;recon;note
F2;MRNGNN55T10H501S-IMU-2025;;MRNGNN55T10H501S;400,00;tax-year;MATCHED;;
F2;MRNGNN55T10H501S-IMU-2025;;MRNGNN55T10H501S;100,00;tax-year;OVERPAID;;"open debts: MRNGNN55T10H501S-TARI-2024 90.00; MRNGNN55T10H501S-IMU-2023 30.00"
