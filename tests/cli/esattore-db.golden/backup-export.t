exit: 0
# backup makes a consistent 0600 copy and refuses to overwrite; export writes one CSV per table.
cmd: esattore-db -q init l.db
cmd: sqlite3 l.db "INSERT INTO subjects(subject_id,kind,tax_code,surname,name) VALUES ('F205-1','P','RSSMRA85T10A562S','Rossi','Mario')"
cmd: esattore-db backup l.db b.db && stat -c %a b.db && esattore-db -q check b.db
cmd: esattore-db backup l.db b.db 2>/dev/null; echo "second backup: exit $?"
cmd: esattore-db export l.db out && ls out && cat out/subjects.csv
--- stdout
600
second backup: exit 2
acts.csv
allocations.csv
coercive_acts.csv
due_lines.csv
notices.csv
notification_events.csv
payments.csv
plan_installments.csv
plans.csv
positions.csv
run_inputs.csv
runs.csv
sends.csv
sequences.csv
subjects.csv
supplies.csv
titles.csv
unit_identifiers.csv
unit_situations.csv
units.csv
subject_id,kind,tax_code,tax_code_valid,surname,name,sex,birth_date,birth_place,denomination,seat,address,pec,email,run_id
F205-1,P,RSSMRA85T10A562S,1,Rossi,Mario,,,,,,,,,
