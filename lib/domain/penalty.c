/* penalty.c: interest, sanctions, ravvedimento, terms (see penalty.h). */
#include "es_setup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domain/penalty.h"
#include "rules.h"

/* One dated row of a law table, parsed once at load. */
typedef struct rate_row {
	es_date from, to;         /* ES_DATE_NONE: unbounded */
	int64_t rate;             /* ES_PCT_SCALE */
	int year;
	const char *source;
} rate_row;

typedef struct regime_row {
	es_date from, to;
	const char *name;
	int64_t base_pct, reduced_pct;
	int32_t reduced_max_days, per_day_max_days, per_day_divisor;
	const char *legal_basis, *source;
} regime_row;

typedef enum tier_base { TIER_PER_DAY, TIER_REDUCED, TIER_BASE } tier_base;
typedef enum tier_until { UNTIL_NONE, UNTIL_DECL, UNTIL_DECL_NEXT } tier_until;

typedef struct tier_row {
	const char *regime, *tier, *source;
	int32_t d_from, d_to;     /* d_to -1: unbounded */
	tier_until until;
	int64_t num, den;
	tier_base applied_to;
} tier_row;

struct es_penalty_rules {
	es_table *rates_t, *params_t, *regimes_t, *decl_t, *tiers_t, *esec_t, *notif_t, *terms_t, *evasion_t;
	rate_row *rates;
	size_t nrates;
	regime_row *regimes;
	size_t nregimes;
	tier_row *tiers;
	size_t ntiers;
};

es_cents
es_exact_round(es_exact x)
{
	es_exact half = ES_EXACT_DEN / 2;

	if (x >= 0)
		return (es_cents)((x + half) / ES_EXACT_DEN);
	return -(es_cents)((-x + half) / ES_EXACT_DEN);
}

/* A date cell that may be empty (unbounded). */
static es_rc
opt_date(const es_table *t, size_t row, const char *col, es_date *out, es_err *err)
{
	const char *s = es_table_get(t, row, col);

	if (*s == '\0') {
		*out = ES_DATE_NONE;
		return ES_OK;
	}
	return es_table_date(t, row, col, out, err);
}

static es_rc
opt_int(const es_table *t, size_t row, const char *col, int64_t dflt, int64_t *out, es_err *err)
{
	if (*es_table_get(t, row, col) == '\0') {
		*out = dflt;
		return ES_OK;
	}
	return es_table_int(t, row, col, out, err);
}

static es_rc
bad_row(const es_table *t, size_t row, const char *what, es_err *err)
{
	return es_err_set(err, ES_ECONFIG, "%s.csv:%llu: %s", es_table_name(t),
	                  (unsigned long long)es_table_line(t, row), what);
}

/* Does [from, to] (NONE = unbounded) contain d? */
static bool
in_range(es_date from, es_date to, es_date d)
{
	if (from != ES_DATE_NONE && d < from)
		return false;
	if (to != ES_DATE_NONE && d > to)
		return false;
	return true;
}

static bool
ranges_overlap(es_date f1, es_date t1, es_date f2, es_date t2)
{
	es_date lo1 = f1 == ES_DATE_NONE ? INT32_MIN + 1 : f1;
	es_date hi1 = t1 == ES_DATE_NONE ? INT32_MAX : t1;
	es_date lo2 = f2 == ES_DATE_NONE ? INT32_MIN + 1 : f2;
	es_date hi2 = t2 == ES_DATE_NONE ? INT32_MAX : t2;

	return lo1 <= hi2 && lo2 <= hi1;
}

/* "1/3" -> 1, 3. */
static bool
parse_fraction(const char *s, int64_t *num, int64_t *den)
{
	char *end;
	long n, d;

	errno = 0;
	n = strtol(s, &end, 10);
	if (end == s || *end != '/' || errno != 0)
		return false;
	s = end + 1;
	d = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || n <= 0 || d <= 0)
		return false;
	*num = n;
	*den = d;
	return true;
}

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
load_rates(es_penalty_rules *r, es_err *err)
{
	static const char *const cols[] = { "year", "valid_from", "valid_to", "rate_pct", "source" };
	es_table *t;
	size_t i, j;
	int64_t y;

	if ((t = r->rates_t = load("legal_interest_rates", cols, ES_ARRAY_LEN(cols), err)) == NULL)
		return err != NULL ? err->rc : ES_ECONFIG;
	r->nrates = es_table_nrows(t);
	if ((r->rates = calloc(r->nrates ? r->nrates : 1, sizeof *r->rates)) == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	for (i = 0; i < r->nrates; i++) {
		rate_row *rr = &r->rates[i];

		if (es_table_date(t, i, "valid_from", &rr->from, err) != ES_OK ||
		    es_table_date(t, i, "valid_to", &rr->to, err) != ES_OK ||
		    es_table_decimal(t, i, "rate_pct", ES_PCT_SCALE, &rr->rate, err) != ES_OK ||
		    es_table_int(t, i, "year", &y, err) != ES_OK)
			return ES_ECONFIG;
		if (rr->from == ES_DATE_NONE || rr->to == ES_DATE_NONE || rr->to < rr->from)
			return bad_row(t, i, "valid_from and valid_to must be dates, in order", err);
		if (rr->rate < 0)
			return bad_row(t, i, "negative rate_pct", err);
		rr->year = (int)y;
		rr->source = es_table_get(t, i, "source");
		for (j = 0; j < i; j++)
			if (ranges_overlap(rr->from, rr->to, r->rates[j].from, r->rates[j].to))
				return bad_row(t, i, "validity overlaps an earlier row", err);
	}
	return ES_OK;
}

static es_rc
load_regimes(es_penalty_rules *r, es_err *err)
{
	static const char *const cols[] = { "regime", "violation_from", "violation_to", "base_pct",
		"reduced_pct", "reduced_max_days", "per_day_max_days", "per_day_divisor", "legal_basis", "source" };
	es_table *t;
	size_t i, j;
	int64_t v;

	if ((t = r->regimes_t = load("sanction_payment_regimes", cols, ES_ARRAY_LEN(cols), err)) == NULL)
		return err != NULL ? err->rc : ES_ECONFIG;
	r->nregimes = es_table_nrows(t);
	if ((r->regimes = calloc(r->nregimes ? r->nregimes : 1, sizeof *r->regimes)) == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	for (i = 0; i < r->nregimes; i++) {
		regime_row *g = &r->regimes[i];

		g->name = es_table_get(t, i, "regime");
		g->legal_basis = es_table_get(t, i, "legal_basis");
		g->source = es_table_get(t, i, "source");
		if (opt_date(t, i, "violation_from", &g->from, err) != ES_OK ||
		    opt_date(t, i, "violation_to", &g->to, err) != ES_OK ||
		    es_table_decimal(t, i, "base_pct", ES_PCT_SCALE, &g->base_pct, err) != ES_OK ||
		    es_table_decimal(t, i, "reduced_pct", ES_PCT_SCALE, &g->reduced_pct, err) != ES_OK)
			return ES_ECONFIG;
		if (opt_int(t, i, "reduced_max_days", 0, &v, err) != ES_OK)
			return ES_ECONFIG;
		g->reduced_max_days = (int32_t)v;
		if (opt_int(t, i, "per_day_max_days", 0, &v, err) != ES_OK)
			return ES_ECONFIG;
		g->per_day_max_days = (int32_t)v;
		if (opt_int(t, i, "per_day_divisor", 1, &v, err) != ES_OK)
			return ES_ECONFIG;
		g->per_day_divisor = (int32_t)v;
		if (*g->name == '\0')
			return bad_row(t, i, "empty regime", err);
		if (g->per_day_divisor <= 0 || (ES_EXACT_DEN / 1000000) % g->per_day_divisor != 0)
			return bad_row(t, i, "per_day_divisor must divide 365*366*2520*15", err);
		if (g->per_day_max_days > g->reduced_max_days)
			return bad_row(t, i, "per_day_max_days exceeds reduced_max_days", err);
		for (j = 0; j < i; j++)
			if (ranges_overlap(g->from, g->to, r->regimes[j].from, r->regimes[j].to))
				return bad_row(t, i, "violation dates overlap an earlier regime", err);
	}
	return ES_OK;
}

static es_rc
load_tiers(es_penalty_rules *r, es_err *err)
{
	static const char *const cols[] = { "regime", "tier", "d_from", "d_to", "until", "fraction",
		"applied_to", "source" };
	es_table *t;
	size_t i;
	int64_t v;

	if ((t = r->tiers_t = load("ravvedimento_tiers", cols, ES_ARRAY_LEN(cols), err)) == NULL)
		return err != NULL ? err->rc : ES_ECONFIG;
	r->ntiers = es_table_nrows(t);
	if ((r->tiers = calloc(r->ntiers ? r->ntiers : 1, sizeof *r->tiers)) == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	for (i = 0; i < r->ntiers; i++) {
		tier_row *tr = &r->tiers[i];
		const char *s;

		tr->regime = es_table_get(t, i, "regime");
		tr->tier = es_table_get(t, i, "tier");
		tr->source = es_table_get(t, i, "source");
		if (es_table_int(t, i, "d_from", &v, err) != ES_OK)
			return ES_ECONFIG;
		tr->d_from = (int32_t)v;
		if (opt_int(t, i, "d_to", -1, &v, err) != ES_OK)
			return ES_ECONFIG;
		tr->d_to = (int32_t)v;
		s = es_table_get(t, i, "until");
		if (*s == '\0')
			tr->until = UNTIL_NONE;
		else if (strcmp(s, "DECL") == 0)
			tr->until = UNTIL_DECL;
		else if (strcmp(s, "DECL_NEXT") == 0)
			tr->until = UNTIL_DECL_NEXT;
		else
			return bad_row(t, i, "until must be empty, DECL or DECL_NEXT", err);
		if (!parse_fraction(es_table_get(t, i, "fraction"), &tr->num, &tr->den) ||
		    2520 % tr->den != 0)
			return bad_row(t, i, "fraction must be N/D with D dividing 2520", err);
		s = es_table_get(t, i, "applied_to");
		if (strcmp(s, "per_day") == 0)
			tr->applied_to = TIER_PER_DAY;
		else if (strcmp(s, "reduced") == 0)
			tr->applied_to = TIER_REDUCED;
		else if (strcmp(s, "base") == 0)
			tr->applied_to = TIER_BASE;
		else
			return bad_row(t, i, "applied_to must be per_day, reduced or base", err);
		if (tr->d_from < 1 || (tr->d_to != -1 && tr->d_to < tr->d_from))
			return bad_row(t, i, "bad d_from/d_to", err);
	}
	return ES_OK;
}

es_penalty_rules *
es_penalty_rules_load(es_err *err)
{
	static const char *const pcols[] = { "parameter", "value", "min", "max", "source" };
	static const char *const dcols[] = { "regime", "tax", "violation", "year_from", "year_to", "pct_min",
		"pct_max", "eur_min", "eur_max", "acquiescence_fraction", "source" };
	static const char *const ecols[] = { "element", "days", "amount_eur", "source" };
	static const char *const ncols[] = { "channel", "eur_per_act", "valid_from", "valid_to", "source" };
	static const char *const tcols[] = { "term", "tax", "anchor", "add_years", "month", "day",
		"shift_days", "pending_on", "source" };
	static const char *const vcols[] = { "rule", "tax", "value", "source" };
	es_penalty_rules *r;

	if ((r = calloc(1, sizeof *r)) == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	if (load_rates(r, err) != ES_OK || load_regimes(r, err) != ES_OK || load_tiers(r, err) != ES_OK)
		goto fail;
	if ((r->params_t = load("interest_params", pcols, ES_ARRAY_LEN(pcols), err)) == NULL ||
	    (r->decl_t = load("sanction_declaration", dcols, ES_ARRAY_LEN(dcols), err)) == NULL ||
	    (r->esec_t = load("esecutivo_terms", ecols, ES_ARRAY_LEN(ecols), err)) == NULL ||
	    (r->notif_t = load("notification_costs", ncols, ES_ARRAY_LEN(ncols), err)) == NULL ||
	    (r->terms_t = load("terms", tcols, ES_ARRAY_LEN(tcols), err)) == NULL ||
	    (r->evasion_t = load("evasion_rules", vcols, ES_ARRAY_LEN(vcols), err)) == NULL)
		goto fail;
	return r;
fail:
	es_penalty_rules_free(r);
	return NULL;
}

void
es_penalty_rules_free(es_penalty_rules *r)
{
	if (r == NULL)
		return;
	es_table_free(r->rates_t);
	es_table_free(r->params_t);
	es_table_free(r->regimes_t);
	es_table_free(r->decl_t);
	es_table_free(r->tiers_t);
	es_table_free(r->esec_t);
	es_table_free(r->notif_t);
	es_table_free(r->terms_t);
	es_table_free(r->evasion_t);
	free(r->rates);
	free(r->regimes);
	free(r->tiers);
	free(r);
}

es_rc
es_penalty_param(const es_penalty_rules *r, const char *name, int64_t *value, int64_t *min,
                 int64_t *max, const char **source, es_err *err)
{
	long row = es_table_find(r->params_t, "parameter", name);
	int64_t v;

	if (row < 0)
		return es_err_set(err, ES_ECONFIG, "interest_params.csv: no parameter '%s'", name);
	if (es_table_decimal(r->params_t, (size_t)row, "value", ES_PCT_SCALE, &v, err) != ES_OK)
		return ES_ECONFIG;
	if (value != NULL)
		*value = v;
	if (min != NULL &&
	    es_table_decimal(r->params_t, (size_t)row, "min", ES_PCT_SCALE, min, err) != ES_OK)
		return ES_ECONFIG;
	if (max != NULL &&
	    es_table_decimal(r->params_t, (size_t)row, "max", ES_PCT_SCALE, max, err) != ES_OK)
		return ES_ECONFIG;
	if (source != NULL)
		*source = es_table_get(r->params_t, (size_t)row, "source");
	return ES_OK;
}

es_rc
es_penalty_esecutivo(const es_penalty_rules *r, const char *element, int64_t *days, es_cents *amount,
                     const char **source, es_err *err)
{
	long row = es_table_find(r->esec_t, "element", element);

	if (row < 0)
		return es_err_set(err, ES_ECONFIG, "esecutivo_terms.csv: no element '%s'", element);
	if (days != NULL && opt_int(r->esec_t, (size_t)row, "days", -1, days, err) != ES_OK)
		return ES_ECONFIG;
	if (amount != NULL) {
		if (*es_table_get(r->esec_t, (size_t)row, "amount_eur") == '\0')
			*amount = -1;
		else if (es_table_money(r->esec_t, (size_t)row, "amount_eur", amount, err) != ES_OK)
			return ES_ECONFIG;
	}
	if (source != NULL)
		*source = es_table_get(r->esec_t, (size_t)row, "source");
	return ES_OK;
}

/* Does a table's tax cell ("*" or a name) match tax (case-insensitive)? */
static bool
tax_matches(const char *cell, const char *tax)
{
	return strcmp(cell, "*") == 0 || strcasecmp(cell, tax) == 0;
}

es_rc
es_penalty_evasion_rule(const es_penalty_rules *r, const char *rule, const char *tax, int64_t *value,
                        const char **source, es_err *err)
{
	size_t i, n = es_table_nrows(r->evasion_t);

	for (i = 0; i < n; i++) {
		if (strcmp(es_table_get(r->evasion_t, i, "rule"), rule) != 0 ||
		    !tax_matches(es_table_get(r->evasion_t, i, "tax"), tax))
			continue;
		if (es_table_decimal(r->evasion_t, i, "value", ES_PCT_SCALE, value, err) != ES_OK)
			return ES_ECONFIG;
		if (source != NULL)
			*source = es_table_get(r->evasion_t, i, "source");
		return ES_OK;
	}
	return es_err_set(err, ES_ECONFIG, "evasion_rules.csv: no rule '%s' for %s", rule, tax);
}

/* --- interest ----------------------------------------------------------- */

static const rate_row *
rate_for(const es_penalty_rules *r, es_date d)
{
	size_t i;

	for (i = 0; i < r->nrates; i++)
		if (in_range(r->rates[i].from, r->rates[i].to, d))
			return &r->rates[i];
	return NULL;
}

es_rc
es_interest_compute(const es_penalty_rules *r, es_cents principal, es_date due, es_date end,
                    int64_t spread, es_daycount dc, es_interest *out, es_err *err)
{
	es_date day;
	char buf[ES_DATE_BUFSZ];

	memset(out, 0, sizeof *out);
	out->principal = principal;
	out->from = due + 1;
	out->to = end;
	if (end <= due || principal == 0)
		return ES_OK;
	for (day = due + 1; day <= end;) {
		const rate_row *rr = rate_for(r, day);
		es_interest_seg *s;
		int y, m, d;
		es_date seg_end, year_end;

		if (rr == NULL)
			return es_err_set(err, ES_ECONFIG, "legal_interest_rates.csv: no legal rate for %s",
			                  es_date_format(day, buf));
		if (out->nseg == ES_INTEREST_MAX_SEG)
			return es_err_set(err, ES_EDATA, "interest over more than %d rate periods",
			                  ES_INTEREST_MAX_SEG);
		es_date_to_ymd(day, &y, &m, &d);
		/* Split at the row's end and at every 31 December (the basis may change). */
		year_end = es_date_from_ymd(y, 12, 31);
		seg_end = rr->to < end ? rr->to : end;
		if (year_end < seg_end)
			seg_end = year_end;
		s = &out->seg[out->nseg++];
		s->from = day;
		s->to = seg_end;
		s->days = seg_end - day + 1;
		s->legal_rate = rr->rate;
		s->rate = rr->rate + spread;
		if (s->rate < 0)
			s->rate = 0;
		s->basis = dc == ES_DAYCOUNT_ACTUAL && es_is_leap_year(y) ? 366 : 365;
		s->year = rr->year;
		s->source = rr->source;
		/* principal * rate/10^6 * days/basis, times ES_EXACT_DEN. */
		s->exact = (es_exact)principal * s->rate * s->days *
		           (ES_EXACT_DEN / ((es_exact)s->basis * 1000000));
		out->exact += s->exact;
		out->days += s->days;
		day = seg_end + 1;
	}
	out->amount = es_exact_round(out->exact);
	return ES_OK;
}

/* --- payment sanction ----------------------------------------------------- */

static const regime_row *
regime_for(const es_penalty_rules *r, es_date violation)
{
	size_t i;

	for (i = 0; i < r->nregimes; i++)
		if (in_range(r->regimes[i].from, r->regimes[i].to, violation))
			return &r->regimes[i];
	return NULL;
}

const char *
es_penalty_regime(const es_penalty_rules *r, es_date violation)
{
	const regime_row *g = regime_for(r, violation);

	return g != NULL ? g->name : NULL;
}

es_rc
es_penalty_payment_sanction(const es_penalty_rules *r, es_cents tax, es_date due, es_date paid,
                            es_sanction *out, es_err *err)
{
	const regime_row *g = regime_for(r, due);
	char buf[ES_DATE_BUFSZ];
	int32_t d;

	memset(out, 0, sizeof *out);
	out->divisor = 1;
	if (g == NULL)
		return es_err_set(err, ES_ECONFIG, "sanction_payment_regimes.csv: no regime for a violation on %s",
		                  es_date_format(due, buf));
	out->regime = g->name;
	out->source = g->source;
	out->legal_basis = g->legal_basis;
	out->base_pct = g->base_pct;
	if (paid != ES_DATE_NONE && paid <= due) {
		out->kind = ES_SANCTION_NONE;
		return ES_OK;
	}
	d = paid == ES_DATE_NONE ? -1 : paid - due;
	out->days = d;
	if (d < 0 || d > g->reduced_max_days) {
		out->kind = ES_SANCTION_FULL;
		out->pct = g->base_pct;
	} else if (d > g->per_day_max_days) {
		out->kind = ES_SANCTION_REDUCED;
		out->pct = g->reduced_pct;
	} else {
		out->kind = ES_SANCTION_PER_DAY;
		out->pct = g->reduced_pct;
		out->divisor = g->per_day_divisor;
	}
	/* tax * pct/10^6 [* d/divisor] */
	if (out->kind == ES_SANCTION_PER_DAY)
		out->exact = (es_exact)tax * out->pct * d * (ES_EXACT_DEN / ((es_exact)1000000 * out->divisor));
	else
		out->exact = (es_exact)tax * out->pct * (ES_EXACT_DEN / 1000000);
	out->amount = es_exact_round(out->exact);
	return ES_OK;
}

/* --- ravvedimento --------------------------------------------------------- */

es_rc
es_penalty_ravvedimento(const es_penalty_rules *r, es_cents tax, es_date due, es_date paid, es_date decl,
                        es_date decl_next, es_daycount dc, es_ravvedimento *out, es_err *err)
{
	const regime_row *g = regime_for(r, due);
	const tier_row *tr = NULL;
	char buf[ES_DATE_BUFSZ];
	int64_t spread;
	size_t i;
	int32_t d;
	es_rc rc;

	memset(out, 0, sizeof *out);
	if (g == NULL)
		return es_err_set(err, ES_ECONFIG, "sanction_payment_regimes.csv: no regime for a violation on %s",
		                  es_date_format(due, buf));
	if (paid == ES_DATE_NONE || paid <= due)
		return es_err_set(err, ES_EDATA, "ravvedimento needs a payment after the due date");
	d = paid - due;
	for (i = 0; i < r->ntiers; i++) {
		const tier_row *c = &r->tiers[i];

		if (strcmp(c->regime, g->name) != 0 || d < c->d_from || (c->d_to != -1 && d > c->d_to))
			continue;
		if (c->until == UNTIL_DECL && (decl == ES_DATE_NONE || paid > decl))
			continue;
		if (c->until == UNTIL_DECL_NEXT && (decl_next == ES_DATE_NONE || paid > decl_next))
			continue;
		tr = c;
		break;
	}
	if (tr == NULL)
		return es_err_set(err, ES_ECONFIG, "ravvedimento_tiers.csv: no %s tier for %ld days late",
		                  g->name, (long)d);
	out->regime = g->name;
	out->tier = tr->tier;
	out->source = tr->source;
	out->days = d;
	out->frac_num = tr->num;
	out->frac_den = tr->den;
	out->divisor = 1;
	switch (tr->applied_to) {
	case TIER_PER_DAY:
		out->pct = g->reduced_pct;
		out->divisor = g->per_day_divisor;
		/* tax * reduced/10^6 * d/divisor * num/den */
		out->sanction_exact = (es_exact)tax * out->pct * d * tr->num *
		                      (ES_EXACT_DEN / ((es_exact)1000000 * out->divisor * tr->den));
		break;
	case TIER_REDUCED:
	case TIER_BASE:
		out->pct = tr->applied_to == TIER_REDUCED ? g->reduced_pct : g->base_pct;
		out->sanction_exact = (es_exact)tax * out->pct * tr->num *
		                      (ES_EXACT_DEN / ((es_exact)1000000 * tr->den));
		break;
	}
	out->sanction = es_exact_round(out->sanction_exact);
	if ((rc = es_penalty_param(r, "ravvedimento_interest_spread_pts", &spread, NULL, NULL, NULL, err)) != ES_OK)
		return rc;
	if ((rc = es_interest_compute(r, tax, due, paid, spread, dc, &out->interest, err)) != ES_OK)
		return rc;
	out->total = tax + out->sanction + out->interest.amount;
	return ES_OK;
}

/* --- declaration sanctions ------------------------------------------------ */

es_rc
es_penalty_declaration_sanction(const es_penalty_rules *r, const char *tax, int year, const char *violation,
                                es_cents base, int64_t choice, bool acquiescence, es_decl_sanction *out,
                                es_err *err)
{
	const es_table *t = r->decl_t;
	size_t i, n = es_table_nrows(t);
	int64_t yf, yt, pmin, pmax;
	es_cents emin, emax;

	memset(out, 0, sizeof *out);
	for (i = 0; i < n; i++) {
		if (!tax_matches(es_table_get(t, i, "tax"), tax) ||
		    strcmp(es_table_get(t, i, "violation"), violation) != 0)
			continue;
		if (opt_int(t, i, "year_from", 0, &yf, err) != ES_OK ||
		    opt_int(t, i, "year_to", 9999, &yt, err) != ES_OK)
			return ES_ECONFIG;
		if (year >= yf && year <= yt)
			break;
	}
	if (i == n)
		return es_err_set(err, ES_ECONFIG, "sanction_declaration.csv: no %s row for %s %d",
		                  violation, tax, year);
	out->regime = es_table_get(t, i, "regime");
	out->source = es_table_get(t, i, "source");
	if (!parse_fraction(es_table_get(t, i, "acquiescence_fraction"), &out->red_num, &out->red_den))
		return bad_row(t, i, "acquiescence_fraction must be N/D", err);
	emin = emax = 0;
	if (*es_table_get(t, i, "eur_min") != '\0' && es_table_money(t, i, "eur_min", &emin, err) != ES_OK)
		return ES_ECONFIG;
	if (*es_table_get(t, i, "eur_max") != '\0' && es_table_money(t, i, "eur_max", &emax, err) != ES_OK)
		return ES_ECONFIG;
	out->floor = emin;
	if (*es_table_get(t, i, "pct_min") != '\0') {
		if (es_table_decimal(t, i, "pct_min", ES_PCT_SCALE, &pmin, err) != ES_OK ||
		    es_table_decimal(t, i, "pct_max", ES_PCT_SCALE, &pmax, err) != ES_OK)
			return ES_ECONFIG;
		out->pct = choice < 0 ? pmin : choice;
		if (out->pct < pmin || out->pct > pmax) {
			char a[32], b[32], c[32];

			return es_err_set(err, ES_ECONFIG, "%s %s %d: %s%% is outside %s%%..%s%% (%s)", violation, tax,
			                  year, es_decimal_format(out->pct, ES_PCT_SCALE, a),
			                  es_decimal_format(pmin, ES_PCT_SCALE, b),
			                  es_decimal_format(pmax, ES_PCT_SCALE, c), out->source);
		}
		out->before_reduction = es_exact_round((es_exact)base * out->pct * (ES_EXACT_DEN / 1000000));
		if (out->before_reduction < emin)
			out->before_reduction = emin;
	} else {
		es_cents amt = choice < 0 ? emin : choice;

		if (amt < emin || (emax > 0 && amt > emax))
			return es_err_set(err, ES_ECONFIG, "%s %s %d: amount outside the table's range (%s)",
			                  violation, tax, year, out->source);
		out->before_reduction = amt;
	}
	out->amount = out->before_reduction;
	if (acquiescence)
		out->amount = es_exact_round((es_exact)out->before_reduction * out->red_num *
		                             (ES_EXACT_DEN / out->red_den));
	return ES_OK;
}

/* --- notification costs --------------------------------------------------- */

es_rc
es_penalty_notification_cost(const es_penalty_rules *r, const char *channel, es_date on, es_cents *out,
                             const char **source, es_err *err)
{
	const es_table *t = r->notif_t;
	size_t i, n = es_table_nrows(t);
	char buf[ES_DATE_BUFSZ];
	bool known = false;

	for (i = 0; i < n; i++) {
		es_date from, to;

		if (strcmp(es_table_get(t, i, "channel"), channel) != 0)
			continue;
		known = true;
		if (opt_date(t, i, "valid_from", &from, err) != ES_OK ||
		    opt_date(t, i, "valid_to", &to, err) != ES_OK)
			return ES_ECONFIG;
		if (!in_range(from, to, on))
			continue;
		if (es_table_money(t, i, "eur_per_act", out, err) != ES_OK)
			return ES_ECONFIG;
		if (source != NULL)
			*source = es_table_get(t, i, "source");
		return ES_OK;
	}
	if (!known)
		return es_err_set(err, ES_ECONFIG, "notification_costs.csv: unknown channel '%s'", channel);
	return es_err_set(err, ES_ECONFIG, "notification_costs.csv: no cost for '%s' in force on %s", channel,
	                  es_date_format(on, buf));
}

/* --- terms ---------------------------------------------------------------- */

static long
term_row(const es_table *t, const char *term, const char *tax)
{
	size_t i, n = es_table_nrows(t);

	for (i = 0; i < n; i++)
		if (strcmp(es_table_get(t, i, "term"), term) == 0 && tax_matches(es_table_get(t, i, "tax"), tax))
			return (long)i;
	return -1;
}

/* 'add_years, month, day' of a terms.csv row applied to year. */
static es_rc
term_date(const es_table *t, size_t row, int year, es_date *out, es_err *err)
{
	int64_t add, m, d;

	if (es_table_int(t, row, "add_years", &add, err) != ES_OK ||
	    es_table_int(t, row, "month", &m, err) != ES_OK ||
	    es_table_int(t, row, "day", &d, err) != ES_OK)
		return ES_ECONFIG;
	if (!es_date_valid_ymd(year + (int)add, (int)m, (int)d))
		return bad_row(t, row, "add_years/month/day do not make a date", err);
	*out = es_date_from_ymd(year + (int)add, (int)m, (int)d);
	return ES_OK;
}

es_rc
es_terms_decadenza(const es_penalty_rules *r, const char *term, int anchor_year, es_date started,
                   bool covid_shift, es_term *out, es_err *err)
{
	const es_table *t = r->terms_t;
	long row = term_row(t, term, "*"), crow;
	int64_t shift;
	es_date pending;

	memset(out, 0, sizeof *out);
	if (row < 0)
		return es_err_set(err, ES_ECONFIG, "terms.csv: no term '%s'", term);
	if (term_date(t, (size_t)row, anchor_year, &out->ordinary, err) != ES_OK)
		return ES_ECONFIG;
	out->deadline = out->ordinary;
	out->source = es_table_get(t, (size_t)row, "source");
	if (!covid_shift)
		return ES_OK;
	if ((crow = term_row(t, "covid_accertamento", "*")) < 0)
		return es_err_set(err, ES_ECONFIG, "terms.csv: no term 'covid_accertamento'");
	if (es_table_int(t, (size_t)crow, "shift_days", &shift, err) != ES_OK ||
	    es_table_date(t, (size_t)crow, "pending_on", &pending, err) != ES_OK)
		return ES_ECONFIG;
	if (started < pending && pending <= out->ordinary) {
		out->shift_days = (int32_t)shift;
		out->deadline = out->ordinary + (es_date)shift;
		out->covid_source = es_table_get(t, (size_t)crow, "source");
	}
	return ES_OK;
}

es_rc
es_terms_declaration_due(const es_penalty_rules *r, const char *tax, int year, es_date *out,
                         const char **source, es_err *err)
{
	long row = term_row(r->terms_t, "declaration_due", tax);

	if (row < 0)
		return es_err_set(err, ES_ECONFIG, "terms.csv: no declaration_due term for %s", tax);
	if (source != NULL)
		*source = es_table_get(r->terms_t, (size_t)row, "source");
	return term_date(r->terms_t, (size_t)row, year, out, err);
}
