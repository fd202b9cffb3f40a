/* coercive_run.h: one emit-injunctions run (emit-injunctions(1)).
 *
 * es_coercive_run_ledger walks the ledger's chains (store/coercive.h):
 * for each notified, unpaid chain with no plan and no pending
 * intimazione, es_coercive_next_step decides a sollecito or an
 * intimazione (written to acts, with mora, charges and the payments
 * imputed by art. 1194 c.c.), an exclusion (below the minimum, expired:
 * to excluded) or the measures (to measures, when set, with the facts of
 * es_coercive_run_read_facts).  Every chain counts as read and written.
 *
 * es_coercive_run_loads reads a load list (load_id, tax_code, name,
 * address, revenue, year, reference, principal, sanction, interest,
 * costs, due_on, notified_on; optional channel) and writes an ingiunzione
 * (R.D. 639/1910) per row, unless prescribed, past the title term (L.
 * 296/2006 c. 163), under the minimum (L. 160/2019 c. 794) or already
 * issued (excluded).  Bad rows are rejected.
 *
 * With post, the acts are recorded in the ledger.  Without an excluded
 * writer, exclusions go to the warn callback.  Nothing here prints or
 * exits.  The run borrows everything the caller sets; es_coercive_run_free
 * frees the facts read. */
#ifndef ES_DOMAIN_COERCIVE_RUN_H
#define ES_DOMAIN_COERCIVE_RUN_H

#include "es_setup.h"
#include "types/error.h"
#include "io/csv.h"
#include "io/diag.h"
#include "domain/coercive.h"
#include "domain/penalty.h"
#include "store/ledger.h"

typedef struct es_coercive_fact es_coercive_fact;

typedef struct es_coercive_run {
	/* Set by the caller. */
	const es_penalty_rules *penalty;
	const es_coercive_rules *rules;
	es_ledger *ledger;            /* NULL: loads only, nothing already issued */
	es_rejects *rejects;
	es_csv_writer *w;             /* the acts: required */
	es_csv_writer *measures;      /* optional (NULL) */
	es_csv_writer *excluded_w;    /* optional (NULL: exclusions are warnings) */
	es_date as_of;
	const char *kind;             /* NULL: every kind; else ingiunzione, intimazione or sollecito */
	const char *channel;          /* notification channel of the acts */
	es_cents channel_cost;        /* of channel on as_of */
	int64_t mora_spread, spread;  /* ES_PCT_SCALE */
	es_daycount dc;
	bool covid, post, decimal_comma;
	int segregation;              /* the ente's code, for posted notices */
	es_warn_fn warn;              /* NULL: dropped */
	es_progress_fn progress;      /* rows read; NULL: none */
	void *ctx;
	/* Counted by the run. */
	es_summary sum;
	uint64_t nacts, excluded;
	/* The run's own. */
	es_coercive_fact *facts;
	size_t nfacts;
} es_coercive_run;

typedef enum es_coercive_stream {
	ES_COERCIVE_ACTS = 0,
	ES_COERCIVE_EXCLUDED,
	ES_COERCIVE_MEASURES
} es_coercive_stream;

/* The header row of one of the run's streams. */
es_rc es_coercive_run_put_header(es_csv_writer *w, es_coercive_stream s, es_err *err);
/* The debtors' facts for the measures (tax_code; optional only_home,
 * ipoteca_on); a bad row fails the run (ES_ECONFIG). */
es_rc es_coercive_run_read_facts(es_coercive_run *R, const char *path, es_err *err);
es_rc es_coercive_run_ledger(es_coercive_run *R, es_err *err);
/* One load list; with post, the file is recorded as an input of the run. */
es_rc es_coercive_run_loads(es_coercive_run *R, const char *path, es_err *err);
void es_coercive_run_free(es_coercive_run *R);

#endif
