/* installments.c: instalment plans, L. 160/2019 cc. 796-802 (installments.h). */
#include "es_setup.h"

#include <stdlib.h>
#include <string.h>

#include "domain/installments.h"
#include "rules.h"

struct es_installments_rules {
	es_table *bands_t, *rules_t;
	es_installments_band *bands;
	size_t nbands;
};

static es_rc
bad(const es_table *t, size_t row, es_err *err, const char *what)
{
	return es_err_set(err, ES_ECONFIG, "%s, line %llu: %s", es_table_name(t),
	                  (unsigned long long)es_table_line(t, row), what);
}

static es_rc
load_bands(es_installments_rules *r, es_err *err)
{
	static const char *const cols[] = { "debt_from_eur", "debt_to_eur", "min_instalments",
	                                    "max_instalments", "legal_basis", "source" };
	es_table *t = r->bands_t;
	size_t i, n = es_table_nrows(t);
	es_cents expect = 0;

	if (es_table_require(t, cols, ES_ARRAY_LEN(cols), err) != ES_OK)
		return ES_ECONFIG;
	if (n == 0)
		return es_err_set(err, ES_ECONFIG, "%s: no bands", es_table_name(t));
	r->bands = calloc(n, sizeof *r->bands);
	if (r->bands == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		es_installments_band *b = &r->bands[i];
		int64_t mn, mx;

		if (es_table_money(t, i, "debt_from_eur", &b->from, err) != ES_OK ||
		    es_table_int(t, i, "min_instalments", &mn, err) != ES_OK ||
		    es_table_int(t, i, "max_instalments", &mx, err) != ES_OK)
			return ES_ECONFIG;
		if (*es_table_get(t, i, "debt_to_eur") == '\0')
			b->to = -1;
		else if (es_table_money(t, i, "debt_to_eur", &b->to, err) != ES_OK)
			return ES_ECONFIG;
		/* Bands follow each other cent by cent: 0.00-100.00, 100.01-500.00, ... */
		if (b->from != expect)
			return bad(t, i, err, "bands must be contiguous and ascending from 0.00");
		if (b->to >= 0 && b->to < b->from)
			return bad(t, i, err, "debt_to_eur below debt_from_eur");
		if (b->to < 0 && i + 1 != n)
			return bad(t, i, err, "only the last band may be open-ended");
		if (mn < 0 || mx < mn || mx > 1200)
			return bad(t, i, err, "min_instalments and max_instalments must satisfy 0 <= min <= max");
		b->min = (int)mn;
		b->max = (int)mx;
		b->source = es_table_get(t, i, "source");
		b->legal_basis = es_table_get(t, i, "legal_basis");
		expect = b->to + 1;
	}
	if (r->bands[n - 1].to >= 0)
		return bad(t, n - 1, err, "the last band must be open-ended");
	r->nbands = n;
	return ES_OK;
}

es_rc
es_installments_param(const es_installments_rules *r, const char *name, int64_t *value, const char **source,
                      es_err *err)
{
	long row = es_table_find(r->rules_t, "parameter", name);

	if (row < 0)
		return es_err_set(err, ES_ECONFIG, "instalment_rules.csv: no parameter '%s'", name);
	if (es_table_int(r->rules_t, (size_t)row, "value", value, err) != ES_OK)
		return ES_ECONFIG;
	if (source != NULL)
		*source = es_table_get(r->rules_t, (size_t)row, "source");
	return ES_OK;
}

/* c. 797: whatever the regulation, debts above the threshold keep a maximum
 * of at least min_max_instalments_over_6000. */
static es_rc
check_797(es_installments_rules *r, es_err *err)
{
	int64_t min_max;
	long row = es_table_find(r->rules_t, "parameter", "min_max_threshold_eur");
	es_cents threshold;
	size_t i;

	if (es_installments_param(r, "min_max_instalments_over_6000", &min_max, NULL, err) != ES_OK)
		return ES_ECONFIG;
	if (row < 0)
		return es_err_set(err, ES_ECONFIG, "instalment_rules.csv: no parameter 'min_max_threshold_eur'");
	if (es_table_money(r->rules_t, (size_t)row, "value", &threshold, err) != ES_OK)
		return ES_ECONFIG;
	for (i = 0; i < r->nbands; i++) {
		const es_installments_band *b = &r->bands[i];

		if ((b->to < 0 || b->to >= threshold) && b->max < min_max) {
			char t[ES_MONEY_BUFSZ];

			return es_err_set(err, ES_ECONFIG,
			                  "%s, line %llu: the band allows at most %d instalments, but debts from %s must "
			                  "allow at least %lld (L. 160/2019 c. 797)", es_table_name(r->bands_t),
			                  (unsigned long long)es_table_line(r->bands_t, i), b->max,
			                  es_money_format(threshold, ES_MONEY_PLAIN, t), (long long)min_max);
		}
	}
	return ES_OK;
}

es_installments_rules *
es_installments_rules_load(const char *bands_path, es_err *err)
{
	static const char *const rcols[] = { "parameter", "value", "source" };
	es_installments_rules *r = calloc(1, sizeof *r);

	if (r == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	r->bands_t = bands_path != NULL ? es_table_load_path(bands_path, true, err)
	                                : es_table_load("instalment_bands", err);
	if (r->bands_t == NULL)
		goto fail;
	r->rules_t = es_table_load("instalment_rules", err);
	if (r->rules_t == NULL || es_table_require(r->rules_t, rcols, ES_ARRAY_LEN(rcols), err) != ES_OK)
		goto fail;
	if (load_bands(r, err) != ES_OK || check_797(r, err) != ES_OK)
		goto fail;
	return r;
fail:
	if (err != NULL && err->rc != ES_ENOMEM)
		err->rc = ES_ECONFIG;
	es_installments_rules_free(r);
	return NULL;
}

void
es_installments_rules_free(es_installments_rules *r)
{
	if (r == NULL)
		return;
	es_table_free(r->bands_t);
	es_table_free(r->rules_t);
	free(r->bands);
	free(r);
}

es_rc
es_installments_band_of(const es_installments_rules *r, es_cents debt, es_installments_band *out, es_err *err)
{
	char buf[ES_MONEY_BUFSZ], to[ES_MONEY_BUFSZ];
	size_t i;

	if (debt <= 0)
		return es_err_set(err, ES_EDATA, "the debt must be positive, not %s",
		                  es_money_format(debt, ES_MONEY_PLAIN, buf));
	for (i = 0; i < r->nbands; i++) {
		const es_installments_band *b = &r->bands[i];

		if (debt < b->from || (b->to >= 0 && debt > b->to))
			continue;
		*out = *b;
		if (b->max == 0)
			return es_err_set(err, ES_EDATA,
			                  "a debt of %s cannot be paid in instalments: debts up to %s are excluded (%s)",
			                  es_money_format(debt, ES_MONEY_PLAIN, buf),
			                  es_money_format(b->to, ES_MONEY_PLAIN, to), b->legal_basis);
		return ES_OK;
	}
	return es_err_set(err, ES_EDATA, "a debt of %s is in no instalment band",
	                  es_money_format(debt, ES_MONEY_PLAIN, buf));
}

void
es_installments_plan_free(es_installments_plan *p)
{
	if (p == NULL)
		return;
	free(p->inst);
	p->inst = NULL;
	p->n = 0;
}

es_rc
es_installments_plan_build(const es_installments_rules *r, const es_penalty_rules *pr, es_cents debt,
                           es_date granted, int months, int64_t spread, es_daycount dc,
                           es_installments_plan *out, es_err *err)
{
	char a[ES_MONEY_BUFSZ], sp[32], mx[32];
	int64_t smin, smax, last_of_month, rate;
	es_cents share, rest;
	int basis;
	es_rc rc;
	int k;

	memset(out, 0, sizeof *out);
	if (es_installments_param(r, "due_day_last_of_month", &last_of_month, NULL, err) != ES_OK)
		return ES_ECONFIG;
	if (es_penalty_param(pr, "instalment_interest_spread_max_pts", NULL, &smin, &smax, NULL, err) != ES_OK)
		return ES_ECONFIG;
	if (spread < smin || spread > smax)
		return es_err_set(err, ES_ECONFIG,
		                  "an instalment interest spread of %s points is outside %s..%s (L. 160/2019 c. 802)",
		                  es_decimal_format(spread, ES_PCT_SCALE, sp), es_decimal_format(smin, ES_PCT_SCALE, a),
		                  es_decimal_format(smax, ES_PCT_SCALE, mx));
	if ((rc = es_installments_band_of(r, debt, &out->band, err)) != ES_OK)
		return rc;
	if (months == 0)
		months = out->band.max;
	if (months < out->band.min || months > out->band.max) {
		return es_err_set(err, ES_EDATA,
		                  "a debt of %s allows %d to %d monthly instalments, not %d (%s)",
		                  es_money_format(debt, ES_MONEY_PLAIN, a), out->band.min, out->band.max, months,
		                  out->band.legal_basis);
	}
	out->inst = calloc((size_t)months, sizeof *out->inst);
	if (out->inst == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	out->debt = debt;
	out->granted = granted;
	out->months = months;
	out->spread = spread;
	out->n = (size_t)months;
	/* The rate is the legal rate in force on the grant date, fixed for the
	 * whole plan: the instalments' amounts are printed on their notices and
	 * the rates of future years are not known yet. */
	{
		es_interest probe;
		int y, m, dd;

		if ((rc = es_interest_compute(pr, 100, granted - 1, granted, spread, dc, &probe, err)) != ES_OK) {
			es_installments_plan_free(out);
			return rc;
		}
		rate = probe.seg[0].rate;
		es_date_to_ymd(granted, &y, &m, &dd);
		basis = dc == ES_DAYCOUNT_ACTUAL && es_is_leap_year(y) ? 366 : 365;
	}
	/* C3: equal shares truncated to the cent, the remainder on the last. */
	share = debt / months;
	rest = debt - share * (months - 1);
	for (k = 1; k <= months; k++) {
		es_installment *in = &out->inst[k - 1];
		es_date due = es_date_add_months(granted, k);

		in->number = k;
		in->due_date = last_of_month ? es_date_end_of_month(due) : due;
		in->principal = k == months ? rest : share;
		/* principal x rate% x days / basis, rate at ES_PCT_SCALE: rounded once. */
		rc = es_muldiv(in->principal, rate * (int64_t)(in->due_date - granted), (int64_t)basis * 100 * ES_PCT_ONE,
		               ES_ROUND_HALF_UP, &in->interest, err);
		if (rc != ES_OK) {
			es_installments_plan_free(out);
			return rc;
		}
		in->amount = in->principal + in->interest;
		out->total_interest += in->interest;
		out->total += in->amount;
	}
	return ES_OK;
}

es_rc
es_installments_check_lapse(const es_installments_rules *r, const es_installment *inst, size_t n, es_date reminded_on,
                      es_date as_of, es_installments_lapse *out, es_err *err)
{
	int64_t need, window, need_reminder;
	size_t i, j;

	memset(out, 0, sizeof *out);
	out->lapsed_on = ES_DATE_NONE;
	if (es_installments_param(r, "lapse_unpaid", &need, NULL, err) != ES_OK ||
	    es_installments_param(r, "lapse_window_months", &window, NULL, err) != ES_OK ||
	    es_installments_param(r, "lapse_requires_sollecito", &need_reminder, NULL, err) != ES_OK)
		return ES_ECONFIG;
	if (need < 1)
		return es_err_set(err, ES_ECONFIG, "instalment_rules.csv: lapse_unpaid must be at least 1");
	for (i = 0; i < n; i++)
		if (inst[i].due_date < as_of && inst[i].paid < inst[i].amount)
			out->unpaid++;
	out->reason = "not lapsed: fewer unpaid instalments than the lapse requires";
	/* The earliest window of `need` overdue unpaid instalments, counted from
	 * its first one i: due dates up to i's due date + window months. */
	for (i = 0; i < n && !out->lapsed; i++) {
		es_date limit, last = ES_DATE_NONE;
		int64_t count = 0;

		if (!(inst[i].due_date < as_of && inst[i].paid < inst[i].amount))
			continue;
		limit = es_date_add_months(inst[i].due_date, (int)window);
		for (j = i; j < n && count < need; j++) {
			if (inst[j].due_date > limit || inst[j].due_date >= as_of)
				break;
			if (inst[j].paid < inst[j].amount) {
				count++;
				last = inst[j].due_date;
				if (count == need)
					out->second_unpaid = inst[j].number;
			}
		}
		if (count < need)
			continue;
		if (need_reminder) {
			/* The reminder must follow the first missed instalment. */
			if (reminded_on == ES_DATE_NONE || reminded_on > as_of) {
				out->reason = "not lapsed: instalments unpaid, but no reminder (sollecito) was sent";
				out->second_unpaid = 0;
				continue;
			}
			if (reminded_on <= inst[i].due_date) {
				out->reason = "not lapsed: the reminder was sent before the instalments fell due";
				out->second_unpaid = 0;
				continue;
			}
		}
		out->lapsed = true;
		out->first_unpaid = inst[i].number;
		out->lapsed_on = last;
		if (need_reminder && reminded_on > last)
			out->lapsed_on = reminded_on;
		out->reason = "lapsed: instalments unpaid within the window after a reminder (L. 160/2019 c. 800)";
	}
	if (!out->lapsed) {
		out->second_unpaid = 0;
		return ES_OK;
	}
	for (i = 0; i < n; i++) {
		es_cents owed = inst[i].principal;

		if (inst[i].due_date <= out->lapsed_on)
			owed += inst[i].interest;
		if (inst[i].paid < owed)
			out->balance += owed - inst[i].paid;
	}
	return ES_OK;
}
