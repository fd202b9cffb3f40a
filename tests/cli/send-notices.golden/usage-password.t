# A password on the command line is refused, and never echoed, even as an
# abbreviation getopt would accept for --password-file.
cmd: send-notices --channel email --smtp smtp://127.0.0.1:1 --user u --password hunter2 --from a@b.it n.csv
cmd: send-notices --channel email --smtp smtp://127.0.0.1:1 --user u --passw=hunter2 --from a@b.it n.csv
exit: 2
--- stderr
send-notices: passwords are never given on the command line: use --password-file F or $ESATTORE_SMTP_PASSWORD
Try 'send-notices --help' for more information.
send-notices: passwords are never given on the command line: use --password-file F or $ESATTORE_SMTP_PASSWORD
Try 'send-notices --help' for more information.
