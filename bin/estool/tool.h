/* tool.h: what every esattore program shares (libestool, not installed).
 *
 * Only programs exit: these helpers are for bin/ and never used by lib/.
 * The shape of a program:
 *
 *     int main(int argc, char **argv) {
 *         es_tool_init(argv[0]);
 *         ... getopt_long; --help -> usage(stdout, 0); bad option -> usage(stderr, 2)
 *         ... library calls; remember the worst es_rc
 *         return es_tool_exit(status);      // checks stdout
 *     }
 */
#ifndef ES_BIN_TOOL_H
#define ES_BIN_TOOL_H

#include "es_setup.h"
#include <stdio.h>
#include "types/error.h"
#include "io/csv.h"
#include "io/diag.h"
#include "io/stream.h"
#include "store/ledger.h"

void es_tool_init(const char *argv0);
/* "NAME (esattore) VERSION" and the licence line, on stdout. */
void es_tool_version(void);
/* Flush, check and close stdout; a write error (full disk, closed pipe)
 * turns status 0 or 1 into 3 with a message.  Returns the final status. */
int es_tool_finish(int status);
/* Print "progname: message" (and ": strerror" if fmt ends in ':') and
 * exit with status after closing stdout. */
ES_NORETURN void es_tool_die(int status, const char *fmt, ...) ES_PRINTF(2, 3);
/* Print "progname: err->msg" and exit with the status of err->rc. */
ES_NORETURN void es_tool_die_err(const es_err *err);
/* "Try 'PROG --help' for more information." on stderr, exit 2. */
ES_NORETURN void es_tool_usage_error(const char *fmt, ...) ES_PRINTF(1, 2);

/* Long options shared by all programs, for getopt_long tables. */
enum {
	ES_OPT_HELP = 0x1000,
	ES_OPT_VERSION,
	ES_OPT_QUIET,
	ES_OPT_PROGRESS,
	ES_OPT_REJECTS,
	ES_OPT_DB,
	ES_OPT_LOCALE,
	ES_OPT_DECIMAL_COMMA,
	ES_OPT_ENTE,
	ES_OPT_FIRST_TOOL_OPTION = 0x1100  /* tools number their own options from here */
};

/* The ledger path: the --db value, else $ESATTORE_DB, else NULL. */
const char *es_tool_db_path(const char *opt);
/* Is an ente key file given: --ente (opt not NULL), else a non-empty
 * $ESATTORE_ENTE?  (es_ente_load(opt) then reads it.) */
bool es_tool_ente_given(const char *opt);
/* Parse a --locale value: "it" -> true, "C"/"en"/"" -> false; else usage error. */
bool es_tool_parse_locale(const char *v);
/* Parse a --day-count value: "actual" -> true (366 days in leap years),
 * "365" -> false; else usage error. */
bool es_tool_parse_daycount(const char *v);
/* Should a progress line be drawn? (--progress forces, --quiet silences,
 * otherwise only when stderr is a terminal). */
bool es_tool_progress_enabled(void);
void es_tool_set_progress(int forced);   /* 1 force on, 0 auto, -1 off */
/* Redraw "progname: what N" on stderr at most a few times a second. */
void es_tool_progress(const char *what, uint64_t n);
void es_tool_progress_done(void);
/* The library's callbacks (io/diag.h) as programs answer them: the
 * warning through es_warn_at; the progress through es_tool_progress, ctx
 * being the (const char *) name of what is counted. */
void es_tool_warn_cb(void *ctx, const char *source, uint64_t line, const char *msg);
void es_tool_progress_cb(void *ctx, uint64_t n);

/* path ("-": standard output) as a CSV stream; a file is created with
 * mode 0600 (the streams hold personal data).  *out receives the stream,
 * to be closed after the writer is freed.  NULL with err on failure,
 * nothing left open. */
es_csv_writer *es_tool_csv_open(const char *path, const es_csv_wopts *wo, es_out **out, es_err *err);
/* Free w, then close out: with rc (the result so far) a failure, quietly,
 * returning rc; else ES_EIO with err if the close fails. */
es_rc es_tool_csv_close(es_csv_writer *w, es_out *out, es_rc rc, es_err *err);

/* The end of a run that writes CSV streams and may record its work in
 * the ledger.  The fields point to the program's own variables; the
 * helpers close what they point to and set it to NULL, so that a
 * variable closed once is never closed again. */
#define ES_TOOL_STREAMS 4
typedef struct es_tool_run {
	es_ledger **ledger;                       /* *ledger NULL: none */
	bool post;                                /* a ledger run was begun: commit or abort it */
	bool edata_rejects;                       /* a failure ES_EDATA exits 1, not 3 */
	es_csv_writer **writers[ES_TOOL_STREAMS]; /* freed first; unused slots NULL */
	es_out **outs[ES_TOOL_STREAMS];           /* then closed, in this order */
	es_rejects **rejects;                     /* then the rejects file (may be NULL) */
	const es_summary *sum;                    /* the counts the commit records */
} es_tool_run;

/* Read each INPUT argument argv[first..argc-1] with fn, or standard
 * input ("-") when there is none; stops at the first failure. */
typedef es_rc (*es_tool_input_fn)(void *ctx, const char *path, es_err *err);
es_rc es_tool_run_inputs(int argc, char **argv, int first, es_tool_input_fn fn, void *ctx, es_err *err);
/* Close the outputs (writers, streams in order, the rejects file), then
 * commit the ledger run when post.  Stops at the first failure, returned
 * with err: the program then ends with es_tool_run_fail, which reports it
 * before closing the rest. */
es_rc es_tool_run_close(es_tool_run *t, es_err *err);
/* After a failure rc: print err, roll the ledger run back when post, and
 * close quietly whatever is still open.  Returns the exit status, never
 * 0, and never 1 unless edata_rejects (3 for a failed run). */
int es_tool_run_fail(es_tool_run *t, es_rc rc, const es_err *err);

#endif
