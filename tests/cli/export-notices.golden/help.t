exit: 0
# --help on stdout, exit 0, nothing on stderr.
cmd: export-notices --help | sed -n '1p;$p'
--- stdout
Usage: export-notices [--db FILE] [OPTION]...
configuration error; 3 I/O or database failure.
