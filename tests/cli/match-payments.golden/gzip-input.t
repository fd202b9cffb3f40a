exit: 0
# .gz inputs are read through zlib, XML and CSV alike.
cmd: cp "$TESTDATA"/match/dues.csv . && gzip -c "$TESTDATA"/pagopa/fdr-2025-07-03.xml > f.xml.gz
cmd: printf 'payment_id,source,tax_code,tax,year,amount\nF1,F24,CSTMRC72M13L736U,IMU,2024,210.00\n' | gzip -c > p.csv.gz
cmd: match-payments --quiet --dues dues.csv p.csv.gz f.xml.gz
--- stdout
payment_id,position_id,notice_number,tax_code,amount,rule,status,recon,note
F1,CSTMRC72M13L736U-IMU-2024,,CSTMRC72M13L736U,210.00,tax-year,MATCHED,,
PAGOPA-2025-07-03ZZZZITMMXXX-0000000003-01000000000010959-IUR0007-1,CSTMRC72M13L736U-TARI-2025,301000000000010959,CSTMRC72M13L736U,33.00,notice,MATCHED,REPORTED_NOT_CREDITED,
