/* t_fcde.c: the FCDE averages of D.Lgs. 118/2011 All. 4/2 esempio 5 on a
 * hand-computed case. */
#include "es_setup.h"

#include "unit.h"
#include "domain/fcde.h"

Suite *make_suite_fcde(void);

START_TEST(weights)
{
	int64_t w[ES_FCDE_YEARS];
	es_err err;

	ck_assert_msg(es_fcde_weights_load(w, &err) == ES_OK, "%s", err.msg);
	ck_assert_int_eq(w[0], 10);
	ck_assert_int_eq(w[2], 10);
	ck_assert_int_eq(w[3], 35);
	ck_assert_int_eq(w[4], 35);
}
END_TEST

START_TEST(example)
{
	/* accertato 1000, 1000, 2000, 1000, 2000; riscosso 800, 700, 1500, 900, 1000 */
	const es_fcde_year y[ES_FCDE_YEARS] = {
		{ 2020, 100000, 80000 }, { 2021, 100000, 70000 }, { 2022, 200000, 150000 },
		{ 2023, 100000, 90000 }, { 2024, 200000, 100000 } };
	const int64_t w[ES_FCDE_YEARS] = { 10, 10, 10, 35, 35 };
	es_fcde_ratios r;

	ck_assert_int_eq(es_fcde_compute(y, w, &r, NULL), ES_OK);
	ck_assert_int_eq(r.yearly[0], 800000);      /* 80.0000 % */
	ck_assert_int_eq(r.yearly[4], 500000);      /* 50.0000 % */
	ck_assert_int_eq(r.simple_totals, 700000);  /* 4900 / 7000 = 70 % */
	ck_assert_int_eq(r.simple_ratios, 730000);  /* 365 / 5 = 73 % */
	/* 965 / 1450 = 0.6655172413.. -> 66.5517 % */
	ck_assert_int_eq(r.weighted_totals, 665517);
	/* 0.1 x 225 + 0.35 x 140 = 71.5 % */
	ck_assert_int_eq(r.weighted_ratios, 715000);
}
END_TEST

START_TEST(thirds)
{
	/* yearly ratios of 1/3: each 33.3333 %; the mean of exact thirds is
	 * 33.33333.. -> 33.3333 (not the sum of rounded terms) */
	const es_fcde_year y[ES_FCDE_YEARS] = {
		{ 2020, 300, 100 }, { 2021, 300, 100 }, { 2022, 300, 100 }, { 2023, 300, 100 }, { 2024, 300, 200 } };
	const int64_t w[ES_FCDE_YEARS] = { 10, 10, 10, 35, 35 };
	es_fcde_ratios r;

	ck_assert_int_eq(es_fcde_compute(y, w, &r, NULL), ES_OK);
	ck_assert_int_eq(r.yearly[0], 333333);
	ck_assert_int_eq(r.yearly[4], 666667);       /* 66.66666.. -> 66.6667 */
	/* (4 x 1/3 + 2/3) / 5 = 2/5 = 40 % */
	ck_assert_int_eq(r.simple_ratios, 400000);
	/* 0.3 x 1/3 + 0.35 x 1/3 + 0.35 x 2/3 = 0.1 + 0.11666.. + 0.23333.. = 0.45 */
	ck_assert_int_eq(r.weighted_ratios, 450000);
}
END_TEST

START_TEST(refusals)
{
	es_fcde_year y[ES_FCDE_YEARS] = {
		{ 2020, 100, 50 }, { 2021, 0, 0 }, { 2022, 100, 50 }, { 2023, 100, 50 }, { 2024, 100, 50 } };
	const int64_t w[ES_FCDE_YEARS] = { 10, 10, 10, 35, 35 };
	es_fcde_ratios r;
	es_err err;

	ck_assert_int_eq(es_fcde_compute(y, w, &r, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "year 2021: no accertato");
	y[1].accertato = 100;
	y[1].year = 2025;
	ck_assert_int_eq(es_fcde_compute(y, w, &r, NULL), ES_EDATA);
}
END_TEST

Suite *
make_suite_fcde(void)
{
	Suite *s = suite_create("fcde");
	TCase *tc = tcase_create("fcde");

	tcase_add_test(tc, weights);
	tcase_add_test(tc, example);
	tcase_add_test(tc, thirds);
	tcase_add_test(tc, refusals);
	suite_add_tcase(s, tc);
	return s;
}
