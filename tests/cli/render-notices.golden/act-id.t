# The act's number: a stream that carries act_id (export-notices does for
# acts) prints it after "Atto n." ({act_id,notice_id} in the template);
# the same notice without the column prints its notice_id (accertamento.t).
# Here act_id is ACC-2026-000123 and notice_id A0001.
cmd: awk -F, -v OFS=, 'NR == 1 { $1 = $1 ",act_id" } NR == 2 { $1 = $1 ",ACC-2026-000123" } { print }' "$TESTDATA/notices/accertamento.csv" > in.csv
cmd: render-notices -q --ente "$TESTDATA/notices/ente-nopostal.ini" -o n.pdf in.csv
cmd: pdftotext -layout n.pdf - | grep -E '^ *Atto n\.' | sed 's/  */ /g; s/^ //'
--- stdout
Atto n. ACC-2026-000123 · IMU anno 2021
