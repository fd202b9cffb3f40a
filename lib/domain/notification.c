/* notification.c: deemed-delivery rules (notification.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/notification.h"
#include "rules.h"

struct es_notification_rules {
	es_table *t;
	es_notification_rule *rows;
	size_t n;
};

static es_rc
parse_outcome(const char *s, es_notification_outcome *out)
{
	if (strcmp(s, "notified") == 0)
		*out = ES_NOTIF_NOTIFIED;
	else if (strcmp(s, "deemed") == 0)
		*out = ES_NOTIF_DEEMED;
	else if (strcmp(s, "failed") == 0)
		*out = ES_NOTIF_FAILED;
	else if (strcmp(s, "info") == 0)
		*out = ES_NOTIF_INFO;
	else
		return ES_ECONFIG;
	return ES_OK;
}

es_notification_rules *
es_notification_rules_load(es_err *err)
{
	static const char *const cols[] = { "channel", "event", "outcome", "offset_days", "description", "source" };
	es_notification_rules *r = calloc(1, sizeof *r);
	size_t i, j;

	if (r == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	r->t = es_table_load("notification_rules", err);
	if (r->t == NULL || es_table_require(r->t, cols, ES_ARRAY_LEN(cols), err) != ES_OK)
		goto fail;
	r->n = es_table_nrows(r->t);
	r->rows = calloc(r->n ? r->n : 1, sizeof *r->rows);
	if (r->rows == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		goto fail;
	}
	for (i = 0; i < r->n; i++) {
		es_notification_rule *w = &r->rows[i];
		const char *off = es_table_get(r->t, i, "offset_days");
		unsigned long long line = (unsigned long long)es_table_line(r->t, i);
		int64_t v = 0;

		w->channel = es_table_get(r->t, i, "channel");
		w->event = es_table_get(r->t, i, "event");
		w->description = es_table_get(r->t, i, "description");
		w->source = es_table_get(r->t, i, "source");
		if (parse_outcome(es_table_get(r->t, i, "outcome"), &w->outcome) != ES_OK) {
			es_err_set(err, ES_ECONFIG, "notification_rules, line %llu: outcome must be notified, deemed, "
			           "failed or info", line);
			goto fail;
		}
		if (*off != '\0' && es_table_int(r->t, i, "offset_days", &v, err) != ES_OK)
			goto fail;
		if (v < 0 || v > 366 || ((w->outcome == ES_NOTIF_NOTIFIED || w->outcome == ES_NOTIF_DEEMED) && *off == '\0')) {
			es_err_set(err, ES_ECONFIG, "notification_rules, line %llu: offset_days must be 0..366, and is "
			           "required for notified and deemed outcomes", line);
			goto fail;
		}
		w->offset_days = (int32_t)v;
		for (j = 0; j < i; j++)
			if (strcasecmp(r->rows[j].channel, w->channel) == 0 && strcasecmp(r->rows[j].event, w->event) == 0) {
				es_err_set(err, ES_ECONFIG, "notification_rules, line %llu: %s %s appears twice", line,
				           w->channel, w->event);
				goto fail;
			}
	}
	return r;
fail:
	if (err != NULL && err->rc != ES_ENOMEM)
		err->rc = ES_ECONFIG;
	es_notification_rules_free(r);
	return NULL;
}

void
es_notification_rules_free(es_notification_rules *r)
{
	if (r == NULL)
		return;
	es_table_free(r->t);
	free(r->rows);
	free(r);
}

bool
es_notification_channel_known(const es_notification_rules *r, const char *channel)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcasecmp(r->rows[i].channel, channel) == 0)
			return true;
	return false;
}

es_rc
es_notification_rule_of(const es_notification_rules *r, const char *channel, const char *event,
                        es_notification_rule *out, es_err *err)
{
	char known[400];
	size_t i, len = 0;
	bool channel_known = false;

	for (i = 0; i < r->n; i++) {
		if (strcasecmp(r->rows[i].channel, channel) != 0)
			continue;
		channel_known = true;
		if (strcasecmp(r->rows[i].event, event) == 0) {
			*out = r->rows[i];
			return ES_OK;
		}
	}
	known[0] = '\0';
	for (i = 0; i < r->n; i++) {
		const char *name = channel_known ? r->rows[i].event : r->rows[i].channel;
		int w;

		if (channel_known && strcasecmp(r->rows[i].channel, channel) != 0)
			continue;
		if (!channel_known && i > 0 && strcmp(r->rows[i - 1].channel, name) == 0)
			continue;
		w = snprintf(known + len, sizeof known - len, "%s%s", len ? ", " : "", name);
		if (w < 0 || (size_t)w >= sizeof known - len)
			break;
		len += (size_t)w;
	}
	if (!channel_known)
		return es_err_set(err, ES_EDATA, "unknown channel '%s' (known: %s)", channel, known);
	return es_err_set(err, ES_EDATA, "unknown event '%s' for channel %s (known: %s)", event, channel, known);
}

const char *
es_notification_state_name(es_notification_state s)
{
	switch (s) {
	case ES_NOTIF_PENDING: return "pending";
	case ES_NOTIF_STATE_NOTIFIED: return "notified";
	case ES_NOTIF_STATE_DEEMED: return "deemed";
	case ES_NOTIF_STATE_FAILED: return "failed";
	}
	return "pending";
}

es_rc
es_notification_resolve(const es_notification_rules *r, const es_notification_event *ev, size_t n,
                        es_notification_result *out, es_err *err)
{
	es_date last_failed = ES_DATE_NONE;
	size_t i;

	memset(out, 0, sizeof *out);
	out->state = ES_NOTIF_PENDING;
	out->notified_on = ES_DATE_NONE;
	out->decisive = -1;
	out->reason = "";
	out->source = "";
	for (i = 0; i < n; i++) {
		es_notification_rule rule;
		es_date eff;
		es_rc rc;

		if ((rc = es_notification_rule_of(r, ev[i].channel, ev[i].event, &rule, err)) != ES_OK)
			return rc;
		if (ev[i].date == ES_DATE_NONE)
			return es_err_set(err, ES_EDATA, "event %s %s has no date", ev[i].channel, ev[i].event);
		switch (rule.outcome) {
		case ES_NOTIF_NOTIFIED:
		case ES_NOTIF_DEEMED:
			eff = ev[i].date + rule.offset_days;
			/* The earliest effective date wins; on a tie, actual delivery. */
			if (out->notified_on == ES_DATE_NONE || eff < out->notified_on ||
			    (eff == out->notified_on && rule.outcome == ES_NOTIF_NOTIFIED)) {
				out->notified_on = eff;
				out->state = rule.outcome == ES_NOTIF_NOTIFIED ? ES_NOTIF_STATE_NOTIFIED
				                                               : ES_NOTIF_STATE_DEEMED;
				out->decisive = (long)i;
				out->reason = rule.description;
				out->source = rule.source;
			}
			break;
		case ES_NOTIF_FAILED:
			if (out->notified_on == ES_DATE_NONE && (last_failed == ES_DATE_NONE || ev[i].date >= last_failed)) {
				last_failed = ev[i].date;
				out->state = ES_NOTIF_STATE_FAILED;
				out->decisive = (long)i;
				out->reason = rule.description;
				out->source = rule.source;
			}
			break;
		case ES_NOTIF_INFO:
			break;
		}
	}
	return ES_OK;
}
