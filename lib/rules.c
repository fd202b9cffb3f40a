/* rules.c: loading the data/ law tables (see rules.h). */
#include "es_setup.h"

#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "io/csv.h"

struct es_table {
	char *name;              /* "legal_interest_rates" or the path */
	size_t ncols;
	char **cols;
	size_t nrows;
	size_t cap;
	char ***rows;            /* nrows x ncols strings */
	uint64_t *lines;
};

const char *
es_datadir(void)
{
	const char *d = getenv("ESATTORE_DATADIR");

	if (d != NULL && *d != '\0')
		return d;
	return PKGDATADIR;
}

static void
free_row(char **row, size_t n)
{
	size_t i;

	if (row == NULL)
		return;
	for (i = 0; i < n; i++)
		free(row[i]);
	free(row);
}

void
es_table_free(es_table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++)
		free_row(t->rows[i], t->ncols);
	free_row(t->cols, t->ncols);
	free(t->rows);
	free(t->lines);
	free(t->name);
	free(t);
}

static char **
dup_fields(char *const *fields, size_t n)
{
	char **out = calloc(n ? n : 1, sizeof *out);
	size_t i;

	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		out[i] = strdup(fields[i]);
		if (out[i] == NULL) {
			free_row(out, i);
			return NULL;
		}
	}
	return out;
}

es_table *
es_table_load_path(const char *path, bool require_source, es_err *err)
{
	es_csv_reader *r;
	es_csv_row *row;
	es_table *t;
	es_rc rc;
	int src;
	size_t i;

	r = es_csv_reader_open(path, NULL, err);
	if (r == NULL) {
		/* A law table that cannot be read is a configuration problem. */
		if (err != NULL && (err->rc == ES_EDATA || err->rc == ES_EIO))
			err->rc = ES_ECONFIG;
		return NULL;
	}
	t = calloc(1, sizeof *t);
	if (t == NULL)
		goto nomem;
	t->name = strdup(path);
	t->ncols = es_csv_ncols(r);
	t->cols = dup_fields((char *const *)es_csv_header(r), t->ncols);
	if (t->name == NULL || t->cols == NULL)
		goto nomem;
	src = es_csv_col(r, "source");
	if (require_source && src < 0) {
		es_err_set(err, ES_ECONFIG, "%s: law table without a 'source' column", path);
		goto fail;
	}
	while ((rc = es_csv_next(r, &row, err)) == ES_OK || rc == ES_EDATA) {
		if (rc == ES_EDATA) {
			err->rc = ES_ECONFIG;
			goto fail;
		}
		if (require_source && es_csv_get(row, src)[0] == '\0') {
			es_err_set(err, ES_ECONFIG, "%s:%llu: empty 'source': every row of a law table cites its source",
			           path, (unsigned long long)row->line);
			goto fail;
		}
		if (t->nrows == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 16;
			char ***rows = realloc(t->rows, cap * sizeof *rows);
			uint64_t *lines = realloc(t->lines, cap * sizeof *lines);

			if (rows != NULL)
				t->rows = rows;
			if (lines != NULL)
				t->lines = lines;
			if (rows == NULL || lines == NULL)
				goto nomem;
			t->cap = cap;
		}
		t->rows[t->nrows] = dup_fields(row->fields, t->ncols);
		if (t->rows[t->nrows] == NULL)
			goto nomem;
		t->lines[t->nrows] = row->line;
		t->nrows++;
	}
	if (rc != ES_EOF)
		goto fail;
	es_csv_reader_close(r);
	/* Trim the cells: tables are written by hand. */
	for (i = 0; i < t->nrows; i++) {
		size_t j;
		for (j = 0; j < t->ncols; j++) {
			char *s = t->rows[i][j];
			size_t n = strlen(s);
			while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
				s[--n] = '\0';
		}
	}
	return t;
nomem:
	es_err_set(err, ES_ENOMEM, "%s: out of memory", path);
fail:
	es_csv_reader_close(r);
	es_table_free(t);
	return NULL;
}

es_table *
es_table_load(const char *name, es_err *err)
{
	char path[4096];
	es_table *t;

	if (snprintf(path, sizeof path, "%s/%s.csv", es_datadir(), name) >= (int)sizeof path) {
		es_err_set(err, ES_ECONFIG, "data directory path too long");
		return NULL;
	}
	t = es_table_load_path(path, true, err);
	if (t != NULL) {
		free(t->name);
		t->name = strdup(name);
		if (t->name == NULL) {
			es_table_free(t);
			es_err_set(err, ES_ENOMEM, "out of memory");
			return NULL;
		}
	}
	return t;
}

const char *
es_table_name(const es_table *t)
{
	return t->name;
}

size_t
es_table_nrows(const es_table *t)
{
	return t->nrows;
}

int
es_table_col(const es_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return (int)i;
	return -1;
}

es_rc
es_table_require(const es_table *t, const char *const *names, size_t n, es_err *err)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (es_table_col(t, names[i]) < 0)
			return es_err_set(err, ES_ECONFIG, "table %s: missing column '%s'", t->name, names[i]);
	return ES_OK;
}

const char *
es_table_cell(const es_table *t, size_t row, int col)
{
	if (row >= t->nrows || col < 0 || (size_t)col >= t->ncols)
		return "";
	return t->rows[row][col];
}

const char *
es_table_get(const es_table *t, size_t row, const char *col)
{
	return es_table_cell(t, row, es_table_col(t, col));
}

uint64_t
es_table_line(const es_table *t, size_t row)
{
	return row < t->nrows ? t->lines[row] : 0;
}

/* Turn a cell's parse error into a table error naming table, line and column. */
static es_rc
cell_error(const es_table *t, size_t row, const char *col, es_err *err)
{
	if (es_table_col(t, col) < 0)
		return es_err_set(err, ES_ECONFIG, "table %s: missing column '%s'", t->name, col);
	es_err_prefix(err, "table %s, line %llu, column '%s'", t->name,
	              (unsigned long long)es_table_line(t, row), col);
	if (err != NULL)
		err->rc = ES_ECONFIG;
	return ES_ECONFIG;
}

es_rc
es_table_date(const es_table *t, size_t row, const char *col, es_date *out, es_err *err)
{
	if (es_table_col(t, col) < 0 || es_date_parse(es_table_get(t, row, col), ES_DATE_ANY, out, err) != ES_OK)
		return cell_error(t, row, col, err);
	return ES_OK;
}

es_rc
es_table_money(const es_table *t, size_t row, const char *col, es_cents *out, es_err *err)
{
	if (es_table_col(t, col) < 0 || es_money_parse(es_table_get(t, row, col), ES_MONEY_PLAIN, out, err) != ES_OK)
		return cell_error(t, row, col, err);
	return ES_OK;
}

es_rc
es_table_decimal(const es_table *t, size_t row, const char *col, int scale, int64_t *out, es_err *err)
{
	if (es_table_col(t, col) < 0 || es_decimal_parse(es_table_get(t, row, col), scale, out, err) != ES_OK)
		return cell_error(t, row, col, err);
	return ES_OK;
}

es_rc
es_table_int(const es_table *t, size_t row, const char *col, int64_t *out, es_err *err)
{
	if (es_table_col(t, col) < 0 || es_decimal_parse(es_table_get(t, row, col), 0, out, err) != ES_OK)
		return cell_error(t, row, col, err);
	return ES_OK;
}

/* Does row r's [from, to] range contain d?  Unparsable bounds never match
 * (es_table_check_ranges reports them). */
static bool
row_contains(const es_table *t, size_t r, int cf, int ct, es_date d)
{
	es_date from = ES_DATE_NONE, to = ES_DATE_NONE;

	if (cf >= 0 && es_date_parse(t->rows[r][cf], ES_DATE_ANY, &from, NULL) != ES_OK)
		return false;
	if (ct >= 0 && es_date_parse(t->rows[r][ct], ES_DATE_ANY, &to, NULL) != ES_OK)
		return false;
	if (from != ES_DATE_NONE && d < from)
		return false;
	if (to != ES_DATE_NONE && d > to)
		return false;
	return true;
}

long
es_table_find_date(const es_table *t, const char *from_col, const char *to_col, es_date d,
                   const char *key_col, const char *key)
{
	int cf = es_table_col(t, from_col), ct = to_col ? es_table_col(t, to_col) : -1;
	int ck = key_col ? es_table_col(t, key_col) : -1;
	size_t r;

	if (cf < 0 || (key_col != NULL && ck < 0))
		return -1;
	for (r = 0; r < t->nrows; r++) {
		if (ck >= 0 && strcmp(t->rows[r][ck], key) != 0)
			continue;
		if (row_contains(t, r, cf, ct, d))
			return (long)r;
	}
	return -1;
}

long
es_table_find(const es_table *t, const char *key_col, const char *key)
{
	int ck = es_table_col(t, key_col);
	size_t r;

	if (ck < 0)
		return -1;
	for (r = 0; r < t->nrows; r++)
		if (strcmp(t->rows[r][ck], key) == 0)
			return (long)r;
	return -1;
}

es_rc
es_table_check_ranges(const es_table *t, const char *from_col, const char *to_col,
                      const char *key_col, es_err *err)
{
	int cf = es_table_col(t, from_col), ct = es_table_col(t, to_col);
	int ck = key_col ? es_table_col(t, key_col) : -1;
	size_t a, b;

	if (cf < 0 || ct < 0 || (key_col != NULL && ck < 0))
		return es_err_set(err, ES_ECONFIG, "table %s: missing range columns", t->name);
	for (a = 0; a < t->nrows; a++) {
		es_date fa, ta;
		if (es_table_date(t, a, from_col, &fa, err) != ES_OK ||
		    es_table_date(t, a, to_col, &ta, err) != ES_OK)
			return ES_ECONFIG;
		if (fa != ES_DATE_NONE && ta != ES_DATE_NONE && ta < fa)
			return es_err_set(err, ES_ECONFIG, "table %s, line %llu: range ends before it starts",
			                  t->name, (unsigned long long)t->lines[a]);
		for (b = a + 1; b < t->nrows; b++) {
			es_date fb, tb;
			if (ck >= 0 && strcmp(t->rows[a][ck], t->rows[b][ck]) != 0)
				continue;
			if (es_table_date(t, b, from_col, &fb, err) != ES_OK ||
			    es_table_date(t, b, to_col, &tb, err) != ES_OK)
				return ES_ECONFIG;
			/* [fa,ta] and [fb,tb] overlap unless one ends before the other starts. */
			if ((ta != ES_DATE_NONE && fb != ES_DATE_NONE && ta < fb) ||
			    (tb != ES_DATE_NONE && fa != ES_DATE_NONE && tb < fa))
				continue;
			return es_err_set(err, ES_ECONFIG, "table %s: lines %llu and %llu have overlapping date ranges",
			                  t->name, (unsigned long long)t->lines[a], (unsigned long long)t->lines[b]);
		}
	}
	return ES_OK;
}

/* data/holidays.csv: month,day,from_year,to_year,name,source.  A row with
 * month and day 0 is Easter Monday; empty or 0 years are unbounded. */
es_calendar *
es_rules_calendar_load(es_err *err)
{
	static const char *const cols[] = { "month", "day", "from_year", "to_year" };
	es_calendar *cal = NULL;
	es_table *t;
	size_t r;

	t = es_table_load("holidays", err);
	if (t == NULL)
		return NULL;
	if (es_table_require(t, cols, ES_ARRAY_LEN(cols), err) != ES_OK)
		goto fail;
	cal = es_calendar_new();
	if (cal == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		goto fail;
	}
	for (r = 0; r < es_table_nrows(t); r++) {
		int64_t v[4] = { 0, 0, 0, 0 };
		size_t i;
		es_rc rc;

		for (i = 0; i < ES_ARRAY_LEN(cols); i++)
			if (es_table_get(t, r, cols[i])[0] != '\0' &&
			    es_table_int(t, r, cols[i], &v[i], err) != ES_OK)
				goto fail;
		if (v[0] == 0 && v[1] == 0)
			rc = es_calendar_add_easter_monday(cal, (int)v[2], (int)v[3], err);
		else
			rc = es_calendar_add_fixed(cal, (int)v[0], (int)v[1], (int)v[2], (int)v[3], err);
		if (rc != ES_OK) {
			es_err_prefix(err, "table holidays, line %llu", (unsigned long long)es_table_line(t, r));
			goto fail;
		}
	}
	es_table_free(t);
	return cal;
fail:
	es_calendar_free(cal);
	es_table_free(t);
	return NULL;
}
