/* import-cadastre: the Agenzia delle Entrate cadastral supply (.FAB .TER
 * .SOG .TIT) into the ledger, and the units, subjects and titles streams
 * out of it.  See import-cadastre(1) and esattore-cadastre(5). */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "tool.h"
#include "io/csv.h"
#include "io/diag.h"
#include "io/stream.h"
#include "store/cadastre.h"
#include "store/ledger.h"
#include "domain/cadastre.h"

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

/* ---- the data-quality report ---- */

typedef struct report {
	es_out *out;
	es_csv_writer *w;
	GHashTable *counts;      /* check -> count */
	es_rc rc;                /* first write error */
	es_err err;
	/* context of the current record, for per-record findings */
	const char *source;
	uint64_t line;
	const char *unit_id;
	const char *subject_id;
} report;

static void
report_add(void *ctx, const char *check, const char *source, uint64_t line, const char *unit_id,
           const char *subject_id, const char *detail)
{
	report *r = ctx;
	gpointer n = g_hash_table_lookup(r->counts, check);

	g_hash_table_replace(r->counts, g_strdup(check), GSIZE_TO_POINTER(GPOINTER_TO_SIZE(n) + 1));
	if (r->w == NULL || r->rc != ES_OK)
		return;
	if ((r->rc = es_csv_put(r->w, check, &r->err)) != ES_OK ||
	    (r->rc = es_csv_put(r->w, source ? source : "", &r->err)) != ES_OK)
		return;
	if (line > 0)
		r->rc = es_csv_put_int(r->w, (int64_t)line, &r->err);
	else
		r->rc = es_csv_put(r->w, "", &r->err);
	if (r->rc == ES_OK)
		r->rc = es_csv_put(r->w, unit_id ? unit_id : "", &r->err);
	if (r->rc == ES_OK)
		r->rc = es_csv_put(r->w, subject_id ? subject_id : "", &r->err);
	if (r->rc == ES_OK)
		r->rc = es_csv_put(r->w, detail ? detail : "", &r->err);
	if (r->rc == ES_OK)
		r->rc = es_csv_end_row(r->w, &r->err);
}

static void
report_record(void *ctx, const char *check, const char *detail)
{
	report *r = ctx;

	report_add(r, check, r->source, r->line, r->unit_id, r->subject_id, detail);
}

static es_rc
report_open(report *r, const char *path, bool locale_it, es_err *err)
{
	static const char *const header[] = { "check", "source", "line", "unit_id", "subject_id", "detail" };
	es_csv_wopts wo = { .locale_it = locale_it };

	r->counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (path == NULL)
		return ES_OK;
	/* Names and codici fiscali: personal data, mode 0600. */
	r->out = es_out_open_mode(path, 0600, err);
	if (r->out == NULL)
		return err->rc;
	r->w = es_csv_writer_new(r->out, &wo, err);
	if (r->w == NULL)
		return err->rc;
	return es_csv_put_row(r->w, header, ES_ARRAY_LEN(header), err);
}

/* "import-cadastre: report: N check" per check, in name order. */
static void
report_summary(const report *r)
{
	GList *keys = g_list_sort(g_hash_table_get_keys(r->counts), (GCompareFunc)strcmp), *k;

	for (k = keys; k != NULL; k = k->next)
		es_warn("report: %zu %s", GPOINTER_TO_SIZE(g_hash_table_lookup(r->counts, k->data)),
		        (const char *)k->data);
	g_list_free(keys);
}

static es_rc
report_close(report *r, es_err *err)
{
	es_rc rc = r->rc;

	if (rc != ES_OK && err != NULL)
		*err = r->err;
	es_csv_writer_free(r->w);
	r->w = NULL;
	if (r->out != NULL && es_out_close(r->out, rc == ES_OK ? err : NULL) != ES_OK && rc == ES_OK)
		rc = err != NULL ? err->rc : ES_EIO;
	r->out = NULL;
	if (r->counts != NULL)
		g_hash_table_destroy(r->counts);
	r->counts = NULL;
	return rc;
}

/* ---- loading ---- */

typedef struct run {
	es_ledger *l;
	es_store_cadastre *store;
	es_cadastre_parser *parser;
	es_cadastre_conv *conv;
	const es_cadastre_codes *codes;
	es_rejects *rejects;
	report rep;
	es_summary sum;
	bool check_seen;
} run;

static es_rc
reject(run *r, const char *source, uint64_t line, const char *msg, const char *raw, es_err *err)
{
	const char *fields[1] = { raw };

	r->sum.rejected++;
	return es_rejects_add(r->rejects, source, line, msg, NULL, 0, fields, 1, err);
}

static es_rc
load_file(run *r, const char *path, es_err *err)
{
	es_cadastre_file kind = strcmp(path, "-") == 0 ? ES_CADASTRE_FILE_UNKNOWN : es_cadastre_file_from_name(path);
	char ukey[ES_CADASTRE_KEY_MAX], skey[ES_CADASTRE_KEY_MAX];
	const char *name, *utf8;
	es_cadastre_rec rec;
	uint64_t lineno = 0;
	size_t len, ulen;
	es_err e;
	es_in *in;
	char *line;
	es_rc rc;

	if (kind == ES_CADASTRE_FILE_PRM) {
		es_warn("%s: parameters file (.PRM): layout not published, skipped", path);
		return ES_OK;
	}
	if (r->check_seen && strcmp(path, "-") != 0) {
		bool seen = false;
		if ((rc = es_ledger_run_input(r->l, path, err)) != ES_OK)
			return rc;
		if ((rc = es_ledger_input_seen(r->l, "import-cadastre", es_ledger_last_input_hash(r->l), &seen,
		                               err)) != ES_OK)
			return rc;
		if (seen) {
			es_warn("%s: already loaded into the ledger (same SHA-256): skipped", path);
			return ES_OK;
		}
	}
	in = es_in_open(path, err);
	if (in == NULL)
		return err->rc;
	name = es_in_name(in);
	r->rep.source = name;
	while ((rc = es_in_getline(in, &line, &len, 0, err)) == ES_OK) {
		es_cadastre_file k = kind;
		lineno++;
		if (len == 0)
			continue;
		r->sum.read++;
		if ((lineno & 4095) == 0)
			es_tool_progress("records", r->sum.read);
		es_err_clear(&e);
		if (es_cadastre_to_utf8(r->conv, line, len, &utf8, &ulen, &e) != ES_OK) {
			if ((rc = reject(r, name, lineno, e.msg, "", err)) != ES_OK)
				break;
			continue;
		}
		if (k == ES_CADASTRE_FILE_UNKNOWN)
			k = es_cadastre_file_guess(utf8);
		if (k == ES_CADASTRE_FILE_UNKNOWN) {
			if ((rc = reject(r, name, lineno, "not a FAB, TER, SOG or TIT record", utf8, err)) != ES_OK)
				break;
			continue;
		}
		rc = es_cadastre_parse(r->parser, k, utf8, ulen, &rec, &e);
		if (rc == ES_OK)
			rc = es_store_cadastre_put(r->store, &rec, &e);
		if (rc == ES_EDATA) {
			if ((rc = reject(r, name, lineno, e.msg, utf8, err)) != ES_OK)
				break;
			continue;
		}
		if (rc != ES_OK) {
			*err = e;
			es_err_prefix(err, "%s:%llu", name, (unsigned long long)lineno);
			break;
		}
		r->sum.written++;
		/* The keys the findings of this record refer to. */
		r->rep.line = lineno;
		r->rep.unit_id = r->rep.subject_id = NULL;
		if (rec.type == ES_CADASTRE_SOG_P || rec.type == ES_CADASTRE_SOG_G) {
			es_cadastre_subject_key(rec.belfiore, rec.type == ES_CADASTRE_SOG_P ? 'P' : 'G', rec.id, skey,
			                        sizeof skey);
			r->rep.subject_id = skey;
		} else if (rec.type == ES_CADASTRE_TIT) {
			es_cadastre_unit_key(rec.belfiore, rec.sezione, rec.u.tit.unit_kind, rec.u.tit.unit_id, ukey,
			                     sizeof ukey);
			es_cadastre_subject_key(rec.belfiore, rec.u.tit.subject_kind, rec.u.tit.subject_id, skey,
			                        sizeof skey);
			r->rep.unit_id = ukey;
			r->rep.subject_id = skey;
		} else {
			es_cadastre_unit_key(rec.belfiore, rec.sezione, rec.type >= ES_CADASTRE_TER1 ? 'T' : 'F', rec.id,
			                     ukey, sizeof ukey);
			r->rep.unit_id = ukey;
		}
		es_cadastre_check(r->codes, &rec, report_record, &r->rep);
	}
	es_in_close(in);
	r->rep.source = NULL;
	r->rep.line = 0;
	return rc == ES_EOF ? ES_OK : rc;
}

/* ---- the scratch ledger of --emit without --db ---- */

static char *
scratch_path(es_err *err)
{
	GError *ge = NULL;
	gchar *dir = g_dir_make_tmp("import-cadastre-XXXXXX", &ge);
	gchar *path;

	if (dir == NULL) {
		es_err_set(err, ES_EIO, "cannot create a scratch directory: %s", ge->message);
		g_error_free(ge);
		return NULL;
	}
	path = g_build_filename(dir, "scratch.db", NULL);
	g_free(dir);
	return path;
}

static void
scratch_remove(char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	gchar *dir;
	size_t i;

	if (path == NULL)
		return;
	for (i = 0; i < ES_ARRAY_LEN(suffix); i++) {
		gchar *p = g_strconcat(path, suffix[i], NULL);
		g_unlink(p);
		g_free(p);
	}
	dir = g_path_get_dirname(path);
	g_rmdir(dir);
	g_free(dir);
	g_free(path);
}

static es_cadastre_stream
parse_stream(const char *s)
{
	if (strcmp(s, "units") == 0)
		return ES_CADASTRE_UNITS;
	if (strcmp(s, "subjects") == 0)
		return ES_CADASTRE_SUBJECTS;
	if (strcmp(s, "titles") == 0)
		return ES_CADASTRE_TITLES;
	es_tool_usage_error("--emit: unknown stream '%s' (units, subjects or titles)", s);
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
	run r = { 0 };
	es_err err = { 0 };
	es_rc rc = ES_OK;
	int c, i, status;

	es_tool_init(argv[0]);
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
		scratch = scratch_path(&err);
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
	    report_open(&r.rep, report_path, locale_it, &err) != ES_OK ||
	    (r.parser = es_cadastre_parser_new(&err)) == NULL || (r.conv = es_cadastre_conv_new(&err)) == NULL)
		goto fail;
	if (es_ledger_run_begin(r.l, "import-cadastre", argc, argv, &err) != ES_OK)
		goto fail;
	run_open = true;
	if ((r.store = es_store_cadastre_new(r.l, codes, &err)) == NULL)
		goto fail;
	for (i = optind; i < argc; i++)
		if (load_file(&r, argv[i], &err) != ES_OK)
			goto fail;
	es_tool_progress_done();
	if (es_store_cadastre_finish(r.store, report_add, &r.rep, &err) != ES_OK)
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
	report_summary(&r.rep);
	if (report_close(&r.rep, &err) != ES_OK)
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
	scratch_remove(scratch);
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
	scratch_remove(scratch);
	if (r.rep.counts != NULL)
		report_close(&r.rep, NULL);
	if (r.rejects != NULL)
		es_rejects_close(r.rejects, NULL);
	es_cadastre_parser_free(r.parser);
	es_cadastre_conv_free(r.conv);
	es_cadastre_codes_free(codes);
	es_error("%s", err.msg[0] ? err.msg : "internal error");
	/* A data error here is a bad input file that cannot be read at all. */
	return es_tool_finish(err.rc == ES_EDATA ? ES_EXIT_FAILURE : es_rc_exit_status(err.rc));
}
