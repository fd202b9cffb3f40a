# A full disk on stdout is an error (exit 3), not a silent truncation.
cmd: plan-installments --amount 4500 --as-of 2025-03-10 -q > /dev/full
exit: 3
--- stderr-match
write error
