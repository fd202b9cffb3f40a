/* imu.c: IMU computation on values (imu.h). */
#include "es_setup.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/imu.h"
#include "rules.h"

typedef struct mult_row {
	char pattern[ES_IMU_CATBUFSZ];  /* "A/10", or "A/" for the group pattern */
	bool wildcard;
	bool land;                      /* the "TER" row: terreni agricoli */
	int64_t multiplier;
	es_date from, to;
} mult_row;

typedef struct right_row {
	char code[8];                   /* verbatim, trailing blank restored */
	es_imu_right value;
} right_row;

struct es_imu_rules {
	mult_row *mult;
	size_t nmult;
	right_row *rights;
	size_t nrights;
	es_table *params;
	char tributo[ES_IMU_USE_COUNT][3][8];
};

static const char *const use_names[ES_IMU_USE_COUNT] = {
	[ES_IMU_USE_NONE] = "",
	[ES_IMU_USE_MAIN_HOME] = "main_home",
	[ES_IMU_USE_OTHER_BUILDINGS] = "other_buildings",
	[ES_IMU_USE_GROUP_D] = "group_d",
	[ES_IMU_USE_RURAL] = "rural_instrumental",
	[ES_IMU_USE_LAND] = "land",
	[ES_IMU_USE_BUILDING_LAND] = "building_land",
};

const char *
es_imu_use_name(es_imu_use u)
{
	if ((int)u < 0 || u >= ES_IMU_USE_COUNT)
		return "";
	return use_names[u];
}

es_imu_use
es_imu_use_parse(const char *s)
{
	int i;

	for (i = 1; i < ES_IMU_USE_COUNT; i++)
		if (strcmp(s, use_names[i]) == 0)
			return (es_imu_use)i;
	return ES_IMU_USE_NONE;
}

es_rc
es_imu_category_normalise(const char *in, char out[ES_IMU_CATBUFSZ], es_err *err)
{
	const char *p = in;
	long n = 0;
	int digits = 0;
	char letter;

	while (*p == ' ')
		p++;
	if (!isalpha((unsigned char)*p))
		return es_err_set(err, ES_EDATA, "category '%s' is not a letter and a number (e.g. A/2)", in);
	letter = (char)toupper((unsigned char)*p++);
	if (*p == '/')
		p++;
	while (isdigit((unsigned char)*p) && digits < 3) {
		n = n * 10 + (*p++ - '0');
		digits++;
	}
	while (*p == ' ')
		p++;
	if (digits == 0 || *p != '\0' || n < 1 || n > 99)
		return es_err_set(err, ES_EDATA, "category '%s' is not a letter and a number (e.g. A/2)", in);
	snprintf(out, ES_IMU_CATBUFSZ, "%c/%ld", letter, n);
	return ES_OK;
}

static int
cat_number(const char *cat)
{
	return (int)strtol(cat + 2, NULL, 10);
}

es_imu_use
es_imu_use_for_category(const char *cat)
{
	if (cat[0] == 'D')
		return cat_number(cat) == 10 ? ES_IMU_USE_RURAL : ES_IMU_USE_GROUP_D;
	return ES_IMU_USE_OTHER_BUILDINGS;
}

bool
es_imu_category_luxury(const char *cat)
{
	int n = cat_number(cat);

	return cat[0] == 'A' && (n == 1 || n == 8 || n == 9);
}

bool
es_imu_category_dwelling(const char *cat)
{
	return cat[0] == 'A' && cat_number(cat) != 10;
}

int
es_imu_pertinence_class(const char *cat)
{
	int n = cat_number(cat);

	if (cat[0] == 'C' && (n == 2 || n == 6 || n == 7))
		return n;
	return 0;
}

/* --- the tables --- */

static bool
in_range(es_date d, es_date from, es_date to)
{
	return (from == ES_DATE_NONE || d >= from) && (to == ES_DATE_NONE || d <= to);
}

/* The law table name with the columns cols, into *t; with size > 0, *rows
 * gets room for its rows (size bytes each, zeroed) and one more. */
static es_rc
table_open(const char *name, const char *const *cols, size_t ncols, size_t size, void **rows, es_table **t,
           es_err *err)
{
	es_rc rc;

	if ((*t = es_table_load(name, err)) == NULL)
		return err != NULL ? err->rc : ES_ECONFIG;
	if ((rc = es_table_require(*t, cols, ncols, err)) != ES_OK)
		return rc;
	if (size > 0 && (*rows = calloc(es_table_nrows(*t) + 1, size)) == NULL)
		return es_err_set(err, ES_ENOMEM, "%s: out of memory", name);
	return ES_OK;
}

static es_rc
load_multipliers(es_imu_rules *r, es_err *err)
{
	static const char *const cols[] = { "category_pattern", "multiplier", "valid_from", "valid_to" };
	es_table *t;
	size_t i, n;
	es_rc rc;

	if ((rc = table_open("imu_multipliers", cols, ES_ARRAY_LEN(cols), sizeof *r->mult, (void **)&r->mult, &t,
	                     err)) != ES_OK)
		goto out;
	n = es_table_nrows(t);
	for (i = 0; i < n; i++) {
		mult_row *m = &r->mult[i];
		const char *pat = es_table_get(t, i, "category_pattern");
		size_t len = strlen(pat);

		/* "A*" or "A/" + "*": a group; "TER": agricultural land (c. 746);
		 * "A10", "A/10": a category */
		if ((len == 2 && isupper((unsigned char)pat[0]) && pat[1] == '*') ||
		    (len == 3 && isupper((unsigned char)pat[0]) && pat[1] == '/' && pat[2] == '*')) {
			m->wildcard = true;
			snprintf(m->pattern, sizeof m->pattern, "%c/", pat[0]);
		} else if (strcmp(pat, "TER") == 0) {
			m->land = true;
			snprintf(m->pattern, sizeof m->pattern, "TER");
		} else if (es_imu_category_normalise(pat, m->pattern, NULL) != ES_OK) {
			rc = es_err_set(err, ES_ECONFIG, "imu_multipliers:%llu: category_pattern '%s' is not "
			                "a category (A10, A/10), a group (A*) or TER",
			                (unsigned long long)es_table_line(t, i), pat);
			goto out;
		}
		if ((rc = es_table_int(t, i, "multiplier", &m->multiplier, err)) != ES_OK ||
		    (rc = es_table_date(t, i, "valid_from", &m->from, err)) != ES_OK ||
		    (rc = es_table_date(t, i, "valid_to", &m->to, err)) != ES_OK) {
			rc = ES_ECONFIG;
			if (err != NULL)
				err->rc = ES_ECONFIG;
			goto out;
		}
		r->nmult++;
	}
out:
	es_table_free(t);
	return rc;
}

static es_rc
load_rights(es_imu_rules *r, es_err *err)
{
	static const char *const cols[] = { "right_code", "taxable" };
	es_table *t;
	size_t i, n;
	es_rc rc;

	if ((rc = table_open("imu_taxable_rights", cols, ES_ARRAY_LEN(cols), sizeof *r->rights, (void **)&r->rights,
	                     &t, err)) != ES_OK)
		goto out;
	n = es_table_nrows(t);
	for (i = 0; i < n; i++) {
		right_row *rr = &r->rights[i];
		const char *code = es_table_get(t, i, "right_code");
		const char *tx = es_table_get(t, i, "taxable");
		size_t len = strlen(code);

		/* A trailing '_' stands for the trailing blank of legacy codes
		 * ("30_" is "30 "), which CSV tools would otherwise trim. */
		if (len == 0 || len > 4) {
			rc = es_err_set(err, ES_ECONFIG, "imu_taxable_rights:%llu: right_code '%s' is not 1 to 3 characters",
			                (unsigned long long)es_table_line(t, i), code);
			goto out;
		}
		snprintf(rr->code, sizeof rr->code, "%s", code);
		if (rr->code[len - 1] == '_')
			rr->code[len - 1] = ' ';
		if (strcmp(tx, "yes") == 0)
			rr->value = ES_IMU_RIGHT_TAXABLE;
		else if (strcmp(tx, "no") == 0)
			rr->value = ES_IMU_RIGHT_NOT_TAXABLE;
		else if (strcmp(tx, "review") == 0)
			rr->value = ES_IMU_RIGHT_REVIEW;
		else {
			rc = es_err_set(err, ES_ECONFIG, "imu_taxable_rights:%llu: taxable '%s' is not yes, no or review",
			                (unsigned long long)es_table_line(t, i), tx);
			goto out;
		}
		r->nrights++;
	}
out:
	es_table_free(t);
	return rc;
}

static es_rc
load_tributi(es_imu_rules *r, es_err *err)
{
	static const char *const cols[] = { "use", "part", "tributo" };
	es_table *t;
	size_t i;
	es_rc rc;

	if ((rc = table_open("imu_codici_tributo", cols, ES_ARRAY_LEN(cols), 0, NULL, &t, err)) != ES_OK)
		goto out;
	for (i = 0; i < es_table_nrows(t); i++) {
		es_imu_use u = es_imu_use_parse(es_table_get(t, i, "use"));
		const char *part = es_table_get(t, i, "part");
		const char *code = es_table_get(t, i, "tributo");
		int p;

		if (strcmp(part, "all") == 0)
			p = ES_IMU_PART_ALL;
		else if (strcmp(part, "state") == 0)
			p = ES_IMU_PART_STATE;
		else if (strcmp(part, "comune") == 0)
			p = ES_IMU_PART_COMUNE;
		else
			p = -1;
		if (u == ES_IMU_USE_NONE || p < 0 || strlen(code) == 0 || strlen(code) >= sizeof r->tributo[0][0]) {
			rc = es_err_set(err, ES_ECONFIG, "imu_codici_tributo:%llu: bad row (use '%s', part '%s', tributo '%s')",
			                (unsigned long long)es_table_line(t, i), es_table_get(t, i, "use"), part, code);
			goto out;
		}
		snprintf(r->tributo[u][p], sizeof r->tributo[u][p], "%s", code);
	}
out:
	es_table_free(t);
	return rc;
}

es_imu_rules *
es_imu_rules_load(es_err *err)
{
	static const char *const pcols[] = { "name", "value", "valid_from", "valid_to" };
	es_imu_rules *r = calloc(1, sizeof *r);

	if (r == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	if (load_multipliers(r, err) != ES_OK || load_rights(r, err) != ES_OK || load_tributi(r, err) != ES_OK)
		goto fail;
	r->params = es_table_load("imu_params", err);
	if (r->params == NULL || es_table_require(r->params, pcols, ES_ARRAY_LEN(pcols), err) != ES_OK ||
	    es_table_check_ranges(r->params, "valid_from", "valid_to", "name", err) != ES_OK)
		goto fail;
	return r;
fail:
	es_imu_rules_free(r);
	return NULL;
}

void
es_imu_rules_free(es_imu_rules *r)
{
	if (r == NULL)
		return;
	free(r->mult);
	free(r->rights);
	es_table_free(r->params);
	free(r);
}

static es_rc
param_row(const es_imu_rules *r, const char *name, int year, long *row, es_err *err)
{
	*row = es_table_find_date(r->params, "valid_from", "valid_to", es_date_from_ymd(year, 1, 1), "name", name);
	if (*row < 0)
		return es_err_set(err, ES_ECONFIG, "imu_params: no row '%s' in force on %d-01-01", name, year);
	return ES_OK;
}

static es_rc
param_decimal(const es_imu_rules *r, const char *name, int year, int scale, int64_t *out, es_err *err)
{
	long row;
	es_rc rc;

	if ((rc = param_row(r, name, year, &row, err)) != ES_OK)
		return rc;
	if (es_table_decimal(r->params, (size_t)row, "value", scale, out, err) != ES_OK)
		return err != NULL ? (err->rc = ES_ECONFIG) : ES_ECONFIG;
	return ES_OK;
}

static es_rc
param_money(const es_imu_rules *r, const char *name, int year, es_cents *out, es_err *err)
{
	long row;
	es_rc rc;

	if ((rc = param_row(r, name, year, &row, err)) != ES_OK)
		return rc;
	if (es_table_money(r->params, (size_t)row, "value", out, err) != ES_OK)
		return err != NULL ? (err->rc = ES_ECONFIG) : ES_ECONFIG;
	return ES_OK;
}

/* "MM-DD" */
static es_rc
param_monthday(const es_imu_rules *r, const char *name, int year, int *m, int *d, es_err *err)
{
	long row;
	const char *v;
	es_rc rc;

	if ((rc = param_row(r, name, year, &row, err)) != ES_OK)
		return rc;
	v = es_table_get(r->params, (size_t)row, "value");
	if (strlen(v) != 5 || !isdigit((unsigned char)v[0]) || !isdigit((unsigned char)v[1]) || v[2] != '-' ||
	    !isdigit((unsigned char)v[3]) || !isdigit((unsigned char)v[4]))
		goto bad;
	*m = (v[0] - '0') * 10 + (v[1] - '0');
	*d = (v[3] - '0') * 10 + (v[4] - '0');
	if (!es_date_valid_ymd(year, *m, *d))
		goto bad;
	return ES_OK;
bad:
	return es_err_set(err, ES_ECONFIG, "imu_params:%llu: %s: '%s' is not a MM-DD day",
	                  (unsigned long long)es_table_line(r->params, (size_t)row), name, v);
}

/* The land multiplier of c. 746: the imu_params row "land_multiplier", or
 * a "TER" row of imu_multipliers. */
static es_rc
land_multiplier(const es_imu_rules *r, int year, int64_t *out, es_err *err)
{
	es_date jan1 = es_date_from_ymd(year, 1, 1);
	size_t i;

	if (es_table_find_date(r->params, "valid_from", "valid_to", jan1, "name", "land_multiplier") >= 0)
		return param_decimal(r, "land_multiplier", year, 0, out, err);
	for (i = 0; i < r->nmult; i++) {
		if (r->mult[i].land && in_range(jan1, r->mult[i].from, r->mult[i].to)) {
			*out = r->mult[i].multiplier;
			return ES_OK;
		}
	}
	return es_err_set(err, ES_ECONFIG, "imu_params: no land_multiplier (c. 746) in force on %d-01-01", year);
}

es_rc
es_imu_params_get(const es_imu_rules *r, int year, es_imu_params *p, es_err *err)
{
	es_rc rc;

	memset(p, 0, sizeof *p);
	if ((rc = param_decimal(r, "revaluation", year, 4, &p->revaluation, err)) != ES_OK ||
	    (rc = param_decimal(r, "land_revaluation", year, 4, &p->land_revaluation, err)) != ES_OK ||
	    (rc = land_multiplier(r, year, &p->land_multiplier, err)) != ES_OK ||
	    (rc = param_decimal(r, "state_rate_group_d", year, 4, &p->state_rate_d, err)) != ES_OK ||
	    (rc = param_money(r, "main_home_deduction", year, &p->main_home_deduction, err)) != ES_OK ||
	    (rc = param_money(r, "min_payment", year, &p->min_payment, err)) != ES_OK ||
	    (rc = param_decimal(r, "factor_historic", year, 4, &p->factor_historic, err)) != ES_OK ||
	    (rc = param_decimal(r, "factor_unfit", year, 4, &p->factor_unfit, err)) != ES_OK ||
	    (rc = param_decimal(r, "factor_lent", year, 4, &p->factor_lent, err)) != ES_OK ||
	    (rc = param_decimal(r, "factor_concordato", year, 4, &p->factor_concordato, err)) != ES_OK ||
	    (rc = param_monthday(r, "acconto_due", year, &p->acconto_month, &p->acconto_day, err)) != ES_OK ||
	    (rc = param_monthday(r, "saldo_due", year, &p->saldo_month, &p->saldo_day, err)) != ES_OK)
		return rc;
	return ES_OK;
}

/* Does a blank-separated list of patterns ("E*", "A/10", "C01") match cat? */
static bool
pattern_list_has(const char *list, const char *cat)
{
	const char *p = list;

	while (*p != '\0') {
		char tok[16], norm[ES_IMU_CATBUFSZ];
		size_t n = 0;

		while (*p == ' ' || *p == ';')
			p++;
		while (*p != '\0' && *p != ' ' && *p != ';' && n + 1 < sizeof tok)
			tok[n++] = *p++;
		tok[n] = '\0';
		if (n == 0)
			break;
		if ((n == 2 && tok[1] == '*') || (n == 3 && tok[1] == '/' && tok[2] == '*')) {
			if (toupper((unsigned char)tok[0]) == cat[0])
				return true;
		} else if (es_imu_category_normalise(tok, norm, NULL) == ES_OK && strcmp(norm, cat) == 0) {
			return true;
		}
	}
	return false;
}

es_rc
es_imu_multiplier(const es_imu_rules *r, const char *cat, int year, int64_t *mult, es_err *err)
{
	es_date jan1 = es_date_from_ymd(year, 1, 1);
	const mult_row *group = NULL;
	size_t i;
	long row = es_table_find_date(r->params, "valid_from", "valid_to", jan1, "name", "exempt_categories");

	/* exempt categories (c. 759 b): "E*" or a list "E* F2" of patterns */
	if (row >= 0 && pattern_list_has(es_table_get(r->params, (size_t)row, "value"), cat)) {
		*mult = 0;
		return ES_OK;
	}
	for (i = 0; i < r->nmult; i++) {
		const mult_row *m = &r->mult[i];

		if (!in_range(jan1, m->from, m->to) || m->land)
			continue;
		if (!m->wildcard && strcmp(m->pattern, cat) == 0) {
			*mult = m->multiplier;
			return ES_OK;
		}
		if (m->wildcard && m->pattern[0] == cat[0])
			group = m;
	}
	if (group != NULL) {
		*mult = group->multiplier;
		return ES_OK;
	}
	return es_err_set(err, ES_EDATA, "category %s has no IMU multiplier for %d (imu_multipliers)", cat, year);
}

es_rc
es_imu_right_lookup(const es_imu_rules *r, const char *code, es_imu_right *out, es_err *err)
{
	size_t i;

	for (i = 0; i < r->nrights; i++) {
		if (strcmp(r->rights[i].code, code) == 0) {
			*out = r->rights[i].value;
			return ES_OK;
		}
	}
	return es_err_set(err, ES_EDATA, "right code '%s' is not in imu_taxable_rights", code);
}

const char *
es_imu_tributo(const es_imu_rules *r, es_imu_use use, es_imu_part part)
{
	if ((int)use <= 0 || use >= ES_IMU_USE_COUNT || (int)part < 0 || part > ES_IMU_PART_COMUNE)
		return NULL;
	return r->tributo[use][part][0] != '\0' ? r->tributo[use][part] : NULL;
}

/* --- arithmetic --- */

/* num / den, rounded half up (both non-negative, den > 0). */
static es_rc
div_half_up(__int128 num, __int128 den, es_cents *out, es_err *err)
{
	__int128 q;

	if (den <= 0 || num < 0)
		return es_err_set(err, ES_EINTERNAL, "negative operand in an IMU computation");
	q = (num + den / 2) / den;
	if (q > ES_CENTS_MAX)
		return es_err_set(err, ES_EDATA, "amount too large");
	*out = (es_cents)q;
	return ES_OK;
}

es_rc
es_imu_base_building(es_cents rendita, int64_t revaluation, int64_t multiplier, es_cents *out, es_err *err)
{
	if (rendita < 0 || revaluation < 0 || multiplier < 0)
		return es_err_set(err, ES_EDATA, "negative rendita or coefficient");
	/* 812.34 × 1.05 × 160: 81234 × 10500 × 160 / 10000 = 13647312 cents */
	return div_half_up((__int128)rendita * revaluation * multiplier, 10000, out, err);
}

es_rc
es_imu_base_land(es_cents rd, int64_t land_revaluation, int64_t land_multiplier, es_cents *out, es_err *err)
{
	if (rd < 0 || land_revaluation < 0 || land_multiplier < 0)
		return es_err_set(err, ES_EDATA, "negative reddito dominicale or coefficient");
	return div_half_up((__int128)rd * land_revaluation * land_multiplier, 10000, out, err);
}

uint16_t
es_imu_months(es_date from, es_date to_excl, int year)
{
	uint16_t mask = 0;
	int m;

	for (m = 1; m <= 12; m++) {
		es_date first = es_date_from_ymd(year, m, 1);
		int days = es_days_in_month(year, m);
		es_date last = first + days - 1;
		es_date a = (from == ES_DATE_NONE || from < first) ? first : from;
		es_date b = (to_excl == ES_DATE_NONE || to_excl > last) ? last : to_excl - 1;
		int d = b >= a ? (int)(b - a + 1) : 0;
		bool starts_here = from != ES_DATE_NONE && from >= first && from <= last;

		if (2 * d > days || (d > 0 && 2 * d == days && starts_here))
			mask |= (uint16_t)(1u << (m - 1));
	}
	return mask;
}

static bool
in_interval(es_date d, es_date from, es_date to_excl)
{
	return (from == ES_DATE_NONE || d >= from) && (to_excl == ES_DATE_NONE || d < to_excl);
}

void
es_imu_months_split(es_date from, es_date to_excl, const es_date *cf, const es_date *ct, size_t n, int year,
                    uint16_t *with, uint16_t *without)
{
	int m;

	*with = *without = 0;
	if (n == 0) {
		*without = es_imu_months(from, to_excl, year);
		return;
	}
	for (m = 1; m <= 12; m++) {
		es_date first = es_date_from_ymd(year, m, 1), d;
		int days = es_days_in_month(year, m), dw = 0, dwo = 0;
		bool start_w = false, start_wo = false;

		for (d = first - 1; d < first + days; d++) {
			bool poss = in_interval(d, from, to_excl), cond = false, w, wo;
			size_t i;

			for (i = 0; i < n && !cond; i++)
				cond = in_interval(d, cf[i], ct[i]);
			w = poss && cond;
			wo = poss && !cond;
			if (d >= first) {
				bool pposs = in_interval(d - 1, from, to_excl), pcond = false;

				for (i = 0; i < n && !pcond; i++)
					pcond = in_interval(d - 1, cf[i], ct[i]);
				dw += w;
				dwo += wo;
				/* a part that starts after the 1st of the month */
				if (w && d > first && !(pposs && pcond))
					start_w = true;
				if (wo && d > first && !(pposs && !pcond))
					start_wo = true;
			}
		}
		if (2 * dw > days || (dw > 0 && 2 * dw == days && start_w))
			*with |= (uint16_t)(1u << (m - 1));
		if (2 * dwo > days || (dwo > 0 && 2 * dwo == days && start_wo))
			*without |= (uint16_t)(1u << (m - 1));
	}
}

int
es_imu_mask_count(uint16_t mask)
{
	int n = 0;

	for (mask &= ES_IMU_ALL_MONTHS; mask != 0; mask &= (uint16_t)(mask - 1))
		n++;
	return n;
}

int64_t
es_imu_factor_sum(uint16_t mask, const es_imu_reductions *red, const es_imu_params *p)
{
	int64_t sum = 0;
	int m;

	for (m = 0; m < 12; m++) {
		uint16_t bit = (uint16_t)(1u << m);
		int64_t f = ES_IMU_FULL_MONTH;

		if (!(mask & bit))
			continue;
		if (red != NULL) {
			if (red->historic & bit)
				f = f * p->factor_historic / 10000;
			if (red->unfit & bit)
				f = f * p->factor_unfit / 10000;
			if (red->lent & bit)
				f = f * p->factor_lent / 10000;
			if (red->concordato & bit)
				f = f * p->factor_concordato / 10000;
		}
		sum += f;
	}
	return sum;
}

es_rc
es_imu_tax(es_cents base, int64_t rate, int64_t share_num, int64_t share_den, int64_t factor_sum,
           es_cents *out, es_err *err)
{
	__int128 num, den;

	if (share_den <= 0 || share_num < 0 || share_num > share_den)
		return es_err_set(err, ES_EDATA, "share %lld/%lld is not a fraction of 1",
		                  (long long)share_num, (long long)share_den);
	if (base < 0 || rate < 0 || factor_sum < 0)
		return es_err_set(err, ES_EDATA, "negative base, rate or months");
	/* base × (rate / 100 / 10^4) × share × factor_sum / (12 × 10^4) */
	num = (__int128)base * rate * share_num * factor_sum;
	den = (__int128)1000000 * share_den * 12 * ES_IMU_FULL_MONTH;
	return div_half_up(num, den, out, err);
}

es_rc
es_imu_deduction(es_cents deduction, int64_t share_num, int64_t share_den, int months, es_cents *out, es_err *err)
{
	if (share_den <= 0 || share_num < 0 || share_num > share_den || months < 0 || months > 12 || deduction < 0)
		return es_err_set(err, ES_EDATA, "bad deduction operands");
	return div_half_up((__int128)deduction * share_num * months, (__int128)share_den * 12, out, err);
}
