exit: 0
# --as-of 2019-01-01: 10000002 situation 1 (2005 to 2020) only; 10000004
# (from 2023) is left out.  Titles of 10000002: only the seller, whose title
# ends on 16/05/2019.
cmd: cp "$TESTDATA"/cadastre/B157_* .
cmd: import-cadastre --emit units --as-of 2019-01-01 B157_supply.FAB 2>/dev/null | cut -d, -f2,8,12,14,15,17
cmd: import-cadastre --emit titles --as-of 2019-01-01 B157_supply.* 2>/dev/null | grep 10000002 | cut -d, -f1,2,8,9
cmd: import-cadastre --emit titles --as-of 2019-05-16 B157_supply.* 2>/dev/null | grep 10000002 | cut -d, -f1,2,8,9
--- stdout
unit_id,category,rendita,valid_from,valid_to,seq
B157-F-10000001,A02,1057.45,2010-09-20,,1
B157-F-10000002,C06,120.00,2005-01-01,2020-06-10,1
B157-F-10000003,A03,413.17,1992-01-01,,1
B157-F-10000005,,,2010-09-20,,1
B157-F-10000002,B157-P-900003,2005-01-01,2019-05-16
B157-F-10000002,B157-P-900004,2019-05-16,
