exit: 0
# The pipeline step: render-notices writes one PDF per notice, send-notices
# attaches it.  N0006 (a PEC) goes to the Maildir with its rendered PDF,
# byte for byte (the attachment decoded with base64 -d and compared with
# cmp); N0001 (no address) goes to the print file.  Same names on both
# sides: '{tax_code}_{notice_number}.pdf'.
cmd: { cat "$TESTDATA/notices/six.csv"; tail -n +2 "$TESTDATA/notices/single.csv"; } > n.csv
cmd: mkdir pdf && render-notices -q --ente "$TESTDATA/notices/ente.ini" --out-dir pdf --name-template '{tax_code}_{notice_number}.pdf' n.csv
cmd: ls pdf
cmd: send-notices -q --channel maildir --out-dir md --from tributi@comune.esempio.it --ente "$TESTDATA/notices/ente.ini" --pdf-dir pdf --pdf-name '{tax_code}_{notice_number}.pdf' --print-file paper.csv n.csv | cut -d, -f1-4
cmd: f=$(ls md/new/*); tr -d '\r' < "$f" | awk '/^Content-Transfer-Encoding: base64$/ { on = 1; getline; next } on && /^--/ { on = 0 } on && NF' | base64 -d > got.pdf
cmd: cmp got.pdf pdf/01199250158_301000000000100020.pdf && echo "attachment = rendered PDF"
cmd: cut -d, -f1 paper.csv
--- stdout
01199250158_301000000000100020.pdf
RSSMRA85T10A562S_301000000000012373.pdf
notice_id,recipient,channel,status
N0006,bianchi@pec.example.it,maildir,sent
N0001,,paper,paper
attachment = rendered PDF
notice_id
N0001
