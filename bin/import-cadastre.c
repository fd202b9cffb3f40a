/* import-cadastre: the Agenzia delle Entrate cadastral supply (.FAB .TER
 * .SOG .TIT) into the ledger, and the units, subjects and titles streams
 * out of it.  See import-cadastre(1) and esattore-cadastre(5). */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "io/csv.h"
#include "io/diag.h"
#include "io/stream.h"
#include "store/cadastre.h"
#include "store/ledger.h"
#include "domain/cadastre_run.h"

enum {
	OPT_EMIT = ES_OPT_FIRST_TOOL_OPTION,
	OPT_AS_OF,
	OPT_REPORT
};

static const struct option long_options[] = {
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "emit", required_argument, NULL, OPT_EMIT },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "progress", no_argument, NULL, ES_OPT_PROGRESS },
	{ "quiet", no_argument, NULL, ES_OPT_QUIET },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

ES_NORETURN static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	        "Usage: %s [--db FILE] [--emit units|subjects|titles] [--as-of DATE]\n"
	        "       [--rejects FILE] [--report FILE] [--locale it] [--progress] [--quiet] FILE...\n"
	        "Load the cadastral supply of the Agenzia delle Entrate (.FAB, .TER, .SOG,\n"
	        ".TIT files, optionally gzipped, Latin-1) into the ledger, or write it as CSV.\n"
	        "\n"
	        "  --db FILE          load the ledger FILE (default $ESATTORE_DB) in one\n"
	        "                     transaction; files already loaded are skipped\n"
	        "  --emit STREAM      write the units, subjects or titles stream as CSV to\n"
	        "                     standard output (without --db: from this supply only)\n"
	        "  --as-of DATE       emit only situations and titles valid on DATE\n"
	        "  --rejects FILE     write malformed records to FILE (record,_source,_line,_error)\n"
	        "  --report FILE      write the data-quality findings to FILE as CSV\n"
	        "  --locale it        CSV with ';' separator and ',' decimals\n"
	        "  --progress         show a progress line even when stderr is not a terminal\n"
	        "  --quiet            no warnings, report summary or counts on stderr\n"
	        "  --help             show this help and exit\n"
	        "  --version          show the version and exit\n"
	        "\n"
	        "Exit status: 0 all records used, 1 some rejected, 2 usage error,\n"
	        "3 I/O or database failure (nothing written to the ledger).\n",
	        es_diag_progname());
	exit(es_tool_finish(status));
}

static es_cadastre_stream
parse_stream(const char *s)
{
	es_cadastre_stream st;

	if (!es_cadastre_stream_parse(s, &st))
		es_tool_usage_error("--emit: unknown stream '%s' (units, subjects or titles)", s);
	return st;
}

int
main(int argc, char **argv)
{
	const char *db_opt = NULL, *rejects_path = NULL, *report_path = NULL;
	es_cadastre_stream emit = 0;
	es_date as_of = ES_DATE_NONE;
	bool locale_it = false, run_open = false;
	char *scratch = NULL;
	const char *db_path;
	es_cadastre_codes *codes = NULL;
	es_cadastre_run r = { 0 };
	es_err err = { 0 };
	es_rc rc = ES_OK;
	int c, i, status;

	es_tool_init(argv[0]);
	r.warn = es_tool_warn_cb;
	r.progress = es_tool_progress_cb;
	r.ctx = (void *)"records";
	while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_EMIT: emit = parse_stream(optarg); break;
		case OPT_AS_OF:
			if (es_date_parse(optarg, ES_DATE_ANY, &as_of, &err) != ES_OK || as_of == ES_DATE_NONE)
				es_tool_usage_error("--as-of: '%s' is not a date (YYYY-MM-DD)", optarg);
			break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case OPT_REPORT: report_path = optarg; break;
		case ES_OPT_LOCALE: locale_it = es_tool_parse_locale(optarg); break;
		case ES_OPT_PROGRESS: es_tool_set_progress(1); break;
		case ES_OPT_QUIET: es_diag_set_quiet(true); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION: es_tool_version(); return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind >= argc)
		es_tool_usage_error("no input file (give the .FAB, .TER, .SOG and .TIT files of the supply)");
	db_path = es_tool_db_path(db_opt);
	if (db_path == NULL && emit == 0)
		es_tool_usage_error("nothing to do: give --db FILE (or set ESATTORE_DB) or --emit STREAM");
	if (as_of != ES_DATE_NONE && emit == 0)
		es_tool_usage_error("--as-of applies to --emit");
	for (i = optind; i < argc; i++)
		if (es_cadastre_file_from_name(argv[i]) == ES_CADASTRE_FILE_SUP)
			es_tool_die(ES_EXIT_USAGE, "%s: the surfaces supply (.SUP) has no published layout: not supported",
			            argv[i]);

	/* A missing or broken decode table is an installation problem: exit 2. */
	codes = es_cadastre_codes_load(&err);
	if (codes == NULL) {
		err.rc = ES_ECONFIG;
		es_tool_die_err(&err);
	}
	r.codes = codes;
	if (db_path == NULL) {
		scratch = es_cadastre_scratch_path(&err);
		if (scratch == NULL)
			goto fail;
		r.l = es_ledger_open(scratch, ES_LEDGER_CREATE, &err);
		if (r.l == NULL || es_store_cadastre_scratch(r.l, &err) != ES_OK)
			goto fail;
	} else {
		r.l = es_ledger_open(db_path, ES_LEDGER_CREATE, &err);
		if (r.l == NULL)
			goto fail;
		r.check_seen = true;
	}
	if ((r.rejects = es_rejects_open(rejects_path, &err)) == NULL ||
	    (r.rep = es_cadastre_report_open(report_path, locale_it, &err)) == NULL ||
	    (r.parser = es_cadastre_parser_new(&err)) == NULL || (r.conv = es_cadastre_conv_new(&err)) == NULL)
		goto fail;
	if (es_ledger_run_begin(r.l, "import-cadastre", argc, argv, &err) != ES_OK)
		goto fail;
	run_open = true;
	if ((r.store = es_store_cadastre_new(r.l, codes, &err)) == NULL)
		goto fail;
	for (i = optind; i < argc; i++)
		if (es_cadastre_run_load_file(&r, argv[i], &err) != ES_OK)
			goto fail;
	es_tool_progress_done();
	if (es_store_cadastre_finish(r.store, es_cadastre_report_add, r.rep, &err) != ES_OK)
		goto fail;
	if (emit != 0) {
		es_csv_wopts wo = { .locale_it = locale_it };
		es_out *out = es_out_open("-", &err);
		es_csv_writer *w = out ? es_csv_writer_new(out, &wo, &err) : NULL;
		uint64_t rows = 0;
		rc = w ? es_store_cadastre_emit(r.l, emit, as_of, codes, w, &rows, &err) : err.rc;
		es_csv_writer_free(w);
		if (out != NULL && es_out_close(out, rc == ES_OK ? &err : NULL) != ES_OK && rc == ES_OK)
			rc = err.rc;
		if (rc != ES_OK) {
			/* Reported once here; es_tool_finish need not report stdout again. */
			if (rc == ES_EIO)
				clearerr(stdout);
			goto fail;
		}
	}
	es_cadastre_report_summary(r.rep, es_tool_warn_cb, NULL);
	rc = es_cadastre_report_close(r.rep, &err);
	r.rep = NULL;
	if (rc != ES_OK)
		goto fail;
	if (es_rejects_close(r.rejects, &err) != ES_OK) {
		r.rejects = NULL;
		goto fail;
	}
	r.rejects = NULL;
	es_store_cadastre_free(r.store);
	r.store = NULL;
	if (es_ledger_run_commit(r.l, r.sum.read, r.sum.written, r.sum.rejected, &err) != ES_OK)
		goto fail;
	run_open = false;
	es_ledger_close(r.l);
	es_cadastre_scratch_remove(scratch);
	es_cadastre_parser_free(r.parser);
	es_cadastre_conv_free(r.conv);
	es_cadastre_codes_free(codes);
	es_summary_print(&r.sum);
	status = es_summary_exit_status(&r.sum);
	return es_tool_finish(status);

fail:
	if (err.rc == ES_OK)
		err.rc = ES_EINTERNAL;
	if (run_open)
		es_ledger_run_abort(r.l, err.msg);
	es_store_cadastre_free(r.store);
	es_ledger_close(r.l);
	es_cadastre_scratch_remove(scratch);
	if (r.rep != NULL)
		es_cadastre_report_close(r.rep, NULL);
	if (r.rejects != NULL)
		es_rejects_close(r.rejects, NULL);
	es_cadastre_parser_free(r.parser);
	es_cadastre_conv_free(r.conv);
	es_cadastre_codes_free(codes);
	es_error("%s", err.msg[0] ? err.msg : "internal error");
	/* A data error here is a bad input file that cannot be read at all. */
	return es_tool_finish(err.rc == ES_EDATA ? ES_EXIT_FAILURE : es_rc_exit_status(err.rc));
}
