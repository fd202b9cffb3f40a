/* bind.h: statement helpers shared by the ledger's modules (lib/store/
 * only: this header includes sqlite3.h, which nothing outside lib/store/
 * may see).
 *
 * The parameters of es_store_exec and es_store_query_row are described by
 * a string, one letter per '?' in order:
 *
 *   t   const char *  text (SQL NULL for a NULL pointer)
 *   T   const char *  text, SQL NULL for NULL or ""
 *   i   int64_t       integer (cast an int: varargs do not widen it)
 *   d   int           an es_date (cast to int), SQL NULL for ES_DATE_NONE
 *
 * Errors name the ledger's file and the failing step ("what"). */
#ifndef ES_STORE_BIND_H
#define ES_STORE_BIND_H

#include "es_setup.h"

#include <stdarg.h>
#include <stddef.h>

#include <sqlite3.h>

#include "store/ledger.h"
#include "types/date.h"
#include "types/error.h"

/* ES_EDB: "ledger: what: sqlite's message". */
es_rc es_store_db_err(es_ledger *l, es_err *err, const char *what);
/* Prepare sql on the ledger's connection (the caller finalizes *st). */
es_rc es_store_prepare(es_ledger *l, const char *sql, sqlite3_stmt **st, es_err *err);
/* Bind d at i as ISO text, or NULL for ES_DATE_NONE. */
void es_store_bind_date(sqlite3_stmt *st, int i, es_date d);
/* Bind the parameters described by types, from 1. */
void es_store_bind_va(sqlite3_stmt *st, const char *types, va_list ap);
/* Column i as a date: ES_DATE_NONE for NULL or text that is no ISO date. */
es_date es_store_col_date(sqlite3_stmt *st, int i);
/* Copy column i's text into buf (n bytes, truncated; "" for NULL). */
void es_store_col_copy(sqlite3_stmt *st, int i, char *buf, size_t n);
/* Make room in the array *v of *cap elements of sz bytes for element n:
 * the capacity doubles, starting at first.  false when out of memory (*v
 * and *cap untouched). */
bool es_store_grow(void **v, size_t *cap, size_t n, size_t sz, size_t first);

/* Run one statement that returns no row; a failure is "what". */
es_rc es_store_exec(es_ledger *l, es_err *err, const char *sql, const char *what, const char *types, ...);
/* A one-row query; *row false when there is none.  On ES_OK *stp is the
 * statement positioned on the row (or done): the caller reads it and
 * finalizes it.  On failure nothing is left to finalize. */
es_rc es_store_query_row(es_ledger *l, es_err *err, sqlite3_stmt **stp, bool *row, const char *sql,
                         const char *types, ...);
/* A query for one text value: *row false when there is none; else the
 * first column of the first row copied into buf (n bytes; buf may be
 * NULL). */
es_rc es_store_query_text(es_ledger *l, es_err *err, bool *row, char *buf, size_t n, const char *sql,
                          const char *types, ...);

#endif
