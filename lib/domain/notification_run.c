/* notification_run.c: one track-notifications run: the events read,
 * merged with the ledger's and resolved act by act (notification_run.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/notification_run.h"
#include "io/rows.h"
#include "store/coercive.h"

struct es_notification_run_event {
	char *act_id, *channel, *event, *detail, *ref;
	es_date date;
	size_t seq;
};

typedef es_notification_run_event ev;


static es_rc
reject(es_notification_run *R, es_csv_reader *cr, const es_csv_row *row, const char *msg, es_err *err)
{
	return es_rejects_add_row(R->rejects, cr, row, msg, &R->sum, err);
}

static void
upcase(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

static void
downcase(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

es_rc
es_notification_run_read(es_notification_run *R, const char *path, es_err *err)
{
	static const char *const req[] = { "act_id", "channel", "event", "event_date" };
	es_csv_reader *cr;
	es_csv_row *row;
	int idx[4], c_detail, c_ref;
	es_rc rc;

	if ((cr = es_rows_open(path, req, idx, 4, err)) == NULL)
		return err->rc;
	c_detail = es_csv_col(cr, "detail");
	c_ref = es_csv_col(cr, "source_ref");
	if (R->post && (rc = es_ledger_run_input(R->ledger, path, err)) != ES_OK) {
		es_csv_reader_close(cr);
		return rc;
	}
	for (;;) {
		es_notification_rule rule;
		char msg[ES_ERR_MAX + 32], type[24];
		const char *act_id;
		es_date d;
		es_err e;
		ev *v;

		if ((rc = es_rows_next(cr, &row, R->rejects, &R->sum, err)) != ES_OK)
			break;
		act_id = es_csv_get(row, idx[0]);
		if (*act_id == '\0') {
			if ((rc = reject(R, cr, row, "act_id: empty", err)) != ES_OK)
				break;
			continue;
		}
		if (es_date_parse(es_csv_get(row, idx[3]), ES_DATE_ANY, &d, &e) != ES_OK || d == ES_DATE_NONE) {
			snprintf(msg, sizeof msg, "event_date: %s", d == ES_DATE_NONE ? "empty" : e.msg);
			if ((rc = reject(R, cr, row, msg, err)) != ES_OK)
				break;
			continue;
		}
		if (es_notification_rule_of(R->rules, es_csv_get(row, idx[1]), es_csv_get(row, idx[2]), &rule, &e) != ES_OK) {
			snprintf(msg, sizeof msg, "%s: %s",
			         es_notification_channel_known(R->rules, es_csv_get(row, idx[1])) ? "event" : "channel", e.msg);
			if ((rc = reject(R, cr, row, msg, err)) != ES_OK)
				break;
			continue;
		}
		if (R->ledger != NULL) {
			bool exists;

			if ((rc = es_coercive_store_act_exists(R->ledger, act_id, &exists, type, err)) != ES_OK)
				break;
			if (!exists) {
				snprintf(msg, sizeof msg, "act_id: no act '%s' in the ledger", act_id);
				if ((rc = reject(R, cr, row, msg, err)) != ES_OK)
					break;
				continue;
			}
		}
		if (R->nev == R->cap) {
			ev *w = realloc(R->evs, (R->cap ? R->cap * 2 : 64) * sizeof *w);

			if (w == NULL) {
				rc = es_err_set(err, ES_ENOMEM, "out of memory");
				break;
			}
			R->evs = w;
			R->cap = R->cap ? R->cap * 2 : 64;
		}
		v = &R->evs[R->nev];
		v->act_id = strdup(act_id);
		v->channel = strdup(rule.channel);
		v->event = strdup(rule.event);
		v->detail = strdup(es_csv_get(row, c_detail));
		v->ref = strdup(es_csv_get(row, c_ref));
		v->date = d;
		v->seq = R->nev;
		if (v->act_id == NULL || v->channel == NULL || v->event == NULL || v->detail == NULL || v->ref == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			R->nev++;
			break;
		}
		downcase(v->channel);
		upcase(v->event);
		R->nev++;
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

static int
cmp_ev(const void *a, const void *b)
{
	const ev *x = a, *y = b;
	int c = strcmp(x->act_id, y->act_id);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

es_rc
es_notification_payment_days(const es_coercive_rules *r, const char *type, int *days, es_err *err)
{
	static const struct { const char *type, *rule; } map[] = {
		{ "accertamento", "payment_term" },
		{ "ingiunzione", "injunction_payment_term" },
		{ "intimazione", "intimazione_pay" },
	};
	es_coercive_threshold t;
	size_t i;

	*days = -1;
	for (i = 0; i < ES_ARRAY_LEN(map); i++) {
		if (strcmp(map[i].type, type) != 0)
			continue;
		if (es_coercive_threshold_get(r, map[i].rule, &t, err) != ES_OK)
			return ES_ECONFIG;
		*days = t.days;
		break;
	}
	return ES_OK;
}

static const char *const out_hdr[] = {
	"act_id", "notification_state", "notified_on", "due_on", "channel", "event", "event_date", "events",
	"detail", "reason", "source"
};

/* Resolve one act from its events [from, to) of the input, plus the
 * ledger's. */
static es_rc
act(es_notification_run *R, size_t from, size_t to, es_err *err)
{
	const char *act_id = R->evs[from].act_id;
	es_stored_event *stored = NULL;
	es_notification_event *all = NULL;
	const char **detail = NULL;
	es_notification_result res;
	size_t ns = 0, n = 0, i, j;
	es_date due = ES_DATE_NONE;
	char type[24] = "";
	es_rc rc = ES_OK;
	int days = -1;

	if (R->ledger != NULL) {
		bool exists, added;

		for (i = from; R->post && i < to; i++)
			if ((rc = es_coercive_store_event_add(R->ledger, act_id, R->evs[i].channel, R->evs[i].event,
			                                      R->evs[i].date, R->evs[i].detail, R->evs[i].ref, &added,
			                                      err)) != ES_OK)
				return rc;
		if ((rc = es_coercive_store_events(R->ledger, act_id, &stored, &ns, err)) != ES_OK)
			return rc;
		if ((rc = es_coercive_store_act_exists(R->ledger, act_id, &exists, type, err)) != ES_OK)
			goto out;
	}
	all = calloc(ns + (to - from) + 1, sizeof *all);
	detail = calloc(ns + (to - from) + 1, sizeof *detail);
	if (all == NULL || detail == NULL) {
		rc = es_err_set(err, ES_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < ns; i++) {
		all[n].channel = stored[i].channel;
		all[n].event = stored[i].event;
		all[n].date = stored[i].date;
		detail[n] = stored[i].detail;
		n++;
	}
	if (!R->post) {
		/* Not recorded: merge the input's events with the ledger's, each
		 * (channel, event, date) once. */
		for (i = from; i < to; i++) {
			for (j = 0; j < n; j++)
				if (strcmp(all[j].channel, R->evs[i].channel) == 0 &&
				    strcmp(all[j].event, R->evs[i].event) == 0 && all[j].date == R->evs[i].date)
					break;
			if (j < n)
				continue;
			all[n].channel = R->evs[i].channel;
			all[n].event = R->evs[i].event;
			all[n].date = R->evs[i].date;
			detail[n] = R->evs[i].detail;
			n++;
		}
	}
	if ((rc = es_notification_resolve(R->rules, all, n, &res, err)) != ES_OK) {
		es_err_prefix(err, "act %s", act_id);
		goto out;
	}
	if (type[0] != '\0' && res.notified_on != ES_DATE_NONE) {
		if ((rc = es_notification_payment_days(R->crules, type, &days, err)) != ES_OK)
			goto out;
		if (days >= 0)
			due = res.notified_on + days;
	}
	if (R->post && (rc = es_coercive_store_set_notification(R->ledger, act_id, es_notification_state_name(res.state),
	                                                        res.notified_on, days, err)) != ES_OK)
		goto out;
	for (i = 0; i < 2; i++) {
		es_csv_writer *w = i == 0 ? R->w : R->failed;
		const es_notification_event *d = res.decisive >= 0 ? &all[res.decisive] : NULL;

		if (w == NULL || (i == 1 && res.state != ES_NOTIF_STATE_FAILED))
			continue;
		if ((rc = es_csv_put(w, act_id, err)) != ES_OK ||
		    (rc = es_csv_put(w, es_notification_state_name(res.state), err)) != ES_OK ||
		    (rc = es_csv_put_date(w, res.notified_on, err)) != ES_OK ||
		    (rc = es_csv_put_date(w, due, err)) != ES_OK ||
		    (rc = es_csv_put(w, d ? d->channel : "", err)) != ES_OK ||
		    (rc = es_csv_put(w, d ? d->event : "", err)) != ES_OK ||
		    (rc = es_csv_put_date(w, d ? d->date : ES_DATE_NONE, err)) != ES_OK ||
		    (rc = es_csv_put_int(w, (int64_t)n, err)) != ES_OK ||
		    (rc = es_csv_put(w, d ? detail[res.decisive] : "", err)) != ES_OK ||
		    (rc = es_csv_put(w, res.reason, err)) != ES_OK ||
		    (rc = es_csv_put(w, res.source, err)) != ES_OK ||
		    (rc = es_csv_end_row(w, err)) != ES_OK)
			goto out;
	}
out:
	free(all);
	free(detail);
	free(stored);
	return rc;
}

es_rc
es_notification_run_resolve(es_notification_run *R, es_err *err)
{
	size_t i, j;
	es_rc rc;

	qsort(R->evs, R->nev, sizeof *R->evs, cmp_ev);
	if ((rc = es_csv_put_row(R->w, out_hdr, ES_ARRAY_LEN(out_hdr), err)) != ES_OK ||
	    (R->failed != NULL && (rc = es_csv_put_row(R->failed, out_hdr, ES_ARRAY_LEN(out_hdr), err)) != ES_OK))
		return rc;
	for (i = 0; i < R->nev; i = j) {
		for (j = i + 1; j < R->nev && strcmp(R->evs[j].act_id, R->evs[i].act_id) == 0; j++)
			;
		if ((rc = act(R, i, j, err)) != ES_OK)
			return rc;
		/* Every event row is used: it is recorded and counts toward its act. */
		R->sum.written += j - i;
	}
	return ES_OK;
}

void
es_notification_run_free(es_notification_run *R)
{
	size_t i;

	for (i = 0; i < R->nev; i++) {
		free(R->evs[i].act_id);
		free(R->evs[i].channel);
		free(R->evs[i].event);
		free(R->evs[i].detail);
		free(R->evs[i].ref);
	}
	free(R->evs);
	R->evs = NULL;
	R->nev = R->cap = 0;
}
