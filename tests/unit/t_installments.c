/* t_installments: instalment bands, schedules and lapse (L. 160/2019 cc.
 * 796-802), every expected value computed by hand in the comments. */
#include "es_setup.h"
#include "unit.h"

#include "domain/installments.h"

Suite *make_suite_installments(void);

static es_installments_rules *R;
static es_penalty_rules *P;

static void
setup(void)
{
	es_err err;

	R = es_installments_rules_load(NULL, &err);
	ck_assert_msg(R != NULL, "%s", err.msg);
	P = es_penalty_rules_load(&err);
	ck_assert_msg(P != NULL, "%s", err.msg);
}

static void
teardown(void)
{
	es_installments_rules_free(R);
	es_penalty_rules_free(P);
}

static es_date
d(int y, int m, int dd)
{
	return es_date_from_ymd(y, m, dd);
}

/* law.md §3.1 and §8.5 boundary checks, compared in integer cents (C7). */
START_TEST(band_edges)
{
	static const struct { es_cents debt; es_rc rc; int min, max; } cases[] = {
		{ 10000, ES_EDATA, 0, 0 },        /* 100.00: no instalments */
		{ 10001, ES_OK, 2, 4 },           /* 100.01: up to 4 */
		{ 50000, ES_OK, 2, 4 },           /* 500.00: up to 4 */
		{ 50001, ES_OK, 5, 12 },          /* 500.01: 5-12 */
		{ 300000, ES_OK, 5, 12 },         /* 3,000.00 */
		{ 300001, ES_OK, 13, 24 },        /* 3,000.01 */
		{ 450000, ES_OK, 13, 24 },        /* 4,500.00 (§8.5: 300,001 <= 450,000 <= 600,000) */
		{ 600000, ES_OK, 13, 24 },        /* 6,000.00 */
		{ 600001, ES_OK, 25, 36 },        /* 6,000.01 */
		{ 2000000, ES_OK, 25, 36 },       /* 20,000.00 */
		{ 2000001, ES_OK, 37, 72 },       /* 20,000.01 */
		{ 1, ES_EDATA, 0, 0 },            /* 0.01 */
	};
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(cases); i++) {
		es_installments_band b;
		es_err err;
		es_rc rc = es_installments_band_of(R, cases[i].debt, &b, &err);

		ck_assert_msg(rc == cases[i].rc, "debt %lld: rc %d", (long long)cases[i].debt, rc);
		if (rc == ES_OK) {
			ck_assert_int_eq(b.min, cases[i].min);
			ck_assert_int_eq(b.max, cases[i].max);
		} else {
			ck_assert_msg(strstr(err.msg, "c. 796") != NULL || strstr(err.msg, "no instalment band") != NULL,
			              "%s", err.msg);
		}
	}
}
END_TEST

START_TEST(refusals)
{
	es_installments_plan p;
	es_err err;

	/* 100.00: "no instalments" with the reason. */
	ck_assert_int_eq(es_installments_plan_build(R, P, 10000, d(2025, 3, 10), 0, 0, ES_DAYCOUNT_365, &p, &err),
	                 ES_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot be paid in instalments"));
	/* 500.00 in 5: the band allows 2 to 4. */
	ck_assert_int_eq(es_installments_plan_build(R, P, 50000, d(2025, 3, 10), 5, 0, ES_DAYCOUNT_365, &p, &err),
	                 ES_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "allows 2 to 4 monthly instalments, not 5"));
	/* 500.01 in 4: the band 5-12 starts at 5. */
	ck_assert_int_eq(es_installments_plan_build(R, P, 50001, d(2025, 3, 10), 4, 0, ES_DAYCOUNT_365, &p, &err),
	                 ES_EDATA);
	/* 20,000.01 in 73: above 72. */
	ck_assert_int_eq(es_installments_plan_build(R, P, 2000001, d(2025, 3, 10), 73, 0, ES_DAYCOUNT_365, &p, &err),
	                 ES_EDATA);
	/* A spread of 2.5 points is outside 0..2 (c. 802). */
	ck_assert_int_eq(es_installments_plan_build(R, P, 450000, d(2025, 3, 10), 13, 25000, ES_DAYCOUNT_365, &p, &err),
	                 ES_ECONFIG);
}
END_TEST

/* §8.5: 4,500.00 in 24 = 187.50 each exactly; in 13: 12 x 346.15 =
 * 4,153.80 and the last 4,500.00 - 4,153.80 = 346.20 (C3). */
START_TEST(split_8_5)
{
	es_installments_plan p;
	es_err err;
	size_t i;

	ck_assert_int_eq(es_installments_plan_build(R, P, 450000, d(2025, 3, 10), 24, 0, ES_DAYCOUNT_365, &p, &err), ES_OK);
	ck_assert_uint_eq(p.n, 24);
	for (i = 0; i < 24; i++)
		ck_assert_int_eq(p.inst[i].principal, 18750);
	es_installments_plan_free(&p);
	ck_assert_int_eq(es_installments_plan_build(R, P, 450000, d(2025, 3, 10), 13, 0, ES_DAYCOUNT_365, &p, &err), ES_OK);
	for (i = 0; i < 12; i++)
		ck_assert_int_eq(p.inst[i].principal, 34615);
	ck_assert_int_eq(p.inst[12].principal, 34620);
	/* Due on the last day of each month after the grant (c. 801). */
	ck_assert_int_eq(p.inst[0].due_date, d(2025, 4, 30));
	ck_assert_int_eq(p.inst[10].due_date, d(2026, 2, 28));
	ck_assert_int_eq(p.inst[12].due_date, d(2026, 4, 30));
	/* Interest of instalment 1: 346.15 from 11 Mar to 30 Apr 2025 = 21 + 30
	 * = 51 days at 2.0 %: 346.15 x 0.02 x 51/365 = 0.96733 -> 0.97. */
	ck_assert_int_eq(p.inst[0].interest, 97);
	ck_assert_int_eq(p.inst[0].amount, 34712);
	/* Instalment 10, due 31 Jan 2026: from 11 Mar 2025 = 21 + 30 + 31 + 30 +
	 * 31 + 31 + 30 + 31 + 30 + 31 + 31 = 327 days, at the 2.0 % in force on
	 * the grant date (fixed for the plan): 346.15 x 0.02 x 327/365 =
	 * 6.20224 -> 6.20. */
	ck_assert_int_eq(p.inst[9].due_date, d(2026, 1, 31));
	ck_assert_int_eq(p.inst[9].interest, 620);
	/* Instalment 13, due 30 Apr 2026: 327 + 28 + 31 + 30 = 416 days:
	 * 346.20 x 0.02 x 416/365 = 7.89146 -> 7.89. */
	ck_assert_int_eq(p.inst[12].interest, 789);
	ck_assert_int_eq(p.inst[12].amount, 34620 + 789);
	es_installments_plan_free(&p);
}
END_TEST

/* Default number of instalments: the band's maximum; a grant on 31 Jan
 * falls due on 28 Feb, then 31 Mar. */
START_TEST(defaults_and_month_ends)
{
	es_installments_plan p;
	es_err err;

	ck_assert_int_eq(es_installments_plan_build(R, P, 40000, d(2025, 1, 31), 0, 0, ES_DAYCOUNT_365, &p, &err), ES_OK);
	ck_assert_uint_eq(p.n, 4);
	ck_assert_int_eq(p.inst[0].due_date, d(2025, 2, 28));
	ck_assert_int_eq(p.inst[1].due_date, d(2025, 3, 31));
	ck_assert_int_eq(p.inst[0].principal, 10000);  /* 400.00 / 4 */
	/* Spread +2 points: instalment 1, 28 days (1-28 Feb) at 4 %:
	 * 100.00 x 0.04 x 28/365 = 0.30685 -> 0.31. */
	es_installments_plan_free(&p);
	ck_assert_int_eq(es_installments_plan_build(R, P, 40000, d(2025, 1, 31), 4, 20000, ES_DAYCOUNT_365, &p, &err),
	                 ES_OK);
	ck_assert_int_eq(p.inst[0].interest, 31);
	es_installments_plan_free(&p);
}
END_TEST

/* Six instalments of 100.00 + 1.00 interest due at the end of Jan..Jun
 * 2025; #1 and #3 paid, #2 (28 Feb) and #4 (30 Apr) unpaid. */
static void
six(es_installment *in)
{
	int k;

	for (k = 0; k < 6; k++) {
		in[k].number = k + 1;
		in[k].due_date = es_date_end_of_month(d(2025, k + 1, 1));
		in[k].principal = 10000;
		in[k].interest = 100;
		in[k].amount = 10100;
		in[k].paid = (k == 0 || k == 2) ? 10100 : 0;
	}
}

START_TEST(lapse)
{
	es_installment in[6];
	es_installments_lapse lp;
	es_err err;

	six(in);
	/* Reminder on 10 Mar (after #2 fell due), checked on 15 May: #2 and #4
	 * unpaid within 6 months of 28 Feb (until 28 Aug) -> lapsed on the later
	 * of 30 Apr and 10 Mar = 30 Apr.  Balance: #2 and #4 with interest
	 * (101.00 each, due by the lapse) + #5 and #6 principal only (100.00
	 * each) = 402.00. */
	ck_assert_int_eq(es_installments_check_lapse(R, in, 6, d(2025, 3, 10), d(2025, 5, 15), &lp, &err), ES_OK);
	ck_assert(lp.lapsed);
	ck_assert_int_eq(lp.unpaid, 2);
	ck_assert_int_eq(lp.first_unpaid, 2);
	ck_assert_int_eq(lp.second_unpaid, 4);
	ck_assert_int_eq(lp.lapsed_on, d(2025, 4, 30));
	ck_assert_int_eq(lp.balance, 40200);
	/* No reminder: not lapsed (c. 800 wants an express sollecito). */
	ck_assert_int_eq(es_installments_check_lapse(R, in, 6, ES_DATE_NONE, d(2025, 5, 15), &lp, &err), ES_OK);
	ck_assert(!lp.lapsed);
	ck_assert_int_eq(lp.unpaid, 2);
	ck_assert_ptr_nonnull(strstr(lp.reason, "no reminder"));
	/* A reminder sent before any instalment was missed does not count. */
	ck_assert_int_eq(es_installments_check_lapse(R, in, 6, d(2025, 2, 1), d(2025, 5, 15), &lp, &err), ES_OK);
	ck_assert(!lp.lapsed);
	/* On 30 Apr itself #4 is not overdue yet: one unpaid only. */
	ck_assert_int_eq(es_installments_check_lapse(R, in, 6, d(2025, 3, 10), d(2025, 4, 30), &lp, &err), ES_OK);
	ck_assert(!lp.lapsed);
	ck_assert_int_eq(lp.unpaid, 1);
	/* #4 paid late but paid: one unpaid, no lapse. */
	in[3].paid = 10100;
	ck_assert_int_eq(es_installments_check_lapse(R, in, 6, d(2025, 3, 10), d(2025, 5, 15), &lp, &err), ES_OK);
	ck_assert(!lp.lapsed);
}
END_TEST

/* Two unpaid more than 6 months apart do not lapse the plan. */
START_TEST(lapse_window)
{
	es_installment in[12];
	es_installments_lapse lp;
	es_err err;
	int k;

	for (k = 0; k < 12; k++) {
		in[k].number = k + 1;
		in[k].due_date = es_date_end_of_month(d(2025, k + 1, 1));
		in[k].principal = in[k].amount = 10000;
		in[k].interest = 0;
		in[k].paid = 10000;
	}
	/* #2 due 28 Feb and #10 due 31 Oct: 28 Feb + 6 months = 28 Aug < 31 Oct. */
	in[1].paid = 0;
	in[9].paid = 0;
	ck_assert_int_eq(es_installments_check_lapse(R, in, 12, d(2025, 3, 10), d(2025, 11, 15), &lp, &err), ES_OK);
	ck_assert(!lp.lapsed);
	ck_assert_int_eq(lp.unpaid, 2);
	/* #2 and #8 (31 Aug): 31 Aug > 28 Aug, still outside. */
	in[9].paid = 10000;
	in[7].paid = 0;
	ck_assert_int_eq(es_installments_check_lapse(R, in, 12, d(2025, 3, 10), d(2025, 11, 15), &lp, &err), ES_OK);
	ck_assert(!lp.lapsed);
	/* #2 and #7 (31 Jul): inside. */
	in[7].paid = 10000;
	in[6].paid = 0;
	ck_assert_int_eq(es_installments_check_lapse(R, in, 12, d(2025, 3, 10), d(2025, 11, 15), &lp, &err), ES_OK);
	ck_assert(lp.lapsed);
	ck_assert_int_eq(lp.lapsed_on, d(2025, 7, 31));
}
END_TEST

Suite *
make_suite_installments(void)
{
	Suite *s = suite_create("installments");
	TCase *tc = tcase_create("installments");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, band_edges);
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, split_8_5);
	tcase_add_test(tc, defaults_and_month_ends);
	tcase_add_test(tc, lapse);
	tcase_add_test(tc, lapse_window);
	suite_add_tcase(s, tc);
	return s;
}
