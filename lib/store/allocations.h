/* allocations.h: the ledger side of match-payments.
 *
 * Reading: every position with its due lines and notices is loaded into a
 * matcher (es_store_alloc_load_dues), then, once the matcher is sealed,
 * what earlier runs allocated (es_store_alloc_load_paid): the MATCHED and
 * PARTIAL amounts per position and notice, and the payment_ids whose
 * allocation is final.  A payment whose only allocations are UNMATCHED is
 * not final: it is matched again on the next run, so a credit whose flow
 * arrives a day later is picked up (GovPay #521), and its stale UNMATCHED
 * rows are replaced.
 *
 * Writing: es_store_alloc_write records one allocation of the current run
 * (inside the run transaction of es_ledger_run_begin): the payment through
 * payments.h (idempotent), then the allocation row; es_store_alloc_finish
 * writes the last block of them, before the run is committed.  A treasury credit
 * reconciled with its pagoPA flow (rule "flow", MATCHED) gets an allocation
 * without a position: the flow's items are what pays the positions, the
 * credit is only marked final.
 *
 * Ownership: es_store_alloc_open returns a handle freed by
 * es_store_alloc_close, before the ledger is closed. */
#ifndef ES_STORE_ALLOCATIONS_H
#define ES_STORE_ALLOCATIONS_H

#include "es_setup.h"
#include "types/error.h"
#include "store/ledger.h"
#include "domain/matching.h"

typedef struct es_alloc_store es_alloc_store;

es_alloc_store *es_store_alloc_open(es_ledger *l, es_err *err);
void es_store_alloc_close(es_alloc_store *s);

/* Positions, due lines and notices of the ledger into m (before seal). */
es_rc es_store_alloc_load_dues(es_alloc_store *s, es_matcher *m, es_err *err);
/* Amounts already allocated, and final payment_ids (after seal). */
es_rc es_store_alloc_load_paid(es_alloc_store *s, es_matcher *m, es_err *err);
/* Treasury and bank credits left UNMATCHED by earlier runs, into m as
 * credits (after tonight's inputs, skipping those they contain), so that
 * a flow arriving a night later closes them without the journal being
 * read again. */
es_rc es_store_alloc_load_pending(es_alloc_store *s, es_matcher *m, es_err *err);
/* Record one allocation of this run.  Rows are buffered: errors of
 * writing may be reported by a later call or by es_store_alloc_finish. */
es_rc es_store_alloc_write(es_alloc_store *s, const es_alloc *a, es_err *err);
/* Write what is still buffered: call it after the last
 * es_store_alloc_write and before es_ledger_run_commit.  Closing without
 * it drops the buffer (right when the run is aborted). */
es_rc es_store_alloc_finish(es_alloc_store *s, es_err *err);
/* Was payment_id allocated for good (an allocation other than UNMATCHED)
 * by an earlier run?  The matcher's sink asks this to confirm what its
 * fingerprints of final ids say (matching.h, es_match_sink.known). */
es_rc es_store_alloc_is_final(es_alloc_store *s, const char *payment_id, bool *final, es_err *err);

#endif
