/* fuzz_coercive: any bytes as a load list of the coercive phase
 * (emit-injunctions(1) --loads: load_id, tax_code, revenue, year,
 * reference, principal, sanction, interest, costs, due_on, notified_on),
 * run through the library calls emit-injunctions makes for a row, as of
 * 2025-06-30.  A row is rejected (a bad field) or computed, never both:
 * taken + rejected = rows read.  For a computed row: prescription and the
 * title's term never fail on a date the date parser accepted; the load
 * interest is not negative (a sum too large is ES_EDATA, never a crash or
 * an overflow); the oneri of each band are min(rate x base, cap), the
 * early band never above the late one; the next step is a known one. */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "io/csv.h"
#include "types/taxid.h"
#include "domain/coercive.h"
#include "domain/penalty.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static es_coercive_rules *rules;
static es_penalty_rules *prules;
static es_date as_of;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	es_err err;

	(void)argc;
	(void)argv;
	setenv("ESATTORE_DATADIR", FUZZ_DATADIR, 0);
	if ((rules = es_coercive_rules_load(&err)) == NULL || (prules = es_penalty_rules_load(&err)) == NULL)
		abort();
	as_of = es_date_from_ymd(2025, 6, 30);
	return 0;
}

enum { L_LOAD, L_CF, L_REV, L_YEAR, L_REF, L_PRIN, L_SANC, L_INT, L_COSTS, L_DUE, L_NOTIF, L_N };

static bool
money(const es_csv_row *row, int col, es_cents *out)
{
	const char *s = es_csv_get(row, col);
	es_err e;

	if (*s == '\0') {
		*out = 0;
		return true;
	}
	return es_money_parse(s, ES_MONEY_PLAIN, out, &e) == ES_OK && *out >= 0;
}

static void
check_charge(const es_coercive_charge *c, es_cents base)
{
	int64_t v;
	es_err e;

	if (es_muldiv(base, c->rate, 100 * ES_PCT_ONE, ES_ROUND_HALF_UP, &v, &e) != ES_OK)
		abort();
	if (c->amount != (v < c->cap ? v : c->cap) || c->amount < 0)
		abort();
}

/* One row that passed the field checks. */
static void
compute(const es_coercive_revenue *rev, es_cents principal, es_cents sanction, es_cents interest, es_date due,
        es_date notified)
{
	es_coercive_charge early, late;
	es_coercive_threshold pt;
	es_coercive_decision dec;
	es_coercive_case c;
	es_date presc, deadline;
	es_cents added, base;
	int periods;
	es_err err;
	es_rc rc;

	if (es_coercive_prescription(rules, notified != ES_DATE_NONE && notified > due ? notified : due, true, &presc,
	                             &err) != ES_OK)
		abort();
	if (presc < due)
		abort();
	if (rev->title_term && notified != ES_DATE_NONE) {
		if (es_coercive_threshold_get(rules, "payment_term", &pt, &err) != ES_OK ||
		    es_coercive_title_deadline(rules, notified + pt.days, true, &deadline, &err) != ES_OK ||
		    deadline < notified)
			abort();
	}
	rc = es_coercive_load_interest(rules, prules, rev, principal, due, as_of, 10000, ES_DAYCOUNT_365, &added,
	                               &periods, &err);
	if (rc != ES_OK) {
		if (rc != ES_EDATA || err.msg[0] == '\0') {
			fprintf(stderr, "load interest: rc %d: %s\n", rc, err.msg);
			abort();
		}
		return;
	}
	if (added < 0 || periods < 0 || (!rev->surcharge && periods != 0))
		abort();
	base = principal + sanction + interest + added;
	rc = es_coercive_charges(rules, base, &early, &late, &err);
	if (rc != ES_OK) {
		if (rc != ES_EDATA)
			abort();
		return;
	}
	check_charge(&early, base);
	check_charge(&late, base);
	if (early.amount > late.amount)
		abort();
	memset(&c, 0, sizeof c);
	c.debt = base;
	c.notified_on = notified != ES_DATE_NONE ? notified : due;
	c.sollecito_on = ES_DATE_NONE;
	c.intimazione_on = ES_DATE_NONE;
	c.covid_shift = true;
	c.payment_days = -1;
	if (es_coercive_next_step(rules, &c, as_of, &dec, &err) == ES_OK &&
	    (dec.step < ES_STEP_NONE || dec.step > ES_STEP_PAID || es_coercive_step_name(dec.step) == NULL))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cols[L_N] = { "load_id", "tax_code", "revenue", "year", "reference", "principal",
	                                       "sanction", "interest", "costs", "due_on", "notified_on" };
	uint64_t rows = 0, taken = 0, rejected = 0;
	es_csv_reader *r;
	es_csv_row *row;
	int ix[L_N];
	es_err err;
	es_rc rc;

	r = es_csv_reader_open(fuzz_path(data, size), NULL, &err);
	if (r == NULL)
		return 0;
	if (es_csv_require(r, cols, ix, L_N, &err) != ES_OK) {
		es_csv_reader_close(r);
		return 0;
	}
	while ((rc = es_csv_next(r, &row, &err)) == ES_OK || rc == ES_EDATA) {
		es_coercive_revenue rev;
		es_cents principal, sanction, interest, costs;
		es_date due, notified = ES_DATE_NONE;
		char cf[24];
		int64_t year;
		es_err e;

		rows++;
		if (rc == ES_EDATA ||
		    es_taxid_normalise(es_csv_get(row, ix[L_CF]), cf, sizeof cf) == NULL ||
		    es_taxid_classify(cf) == ES_TAXID_INVALID ||
		    es_coercive_revenue_get(rules, es_csv_get(row, ix[L_REV]), &rev, &e) != ES_OK ||
		    es_decimal_parse(es_csv_get(row, ix[L_YEAR]), 0, &year, NULL) != ES_OK || year < 1900 ||
		    year > 2999 || !money(row, ix[L_PRIN], &principal) || !money(row, ix[L_SANC], &sanction) ||
		    !money(row, ix[L_INT], &interest) || !money(row, ix[L_COSTS], &costs) ||
		    es_date_parse(es_csv_get(row, ix[L_DUE]), ES_DATE_ANY, &due, &e) != ES_OK || due == ES_DATE_NONE ||
		    es_date_parse(es_csv_get(row, ix[L_NOTIF]), ES_DATE_ANY, &notified, &e) != ES_OK ||
		    (rev.title_term && notified == ES_DATE_NONE) || due > as_of ||
		    (notified != ES_DATE_NONE && notified > as_of)) {
			rejected++;
			continue;
		}
		taken++;
		if (rev.revenue == NULL || rev.source == NULL || (rev.surcharge && rev.period_months <= 0))
			abort();
		compute(&rev, principal, sanction, interest, due, notified);
	}
	es_csv_reader_close(r);
	if (taken + rejected != rows)
		abort();
	return 0;
}
