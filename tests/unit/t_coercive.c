/* t_coercive: oneri di riscossione (c. 803), thresholds and terms, the next
 * coercive step, measures, mora and load-list interest; expected values
 * computed by hand in the comments (law.md §4, §5, §6, §8.1, §8.4). */
#include "es_setup.h"
#include "unit.h"

#include "domain/coercive.h"

Suite *make_suite_coercive(void);

static es_coercive_rules *R;
static es_penalty_rules *P;

static void
setup(void)
{
	es_err err;

	R = es_coercive_rules_load(&err);
	ck_assert_msg(R != NULL, "%s", err.msg);
	P = es_penalty_rules_load(&err);
	ck_assert_msg(P != NULL, "%s", err.msg);
}

static void
teardown(void)
{
	es_coercive_rules_free(R);
	es_penalty_rules_free(P);
}

static es_date
d(int y, int m, int dd)
{
	return es_date_from_ymd(y, m, dd);
}

static void
both(es_cents base, es_cents early, es_cents late)
{
	es_coercive_charge e, l;
	es_err err;

	ck_assert_int_eq(es_coercive_charges(R, base, &e, &l, &err), ES_OK);
	ck_assert_msg(e.amount == early && l.amount == late, "base %lld: %lld/%lld, expected %lld/%lld",
	              (long long)base, (long long)e.amount, (long long)l.amount, (long long)early, (long long)late);
}

START_TEST(oneri)
{
	/* 5,000.00: 3 % = 150.00 < 300; 6 % = 300.00 < 600. */
	both(500000, 15000, 30000);
	/* 12,000.00: 3 % = 360.00 -> cap 300.00; 6 % = 720.00 -> cap 600.00. */
	both(1200000, 30000, 60000);
	/* §8.4: S = 4,200.00: min(126.00, 300) = 126.00; min(252.00, 600) = 252.00. */
	both(420000, 12600, 25200);
	/* §8.4: S = 15,000.00: 450.00 -> 300.00; 900.00 -> 600.00. */
	both(1500000, 30000, 60000);
	/* Both caps bind from 10,000.00 (300/0.03 = 600/0.06 = 10,000). */
	both(1000000, 30000, 60000);
	/* 9,999.00: 299.97 and 599.94, under the caps. */
	both(999900, 29997, 59994);
	/* 0.50: 3 % = 0.015 -> 0.02 (half up); 6 % = 0.03. */
	both(50, 2, 3);
}
END_TEST

/* C6: esecutivita 3 Mar 2025; day 60 = 2 May 2025 (28 days to 31 Mar, 30 in
 * April, 2 in May).  §8.4 totals add the 7.83 of the raccomandata A/R. */
START_TEST(oneri_day_60)
{
	es_coercive_charge c;
	es_cents cost;
	const char *src;
	es_err err;

	ck_assert_int_eq(es_coercive_charge_on(R, 420000, d(2025, 3, 3), d(2025, 5, 2), &c, &err), ES_OK);
	ck_assert_int_eq(c.amount, 12600);
	ck_assert_int_eq(es_penalty_notification_cost(P, "ar", d(2025, 3, 3), &cost, &src, &err), ES_OK);
	ck_assert_int_eq(420000 + c.amount + cost, 433383);   /* 4,333.83 */
	ck_assert_int_eq(es_coercive_charge_on(R, 420000, d(2025, 3, 3), d(2025, 5, 3), &c, &err), ES_OK);
	ck_assert_int_eq(c.amount, 25200);
	ck_assert_int_eq(420000 + c.amount + cost, 445983);   /* 4,459.83 */
	ck_assert_int_eq(es_coercive_charge_on(R, 1500000, d(2025, 3, 3), d(2025, 5, 2), &c, &err), ES_OK);
	ck_assert_int_eq(1500000 + c.amount + cost, 1530783); /* 15,307.83 */
	ck_assert_int_eq(es_coercive_charge_on(R, 1500000, d(2025, 3, 3), d(2025, 5, 3), &c, &err), ES_OK);
	ck_assert_int_eq(1500000 + c.amount + cost, 1560783); /* 15,607.83 */
}
END_TEST

static es_coercive_step
step(es_cents debt, es_date notified, es_date soll, es_date intim, es_date as_of, es_coercive_decision *dd)
{
	es_coercive_case c = { debt, notified, soll, intim, false, -1 };
	es_err err;

	ck_assert_int_eq(es_coercive_next_step(R, &c, as_of, dd, &err), ES_OK);
	return dd->step;
}

/* Notified 30 Dec 2024: esecutivita = +60 days = 28 Feb 2025, handover =
 * +30 days = 30 Mar 2025. */
START_TEST(next_step)
{
	es_coercive_decision dd;
	es_date n = d(2024, 12, 30);

	ck_assert_int_eq(step(420000, n, ES_DATE_NONE, ES_DATE_NONE, d(2025, 3, 29), &dd), ES_STEP_NONE);
	ck_assert_int_eq(dd.esecutivita, d(2025, 2, 28));
	ck_assert_int_eq(dd.ready_on, d(2025, 3, 30));
	/* Debts up to 10,000.00 get a sollecito first (c. 795). */
	ck_assert_int_eq(step(420000, n, ES_DATE_NONE, ES_DATE_NONE, d(2025, 3, 30), &dd), ES_STEP_SOLLECITO);
	ck_assert_int_eq(step(1000000, n, ES_DATE_NONE, ES_DATE_NONE, d(2025, 3, 30), &dd), ES_STEP_SOLLECITO);
	/* 10,000.01: straight to the intimazione. */
	ck_assert_int_eq(step(1000001, n, ES_DATE_NONE, ES_DATE_NONE, d(2025, 3, 30), &dd), ES_STEP_INTIMAZIONE);
	/* Sollecito on 1 Apr: wait 30 days, intimazione from 1 May. */
	ck_assert_int_eq(step(420000, n, d(2025, 4, 1), ES_DATE_NONE, d(2025, 4, 30), &dd), ES_STEP_NONE);
	ck_assert_int_eq(dd.ready_on, d(2025, 5, 1));
	ck_assert_int_eq(step(420000, n, d(2025, 4, 1), ES_DATE_NONE, d(2025, 5, 1), &dd), ES_STEP_INTIMAZIONE);
	ck_assert_ptr_nonnull(strstr(dd.reason, "precedes forced execution"));
	/* More than a year (365 days) after the notification of 30 Dec 2024,
	 * i.e. from 31 Dec 2025, art. 50 DPR 602/1973 is the reason. */
	ck_assert_int_eq(step(420000, n, d(2025, 4, 1), ES_DATE_NONE, d(2025, 12, 30), &dd), ES_STEP_INTIMAZIONE);
	ck_assert_ptr_nonnull(strstr(dd.reason, "precedes forced execution"));
	ck_assert_int_eq(step(420000, n, d(2025, 4, 1), ES_DATE_NONE, d(2025, 12, 31), &dd), ES_STEP_INTIMAZIONE);
	ck_assert_ptr_nonnull(strstr(dd.reason, "more than a year"));
	ck_assert_ptr_nonnull(strstr(dd.legal_basis, "art. 50"));
	/* Intimazione notified 12 May: pay within 5 days (to 17 May), measures from 18 May. */
	ck_assert_int_eq(step(420000, n, d(2025, 4, 1), d(2025, 5, 12), d(2025, 5, 17), &dd), ES_STEP_NONE);
	ck_assert_int_eq(step(420000, n, d(2025, 4, 1), d(2025, 5, 12), d(2025, 5, 18), &dd), ES_STEP_MEASURES);
	/* It loses effect after 180 days (art. 50 DPR 602): 12 May + 180 = 8 Nov. */
	ck_assert_int_eq(step(420000, n, d(2025, 4, 1), d(2025, 5, 12), d(2025, 11, 8), &dd), ES_STEP_MEASURES);
	ck_assert_int_eq(step(420000, n, d(2025, 4, 1), d(2025, 5, 12), d(2025, 11, 9), &dd), ES_STEP_INTIMAZIONE);
	/* c. 794: under 10.00 never; 10.00 itself goes on. */
	ck_assert_int_eq(step(999, n, ES_DATE_NONE, ES_DATE_NONE, d(2025, 4, 1), &dd), ES_STEP_BELOW_MINIMUM);
	ck_assert_int_eq(step(1000, n, ES_DATE_NONE, ES_DATE_NONE, d(2025, 4, 1), &dd), ES_STEP_SOLLECITO);
	ck_assert_int_eq(step(0, n, ES_DATE_NONE, ES_DATE_NONE, d(2025, 4, 1), &dd), ES_STEP_PAID);
}
END_TEST

START_TEST(terms)
{
	es_coercive_decision dd;
	es_date out;
	es_err err;

	/* Prescription: 5 years from the notification on 1 Jun 2019 = 1 Jun
	 * 2024; without the Covid shift, 2 Jun 2024 is too late. */
	ck_assert_int_eq(step(420000, d(2019, 6, 1), ES_DATE_NONE, ES_DATE_NONE, d(2024, 6, 2), &dd), ES_STEP_EXPIRED);
	ck_assert_int_eq(dd.prescribed_on, d(2024, 6, 1));
	ck_assert_int_eq(es_coercive_prescription(R, d(2019, 6, 1), false, &out, &err), ES_OK);
	ck_assert_int_eq(out, d(2024, 6, 1));
	/* With it: pending on 8 Mar 2020, + 542 days = 25 Nov 2025. */
	ck_assert_int_eq(es_coercive_prescription(R, d(2019, 6, 1), true, &out, &err), ES_OK);
	ck_assert_int_eq(out, d(2025, 11, 25));
	/* A term starting after 8 Mar 2020 is not shifted. */
	ck_assert_int_eq(es_coercive_prescription(R, d(2020, 3, 9), true, &out, &err), ES_OK);
	ck_assert_int_eq(out, d(2025, 3, 9));
	/* c. 163: definitive 1 Mar 2019 -> 31 Dec 2022; + 542 days -> 25 Jun 2024. */
	ck_assert_int_eq(es_coercive_title_deadline(R, d(2019, 3, 1), false, &out, &err), ES_OK);
	ck_assert_int_eq(out, d(2022, 12, 31));
	ck_assert_int_eq(es_coercive_title_deadline(R, d(2019, 3, 1), true, &out, &err), ES_OK);
	ck_assert_int_eq(out, d(2024, 6, 25));
}
END_TEST

static bool
admitted(const es_coercive_facts *f, es_date as_of, const char *measure)
{
	es_coercive_measure m[ES_COERCIVE_MAX_MEASURES];
	es_err err;
	size_t n, i;

	ck_assert_int_eq(es_coercive_measures(R, f, as_of, m, &n, &err), ES_OK);
	for (i = 0; i < n; i++)
		if (strcmp(m[i].measure, measure) == 0)
			return m[i].admitted;
	ck_abort_msg("no measure %s", measure);
	return false;
}

START_TEST(measures)
{
	es_coercive_facts f = { 1999999, false, false, ES_DATE_NONE };
	es_date on = d(2024, 7, 1);

	/* Fermo: no minimum debt; ipoteca only from 20,000.00 (art. 77). */
	ck_assert(admitted(&f, on, "preavviso_fermo"));
	ck_assert(!admitted(&f, on, "ipoteca"));
	f.debt = 2000000;
	ck_assert(admitted(&f, on, "ipoteca"));
	ck_assert(admitted(&f, on, "pignoramento_terzi"));
	/* Pignoramento immobiliare: more than 120,000.00 (art. 76)... */
	f.debt = 12000000;
	f.ipoteca_on = d(2024, 1, 1);
	ck_assert(!admitted(&f, on, "pignoramento_immobiliare"));
	f.debt = 12000001;
	/* ...after an ipoteca of at least 6 months: 1 Jan + 6 months = 1 Jul. */
	ck_assert(admitted(&f, on, "pignoramento_immobiliare"));
	ck_assert(!admitted(&f, d(2024, 6, 30), "pignoramento_immobiliare"));
	f.ipoteca_on = ES_DATE_NONE;
	ck_assert(!admitted(&f, on, "pignoramento_immobiliare"));
	/* ...and never on the only home. */
	f.ipoteca_on = d(2024, 1, 1);
	f.only_home = true;
	ck_assert(!admitted(&f, on, "pignoramento_immobiliare"));
	/* c. 799: a pending instalment request blocks fermo and ipoteca. */
	f.only_home = false;
	f.plan_pending = true;
	ck_assert(!admitted(&f, on, "preavviso_fermo"));
	ck_assert(!admitted(&f, on, "ipoteca"));
}
END_TEST

START_TEST(mora)
{
	es_interest it;
	es_err err;

	/* Esecutivita 28 Feb 2025: mora from 30 Mar (+30 days), accrual from
	 * 31 Mar to 1 Apr = 2 days at 2.0 %: 4,000.00 x 0.02 x 2/365 = 0.438 -> 0.44. */
	ck_assert_int_eq(es_coercive_mora(R, P, 400000, d(2025, 2, 28), d(2025, 4, 1), 0, ES_DAYCOUNT_365, &it, &err),
	                 ES_OK);
	ck_assert_int_eq(it.days, 2);
	ck_assert_int_eq(it.amount, 44);
	/* + 1 point: 4,000.00 x 0.03 x 2/365 = 0.657 -> 0.66. */
	ck_assert_int_eq(es_coercive_mora(R, P, 400000, d(2025, 2, 28), d(2025, 4, 1), 10000, ES_DAYCOUNT_365, &it,
	                                  &err), ES_OK);
	ck_assert_int_eq(it.amount, 66);
	/* Before the mora start: nothing. */
	ck_assert_int_eq(es_coercive_mora(R, P, 400000, d(2025, 2, 28), d(2025, 3, 30), 0, ES_DAYCOUNT_365, &it, &err),
	                 ES_OK);
	ck_assert_int_eq(it.amount, 0);
	/* c. 802: at most 2 points. */
	ck_assert_int_eq(es_coercive_mora(R, P, 400000, d(2025, 2, 28), d(2025, 4, 1), 30000, ES_DAYCOUNT_365, &it,
	                                  &err), ES_ECONFIG);
}
END_TEST

START_TEST(load_interest)
{
	es_coercive_revenue rev;
	es_cents out;
	int periods;
	es_err err;

	/* CDS: one tenth per complete semester.  Due 10 Jan 2019, on 2 May
	 * 2025: 12 semesters complete (10 Jan 2025), the 13th ends 10 Jul 2025;
	 * 100.00 x 10 % x 12 = 120.00. */
	ck_assert_int_eq(es_coercive_revenue_get(R, "cds", &rev, &err), ES_OK);
	ck_assert(rev.surcharge);
	ck_assert_int_eq(es_coercive_load_interest(R, P, &rev, 10000, d(2019, 1, 10), d(2025, 5, 2), 0, ES_DAYCOUNT_365,
	                                           &out, &periods, &err), ES_OK);
	ck_assert_int_eq(periods, 12);
	ck_assert_int_eq(out, 12000);
	/* RENT: the legal rate day by day, law.md §8.1: 1,000.00 due 16 Dec
	 * 2024 to 30 Jun 2025 = 15 days at 2.5 % + 181 at 2.0 % = 3,995/365 =
	 * 10.945 -> 10.95. */
	ck_assert_int_eq(es_coercive_revenue_get(R, "RENT", &rev, &err), ES_OK);
	ck_assert(!rev.surcharge && !rev.tax_interest);
	ck_assert_int_eq(es_coercive_load_interest(R, P, &rev, 100000, d(2024, 12, 16), d(2025, 6, 30), 10000,
	                                           ES_DAYCOUNT_365, &out, &periods, &err), ES_OK);
	ck_assert_int_eq(out, 1095);
	/* IMU (tax interest): the spread applies; §8.1 variant +1 point:
	 * 5,955/365 = 16.315 -> 16.32. */
	ck_assert_int_eq(es_coercive_revenue_get(R, "IMU", &rev, &err), ES_OK);
	ck_assert(rev.tax_interest && rev.title_term);
	ck_assert_int_eq(es_coercive_load_interest(R, P, &rev, 100000, d(2024, 12, 16), d(2025, 6, 30), 10000,
	                                           ES_DAYCOUNT_365, &out, &periods, &err), ES_OK);
	ck_assert_int_eq(out, 1632);
	ck_assert_int_eq(es_coercive_revenue_get(R, "XYZ", &rev, &err), ES_EDATA);
}
END_TEST

Suite *
make_suite_coercive(void)
{
	Suite *s = suite_create("coercive");
	TCase *tc = tcase_create("coercive");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, oneri);
	tcase_add_test(tc, oneri_day_60);
	tcase_add_test(tc, next_step);
	tcase_add_test(tc, terms);
	tcase_add_test(tc, measures);
	tcase_add_test(tc, mora);
	tcase_add_test(tc, load_interest);
	suite_add_tcase(s, tc);
	return s;
}
