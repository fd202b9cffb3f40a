/* rules.h: the law tables of data/ (installed under $(pkgdatadir)).
 *
 * Every table is a CSV file with a header and a `source` column citing the
 * legal reference of each row; es_table_load refuses a table without it or
 * with an empty source on any row.  The data directory is
 * $ESATTORE_DATADIR if set, else the compiled-in $(pkgdatadir).
 *
 * Ownership: es_table_load returns a table the caller frees with
 * es_table_free; strings returned by es_table_get belong to the table. */
#ifndef ES_RULES_H
#define ES_RULES_H

#include "es_setup.h"
#include "types/error.h"
#include "types/date.h"
#include "types/money.h"

typedef struct es_table es_table;

const char *es_datadir(void);
/* Load "<datadir>/<name>.csv" (name without extension, e.g. "legal_interest_rates"). */
es_table *es_table_load(const char *name, es_err *err);
/* Load a table from an explicit path (an office's own tariff file). */
es_table *es_table_load_path(const char *path, bool require_source, es_err *err);
void es_table_free(es_table *t);

const char *es_table_name(const es_table *t);
size_t es_table_nrows(const es_table *t);
int es_table_col(const es_table *t, const char *name);          /* -1 if absent */
es_rc es_table_require(const es_table *t, const char *const *names, size_t n, es_err *err);
/* Cell by row and column name; "" if the column is absent. */
const char *es_table_get(const es_table *t, size_t row, const char *col);
const char *es_table_cell(const es_table *t, size_t row, int col);
/* Line of the row in its file (for messages). */
uint64_t es_table_line(const es_table *t, size_t row);

/* Typed cells; ES_EDATA naming table, line and column when malformed. */
es_rc es_table_date(const es_table *t, size_t row, const char *col, es_date *out, es_err *err);
es_rc es_table_money(const es_table *t, size_t row, const char *col, es_cents *out, es_err *err);
es_rc es_table_decimal(const es_table *t, size_t row, const char *col, int scale, int64_t *out, es_err *err);
es_rc es_table_int(const es_table *t, size_t row, const char *col, int64_t *out, es_err *err);

/* The row whose [from_col, to_col] date range contains d (an empty to_col
 * is open-ended) and, when key_col is not NULL, whose key_col equals key.
 * Returns the row index, or -1 if none.  Overlapping ranges are reported by
 * es_table_check_ranges. */
long es_table_find_date(const es_table *t, const char *from_col, const char *to_col, es_date d,
                        const char *key_col, const char *key);
/* The first row whose key_col equals key, or -1. */
long es_table_find(const es_table *t, const char *key_col, const char *key);
/* ES_ECONFIG if two rows with the same key have overlapping date ranges. */
es_rc es_table_check_ranges(const es_table *t, const char *from_col, const char *to_col,
                            const char *key_col, es_err *err);

/* The national working-day calendar from data/holidays.csv. The caller
 * frees it with es_calendar_free. */
es_calendar *es_rules_calendar_load(es_err *err);

#endif
