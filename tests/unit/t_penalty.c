/* t_penalty.c: interest, payment sanction, ravvedimento, declaration
 * sanctions, notification costs and terms, against the worked examples of
 * law.md §8 and hand-computed cases.  Every expected value is computed in
 * the comment beside it. */
#include "es_setup.h"

#include <stdlib.h>

#include "unit.h"
#include "domain/penalty.h"

Suite *make_suite_penalty(void);

static es_penalty_rules *R;

static void
setup(void)
{
	es_err err;

	R = es_penalty_rules_load(&err);
	if (R == NULL)
		ck_abort_msg("loading the tables: %s", err.msg);
}

static void
teardown(void)
{
	es_penalty_rules_free(R);
	R = NULL;
}

static es_date
D(int y, int m, int d)
{
	return es_date_from_ymd(y, m, d);
}

/* law.md §8.1: EUR 1,000.00 due Mon 16 Dec 2024, unpaid, computed to 30 Jun 2025. */
START_TEST(interest_81)
{
	es_interest in;
	es_err err;

	ck_assert_int_eq(es_interest_compute(R, 100000, D(2024, 12, 16), D(2025, 6, 30), 0, ES_DAYCOUNT_365, &in, &err), ES_OK);
	/* 17-31 Dec 2024 = 15 days at 2.5 %; 1 Jan - 30 Jun 2025 = 181 days at 2.0 % */
	ck_assert_uint_eq(in.nseg, 2);
	ck_assert_int_eq(in.seg[0].days, 15);
	ck_assert_int_eq(in.seg[0].rate, 25000);
	ck_assert_int_eq(in.seg[1].days, 181);
	ck_assert_int_eq(in.seg[1].rate, 20000);
	ck_assert_int_eq(in.days, 196);
	/* 375/365 + 3620/365 = 3995/365 = 10.945205 -> 10.95 */
	ck_assert_int_eq(in.amount, 1095);
}
END_TEST

START_TEST(interest_81_actual)
{
	es_interest in;
	es_err err;

	/* 2024 is a leap year: 375/366 = 1.024590; + 9.917808 = 10.942399 -> 10.94 */
	ck_assert_int_eq(es_interest_compute(R, 100000, D(2024, 12, 16), D(2025, 6, 30), 0, ES_DAYCOUNT_ACTUAL, &in, &err), ES_OK);
	ck_assert_int_eq(in.seg[0].basis, 366);
	ck_assert_int_eq(in.seg[1].basis, 365);
	ck_assert_int_eq(in.amount, 1094);
}
END_TEST

START_TEST(interest_81_spread)
{
	es_interest in;
	es_err err;

	/* +1 point: (1000 x 0.035 x 15 + 1000 x 0.030 x 181)/365 = 5955/365 = 16.315068 -> 16.32 */
	ck_assert_int_eq(es_interest_compute(R, 100000, D(2024, 12, 16), D(2025, 6, 30), 10000, ES_DAYCOUNT_365, &in, &err), ES_OK);
	ck_assert_int_eq(in.amount, 1632);
}
END_TEST

START_TEST(interest_none_and_negative_spread)
{
	es_interest in;
	es_err err;

	/* paid on the due date: no day of accrual */
	ck_assert_int_eq(es_interest_compute(R, 100000, D(2024, 12, 16), D(2024, 12, 16), 0, ES_DAYCOUNT_365, &in, &err), ES_OK);
	ck_assert_int_eq(in.amount, 0);
	ck_assert_uint_eq(in.nseg, 0);
	/* 2021: 0.01 % - 3 points < 0: floored at 0 */
	ck_assert_int_eq(es_interest_compute(R, 100000, D(2021, 1, 10), D(2021, 12, 31), -30000, ES_DAYCOUNT_365, &in, &err), ES_OK);
	ck_assert_int_eq(in.amount, 0);
}
END_TEST

START_TEST(interest_three_years)
{
	es_interest in;
	es_err err;

	/* EUR 500.00 due 16 Dec 2022, to 15 Jan 2024:
	 * 2022: 17-31 Dec = 15 days at 1.25 %: 500 x 0.0125 x 15/365 = 93.75/365
	 * 2023: 365 days at 5 %:                500 x 0.05 x 365/365 = 9125/365
	 * 2024: 1-15 Jan = 15 days at 2.5 %:    500 x 0.025 x 15/365 = 187.5/365
	 * sum 9406.25/365 = 25.770548 -> 25.77 */
	ck_assert_int_eq(es_interest_compute(R, 50000, D(2022, 12, 16), D(2024, 1, 15), 0, ES_DAYCOUNT_365, &in, &err), ES_OK);
	ck_assert_uint_eq(in.nseg, 3);
	ck_assert_int_eq(in.seg[1].days, 365);
	ck_assert_int_eq(in.amount, 2577);
}
END_TEST

START_TEST(interest_no_rate)
{
	es_interest in;
	es_err err;

	/* the table ends with 2026: 2027 has no legal rate yet */
	ck_assert_int_eq(es_interest_compute(R, 100000, D(2026, 12, 16), D(2027, 1, 10), 0, ES_DAYCOUNT_365, &in, &err), ES_ECONFIG);
}
END_TEST

/* law.md §8.2: two IMU 2024 instalments of EUR 800.00. */
START_TEST(sanction_82)
{
	es_sanction s;
	es_err err;
	es_date acc = D(2024, 6, 17), sal = D(2024, 12, 16);

	/* never paid: 800 x 30 % = 240.00; 800 x 25 % = 200.00 */
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, acc, ES_DATE_NONE, &s, &err), ES_OK);
	ck_assert_int_eq(s.kind, ES_SANCTION_FULL);
	ck_assert_str_eq(s.regime, "pre_dlgs87");
	ck_assert_int_eq(s.amount, 24000);
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, sal, ES_DATE_NONE, &s, &err), ES_OK);
	ck_assert_str_eq(s.regime, "post_dlgs87");
	ck_assert_int_eq(s.amount, 20000);
	/* 40 days late (27 Jul 2024 / 25 Jan 2025): 800 x 15 % = 120.00; 800 x 12.5 % = 100.00 */
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, acc, D(2024, 7, 27), &s, &err), ES_OK);
	ck_assert_int_eq(s.days, 40);
	ck_assert_int_eq(s.kind, ES_SANCTION_REDUCED);
	ck_assert_int_eq(s.amount, 12000);
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, sal, D(2025, 1, 25), &s, &err), ES_OK);
	ck_assert_int_eq(s.days, 40);
	ck_assert_int_eq(s.amount, 10000);
	/* 10 days late: 800 x 15 % x 10/15 = 80.00; 800 x 12.5 % x 10/15 = 66.6667 -> 66.67 */
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, acc, D(2024, 6, 27), &s, &err), ES_OK);
	ck_assert_int_eq(s.kind, ES_SANCTION_PER_DAY);
	ck_assert_int_eq(s.amount, 8000);
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, sal, D(2024, 12, 26), &s, &err), ES_OK);
	ck_assert_int_eq(s.amount, 6667);
}
END_TEST

START_TEST(sanction_boundaries)
{
	es_sanction s;
	es_err err;
	es_date sal = D(2024, 12, 16);

	/* on time */
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, sal, sal, &s, &err), ES_OK);
	ck_assert_int_eq(s.kind, ES_SANCTION_NONE);
	ck_assert_int_eq(s.amount, 0);
	/* d = 1: 800 x 12.5 % x 1/15 = 6.6667 -> 6.67 */
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, sal, sal + 1, &s, &err), ES_OK);
	ck_assert_int_eq(s.amount, 667);
	/* d = 15: 800 x 12.5 % x 15/15 = 100.00, still per day */
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, sal, sal + 15, &s, &err), ES_OK);
	ck_assert_int_eq(s.kind, ES_SANCTION_PER_DAY);
	ck_assert_int_eq(s.amount, 10000);
	/* d = 16 and d = 90: halved, 100.00 */
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, sal, sal + 16, &s, &err), ES_OK);
	ck_assert_int_eq(s.kind, ES_SANCTION_REDUCED);
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, sal, sal + 90, &s, &err), ES_OK);
	ck_assert_int_eq(s.kind, ES_SANCTION_REDUCED);
	ck_assert_int_eq(s.amount, 10000);
	/* d = 91: the full 25 %, 200.00 */
	ck_assert_int_eq(es_penalty_payment_sanction(R, 80000, sal, sal + 91, &s, &err), ES_OK);
	ck_assert_int_eq(s.kind, ES_SANCTION_FULL);
	ck_assert_int_eq(s.amount, 20000);
	/* the regime boundary: 31 Aug 2024 -> 30 %, 1 Sep 2024 -> 25 % */
	ck_assert_str_eq(es_penalty_regime(R, D(2024, 8, 31)), "pre_dlgs87");
	ck_assert_str_eq(es_penalty_regime(R, D(2024, 9, 1)), "post_dlgs87");
}
END_TEST

/* law.md §8.3: EUR 600.00 due 16 Dec 2024, ravvedimento on 20 Jan 2025. */
START_TEST(ravvedimento_83)
{
	es_ravvedimento rv;
	es_err err;

	/* d = 15 + 20 = 35: intermedio, 1/9 of 12.5 %: 75.00/9 = 8.3333 -> 8.33;
	 * interest at the plain legal rate: 225/365 + 240/365 = 465/365 = 1.273973 -> 1.27;
	 * to pay 600.00 + 8.33 + 1.27 = 609.60 */
	ck_assert_int_eq(es_penalty_ravvedimento(R, 60000, D(2024, 12, 16), D(2025, 1, 20), D(2025, 6, 30), D(2026, 6, 30),
	                                         ES_DAYCOUNT_365, &rv, &err), ES_OK);
	ck_assert_int_eq(rv.days, 35);
	ck_assert_str_eq(rv.tier, "intermedio");
	ck_assert_int_eq(rv.frac_den, 9);
	ck_assert_int_eq(rv.sanction, 833);
	ck_assert_int_eq(rv.interest.amount, 127);
	ck_assert_int_eq(rv.total, 60960);
	/* the old regime, same 35 days (17 Jun -> 22 Jul 2024): 600 x 15 % / 9 = 10.00 */
	ck_assert_int_eq(es_penalty_ravvedimento(R, 60000, D(2024, 6, 17), D(2024, 7, 22), D(2025, 6, 30), D(2026, 6, 30),
	                                         ES_DAYCOUNT_365, &rv, &err), ES_OK);
	ck_assert_int_eq(rv.days, 35);
	ck_assert_int_eq(rv.sanction, 1000);
}
END_TEST

START_TEST(ravvedimento_tiers)
{
	es_ravvedimento rv;
	es_err err;
	es_date due = D(2024, 12, 16), decl = D(2025, 6, 30), next = D(2026, 6, 30);

	/* sprint, d = 5: 1000 x 12.5 % x 5/15 x 1/10 = 4.16667 -> 4.17 */
	ck_assert_int_eq(es_penalty_ravvedimento(R, 100000, due, due + 5, decl, next, ES_DAYCOUNT_365, &rv, &err), ES_OK);
	ck_assert_str_eq(rv.tier, "sprint");
	ck_assert_int_eq(rv.sanction, 417);
	/* breve, d = 20: 1000 x 12.5 % / 10 = 12.50 */
	ck_assert_int_eq(es_penalty_ravvedimento(R, 100000, due, due + 20, decl, next, ES_DAYCOUNT_365, &rv, &err), ES_OK);
	ck_assert_str_eq(rv.tier, "breve");
	ck_assert_int_eq(rv.sanction, 1250);
	/* annuale, d = 100 (26 Mar 2025 <= 30 Jun 2025): 1000 x 25 % / 8 = 31.25 */
	ck_assert_int_eq(es_penalty_ravvedimento(R, 100000, due, due + 100, decl, next, ES_DAYCOUNT_365, &rv, &err), ES_OK);
	ck_assert_str_eq(rv.tier, "annuale");
	ck_assert_int_eq(rv.sanction, 3125);
	/* after the declaration term (1 Jul 2025): oltre, 1000 x 25 % / 7 = 35.714 -> 35.71 */
	ck_assert_int_eq(es_penalty_ravvedimento(R, 100000, due, D(2025, 7, 1), decl, next, ES_DAYCOUNT_365, &rv, &err), ES_OK);
	ck_assert_str_eq(rv.tier, "oltre");
	ck_assert_int_eq(rv.sanction, 3571);
	/* pre-reform, after DECL but before DECL_NEXT: biennale 1/7 of 30 %: 1000 x 30 % / 7 = 42.857 -> 42.86 */
	ck_assert_int_eq(es_penalty_ravvedimento(R, 100000, D(2024, 6, 17), D(2025, 7, 1), decl, next, ES_DAYCOUNT_365, &rv, &err), ES_OK);
	ck_assert_str_eq(rv.tier, "biennale");
	ck_assert_int_eq(rv.sanction, 4286);
	/* and beyond DECL_NEXT: oltre 1/6 of 30 % = 50.00 */
	ck_assert_int_eq(es_penalty_ravvedimento(R, 100000, D(2024, 6, 17), D(2026, 7, 1), decl, next, ES_DAYCOUNT_365, &rv, &err), ES_OK);
	ck_assert_str_eq(rv.tier, "oltre");
	ck_assert_int_eq(rv.sanction, 5000);
	/* a payment on time is not a ravvedimento */
	ck_assert_int_eq(es_penalty_ravvedimento(R, 100000, due, due, decl, next, ES_DAYCOUNT_365, &rv, &err), ES_EDATA);
}
END_TEST

START_TEST(declaration)
{
	es_decl_sanction s;
	es_err err;

	/* IMU 2023 omessa: 100 % of 40.00 = 40.00 < the 50.00 floor -> 50.00; on acquiescence 1/3: 16.67 */
	ck_assert_int_eq(es_penalty_declaration_sanction(R, "IMU", 2023, "omessa_dichiarazione", 4000, -1, false, &s, &err), ES_OK);
	ck_assert_str_eq(s.regime, "imu_2020");
	ck_assert_int_eq(s.amount, 5000);
	ck_assert_int_eq(es_penalty_declaration_sanction(R, "IMU", 2023, "omessa_dichiarazione", 4000, -1, true, &s, &err), ES_OK);
	ck_assert_int_eq(s.amount, 1667);
	/* 150 % of 1000.00 = 1500.00; acquiescence 500.00 */
	ck_assert_int_eq(es_penalty_declaration_sanction(R, "IMU", 2023, "omessa_dichiarazione", 100000, 1500000, true, &s, &err), ES_OK);
	ck_assert_int_eq(s.before_reduction, 150000);
	ck_assert_int_eq(s.amount, 50000);
	/* infedele: 50..100 %; 150 % is out of range */
	ck_assert_int_eq(es_penalty_declaration_sanction(R, "IMU", 2023, "infedele_dichiarazione", 100000, 1500000, false, &s, &err), ES_ECONFIG);
	/* TARI questionario: fixed 100.00 minimum */
	ck_assert_int_eq(es_penalty_declaration_sanction(R, "TARI", 2023, "questionario", 0, -1, false, &s, &err), ES_OK);
	ck_assert_int_eq(s.amount, 10000);
	/* IMU 2018: the D.Lgs. 504/1992 regime, floor 51.00 */
	ck_assert_int_eq(es_penalty_declaration_sanction(R, "IMU", 2018, "omessa_dichiarazione", 1000, -1, false, &s, &err), ES_OK);
	ck_assert_str_eq(s.regime, "ici_imu_2012_2019");
	ck_assert_int_eq(s.amount, 5100);
}
END_TEST

START_TEST(notification)
{
	es_cents c;
	es_err err;

	ck_assert_int_eq(es_penalty_notification_cost(R, "pec", D(2025, 6, 30), &c, NULL, &err), ES_OK);
	ck_assert_int_eq(c, 200);
	ck_assert_int_eq(es_penalty_notification_cost(R, "ar", D(2025, 6, 30), &c, NULL, &err), ES_OK);
	ck_assert_int_eq(c, 783);
	ck_assert_int_eq(es_penalty_notification_cost(R, "messo", D(2025, 6, 30), &c, NULL, &err), ES_OK);
	ck_assert_int_eq(c, 1155);
	/* SEND has no amount in the table: never invented */
	ck_assert_int_eq(es_penalty_notification_cost(R, "send", D(2025, 6, 30), &c, NULL, &err), ES_ECONFIG);
	/* before the DM 14/4/2023 was in force */
	ck_assert_int_eq(es_penalty_notification_cost(R, "pec", D(2023, 5, 13), &c, NULL, &err), ES_ECONFIG);
}
END_TEST

/* law.md §8.6. */
START_TEST(terms_86)
{
	es_term t;
	es_date decl;
	es_err err;

	/* IMU 2022 omesso versamento: 31 Dec 2027 */
	ck_assert_int_eq(es_terms_decadenza(R, "decadenza_versamento", 2022, D(2022, 12, 16), true, &t, &err), ES_OK);
	ck_assert_int_eq(t.deadline, D(2027, 12, 31));
	ck_assert_int_eq(t.shift_days, 0);
	/* IMU 2022 omessa dichiarazione: due 30 Jun 2023 -> 31 Dec 2028 */
	ck_assert_int_eq(es_terms_declaration_due(R, "IMU", 2022, &decl, NULL, &err), ES_OK);
	ck_assert_int_eq(decl, D(2023, 6, 30));
	ck_assert_int_eq(es_terms_decadenza(R, "decadenza_dichiarazione", 2023, decl, true, &t, &err), ES_OK);
	ck_assert_int_eq(t.deadline, D(2028, 12, 31));
	/* IMU 2015 omesso versamento: 31 Dec 2020 + 85 = 26 Mar 2021 (31 + 28 + 26) */
	ck_assert_int_eq(es_terms_decadenza(R, "decadenza_versamento", 2015, D(2015, 12, 16), true, &t, &err), ES_OK);
	ck_assert_int_eq(t.ordinary, D(2020, 12, 31));
	ck_assert_int_eq(t.deadline, D(2021, 3, 26));
	ck_assert_int_eq(t.shift_days, 85);
	/* without the shift */
	ck_assert_int_eq(es_terms_decadenza(R, "decadenza_versamento", 2015, D(2015, 12, 16), false, &t, &err), ES_OK);
	ck_assert_int_eq(t.deadline, D(2020, 12, 31));
	/* IMU 2015 declaration (due 30 Jun 2016): 31 Dec 2021 + 85 = 26 Mar 2022 */
	ck_assert_int_eq(es_terms_decadenza(R, "decadenza_dichiarazione", 2016, D(2016, 6, 30), true, &t, &err), ES_OK);
	ck_assert_int_eq(t.deadline, D(2022, 3, 26));
	/* IMU 2014: ended 31 Dec 2019, before 8 Mar 2020: not shifted */
	ck_assert_int_eq(es_terms_decadenza(R, "decadenza_versamento", 2014, D(2014, 12, 16), true, &t, &err), ES_OK);
	ck_assert_int_eq(t.deadline, D(2019, 12, 31));
	/* IMU 2020: started after 8 Mar 2020: not shifted */
	ck_assert_int_eq(es_terms_decadenza(R, "decadenza_versamento", 2020, D(2020, 12, 16), true, &t, &err), ES_OK);
	ck_assert_int_eq(t.deadline, D(2025, 12, 31));
}
END_TEST

START_TEST(params)
{
	int64_t v, lo, hi, days;
	es_cents min;
	es_err err;

	ck_assert_int_eq(es_penalty_param(R, "tax_interest_spread_pts", &v, &lo, &hi, NULL, &err), ES_OK);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(lo, -30000);
	ck_assert_int_eq(hi, 30000);
	ck_assert_int_eq(es_penalty_param(R, "no_such_parameter", &v, NULL, NULL, NULL, &err), ES_ECONFIG);
	ck_assert_int_eq(es_penalty_esecutivo(R, "min_amount", NULL, &min, NULL, &err), ES_OK);
	ck_assert_int_eq(min, 1200);
	ck_assert_int_eq(es_penalty_esecutivo(R, "payment_term", &days, NULL, NULL, &err), ES_OK);
	ck_assert_int_eq(days, 60);
	ck_assert_int_eq(es_penalty_evasion_rule(R, "surface_pct_of_cadastral", "TARI", &v, NULL, &err), ES_OK);
	ck_assert_int_eq(v, 800000);
}
END_TEST

START_TEST(exact_rounding)
{
	/* half away from zero */
	ck_assert_int_eq(es_exact_round(ES_EXACT_DEN / 2), 1);
	ck_assert_int_eq(es_exact_round(ES_EXACT_DEN / 2 - 1), 0);
	ck_assert_int_eq(es_exact_round(-ES_EXACT_DEN / 2), -1);
	ck_assert_int_eq(es_exact_round(3 * ES_EXACT_DEN), 3);
}
END_TEST

Suite *
make_suite_penalty(void)
{
	Suite *s = suite_create("penalty");
	TCase *tc = tcase_create("penalty");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, interest_81);
	tcase_add_test(tc, interest_81_actual);
	tcase_add_test(tc, interest_81_spread);
	tcase_add_test(tc, interest_none_and_negative_spread);
	tcase_add_test(tc, interest_three_years);
	tcase_add_test(tc, interest_no_rate);
	tcase_add_test(tc, sanction_82);
	tcase_add_test(tc, sanction_boundaries);
	tcase_add_test(tc, ravvedimento_83);
	tcase_add_test(tc, ravvedimento_tiers);
	tcase_add_test(tc, declaration);
	tcase_add_test(tc, notification);
	tcase_add_test(tc, terms_86);
	tcase_add_test(tc, params);
	tcase_add_test(tc, exact_rounding);
	suite_add_tcase(s, tc);
	return s;
}
