/* tool.c: shared program helpers (see tool.h). */
#include "es_setup.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"
#include "io/diag.h"

static int progress_mode;          /* 1 on, 0 auto, -1 off */
static struct timespec last_draw;
static bool progress_drawn;

void
es_tool_init(const char *argv0)
{
	es_diag_set_progname(argv0);
}

void
es_tool_version(void)
{
	printf("%s (esattore) %s\n", es_diag_progname(), PACKAGE_VERSION);
	printf("Licence: GPL-3.0-or-later.  No warranty.\n");
}

int
es_tool_finish(int status)
{
	int failed = 0;

	es_tool_progress_done();
	if (fflush(stdout) != 0 || ferror(stdout))
		failed = errno ? errno : EIO;
	if (fclose(stdout) != 0 && !failed)
		failed = errno ? errno : EIO;
	if (failed) {
		es_error("write error on standard output: %s", strerror(failed));
		if (status < ES_EXIT_USAGE)
			status = ES_EXIT_FAILURE;
	}
	return status;
}

void
es_tool_die(int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	size_t n;
	int saved = errno;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	n = strlen(msg);
	if (n > 0 && msg[n - 1] == ':')
		snprintf(msg + n, sizeof msg - n, " %s", strerror(saved));
	es_error("%s", msg);
	exit(es_tool_finish(status));
}

void
es_tool_die_err(const es_err *err)
{
	es_error("%s", err->msg[0] ? err->msg : "unknown error");
	exit(es_tool_finish(es_rc_exit_status(err->rc)));
}

void
es_tool_usage_error(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	es_error("%s", msg);
	fprintf(stderr, "Try '%s --help' for more information.\n", es_diag_progname());
	exit(es_tool_finish(ES_EXIT_USAGE));
}

const char *
es_tool_db_path(const char *opt)
{
	const char *env;

	if (opt != NULL && *opt != '\0')
		return opt;
	env = getenv("ESATTORE_DB");
	if (env != NULL && *env != '\0')
		return env;
	return NULL;
}

bool
es_tool_parse_daycount(const char *v)
{
	if (strcmp(v, "actual") == 0)
		return true;
	if (strcmp(v, "365") != 0)
		es_tool_usage_error("--day-count: '%s' is not 365 or actual", v);
	return false;
}

bool
es_tool_ente_given(const char *opt)
{
	const char *env = getenv("ESATTORE_ENTE");

	return opt != NULL || (env != NULL && *env != '\0');
}

bool
es_tool_parse_locale(const char *v)
{
	if (strcmp(v, "it") == 0 || strcmp(v, "it_IT") == 0)
		return true;
	if (strcmp(v, "C") == 0 || strcmp(v, "en") == 0 || strcmp(v, "POSIX") == 0)
		return false;
	es_tool_usage_error("--locale: unknown locale '%s' (use 'it' or 'C')", v);
}

void
es_tool_set_progress(int forced)
{
	progress_mode = forced;
}

bool
es_tool_progress_enabled(void)
{
	if (progress_mode < 0 || es_diag_quiet())
		return false;
	if (progress_mode > 0)
		return true;
	return isatty(STDERR_FILENO) != 0;
}

void
es_tool_progress(const char *what, uint64_t n)
{
	struct timespec now;
	long ms;

	if (!es_tool_progress_enabled())
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - last_draw.tv_sec) * 1000L + (now.tv_nsec - last_draw.tv_nsec) / 1000000L;
	if (progress_drawn && ms < 250)
		return;
	last_draw = now;
	fprintf(stderr, "\r%s: %s %llu", es_diag_progname(), what, (unsigned long long)n);
	progress_drawn = true;
}

void
es_tool_progress_done(void)
{
	if (progress_drawn) {
		fputc('\n', stderr);
		progress_drawn = false;
	}
}

void
es_tool_warn_cb(void *ctx, const char *source, uint64_t line, const char *msg)
{
	(void)ctx;
	es_warn_at(source, line, "%s", msg);
}

void
es_tool_progress_cb(void *ctx, uint64_t n)
{
	es_tool_progress(ctx, n);
}

es_csv_writer *
es_tool_csv_open(const char *path, const es_csv_wopts *wo, es_out **out, es_err *err)
{
	es_csv_writer *w;

	if ((*out = es_out_open_mode(path, 0600, err)) == NULL)
		return NULL;
	if ((w = es_csv_writer_new(*out, wo, err)) == NULL) {
		es_out_close(*out, NULL);
		*out = NULL;
	}
	return w;
}

es_rc
es_tool_csv_close(es_csv_writer *w, es_out *out, es_rc rc, es_err *err)
{
	es_csv_writer_free(w);
	if (es_out_close(out, rc == ES_OK ? err : NULL) != ES_OK && rc == ES_OK)
		rc = ES_EIO;
	return rc;
}

es_rc
es_tool_run_inputs(int argc, char **argv, int first, es_tool_input_fn fn, void *ctx, es_err *err)
{
	es_rc rc = ES_OK;
	int i;

	if (first >= argc)
		return fn(ctx, "-", err);
	for (i = first; rc == ES_OK && i < argc; i++)
		rc = fn(ctx, argv[i], err);
	return rc;
}

/* Close what t names, in order, until one fails (err NULL: quietly, all
 * of them).  es_out_close and es_rejects_close free even when they fail. */
static es_rc
run_close_outputs(es_tool_run *t, es_err *err)
{
	es_rc rc = ES_OK;
	size_t i;

	for (i = 0; i < ES_TOOL_STREAMS; i++)
		if (t->writers[i] != NULL) {
			es_csv_writer_free(*t->writers[i]);
			*t->writers[i] = NULL;
		}
	for (i = 0; i < ES_TOOL_STREAMS && (rc == ES_OK || err == NULL); i++)
		if (t->outs[i] != NULL) {
			rc = es_out_close(*t->outs[i], err);
			*t->outs[i] = NULL;
		}
	if (t->rejects != NULL && (rc == ES_OK || err == NULL)) {
		rc = es_rejects_close(*t->rejects, err);
		*t->rejects = NULL;
	}
	return rc;
}

es_rc
es_tool_run_close(es_tool_run *t, es_err *err)
{
	es_rc rc;

	if ((rc = run_close_outputs(t, err)) != ES_OK)
		return rc;
	if (t->post)
		return es_ledger_run_commit(*t->ledger, t->sum->read, t->sum->written, t->sum->rejected, err);
	return ES_OK;
}

int
es_tool_run_fail(es_tool_run *t, es_rc rc, const es_err *err)
{
	int status;

	es_tool_progress_done();
	es_error("%s", err->msg[0] != '\0' ? err->msg : "failed");
	if (t->post)
		es_ledger_run_abort(*t->ledger, err->msg);
	run_close_outputs(t, NULL);
	status = es_rc_exit_status(rc);
	if (status == ES_EXIT_OK || (status == ES_EXIT_REJECTS && !t->edata_rejects))
		status = ES_EXIT_FAILURE;
	return status;
}
