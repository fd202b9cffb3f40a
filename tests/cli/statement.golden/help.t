# --help goes to stdout with exit 0 and names the program.
cmd: statement --help | sed -n '1p;/--version/p'
--- stdout
Usage: statement [--db FILE] [--format text|csv|pdf] TAX_CODE
      --version       output version information and exit
