exit: 0
# Maildir delivery: N01 (PEC) and N03 (e-mail only) are written to new/
# (via tmp/), N02 has a PEC too; N04 has no address: paper, its row into the
# print file.  The message of N01, checked by hand:
#   - From: the ente's name "Comune di Forlì": ì = U+00EC = C3 AC in UTF-8,
#     Q-encoded =C3=AC, spaces as '_';
#   - To: "Nicolò Rossi": ò = C3 B2;
#   - Subject from mail-bill.txt absent, so mail-default.txt:
#     "{subject_text} - avviso n. {notice_number}";
#   - Date: SOURCE_DATE_EPOCH 1790000000 = Mon, 21 Sep 2026 14:13:20 UTC;
#   - body in quoted-printable: "Può" = Pu=C3=B2, "è" = =C3=A8, lines <= 76
#     with soft breaks '='; total 150.00 shown as 150,00, due 16/06/2026;
#   - the PDF "%PDF-1.4\nnotice N01\n%%EOF\n" (25 bytes) in base64:
#     "%PD" JVBE, "F-1" Ri0x, ".4\n" LjQK, "not" bm90, "ice" aWNl,
#     " N0" IE4w, "1\n%" MQol, "%EO" JUVP, "F\n" Rgo= -> 36 characters.
cmd: SOURCE_DATE_EPOCH=1790000000 send-notices --channel maildir --out-dir md --ente ente.ini --from tributi@comune.example.it --print-file print.csv "$TESTDATA/send/notices.csv"; echo "status $?"
cmd: echo "== print.csv"; cat print.csv; echo "== new/"; ls md/new md/tmp; echo "== N01"; cat md/new/esattore.N01.301000000002000149.maildir@comune.example.it | tr -d '\r'
--- file ente.ini
[ente]
name=Comune di Forlì
tax_code=01199250158
belfiore=D704
province=FC
pec=tributi@pec.comune.example.it
website=https://www.comune.example.it
--- file N01.pdf
%PDF-1.4
notice N01
%%EOF
--- file N02.pdf
%PDF-1.4
notice N02
%%EOF
--- file N03.pdf
%PDF-1.4
notice N03
%%EOF
--- stdout
notice_id,recipient,channel,status,reason,message_id,at
N01,rossi@pec.example.it,maildir,sent,delivered to new/,esattore.N01.301000000002000149.maildir@comune.example.it,2026-09-21T14:13:20Z
N02,bianchi@pec.example.it,maildir,sent,delivered to new/,esattore.N02.301000000002000250.maildir@comune.example.it,2026-09-21T14:13:20Z
N03,verdi@example.com,maildir,sent,delivered to new/,esattore.N03.301000000002000452.maildir@comune.example.it,2026-09-21T14:13:20Z
N04,,paper,paper,print file,,2026-09-21T14:13:20Z
status 0
== print.csv
notice_id,act_type,tax_code,name,address,pec,email,subject_text,installment,notice_number,amount,due_date
N04,bill,NREANN70A41F205U,Anna Neri,"Via Dante 5, 20121 Milano (MI)",,,TARI 2026 - utenza domestica,0,301000000002000553,88.00,2026-06-16
== new/
md/new:
esattore.N01.301000000002000149.maildir@comune.example.it
esattore.N02.301000000002000250.maildir@comune.example.it
esattore.N03.301000000002000452.maildir@comune.example.it

md/tmp:
== N01
Date: Mon, 21 Sep 2026 14:13:20 +0000
From: =?UTF-8?Q?Comune_di_Forl=C3=AC?= <tributi@comune.example.it>
To: =?UTF-8?Q?Nicol=C3=B2_Rossi?= <rossi@pec.example.it>
Subject: TARI 2026 - utenza domestica - avviso n. 301000000002000149
Message-ID: <esattore.N01.301000000002000149.maildir@comune.example.it>
X-Esattore-Notice: N01
MIME-Version: 1.0
Content-Type: multipart/mixed;
 boundary="=_esattore_907e2567"

This is a multi-part message in MIME format.

--=_esattore_907e2567
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

Gentile Nicol=C3=B2 Rossi,

in allegato trova l'avviso "TARI 2026 - utenza domestica" emesso da Comune =
di Forl=C3=AC
(codice fiscale RSSNCL85T10A562B).

Importo: euro 150,00
Scadenza: 16/06/2026
Codice avviso pagoPA: 301000000002000149

Pu=C3=B2 pagare con pagoPA presso banche, uffici postali, tabaccherie e onl=
ine,
usando il codice avviso o il codice QR stampato sull'avviso allegato.

Questo messaggio =C3=A8 stato inviato da un sistema automatico: per informa=
zioni
scriva a tributi@pec.comune.example.it.

Comune di Forl=C3=AC

--=_esattore_907e2567
Content-Type: application/pdf; name="N01.pdf"
Content-Disposition: attachment; filename="N01.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKbm90aWNlIE4wMQolJUVPRgo=

--=_esattore_907e2567--
--- stderr
send-notices: read 4, written 4, rejected 0
send-notices: sent 3, failed 0, deferred 0, paper 1, skipped 0, planned 0
