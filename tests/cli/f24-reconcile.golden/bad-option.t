# An unknown option is a usage error: exit 2, the usage hint on standard error.
cmd: f24-reconcile --frobnicate
exit: 2
--- stderr-match
^f24-reconcile: unrecognized option '--frobnicate'
^Usage: f24-reconcile
