exit: 0
# An unknown option: usage on stderr, exit 2.
cmd: track-notifications --bogus 2>err; echo "exit $?"; head -1 err
--- stdout
exit 2
track-notifications: unrecognized option '--bogus'
