/* tari.c: TARI computation on values and the comune's tariff file (tari.h). */
#include "es_setup.h"

#include <stdlib.h>
#include <string.h>

#include "domain/tari.h"
#include "rules.h"

static es_rc
div_half_up(__int128 num, __int128 den, es_cents *out, es_err *err)
{
	__int128 q;

	if (den <= 0 || num < 0)
		return es_err_set(err, ES_EDATA, "negative quota, coefficient or surface");
	q = (num + den / 2) / den;
	if (q > ES_CENTS_MAX)
		return es_err_set(err, ES_EDATA, "amount too large");
	*out = (es_cents)q;
	return ES_OK;
}

es_rc
es_tari_domestic(int64_t quf, int64_t ka, int64_t surface, int64_t quv, int64_t kb,
                 es_cents *fixed, es_cents *variable, es_err *err)
{
	es_rc rc;

	/* euro(6) × m²(2) × K(4) = euro at scale 12; cents at scale 10 */
	if ((rc = div_half_up((__int128)quf * surface * ka, (__int128)10000000000, fixed, err)) != ES_OK)
		return rc;
	/* euro(6) × K(4) = euro at scale 10; cents at scale 8 */
	return div_half_up((__int128)quv * kb, 100000000, variable, err);
}

es_rc
es_tari_non_domestic(int64_t qapf, int64_t kc, int64_t surface, int64_t cu, int64_t kd,
                     es_cents *fixed, es_cents *variable, es_err *err)
{
	es_rc rc;

	if ((rc = div_half_up((__int128)qapf * surface * kc, (__int128)10000000000, fixed, err)) != ES_OK)
		return rc;
	return div_half_up((__int128)cu * surface * kd, (__int128)10000000000, variable, err);
}

es_rc
es_tari_amount(bool domestic, int64_t qf, int64_t kf, int64_t qv, int64_t kv, int64_t surface, int days,
               int year_days, es_cents *out, es_err *err)
{
	__int128 fixed, variable;

	if (days < 0 || days > year_days || year_days <= 0)
		return es_err_set(err, ES_EINTERNAL, "bad day count %d of %d", days, year_days);
	/* euro at scale 12: quota(6) × m²(2) × K(4) */
	fixed = (__int128)qf * surface * kf;
	/* domestic variable part: quota(6) × K(4), per household, to scale 12 */
	variable = domestic ? (__int128)qv * kv * 100 : (__int128)qv * surface * kv;
	/* cents = euro(12) / 10^10, for days / year_days */
	return div_half_up((fixed + variable) * days, (__int128)10000000000 * year_days, out, err);
}

es_rc
es_tari_prorata(es_cents annual, int days, int year_days, es_cents *out, es_err *err)
{
	if (days < 0 || days > year_days || year_days <= 0)
		return es_err_set(err, ES_EINTERNAL, "bad day count %d of %d", days, year_days);
	return div_half_up((__int128)annual * days, year_days, out, err);
}

es_rc
es_tari_tefa(es_cents tari, int64_t rate, es_cents *out, es_err *err)
{
	/* cents × percent(4) / (100 × 10^4) */
	return div_half_up((__int128)tari * rate, 1000000, out, err);
}

es_rc
es_tari_split(es_cents total, const int64_t *shares, size_t n, es_cents *out, es_err *err)
{
	es_cents used = 0;
	size_t i;

	if (n == 0)
		return es_err_set(err, ES_EINTERNAL, "no installments");
	for (i = 0; i + 1 < n; i++) {
		out[i] = (es_cents)((__int128)total * shares[i] / 1000000);
		used += out[i];
	}
	out[n - 1] = total - used;
	if (out[n - 1] < 0)
		return es_err_set(err, ES_ECONFIG, "installment shares exceed 100%%");
	return ES_OK;
}

/* --- the tariff file --- */

static es_rc
cfg(es_err *err, const es_table *t, size_t row, const char *col, const char *what)
{
	return es_err_set(err, ES_ECONFIG, "%s:%llu: %s: %s", es_table_name(t),
	                  (unsigned long long)es_table_line(t, row), col, what);
}

static es_rc
need_decimal(const es_table *t, size_t row, const char *col, int scale, int64_t *out, es_err *err)
{
	if (*es_table_get(t, row, col) == '\0')
		return cfg(err, t, row, col, "required for this kind of row");
	if (es_table_decimal(t, row, col, scale, out, err) != ES_OK) {
		if (err != NULL)
			err->rc = ES_ECONFIG;
		return ES_ECONFIG;
	}
	if (*out < 0)
		return cfg(err, t, row, col, "negative");
	return ES_OK;
}

static es_rc
load_coeff(const es_table *t, size_t row, es_tari_coeff *c, es_err *err)
{
	es_rc rc;

	if (c->set)
		return cfg(err, t, row, "kind", "a second row for the same members or category");
	if ((rc = need_decimal(t, row, "quota_fixed", 6, &c->quota_fixed, err)) != ES_OK ||
	    (rc = need_decimal(t, row, "k_fixed", 4, &c->k_fixed, err)) != ES_OK ||
	    (rc = need_decimal(t, row, "quota_variable", 6, &c->quota_variable, err)) != ES_OK ||
	    (rc = need_decimal(t, row, "k_variable", 4, &c->k_variable, err)) != ES_OK)
		return rc;
	c->set = true;
	c->line = es_table_line(t, row);
	return ES_OK;
}

static int
cmp_inst(const void *a, const void *b)
{
	const es_tari_installment *x = a, *y = b;

	return (x->number > y->number) - (x->number < y->number);
}

es_tari_tariff *
es_tari_tariff_load(const char *path, int year, es_err *err)
{
	static const char *const cols[] = { "year", "kind" };
	es_table *t;
	es_tari_tariff *tf;
	int64_t sum = 0, v;
	size_t i;
	es_rc rc = ES_OK;

	t = es_table_load_path(path, false, err);
	if (t == NULL)
		return NULL;
	tf = calloc(1, sizeof *tf);
	if (tf == NULL || (tf->path = strdup(path)) == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		goto fail;
	}
	tf->year = year;
	tf->tefa_rate = -1;
	if ((rc = es_table_require(t, cols, ES_ARRAY_LEN(cols), err)) != ES_OK) {
		if (err != NULL)
			err->rc = ES_ECONFIG;
		goto fail;
	}
	for (i = 0; i < es_table_nrows(t); i++) {
		const char *kind = es_table_get(t, i, "kind");
		int64_t y;

		if (es_table_int(t, i, "year", &y, err) != ES_OK) {
			if (err != NULL)
				err->rc = ES_ECONFIG;
			goto fail;
		}
		if (y != year)
			continue;
		if (strcmp(kind, "domestic") == 0) {
			if ((rc = need_decimal(t, i, "members", 0, &v, err)) != ES_OK)
				goto fail;
			if (v < 1 || v > ES_TARI_MAX_MEMBERS) {
				cfg(err, t, i, "members", "not 1..6 (6 means 6 or more)");
				goto fail;
			}
			if (load_coeff(t, i, &tf->domestic[v], err) != ES_OK)
				goto fail;
		} else if (strcmp(kind, "non_domestic") == 0) {
			if ((rc = need_decimal(t, i, "category", 0, &v, err)) != ES_OK)
				goto fail;
			if (v < 1 || v > ES_TARI_MAX_CATEGORY) {
				cfg(err, t, i, "category", "not 1..99");
				goto fail;
			}
			if (load_coeff(t, i, &tf->non_domestic[v], err) != ES_OK)
				goto fail;
		} else if (strcmp(kind, "tefa") == 0) {
			if (tf->tefa_rate >= 0) {
				cfg(err, t, i, "kind", "a second tefa row");
				goto fail;
			}
			/* the province's rate (art. 19 D.Lgs. 504/1992) */
			if (need_decimal(t, i, "rate", 4, &tf->tefa_rate, err) != ES_OK)
				goto fail;
			if (tf->tefa_rate > 1000000) {
				cfg(err, t, i, "rate", "a percentage above 100");
				goto fail;
			}
		} else if (strcmp(kind, "installment") == 0) {
			es_tari_installment in;

			if (need_decimal(t, i, "installment", 0, &v, err) != ES_OK)
				goto fail;
			if (v > ES_TARI_MAX_INSTALLMENTS) {
				cfg(err, t, i, "installment", "more than 12 installments");
				goto fail;
			}
			in.number = (int)v;
			if (es_table_date(t, i, "due_date", &in.due, err) != ES_OK || in.due == ES_DATE_NONE) {
				cfg(err, t, i, "due_date", "required (YYYY-MM-DD)");
				goto fail;
			}
			if (in.number == 0) {
				if (tf->has_single) {
					cfg(err, t, i, "installment", "a second single payment (0)");
					goto fail;
				}
				in.share = 1000000;
				tf->single = in;
				tf->has_single = true;
				continue;
			}
			if (need_decimal(t, i, "share", 4, &in.share, err) != ES_OK)
				goto fail;
			/* Each share a percentage of the whole: bounded here, so that
			 * the sum below cannot overflow and no share is void. */
			if (in.share == 0 || in.share > 1000000) {
				cfg(err, t, i, "share", "not above 0 and at most 100 (percent)");
				goto fail;
			}
			if (tf->ninst == ES_TARI_MAX_INSTALLMENTS) {
				cfg(err, t, i, "installment", "more than 12 installments");
				goto fail;
			}
			tf->inst[tf->ninst++] = in;
			sum += in.share;
		} else {
			cfg(err, t, i, "kind", "not domestic, non_domestic, tefa or installment");
			goto fail;
		}
	}
	if (tf->ninst == 0) {
		es_err_set(err, ES_ECONFIG, "%s: no installment rows for %d", path, year);
		goto fail;
	}
	qsort(tf->inst, tf->ninst, sizeof tf->inst[0], cmp_inst);
	for (i = 0; i < tf->ninst; i++) {
		if (tf->inst[i].number != (int)i + 1) {
			es_err_set(err, ES_ECONFIG, "%s: installments of %d are not numbered 1..%zu", path, year, tf->ninst);
			goto fail;
		}
	}
	if (sum != 1000000) {
		char buf[32];

		es_err_set(err, ES_ECONFIG, "%s: installment shares of %d add up to %s%%, not 100%%", path, year,
		           es_decimal_format(sum, 4, buf));
		goto fail;
	}
	es_table_free(t);
	return tf;
fail:
	es_table_free(t);
	es_tari_tariff_free(tf);
	return NULL;
}

void
es_tari_tariff_free(es_tari_tariff *t)
{
	if (t == NULL)
		return;
	free(t->path);
	free(t);
}
