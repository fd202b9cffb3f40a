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
#include "domain/notification_run.h"
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

static es_rc
read_input(void *ctx, const char *path, es_err *err)
{
	return es_notification_run_read(ctx, path, err);
}

int
main(int argc, char **argv)
{
	const char *db_opt = NULL, *rejects_path = NULL, *failed_path = NULL;
	es_csv_wopts wo = { 0 };
	es_out *out = NULL, *fout = NULL;
	es_notification_run R;
	es_tool_run T = { 0 };
	es_notification_rules *rules = NULL;
	es_coercive_rules *crules = NULL;
	es_err err;
	es_rc rc = ES_OK;
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
	if ((rules = es_notification_rules_load(&err)) == NULL || (crules = es_coercive_rules_load(&err)) == NULL)
		es_tool_die_err(&err);
	R.rules = rules;
	R.crules = crules;
	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if (es_tool_db_path(db_opt) != NULL &&
	    (R.ledger = es_ledger_open(es_tool_db_path(db_opt), R.post ? ES_LEDGER_WRITE : ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	if ((R.w = es_tool_csv_open("-", &wo, &out, &err)) == NULL ||
	    (failed_path != NULL && (R.failed = es_tool_csv_open(failed_path, &wo, &fout, &err)) == NULL))
		es_tool_die_err(&err);
	T = (es_tool_run){ .ledger = &R.ledger, .post = R.post, .writers = { &R.w, &R.failed }, .outs = { &out, &fout },
	                   .rejects = &R.rejects, .sum = &R.sum };
	if (R.post && (rc = es_ledger_run_begin(R.ledger, "track-notifications", argc, argv, &err)) != ES_OK)
		goto fail;
	if ((rc = es_tool_run_inputs(argc, argv, optind, read_input, &R, &err)) != ES_OK ||
	    (rc = es_notification_run_resolve(&R, &err)) != ES_OK ||
	    (rc = es_tool_run_close(&T, &err)) != ES_OK)
		goto fail;
	es_summary_print(&R.sum);
	status = es_summary_exit_status(&R.sum);
	goto done;
fail:
	status = es_tool_run_fail(&T, rc, &err);
done:
	es_notification_run_free(&R);
	es_ledger_close(R.ledger);
	es_notification_rules_free(rules);
	es_coercive_rules_free(crules);
	return es_tool_finish(status);
}
