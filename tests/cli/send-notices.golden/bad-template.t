exit: 0
# An unknown placeholder in the template stops the run: exit 2, naming the
# template and the placeholder; nothing is delivered.
cmd: send-notices --channel maildir --out-dir md --from t@comune.example.it --template ./t.txt "$TESTDATA/send/notices.csv" >/dev/null; echo "status $?"; ls md/new | wc -l
--- file t.txt
Subject: {subject_text}

Dear {nickname},
--- file N01.pdf
%PDF-1.4
--- stdout
status 2
0
--- stderr
send-notices: ./t.txt: unknown placeholder {nickname}
