# An unknown option is a usage error: exit 2, nothing on stdout.
cmd: render-notices --frobnicate -o x.pdf 2>&1 >/dev/null | sed -n '1s/^[^:]*: //p'
--- stdout
unrecognized option '--frobnicate'
