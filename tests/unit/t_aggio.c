/* t_aggio.c: fees, cumulative shares of an act's components, rate lists and
 * tender scores, each value computed by hand in the comment beside it. */
#include "es_setup.h"

#include "unit.h"
#include "domain/aggio.h"

Suite *make_suite_aggio(void);

START_TEST(fee_half_up)
{
	es_cents fee;

	/* 1250.50 x 1 % = 12.505 -> 12.51 (half up) */
	ck_assert_int_eq(es_aggio_fee(125050, 10000, &fee, NULL), ES_OK);
	ck_assert_int_eq(fee, 1251);
	/* 1084.60 x 11 % = 119.306 -> 119.31 */
	ck_assert_int_eq(es_aggio_fee(108460, 110000, &fee, NULL), ES_OK);
	ck_assert_int_eq(fee, 11931);
	/* 579.31 x 11 % = 63.7241 -> 63.72 */
	ck_assert_int_eq(es_aggio_fee(57931, 110000, &fee, NULL), ES_OK);
	ck_assert_int_eq(fee, 6372);
}
END_TEST

START_TEST(share_cumulative)
{
	es_cents a, b;

	/* act 1123.35 with oneri 30.00: 600.00 then 523.35.
	 * round(600.00 x 30.00 / 1123.35) = round(16.0235) = 16.02; the rest 13.98. */
	ck_assert_int_eq(es_aggio_share(0, 60000, 112335, 3000, &a, NULL), ES_OK);
	ck_assert_int_eq(a, 1602);
	ck_assert_int_eq(es_aggio_share(60000, 52335, 112335, 3000, &b, NULL), ES_OK);
	ck_assert_int_eq(b, 1398);
	/* an overpayment carries nothing more once the act is paid */
	ck_assert_int_eq(es_aggio_share(112335, 1000, 112335, 3000, &a, NULL), ES_OK);
	ck_assert_int_eq(a, 0);
	/* no act total: nothing */
	ck_assert_int_eq(es_aggio_share(0, 1000, 0, 3000, &a, NULL), ES_OK);
	ck_assert_int_eq(a, 0);
}
END_TEST

START_TEST(acc_lines)
{
	es_aggio_rules rules;
	es_aggio_acc *acc;
	const es_aggio_line *l;
	size_t n;
	int64_t rates[3] = { 10000, 110000, 50000 };
	es_err err;

	ck_assert_msg(es_aggio_rules_load(&rules, &err) == ES_OK, "%s", err.msg);
	ck_assert(rules.svc[1].excludes_charges && rules.svc[1].excludes_costs);
	ck_assert_int_eq(rules.svc[0].tender_weight + rules.svc[1].tender_weight + rules.svc[2].tender_weight, 30);
	acc = es_aggio_acc_new(ES_AGGIO_QUARTER, &err);
	ck_assert_ptr_nonnull(acc);
	/* S2 in Q1: 1123.35 with oneri 30.00 and costs 8.75: base 1084.60, fee 119.31,
	 * VAT 22 % 26.2482 -> 26.25 */
	ck_assert_int_eq(es_aggio_acc_add(acc, es_date_from_ymd(2025, 2, 20), ES_AGGIO_S2, 112335, 3000, 875, &err),
	                 ES_OK);
	ck_assert_int_eq(es_aggio_acc_add(acc, es_date_from_ymd(2025, 1, 15), ES_AGGIO_S1, 100000, 0, 0, &err), ES_OK);
	ck_assert_int_eq(es_aggio_acc_finish(acc, &rules, rates, 220000, &l, &n, &err), ES_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(l[0].period, "2025-Q1");
	ck_assert_int_eq(l[0].service, ES_AGGIO_S1);
	ck_assert_int_eq(l[0].fee, 1000);
	ck_assert_int_eq(l[1].excluded, 3875);
	ck_assert_int_eq(l[1].base, 108460);
	ck_assert_int_eq(l[1].fee, 11931);
	ck_assert_int_eq(l[1].vat, 2625);
	es_aggio_acc_free(acc);
}
END_TEST

START_TEST(rates_and_periods)
{
	int64_t r[3] = { 0 };
	bool set[3] = { false };
	char buf[ES_AGGIO_LABEL_SZ];
	es_aggio_period p;

	ck_assert_int_eq(es_aggio_rates_parse("S1=1,s2=11.5,S3=5", r, set, NULL), ES_OK);
	ck_assert_int_eq(r[0], 10000);
	ck_assert_int_eq(r[1], 115000);
	ck_assert(set[2]);
	ck_assert_int_eq(es_aggio_rates_parse("S1=101", r, set, NULL), ES_ECONFIG);
	ck_assert_int_eq(es_aggio_rates_parse("S1", r, set, NULL), ES_ECONFIG);
	ck_assert_int_eq(es_aggio_period_parse("quarter", &p, NULL), ES_OK);
	ck_assert_str_eq(es_aggio_period_label(es_date_from_ymd(2025, 12, 31), p, buf), "2025-Q4");
	ck_assert_str_eq(es_aggio_period_label(es_date_from_ymd(2025, 4, 1), ES_AGGIO_MONTH, buf), "2025-04");
	ck_assert_int_eq(es_aggio_period_parse("week", &p, NULL), ES_ECONFIG);
}
END_TEST

START_TEST(tender_scores)
{
	es_aggio_rules rules;
	/* A1min 0.80, A2min 9.00, A3min 4.00 */
	const int64_t offers[4][3] = {
		{ 10000, 100000, 50000 },   /* 4.8 + 10.8 + 9.6 = 25.200 */
		{ 8000, 110000, 40000 },    /* 6 + 108/11 + 12 = 27.8181.. -> 27.818 */
		{ 12000, 90000, 60000 },    /* 4 + 12 + 8 = 24.000 */
		{ 12000, 90000, 60000 },    /* equal to the third: same rank */
	};
	es_aggio_score s[4];
	es_err err;

	ck_assert_int_eq(es_aggio_rules_load(&rules, &err), ES_OK);
	ck_assert_int_eq(es_aggio_score_bids(offers, 4, &rules, 1000000, s, &err), ES_OK);
	ck_assert_int_eq(s[0].points, 25200);
	ck_assert_int_eq(s[1].points, 27818);
	ck_assert_int_eq(s[1].term[1], 9818);
	ck_assert_int_eq(s[2].points, 24000);
	ck_assert_int_eq(s[1].rank, 1);
	ck_assert_int_eq(s[0].rank, 2);
	ck_assert_int_eq(s[2].rank, 3);
	ck_assert_int_eq(s[3].rank, 3);
	/* an offer above the maximum is refused */
	ck_assert_int_eq(es_aggio_score_bids(offers, 4, &rules, 100000, s, &err), ES_EDATA);
}
END_TEST

START_TEST(tender_close_scores)
{
	es_aggio_rules rules;
	/* Scores that agree to many decimals are still ordered exactly:
	 * X: 6 + 12x9/9.0001 + 12  = 29.99866..;  Y: 6 + 12 + 12x4/4.0001 = 29.9970..
	 * (A2min 9.0000 from Y, A3min 4.0000 from X) */
	const int64_t offers[2][3] = { { 10000, 90001, 40000 }, { 10000, 90000, 40001 } };
	es_aggio_score s[2];

	ck_assert_int_eq(es_aggio_rules_load(&rules, NULL), ES_OK);
	ck_assert_int_eq(es_aggio_score_bids(offers, 2, &rules, 1000000, s, NULL), ES_OK);
	/* X: 12 x 90000/90001 = 11.99986.. -> total 29.99986.. -> 30.000;
	 * Y: 12 x 40000/40001 = 11.99970.. -> total 29.99970.. -> 30.000 */
	ck_assert_int_eq(s[0].points, 30000);
	ck_assert_int_eq(s[1].points, 30000);
	ck_assert_int_eq(s[0].rank, 1);
	ck_assert_int_eq(s[1].rank, 2);
}
END_TEST

Suite *
make_suite_aggio(void)
{
	Suite *s = suite_create("aggio");
	TCase *tc = tcase_create("aggio");

	tcase_add_test(tc, fee_half_up);
	tcase_add_test(tc, share_cumulative);
	tcase_add_test(tc, acc_lines);
	tcase_add_test(tc, rates_and_periods);
	tcase_add_test(tc, tender_scores);
	tcase_add_test(tc, tender_close_scores);
	suite_add_tcase(s, tc);
	return s;
}
