# DIR/ente.conf has exactly the groups and keys of lib/ente.h (esattore-ente(5)).
cmd: esattore-synth --out d --subjects 1 --quiet && grep -o '^\[[a-z]*\]\|^[a-z_0-9]*=' d/ente.conf
--- stdout
[ente]
name=
tax_code=
belfiore=
province=
address=
pec=
website=
[pagopa]
aux_digit=
segregation_code=
cbill=
iban=
postal_account=
postal_holder=
postal_auth=
[rules]
interest_spread=
mora_spread=
min_amount=
day_count=
covid_shift=
[contract]
aggio_s1=
aggio_s2=
aggio_s3=
vat=
