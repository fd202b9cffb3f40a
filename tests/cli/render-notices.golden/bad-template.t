# A --template that does not exist is a configuration error (exit 2),
# found before any input is read.
cmd: render-notices --ente "$TESTDATA/notices/ente.ini" --template nosuch -o x.pdf < /dev/null
exit: 2
--- stderr-match
^render-notices: template .*/templates/nosuch.tmpl: 
