exit: 0
# An unknown option is a usage error: the usage on stderr, exit 2.
cmd: import-cadastre --frobnicate x.FAB 2>&1 | sed -n '1,2p'
--- stdout
import-cadastre: unrecognized option '--frobnicate'
Usage: import-cadastre [--db FILE] [--emit units|subjects|titles] [--as-of DATE]
