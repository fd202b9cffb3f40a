/* diag.c: messages on stderr, the run summary and the rejects file (see
 * diag.h).
 *
 * Each message is composed first and written with one call, so that the
 * lines of programs running in parallel under one stderr do not mix.
 *
 * The rejects file is created (truncated) when opened, so that an empty
 * file after a run means "nothing rejected" and a stale file from an
 * earlier run never survives.  Its header is the first rejected record's
 * header plus _source,_line,_error; later records shorter than that header
 * (a row with missing fields is a common reject) are padded with empty
 * fields so that _source, _line and _error stay in their columns; longer
 * ones are written whole (nothing of the original is dropped). */
#include "es_setup.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/diag.h"
#include "io/csv.h"

static char progname[256] = "esattore";
static bool quiet;

void
es_diag_set_progname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || argv0[0] == '\0')
		return;
	slash = strrchr(argv0, '/');
	if (slash != NULL && slash[1] != '\0')
		argv0 = slash + 1;
	/* libtool wrappers run the real binary as "lt-NAME". */
	if (strncmp(argv0, "lt-", 3) == 0 && argv0[3] != '\0')
		argv0 += 3;
	snprintf(progname, sizeof progname, "%s", argv0);
}

const char *
es_diag_progname(void)
{
	return progname;
}

void
es_diag_set_quiet(bool q)
{
	quiet = q;
}

bool
es_diag_quiet(void)
{
	return quiet;
}

/* "progname: [file:[line:] ]message\n" in one write. */
static void
vreport(const char *file, uint64_t line, const char *fmt, va_list ap)
{
	char *msg = NULL;
	va_list aq;

	va_copy(aq, ap);
	if (vasprintf(&msg, fmt, aq) < 0)
		msg = NULL;
	va_end(aq);
	if (msg == NULL) {
		/* Out of memory: still say something. */
		fprintf(stderr, "%s: ", progname);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
		return;
	}
	if (file == NULL)
		fprintf(stderr, "%s: %s\n", progname, msg);
	else if (line == 0)
		fprintf(stderr, "%s: %s: %s\n", progname, file, msg);
	else
		fprintf(stderr, "%s: %s:%" PRIu64 ": %s\n", progname, file, line, msg);
	free(msg);
}

void
es_warn(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vreport(NULL, 0, fmt, ap);
	va_end(ap);
}

void
es_warn_at(const char *file, uint64_t line, const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vreport(file, line, fmt, ap);
	va_end(ap);
}

void
es_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(NULL, 0, fmt, ap);
	va_end(ap);
}

void
es_error_at(const char *file, uint64_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, fmt, ap);
	va_end(ap);
}

void
es_summary_print(const es_summary *s)
{
	if (quiet)
		return;
	fprintf(stderr, "%s: read %" PRIu64 ", written %" PRIu64 ", rejected %" PRIu64 "\n",
	        progname, s->read, s->written, s->rejected);
}

int
es_summary_exit_status(const es_summary *s)
{
	return s->rejected > 0 ? ES_EXIT_REJECTS : ES_EXIT_OK;
}

/* -------------------------------------------------------------- rejects */

struct es_rejects {
	es_out *out;          /* NULL: stderr only */
	es_csv_writer *w;
	bool header_done;
	size_t ncols;         /* columns of the original record in the header */
	uint64_t count;
	es_rc failed;         /* sticky write failure */
};

es_rejects *
es_rejects_open(const char *path, es_err *err)
{
	es_rejects *rj = calloc(1, sizeof *rj);

	if (rj == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	if (path == NULL)
		return rj;
	rj->out = es_out_open(path, err);
	if (rj->out == NULL) {
		free(rj);
		return NULL;
	}
	rj->w = es_csv_writer_new(rj->out, NULL, err);
	if (rj->w == NULL) {
		es_out_close(rj->out, NULL);
		free(rj);
		return NULL;
	}
	return rj;
}

static es_rc
write_header(es_rejects *rj, const char *const *header, size_t nheader, es_err *err)
{
	static const char *const extra[] = { "_source", "_line", "_error" };
	es_rc rc;
	size_t i;

	if (header == NULL) {
		if ((rc = es_csv_put(rj->w, "record", err)) != ES_OK)
			return rc;
		rj->ncols = 1;
	} else {
		for (i = 0; i < nheader; i++)
			if ((rc = es_csv_put(rj->w, header[i], err)) != ES_OK)
				return rc;
		rj->ncols = nheader;
	}
	for (i = 0; i < ES_ARRAY_LEN(extra); i++)
		if ((rc = es_csv_put(rj->w, extra[i], err)) != ES_OK)
			return rc;
	if ((rc = es_csv_end_row(rj->w, err)) != ES_OK)
		return rc;
	rj->header_done = true;
	return ES_OK;
}

es_rc
es_rejects_add(es_rejects *rj, const char *source, uint64_t line, const char *error,
               const char *const *header, size_t nheader,
               const char *const *fields, size_t nfields, es_err *err)
{
	char lbuf[32] = "";
	es_rc rc;
	size_t i;

	if (error == NULL)
		error = "";
	es_error_at(source, line, "%s", error);
	rj->count++;
	if (rj->out == NULL)
		return ES_OK;
	if (rj->failed != ES_OK)
		return es_err_set(err, rj->failed, "%s: write error", es_out_name(rj->out));
	if (!rj->header_done && (rc = write_header(rj, header, nheader, err)) != ES_OK)
		goto fail;
	for (i = 0; i < nfields; i++)
		if ((rc = es_csv_put(rj->w, fields[i], err)) != ES_OK)
			goto fail;
	for (; i < rj->ncols; i++)
		if ((rc = es_csv_put(rj->w, "", err)) != ES_OK)
			goto fail;
	if (line > 0)
		snprintf(lbuf, sizeof lbuf, "%" PRIu64, line);
	if ((rc = es_csv_put(rj->w, source != NULL ? source : "", err)) != ES_OK ||
	    (rc = es_csv_put(rj->w, lbuf, err)) != ES_OK ||
	    (rc = es_csv_put(rj->w, error, err)) != ES_OK ||
	    (rc = es_csv_end_row(rj->w, err)) != ES_OK)
		goto fail;
	return ES_OK;
fail:
	rj->failed = rc;
	return rc;
}

void
es_warn_call(es_warn_fn fn, void *ctx, const char *source, uint64_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;

	if (fn == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	fn(ctx, source, line, msg != NULL ? msg : fmt);
	free(msg);
}

es_rc
es_rejects_add_row(es_rejects *rj, es_csv_reader *cr, const es_csv_row *row, const char *error, es_summary *sum,
                   es_err *err)
{
	if (sum != NULL)
		sum->rejected++;
	return es_rejects_add(rj, es_csv_source(cr), row->line, error, es_csv_header(cr), es_csv_ncols(cr),
	                      (const char *const *)row->fields, row->nfields, err);
}

uint64_t
es_rejects_count(const es_rejects *rj)
{
	return rj != NULL ? rj->count : 0;
}

es_rc
es_rejects_close(es_rejects *rj, es_err *err)
{
	es_rc rc = ES_OK;

	if (rj == NULL)
		return ES_OK;
	es_csv_writer_free(rj->w);
	if (rj->out != NULL)
		rc = es_out_close(rj->out, err);
	free(rj);
	return rc;
}
