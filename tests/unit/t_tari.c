/* t_tari.c: TARI on values and the tariff file (lib/domain/tari.c).
 * Expected values by hand from cadastre-imu-tari.md §3.7. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "domain/tari.h"

START_TEST(domestic_household_of_3)
{
	es_cents f, v, tefa;

	/* §3.7: S = 100 m², Quf 0,40 €/m², Ka(3) 1,08: 0,40 × 100 × 1,08 = 43,20;
	 * Quv 37,50 € per Kb unit, Kb(3) 2,00: 2,00 × 37,50 = 75,00;
	 * TARI 118,20; TEFA 5 % = 5,91 */
	ck_assert_int_eq(es_tari_domestic(400000, 10800, 10000, 37500000, 20000, &f, &v, NULL), ES_OK);
	ck_assert_int_eq(f, 4320);
	ck_assert_int_eq(v, 7500);
	ck_assert_int_eq(es_tari_tefa(f + v, 50000, &tefa, NULL), ES_OK);
	ck_assert_int_eq(tefa, 591);
}
END_TEST

START_TEST(non_domestic_bar)
{
	es_cents f, v, tefa;

	/* §3.7: category 24, S = 80 m², Qapf 0,90, Kc 5,00: 0,90 × 80 × 5 = 360,00;
	 * Cu 0,25 €/kg, Kd 41,00: 0,25 × 80 × 41 = 820,00; TARI 1.180,00;
	 * TEFA 5 % = 59,00 */
	ck_assert_int_eq(es_tari_non_domestic(900000, 50000, 8000, 250000, 410000, &f, &v, NULL), ES_OK);
	ck_assert_int_eq(f, 36000);
	ck_assert_int_eq(v, 82000);
	ck_assert_int_eq(es_tari_tefa(f + v, 50000, &tefa, NULL), ES_OK);
	ck_assert_int_eq(tefa, 5900);
}
END_TEST

START_TEST(amount_rounded_once)
{
	es_cents a;

	/* §3.7 household of 3, a full year of 365 days: 43.20 + 75.00 = 118.20 */
	ck_assert_int_eq(es_tari_amount(true, 400000, 10800, 37500000, 20000, 10000, 365, 365, &a, NULL), ES_OK);
	ck_assert_int_eq(a, 11820);
	/* final tariffs (K = 1), non-domestic, 43 m² at 3.8143 + 9.5663 €/m²:
	 * 164.0149 + 411.3509 = 575.3658 -> 575.37 (the parts rounded would give
	 * 164.01 + 411.35 = 575.36) */
	ck_assert_int_eq(es_tari_amount(false, 3814300, 10000, 9566300, 10000, 4300, 365, 365, &a, NULL), ES_OK);
	ck_assert_int_eq(a, 57537);
	/* the bar of §3.7 for 92 of 365 days: 1180.00 x 92 / 365 = 297.4246... -> 297.42 */
	ck_assert_int_eq(es_tari_amount(false, 900000, 50000, 250000, 410000, 8000, 92, 365, &a, NULL), ES_OK);
	ck_assert_int_eq(a, 29742);
}
END_TEST

START_TEST(prorata_and_split)
{
	es_cents a, parts[3];
	static const int64_t halves[2] = { 500000, 500000 };
	static const int64_t thirds[3] = { 333300, 333300, 333400 };

	/* 118,20 for 73 of 365 days: 11820 × 73 / 365 = 2364 exactly */
	ck_assert_int_eq(es_tari_prorata(11820, 73, 365, &a, NULL), ES_OK);
	ck_assert_int_eq(a, 2364);
	/* 118,20 in two halves: 59,10 + 59,10 */
	ck_assert_int_eq(es_tari_split(11820, halves, 2, parts, NULL), ES_OK);
	ck_assert_int_eq(parts[0], 5910);
	ck_assert_int_eq(parts[1], 5910);
	/* 5,91 in two: 2,95 (295,5 down) + 2,96 (the rest) */
	ck_assert_int_eq(es_tari_split(591, halves, 2, parts, NULL), ES_OK);
	ck_assert_int_eq(parts[0], 295);
	ck_assert_int_eq(parts[1], 296);
	/* 100,00 by 33,33/33,33/33,34 %: 33,33 + 33,33 + 33,34 */
	ck_assert_int_eq(es_tari_split(10000, thirds, 3, parts, NULL), ES_OK);
	ck_assert_int_eq(parts[0] + parts[1] + parts[2], 10000);
	ck_assert_int_eq(parts[2], 3334);
}
END_TEST

static char *
write_tmp(const char *text)
{
	char *path = strdup("/tmp/t_tari_XXXXXX");
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");

	fputs(text, fp);
	fclose(fp);
	return path;
}

START_TEST(tariff_file)
{
	char *path = write_tmp(
	    "year,kind,members,category,quota_fixed,k_fixed,quota_variable,k_variable,rate,installment,due_date,share\n"
	    "2025,domestic,3,,0.40,1.08,37.50,2.00,,,,\n"
	    "2025,non_domestic,,24,0.90,5.00,0.25,41.00,,,,\n"
	    "2025,tefa,,,,,,,5,,,\n"
	    "2025,installment,,,,,,,,2,2025-12-16,50\n"
	    "2025,installment,,,,,,,,1,2025-07-31,50\n"
	    "2025,installment,,,,,,,,0,2025-07-31,\n"
	    "2024,domestic,3,,9.99,1.08,37.50,2.00,,,,\n");
	es_err err;
	es_tari_tariff *t = es_tari_tariff_load(path, 2025, &err);

	ck_assert_msg(t != NULL, "%s", err.msg);
	ck_assert(t->domestic[3].set);
	ck_assert_int_eq(t->domestic[3].quota_fixed, 400000);
	ck_assert_int_eq(t->domestic[3].k_variable, 20000);
	ck_assert(!t->domestic[2].set);
	ck_assert_int_eq(t->non_domestic[24].k_variable, 410000);
	ck_assert_int_eq(t->tefa_rate, 50000);
	ck_assert_uint_eq(t->ninst, 2);
	ck_assert_int_eq(t->inst[0].number, 1);   /* sorted */
	ck_assert_int_eq(t->inst[0].due, es_date_from_ymd(2025, 7, 31));
	ck_assert(t->has_single);
	es_tari_tariff_free(t);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(tariff_bad_shares)
{
	char *path = write_tmp(
	    "year,kind,members,category,quota_fixed,k_fixed,quota_variable,k_variable,rate,installment,due_date,share\n"
	    "2025,installment,,,,,,,,1,2025-07-31,50\n"
	    "2025,installment,,,,,,,,2,2025-12-16,40\n");
	es_err err;

	ck_assert_ptr_null(es_tari_tariff_load(path, 2025, &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_msg(strstr(err.msg, "90.0000%") != NULL, "%s", err.msg);
	unlink(path);
	free(path);
}
END_TEST

/* fuzz_tariff: a TEFA rate of 500 % loaded, and shares of 150 % and
 * -50 % added up to 100 %.  Each is now refused naming line and column. */
START_TEST(tariff_out_of_range)
{
	static const char *const bad[][2] = {
		{ "2025,tefa,,,,,,,500,,,\n2025,installment,,,,,,,,1,2025-07-31,100\n", ":2: rate: a percentage above 100" },
		{ "2025,installment,,,,,,,,1,2025-07-31,150\n2025,installment,,,,,,,,2,2025-12-16,-50\n",
		  ":2: share: not above 0 and at most 100 (percent)" },
		{ "2025,installment,,,,,,,,1,2025-07-31,100\n2025,installment,,,,,,,,2,2025-12-16,0\n",
		  ":3: share: not above 0 and at most 100 (percent)" },
	};

	for (size_t i = 0; i < ES_ARRAY_LEN(bad); i++) {
		char text[512];
		char *path;
		es_err err;

		snprintf(text, sizeof text, "%s%s",
		         "year,kind,members,category,quota_fixed,k_fixed,quota_variable,k_variable,rate,installment,"
		         "due_date,share\n", bad[i][0]);
		path = write_tmp(text);
		ck_assert_ptr_null(es_tari_tariff_load(path, 2025, &err));
		ck_assert_int_eq(err.rc, ES_ECONFIG);
		ck_assert_msg(strstr(err.msg, bad[i][1]) != NULL, "%s", err.msg);
		unlink(path);
		free(path);
	}
}
END_TEST

Suite *make_suite_tari(void);

Suite *
make_suite_tari(void)
{
	Suite *s = suite_create("tari");
	TCase *tc = tcase_create("compute");

	tcase_add_test(tc, domestic_household_of_3);
	tcase_add_test(tc, non_domestic_bar);
	tcase_add_test(tc, amount_rounded_once);
	tcase_add_test(tc, prorata_and_split);
	suite_add_tcase(s, tc);
	tc = tcase_create("tariff");
	tcase_add_test(tc, tariff_file);
	tcase_add_test(tc, tariff_bad_shares);
	tcase_add_test(tc, tariff_out_of_range);
	suite_add_tcase(s, tc);
	return s;
}
