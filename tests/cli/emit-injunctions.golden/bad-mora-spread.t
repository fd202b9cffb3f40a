# c. 802: the mora spread is at most 2 points.
cmd: emit-injunctions --as-of 2025-05-02 --loads x.csv --mora-spread 3
exit: 2
--- stderr
emit-injunctions: --mora-spread: 3 is outside the range of L. 160/2019 c. 802
Try 'emit-injunctions --help' for more information.
