/* bind.c: statement helpers shared by the ledger's modules (bind.h). */
#include "es_setup.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "store/bind.h"

es_rc
es_store_db_err(es_ledger *l, es_err *err, const char *what)
{
	return es_err_set(err, ES_EDB, "%s: %s: %s", es_ledger_path(l), what, sqlite3_errmsg(es_ledger_db(l)));
}

es_rc
es_store_prepare(es_ledger *l, const char *sql, sqlite3_stmt **st, es_err *err)
{
	if (sqlite3_prepare_v2(es_ledger_db(l), sql, -1, st, NULL) != SQLITE_OK)
		return es_store_db_err(l, err, "prepare");
	return ES_OK;
}

void
es_store_bind_date(sqlite3_stmt *st, int i, es_date d)
{
	char buf[ES_DATE_BUFSZ];

	if (d == ES_DATE_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, es_date_format(d, buf), -1, SQLITE_TRANSIENT);
}

es_date
es_store_col_date(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	es_date d;

	if (s == NULL || es_date_parse((const char *)s, ES_DATE_ISO, &d, NULL) != ES_OK)
		return ES_DATE_NONE;
	return d;
}

void
es_store_bind_va(sqlite3_stmt *st, const char *types, va_list ap)
{
	int i;

	for (i = 0; types[i] != '\0'; i++) {
		switch (types[i]) {
		case 't': sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT); break;
		case 'T': {
			const char *s = va_arg(ap, const char *);

			if (s == NULL || *s == '\0')
				sqlite3_bind_null(st, i + 1);
			else
				sqlite3_bind_text(st, i + 1, s, -1, SQLITE_TRANSIENT);
			break;
		}
		case 'i': sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t)); break;
		case 'd': es_store_bind_date(st, i + 1, (es_date)va_arg(ap, int)); break;
		}
	}
}

void
es_store_col_copy(sqlite3_stmt *st, int i, char *buf, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	snprintf(buf, n, "%s", s != NULL ? (const char *)s : "");
}

bool
es_store_grow(void **v, size_t *cap, size_t n, size_t sz, size_t first)
{
	size_t ncap;
	void *nv;

	if (n < *cap)
		return true;
	ncap = *cap ? *cap * 2 : first;
	if ((nv = realloc(*v, ncap * sz)) == NULL)
		return false;
	*v = nv;
	*cap = ncap;
	return true;
}

es_rc
es_store_exec(es_ledger *l, es_err *err, const char *sql, const char *what, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	es_rc rc;

	if ((rc = es_store_prepare(l, sql, &st, err)) != ES_OK)
		return rc;
	va_start(ap, types);
	es_store_bind_va(st, types, ap);
	va_end(ap);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = es_store_db_err(l, err, what);
	sqlite3_finalize(st);
	return rc;
}

static es_rc
query_row_va(es_ledger *l, es_err *err, sqlite3_stmt **stp, bool *row, const char *sql, const char *types,
             va_list ap)
{
	int s;

	if (es_store_prepare(l, sql, stp, err) != ES_OK)
		return ES_EDB;
	es_store_bind_va(*stp, types, ap);
	s = sqlite3_step(*stp);
	if (s != SQLITE_ROW && s != SQLITE_DONE) {
		sqlite3_finalize(*stp);
		*stp = NULL;
		return es_store_db_err(l, err, "query");
	}
	*row = s == SQLITE_ROW;
	return ES_OK;
}

es_rc
es_store_query_row(es_ledger *l, es_err *err, sqlite3_stmt **stp, bool *row, const char *sql, const char *types,
                   ...)
{
	va_list ap;
	es_rc rc;

	va_start(ap, types);
	rc = query_row_va(l, err, stp, row, sql, types, ap);
	va_end(ap);
	return rc;
}

es_rc
es_store_query_text(es_ledger *l, es_err *err, bool *row, char *buf, size_t n, const char *sql, const char *types,
                    ...)
{
	sqlite3_stmt *st;
	va_list ap;
	es_rc rc;

	va_start(ap, types);
	rc = query_row_va(l, err, &st, row, sql, types, ap);
	va_end(ap);
	if (rc != ES_OK)
		return rc;
	if (*row && buf != NULL)
		es_store_col_copy(st, 0, buf, n);
	sqlite3_finalize(st);
	return ES_OK;
}
