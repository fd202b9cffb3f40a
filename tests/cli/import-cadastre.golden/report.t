exit: 0
# The data-quality report of the supply: counts on stderr, one CSV row per finding.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --emit subjects --report r.csv B157_supply.* >/dev/null 2>err; echo "exit $?"
cmd: cat r.csv; grep report: err; stat -c %a r.csv
--- stdout
exit 1
check,source,line,unit_id,subject_id,detail
extra_fields,B157_supply.FAB,14,B157-F-10000004,,field 46 and beyond are not in the known layout (47 fields)
invalid_tax_code,B157_supply.SOG,6,,B157-P-900006,"bad codice fiscale 'NRENNA60E45B157X': check character is 'X', expected 'N'"
zero_share,,,B157-F-10000001,B157-P-900001,share 0/0 of right '10' taken as 1/2 (equal)
zero_share,,,B157-F-10000001,B157-P-900002,share 0/0 of right '10' taken as 1/2 (equal)
share_sum,,,B157-T-20000002,,"shares of right '10' valid from 2008-07-01 sum to 3/4, not 1"
missing_subject,,,B157-T-20000002,B157-P-900099,title of right '10' names a subject not in the supply
missing_unit,,,B157-F-10000099,B157-P-900001,title of right '10' names a unit not in the supply
import-cadastre: report: 1 extra_fields
import-cadastre: report: 1 invalid_tax_code
import-cadastre: report: 1 missing_subject
import-cadastre: report: 1 missing_unit
import-cadastre: report: 1 share_sum
import-cadastre: report: 2 zero_share
600
