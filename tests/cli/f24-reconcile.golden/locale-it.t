# --locale it: ';' separators and ',' decimals; the credit offset row of
# line 7 is 400,00 - 150,00 = 250,00; dates stay ISO.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile --quiet --locale it basic.txt | cut -d';' -f1,10,12,16,17 | sed -n '1p;7p'
cmd: f24-reconcile --locale fr basic.txt
exit: 2
--- stdout
payment_id;paid_on;amount;debit;credit
F24-F205-2025010801-20250107-2025011001-000004-01;2024-12-16;250,00;400,00;150,00
--- stderr
f24-reconcile: --locale: unknown locale 'fr' (use 'it' or 'C')
Try 'f24-reconcile --help' for more information.
