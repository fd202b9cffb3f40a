# The municipal parameters: headers of rates.csv, tari-tariffs.csv, residents.csv.
cmd: esattore-synth --out d --subjects 1 --quiet && head -1 d/rates.csv d/tari-tariffs.csv d/residents.csv d/tari-declarations.csv
--- stdout
==> d/rates.csv <==
year,use,tributo,rate_pct,main_home_deduction,source

==> d/tari-tariffs.csv <==
year,user_type,key,fixed_per_m2,variable,variable_per_m2,tefa_pct,source

==> d/residents.csv <==
subject_id,tax_code,surname,name,household_id,household_size,unit_id,address,from,to

==> d/tari-declarations.csv <==
declaration_id,subject_id,tax_code,unit_id,user_type,members,category,surface_m2,address,from,to
