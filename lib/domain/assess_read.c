/* assess_read.c: the dues, payments and units streams read into the
 * es_acts_* records (assess_read.h). */
#include "es_setup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/assess_read.h"
#include "io/csv.h"
#include "io/rows.h"
#include "types/date.h"
#include "types/money.h"

bool
es_assess_parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

bool
es_assess_parse_flag(const char *s, bool *out)
{
	static const char *const yes[] = { "1", "y", "yes", "true", "s", "si", "x" };
	static const char *const no[] = { "", "0", "n", "no", "false" };
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(yes); i++)
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
	for (i = 0; i < ES_ARRAY_LEN(no); i++)
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	return false;
}

/* An installment number, or the IMU words: unica 0, acconto 1, saldo 2. */
static bool
parse_installment(const char *s, long *out)
{
	if (strcasecmp(s, "unica") == 0)
		*out = 0;
	else if (strcasecmp(s, "acconto") == 0)
		*out = 1;
	else if (strcasecmp(s, "saldo") == 0)
		*out = 2;
	else
		return es_assess_parse_int(s, 0, 99, out);
	return true;
}

/* Open a stream and find its required columns; NULL with err (ES_ECONFIG
 * for a missing column or an unreadable header). */
static es_csv_reader *
open_stream(const char *path, const char *const *req, int *idx, size_t nreq, es_err *err)
{
	es_csv_reader *cr = es_rows_open(path, req, idx, nreq, err);

	if (cr == NULL && err->rc == ES_EDATA)
		err->rc = ES_ECONFIG;
	return cr;
}

static es_rc
reject(const es_acts_csv_opts *o, es_csv_reader *cr, const es_csv_row *row, const char *msg, es_err *err)
{
	return es_rejects_add_row(o->rejects, cr, row, msg, o->sum, err);
}

/* The next row to look at: ES_OK with *row, ES_EOF, or a failure.  Rows
 * the reader finds malformed are counted and rejected here. */
static es_rc
next_row(const es_acts_csv_opts *o, es_csv_reader *cr, es_csv_row **row, es_err *err)
{
	return es_rows_next(cr, row, o->rejects, o->sum, err);
}

/* Is the row's tax and year the run's?  false with msg if malformed. */
static bool
row_selected(const es_acts_csv_opts *o, const es_csv_row *row, int ctax, int cyear, bool *sel, char *msg,
             size_t msz)
{
	const char *t = es_csv_get(row, ctax), *y = es_csv_get(row, cyear);
	long year;

	if (!es_assess_parse_int(y, 1800, 2999, &year)) {
		snprintf(msg, msz, "year: '%s' is not a year", y);
		return false;
	}
	/* TEFA (art. 19 D.Lgs. 504/1992) is collected and assessed with TARI. */
	*sel = (strcasecmp(t, o->tax) == 0 || (strcmp(o->tax, "TARI") == 0 && strcasecmp(t, "TEFA") == 0)) &&
	       year == o->year;
	return true;
}

static es_rc
nomem(es_err *err)
{
	return es_err_set(err, ES_ENOMEM, "out of memory");
}

/* What a stream's reader makes of one row, its columns in col (the
 * required ones, then the optional ones, -1 when absent): ES_OK (kept or
 * skipped), ES_EDATA with msg (the row is rejected), or a failure. */
typedef es_rc (*row_fn)(const es_acts_csv_opts *o, const es_csv_row *row, const int *col, void *ctx, char *msg,
                        size_t msz, es_err *err);

#define MAX_COLS 12

/* Read path row by row through fn.  With select, rows whose tax (column
 * 1) and year (column 2) are not the run's are skipped before fn. */
static es_rc
read_stream(const char *path, const es_acts_csv_opts *o, bool select, const char *const *req, size_t nreq,
            const char *const *opt, size_t nopt, row_fn fn, void *ctx, es_err *err)
{
	int col[MAX_COLS];
	es_csv_reader *cr;
	es_csv_row *row;
	size_t i;
	es_rc rc;

	if (nreq + nopt > MAX_COLS)
		return es_err_set(err, ES_EINTERNAL, "%s: too many columns to look for", path);
	if ((cr = open_stream(path, req, col, nreq, err)) == NULL)
		return err->rc;
	for (i = 0; i < nopt; i++)
		col[nreq + i] = es_csv_col(cr, opt[i]);
	while ((rc = next_row(o, cr, &row, err)) == ES_OK) {
		char msg[256] = "";
		bool sel = true;

		if (select && !row_selected(o, row, col[1], col[2], &sel, msg, sizeof msg))
			rc = ES_EDATA;
		else if (!sel)
			continue;
		else
			rc = fn(o, row, col, ctx, msg, sizeof msg, err);
		if (rc == ES_EDATA)
			rc = reject(o, cr, row, msg, err);
		if (rc != ES_OK)
			break;
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

/* An array being filled. */
typedef struct fill {
	void *v;                  /* es_acts_due *, es_acts_payment * or es_acts_surface * */
	size_t n, cap;
} fill;

/* dues columns: the required ones, then tributo, unit_id, declaration, basis. */
enum { D_CODE, D_TAX, D_YEAR, D_INST, D_DATE, D_AMOUNT, D_TRIB, D_UNIT, D_DECL, D_BASIS };

static es_rc
due_row(const es_acts_csv_opts *o, const es_csv_row *row, const int *col, void *ctx, char *msg, size_t msz,
        es_err *err)
{
	fill *f = ctx;
	es_acts_due d, *v;
	long inst = 0;
	es_err e2;

	memset(&d, 0, sizeof d);
	if (*es_csv_get(row, col[D_CODE]) == '\0') {
		snprintf(msg, msz, "tax_code: empty");
	} else if (!parse_installment(es_csv_get(row, col[D_INST]), &inst)) {
		snprintf(msg, msz, "installment: '%s' is not 0..99, unica, acconto or saldo",
		         es_csv_get(row, col[D_INST]));
	} else if (es_date_parse(es_csv_get(row, col[D_DATE]), ES_DATE_ANY, &d.due_date, &e2) != ES_OK ||
	           d.due_date == ES_DATE_NONE) {
		snprintf(msg, msz, "due_date: '%s' is not a date", es_csv_get(row, col[D_DATE]));
	} else if (es_money_parse(es_csv_get(row, col[D_AMOUNT]), o->decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN,
	                          &d.amount_due, &e2) != ES_OK) {
		snprintf(msg, msz, "amount_due: '%s' is not an amount", es_csv_get(row, col[D_AMOUNT]));
	} else {
		const char *dv = es_csv_get(row, col[D_DECL]);

		if (*dv != '\0' && strcmp(dv, "omessa_dichiarazione") != 0 && strcmp(dv, "infedele_dichiarazione") != 0)
			snprintf(msg, msz, "declaration: '%s' is not omessa_dichiarazione or infedele_dichiarazione", dv);
		d.basis = -1;
		if (msg[0] == '\0' && col[D_BASIS] >= 0 && *es_csv_get(row, col[D_BASIS]) != '\0') {
			long b;

			if (!es_assess_parse_int(es_csv_get(row, col[D_BASIS]), 0, 100000000, &b))
				b = -1;  /* IMU bases are amounts: not a surface */
			d.basis = b;
		}
	}
	if (msg[0] != '\0')
		return ES_EDATA;
	if (!es_acts_grow(&f->v, &f->cap, f->n, sizeof d))
		return nomem(err);
	d.installment = (int)inst;
	d.line = row->line;
	d.tax_code = strdup(es_csv_get(row, col[D_CODE]));
	d.tributo = strdup(es_csv_get(row, col[D_TRIB]));
	d.unit_id = strdup(es_csv_get(row, col[D_UNIT]));
	d.declaration = strdup(es_csv_get(row, col[D_DECL]));
	v = f->v;
	v[f->n++] = d;
	if (d.tax_code == NULL || d.tributo == NULL || d.unit_id == NULL || d.declaration == NULL)
		return nomem(err);
	return ES_OK;
}

es_rc
es_acts_csv_read_dues(const char *path, const es_acts_csv_opts *o, es_acts_due **out, size_t *n, es_err *err)
{
	static const char *const req[] = { "tax_code", "tax", "year", "installment", "due_date", "amount_due" };
	static const char *const opt[] = { "tributo", "unit_id", "declaration", "basis" };
	fill f = { NULL, 0, 0 };
	es_rc rc;

	rc = read_stream(path, o, true, req, ES_ARRAY_LEN(req), opt, ES_ARRAY_LEN(opt), due_row, &f, err);
	*out = f.v;
	*n = f.n;
	return rc;
}

/* payments columns: the required ones, then payment_id, ravvedimento. */
enum { P_CODE, P_TAX, P_YEAR, P_DATE, P_AMOUNT, P_ID, P_RAVV };

static es_rc
payment_row(const es_acts_csv_opts *o, const es_csv_row *row, const int *col, void *ctx, char *msg, size_t msz,
            es_err *err)
{
	fill *f = ctx;
	es_acts_payment p, *v;
	es_err e2;

	memset(&p, 0, sizeof p);
	if (*es_csv_get(row, col[P_CODE]) == '\0')
		snprintf(msg, msz, "tax_code: empty");
	else if (es_date_parse(es_csv_get(row, col[P_DATE]), ES_DATE_ANY, &p.paid_on, &e2) != ES_OK ||
	         p.paid_on == ES_DATE_NONE)
		snprintf(msg, msz, "paid_on: '%s' is not a date", es_csv_get(row, col[P_DATE]));
	else if (es_money_parse(es_csv_get(row, col[P_AMOUNT]), o->decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN,
	                        &p.amount, &e2) != ES_OK)
		snprintf(msg, msz, "amount: '%s' is not an amount", es_csv_get(row, col[P_AMOUNT]));
	else if (p.amount < 0)
		snprintf(msg, msz, "amount: negative payments (refunds) are not assessed");
	else if (!es_assess_parse_flag(es_csv_get(row, col[P_RAVV]), &p.ravvedimento))
		snprintf(msg, msz, "ravvedimento: '%s' is not a flag (1/0)", es_csv_get(row, col[P_RAVV]));
	if (msg[0] != '\0')
		return ES_EDATA;
	if (!es_acts_grow(&f->v, &f->cap, f->n, sizeof p))
		return nomem(err);
	p.line = row->line;
	p.tax_code = strdup(es_csv_get(row, col[P_CODE]));
	p.payment_id = strdup(es_csv_get(row, col[P_ID]));
	v = f->v;
	v[f->n++] = p;
	if (p.tax_code == NULL || p.payment_id == NULL)
		return nomem(err);
	return ES_OK;
}

es_rc
es_acts_csv_read_payments(const char *path, const es_acts_csv_opts *o, es_acts_payment **out, size_t *n,
                          es_err *err)
{
	static const char *const req[] = { "tax_code", "tax", "year", "paid_on", "amount" };
	static const char *const opt[] = { "payment_id", "ravvedimento" };
	fill f = { NULL, 0, 0 };
	es_rc rc;

	rc = read_stream(path, o, true, req, ES_ARRAY_LEN(req), opt, ES_ARRAY_LEN(opt), payment_row, &f, err);
	*out = f.v;
	*n = f.n;
	return rc;
}

static es_rc
surface_row(const es_acts_csv_opts *o, const es_csv_row *row, const int *col, void *ctx, char *msg, size_t msz,
            es_err *err)
{
	fill *f = ctx;
	es_acts_surface *v;
	long s;

	(void)o;
	if (*es_csv_get(row, col[1]) == '\0')
		return ES_OK;  /* no surface (land, category without one): nothing to compare */
	if (!es_assess_parse_int(es_csv_get(row, col[1]), 0, 100000000, &s)) {
		snprintf(msg, msz, "surface_m2: '%s' is not a whole number of m2", es_csv_get(row, col[1]));
		return ES_EDATA;
	}
	if (!es_acts_grow(&f->v, &f->cap, f->n, sizeof *v))
		return nomem(err);
	v = f->v;
	v[f->n].surface_m2 = s;
	if ((v[f->n++].unit_id = strdup(es_csv_get(row, col[0]))) == NULL)
		return nomem(err);
	return ES_OK;
}

es_rc
es_acts_csv_read_surfaces(const char *path, const es_acts_csv_opts *o, es_acts_surface **out, size_t *n,
                          es_err *err)
{
	static const char *const req[] = { "unit_id", "surface_m2" };
	fill f = { NULL, 0, 0 };
	es_rc rc;

	rc = read_stream(path, o, false, req, ES_ARRAY_LEN(req), NULL, 0, surface_row, &f, err);
	*out = f.v;
	*n = f.n;
	return rc;
}
