/* notification_run.h: one track-notifications run (track-notifications(1)).
 *
 * es_notification_run_read reads an events stream (act_id, channel, event,
 * event_date; optional detail, source_ref), rejecting rows with an empty
 * act_id, a bad date, an unknown channel or event, or (with a ledger) an
 * act the ledger does not hold; the events are kept, the channel in lower
 * case and the event in upper case as the rules name them.
 *
 * es_notification_run_resolve then takes the acts in order of act_id
 * (each act's events in input order) and, for each, merges them with the
 * ledger's events (with post, records them first), resolves the
 * notification state and date (domain/notification.h), the due date from
 * the act type's payment term (coercive_thresholds.csv), records the
 * state with post, and writes one row (es_notification_run_header) into
 * w, and into failed too when the notification failed.  Every event row
 * kept counts as written.
 *
 * Nothing here prints or exits: rejected rows go through rejects.  The run
 * borrows what the caller sets; es_notification_run_free frees what the
 * run allocated (the events), not the borrowed objects. */
#ifndef ES_DOMAIN_NOTIFICATION_RUN_H
#define ES_DOMAIN_NOTIFICATION_RUN_H

#include "es_setup.h"
#include "types/error.h"
#include "io/csv.h"
#include "io/diag.h"
#include "domain/notification.h"
#include "domain/coercive.h"
#include "store/ledger.h"

typedef struct es_notification_run_event es_notification_run_event;

typedef struct es_notification_run {
	/* Set by the caller. */
	const es_notification_rules *rules;
	const es_coercive_rules *crules;
	es_ledger *ledger;            /* NULL: no check against acts, no merge */
	bool post;                    /* record events and state (ledger open for writing) */
	es_rejects *rejects;
	es_csv_writer *w;             /* required */
	es_csv_writer *failed;        /* optional (NULL) */
	/* Counted by the run. */
	es_summary sum;
	/* The run's own. */
	es_notification_run_event *evs;
	size_t nev, cap;
} es_notification_run;

/* Read one events file ("-": standard input); with post, the file is
 * recorded as an input of the ledger's run. */
es_rc es_notification_run_read(es_notification_run *R, const char *path, es_err *err);
/* Resolve every act read, headers first (also on an empty input). */
es_rc es_notification_run_resolve(es_notification_run *R, es_err *err);
void es_notification_run_free(es_notification_run *R);

/* The days to pay from notification of an act of this type (accertamento,
 * ingiunzione, intimazione) into *days, or -1 for another type. */
es_rc es_notification_payment_days(const es_coercive_rules *r, const char *type, int *days, es_err *err);

#endif
