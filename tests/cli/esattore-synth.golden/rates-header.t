# The municipal parameters: headers of rates.csv, tari-tariffs.csv, residents.csv,
# in the shapes compute-dues(1) reads (RATES FILE, TARIFF FILE, --residents, USERS).
cmd: esattore-synth --out d --subjects 1 --quiet && head -1 d/rates.csv d/tari-tariffs.csv d/residents.csv d/tari-declarations.csv
--- stdout
==> d/rates.csv <==
year,use,rate,detraction,source

==> d/tari-tariffs.csv <==
year,kind,members,category,quota_fixed,k_fixed,quota_variable,k_variable,rate,installment,due_date,share,source

==> d/residents.csv <==
subject_id,tax_code,surname,name,household_id,household_size,unit_id,address,from,to

==> d/tari-declarations.csv <==
declaration_id,subject_id,tax_code,unit_id,user_type,members,category,surface_m2,address,from,to
