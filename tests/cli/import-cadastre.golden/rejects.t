exit: 0
# Rejected lines: their number and the field at fault on stderr, the line
# itself into --rejects; read = written + rejected.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --emit units --rejects rj.csv B157_supply.* >/dev/null; echo "exit $?"
cmd: cat rj.csv
--- stdout
exit 1
record,_source,_line,_error
"B157| |10000006|F|1|1||A04|||||61l,01||||||||||01012015|||||||||||||||||||||||",B157_supply.FAB,18,"field 13 (rendita): '61l,01' is not an amount"
B157| |900001|P|10000004|F|10||1|1| ||01072023,B157_supply.TIT,12,"TIT record has 13 fields, at least 27 expected"
--- stderr
import-cadastre: B157_supply.FAB:18: field 13 (rendita): '61l,01' is not an amount
import-cadastre: B157_supply.TIT:12: TIT record has 13 fields, at least 27 expected
import-cadastre: report: 1 extra_fields
import-cadastre: report: 1 invalid_tax_code
import-cadastre: report: 1 missing_subject
import-cadastre: report: 1 missing_unit
import-cadastre: report: 1 share_sum
import-cadastre: report: 2 zero_share
import-cadastre: read 43, written 41, rejected 2
