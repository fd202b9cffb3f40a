/* installments_run.h: one plan-installments run (plan-installments(1)).
 *
 * es_installments_write_schedule writes a plan's schedule alone
 * (installment, due_date, principal, interest, amount), header included.
 *
 * es_installments_run_requests reads a requests stream (act_id, optional
 * months) and, for each act the ledger holds with an open position and no
 * active plan, builds the plan for what is unpaid (as_of, months, spread,
 * day count) and writes its instalments (es_installments_plan_header; the
 * caller writes the header once); with post the plan and its pagoPA
 * notices are recorded.  Rows for unknown acts, acts with a plan or no
 * open position, bad months and plans the rules refuse are rejected.
 *
 * es_installments_run_lapses checks every active plan of the ledger
 * against the lapse rules as of as_of and writes one row per plan
 * (status lapsed, reminder, overdue or regular); with post the lapse or
 * the reminder is recorded.
 *
 * Nothing here prints or exits: rejected rows go through rejects.  The run
 * borrows everything it points to. */
#ifndef ES_DOMAIN_INSTALLMENTS_RUN_H
#define ES_DOMAIN_INSTALLMENTS_RUN_H

#include "es_setup.h"
#include "types/error.h"
#include "io/csv.h"
#include "io/diag.h"
#include "domain/installments.h"
#include "domain/penalty.h"
#include "store/ledger.h"

typedef struct es_installments_run {
	/* Set by the caller. */
	const es_installments_rules *rules;
	const es_penalty_rules *penalty;
	es_ledger *ledger;            /* required by requests and lapses */
	es_csv_writer *w;             /* required */
	es_rejects *rejects;
	es_date as_of;
	int months;                   /* default months of a request (0: the band's) */
	int64_t spread;               /* ES_PCT_SCALE */
	es_daycount dc;
	int segregation;              /* the ente's code, for posted notices */
	bool post;
	/* Counted by the run. */
	es_summary sum;
} es_installments_run;

es_rc es_installments_write_schedule(es_csv_writer *w, const es_installments_plan *p, es_err *err);

/* The header of the plans stream written by es_installments_run_requests. */
extern const char *const es_installments_plan_header[];
extern const size_t es_installments_plan_header_len;

/* One requests file ("-": standard input); with post, the file is recorded
 * as an input of the ledger's run. */
es_rc es_installments_run_requests(es_installments_run *R, const char *path, es_err *err);
/* Every active plan, header included. */
es_rc es_installments_run_lapses(es_installments_run *R, es_err *err);

#endif
