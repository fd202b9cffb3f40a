# --help goes to stdout with exit 0 and names the program; stderr is empty.
cmd: render-notices --help | sed -n '1p;/--print-file/p;/--version/p'
--- stdout
Usage: render-notices --ente FILE [OPTION]... [NOTICES.csv]...
      --print-file FILE      write the mailing data CSV for the print house
      --version              output version information and exit
