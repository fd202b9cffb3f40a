exit: 0
# The subjects of the supply, CRLF and Latin-1 (NICOLÒ), in key order; the
# planted NRENNA60E45B157X fails its check character (N is right).
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --emit subjects "B157_supply.SOG"
--- stdout
subject_id,tax_code,kind,surname,name,birth_date,birth_place,denomination,seat,sex,tax_code_valid
B157-G-900005,01234567897,G,,,,,IMMOBILIARE ESEMPIO SRL,B157,,1
B157-P-900001,RSSMRA70H15B157Z,P,ROSSI,MARIO,1970-06-15,B157,,,1,1
B157-P-900002,BNCLCU72B42B157B,P,BIANCHI,LUCIA,1972-02-02,B157,,,2,1
B157-P-900003,VRDGPP50R10F205A,P,VERDI,GIUSEPPE,1950-10-10,F205,,,1,1
B157-P-900004,SPSNCL85C20F839S,P,ESPOSITO,NICOLÒ,1985-03-20,F839,,,1,1
B157-P-900006,NRENNA60E45B157X,P,NERI,ANNA,1960-05-05,B157,,,2,0
--- stderr
import-cadastre: report: 1 invalid_tax_code
import-cadastre: read 6, written 6, rejected 0
