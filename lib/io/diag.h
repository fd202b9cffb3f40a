/* diag.h: diagnostics on stderr, the rejects file, and the run summary.
 *
 * Messages have the form "progname: file:line: message" (sbase/libarchive
 * style).  es_diag_set_progname is called once by each program's main.
 *
 * The rejects writer (--rejects FILE) gets each rejected row as its
 * original fields plus _source, _line and _error (esattore-csv(5)).  The
 * header is taken from the first rejected row's source header.  Without a
 * rejects file the message still goes to stderr.  Every rejected row is
 * counted in the summary: read = written + rejected. */
#ifndef ES_IO_DIAG_H
#define ES_IO_DIAG_H

#include "es_setup.h"
#include "types/error.h"
#include "io/stream.h"

void es_diag_set_progname(const char *argv0);
const char *es_diag_progname(void);
/* Quiet: warnings and the summary are not printed (errors still are). */
void es_diag_set_quiet(bool quiet);
bool es_diag_quiet(void);

/* "progname: message" */
void es_warn(const char *fmt, ...) ES_PRINTF(1, 2);
/* "progname: file:line: message"; line 0 omits the line. */
void es_warn_at(const char *file, uint64_t line, const char *fmt, ...) ES_PRINTF(3, 4);
/* Errors are printed even when quiet. */
void es_error(const char *fmt, ...) ES_PRINTF(1, 2);
void es_error_at(const char *file, uint64_t line, const char *fmt, ...) ES_PRINTF(3, 4);

/* Callbacks through which library runs pass text for the operator:
 * a warning about source:line (source NULL: none; line 0: none), without
 * program name or newline; and the count of items done so far. */
typedef void (*es_warn_fn)(void *ctx, const char *source, uint64_t line, const char *msg);
typedef void (*es_progress_fn)(void *ctx, uint64_t n);
/* Format a warning and pass it to fn (nothing when fn is NULL). */
void es_warn_call(es_warn_fn fn, void *ctx, const char *source, uint64_t line, const char *fmt, ...) ES_PRINTF(5, 6);

/* Counters of a run. */
typedef struct es_summary {
	uint64_t read;
	uint64_t written;
	uint64_t rejected;
} es_summary;

/* Print "progname: read N, written W, rejected R" (unless quiet). */
void es_summary_print(const es_summary *s);
/* The exit status the summary implies (0, or 1 if anything was rejected). */
int es_summary_exit_status(const es_summary *s);

/* Rejects.  es_rejects_open(NULL) gives a writer that only reports on
 * stderr.  The caller frees it with es_rejects_close. */
typedef struct es_rejects es_rejects;

es_rejects *es_rejects_open(const char *path, es_err *err);
/* Report a rejected record: message on stderr, row into the file.  header
 * and fields describe the original record (header may be NULL for
 * fixed-width records: the single column is then "record"). */
es_rc es_rejects_add(es_rejects *rj, const char *source, uint64_t line, const char *error,
                     const char *const *header, size_t nheader,
                     const char *const *fields, size_t nfields, es_err *err);
/* Reject one row of a CSV reader: es_rejects_add with the reader's source,
 * header and the row's line and fields, and sum->rejected counted (sum
 * may be NULL). */
struct es_csv_reader;
struct es_csv_row;
es_rc es_rejects_add_row(es_rejects *rj, struct es_csv_reader *cr, const struct es_csv_row *row,
                         const char *error, es_summary *sum, es_err *err);
uint64_t es_rejects_count(const es_rejects *rj);
es_rc es_rejects_close(es_rejects *rj, es_err *err);

#endif
