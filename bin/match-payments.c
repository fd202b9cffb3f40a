/* match-payments: every payment matched to what it pays (issue 7).
 *
 * Inputs, detected by content: payments CSV (f24-reconcile's stream, bank
 * statements with a causale), pagoPA FlussoRiversamento XML, OPI giornale
 * di cassa XML; .gz accepted.  Dues come from the ledger (--db) or from a
 * dues CSV (--dues).  Output: the allocations stream on stdout.
 *
 * The run is lib/domain/match_run.c: the XML inputs are read first (the
 * treasury credits whole, the flows for their header), then the CSV
 * payments stream through the matcher one row at a time, then flows and
 * credits are reconciled, each flow's items read again one at a time.
 * Here: the options, the ledger's run and the summary. */
#include "es_setup.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "domain/match_run.h"
#include "io/diag.h"
#include "store/ledger.h"

enum {
	OPT_DUES = ES_OPT_FIRST_TOOL_OPTION,
	OPT_UNMATCHED,
	OPT_AS_OF,
	OPT_MANUAL,
	OPT_ACCONTO_WINDOW
};

static const struct option longopts[] = {
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "dues", required_argument, NULL, OPT_DUES },
	{ "manual", required_argument, NULL, OPT_MANUAL },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "unmatched", required_argument, NULL, OPT_UNMATCHED },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "acconto-window", required_argument, NULL, OPT_ACCONTO_WINDOW },
	{ "decimal-comma", no_argument, NULL, ES_OPT_DECIMAL_COMMA },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "quiet", no_argument, NULL, ES_OPT_QUIET },
	{ "progress", no_argument, NULL, ES_OPT_PROGRESS },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

ES_NORETURN static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	        "Usage: %s [--db FILE | --dues FILE] [OPTION]... INPUT...\n"
	        "Match payments to the dues they pay and write the allocations stream.\n"
	        "Each INPUT is a payments CSV, a pagoPA FlussoRiversamento XML or an OPI\n"
	        "giornale di cassa XML, recognised by content; .gz files are accepted.\n"
	        "\n"
	        "  --db FILE          the ledger: read dues, write allocations (or $ESATTORE_DB)\n"
	        "  --dues FILE        dues or notices as CSV instead of a ledger\n"
	        "  --manual FILE      manual allocations (payment_id and position_id,\n"
	        "                     notice_number or tax_code,tax,year; optional amount)\n"
	        "  --rejects FILE     write rejected rows to FILE\n"
	        "  --unmatched FILE   also write UNMATCHED and DUPLICATE allocations to FILE\n"
	        "  --as-of DATE       with an OVERPAID excess, list only debts due by DATE\n"
	        "  --acconto-window DAYS\n"
	        "                     an IMU acconto written for the year before and paid\n"
	        "                     from DAYS days before this year's acconto is due is\n"
	        "                     this year's (default %d; 'off': the year written stands)\n"
	        "  --decimal-comma    amounts in CSV inputs use ',' as decimal separator\n"
	        "  --locale it        write ';' separators and ',' decimals (Italian spreadsheets)\n"
	        "  --quiet            no warnings and no summary\n"
	        "  --progress         show a progress line on stderr\n"
	        "  --help             display this help and exit\n"
	        "  --version          output version information and exit\n"
	        "\n"
	        "Exit status: 0 all rows used, 1 some rows rejected, 2 usage error,\n"
	        "3 I/O, database or internal failure (the ledger is left unchanged).\n",
	        es_diag_progname(), ES_MATCH_ACCONTO_WINDOW);
	exit(es_tool_finish(status));
}

/* --acconto-window: whole days 0..366, or "off" (-1). */
static int
parse_window(const char *v)
{
	char *end;
	long n;

	if (strcmp(v, "off") == 0)
		return -1;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < 0 || n > 366 || !isdigit((unsigned char)v[0]))
		es_tool_usage_error("--acconto-window: '%s' is not a number of days (0-366) or 'off'", v);
	return (int)n;
}

/* Give up: the ledger rolled back, the error printed, what was written
 * to standard output flushed. */
ES_NORETURN static void
fail(es_match_run *r, es_ledger *ledger, es_rc rc, es_err *err)
{
	if (r != NULL)
		es_match_run_close_store(r);
	if (ledger != NULL) {
		es_ledger_run_abort(ledger, err->msg);
		es_ledger_close(ledger);
	}
	es_error("%s", err->msg);
	if (r != NULL)
		es_match_run_flush_partial(r);
	exit(es_tool_finish(es_rc_exit_status(rc == ES_OK ? ES_EINTERNAL : rc)));
}

int
main(int argc, char **argv)
{
	const char *db = NULL, *dues = NULL, *rejects_path = NULL, *manual = NULL;
	es_match_run_opts o = { ES_MONEY_PLAIN, false, ES_DATE_NONE, NULL, ES_MATCH_ACCONTO_WINDOW };
	const es_match_run_stats *st;
	es_match_run *r;
	es_rejects *rejects;
	es_ledger *ledger = NULL;
	es_err err;
	es_rc rc;
	int c, i, status;

	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB:
			db = optarg;
			break;
		case OPT_DUES:
			dues = optarg;
			break;
		case OPT_MANUAL:
			manual = optarg;
			break;
		case ES_OPT_REJECTS:
			rejects_path = optarg;
			break;
		case OPT_UNMATCHED:
			o.unmatched = optarg;
			break;
		case OPT_AS_OF:
			if (es_date_parse(optarg, ES_DATE_ISO, &o.as_of, &err) != ES_OK || o.as_of == ES_DATE_NONE)
				es_tool_usage_error("--as-of: '%s' is not a date (YYYY-MM-DD)", optarg);
			break;
		case OPT_ACCONTO_WINDOW:
			o.acconto_window = parse_window(optarg);
			break;
		case ES_OPT_DECIMAL_COMMA:
			o.money = ES_MONEY_COMMA;
			break;
		case ES_OPT_LOCALE:
			o.locale_it = es_tool_parse_locale(optarg);
			break;
		case ES_OPT_QUIET:
			es_diag_set_quiet(true);
			es_tool_set_progress(-1);
			break;
		case ES_OPT_PROGRESS:
			es_tool_set_progress(1);
			break;
		case ES_OPT_HELP:
			usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default:
			usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind >= argc)
		es_tool_usage_error("no INPUT given");
	if (db != NULL && dues != NULL)
		es_tool_usage_error("--db and --dues are exclusive");
	if (dues == NULL)
		db = es_tool_db_path(db);
	if (db == NULL && dues == NULL)
		es_tool_usage_error("give the dues with --dues FILE or a ledger with --db FILE");

	r = es_match_run_new(&o, es_tool_warn_cb, es_tool_progress_cb, (void *)"payments", &err);
	if (r == NULL)
		es_tool_die_err(&err);
	for (i = optind; i < argc; i++)
		if (es_match_run_add_input(r, argv[i], &err) != ES_OK)
			es_tool_die_err(&err);
	if ((rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if (es_match_run_open(r, stdout, rejects, &err) != ES_OK || es_match_run_reserve(r, dues, &err) != ES_OK)
		es_tool_die_err(&err);

	/* What is owed, what was paid before, the manual allocations. */
	if (db != NULL) {
		if ((ledger = es_ledger_open(db, ES_LEDGER_WRITE, &err)) == NULL)
			es_tool_die_err(&err);
		if ((rc = es_ledger_run_begin(ledger, "match-payments", argc, argv, &err)) != ES_OK
		    || (rc = es_match_run_load_ledger(r, ledger, &err)) != ES_OK)
			fail(r, ledger, rc, &err);
	} else if ((rc = es_match_run_load_dues(r, dues, &err)) != ES_OK) {
		fail(r, NULL, rc, &err);
	}
	if ((rc = es_match_run_seal(r, &err)) != ES_OK
	    || (manual != NULL && (rc = es_match_run_load_manual(r, manual, &err)) != ES_OK))
		fail(r, ledger, rc, &err);

	/* What was paid. */
	if ((rc = es_match_run_match(r, &err)) != ES_OK)
		fail(r, ledger, rc, &err);
	es_tool_progress_done();
	if ((rc = es_match_run_flush(r, &err)) != ES_OK || (rc = es_rejects_close(rejects, &err)) != ES_OK)
		fail(r, ledger, rc, &err);
	st = es_match_run_stats_of(r);
	if (ledger != NULL) {
		es_match_run_close_store(r);
		if ((rc = es_ledger_run_commit(ledger, st->sum.read, st->sum.written, st->sum.rejected, &err)) != ES_OK)
			fail(r, ledger, rc, &err);
		es_ledger_close(ledger);
	}
	if (st->skipped > 0 && !es_diag_quiet())
		es_warn("%llu payments already allocated by earlier runs", (unsigned long long)st->skipped);
	es_summary_print(&st->sum);
	status = es_summary_exit_status(&st->sum);
	if (st->other_rejected > 0)
		status = ES_EXIT_REJECTS;
	es_match_run_free(r);
	return es_tool_finish(status);
}
