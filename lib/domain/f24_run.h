/* f24_run.h: one f24-reconcile run (f24-reconcile(1), f24-supply(5)).
 *
 * The supplies are read twice (f24_reconcile.h): standard input is first
 * copied to a private temporary file (removed by es_f24_run_free).
 *
 *   es_f24_run_new         the codes, the parser and the reconciliation
 *   es_f24_run_add_input   each FILE ("-": standard input)
 *   es_f24_run_scan        pass 1: every record parsed, unreadable records
 *                          rejected, Z1 supply keys collected, warnings for
 *                          padded and long records and for a name layout
 *                          that looks like the other one
 *   es_f24_run_record_supplies  with a ledger: each input recorded as an
 *                          input of the ledger's run, each supply noted
 *                          (warning when imported before)
 *   es_f24_run_write       pass 2: the payments stream into w (header
 *                          included), one row per G1 with the G9s applied,
 *                          re-delivered G1s rejected; with a ledger the
 *                          payments recorded; then the blocks checked and
 *                          the G9s that matched no G1 looked up in the ledger
 *   es_f24_run_write_summary  the reconciliation, block by block and
 *                          difference by difference, into a writer
 *   es_f24_run_report      the differences and the totals as warnings
 *   es_f24_run_close_store before the ledger's run is committed
 *
 * Nothing here prints or exits: warnings and progress go through the
 * callbacks, rejected records through rejects.  The run borrows the
 * rejects, the ledger and the writers the caller gives it. */
#ifndef ES_DOMAIN_F24_RUN_H
#define ES_DOMAIN_F24_RUN_H

#include "es_setup.h"
#include "types/error.h"
#include "io/csv.h"
#include "io/diag.h"
#include "domain/f24.h"
#include "domain/f24_reconcile.h"
#include "store/ledger.h"

typedef struct es_f24_run es_f24_run;

typedef struct es_f24_run_stats {
	es_summary sum;               /* records read, written, rejected */
	uint64_t padded, long_lines;  /* short records padded, long records cut */
	uint64_t inserted, existing, conflicts, status_changes;  /* the ledger's payments */
} es_f24_run_stats;

/* belfiore: the --belfiore code or NULL (f24_reconcile.h); rejects is
 * borrowed and required; warn and progress may be NULL. */
es_f24_run *es_f24_run_new(es_f24_name_layout layout, const char *belfiore, es_rejects *rejects,
                           es_warn_fn warn, es_progress_fn progress, void *ctx, es_err *err);
/* Stop the run: close the payments store, remove the spool, free it. */
void es_f24_run_free(es_f24_run *r);

/* name "-" is standard input, spooled now (once only: ES_ECONFIG the
 * second time). */
es_rc es_f24_run_add_input(es_f24_run *r, const char *name, es_err *err);
es_rc es_f24_run_scan(es_f24_run *r, es_err *err);
/* ledger: open for writing, its run begun. */
es_rc es_f24_run_record_supplies(es_f24_run *r, es_ledger *ledger, es_err *err);
es_rc es_f24_run_write(es_f24_run *r, es_csv_writer *w, es_err *err);
es_rc es_f24_run_write_summary(const es_f24_run *r, es_csv_writer *w, es_err *err);
/* Returns the number of differences not explained. */
uint64_t es_f24_run_report(const es_f24_run *r);
void es_f24_run_close_store(es_f24_run *r);

const es_f24_run_stats *es_f24_run_stats_of(const es_f24_run *r);
const es_f24_recon *es_f24_run_recon(const es_f24_run *r);

#endif
