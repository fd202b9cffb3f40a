/* track-notifications: import notification outcomes (postal returns,
 * messo, PEC receipts, SEND timeline) and derive each act's notification
 * date and state by the deemed-delivery rules of notification_rules.csv. */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "esattore.h"
#include "domain/notification.h"
#include "domain/coercive.h"
#include "store/coercive.h"
#include "tool.h"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: track-notifications [OPTION]... [INPUT]...\n"
	    "Import notification outcome events (CSV: act_id, channel, event, event_date,\n"
	    "optional detail and source_ref) and write, for each act they concern, its\n"
	    "notification state and date (act_id, notification_state, notified_on, due_on,\n"
	    "channel, event, event_date, events, detail, reason, source).  Channels: post (L.\n"
	    "890/1982: AR, CAN, CAD, RITIRO, GIACENZA, RIFIUTO, IRREPERIBILE, ...), messo,\n"
	    "pec (ACCETTAZIONE, CONSEGNA, MANCATA_CONSEGNA), send.  The rules are in\n"
	    "notification_rules.csv; with no INPUT, standard input is read.\n"
	    "\n"
	    "Options:\n"
	    "      --db FILE           the ledger: events are checked against its acts and\n"
	    "                          merged with the events already recorded\n"
	    "      --post              record the events and the acts' notification in the ledger\n"
	    "      --failed FILE       the acts whose notification failed, with the reason\n"
	    "      --rejects FILE      rejected input rows with _source,_line,_error\n"
	    "      --locale LOC        it: ';' separator on output\n"
	    "  -q, --quiet             print only errors\n"
	    "      --help              display this help and exit\n"
	    "      --version           output version information and exit\n"
	    "\n"
	    "Exit status: 0 all rows used; 1 some rows rejected; 2 usage or configuration\n"
	    "error; 3 I/O or database failure.\n");
	exit(es_tool_finish(status));
}

enum { OPT_POST = ES_OPT_FIRST_TOOL_OPTION, OPT_FAILED };

static const struct option longopts[] = {
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "post", no_argument, NULL, OPT_POST },
	{ "failed", required_argument, NULL, OPT_FAILED },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

typedef struct ev {
	char *act_id, *channel, *event, *detail, *ref;
	es_date date;
	size_t seq;
} ev;

typedef struct run {
	es_notification_rules *rules;
	es_coercive_rules *crules;
	es_ledger *ledger;
	es_rejects *rejects;
	es_csv_writer *w, *fw;
	es_summary sum;
	ev *evs;
	size_t nev, cap;
	bool post;
} run;

static es_rc
reject(run *R, es_csv_reader *cr, const es_csv_row *row, const char *msg, es_err *err)
{
	R->sum.rejected++;
	return es_rejects_add(R->rejects, es_csv_source(cr), row->line, msg, es_csv_header(cr), es_csv_ncols(cr),
	                      (const char *const *)row->fields, row->nfields, err);
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

static es_rc
read_input(run *R, const char *path, es_err *err)
{
	static const char *const req[] = { "act_id", "channel", "event", "event_date" };
	es_csv_reader *cr;
	es_csv_row *row;
	int idx[4], c_detail, c_ref;
	es_rc rc;

	if ((cr = es_csv_reader_open(path, NULL, err)) == NULL)
		return err->rc;
	if (es_csv_require(cr, req, idx, 4, err) != ES_OK) {
		es_csv_reader_close(cr);
		return ES_ECONFIG;
	}
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

		rc = es_csv_next(cr, &row, err);
		if (rc == ES_EOF)
			break;
		if (rc != ES_OK && rc != ES_EDATA)
			break;
		R->sum.read++;
		if (rc == ES_EDATA) {
			if ((rc = reject(R, cr, row, err->msg, err)) != ES_OK)
				break;
			continue;
		}
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

/* The days to pay from notification, by act type. */
static int
payment_days(run *R, const char *type, es_err *err)
{
	static const struct { const char *type, *rule; } map[] = {
		{ "accertamento", "payment_term" },
		{ "ingiunzione", "injunction_payment_term" },
		{ "intimazione", "intimazione_pay" },
	};
	es_coercive_threshold t;
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(map); i++)
		if (strcmp(map[i].type, type) == 0)
			return es_coercive_threshold_get(R->crules, map[i].rule, &t, err) == ES_OK ? t.days : -2;
	return -1;
}

static const char *const out_hdr[] = {
	"act_id", "notification_state", "notified_on", "due_on", "channel", "event", "event_date", "events",
	"detail", "reason", "source"
};

/* Resolve one act from its events [from, to) of the input, plus the
 * ledger's. */
static es_rc
act(run *R, size_t from, size_t to, es_err *err)
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
		if ((days = payment_days(R, type, err)) == -2) {
			rc = ES_ECONFIG;
			goto out;
		}
		if (days >= 0)
			due = res.notified_on + days;
	}
	if (R->post && (rc = es_coercive_store_set_notification(R->ledger, act_id, es_notification_state_name(res.state),
	                                                        res.notified_on, days, err)) != ES_OK)
		goto out;
	for (i = 0; i < 2; i++) {
		es_csv_writer *w = i == 0 ? R->w : R->fw;
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

int
main(int argc, char **argv)
{
	const char *db_opt = NULL, *rejects_path = NULL, *failed_path = NULL;
	es_csv_wopts wo = { 0 };
	es_out *out = NULL, *fout = NULL;
	run R;
	es_err err;
	es_rc rc = ES_OK;
	size_t i, j;
	int c, status;

	memset(&R, 0, sizeof R);
	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_POST: R.post = true; break;
		case OPT_FAILED: failed_path = optarg; break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case ES_OPT_LOCALE: wo.locale_it = es_tool_parse_locale(optarg); break;
		case 'q': es_diag_set_quiet(true); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default:
			usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (R.post && es_tool_db_path(db_opt) == NULL)
		es_tool_usage_error("--post needs a ledger: --db FILE or $ESATTORE_DB");
	if ((R.rules = es_notification_rules_load(&err)) == NULL || (R.crules = es_coercive_rules_load(&err)) == NULL)
		es_tool_die_err(&err);
	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if (es_tool_db_path(db_opt) != NULL &&
	    (R.ledger = es_ledger_open(es_tool_db_path(db_opt), R.post ? ES_LEDGER_WRITE : ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	if ((out = es_out_open("-", &err)) == NULL || (R.w = es_csv_writer_new(out, &wo, &err)) == NULL)
		es_tool_die_err(&err);
	if (failed_path != NULL &&
	    ((fout = es_out_open_mode(failed_path, 0600, &err)) == NULL || (R.fw = es_csv_writer_new(fout, &wo, &err)) == NULL))
		es_tool_die_err(&err);
	if (R.post && (rc = es_ledger_run_begin(R.ledger, "track-notifications", argc, argv, &err)) != ES_OK)
		goto fail;
	if (optind == argc)
		rc = read_input(&R, "-", &err);
	for (i = (size_t)optind; rc == ES_OK && i < (size_t)argc; i++)
		rc = read_input(&R, argv[i], &err);
	if (rc != ES_OK)
		goto fail;
	qsort(R.evs, R.nev, sizeof *R.evs, cmp_ev);
	if ((rc = es_csv_put_row(R.w, out_hdr, ES_ARRAY_LEN(out_hdr), &err)) != ES_OK ||
	    (R.fw != NULL && (rc = es_csv_put_row(R.fw, out_hdr, ES_ARRAY_LEN(out_hdr), &err)) != ES_OK))
		goto fail;
	for (i = 0; i < R.nev; i = j) {
		for (j = i + 1; j < R.nev && strcmp(R.evs[j].act_id, R.evs[i].act_id) == 0; j++)
			;
		if ((rc = act(&R, i, j, &err)) != ES_OK)
			goto fail;
		/* Every event row is used: it is recorded and counts toward its act. */
		R.sum.written += j - i;
	}
	es_csv_writer_free(R.w);
	R.w = NULL;
	es_csv_writer_free(R.fw);
	R.fw = NULL;
	if ((rc = es_out_close(out, &err)) != ES_OK) {
		out = NULL;
		goto fail;
	}
	out = NULL;
	if ((rc = es_out_close(fout, &err)) != ES_OK) {
		fout = NULL;
		goto fail;
	}
	fout = NULL;
	if ((rc = es_rejects_close(R.rejects, &err)) != ES_OK) {
		R.rejects = NULL;
		goto fail;
	}
	R.rejects = NULL;
	if (R.post && (rc = es_ledger_run_commit(R.ledger, R.sum.read, R.sum.written, R.sum.rejected, &err)) != ES_OK)
		goto fail;
	es_summary_print(&R.sum);
	status = es_summary_exit_status(&R.sum);
	goto done;
fail:
	es_error("%s", err.msg);
	if (R.post)
		es_ledger_run_abort(R.ledger, err.msg);
	status = es_rc_exit_status(rc);
	if (status == ES_EXIT_OK || status == ES_EXIT_REJECTS)
		status = ES_EXIT_FAILURE;
	es_csv_writer_free(R.w);
	es_csv_writer_free(R.fw);
	es_out_close(out, NULL);
	es_out_close(fout, NULL);
	es_rejects_close(R.rejects, NULL);
done:
	for (i = 0; i < R.nev; i++) {
		free(R.evs[i].act_id);
		free(R.evs[i].channel);
		free(R.evs[i].event);
		free(R.evs[i].detail);
		free(R.evs[i].ref);
	}
	free(R.evs);
	es_ledger_close(R.ledger);
	es_notification_rules_free(R.rules);
	es_coercive_rules_free(R.crules);
	return es_tool_finish(status);
}
