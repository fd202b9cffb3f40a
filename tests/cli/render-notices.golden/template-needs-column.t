# Forcing the accertamento template on a bill's input: the template needs
# columns the input does not have, so the notice is rejected (exit 1) and
# no page is printed.
cmd: render-notices --ente "$TESTDATA/notices/ente.ini" --template accertamento -o n.pdf "$TESTDATA/notices/single.csv"
exit: 1
--- stderr-match
^render-notices: .*/single.csv:2: notice N0001: template accertamento: \[letter\] reference: the template needs column 'tax', which the input does not have$
^render-notices: read 1, written 0, rejected 1$
