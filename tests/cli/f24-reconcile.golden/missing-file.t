# A file that cannot be opened is an I/O failure: exit 3.
cmd: f24-reconcile nosuch.txt
exit: 3
--- stderr-match
^f24-reconcile: .*nosuch.txt.*
