# --help goes to stdout with exit 0 and names the program; stderr is empty.
cmd: esattore-db --help | sed -n '1p;/^Commands:/p;/--version/p'
--- stdout
