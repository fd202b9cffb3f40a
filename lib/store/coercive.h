/* coercive.h: the ledger side of the coercive phase (migration "owner:
 * coercive": coercive_acts, plans, plan_installments; and the acts,
 * positions, notices and notification_events tables of migration 1).
 *
 *   chains     an accertamento esecutivo or an ingiunzione (the root) and
 *              the sollecito / intimazione acts issued on it; what is still
 *              unpaid on the whole chain (allocations to the positions of
 *              any of its acts);
 *   acts       a new coercive act: an acts row, its coercive_acts row, an
 *              S3 position and one notice (a fresh NAV); the positions of
 *              the chain's earlier acts are marked 'transferred' and their
 *              open notices 'replaced', so the debt is counted once;
 *   events     notification events, every one kept and linked to its act;
 *              the act's notified_on, notification_state and due_on;
 *   plans      instalment plans on a chain's open position: one notice per
 *              instalment, the single-payment notice replaced.
 *
 * Ownership: arrays returned here are freed with the matching *_free;
 * strings in them are owned by the array. */
#ifndef ES_STORE_COERCIVE_H
#define ES_STORE_COERCIVE_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "store/ledger.h"
#include "store/acts.h"

typedef struct es_chain {
	es_act root;              /* net of sgravi (es_acts_net) */
	es_date notified_on;      /* the root's notification, ES_DATE_NONE if none */
	char notification_state[16];
	char name[256];           /* from subjects, "" if unknown */
	char address[512];
	es_cents paid;            /* allocations to every position of the chain */
	es_cents chain_costs;     /* notification costs of the coercive acts already issued */
	es_date sollecito_on;     /* latest sollecito issued, ES_DATE_NONE if none */
	es_date intimazione_on;   /* latest intimazione notified, ES_DATE_NONE if none */
	bool intimazione_pending; /* an intimazione issued but not notified yet */
	bool plan_active;         /* an active instalment plan on the chain */
	int64_t position_id;      /* the chain's open position (latest act), 0 if none */
	es_cents position_due;    /* its amount_due */
	es_cents position_paid;   /* allocations to it */
	char current_act_id[96];  /* the act of that position */
} es_chain;

/* Every root act (accertamento or ingiunzione, status not cancelled) with
 * its chain. */
es_rc es_chain_list(es_ledger *l, es_chain **out, size_t *n, es_err *err);
/* One chain by the act_id of its root or of any act in it; *found false if none. */
es_rc es_chain_get(es_ledger *l, const char *act_id, es_chain *out, bool *found, es_err *err);
void es_chain_free(es_chain *v);

typedef struct es_coercive_extra {
	char root_act_id[96];     /* "" for a new root (an ingiunzione from a load list) */
	char kind[16];            /* sollecito, intimazione, ingiunzione */
	char load_id[40], revenue[16], reference[40];  /* act_id is "ING-" load_id "-" reference */
	char name[256], address[512], channel[16];
	es_date esecutivita;
	es_cents notification_cost, mora_interest, collection_charges_late;
} es_coercive_extra;

/* Has a load row (load_id, reference) already become an act?  Its act_id
 * into act_id (size 96) when it has. */
es_rc es_coercive_store_load_seen(es_ledger *l, const char *load_id, const char *reference, bool *seen,
                                  char *act_id, es_err *err);
/* Record act a (status 'issued') and its extra, an S3 position, one notice
 * due on a->due_on numbered under segregation_code (NAV into
 * a->notice_number). */
es_rc es_coercive_store_insert(es_ledger *l, es_act *a, const es_coercive_extra *x, int segregation_code,
                               es_err *err);

/* Notification events. */
typedef struct es_stored_event {
	char channel[16];
	char event[32];
	es_date date;
	char detail[160];         /* "" if none */
} es_stored_event;

/* Does the act exist?  Its act_type into type (size 24) when it does. */
es_rc es_coercive_store_act_exists(es_ledger *l, const char *act_id, bool *exists, char *type, es_err *err);
/* Add an event unless the same (act, channel, event, date, source_ref) is
 * already there (*added false then). */
es_rc es_coercive_store_event_add(es_ledger *l, const char *act_id, const char *channel, const char *event,
                                  es_date date, const char *detail, const char *source_ref, bool *added,
                                  es_err *err);
/* Every event of the act, oldest first. */
es_rc es_coercive_store_events(es_ledger *l, const char *act_id, es_stored_event **out, size_t *n, es_err *err);
/* Set the act's notification state and date; when notified_on is a date
 * and payment_days >= 0, due_on becomes notified_on + payment_days and the
 * act's open notices follow. */
es_rc es_coercive_store_set_notification(es_ledger *l, const char *act_id, const char *state, es_date notified_on,
                                         int payment_days, es_err *err);

/* Plans. */
typedef struct es_stored_installment {
	int number;
	es_date due_date;
	es_cents principal, interest, amount, paid;
	char notice_number[20];
} es_stored_installment;

typedef struct es_stored_plan {
	int64_t plan_id;
	char act_id[96];
	char tax_code[40];
	es_cents debt;
	int months;
	es_date granted_on, reminded_on;
	size_t n;
	es_stored_installment *inst;   /* owned */
} es_stored_plan;

/* Record a plan on the chain's open position: one notice per instalment
 * (amount, due date), the position's open single-payment notice
 * 'replaced', the position's amount_due = what was already paid on it +
 * the plan's total.  *plan_id receives the id. */
es_rc es_coercive_store_plan_insert(es_ledger *l, const es_chain *c, es_cents debt, es_date granted, int months,
                                    const char *spread, const es_stored_installment *inst, size_t n,
                                    int segregation_code, int64_t *plan_id, es_stored_installment *out_inst,
                                    es_err *err);
/* Active plans with their instalments and what was paid on each notice. */
es_rc es_coercive_store_plans_active(es_ledger *l, es_stored_plan **out, size_t *n, es_err *err);
void es_coercive_store_plans_free(es_stored_plan *v, size_t n);
es_rc es_coercive_store_plan_remind(es_ledger *l, int64_t plan_id, es_date on, es_err *err);
es_rc es_coercive_store_plan_lapse(es_ledger *l, int64_t plan_id, es_date on, es_cents balance, es_err *err);

#endif
