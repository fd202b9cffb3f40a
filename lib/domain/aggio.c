/* aggio.c: the concessionaire's fee and the tender's economic score. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/aggio.h"
#include "rules.h"

static const char *const service_names[ES_AGGIO_NSERVICES] = { "S1", "S2", "S3" };

es_rc
es_aggio_service_parse(const char *s, int *svc, es_err *err)
{
	int i;

	for (i = 0; i < ES_AGGIO_NSERVICES; i++)
		if (strcasecmp(s, service_names[i]) == 0) {
			*svc = i;
			return ES_OK;
		}
	return es_err_set(err, ES_EDATA, "'%s' is not a service (S1, S2 or S3)", s);
}

const char *
es_aggio_service_name(int svc)
{
	return svc >= 0 && svc < ES_AGGIO_NSERVICES ? service_names[svc] : "";
}

es_rc
es_aggio_period_parse(const char *s, es_aggio_period *p, es_err *err)
{
	if (strcmp(s, "month") == 0)
		*p = ES_AGGIO_MONTH;
	else if (strcmp(s, "quarter") == 0)
		*p = ES_AGGIO_QUARTER;
	else if (strcmp(s, "year") == 0)
		*p = ES_AGGIO_YEAR;
	else
		return es_err_set(err, ES_ECONFIG, "'%s' is not a period (month, quarter or year)", s);
	return ES_OK;
}

char *
es_aggio_period_label(es_date d, es_aggio_period p, char *buf)
{
	int y, m, dd;

	es_date_to_ymd(d, &y, &m, &dd);
	switch (p) {
	case ES_AGGIO_MONTH:
		snprintf(buf, ES_AGGIO_LABEL_SZ, "%04d-%02d", y, m);
		break;
	case ES_AGGIO_QUARTER:
		snprintf(buf, ES_AGGIO_LABEL_SZ, "%04d-Q%d", y, (m - 1) / 3 + 1);
		break;
	default:
		snprintf(buf, ES_AGGIO_LABEL_SZ, "%04d", y);
		break;
	}
	return buf;
}

/* --- rules ---------------------------------------------------------------- */

static es_rc
flag_cell(const es_table *t, size_t row, const char *col, bool *out, es_err *err)
{
	const char *v = es_table_get(t, row, col);

	if (strcmp(v, "1") == 0 || strcmp(v, "yes") == 0)
		*out = true;
	else if (strcmp(v, "0") == 0 || strcmp(v, "no") == 0)
		*out = false;
	else
		return es_err_set(err, ES_ECONFIG, "%s:%llu: %s: '%s' is not 1 or 0", es_table_name(t),
		                  (unsigned long long)es_table_line(t, row), col, v);
	return ES_OK;
}

es_rc
es_aggio_rules_load(es_aggio_rules *r, es_err *err)
{
	static const char *const cols[] = { "service", "excludes_collection_charges", "excludes_costs",
	                                    "tender_weight" };
	bool seen[ES_AGGIO_NSERVICES] = { false };
	es_table *t;
	es_rc rc = ES_OK;
	size_t i;
	int s;

	memset(r, 0, sizeof *r);
	if ((t = es_table_load("aggio_rules", err)) == NULL)
		return err != NULL ? err->rc : ES_ECONFIG;
	if ((rc = es_table_require(t, cols, ES_ARRAY_LEN(cols), err)) != ES_OK)
		goto out;
	for (i = 0; i < es_table_nrows(t) && rc == ES_OK; i++) {
		if (es_aggio_service_parse(es_table_get(t, i, "service"), &s, err) != ES_OK) {
			rc = es_err_set(err, ES_ECONFIG, "%s:%llu: service: '%s' is not S1, S2 or S3", es_table_name(t),
			                (unsigned long long)es_table_line(t, i), es_table_get(t, i, "service"));
			break;
		}
		if (seen[s]) {
			rc = es_err_set(err, ES_ECONFIG, "%s:%llu: service %s listed twice", es_table_name(t),
			                (unsigned long long)es_table_line(t, i), service_names[s]);
			break;
		}
		seen[s] = true;
		if ((rc = flag_cell(t, i, "excludes_collection_charges", &r->svc[s].excludes_charges, err)) != ES_OK ||
		    (rc = flag_cell(t, i, "excludes_costs", &r->svc[s].excludes_costs, err)) != ES_OK ||
		    (rc = es_table_int(t, i, "tender_weight", &r->svc[s].tender_weight, err)) != ES_OK)
			break;
		if (r->svc[s].tender_weight < 0 || r->svc[s].tender_weight > 100)
			rc = es_err_set(err, ES_ECONFIG, "%s:%llu: tender_weight out of 0..100", es_table_name(t),
			                (unsigned long long)es_table_line(t, i));
	}
	for (s = 0; rc == ES_OK && s < ES_AGGIO_NSERVICES; s++)
		if (!seen[s])
			rc = es_err_set(err, ES_ECONFIG, "%s: no row for service %s", es_table_name(t), service_names[s]);
out:
	if (rc != ES_OK && err != NULL && err->rc != ES_ECONFIG)
		err->rc = rc = ES_ECONFIG;
	es_table_free(t);
	return rc;
}

es_rc
es_aggio_rates_parse(const char *s, int64_t rates[ES_AGGIO_NSERVICES], bool set[ES_AGGIO_NSERVICES], es_err *err)
{
	char *copy = strdup(s), *p, *save = NULL;
	es_rc rc = ES_OK;

	if (copy == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	for (p = strtok_r(copy, ",", &save); p != NULL && rc == ES_OK; p = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(p, '=');
		int svc;
		int64_t v;

		if (eq == NULL) {
			rc = es_err_set(err, ES_ECONFIG, "--rates: '%s' is not SERVICE=PERCENT", p);
			break;
		}
		*eq = '\0';
		if (es_aggio_service_parse(p, &svc, NULL) != ES_OK) {
			rc = es_err_set(err, ES_ECONFIG, "--rates: '%s' is not a service (S1, S2 or S3)", p);
			break;
		}
		if (es_decimal_parse(eq + 1, ES_AGGIO_RATE_SCALE, &v, NULL) != ES_OK || v < 0 || v > 1000000) {
			rc = es_err_set(err, ES_ECONFIG, "--rates: %s: '%s' is not a percentage 0..100", p, eq + 1);
			break;
		}
		rates[svc] = v;
		set[svc] = true;
	}
	free(copy);
	return rc;
}

/* --- arithmetic ----------------------------------------------------------- */

/* num / den rounded half away from zero; den > 0. */
static __int128
div_half_up(__int128 num, __int128 den)
{
	__int128 q, r;

	if (num < 0)
		return -div_half_up(-num, den);
	q = num / den;
	r = num % den;
	if (2 * r >= den)
		q++;
	return q;
}

es_rc
es_aggio_fee(es_cents base, int64_t rate, es_cents *fee, es_err *err)
{
	/* rate is percent at scale 4: fee = base * rate / (100 * 10^4). */
	return es_muldiv(base, rate, 1000000, ES_ROUND_HALF_UP, fee, err);
}

es_rc
es_aggio_share(es_cents paid_before, es_cents amount, es_cents total, es_cents component, es_cents *out,
               es_err *err)
{
	es_cents before, after, a, b;
	es_rc rc;

	*out = 0;
	if (total <= 0 || component == 0)
		return ES_OK;
	before = paid_before < 0 ? 0 : paid_before > total ? total : paid_before;
	after = paid_before + amount;
	after = after < 0 ? 0 : after > total ? total : after;
	if ((rc = es_muldiv(before, component, total, ES_ROUND_HALF_UP, &b, err)) != ES_OK ||
	    (rc = es_muldiv(after, component, total, ES_ROUND_HALF_UP, &a, err)) != ES_OK)
		return rc;
	*out = a - b;
	return ES_OK;
}

/* --- the accumulator ------------------------------------------------------- */

struct es_aggio_acc {
	es_aggio_period period;
	es_aggio_line *v;
	size_t n, cap;
};

es_aggio_acc *
es_aggio_acc_new(es_aggio_period p, es_err *err)
{
	es_aggio_acc *a = calloc(1, sizeof *a);

	if (a == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	a->period = p;
	return a;
}

void
es_aggio_acc_free(es_aggio_acc *a)
{
	if (a == NULL)
		return;
	free(a->v);
	free(a);
}

static bool
add_ok(es_cents *sum, es_cents v)
{
	if (v > ES_CENTS_MAX || v < -ES_CENTS_MAX || *sum > ES_CENTS_MAX * 1000 || *sum < -ES_CENTS_MAX * 1000)
		return false;
	*sum += v;
	return true;
}

es_rc
es_aggio_acc_add(es_aggio_acc *a, es_date paid_on, int svc, es_cents amount, es_cents charges, es_cents costs,
                 es_err *err)
{
	char label[ES_AGGIO_LABEL_SZ];
	es_aggio_line *l = NULL;
	size_t i;

	if (svc < 0 || svc >= ES_AGGIO_NSERVICES)
		return es_err_set(err, ES_EINTERNAL, "service %d out of range", svc);
	es_aggio_period_label(paid_on, a->period, label);
	/* Lines are few (periods x 3): a linear search from the end is enough,
	 * and input sorted by date hits the last lines at once. */
	for (i = a->n; i-- > 0;)
		if (a->v[i].service == svc && strcmp(a->v[i].period, label) == 0) {
			l = &a->v[i];
			break;
		}
	if (l == NULL) {
		if (a->n == a->cap) {
			size_t ncap = a->cap ? a->cap * 2 : 16;
			es_aggio_line *nv = realloc(a->v, ncap * sizeof *nv);

			if (nv == NULL)
				return es_err_set(err, ES_ENOMEM, "out of memory");
			a->v = nv;
			a->cap = ncap;
		}
		l = &a->v[a->n++];
		memset(l, 0, sizeof *l);
		memcpy(l->period, label, sizeof l->period);
		l->service = svc;
	}
	if (!add_ok(&l->collected, amount) || !add_ok(&l->charges, charges) || !add_ok(&l->costs, costs))
		return es_err_set(err, ES_EDATA, "amount out of range");
	l->allocations++;
	return ES_OK;
}

static int
line_cmp(const void *x, const void *y)
{
	const es_aggio_line *a = x, *b = y;
	int c = strcmp(a->period, b->period);

	return c != 0 ? c : a->service - b->service;
}

es_rc
es_aggio_acc_finish(es_aggio_acc *a, const es_aggio_rules *rules, const int64_t rates[ES_AGGIO_NSERVICES],
                    int64_t vat_rate, const es_aggio_line **lines, size_t *n, es_err *err)
{
	size_t i;
	es_rc rc;

	if (a->n > 1)
		qsort(a->v, a->n, sizeof *a->v, line_cmp);
	for (i = 0; i < a->n; i++) {
		es_aggio_line *l = &a->v[i];
		const es_aggio_rule *r = &rules->svc[l->service];

		l->excluded = (r->excludes_charges ? l->charges : 0) + (r->excludes_costs ? l->costs : 0);
		l->base = l->collected - l->excluded;
		l->rate = rates[l->service];
		l->vat_rate = vat_rate;
		if ((rc = es_aggio_fee(l->base, l->rate, &l->fee, err)) != ES_OK ||
		    (rc = es_aggio_fee(l->fee, vat_rate, &l->vat, err)) != ES_OK)
			return rc;
	}
	*lines = a->v;
	*n = a->n;
	return ES_OK;
}

/* --- tender scoring -------------------------------------------------------- */

/* Offer i's exact score as num/den: den = A1*A2*A3 (each <= 10^6 at scale
 * 4, so den <= 10^18), num = sum_k w_k * Amin_k * prod_{j != k} A_j
 * (<= 3 * 100 * 10^18): both fit in 128 bits. */
static void
exact_score(const int64_t *a, const int64_t *min, const es_aggio_rules *rules, __int128 *num, __int128 *den)
{
	int k;

	*den = (__int128)a[0] * a[1] * a[2];
	*num = 0;
	for (k = 0; k < ES_AGGIO_NSERVICES; k++) {
		__int128 t = (__int128)rules->svc[k].tender_weight * min[k];
		int j;

		for (j = 0; j < ES_AGGIO_NSERVICES; j++)
			if (j != k)
				t *= a[j];
		*num += t;
	}
}

/* Compare n1/d1 with n2/d2 exactly, by continued fractions: the cross
 * products could exceed 128 bits (nums up to 3*10^20, dens up to 10^18). */
static int
rat_cmp(__int128 n1, __int128 d1, __int128 n2, __int128 d2)
{
	int sign = 1;

	for (;;) {
		__int128 q1 = n1 / d1, q2 = n2 / d2, r1 = n1 % d1, r2 = n2 % d2, t;

		if (q1 != q2)
			return q1 < q2 ? -sign : sign;
		if (r1 == 0 || r2 == 0)
			return r1 == r2 ? 0 : r1 == 0 ? -sign : sign;
		/* r1/d1 < r2/d2  <=>  d1/r1 > d2/r2 */
		t = d1;
		n1 = t;
		d1 = r1;
		t = d2;
		n2 = t;
		d2 = r2;
		sign = -sign;
	}
}

es_rc
es_aggio_score_bids(const int64_t (*offers)[ES_AGGIO_NSERVICES], size_t n, const es_aggio_rules *rules,
                    int64_t max_rate, es_aggio_score *out, es_err *err)
{
	int64_t min[ES_AGGIO_NSERVICES];
	__int128 *num, *den;
	size_t i, j;
	int k;

	if (n == 0)
		return ES_OK;
	for (k = 0; k < ES_AGGIO_NSERVICES; k++)
		min[k] = INT64_MAX;
	for (i = 0; i < n; i++)
		for (k = 0; k < ES_AGGIO_NSERVICES; k++) {
			if (offers[i][k] <= 0 || offers[i][k] > max_rate || offers[i][k] > 1000000)
				return es_err_set(err, ES_EDATA, "offer %zu: A%d is not in (0, maximum]", i + 1, k + 1);
			if (offers[i][k] < min[k])
				min[k] = offers[i][k];
		}
	num = calloc(n, sizeof *num);
	den = calloc(n, sizeof *den);
	if (num == NULL || den == NULL) {
		free(num);
		free(den);
		return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++) {
		exact_score(offers[i], min, rules, &num[i], &den[i]);
		/* points at scale 3: round(num * 1000 / den); num*1000 <= 3*10^23. */
		out[i].points = (int64_t)div_half_up(num[i] * 1000, den[i]);
		for (k = 0; k < ES_AGGIO_NSERVICES; k++)
			out[i].term[k] = (int64_t)div_half_up((__int128)rules->svc[k].tender_weight * min[k] * 1000,
			                                      offers[i][k]);
	}
	for (i = 0; i < n; i++) {
		out[i].rank = 1;
		for (j = 0; j < n; j++)
			if (j != i && rat_cmp(num[j], den[j], num[i], den[i]) > 0)
				out[i].rank++;
	}
	free(num);
	free(den);
	return ES_OK;
}
