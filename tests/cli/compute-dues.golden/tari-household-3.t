# D.P.R. 158/1999 (cadastre-imu-tari.md §3.7): a household of 3 in 100 m²,
# all of 2025, with the example tariff Quf 0.40 €/m², Ka(3) 1.08, Quv 37.50 €,
# Kb(3) 2.00; TEFA 5 %; two installments of 50 % (31 July, 16 December).
#   fixed 0.40 x 100 x 1.08 = 43.20; variable 37.50 x 2.00 = 75.00
#   TARI 118.20 -> 59.10 + 59.10 (F24 3944: 59 + 59)
#   TEFA 118.20 x 5 % = 5.91 -> 2.95 (295.5 cents, down) + 2.96 (F24: 3 + 3)
# The household size comes from the residents file (three people live in the
# unit on 1 January).  The second file's household of 2 has no tariff row, so
# the run stops with a configuration error naming it.
cmd: esattore-db -q init l.db
cmd: compute-dues --db l.db --tax tari --year 2025 --rates tariff.csv --residents residents.csv users.csv
cmd: compute-dues --db l.db --tax tari --year 2025 --rates tariff.csv --quiet users2.csv; echo "exit $?"
--- file tariff.csv
year,kind,members,category,quota_fixed,k_fixed,quota_variable,k_variable,rate,installment,due_date,share
2025,domestic,3,,0.40,1.08,37.50,2.00,,,,
2025,non_domestic,,24,0.90,5.00,0.25,41.00,,,,
2025,tefa,,,,,,,5,,,
2025,installment,,,,,,,,1,2025-07-31,50
2025,installment,,,,,,,,2,2025-12-16,50
--- file residents.csv
tax_code,unit_id,from,to
RSSMRA85T10F205R,F205F1,2001-01-01,
BNCLCU70A41F205V,F205F1,2001-01-01,
VRDGPP60C15F205L,F205F1,2020-05-01,
NREPLA80D55F205C,F205F1,2001-01-01,2024-12-31
--- file users.csv
tax_code,user_type,unit_id,surface_m2,from,to
rssmra85t10f205r,domestic,F205F1,100,2015-03-01,
--- file users2.csv
tax_code,user_type,unit_id,members,surface_m2,from,to
BNCLCU70A41F205V,domestic,F205F7,2,70,2015-03-01,
--- stdout
tax_code,tax,year,tributo,unit_id,basis,rate,months,share,installment,due_date,amount_due,amount_payable
RSSMRA85T10F205R,TARI,2025,3944,F205F1,,,,,1,2025-07-31,59.10,59.00
RSSMRA85T10F205R,TARI,2025,TEFA,F205F1,,5.00,,,1,2025-07-31,2.95,3.00
RSSMRA85T10F205R,TARI,2025,3944,F205F1,,,,,2,2025-12-16,59.10,59.00
RSSMRA85T10F205R,TARI,2025,TEFA,F205F1,,5.00,,,2,2025-12-16,2.96,3.00
exit 2
--- stderr
compute-dues: read 5, written 5, rejected 0
compute-dues: tariff.csv: no domestic tariff for 2 members in 2025 (needed by users2.csv:2)
