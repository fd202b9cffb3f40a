/* coercive.c: oneri, thresholds, terms, the next step, measures, mora
 * interest and load-list revenues of the coercive phase (coercive.h). */
#include "es_setup.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/coercive.h"
#include "rules.h"

typedef struct threshold_row {
	const char *rule;
	es_coercive_threshold t;
} threshold_row;

struct es_coercive_rules {
	es_table *charges_t, *thresholds_t, *measures_t, *revenues_t;
	threshold_row *thr;       /* enforcement_thresholds.csv, parsed once */
	size_t nthr;
	es_coercive_charge charge[2];   /* collection_charges.csv: early, late */
};

static es_table *
load(const char *name, const char *const *cols, size_t ncols, es_err *err)
{
	es_table *t = es_table_load(name, err);

	if (t == NULL)
		return NULL;
	if (es_table_require(t, cols, ncols, err) != ES_OK) {
		es_table_free(t);
		return NULL;
	}
	return t;
}

static es_rc
bad(const es_table *t, size_t row, es_err *err, const char *what)
{
	return es_err_set(err, ES_ECONFIG, "%s, line %llu: %s", es_table_name(t),
	                  (unsigned long long)es_table_line(t, row), what);
}

static bool
yes(const es_table *t, size_t row, const char *col)
{
	return strcasecmp(es_table_get(t, row, col), "yes") == 0;
}

/* An optional money cell: -1 when empty. */
static es_rc
opt_money(const es_table *t, size_t row, const char *col, es_cents *out, es_err *err)
{
	if (*es_table_get(t, row, col) == '\0') {
		*out = -1;
		return ES_OK;
	}
	return es_table_money(t, row, col, out, err) == ES_OK ? ES_OK : ES_ECONFIG;
}

static es_rc
opt_int(const es_table *t, size_t row, const char *col, int32_t *out, es_err *err)
{
	int64_t v;

	if (*es_table_get(t, row, col) == '\0') {
		*out = -1;
		return ES_OK;
	}
	if (es_table_int(t, row, col, &v, err) != ES_OK)
		return ES_ECONFIG;
	if (v < 0 || v > 100000)
		return bad(t, row, err, "value out of range");
	*out = (int32_t)v;
	return ES_OK;
}

/* Parse every row once so that a malformed table fails at load, not at 2 a.m.
 * on the one debtor who reaches that row. */
static es_rc
validate(es_coercive_rules *r, es_err *err)
{
	size_t i;
	es_cents m;
	int32_t d;
	int64_t v;

	for (i = 0; i < es_table_nrows(r->charges_t); i++) {
		if (es_table_decimal(r->charges_t, i, "rate_pct", ES_PCT_SCALE, &v, err) != ES_OK ||
		    es_table_money(r->charges_t, i, "cap_eur", &m, err) != ES_OK ||
		    opt_int(r->charges_t, i, "paid_within_days", &d, err) != ES_OK)
			return ES_ECONFIG;
	}
	for (i = 0; i < 2; i++) {
		static const char *const names[2] = { "collection_charges", "collection_charges_late" };
		long row = es_table_find(r->charges_t, "charge", names[i]);
		es_coercive_charge *c = &r->charge[i];

		if (row < 0)
			return es_err_set(err, ES_ECONFIG, "collection_charges.csv: rows collection_charges and "
			                  "collection_charges_late are required");
		if (es_table_decimal(r->charges_t, (size_t)row, "rate_pct", ES_PCT_SCALE, &c->rate, err) != ES_OK ||
		    es_table_money(r->charges_t, (size_t)row, "cap_eur", &c->cap, err) != ES_OK ||
		    opt_int(r->charges_t, (size_t)row, "paid_within_days", &c->within_days, err) != ES_OK)
			return ES_ECONFIG;
		c->charge = es_table_get(r->charges_t, (size_t)row, "charge");
		c->source = es_table_get(r->charges_t, (size_t)row, "source");
	}
	r->nthr = es_table_nrows(r->thresholds_t);
	r->thr = calloc(r->nthr ? r->nthr : 1, sizeof *r->thr);
	if (r->thr == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	for (i = 0; i < r->nthr; i++) {
		threshold_row *w = &r->thr[i];

		w->rule = es_table_get(r->thresholds_t, i, "rule");
		if (opt_money(r->thresholds_t, i, "amount_eur", &w->t.amount, err) != ES_OK ||
		    opt_int(r->thresholds_t, i, "days", &w->t.days, err) != ES_OK ||
		    opt_int(r->thresholds_t, i, "years", &w->t.years, err) != ES_OK)
			return ES_ECONFIG;
		w->t.effect = es_table_get(r->thresholds_t, i, "effect");
		w->t.legal_basis = es_table_get(r->thresholds_t, i, "legal_basis");
		w->t.source = es_table_get(r->thresholds_t, i, "source");
	}
	if (es_table_nrows(r->measures_t) > ES_COERCIVE_MAX_MEASURES)
		return es_err_set(err, ES_ECONFIG, "coercive_measures.csv: more than %d measures",
		                  ES_COERCIVE_MAX_MEASURES);
	for (i = 0; i < es_table_nrows(r->measures_t); i++) {
		const char *cmp = es_table_get(r->measures_t, i, "comparison");

		if (opt_money(r->measures_t, i, "threshold_eur", &m, err) != ES_OK ||
		    opt_int(r->measures_t, i, "notice_days", &d, err) != ES_OK ||
		    opt_int(r->measures_t, i, "requires_months", &d, err) != ES_OK)
			return ES_ECONFIG;
		if (m >= 0 && strcmp(cmp, "ge") != 0 && strcmp(cmp, "gt") != 0)
			return bad(r->measures_t, i, err, "comparison must be 'ge' or 'gt' when threshold_eur is set");
	}
	for (i = 0; i < es_table_nrows(r->revenues_t); i++) {
		const char *ir = es_table_get(r->revenues_t, i, "interest_rule");

		if (strcmp(ir, "surcharge") == 0) {
			if (es_table_decimal(r->revenues_t, i, "rate_pct", ES_PCT_SCALE, &v, err) != ES_OK ||
			    opt_int(r->revenues_t, i, "period_months", &d, err) != ES_OK)
				return ES_ECONFIG;
			if (d <= 0)
				return bad(r->revenues_t, i, err, "a surcharge needs period_months");
		} else if (strcmp(ir, "legal") != 0 && strcmp(ir, "tax") != 0) {
			return bad(r->revenues_t, i, err, "interest_rule must be surcharge, legal or tax");
		}
	}
	return ES_OK;
}

es_coercive_rules *
es_coercive_rules_load(es_err *err)
{
	static const char *const ccols[] = { "charge", "paid_within_days", "rate_pct", "cap_eur", "source" };
	static const char *const tcols[] = { "rule", "amount_eur", "days", "years", "pending_on", "effect", "legal_basis",
	                                     "source" };
	static const char *const mcols[] = { "measure", "threshold_eur", "comparison", "notice_days", "requires",
	                                     "requires_months", "blocked_by_plan", "excludes_only_home",
	                                     "condition", "source" };
	static const char *const rcols[] = { "revenue", "act_type", "interest_rule", "rate_pct", "period_months",
	                                     "collection_charges", "title_term", "legal_basis", "source" };
	es_coercive_rules *r = calloc(1, sizeof *r);

	if (r == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	if ((r->charges_t = load("collection_charges", ccols, ES_ARRAY_LEN(ccols), err)) == NULL ||
	    (r->thresholds_t = load("enforcement_thresholds", tcols, ES_ARRAY_LEN(tcols), err)) == NULL ||
	    (r->measures_t = load("coercive_measures", mcols, ES_ARRAY_LEN(mcols), err)) == NULL ||
	    (r->revenues_t = load("load_revenues", rcols, ES_ARRAY_LEN(rcols), err)) == NULL ||
	    validate(r, err) != ES_OK) {
		if (err != NULL && err->rc != ES_ENOMEM)
			err->rc = ES_ECONFIG;
		es_coercive_rules_free(r);
		return NULL;
	}
	return r;
}

void
es_coercive_rules_free(es_coercive_rules *r)
{
	if (r == NULL)
		return;
	es_table_free(r->charges_t);
	es_table_free(r->thresholds_t);
	es_table_free(r->measures_t);
	es_table_free(r->revenues_t);
	free(r->thr);
	free(r);
}

/* --- oneri ------------------------------------------------------------------ */

static es_rc
charge(const es_coercive_rules *r, int band, es_cents base, es_coercive_charge *out, es_err *err)
{
	int64_t pct;

	*out = r->charge[band];
	if (base < 0)
		return es_err_set(err, ES_EDATA, "negative base for the collection charges");
	/* base * rate%: rate is percent at scale 4, so divide by 100 * 10^4. */
	if (es_muldiv(base, out->rate, 100 * ES_PCT_ONE, ES_ROUND_HALF_UP, &pct, err) != ES_OK)
		return ES_EDATA;
	out->amount = pct < out->cap ? pct : out->cap;
	return ES_OK;
}

es_rc
es_coercive_charges(const es_coercive_rules *r, es_cents base, es_coercive_charge *early, es_coercive_charge *late,
                    es_err *err)
{
	es_rc rc;

	if ((rc = charge(r, 0, base, early, err)) != ES_OK)
		return rc;
	return charge(r, 1, base, late, err);
}

es_rc
es_coercive_charge_on(const es_coercive_rules *r, es_cents base, es_date esecutivita, es_date pay_date,
                      es_coercive_charge *out, es_err *err)
{
	es_coercive_charge early, late;
	es_rc rc;

	if ((rc = es_coercive_charges(r, base, &early, &late, err)) != ES_OK)
		return rc;
	if (early.within_days < 0)
		return es_err_set(err, ES_ECONFIG, "collection_charges.csv: collection_charges needs paid_within_days");
	*out = pay_date <= esecutivita + early.within_days ? early : late;
	return ES_OK;
}

/* --- thresholds and terms --------------------------------------------------- */

es_rc
es_coercive_threshold_get(const es_coercive_rules *r, const char *rule, es_coercive_threshold *out, es_err *err)
{
	size_t i;

	for (i = 0; i < r->nthr; i++)
		if (strcmp(r->thr[i].rule, rule) == 0) {
			*out = r->thr[i].t;
			return ES_OK;
		}
	memset(out, 0, sizeof *out);
	return es_err_set(err, ES_ECONFIG, "enforcement_thresholds.csv: no rule '%s'", rule);
}

static es_rc
need(const es_coercive_rules *r, const char *rule, bool days, es_coercive_threshold *t, es_err *err)
{
	if (es_coercive_threshold_get(r, rule, t, err) != ES_OK)
		return ES_ECONFIG;
	if (days ? t->days < 0 : t->years < 0)
		return es_err_set(err, ES_ECONFIG, "enforcement_thresholds.csv: rule '%s' needs %s", rule,
		                  days ? "days" : "years");
	return ES_OK;
}

/* The Covid suspension of collection terms (art. 68 DL 18/2020): a term
 * still running on 8 Mar 2020 moves by the suspension's days. */
static es_date
covid(const es_coercive_rules *r, es_date start, es_date term, bool on, es_err *err, es_rc *rc)
{
	es_coercive_threshold t;
	long row = es_table_find(r->thresholds_t, "rule", "covid_riscossione");
	es_date pending;

	*rc = ES_OK;
	if (!on)
		return term;
	if ((*rc = need(r, "covid_riscossione", true, &t, err)) != ES_OK)
		return term;
	if (es_table_date(r->thresholds_t, (size_t)row, "pending_on", &pending, err) != ES_OK ||
	    pending == ES_DATE_NONE) {
		*rc = es_err_set(err, ES_ECONFIG, "enforcement_thresholds.csv: covid_riscossione needs pending_on");
		return term;
	}
	if (start < pending && pending <= term)
		return term + t.days;
	return term;
}

es_rc
es_coercive_title_deadline(const es_coercive_rules *r, es_date definitive, bool covid_shift, es_date *out,
                           es_err *err)
{
	es_coercive_threshold t;
	int y, m, d;
	es_rc rc;

	if ((rc = need(r, "titolo_coattivo", false, &t, err)) != ES_OK)
		return rc;
	es_date_to_ymd(definitive, &y, &m, &d);
	*out = covid(r, definitive, es_date_from_ymd(y + t.years, 12, 31), covid_shift, err, &rc);
	return rc;
}

es_rc
es_coercive_prescription(const es_coercive_rules *r, es_date from, bool covid_shift, es_date *out, es_err *err)
{
	es_coercive_threshold t;
	es_rc rc;

	if ((rc = need(r, "prescription", false, &t, err)) != ES_OK)
		return rc;
	*out = covid(r, from, es_date_add_months(from, 12 * t.years), covid_shift, err, &rc);
	return rc;
}

/* --- the next step ---------------------------------------------------------- */

const char *
es_coercive_step_name(es_coercive_step s)
{
	switch (s) {
	case ES_STEP_NONE: return "wait";
	case ES_STEP_SOLLECITO: return "sollecito";
	case ES_STEP_INTIMAZIONE: return "intimazione";
	case ES_STEP_MEASURES: return "measures";
	case ES_STEP_BELOW_MINIMUM: return "below_minimum";
	case ES_STEP_EXPIRED: return "prescribed";
	case ES_STEP_PAID: return "paid";
	}
	return "?";
}

es_rc
es_coercive_next_step(const es_coercive_rules *r, const es_coercive_case *c, es_date as_of,
                      es_coercive_decision *out, es_err *err)
{
	es_coercive_threshold min, soll_max, wait, term, handover, int_valid, int_pay, int_after, presc;
	es_date last_act;
	es_rc rc;

	memset(out, 0, sizeof *out);
	out->ready_on = out->prescribed_on = out->esecutivita = out->handover = ES_DATE_NONE;
	if (es_coercive_threshold_get(r, "min_enforceable", &min, err) != ES_OK ||
	    es_coercive_threshold_get(r, "sollecito_required_max", &soll_max, err) != ES_OK ||
	    need(r, "sollecito_wait", true, &wait, err) != ES_OK ||
	    need(r, "payment_term", true, &term, err) != ES_OK ||
	    need(r, "handover", true, &handover, err) != ES_OK ||
	    need(r, "intimazione_valid", true, &int_valid, err) != ES_OK ||
	    need(r, "intimazione_pay", true, &int_pay, err) != ES_OK ||
	    need(r, "intimazione_after", true, &int_after, err) != ES_OK ||
	    need(r, "prescription", false, &presc, err) != ES_OK)
		return ES_ECONFIG;
	if (min.amount < 0 || soll_max.amount < 0)
		return es_err_set(err, ES_ECONFIG, "enforcement_thresholds.csv: min_enforceable and "
		                  "sollecito_required_max need amount_eur");
	if (c->notified_on == ES_DATE_NONE)
		return es_err_set(err, ES_EDATA, "the act has no notification date: it has no legal effect yet");
	if (c->debt <= 0) {
		out->step = ES_STEP_PAID;
		out->reason = "nothing left to pay";
		return ES_OK;
	}
	if (c->debt < min.amount) {
		out->step = ES_STEP_BELOW_MINIMUM;
		out->reason = "below the minimum for coercive collection";
		out->source = min.source;
		out->legal_basis = min.legal_basis;
		return ES_OK;
	}
	/* Prescription runs from the last interrupting act. */
	last_act = c->notified_on;
	if (c->sollecito_on != ES_DATE_NONE && c->sollecito_on > last_act)
		last_act = c->sollecito_on;
	if (c->intimazione_on != ES_DATE_NONE && c->intimazione_on > last_act)
		last_act = c->intimazione_on;
	if ((rc = es_coercive_prescription(r, last_act, c->covid_shift, &out->prescribed_on, err)) != ES_OK)
		return rc;
	if (as_of > out->prescribed_on) {
		out->step = ES_STEP_EXPIRED;
		out->reason = "prescribed: more than the prescription term since the last interrupting act";
		out->source = presc.source;
		out->legal_basis = presc.legal_basis;
		return ES_OK;
	}
	out->esecutivita = c->notified_on + (c->payment_days >= 0 ? c->payment_days : term.days);
	out->handover = out->esecutivita + handover.days;
	if (as_of < out->handover) {
		out->step = ES_STEP_NONE;
		out->ready_on = out->handover;
		out->reason = "the payment term and the handover term are still running";
		out->source = handover.source;
		out->legal_basis = handover.legal_basis;
		return ES_OK;
	}
	if (c->debt <= soll_max.amount) {
		if (c->sollecito_on == ES_DATE_NONE) {
			out->step = ES_STEP_SOLLECITO;
			out->ready_on = out->handover;
			out->reason = "a sollecito must precede any precautionary or executive action";
			out->source = soll_max.source;
			out->legal_basis = soll_max.legal_basis;
			return ES_OK;
		}
		if (as_of < c->sollecito_on + wait.days) {
			out->step = ES_STEP_NONE;
			out->ready_on = c->sollecito_on + wait.days;
			out->reason = "the term after the sollecito is still running";
			out->source = wait.source;
			out->legal_basis = wait.legal_basis;
			return ES_OK;
		}
	}
	if (c->intimazione_on == ES_DATE_NONE || as_of > c->intimazione_on + int_valid.days) {
		out->step = ES_STEP_INTIMAZIONE;
		out->ready_on = c->sollecito_on != ES_DATE_NONE && c->debt <= soll_max.amount
		                ? c->sollecito_on + wait.days : out->handover;
		if (c->intimazione_on != ES_DATE_NONE) {
			out->reason = "the previous intimazione has lost effect";
			out->source = int_valid.source;
			out->legal_basis = int_valid.legal_basis;
		} else if (as_of > c->notified_on + int_after.days) {
			/* More than a year after the title: the intimazione is required. */
			out->reason = "execution more than a year after the notification needs an intimazione";
			out->source = int_after.source;
			out->legal_basis = int_after.legal_basis;
		} else {
			out->reason = "an intimazione ad adempiere precedes forced execution";
			out->source = int_pay.source;
			out->legal_basis = int_pay.legal_basis;
		}
		return ES_OK;
	}
	if (as_of <= c->intimazione_on + int_pay.days) {
		out->step = ES_STEP_NONE;
		out->ready_on = c->intimazione_on + int_pay.days + 1;
		out->reason = "the term of the intimazione is still running";
		out->source = int_pay.source;
		out->legal_basis = int_pay.legal_basis;
		return ES_OK;
	}
	out->step = ES_STEP_MEASURES;
	out->ready_on = c->intimazione_on + int_pay.days + 1;
	out->reason = "ready for precautionary and executive measures";
	out->source = int_valid.source;
	out->legal_basis = int_valid.legal_basis;
	return ES_OK;
}

/* --- measures --------------------------------------------------------------- */

es_rc
es_coercive_measures(const es_coercive_rules *r, const es_coercive_facts *f, es_date as_of,
                     es_coercive_measure out[ES_COERCIVE_MAX_MEASURES], size_t *n, es_err *err)
{
	const es_table *t = r->measures_t;
	size_t i;

	*n = 0;
	for (i = 0; i < es_table_nrows(t); i++) {
		es_coercive_measure *m = &out[(*n)++];
		const char *req = es_table_get(t, i, "requires");
		const char *cmp = es_table_get(t, i, "comparison");
		es_cents threshold;
		int32_t months;

		memset(m, 0, sizeof *m);
		if (opt_money(t, i, "threshold_eur", &threshold, err) != ES_OK ||
		    opt_int(t, i, "notice_days", &m->notice_days, err) != ES_OK ||
		    opt_int(t, i, "requires_months", &months, err) != ES_OK)
			return ES_ECONFIG;
		m->measure = es_table_get(t, i, "measure");
		m->rule = es_table_get(t, i, "condition");
		m->source = es_table_get(t, i, "source");
		m->why = "";
		m->admitted = true;
		if (f->plan_pending && yes(t, i, "blocked_by_plan")) {
			m->admitted = false;
			m->why = "an instalment request is pending or a plan is running";
		} else if (threshold >= 0 && (strcmp(cmp, "gt") == 0 ? f->debt <= threshold : f->debt < threshold)) {
			m->admitted = false;
			m->why = "the debt is below the measure's threshold";
		} else if (f->only_home && yes(t, i, "excludes_only_home")) {
			m->admitted = false;
			m->why = "never on the debtor's only home";
		} else if (*req != '\0') {
			/* Today the only prerequisite measure is the ipoteca. */
			if (strcmp(req, "ipoteca") != 0)
				return es_err_set(err, ES_ECONFIG, "coercive_measures.csv, line %llu: unknown requirement '%s'",
				                  (unsigned long long)es_table_line(t, i), req);
			if (f->ipoteca_on == ES_DATE_NONE) {
				m->admitted = false;
				m->why = "needs a registered ipoteca";
			} else if (months > 0 && as_of < es_date_add_months(f->ipoteca_on, months)) {
				m->admitted = false;
				m->why = "the ipoteca has not been registered long enough";
			}
		}
	}
	return ES_OK;
}

/* --- interest ----------------------------------------------------------------- */

es_rc
es_coercive_mora(const es_coercive_rules *r, const es_penalty_rules *pr, es_cents principal, es_date esecutivita,
                 es_date as_of, int64_t spread, es_daycount dc, es_interest *out, es_err *err)
{
	es_coercive_threshold start;
	int64_t smin, smax;
	char a[32], b[32], c[32];

	if (need(r, "mora_start", true, &start, err) != ES_OK)
		return ES_ECONFIG;
	if (es_penalty_param(pr, "mora_spread_max_pts", NULL, &smin, &smax, NULL, err) != ES_OK)
		return ES_ECONFIG;
	if (spread < smin || spread > smax)
		return es_err_set(err, ES_ECONFIG, "a mora spread of %s points is outside %s..%s (L. 160/2019 c. 802)",
		                  es_decimal_format(spread, ES_PCT_SCALE, a), es_decimal_format(smin, ES_PCT_SCALE, b),
		                  es_decimal_format(smax, ES_PCT_SCALE, c));
	return es_interest_compute(pr, principal, esecutivita + start.days, as_of, spread, dc, out, err);
}

es_rc
es_coercive_revenue_get(const es_coercive_rules *r, const char *revenue, es_coercive_revenue *out, es_err *err)
{
	const es_table *t = r->revenues_t;
	size_t i;

	memset(out, 0, sizeof *out);
	for (i = 0; i < es_table_nrows(t); i++) {
		const char *ir;
		int32_t months;

		if (strcasecmp(es_table_get(t, i, "revenue"), revenue) != 0)
			continue;
		ir = es_table_get(t, i, "interest_rule");
		out->revenue = es_table_get(t, i, "revenue");
		out->act_type = es_table_get(t, i, "act_type");
		out->surcharge = strcmp(ir, "surcharge") == 0;
		out->tax_interest = strcmp(ir, "tax") == 0;
		out->collection_charges = yes(t, i, "collection_charges");
		out->title_term = yes(t, i, "title_term");
		out->legal_basis = es_table_get(t, i, "legal_basis");
		out->source = es_table_get(t, i, "source");
		if (out->surcharge) {
			if (es_table_decimal(t, i, "rate_pct", ES_PCT_SCALE, &out->rate, err) != ES_OK ||
			    opt_int(t, i, "period_months", &months, err) != ES_OK)
				return ES_ECONFIG;
			out->period_months = months;
		}
		return ES_OK;
	}
	return es_err_set(err, ES_EDATA, "revenue '%s' is not in load_revenues.csv", revenue);
}

es_rc
es_coercive_load_interest(const es_coercive_rules *r, const es_penalty_rules *pr, const es_coercive_revenue *rev,
                          es_cents principal, es_date due_on, es_date as_of, int64_t spread, es_daycount dc,
                          es_cents *out, int *periods, es_err *err)
{
	es_interest it;
	es_rc rc;

	(void)r;
	*out = 0;
	*periods = 0;
	if (as_of <= due_on || principal <= 0)
		return ES_OK;
	if (rev->surcharge) {
		int k = 0;

		/* Complete periods: due_on + (k+1) periods must not be after as_of. */
		while (es_date_add_months(due_on, (k + 1) * rev->period_months) <= as_of)
			k++;
		*periods = k;
		return es_muldiv(principal, rev->rate * k, 100 * ES_PCT_ONE, ES_ROUND_HALF_UP, out, err);
	}
	if ((rc = es_interest_compute(pr, principal, due_on, as_of, rev->tax_interest ? spread : 0, dc, &it, err)) != ES_OK)
		return rc;
	*out = it.amount;
	return ES_OK;
}
