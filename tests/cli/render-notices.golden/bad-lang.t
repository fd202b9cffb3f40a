# Only it, de and en are known languages: exit 2.
cmd: render-notices --ente "$TESTDATA/notices/ente.ini" --lang fr -o x.pdf < /dev/null
exit: 2
--- stderr-match
^render-notices: --lang: 'fr': expected it, de or en$
