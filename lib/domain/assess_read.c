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
	es_csv_reader *cr;

	if ((cr = es_csv_reader_open(path, NULL, err)) == NULL) {
		if (err->rc == ES_EDATA)
			err->rc = ES_ECONFIG;
		return NULL;
	}
	if (es_csv_require(cr, req, idx, nreq, err) != ES_OK) {
		es_err_prefix(err, "%s", es_csv_source(cr));
		err->rc = ES_ECONFIG;
		es_csv_reader_close(cr);
		return NULL;
	}
	return cr;
}

static es_rc
reject(const es_acts_csv_opts *o, es_csv_reader *cr, const es_csv_row *row, const char *msg, es_err *err)
{
	es_err e2;

	o->sum->rejected++;
	if (es_rejects_add(o->rejects, es_csv_source(cr), row->line, msg, es_csv_header(cr), es_csv_ncols(cr),
	                   (const char *const *)row->fields, row->nfields, &e2) != ES_OK) {
		*err = e2;
		return e2.rc;
	}
	return ES_OK;
}

/* The next row to look at: ES_OK with *row, ES_EOF, or a failure.  Rows
 * the reader finds malformed are counted and rejected here. */
static es_rc
next_row(const es_acts_csv_opts *o, es_csv_reader *cr, es_csv_row **row, es_err *err)
{
	es_rc rc;

	while ((rc = es_csv_next(cr, row, err)) == ES_EDATA) {
		char msg[ES_ERR_MAX];

		o->sum->read++;
		snprintf(msg, sizeof msg, "%s", err->msg);
		if ((rc = reject(o, cr, *row, msg, err)) != ES_OK)
			return rc;
	}
	if (rc == ES_OK)
		o->sum->read++;
	return rc;
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

/* Check a selected dues row into d; msg[0] != '\0' when it is bad. */
static void
check_due(const es_acts_csv_opts *o, const es_csv_row *row, const int *idx, int cdecl, int cbasis,
          es_acts_due *d, long *inst, char *msg, size_t msz)
{
	es_err e2;

	msg[0] = '\0';
	if (*es_csv_get(row, idx[0]) == '\0') {
		snprintf(msg, msz, "tax_code: empty");
	} else if (!parse_installment(es_csv_get(row, idx[3]), inst)) {
		snprintf(msg, msz, "installment: '%s' is not 0..99, unica, acconto or saldo", es_csv_get(row, idx[3]));
	} else if (es_date_parse(es_csv_get(row, idx[4]), ES_DATE_ANY, &d->due_date, &e2) != ES_OK ||
	           d->due_date == ES_DATE_NONE) {
		snprintf(msg, msz, "due_date: '%s' is not a date", es_csv_get(row, idx[4]));
	} else if (es_money_parse(es_csv_get(row, idx[5]), o->decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN,
	                          &d->amount_due, &e2) != ES_OK) {
		snprintf(msg, msz, "amount_due: '%s' is not an amount", es_csv_get(row, idx[5]));
	} else {
		const char *dv = es_csv_get(row, cdecl);

		if (*dv != '\0' && strcmp(dv, "omessa_dichiarazione") != 0 && strcmp(dv, "infedele_dichiarazione") != 0)
			snprintf(msg, msz, "declaration: '%s' is not omessa_dichiarazione or infedele_dichiarazione", dv);
		d->basis = -1;
		if (msg[0] == '\0' && cbasis >= 0 && *es_csv_get(row, cbasis) != '\0') {
			long b;

			if (!es_assess_parse_int(es_csv_get(row, cbasis), 0, 100000000, &b))
				b = -1;  /* IMU bases are amounts: not a surface */
			d->basis = b;
		}
	}
}

es_rc
es_acts_csv_read_dues(const char *path, const es_acts_csv_opts *o, es_acts_due **out, size_t *n, es_err *err)
{
	static const char *const req[] = { "tax_code", "tax", "year", "installment", "due_date", "amount_due" };
	int idx[ES_ARRAY_LEN(req)], ctrib, cunit, cdecl, cbasis;
	es_csv_reader *cr;
	es_csv_row *row;
	size_t cap = 0;
	es_rc rc;

	*out = NULL;
	*n = 0;
	if ((cr = open_stream(path, req, idx, ES_ARRAY_LEN(req), err)) == NULL)
		return err->rc;
	ctrib = es_csv_col(cr, "tributo");
	cunit = es_csv_col(cr, "unit_id");
	cdecl = es_csv_col(cr, "declaration");
	cbasis = es_csv_col(cr, "basis");
	while ((rc = next_row(o, cr, &row, err)) == ES_OK) {
		char msg[256];
		es_acts_due d;
		bool sel;
		long inst = 0;

		memset(&d, 0, sizeof d);
		if (!row_selected(o, row, idx[1], idx[2], &sel, msg, sizeof msg)) {
			if ((rc = reject(o, cr, row, msg, err)) != ES_OK)
				break;
			continue;
		}
		if (!sel)
			continue;
		check_due(o, row, idx, cdecl, cbasis, &d, &inst, msg, sizeof msg);
		if (msg[0] != '\0') {
			if ((rc = reject(o, cr, row, msg, err)) != ES_OK)
				break;
			continue;
		}
		if (!es_acts_grow((void **)out, &cap, *n, sizeof **out)) {
			rc = nomem(err);
			break;
		}
		d.installment = (int)inst;
		d.line = row->line;
		d.tax_code = strdup(es_csv_get(row, idx[0]));
		d.tributo = strdup(es_csv_get(row, ctrib));
		d.unit_id = strdup(es_csv_get(row, cunit));
		d.declaration = strdup(es_csv_get(row, cdecl));
		(*out)[(*n)++] = d;
		if (d.tax_code == NULL || d.tributo == NULL || d.unit_id == NULL || d.declaration == NULL) {
			rc = nomem(err);
			break;
		}
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

/* Check a selected payments row into p; msg[0] != '\0' when it is bad. */
static void
check_payment(const es_acts_csv_opts *o, const es_csv_row *row, const int *idx, int cravv, es_acts_payment *p,
              char *msg, size_t msz)
{
	es_err e2;

	msg[0] = '\0';
	if (*es_csv_get(row, idx[0]) == '\0')
		snprintf(msg, msz, "tax_code: empty");
	else if (es_date_parse(es_csv_get(row, idx[3]), ES_DATE_ANY, &p->paid_on, &e2) != ES_OK ||
	         p->paid_on == ES_DATE_NONE)
		snprintf(msg, msz, "paid_on: '%s' is not a date", es_csv_get(row, idx[3]));
	else if (es_money_parse(es_csv_get(row, idx[4]), o->decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN,
	                        &p->amount, &e2) != ES_OK)
		snprintf(msg, msz, "amount: '%s' is not an amount", es_csv_get(row, idx[4]));
	else if (p->amount < 0)
		snprintf(msg, msz, "amount: negative payments (refunds) are not assessed");
	else if (!es_assess_parse_flag(es_csv_get(row, cravv), &p->ravvedimento))
		snprintf(msg, msz, "ravvedimento: '%s' is not a flag (1/0)", es_csv_get(row, cravv));
}

es_rc
es_acts_csv_read_payments(const char *path, const es_acts_csv_opts *o, es_acts_payment **out, size_t *n,
                          es_err *err)
{
	static const char *const req[] = { "tax_code", "tax", "year", "paid_on", "amount" };
	int idx[ES_ARRAY_LEN(req)], cid, cravv;
	es_csv_reader *cr;
	es_csv_row *row;
	size_t cap = 0;
	es_rc rc;

	*out = NULL;
	*n = 0;
	if ((cr = open_stream(path, req, idx, ES_ARRAY_LEN(req), err)) == NULL)
		return err->rc;
	cid = es_csv_col(cr, "payment_id");
	cravv = es_csv_col(cr, "ravvedimento");
	while ((rc = next_row(o, cr, &row, err)) == ES_OK) {
		char msg[256];
		es_acts_payment p;
		bool sel;

		memset(&p, 0, sizeof p);
		if (row_selected(o, row, idx[1], idx[2], &sel, msg, sizeof msg)) {
			if (!sel)
				continue;
			check_payment(o, row, idx, cravv, &p, msg, sizeof msg);
		}
		if (msg[0] != '\0') {
			if ((rc = reject(o, cr, row, msg, err)) != ES_OK)
				break;
			continue;
		}
		if (!es_acts_grow((void **)out, &cap, *n, sizeof **out)) {
			rc = nomem(err);
			break;
		}
		p.line = row->line;
		p.tax_code = strdup(es_csv_get(row, idx[0]));
		p.payment_id = strdup(es_csv_get(row, cid));
		(*out)[(*n)++] = p;
		if (p.tax_code == NULL || p.payment_id == NULL) {
			rc = nomem(err);
			break;
		}
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

es_rc
es_acts_csv_read_surfaces(const char *path, const es_acts_csv_opts *o, es_acts_surface **out, size_t *n,
                          es_err *err)
{
	static const char *const req[] = { "unit_id", "surface_m2" };
	int idx[ES_ARRAY_LEN(req)];
	es_csv_reader *cr;
	es_csv_row *row;
	size_t cap = 0;
	es_rc rc;

	*out = NULL;
	*n = 0;
	if ((cr = open_stream(path, req, idx, ES_ARRAY_LEN(req), err)) == NULL)
		return err->rc;
	while ((rc = next_row(o, cr, &row, err)) == ES_OK) {
		long s;

		if (*es_csv_get(row, idx[1]) == '\0')
			continue;  /* no surface (land, category without one): nothing to compare */
		if (!es_assess_parse_int(es_csv_get(row, idx[1]), 0, 100000000, &s)) {
			char msg[128];

			snprintf(msg, sizeof msg, "surface_m2: '%s' is not a whole number of m2", es_csv_get(row, idx[1]));
			if ((rc = reject(o, cr, row, msg, err)) != ES_OK)
				break;
			continue;
		}
		if (!es_acts_grow((void **)out, &cap, *n, sizeof **out)) {
			rc = nomem(err);
			break;
		}
		(*out)[*n].surface_m2 = s;
		if (((*out)[(*n)++].unit_id = strdup(es_csv_get(row, idx[0]))) == NULL) {
			rc = nomem(err);
			break;
		}
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}
