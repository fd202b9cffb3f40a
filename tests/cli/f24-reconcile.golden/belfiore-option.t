exit: 0
# --belfiore B990: the Z1 (F205) and every row but line 8 are for another
# municipality; the flag belfiore_ok says so row by row.
cmd: cp "$TESTDATA"/f24/*.txt .
cmd: f24-reconcile --belfiore B990 basic.txt 2>err | cut -d, -f26 | sort | uniq -c
cmd: grep -c 'difference: belfiore' err
--- stdout
     12 0
      1 1
      1 belfiore_ok
16
