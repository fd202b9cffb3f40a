/* match_run.h: one match-payments run (match-payments(1), issue 7).
 *
 *   es_match_run_new        the matcher
 *   es_match_run_add_input  each INPUT, recognised by content: a payments
 *                           CSV (f24-reconcile's stream or its --summary,
 *                           a bank statement), a pagoPA flow, an OPI
 *                           giornale di cassa ("-": standard input, a CSV)
 *   es_match_run_open       the outputs: the allocations stream into out,
 *                           UNMATCHED and DUPLICATE rows also into
 *                           opts->unmatched; the rejects
 *   es_match_run_reserve    the matcher sized from the inputs' sizes
 *   es_match_run_load_ledger  with a ledger (its run begun): the inputs
 *                           recorded as the run's, the dues loaded
 *   es_match_run_load_dues  without: the dues CSV
 *   es_match_run_seal       the dues indexed; with a ledger, what earlier
 *                           runs allocated
 *   es_match_run_load_manual  the manual allocations
 *   es_match_run_match      flows and credits read (a flow's items are
 *                           read again at the end, one at a time), the
 *                           payments matched as they stream, then flows
 *                           and credits reconciled
 *   es_match_run_flush      the outputs written out (and the ledger's last
 *                           block of allocations)
 *   es_match_run_close_store  before the ledger's run is committed
 *
 * Nothing here prints or exits: warnings and progress go through the
 * callbacks (progress with the number of payments read), bad rows through
 * rejects.  The run borrows out, rejects and the ledger. */
#ifndef ES_DOMAIN_MATCH_RUN_H
#define ES_DOMAIN_MATCH_RUN_H

#include <stdio.h>

#include "es_setup.h"
#include "types/error.h"
#include "types/date.h"
#include "types/money.h"
#include "io/diag.h"
#include "domain/matching.h"
#include "store/ledger.h"

typedef struct es_match_run es_match_run;

typedef struct es_match_run_opts {
	es_money_style money;        /* amounts in the CSV inputs */
	bool locale_it;              /* output ';' separators and ',' decimals */
	es_date as_of;               /* --as-of, or ES_DATE_NONE */
	const char *unmatched;       /* a file for UNMATCHED and DUPLICATE rows, or NULL */
	int acconto_window;          /* es_matcher_set_acconto_window (ES_MATCH_ACCONTO_WINDOW) */
} es_match_run_opts;

typedef struct es_match_run_stats {
	es_summary sum;              /* payments read, written, rejected */
	uint64_t other_rejected;     /* rows of the dues and manual files rejected */
	uint64_t skipped;            /* payments allocated by earlier runs */
} es_match_run_stats;

/* warn and progress may be NULL. */
es_match_run *es_match_run_new(const es_match_run_opts *opts, es_warn_fn warn, es_progress_fn progress, void *ctx,
                               es_err *err);
void es_match_run_free(es_match_run *r);

/* ES_EDATA: an XML that is neither a flow nor a giornale. */
es_rc es_match_run_add_input(es_match_run *r, const char *path, es_err *err);
/* rejects is borrowed and required. */
es_rc es_match_run_open(es_match_run *r, FILE *out, es_rejects *rejects, es_err *err);
/* dues: the dues CSV, or NULL. */
es_rc es_match_run_reserve(es_match_run *r, const char *dues, es_err *err);
es_rc es_match_run_load_ledger(es_match_run *r, es_ledger *ledger, es_err *err);
es_rc es_match_run_load_dues(es_match_run *r, const char *path, es_err *err);
es_rc es_match_run_seal(es_match_run *r, es_err *err);
es_rc es_match_run_load_manual(es_match_run *r, const char *path, es_err *err);
es_rc es_match_run_match(es_match_run *r, es_err *err);
es_rc es_match_run_flush(es_match_run *r, es_err *err);
/* On failure: what is buffered for out, written out as far as it goes. */
void es_match_run_flush_partial(es_match_run *r);
void es_match_run_close_store(es_match_run *r);
const es_match_run_stats *es_match_run_stats_of(const es_match_run *r);

#endif
