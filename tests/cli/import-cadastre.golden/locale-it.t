exit: 0
# --locale it: ';' separator and ',' decimals (rendita 1057,45).
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --emit units --locale it --quiet "B157_supply.FAB" 2>/dev/null | sed -n '1p;2p'
--- stdout
belfiore;unit_id;kind;section;sheet;parcel;sub;category;class;consistency;surface_m2;rendita;reddito_dominicale;valid_from;valid_to;address;seq;reddito_agrario;quality;area_m2;partita;identifiers
B157;B157-F-10000001;F;;12;345;7;A02;03;6.5;112;1057,45;;2010-09-20;;VIA GARIBALDI 5;1;;;;;12/345/7 12/346/2
