/* t_imu.c: IMU on values (lib/domain/imu.c).  Every expected value is
 * computed by hand from L. 160/2019 and cadastre-imu-tari.md §2; the
 * arithmetic is in the comments. */
#include "es_setup.h"

#include <stdlib.h>

#include "unit.h"
#include "domain/imu.h"

static es_date
D(int y, int m, int d)
{
	return es_date_from_ymd(y, m, d);
}

/* bit of month m */
#define M(m) ((uint16_t)(1u << ((m) - 1)))

START_TEST(months_full_year)
{
	/* held since before the year, still held: 12 months, 6 in January-June */
	uint16_t m = es_imu_months(ES_DATE_NONE, ES_DATE_NONE, 2025);

	ck_assert_uint_eq(m, 0x0fff);
	ck_assert_int_eq(es_imu_mask_count(m), 12);
	ck_assert_int_eq(es_imu_mask_count(m & ES_IMU_FIRST_HALF), 6);
	/* a title that started on 2019-03-01 is the same */
	ck_assert_uint_eq(es_imu_months(D(2019, 3, 1), ES_DATE_NONE, 2025), 0x0fff);
}
END_TEST

START_TEST(months_transfer_16th_31_day_month)
{
	/* §2.4 example 1: transfer on 16 May (31 days).  Seller holds 1-15 May =
	 * 15 days, 2 × 15 = 30 < 31: not the seller's.  Buyer holds 16-31 May =
	 * 16 days, 2 × 16 = 32 > 31: the buyer's.  Seller Jan-Apr = 4, buyer
	 * May-Dec = 8; the buyer's acconto months are May and June = 2. */
	uint16_t seller = es_imu_months(ES_DATE_NONE, D(2025, 5, 16), 2025);
	uint16_t buyer = es_imu_months(D(2025, 5, 16), ES_DATE_NONE, 2025);

	ck_assert_int_eq(es_imu_mask_count(seller), 4);
	ck_assert_int_eq(es_imu_mask_count(buyer), 8);
	ck_assert(buyer & M(5));
	ck_assert(!(seller & M(5)));
	ck_assert_int_eq(es_imu_mask_count(buyer & ES_IMU_FIRST_HALF), 2);
}
END_TEST

START_TEST(months_table_2_4)
{
	/* §2.4 worked examples: (transfer date, seller months, buyer months) */
	static const struct { int y, m, d, seller, buyer; } cases[] = {
		{ 2025, 11, 15, 10, 2 },   /* 2: seller 14 of 30, buyer 16 of 30 */
		{ 2025, 9, 16, 8, 4 },     /* 2b: 15/15 tie -> buyer */
		{ 2025, 2, 15, 1, 11 },    /* 3: 14/14 of 28, tie -> buyer */
		{ 2025, 2, 16, 2, 10 },    /* 3b: seller 15 of 28 */
		{ 2024, 2, 15, 1, 11 },    /* 3c: buyer 15 of 29 */
		{ 2024, 2, 16, 2, 10 },    /* 3d: seller 15 of 29 */
		{ 2025, 10, 17, 10, 2 },   /* 4: seller 16 of 31 */
		{ 2025, 4, 4, 3, 9 },      /* Fidenza FAQ: 4 April -> 3 / 9 */
		{ 2025, 5, 15, 4, 8 },     /* Fidenza FAQ: 15 May -> 4 / 8 */
	};
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(cases); i++) {
		es_date t = D(cases[i].y, cases[i].m, cases[i].d);

		ck_assert_int_eq(es_imu_mask_count(es_imu_months(ES_DATE_NONE, t, cases[i].y)), cases[i].seller);
		ck_assert_int_eq(es_imu_mask_count(es_imu_months(t, ES_DATE_NONE, cases[i].y)), cases[i].buyer);
	}
}
END_TEST

START_TEST(months_outside_year)
{
	/* sold on 1 January: the buyer has all of January (transfer day is his) */
	ck_assert_uint_eq(es_imu_months(ES_DATE_NONE, D(2025, 1, 1), 2025), 0);
	ck_assert_uint_eq(es_imu_months(D(2025, 1, 1), ES_DATE_NONE, 2025), 0x0fff);
	/* bought in 2026: nothing in 2025 */
	ck_assert_uint_eq(es_imu_months(D(2026, 3, 1), ES_DATE_NONE, 2025), 0);
}
END_TEST

START_TEST(months_split_by_use)
{
	es_date rf[2], rt[2];
	uint16_t w, wo;

	/* bought on 14 October 2025, resident from 22 October: October has 18
	 * days of possession, 8 as a second home (8 x 2 < 31) and 10 as a main
	 * home (10 x 2 < 31): the month goes to neither use (§2.4, the rule on
	 * each part); November and December are main home. */
	rf[0] = D(2025, 10, 22);
	rt[0] = ES_DATE_NONE;
	es_imu_months_split(D(2025, 10, 14), ES_DATE_NONE, rf, rt, 1, 2025, &w, &wo);
	ck_assert_uint_eq(w, M(11) | M(12));
	ck_assert_uint_eq(wo, 0);
	/* held all year, resident until 10 May (the day it ended), and again from
	 * 20 November: main home Jan-Apr (May: 9 days) and Dec (Nov: 11 of 30);
	 * not main home May (22 days) to November (19 days). */
	rf[0] = ES_DATE_NONE;
	rt[0] = D(2025, 5, 10);
	rf[1] = D(2025, 11, 20);
	rt[1] = ES_DATE_NONE;
	es_imu_months_split(ES_DATE_NONE, ES_DATE_NONE, rf, rt, 2, 2025, &w, &wo);
	ck_assert_uint_eq(w, M(1) | M(2) | M(3) | M(4) | M(12));
	ck_assert_uint_eq(wo, M(5) | M(6) | M(7) | M(8) | M(9) | M(10) | M(11));
	/* no condition: the plain c. 761 months */
	es_imu_months_split(D(2025, 5, 16), ES_DATE_NONE, NULL, NULL, 0, 2025, &w, &wo);
	ck_assert_uint_eq(w, 0);
	ck_assert_int_eq(es_imu_mask_count(wo), 8);
}
END_TEST

START_TEST(category_forms)
{
	char c[ES_IMU_CATBUFSZ];

	ck_assert_int_eq(es_imu_category_normalise("A02", c, NULL), ES_OK);
	ck_assert_str_eq(c, "A/2");
	ck_assert_int_eq(es_imu_category_normalise("a/10", c, NULL), ES_OK);
	ck_assert_str_eq(c, "A/10");
	ck_assert_int_eq(es_imu_category_normalise("D5", c, NULL), ES_OK);
	ck_assert_str_eq(c, "D/5");
	ck_assert_int_eq(es_imu_category_normalise("", c, NULL), ES_EDATA);
	ck_assert_int_eq(es_imu_category_normalise("A/", c, NULL), ES_EDATA);
	ck_assert_int_eq(es_imu_category_normalise("A/0", c, NULL), ES_EDATA);
	ck_assert(es_imu_category_luxury("A/8"));
	ck_assert(!es_imu_category_luxury("A/2"));
	ck_assert(!es_imu_category_dwelling("A/10"));
	ck_assert_int_eq(es_imu_pertinence_class("C/6"), 6);
	ck_assert_int_eq(es_imu_pertinence_class("C/1"), 0);
	ck_assert_int_eq(es_imu_use_for_category("D/10"), ES_IMU_USE_RURAL);
	ck_assert_int_eq(es_imu_use_for_category("D/1"), ES_IMU_USE_GROUP_D);
	ck_assert_int_eq(es_imu_use_for_category("C/1"), ES_IMU_USE_OTHER_BUILDINGS);
}
END_TEST

START_TEST(bases)
{
	es_cents b;

	/* §2.1: A/2 rendita 812,34 × 1,05 × 160 = 136.473,12 */
	ck_assert_int_eq(es_imu_base_building(81234, 10500, 160, &b, NULL), ES_OK);
	ck_assert_int_eq(b, 13647312);
	/* D/1 rendita 10.000 × 1,05 × 65 = 682.500,00 */
	ck_assert_int_eq(es_imu_base_building(1000000, 10500, 65, &b, NULL), ES_OK);
	ck_assert_int_eq(b, 68250000);
	/* land RD 13,87 × 1,25 × 135 = 2.340,5625 -> 2.340,56 */
	ck_assert_int_eq(es_imu_base_land(1387, 12500, 135, &b, NULL), ES_OK);
	ck_assert_int_eq(b, 234056);
}
END_TEST

START_TEST(tax_example_a)
{
	es_cents t;

	/* §2.6 example A: base 168.000,00 at 1,06 %, quota 1/2, 12 months:
	 * 168.000 × 0,0106 = 1.780,80; × 1/2 = 890,40 */
	ck_assert_int_eq(es_imu_tax(16800000, 10600, 1, 2, 12 * ES_IMU_FULL_MONTH, &t, NULL), ES_OK);
	ck_assert_int_eq(t, 89040);
	/* acconto: 6 months -> 445,20 */
	ck_assert_int_eq(es_imu_tax(16800000, 10600, 1, 2, 6 * ES_IMU_FULL_MONTH, &t, NULL), ES_OK);
	ck_assert_int_eq(t, 44520);
	/* variant: previous rate 0,96 % -> 168.000 × 0,0096 / 2 / 2 = 403,20 */
	ck_assert_int_eq(es_imu_tax(16800000, 9600, 1, 2, 6 * ES_IMU_FULL_MONTH, &t, NULL), ES_OK);
	ck_assert_int_eq(t, 40320);
	ck_assert_int_eq(es_money_round_euro(40320), 40300);
}
END_TEST

START_TEST(tax_example_b)
{
	es_cents t;

	/* §2.6 example B: base 136.473,12 at 1,06 % = 1.446,615072; × 1/2 × 8/12
	 * = 482,205024 -> 482,21; acconto × 1/2 × 2/12 = 120,551262 -> 120,55;
	 * saldo 482,21 - 120,55 = 361,66 (F24 362). */
	ck_assert_int_eq(es_imu_tax(13647312, 10600, 1, 2, 8 * ES_IMU_FULL_MONTH, &t, NULL), ES_OK);
	ck_assert_int_eq(t, 48221);
	ck_assert_int_eq(es_imu_tax(13647312, 10600, 1, 2, 2 * ES_IMU_FULL_MONTH, &t, NULL), ES_OK);
	ck_assert_int_eq(t, 12055);
	ck_assert_int_eq(es_money_round_euro(48221 - 12055), 36200);
	ck_assert_int_eq(es_money_round_euro(12055), 12100);
}
END_TEST

START_TEST(tax_group_d_split)
{
	es_cents st, co;

	/* §2.2: D/1 base 682.500 at 0,86 %, full year, 1/1:
	 * State 682.500 × 0,76 % = 5.187,00 (3925); comune × 0,10 % = 682,50 (3930) */
	ck_assert_int_eq(es_imu_tax(68250000, 7600, 1, 1, 12 * ES_IMU_FULL_MONTH, &st, NULL), ES_OK);
	ck_assert_int_eq(es_imu_tax(68250000, 8600 - 7600, 1, 1, 12 * ES_IMU_FULL_MONTH, &co, NULL), ES_OK);
	ck_assert_int_eq(st, 518700);
	ck_assert_int_eq(co, 68250);
	ck_assert_int_eq(es_money_round_euro(co), 68300);
}
END_TEST

START_TEST(reductions)
{
	es_imu_params p = { .factor_historic = 5000, .factor_unfit = 5000, .factor_lent = 5000,
	                    .factor_concordato = 7500 };
	es_imu_reductions red = { 0, 0, 0, 0 };
	es_cents t;

	/* no reduction: 12 × 10000 */
	ck_assert_int_eq(es_imu_factor_sum(0x0fff, &red, &p), 120000);
	/* unfit January-March: 3 × 5000 + 9 × 10000 = 105000 */
	red.unfit = M(1) | M(2) | M(3);
	ck_assert_int_eq(es_imu_factor_sum(0x0fff, &red, &p), 105000);
	/* plus concordato all year: 3 × 3750 + 9 × 7500 = 78750 */
	red.concordato = 0x0fff;
	ck_assert_int_eq(es_imu_factor_sum(0x0fff, &red, &p), 78750);
	/* base 100.000,00 at 1 %, 1/1: 1.000,00 × 78750 / 120000 = 656,25 */
	ck_assert_int_eq(es_imu_tax(10000000, 10000, 1, 1, 78750, &t, NULL), ES_OK);
	ck_assert_int_eq(t, 65625);
}
END_TEST

START_TEST(deduction)
{
	es_cents d;

	/* c. 749: €200 × 1/2 × 12/12 = 100,00; × 1/1 × 6/12 = 100,00; × 1/3 × 7/12 = 38,888 -> 38,89 */
	ck_assert_int_eq(es_imu_deduction(20000, 1, 2, 12, &d, NULL), ES_OK);
	ck_assert_int_eq(d, 10000);
	ck_assert_int_eq(es_imu_deduction(20000, 1, 1, 6, &d, NULL), ES_OK);
	ck_assert_int_eq(d, 10000);
	ck_assert_int_eq(es_imu_deduction(20000, 1, 3, 7, &d, NULL), ES_OK);
	ck_assert_int_eq(d, 3889);
}
END_TEST

START_TEST(bad_operands)
{
	es_cents t;
	es_err err;

	ck_assert_int_eq(es_imu_tax(100, 10000, 3, 2, 120000, &t, &err), ES_EDATA);
	ck_assert_int_eq(es_imu_tax(100, 10000, 1, 0, 120000, &t, &err), ES_EDATA);
	ck_assert_int_eq(es_imu_base_building(-1, 10500, 160, &t, &err), ES_EDATA);
}
END_TEST

START_TEST(tables)
{
	es_err err;
	es_imu_rules *r = es_imu_rules_load(&err);
	es_imu_params p;
	es_imu_right right;
	int64_t m;

	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(es_imu_params_get(r, 2025, &p, &err), ES_OK);
	ck_assert_int_eq(p.revaluation, 10500);
	ck_assert_int_eq(p.land_revaluation, 12500);
	ck_assert_int_eq(p.land_multiplier, 135);
	ck_assert_int_eq(p.state_rate_d, 7600);
	ck_assert_int_eq(p.main_home_deduction, 20000);
	ck_assert_int_eq(p.min_payment, 1200);
	ck_assert_int_eq(p.acconto_month, 6);
	ck_assert_int_eq(p.acconto_day, 16);
	ck_assert_int_eq(p.saldo_month, 12);
	/* c. 745 multipliers: the specific row beats the group */
	ck_assert_int_eq(es_imu_multiplier(r, "A/2", 2025, &m, NULL), ES_OK);
	ck_assert_int_eq(m, 160);
	ck_assert_int_eq(es_imu_multiplier(r, "A/10", 2025, &m, NULL), ES_OK);
	ck_assert_int_eq(m, 80);
	ck_assert_int_eq(es_imu_multiplier(r, "D/5", 2025, &m, NULL), ES_OK);
	ck_assert_int_eq(m, 80);
	ck_assert_int_eq(es_imu_multiplier(r, "D/7", 2025, &m, NULL), ES_OK);
	ck_assert_int_eq(m, 65);
	ck_assert_int_eq(es_imu_multiplier(r, "C/1", 2025, &m, NULL), ES_OK);
	ck_assert_int_eq(m, 55);
	ck_assert_int_eq(es_imu_multiplier(r, "C/3", 2025, &m, NULL), ES_OK);
	ck_assert_int_eq(m, 140);
	ck_assert_int_eq(es_imu_multiplier(r, "E/1", 2025, &m, NULL), ES_OK);
	ck_assert_int_eq(m, 0);
	ck_assert_int_eq(es_imu_multiplier(r, "F/2", 2025, &m, NULL), ES_EDATA);
	/* rights: "30" abitazione vs "20" nuda proprietà vs legacy "20 " livellario */
	ck_assert_int_eq(es_imu_right_lookup(r, "10", &right, NULL), ES_OK);
	ck_assert_int_eq(right, ES_IMU_RIGHT_TAXABLE);
	ck_assert_int_eq(es_imu_right_lookup(r, "20", &right, NULL), ES_OK);
	ck_assert_int_eq(right, ES_IMU_RIGHT_NOT_TAXABLE);
	ck_assert_int_eq(es_imu_right_lookup(r, "20 ", &right, NULL), ES_OK);
	ck_assert_int_eq(right, ES_IMU_RIGHT_TAXABLE);
	ck_assert_int_eq(es_imu_right_lookup(r, "990", &right, NULL), ES_OK);
	ck_assert_int_eq(right, ES_IMU_RIGHT_REVIEW);
	ck_assert_int_eq(es_imu_right_lookup(r, "ZZ", &right, NULL), ES_EDATA);
	ck_assert_str_eq(es_imu_tributo(r, ES_IMU_USE_MAIN_HOME, ES_IMU_PART_ALL), "3912");
	ck_assert_str_eq(es_imu_tributo(r, ES_IMU_USE_GROUP_D, ES_IMU_PART_STATE), "3925");
	ck_assert_str_eq(es_imu_tributo(r, ES_IMU_USE_GROUP_D, ES_IMU_PART_COMUNE), "3930");
	ck_assert_str_eq(es_imu_tributo(r, ES_IMU_USE_LAND, ES_IMU_PART_ALL), "3914");
	ck_assert_ptr_null(es_imu_tributo(r, ES_IMU_USE_LAND, ES_IMU_PART_STATE));
	es_imu_rules_free(r);
}
END_TEST

Suite *make_suite_imu(void);

Suite *
make_suite_imu(void)
{
	Suite *s = suite_create("imu");
	TCase *tc = tcase_create("months");

	tcase_add_test(tc, months_full_year);
	tcase_add_test(tc, months_transfer_16th_31_day_month);
	tcase_add_test(tc, months_table_2_4);
	tcase_add_test(tc, months_outside_year);
	tcase_add_test(tc, months_split_by_use);
	suite_add_tcase(s, tc);
	tc = tcase_create("compute");
	tcase_add_test(tc, category_forms);
	tcase_add_test(tc, bases);
	tcase_add_test(tc, tax_example_a);
	tcase_add_test(tc, tax_example_b);
	tcase_add_test(tc, tax_group_d_split);
	tcase_add_test(tc, reductions);
	tcase_add_test(tc, deduction);
	tcase_add_test(tc, bad_operands);
	suite_add_tcase(s, tc);
	tc = tcase_create("tables");
	tcase_add_test(tc, tables);
	suite_add_tcase(s, tc);
	return s;
}
