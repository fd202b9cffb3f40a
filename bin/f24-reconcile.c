/* f24-reconcile: the F24 supply of the Agenzia delle Entrate to the
 * payments stream, reconciled against the credits (f24-reconcile(1),
 * f24-supply(5)). */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "io/csv.h"
#include "io/diag.h"
#include "io/stream.h"
#include "domain/f24_run.h"
#include "store/ledger.h"

enum {
	OPT_BELFIORE = ES_OPT_FIRST_TOOL_OPTION,
	OPT_SUMMARY,
	OPT_NAME_LAYOUT,
};

static const struct option long_options[] = {
	{"db", required_argument, NULL, ES_OPT_DB},
	{"belfiore", required_argument, NULL, OPT_BELFIORE},
	{"rejects", required_argument, NULL, ES_OPT_REJECTS},
	{"summary", required_argument, NULL, OPT_SUMMARY},
	{"name-layout", required_argument, NULL, OPT_NAME_LAYOUT},
	{"locale", required_argument, NULL, ES_OPT_LOCALE},
	{"quiet", no_argument, NULL, ES_OPT_QUIET},
	{"progress", no_argument, NULL, ES_OPT_PROGRESS},
	{"help", no_argument, NULL, ES_OPT_HELP},
	{"version", no_argument, NULL, ES_OPT_VERSION},
	{NULL, 0, NULL, 0},
};

ES_NORETURN static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	        "Usage: %s [OPTION]... [FILE]...\n"
	        "Read F24 supplies of the Agenzia delle Entrate (fixed-width records A1, G1-G5,\n"
	        "G9, Z1; .gz accepted; standard input if no FILE) and write the payments\n"
	        "stream as CSV on standard output, one row per G1, with G9 cancellations\n"
	        "applied; check the credits (G2, G3, G4, G5) and the Z1 counts.\n"
	        "\n"
	        "      --db FILE            record the payments in the ledger FILE (default\n"
	        "                           $ESATTORE_DB when set); a supply imported twice\n"
	        "                           records nothing new\n"
	        "      --belfiore CODE      the municipality's codice catastale (default: the\n"
	        "                           code in each flow's Z1 record)\n"
	        "      --rejects FILE       write unreadable records to FILE (CSV)\n"
	        "      --summary FILE       write the reconciliation, block by block and\n"
	        "                           difference by difference, to FILE (CSV)\n"
	        "      --name-layout LAYOUT G1 positions 149-203: webred (a 55-character name,\n"
	        "                           the default) or tr4 (39-character name and the\n"
	        "                           original codice fiscale)\n"
	        "      --locale it          write CSV with ';' separators and ',' decimals\n"
	        "      --quiet              print no warnings and no summary\n"
	        "      --progress           show a progress line on standard error\n"
	        "      --help               display this help and exit\n"
	        "      --version            output version information and exit\n"
	        "\n"
	        "Exit status: 0 all records used, 1 some records rejected, 2 usage or\n"
	        "configuration error, 3 I/O, database or internal failure.\n",
	        es_diag_progname());
	exit(es_tool_finish(status));
}

/* Give up: close the run (nothing half-written: the ledger is rolled
 * back, the spool of standard input removed), print the error and exit
 * with its status. */
ES_NORETURN static void
fail(es_f24_run *r, es_ledger *ledger, es_err *err)
{
	es_f24_run_free(r);
	if (ledger != NULL) {
		es_ledger_run_abort(ledger, err->msg);
		es_ledger_close(ledger);
	}
	es_tool_die_err(err);
}

int
main(int argc, char **argv)
{
	const char *rejects_path = NULL, *summary_path = NULL, *db_opt = NULL, *db_path, *belfiore = NULL;
	es_f24_name_layout layout = ES_F24_NAME_WEBRED;
	es_csv_wopts wopts = {0};
	es_rejects *rejects = NULL;
	es_ledger *ledger = NULL;
	es_f24_run *r = NULL;
	es_csv_writer *w;
	es_out *out;
	es_summary sum;
	bool stdin_seen = false;
	int c, status, i;
	es_err err;

	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_BELFIORE:
			if (strlen(optarg) != 4)
				es_tool_usage_error("--belfiore: '%s' is not a 4-character codice catastale", optarg);
			belfiore = optarg;
			break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case OPT_SUMMARY: summary_path = optarg; break;
		case OPT_NAME_LAYOUT:
			if (strcmp(optarg, "webred") == 0)
				layout = ES_F24_NAME_WEBRED;
			else if (strcmp(optarg, "tr4") == 0)
				layout = ES_F24_NAME_TR4;
			else
				es_tool_usage_error("--name-layout: '%s' is not webred or tr4", optarg);
			break;
		case ES_OPT_LOCALE: wopts.locale_it = es_tool_parse_locale(optarg); break;
		case ES_OPT_QUIET: es_diag_set_quiet(true); break;
		case ES_OPT_PROGRESS: es_tool_set_progress(1); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION: es_tool_version(); return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	db_path = es_tool_db_path(db_opt);
	for (i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") != 0)
			continue;
		if (stdin_seen)
			es_tool_usage_error("standard input named twice");
		stdin_seen = true;
	}

	if ((rejects = es_rejects_open(rejects_path, &err)) == NULL)
		fail(NULL, NULL, &err);
	if ((r = es_f24_run_new(layout, belfiore, rejects, es_tool_warn_cb, es_tool_progress_cb, (void *)"records",
	                        &err)) == NULL)
		fail(NULL, NULL, &err);
	if (optind == argc && es_f24_run_add_input(r, "-", &err) != ES_OK)
		fail(r, NULL, &err);
	for (i = optind; i < argc; i++)
		if (es_f24_run_add_input(r, argv[i], &err) != ES_OK)
			fail(r, NULL, &err);

	if (es_f24_run_scan(r, &err) != ES_OK)
		fail(r, NULL, &err);
	if (db_path != NULL) {
		if ((ledger = es_ledger_open(db_path, ES_LEDGER_WRITE, &err)) == NULL)
			fail(r, NULL, &err);
		if (es_ledger_run_begin(ledger, "f24-reconcile", argc, argv, &err) != ES_OK ||
		    es_f24_run_record_supplies(r, ledger, &err) != ES_OK)
			fail(r, ledger, &err);
	}

	if ((out = es_out_open("-", &err)) == NULL || (w = es_csv_writer_new(out, &wopts, &err)) == NULL ||
	    es_f24_run_write(r, w, &err) != ES_OK)
		fail(r, ledger, &err);
	es_csv_writer_free(w);
	if (es_out_close(out, &err) != ES_OK)
		fail(r, ledger, &err);
	if (summary_path != NULL) {
		if ((out = es_out_open(summary_path, &err)) == NULL || (w = es_csv_writer_new(out, &wopts, &err)) == NULL ||
		    es_f24_run_write_summary(r, w, &err) != ES_OK)
			fail(r, ledger, &err);
		es_csv_writer_free(w);
		if (es_out_close(out, &err) != ES_OK)
			fail(r, ledger, &err);
	}
	es_f24_run_report(r);
	sum = es_f24_run_stats_of(r)->sum;
	sum.written = sum.read - sum.rejected;
	if (es_rejects_close(rejects, &err) != ES_OK)
		fail(r, ledger, &err);
	if (ledger != NULL) {
		es_f24_run_close_store(r);
		if (es_ledger_run_commit(ledger, sum.read, sum.written, sum.rejected, &err) != ES_OK)
			fail(r, ledger, &err);
		es_ledger_close(ledger);
	}
	es_summary_print(&sum);
	status = es_summary_exit_status(&sum);
	es_f24_run_free(r);
	return es_tool_finish(status);
}
