/* error.h: how every libesattore function reports failure.
 *
 * Functions return an es_rc.  ES_OK (0) is success; a positive value is a
 * successful "nothing more" (end of stream); a negative value is a failure,
 * graded as in libarchive:
 *
 *   ES_EDATA    the input record or value is bad; the caller rejects that
 *               record and goes on (exit 1 at the end of the run);
 *   ES_ECONFIG  a configuration, table or usage problem: nothing can be done
 *               (exit 2);
 *   ES_EIO, ES_EDB, ES_ENOMEM, ES_EINTERNAL
 *               the run cannot go on; the ledger transaction is rolled back
 *               (exit 3).
 *
 * Functions that can fail take an `es_err *err` as their last argument and
 * fill it with a human-readable message (no program name, no trailing
 * newline).  `err` may be NULL when the caller does not want the text.
 * es_err is a plain value: the caller owns it, usually on the stack. */
#ifndef ES_TYPES_ERROR_H
#define ES_TYPES_ERROR_H

#include "es_setup.h"

typedef enum es_rc {
	ES_OK = 0,
	ES_EOF = 1,          /* end of stream: not an error */
	ES_EDATA = -1,       /* bad input value or record: reject it */
	ES_ECONFIG = -2,     /* bad configuration, table or usage */
	ES_EIO = -3,         /* read or write failure */
	ES_EDB = -4,         /* SQLite failure */
	ES_ENOMEM = -5,      /* out of memory */
	ES_EINTERNAL = -6    /* a bug: an invariant does not hold */
} es_rc;

#define ES_ERR_MAX 512

typedef struct es_err {
	es_rc rc;
	char msg[ES_ERR_MAX];
} es_err;

/* Set err (if not NULL) to rc and a formatted message; returns rc, so that
 * `return es_err_set(err, ES_EDATA, "...")` reads naturally. */
es_rc es_err_set(es_err *err, es_rc rc, const char *fmt, ...) ES_PRINTF(3, 4);
/* Like es_err_set, with ": strerror(errno)" appended. */
es_rc es_err_errno(es_err *err, es_rc rc, const char *fmt, ...) ES_PRINTF(3, 4);
/* Prefix the current message with "prefix: " (for adding context upwards). */
es_rc es_err_prefix(es_err *err, const char *fmt, ...) ES_PRINTF(2, 3);
void es_err_clear(es_err *err);

/* The process exit status for an es_rc, per esattore(7):
 * ES_OK/ES_EOF -> 0, ES_EDATA -> 1, ES_ECONFIG -> 2, everything else -> 3. */
int es_rc_exit_status(es_rc rc);

/* Exit statuses shared by every program (esattore(7), "EXIT STATUS"). */
enum {
	ES_EXIT_OK = 0,        /* every row used */
	ES_EXIT_REJECTS = 1,   /* finished, some rows rejected */
	ES_EXIT_USAGE = 2,     /* usage or configuration error */
	ES_EXIT_FAILURE = 3    /* I/O, database or internal failure; nothing written to the ledger */
};

#endif
