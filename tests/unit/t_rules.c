/* t_rules.c: the data/ table loader and the holiday calendar. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "rules.h"

Suite *make_suite_rules(void);

static char dir[64];
static char *saved_datadir;

static void
setup(void)
{
	const char *d = getenv("ESATTORE_DATADIR");

	saved_datadir = d ? strdup(d) : NULL;
	snprintf(dir, sizeof dir, "/tmp/t_rules.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	if (saved_datadir) {
		setenv("ESATTORE_DATADIR", saved_datadir, 1);
		free(saved_datadir);
	}
}

static void
write_table(const char *name, const char *text)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s.csv", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	setenv("ESATTORE_DATADIR", dir, 1);
}

START_TEST(load_and_lookup)
{
	es_table *t;
	es_err err;
	int64_t v;
	long r;

	write_table("rates",
	    "valid_from,valid_to,rate,source\n"
	    "2023-01-01,2023-12-31,5.00,DM 13 dicembre 2022\n"
	    "2024-01-01,2024-12-31,2.50,DM 29 novembre 2023\n"
	    "2025-01-01,,2.00,DM 10 dicembre 2024\n");
	t = es_table_load("rates", &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	ck_assert_int_eq(es_table_nrows(t), 3);
	ck_assert_str_eq(es_table_name(t), "rates");
	r = es_table_find_date(t, "valid_from", "valid_to", es_date_from_ymd(2024, 12, 31), NULL, NULL);
	ck_assert_int_eq(r, 1);
	ck_assert_int_eq(es_table_decimal(t, (size_t)r, "rate", 4, &v, &err), ES_OK);
	ck_assert_int_eq(v, 25000);            /* 2.50 at scale 4 */
	/* open-ended last row */
	ck_assert_int_eq(es_table_find_date(t, "valid_from", "valid_to", es_date_from_ymd(2031, 1, 1), NULL, NULL), 2);
	ck_assert_int_eq(es_table_find_date(t, "valid_from", "valid_to", es_date_from_ymd(2022, 12, 31), NULL, NULL), -1);
	ck_assert_uint_eq(es_table_line(t, 2), 4);
	ck_assert_int_eq(es_table_check_ranges(t, "valid_from", "valid_to", NULL, &err), ES_OK);
	ck_assert_int_eq(es_table_decimal(t, 0, "source", 2, &v, &err), ES_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "table rates, line 2, column 'source'"));
	es_table_free(t);
}
END_TEST

START_TEST(source_required)
{
	es_err err;

	write_table("nosource", "a,b\n1,2\n");
	ck_assert_ptr_null(es_table_load("nosource", &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "without a 'source' column"));

	write_table("emptysource", "a,source\n1,L. 160/2019\n2,\n");
	ck_assert_ptr_null(es_table_load("emptysource", &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, ":3: empty 'source'"));

	ck_assert_ptr_null(es_table_load("absent", &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
}
END_TEST

START_TEST(overlapping_ranges)
{
	es_table *t;
	es_err err;

	write_table("overlap",
	    "key,valid_from,valid_to,source\n"
	    "a,2020-01-01,2024-08-31,x\n"
	    "b,2020-01-01,,x\n"
	    "a,2024-08-31,,x\n");
	t = es_table_load("overlap", &err);
	ck_assert_ptr_nonnull(t);
	/* key a: [2020-01-01, 2024-08-31] and [2024-08-31, ...) share 31 Aug 2024 */
	ck_assert_int_eq(es_table_check_ranges(t, "valid_from", "valid_to", "key", &err), ES_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "lines 2 and 4"));
	ck_assert_int_eq(es_table_find_date(t, "valid_from", "valid_to", es_date_from_ymd(2021, 5, 5), "key", "b"), 1);
	es_table_free(t);
}
END_TEST

START_TEST(national_calendar)
{
	es_calendar *cal;
	es_err err;

	/* the real data/holidays.csv (ESATTORE_DATADIR from make check) */
	cal = es_rules_calendar_load(&err);
	ck_assert_msg(cal != NULL, "%s", err.msg);
	/* 2 June 2024 is a Sunday and a holiday; 16 June 2024 is a Sunday:
	 * the IMU acconto moved to Monday 17 June 2024. */
	ck_assert(es_calendar_is_holiday(cal, es_date_from_ymd(2024, 6, 2)));
	ck_assert_int_eq(es_calendar_next_working_day(cal, es_date_from_ymd(2024, 6, 16)),
	                 es_date_from_ymd(2024, 6, 17));
	/* Easter 2025 is 20 April, so Monday 21 April is a holiday, and
	 * Saturday 19 April -> Tuesday 22 April. */
	ck_assert(es_calendar_is_holiday(cal, es_date_from_ymd(2025, 4, 21)));
	ck_assert_int_eq(es_calendar_next_working_day(cal, es_date_from_ymd(2025, 4, 19)),
	                 es_date_from_ymd(2025, 4, 22));
	/* 25 April 2025 is a Friday holiday -> Monday 28 April. */
	ck_assert_int_eq(es_calendar_next_working_day(cal, es_date_from_ymd(2025, 4, 25)),
	                 es_date_from_ymd(2025, 4, 28));
	/* An ordinary Tuesday stays. */
	ck_assert_int_eq(es_calendar_next_working_day(cal, es_date_from_ymd(2025, 12, 16)),
	                 es_date_from_ymd(2025, 12, 16));
	es_calendar_free(cal);
}
END_TEST

Suite *
make_suite_rules(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("tables");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, load_and_lookup);
	tcase_add_test(tc, source_required);
	tcase_add_test(tc, overlapping_ranges);
	tcase_add_test(tc, national_calendar);
	suite_add_tcase(s, tc);
	return s;
}
