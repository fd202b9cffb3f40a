/* cadastre_run.c: one import-cadastre run: the supply's files into the
 * ledger, the data-quality report and the scratch ledger of --emit
 * without --db (cadastre_run.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "domain/cadastre_run.h"
#include "io/stream.h"

/* ---- the data-quality report ---- */

struct es_cadastre_report {
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
};

typedef es_cadastre_report report;

void
es_cadastre_report_add(void *ctx, const char *check, const char *source, uint64_t line, const char *unit_id,
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

	es_cadastre_report_add(r, check, r->source, r->line, r->unit_id, r->subject_id, detail);
}

es_cadastre_report *
es_cadastre_report_open(const char *path, bool locale_it, es_err *err)
{
	static const char *const header[] = { "check", "source", "line", "unit_id", "subject_id", "detail" };
	es_csv_wopts wo = { .locale_it = locale_it };
	report *r = g_new0(report, 1);

	r->counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (path == NULL)
		return r;
	/* Names and codici fiscali: personal data, mode 0600. */
	if ((r->out = es_out_open_mode(path, 0600, err)) == NULL ||
	    (r->w = es_csv_writer_new(r->out, &wo, err)) == NULL ||
	    es_csv_put_row(r->w, header, ES_ARRAY_LEN(header), err) != ES_OK) {
		es_cadastre_report_close(r, NULL);
		return NULL;
	}
	return r;
}

void
es_cadastre_report_summary(const es_cadastre_report *r, es_warn_fn warn, void *ctx)
{
	GList *keys = g_list_sort(g_hash_table_get_keys(r->counts), (GCompareFunc)strcmp), *k;

	for (k = keys; k != NULL; k = k->next)
	{
		char *msg = g_strdup_printf("report: %zu %s", GPOINTER_TO_SIZE(g_hash_table_lookup(r->counts, k->data)),
		                            (const char *)k->data);

		warn(ctx, NULL, 0, msg);
		g_free(msg);
	}
	g_list_free(keys);
}

es_rc
es_cadastre_report_close(es_cadastre_report *r, es_err *err)
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
	g_free(r);
	return rc;
}

/* ---- loading ---- */

/* A warning through the run's callback. */
#define WARN(r, ...) es_warn_call((r)->warn, (r)->ctx, __VA_ARGS__)

/* The longest line read as a record (the reject message says it): real
 * records are a few hundred bytes, and ES_CADASTRE_MAX_FIELDS caps the rest. */
#define CADASTRE_MAX_LINE (1024 * 1024)

static es_rc
reject(es_cadastre_run *r, const char *source, uint64_t line, const char *msg, const char *raw, es_err *err)
{
	const char *fields[1] = { raw };

	r->sum.rejected++;
	return es_rejects_add(r->rejects, source, line, msg, NULL, 0, fields, 1, err);
}

es_rc
es_cadastre_run_load_file(es_cadastre_run *r, const char *path, es_err *err)
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
		WARN(r, NULL, 0, "%s: parameters file (.PRM): layout not published, skipped", path);
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
			WARN(r, NULL, 0, "%s: already loaded into the ledger (same SHA-256): skipped", path);
			return ES_OK;
		}
	}
	in = es_in_open(path, err);
	if (in == NULL)
		return err->rc;
	name = es_in_name(in);
	r->rep->source = name;
	while ((rc = es_in_getline(in, &line, &len, CADASTRE_MAX_LINE, err)) == ES_OK || rc == ES_EDATA) {
		es_cadastre_file k = kind;
		lineno++;
		if (rc == ES_EDATA) {
			/* An absurdly long line: one rejected record; es_in skips the
			 * rest of it without keeping it. */
			r->sum.read++;
			if ((rc = reject(r, name, lineno, "line longer than 1048576 bytes: not a cadastral record", "",
			                 err)) != ES_OK)
				break;
			continue;
		}
		if (len == 0)
			continue;
		r->sum.read++;
		if ((lineno & 4095) == 0 && r->progress != NULL)
			r->progress(r->ctx, r->sum.read);
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
		r->rep->line = lineno;
		r->rep->unit_id = r->rep->subject_id = NULL;
		if (rec.type == ES_CADASTRE_SOG_P || rec.type == ES_CADASTRE_SOG_G) {
			es_cadastre_subject_key(rec.belfiore, rec.type == ES_CADASTRE_SOG_P ? 'P' : 'G', rec.id, skey,
			                        sizeof skey);
			r->rep->subject_id = skey;
		} else if (rec.type == ES_CADASTRE_TIT) {
			es_cadastre_unit_key(rec.belfiore, rec.sezione, rec.u.tit.unit_kind, rec.u.tit.unit_id, ukey,
			                     sizeof ukey);
			es_cadastre_subject_key(rec.belfiore, rec.u.tit.subject_kind, rec.u.tit.subject_id, skey,
			                        sizeof skey);
			r->rep->unit_id = ukey;
			r->rep->subject_id = skey;
		} else {
			es_cadastre_unit_key(rec.belfiore, rec.sezione, rec.type >= ES_CADASTRE_TER1 ? 'T' : 'F', rec.id,
			                     ukey, sizeof ukey);
			r->rep->unit_id = ukey;
		}
		es_cadastre_check(r->codes, &rec, report_record, r->rep);
	}
	es_in_close(in);
	r->rep->source = NULL;
	r->rep->line = 0;
	return rc == ES_EOF ? ES_OK : rc;
}

/* ---- the scratch ledger of --emit without --db ---- */

char *
es_cadastre_scratch_path(es_err *err)
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

void
es_cadastre_scratch_remove(char *path)
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

bool
es_cadastre_stream_parse(const char *s, es_cadastre_stream *out)
{
	if (strcmp(s, "units") == 0)
		*out = ES_CADASTRE_UNITS;
	else if (strcmp(s, "subjects") == 0)
		*out = ES_CADASTRE_SUBJECTS;
	else if (strcmp(s, "titles") == 0)
		*out = ES_CADASTRE_TITLES;
	else
		return false;
	return true;
}
