exit: 0
cmd: esattore-db --frobnicate check x.db 2>&1 >/dev/null | head -1 | sed 's/^[^:]*: //'
--- stdout
unrecognized option '--frobnicate'
