/* notification.h: when an act takes legal effect.  An act has effect from
 * its notification; the outcome events of each channel (postal returns
 * under L. 890/1982, the messo notificatore, PEC receipts, the SEND
 * timeline) decide the notification date by the deemed-delivery rules of
 * data/notification_rules.csv:
 *
 *   outcome notified   effective on the event date + offset_days (AR, CAN,
 *                      RITIRO, PEC CONSEGNA, SEND PRESA_VISIONE, ...);
 *   outcome deemed     effective offset_days after the event (CAD: 10 days
 *                      after the comunicazione di avvenuto deposito; art.
 *                      140 c.p.c.: 10 days; albo art. 60 lett. e: 8 days;
 *                      SEND: 7 or 10 days, 20 for an analog deposit);
 *   outcome failed     not notified (irreperibile, deceased, PEC mailbox
 *                      full), with the reason;
 *   outcome info       recorded, no effect (acceptance, dispatch, compiuta
 *                      giacenza after a CAD).
 *
 * The act is notified on the EARLIEST effective date of its events (the
 * collection of a deposited act before the CAD term counts from the
 * collection, art. 8 c. 4 L. 890/1982); without one, it is failed when some
 * event failed, else pending.  Channels are lower case, events upper case;
 * input is matched case-insensitively.
 *
 * Ownership: es_notification_rules_load returns rules freed with
 * es_notification_rules_free; description and source strings belong to
 * them. */
#ifndef ES_DOMAIN_NOTIFICATION_H
#define ES_DOMAIN_NOTIFICATION_H

#include "es_setup.h"
#include "types/error.h"
#include "types/date.h"

typedef struct es_notification_rules es_notification_rules;

es_notification_rules *es_notification_rules_load(es_err *err);
void es_notification_rules_free(es_notification_rules *r);

typedef enum es_notification_outcome {
	ES_NOTIF_INFO = 0,
	ES_NOTIF_NOTIFIED = 1,
	ES_NOTIF_DEEMED = 2,
	ES_NOTIF_FAILED = 3
} es_notification_outcome;

typedef struct es_notification_rule {
	const char *channel, *event;   /* as spelled in the table */
	es_notification_outcome outcome;
	int32_t offset_days;           /* 0 when none */
	const char *description;
	const char *source;
} es_notification_rule;

/* Is there any rule for this channel (case-insensitive)? */
bool es_notification_channel_known(const es_notification_rules *r, const char *channel);

/* The rule of (channel, event); ES_EDATA naming the channel's known events
 * when there is none. */
es_rc es_notification_rule_of(const es_notification_rules *r, const char *channel, const char *event,
                              es_notification_rule *out, es_err *err);

typedef struct es_notification_event {
	const char *channel;
	const char *event;
	es_date date;
} es_notification_event;

typedef enum es_notification_state {
	ES_NOTIF_PENDING = 0,
	ES_NOTIF_STATE_NOTIFIED,       /* actual delivery */
	ES_NOTIF_STATE_DEEMED,         /* a legal fiction (deposit, albo, SEND terms) */
	ES_NOTIF_STATE_FAILED
} es_notification_state;

/* "pending", "notified", "deemed", "failed" (the acts.notification_state values). */
const char *es_notification_state_name(es_notification_state s);

typedef struct es_notification_result {
	es_notification_state state;
	es_date notified_on;           /* ES_DATE_NONE unless notified or deemed */
	long decisive;                 /* index of the event that decided, -1 if none */
	const char *reason;            /* the rule's description of the decisive (or failing) event */
	const char *source;
} es_notification_result;

/* Resolve the events of ONE act (any order).  An unknown channel or event
 * is ES_EDATA. */
es_rc es_notification_resolve(const es_notification_rules *r, const es_notification_event *ev, size_t n,
                              es_notification_result *out, es_err *err);

#endif
