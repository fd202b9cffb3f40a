exit: 0
# An unknown option: usage on stderr, exit 2.
cmd: emit-injunctions --bogus 2>err; echo "exit $?"; head -1 err
--- stdout
exit 2
emit-injunctions: unrecognized option '--bogus'
