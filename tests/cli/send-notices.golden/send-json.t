exit: 0
# SEND payloads: one JSON file per notice, nothing sent.  N02 (a company,
# 11-digit tax code: PG; PEC as digital domicile; two installments: two
# pagoPA payments; amount 625.00 + 625.00 = 125000 cents; expiry the first
# installment's 2026-04-30); N04 has no address at all: SEND posts it
# (physicalAddress only, PF).  The digest is the base64 of the SHA-256 of
# the PDF's bytes, recomputed below with sha256sum, awk and base64.
cmd: send-notices --channel send-json --out-dir j --ente ente.ini --taxonomy 010101P --segment 'notice_id=N02|N04' -q "$TESTDATA/send/notices.csv" | cut -d, -f1-5; echo "status $?"
cmd: ls j; cat j/N02.pdf.json j/N04.pdf.json
cmd: printf "$(sha256sum N02.pdf | cut -c1-64 | awk '{ for (i = 1; i < 64; i += 2) printf "\\%03o", index("0123456789abcdef", substr($0, i, 1)) * 16 + index("0123456789abcdef", substr($0, i + 1, 1)) - 17 }')" | base64
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
--- file N04.pdf
%PDF-1.4
notice N04
%%EOF
--- stdout
notice_id,recipient,channel,status,reason
N01,,send-json,skipped,not selected by --segment
N02,bianchi@pec.example.it,send-json,sent,j/N02.pdf.json
N03,,send-json,skipped,not selected by --segment
N04,,send-json,sent,j/N04.pdf.json
status 0
N02.pdf.json
N04.pdf.json
{
  "idempotenceToken": "esattore.N02.301000000002000250.send",
  "paProtocolNumber": "N02",
  "subject": "IMU 2021 - avviso di accertamento esecutivo",
  "recipients": [
    {
      "recipientType": "PG",
      "taxId": "01199250158",
      "denomination": "Bianchi Costruzioni S.r.l.",
      "digitalDomicile": {
        "type": "PEC",
        "address": "bianchi@pec.example.it"
      },
      "physicalAddress": {
        "address": "Corso Vittorio Emanuele II 100",
        "zip": "10121",
        "municipality": "Torino",
        "province": "TO"
      },
      "payments": [
        {
          "pagoPa": {
            "noticeCode": "301000000002000250",
            "creditorTaxId": "01199250158",
            "applyCost": false
          }
        },
        {
          "pagoPa": {
            "noticeCode": "301000000002000351",
            "creditorTaxId": "01199250158",
            "applyCost": false
          }
        }
      ]
    }
  ],
  "documents": [
    {
      "digests": {
        "sha256": "41MREVMeMcbXZ/b3MfUbt5pBHbfBg89IHiR5COKGOeI="
      },
      "contentType": "application/pdf",
      "ref": {
        "key": "N02.pdf",
        "versionToken": ""
      },
      "title": "N02.pdf",
      "docIdx": "0"
    }
  ],
  "notificationFeePolicy": "FLAT_RATE",
  "physicalCommunicationType": "AR_REGISTERED_LETTER",
  "senderDenomination": "Comune di Forlì",
  "senderTaxId": "01199250158",
  "taxonomyCode": "010101P",
  "amount": 125000,
  "paymentExpirationDate": "2026-04-30"
}
{
  "idempotenceToken": "esattore.N04.301000000002000553.send",
  "paProtocolNumber": "N04",
  "subject": "TARI 2026 - utenza domestica",
  "recipients": [
    {
      "recipientType": "PF",
      "taxId": "NREANN70A41F205U",
      "denomination": "Anna Neri",
      "physicalAddress": {
        "address": "Via Dante 5",
        "zip": "20121",
        "municipality": "Milano",
        "province": "MI"
      },
      "payments": [
        {
          "pagoPa": {
            "noticeCode": "301000000002000553",
            "creditorTaxId": "01199250158",
            "applyCost": false
          }
        }
      ]
    }
  ],
  "documents": [
    {
      "digests": {
        "sha256": "3t63/SpBsKQsrZ8rCZYISfOp1KwPF6UHEPO5LmZtnxk="
      },
      "contentType": "application/pdf",
      "ref": {
        "key": "N04.pdf",
        "versionToken": ""
      },
      "title": "N04.pdf",
      "docIdx": "0"
    }
  ],
  "notificationFeePolicy": "FLAT_RATE",
  "physicalCommunicationType": "AR_REGISTERED_LETTER",
  "senderDenomination": "Comune di Forlì",
  "senderTaxId": "01199250158",
  "taxonomyCode": "010101P",
  "amount": 8800,
  "paymentExpirationDate": "2026-06-16"
}
41MREVMeMcbXZ/b3MfUbt5pBHbfBg89IHiR5COKGOeI=
