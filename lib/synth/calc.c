/* calc.c: the ground-truth arithmetic of esattore-synth and the law tables
 * it reads.  Independent of lib/domain (compute-dues): the point of the
 * ground truth is to check that tool against a second implementation. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "synth/synth.h"

void
es_synth_months(es_date start, es_date end, int year, int *months, int *months_h1)
{
	int m, total = 0, h1 = 0;

	for (m = 1; m <= 12; m++) {
		int dim = es_days_in_month(year, m);
		es_date ms = es_date_from_ymd(year, m, 1);
		es_date me = ms + dim - 1;
		es_date lo = (start == ES_DATE_NONE || start < ms) ? ms : start;
		es_date hi = (end == ES_DATE_NONE || end > me) ? me : end;
		int d = hi >= lo ? (int)(hi - lo + 1) : 0;
		bool starts_here = start != ES_DATE_NONE && start >= ms && start <= me;

		if (2 * d > dim || (d > 0 && 2 * d == dim && starts_here)) {
			total++;
			if (m <= 6)
				h1++;
		}
	}
	*months = total;
	*months_h1 = h1;
}

/* ---- law tables ---- */

typedef struct mult_row {
	char pattern[8];
	int multiplier;
	es_date from, to;
} mult_row;

struct es_synth_law {
	mult_row *mult;
	size_t nmult;
	int rendita_reval, rd_reval, land_multiplier;
	int d_state_bp;
	es_date d_state_from;
	es_cents deduction;
	int due_m[2], due_d[2];
	struct { int from, to, rate; } ifel[16];
	size_t nifel;
	struct { char code[5]; bool ifel, comune; } trib[32];
	size_t ntrib;
};

static es_rc
param(const es_table *t, const char *name, const char **val, es_err *err)
{
	long r = es_table_find(t, "name", name);

	if (r < 0)
		return es_err_set(err, ES_ECONFIG, "%s: missing parameter '%s'", es_table_name(t), name);
	*val = es_table_get(t, (size_t)r, "value");
	return ES_OK;
}

/* A decimal parameter, e.g. revaluation "1.05" at scale 2 -> 105. */
static es_rc
param_dec(const es_table *t, const char *name, int scale, int64_t *out, es_err *err)
{
	const char *v;
	es_rc rc;

	if ((rc = param(t, name, &v, err)) != ES_OK)
		return rc;
	return es_decimal_parse(v, scale, out, err);
}

static es_rc
load_params(es_synth_law *law, es_err *err)
{
	static const char *const cols[] = { "name", "value", "valid_from", "valid_to", "source" };
	es_table *t = es_table_load("imu_params", err);
	const char *v;
	int64_t x;
	es_rc rc;
	int i;

	if (t == NULL)
		return err ? err->rc : ES_ECONFIG;
	if ((rc = es_table_require(t, cols, ES_ARRAY_LEN(cols), err)) != ES_OK)
		goto out;
	/* revaluations are factors (1.05, 1.25): keep the percent over 100 */
	if ((rc = param_dec(t, "revaluation", 2, &x, err)) != ES_OK)
		goto out;
	law->rendita_reval = (int)x - 100;
	if ((rc = param_dec(t, "land_revaluation", 2, &x, err)) != ES_OK)
		goto out;
	law->rd_reval = (int)x - 100;
	if ((rc = param_dec(t, "land_multiplier", 0, &x, err)) != ES_OK)
		goto out;
	law->land_multiplier = (int)x;
	if ((rc = param_dec(t, "state_rate_group_d", 2, &x, err)) != ES_OK)
		goto out;
	law->d_state_bp = (int)x;
	if ((rc = param(t, "main_home_deduction", &v, err)) != ES_OK ||
	    (rc = es_money_parse(v, ES_MONEY_PLAIN, &law->deduction, err)) != ES_OK)
		goto out;
	for (i = 0; i < 2; i++) {
		char *end;
		if ((rc = param(t, i == 0 ? "acconto_due" : "saldo_due", &v, err)) != ES_OK)
			goto out;
		law->due_m[i] = (int)strtol(v, &end, 10);
		law->due_d[i] = *end == '-' ? (int)strtol(end + 1, &end, 10) : 0;
		if (*end != '\0' || law->due_m[i] < 1 || law->due_m[i] > 12 || law->due_d[i] < 1 ||
		    law->due_d[i] > 31) {
			rc = es_err_set(err, ES_ECONFIG, "imu_params: bad MM-DD '%s'", v);
			goto out;
		}
	}
	rc = ES_OK;
out:
	if (rc != ES_OK && err != NULL)
		es_err_prefix(err, "imu_params");
	es_table_free(t);
	return rc;
}

static es_rc
load_multipliers(es_synth_law *law, es_err *err)
{
	static const char *const cols[] = { "category_pattern", "multiplier", "valid_from", "valid_to", "source" };
	es_table *t = es_table_load("imu_multipliers", err);
	size_t i, n;
	es_rc rc;

	if (t == NULL)
		return err ? err->rc : ES_ECONFIG;
	if ((rc = es_table_require(t, cols, ES_ARRAY_LEN(cols), err)) != ES_OK)
		goto out;
	n = es_table_nrows(t);
	law->mult = calloc(n ? n : 1, sizeof *law->mult);
	if (law->mult == NULL) {
		rc = es_err_set(err, ES_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		mult_row *m = &law->mult[i];
		const char *p = es_table_get(t, i, "category_pattern");
		int64_t x;

		if (strlen(p) == 0 || strlen(p) >= sizeof m->pattern) {
			rc = es_err_set(err, ES_ECONFIG, "imu_multipliers: line %llu: bad category_pattern '%s'",
			                (unsigned long long)es_table_line(t, i), p);
			goto out;
		}
		memcpy(m->pattern, p, strlen(p) + 1);
		if ((rc = es_table_int(t, i, "multiplier", &x, err)) != ES_OK ||
		    (rc = es_table_date(t, i, "valid_from", &m->from, err)) != ES_OK ||
		    (rc = es_table_date(t, i, "valid_to", &m->to, err)) != ES_OK)
			goto out;
		m->multiplier = (int)x;
	}
	law->nmult = n;
	rc = ES_OK;
out:
	es_table_free(t);
	return rc;
}

static es_rc
load_ifel(es_synth_law *law, es_err *err)
{
	static const char *const cols[] = { "year_from", "year_to", "per_mille", "source" };
	es_table *t = es_table_load("ifel_rates", err);
	size_t i;
	es_rc rc;

	if (t == NULL)
		return err ? err->rc : ES_ECONFIG;
	if ((rc = es_table_require(t, cols, ES_ARRAY_LEN(cols), err)) != ES_OK)
		goto out;
	for (i = 0; i < es_table_nrows(t) && i < ES_ARRAY_LEN(law->ifel); i++) {
		int64_t from, to = 0, rate;
		if ((rc = es_table_int(t, i, "year_from", &from, err)) != ES_OK ||
		    (es_table_get(t, i, "year_to")[0] != '\0' &&
		     (rc = es_table_int(t, i, "year_to", &to, err)) != ES_OK) ||
		    (rc = es_table_decimal(t, i, "per_mille", 2, &rate, err)) != ES_OK)
			goto out;
		law->ifel[i].from = (int)from;
		law->ifel[i].to = (int)to;
		law->ifel[i].rate = (int)rate;
	}
	law->nifel = i;
	rc = ES_OK;
out:
	es_table_free(t);
	return rc;
}

static es_rc
load_tributi(es_synth_law *law, es_err *err)
{
	static const char *const cols[] = { "code", "recipient", "ifel", "source" };
	es_table *t = es_table_load("codici_tributo", err);
	size_t i;
	es_rc rc;

	if (t == NULL)
		return err ? err->rc : ES_ECONFIG;
	if ((rc = es_table_require(t, cols, ES_ARRAY_LEN(cols), err)) != ES_OK)
		goto out;
	for (i = 0; i < es_table_nrows(t) && i < ES_ARRAY_LEN(law->trib); i++) {
		const char *code = es_table_get(t, i, "code");
		snprintf(law->trib[i].code, sizeof law->trib[i].code, "%s", code);
		law->trib[i].ifel = strcmp(es_table_get(t, i, "ifel"), "S") == 0;
		law->trib[i].comune = strcmp(es_table_get(t, i, "recipient"), "COMUNE") == 0;
	}
	law->ntrib = i;
	rc = ES_OK;
out:
	es_table_free(t);
	return rc;
}

es_synth_law *
es_synth_law_load(es_err *err)
{
	es_synth_law *law = calloc(1, sizeof *law);

	if (law == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	if (load_params(law, err) != ES_OK || load_multipliers(law, err) != ES_OK ||
	    load_ifel(law, err) != ES_OK || load_tributi(law, err) != ES_OK) {
		es_synth_law_free(law);
		return NULL;
	}
	return law;
}

void
es_synth_law_free(es_synth_law *law)
{
	if (law == NULL)
		return;
	free(law->mult);
	free(law);
}

/* The table writes categories as "A/2", "A/10" and group patterns (A, slash, star); the cadastre as
 * "A02".  A group pattern matches the whole group; an exact pattern wins.  Returns the
 * specificity, or -1. */
static int
pattern_match(const char *pat, const char *slash)
{
	size_t n = strlen(pat);

	if (n > 0 && pat[n - 1] == '*')
		return strncmp(pat, slash, n - 1) == 0 ? (int)(n - 1) : -1;
	return strcmp(pat, slash) == 0 ? (int)n + 1 : -1;
}

es_rc
es_synth_multiplier(const es_synth_law *law, const char *category, int year, int *mult, es_err *err)
{
	es_date jan1 = es_date_from_ymd(year, 1, 1);
	char slash[8];
	int best = -1;
	size_t i;

	if (strcmp(category, "TER") == 0) {
		*mult = law->land_multiplier;
		return ES_OK;
	}
	if (strlen(category) != 3 || category[1] < '0' || category[1] > '9' || category[2] < '0' ||
	    category[2] > '9')
		return es_err_set(err, ES_EDATA, "bad category '%s'", category);
	snprintf(slash, sizeof slash, "%c/%d", category[0], (category[1] - '0') * 10 + (category[2] - '0'));
	for (i = 0; i < law->nmult; i++) {
		const mult_row *m = &law->mult[i];
		int s = pattern_match(m->pattern, slash);
		if (s < 0 || (m->from != ES_DATE_NONE && jan1 < m->from) ||
		    (m->to != ES_DATE_NONE && jan1 > m->to))
			continue;
		if (s > best) {
			best = s;
			*mult = m->multiplier;
		}
	}
	if (best < 0 || *mult <= 0)
		return es_err_set(err, ES_EDATA, "no IMU multiplier for category '%s' in %d", category, year);
	return ES_OK;
}

int es_synth_rendita_reval_pct(const es_synth_law *law) { return law->rendita_reval; }
int es_synth_rd_reval_pct(const es_synth_law *law) { return law->rd_reval; }
int es_synth_d_state_bp(const es_synth_law *law, int year) { (void)year; return law->d_state_bp; }
es_cents es_synth_main_home_deduction(const es_synth_law *law) { return law->deduction; }

void
es_synth_imu_due_md(const es_synth_law *law, int installment, int *month, int *day)
{
	int i = installment == 0 ? 0 : 1;

	*month = law->due_m[i];
	*day = law->due_d[i];
}

int
es_synth_ifel_rate(const es_synth_law *law, int year)
{
	size_t i;

	for (i = 0; i < law->nifel; i++)
		if (year >= law->ifel[i].from && (law->ifel[i].to == 0 || year <= law->ifel[i].to))
			return law->ifel[i].rate;
	return 0;
}

bool
es_synth_tributo_ifel(const es_synth_law *law, const char *code)
{
	size_t i;

	for (i = 0; i < law->ntrib; i++)
		if (strcmp(law->trib[i].code, code) == 0)
			return law->trib[i].ifel;
	return false;
}

bool
es_synth_tributo_comune(const es_synth_law *law, const char *code)
{
	size_t i;

	for (i = 0; i < law->ntrib; i++)
		if (strcmp(law->trib[i].code, code) == 0)
			return law->trib[i].comune;
	return false;
}

/* ---- arithmetic ---- */

static int64_t
muldiv(int64_t a, int64_t num, int64_t den)
{
	int64_t out = 0;

	if (es_muldiv(a, num, den, ES_ROUND_HALF_UP, &out, NULL) != ES_OK)
		return 0;   /* cannot happen within the generator's ranges */
	return out;
}

es_cents
es_synth_imu_base(es_cents value, int reval_pct, int multiplier)
{
	return muldiv(value, (int64_t)(100 + reval_pct) * multiplier, 100);
}

es_cents
es_synth_imu_tax(es_cents base, int rate_bp, int share_num, int share_den, int months)
{
	if (share_den <= 0 || months <= 0)
		return 0;
	return muldiv(base, (int64_t)rate_bp * share_num * months, (int64_t)10000 * share_den * 12);
}

es_cents
es_synth_imu_deduction(es_cents deduction, int share_num, int share_den, int months)
{
	if (share_den <= 0 || months <= 0)
		return 0;
	return muldiv(deduction, (int64_t)share_num * months, (int64_t)share_den * 12);
}

es_cents
es_synth_tari_domestic(int64_t fixed_m2_e4, int surface, es_cents variable, int days, int days_in_year)
{
	/* fixed_m2_e4 * surface is in 1e-4 euro = 1e-2 cents; variable in cents */
	return muldiv(fixed_m2_e4 * surface + variable * 100, days, (int64_t)100 * days_in_year);
}

es_cents
es_synth_tari_nondomestic(int64_t fixed_m2_e4, int64_t variable_m2_e4, int surface, int days, int days_in_year)
{
	return muldiv((fixed_m2_e4 + variable_m2_e4) * surface, days, (int64_t)100 * days_in_year);
}

es_cents
es_synth_tefa(es_cents tari, int pct_bp)
{
	return muldiv(tari, pct_bp, 10000);
}
