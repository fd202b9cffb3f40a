exit: 0
# --help goes to stdout with exit 0 and names the program; stderr is empty.
cmd: send-notices --help | sed -n '1p;/--password-file/p;/--version/p'
--- stdout
Usage: send-notices --channel pec|email|maildir|send-json [OPTION]... NOTICES.csv
      --password-file F    the SMTP password (first line of F); else $ESATTORE_SMTP_PASSWORD
      --version            output version information and exit
