# The units stream of the hand-written supply (testdata/cadastre/README).
# FAB: 10000001 graffato (12/345/7 and 12/346/2), rendita 1057,45; 10000002
# two situations, the first (rendita "120": 120.00) closed on 10/06/2020 when
# the second (147,7: 147.70) opens; 10000003 a 2001-era 40-field line with a
# Latin-1 address (NICOLÒ); 10000004 SIT-era 47 fields, rendita 42787;
# 10000005 a bene comune non censibile (partita A); 10000006 rejected (rendita
# 61l,01, line 18).  TER: 20000001 0 ha 45 are 50 ca = 4550 m2, RD 25,30,
# RA 18 (18.00); 20000002 1 ha 60 are = 16000 m2, RD 155,75, RA 102,43.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --emit units "B157_supply.FAB" "B157_supply.TER"
exit: 1
--- stdout
belfiore,unit_id,kind,section,sheet,parcel,sub,category,class,consistency,surface_m2,rendita,reddito_dominicale,valid_from,valid_to,address,seq,reddito_agrario,quality,area_m2,partita,identifiers
B157,B157-F-10000001,F,,12,345,7,A02,03,6.5,112,1057.45,,2010-09-20,,VIA GARIBALDI 5,1,,,,,12/345/7 12/346/2
B157,B157-F-10000002,F,,12,400,15,C06,02,18,20,120.00,,2005-01-01,2020-06-10,,1,,,,,12/400/15
B157,B157-F-10000002,F,,12,400,15,C06,03,22,25,147.70,,2020-06-10,,PIAZZA DELLA LOGGIA 3/A,2,,,,,12/400/15
B157,B157-F-10000003,F,,7,10,3,A03,2,5,,413.17,,1992-01-01,,VIA NICOLÒ TOMMASEO 14,1,,,,0001234,7/10/3
B157,B157-F-10000004,F,,30,501,,D01,,,,42787.00,,2023-07-01,,,1,,,,,30/501/
B157,B157-F-10000005,F,,12,345,1,,,,,,,2010-09-20,,,1,,,,A,12/345/1
B157,B157-T-20000001,T,,7,120,,,02,,,,25.30,1999-03-15,,,1,18.00,1,4550,0004321,7/120/
B157,B157-T-20000002,T,,15,33,,,01,,,,155.75,2008-07-01,,,1,102.43,1,16000,,15/33/
--- stderr
import-cadastre: B157_supply.FAB:18: field 13 (rendita): '61l,01' is not an amount
import-cadastre: report: 1 extra_fields
import-cadastre: read 24, written 23, rejected 1
