exit: 0
# A flow without importoTotalePagamenti, a DOCTYPE (XXE) and a malformed
# journal: each is one rejected input; nothing else stops.
cmd: match-payments --dues "$TESTDATA"/match/dues.csv "$TESTDATA"/pagopa/invalid-missing-total.xml "$TESTDATA"/pagopa/invalid-doctype-xxe.xml "$TESTDATA"/treasury/invalid-malformed.xml 2> err; echo "exit $?"
cmd: sed "s|$TESTDATA/||g" err
--- stdout
payment_id,position_id,notice_number,tax_code,amount,rule,status,recon,note
exit 1
match-payments: match/dues.csv: dues read 18, rejected 0
match-payments: pagopa/invalid-missing-total.xml: missing <importoTotalePagamenti>
match-payments: pagopa/invalid-doctype-xxe.xml: line 8: DOCTYPE and entity declarations are refused
match-payments: treasury/invalid-malformed.xml: line 49: Extra content at the end of the document
match-payments: read 3, written 0, rejected 3
