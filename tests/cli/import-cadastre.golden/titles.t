# Titles: 10000001 held by two spouses in comunione with 0/0 each (equal: 1/2
# each); 10000002 transferred on 16/05/2019 (seller's valid_to = buyer's
# valid_from); 10000003 since the impianto (01010001: empty valid_from);
# 20000001 legacy right "3 " kept with its blank; 20000002 1/2 + 1/4 and a
# subject not in the supply; 10000099 a unit not in the supply; line 12
# rejected (13 fields).
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --emit titles B157_supply.*
exit: 1
--- stdout
unit_id,subject_id,tax_code,right_code,right,share_num,share_den,valid_from,valid_to,share_raw,share_rule,regime,right_text,title_ref
B157-F-10000001,B157-P-900001,RSSMRA70H15B157Z,10,Proprieta,1,2,2010-09-20,,0/0,equal,C,,700000101
B157-F-10000001,B157-P-900002,BNCLCU72B42B157B,10,Proprieta,1,2,2010-09-20,,0/0,equal,C,,700000102
B157-F-10000002,B157-P-900003,VRDGPP50R10F205A,10,Proprieta,1,1,2005-01-01,2019-05-16,1/1,file,,,700000201
B157-F-10000002,B157-P-900004,SPSNCL85C20F839S,10,Proprieta,1,1,2019-05-16,,1/1,file,,,700000202
B157-F-10000003,B157-G-900005,01234567897,10,Proprieta,1000,1000,,,1000/1000,file,,,
B157-F-10000004,B157-P-900001,RSSMRA70H15B157Z,20,Nuda proprieta,1,1,2023-07-01,,1/1,file,,,700000501
B157-F-10000004,B157-P-900002,BNCLCU72B42B157B,80,Usufrutto,1,1,2023-07-01,,1/1,file,,,700000502
B157-F-10000099,B157-P-900001,RSSMRA70H15B157Z,10,Proprieta,1,1,2012-01-01,,1/1,file,,,700000601
B157-T-20000001,B157-P-900003,VRDGPP50R10F205A,"3 ",Comproprietario (legacy),1,2,1999-03-15,,1/2,file,,,700000301
B157-T-20000001,B157-P-900006,NRENNA60E45B157X,"3 ",Comproprietario (legacy),1,2,1999-03-15,,1/2,file,,,700000302
B157-T-20000002,B157-G-900005,01234567897,10,Proprieta,1,2,2008-07-01,,1/2,file,,,700000401
B157-T-20000002,B157-P-900099,,10,Proprieta,1,4,2008-07-01,,1/4,file,,,700000402
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
