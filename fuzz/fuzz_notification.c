/* fuzz_notification: any bytes as a notification-outcome CSV
 * (track-notifications(1): act_id, channel, event, event_date).  Every row
 * is either taken (a known channel and event, a date) or rejected with a
 * message, never both: taken + rejected = rows read.  The taken events of
 * each act resolve to a state that keeps the contract of notification.h:
 * notified or deemed exactly when there is a notified_on, which is the
 * earliest effective date (event date + offset) of the notifying events
 * and never before the decisive event; failed only when some event failed
 * and none notified; the result does not depend on the order of the
 * events. */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "io/csv.h"
#include "domain/notification.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAXEV 32

static es_notification_rules *rules;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	es_err err;

	(void)argc;
	(void)argv;
	setenv("ESATTORE_DATADIR", FUZZ_DATADIR, 0);
	if ((rules = es_notification_rules_load(&err)) == NULL)
		abort();
	return 0;
}

typedef struct act {
	char id[64];
	es_notification_event ev[MAXEV];
	char ch[MAXEV][32], evn[MAXEV][32];
	size_t n;
} act;

static void
resolve(act *a)
{
	es_notification_event rev[MAXEV];
	es_notification_result res, res2;
	es_date best = ES_DATE_NONE;
	bool failed = false;
	es_err err;
	size_t i;

	if (a->n == 0)
		return;
	for (i = 0; i < a->n; i++) {
		es_notification_rule rule;

		if (es_notification_rule_of(rules, a->ev[i].channel, a->ev[i].event, &rule, &err) != ES_OK)
			abort();
		if (rule.outcome == ES_NOTIF_NOTIFIED || rule.outcome == ES_NOTIF_DEEMED) {
			es_date eff = a->ev[i].date + rule.offset_days;

			if (best == ES_DATE_NONE || eff < best)
				best = eff;
			if (rule.offset_days < 0)
				abort();
		} else if (rule.outcome == ES_NOTIF_FAILED) {
			failed = true;
		}
		rev[a->n - 1 - i] = a->ev[i];
	}
	if (es_notification_resolve(rules, a->ev, a->n, &res, &err) != ES_OK ||
	    es_notification_resolve(rules, rev, a->n, &res2, &err) != ES_OK)
		abort();
	if (res.state != res2.state || res.notified_on != res2.notified_on)
		abort();
	if (res.notified_on != best)
		abort();
	switch (res.state) {
	case ES_NOTIF_STATE_NOTIFIED:
	case ES_NOTIF_STATE_DEEMED:
		if (res.decisive < 0 || (size_t)res.decisive >= a->n || res.notified_on < a->ev[res.decisive].date)
			abort();
		break;
	case ES_NOTIF_STATE_FAILED:
		if (!failed || res.decisive < 0 || (size_t)res.decisive >= a->n)
			abort();
		break;
	case ES_NOTIF_PENDING:
		if (failed || res.decisive != -1)
			abort();
		break;
	default:
		abort();
	}
	if (res.reason == NULL || res.source == NULL || es_notification_state_name(res.state) == NULL)
		abort();
	a->n = 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cols[] = { "act_id", "channel", "event", "event_date" };
	uint64_t rows = 0, taken = 0, rejected = 0;
	static act a;
	es_csv_reader *r;
	es_csv_row *row;
	int ix[4];
	es_err err;
	es_rc rc;

	a.n = 0;
	a.id[0] = '\0';
	r = es_csv_reader_open(fuzz_path(data, size), NULL, &err);
	if (r == NULL)
		return 0;
	if (es_csv_require(r, cols, ix, 4, &err) != ES_OK) {
		es_csv_reader_close(r);
		return 0;
	}
	while ((rc = es_csv_next(r, &row, &err)) == ES_OK || rc == ES_EDATA) {
		es_notification_rule rule;
		const char *id = es_csv_get(row, ix[0]), *ch = es_csv_get(row, ix[1]), *ev = es_csv_get(row, ix[2]);
		bool ok = true;
		es_date d;

		rows++;
		es_err_clear(&err);
		if (rc == ES_EDATA || strlen(id) >= sizeof a.id || strlen(ch) >= 32 || strlen(ev) >= 32)
			ok = false;
		else if (es_date_parse(es_csv_get(row, ix[3]), ES_DATE_ISO, &d, &err) != ES_OK || d == ES_DATE_NONE)
			ok = false;
		else if (es_notification_rule_of(rules, ch, ev, &rule, &err) != ES_OK) {
			if (err.msg[0] == '\0')
				abort();
			ok = false;
		}
		if (!ok) {
			rejected++;
			continue;
		}
		taken++;
		if (strcmp(id, a.id) != 0 || a.n == MAXEV) {
			resolve(&a);
			memcpy(a.id, id, strlen(id) + 1);
		}
		memcpy(a.ch[a.n], ch, strlen(ch) + 1);
		memcpy(a.evn[a.n], ev, strlen(ev) + 1);
		a.ev[a.n].channel = a.ch[a.n];
		a.ev[a.n].event = a.evn[a.n];
		a.ev[a.n].date = d;
		a.n++;
	}
	resolve(&a);
	es_csv_reader_close(r);
	if (taken + rejected != rows)
		abort();
	return 0;
}
