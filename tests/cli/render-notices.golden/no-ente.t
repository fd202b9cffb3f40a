# Without --ente and without $ESATTORE_ENTE there is nothing to print for:
# a configuration error, exit 2.
cmd: render-notices -o x.pdf < /dev/null
exit: 2
--- stderr-match
^render-notices: .*ESATTORE_ENTE
