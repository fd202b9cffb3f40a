/* t_date.c: day numbers, parsing and formatting, month arithmetic, Easter
 * and the working-day calendar (lib/types/date.h).  Day numbers and weekdays
 * are worked out by hand in the comments (365 days a year, +1 in leap years;
 * weekday = previous weekday + days mod 7). */
#include "es_setup.h"

#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "types/date.h"

Suite *make_suite_date(void);

/* Reference points used below:
 *   1970-01-01 = 0, a Thursday (ISO 4).
 *   2000-01-01: 30 years of 365 days + 7 leap days (1972 .. 1996) = 10957.
 *   2024-01-01: 10957 + 24 * 365 + 6 leap days (2000 .. 2020) = 19723, a Monday.
 *   2024-06-16: 19723 + 31 + 29 + 31 + 30 + 31 (to 1 June) + 15 = 19890;
 *               19890 = 7 * 2841 + 3, Thursday + 3 = Sunday. */

START_TEST(day_numbers)
{
	ck_assert_int_eq(es_date_from_ymd(1970, 1, 1), 0);
	ck_assert_int_eq(es_date_from_ymd(1970, 1, 2), 1);
	ck_assert_int_eq(es_date_from_ymd(1969, 12, 31), -1);
	ck_assert_int_eq(es_date_from_ymd(2000, 1, 1), 10957);
	/* 2000 is a leap year: 1 March = 10957 + 31 + 29 = 11017 */
	ck_assert_int_eq(es_date_from_ymd(2000, 2, 29), 11016);
	ck_assert_int_eq(es_date_from_ymd(2000, 3, 1), 11017);
	ck_assert_int_eq(es_date_from_ymd(2024, 1, 1), 19723);
	ck_assert_int_eq(es_date_from_ymd(2024, 6, 16), 19890);
	/* 1800-01-01: 170 years of 365 days + 41 leap days (1804 .. 1968 is 42
	 * multiples of 4, less 1900) = 62050 + 41 = 62091 days before 1970. */
	ck_assert_int_eq(es_date_from_ymd(1800, 1, 1), -62091);
}
END_TEST

START_TEST(day_numbers_round_trip)
{
	/* Every day from 1800-01-01 to 2999-12-31 maps back to the civil date
	 * that follows the previous one by the calendar rules. */
	int y = 1800, m = 1, d = 1;
	es_date dt, last = es_date_from_ymd(2999, 12, 31);
	long bad = 0;
	char first[96] = "";

	/* Plain comparisons in the loop: a Check assertion per day would cost a
	 * round trip to the test runner 438,000 times. */
	for (dt = es_date_from_ymd(1800, 1, 1); dt <= last; dt++) {
		int yy, mm, dd;

		es_date_to_ymd(dt, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d || es_date_from_ymd(y, m, d) != dt) {
			if (bad++ == 0)
				snprintf(first, sizeof first, "day %d: %04d-%02d-%02d, want %04d-%02d-%02d",
				         (int)dt, yy, mm, dd, y, m, d);
		}
		if (++d > es_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	ck_assert_msg(bad == 0, "%ld days wrong, first: %s", bad, first);
	ck_assert_int_eq(y, 3000);
}
END_TEST

START_TEST(leap_years)
{
	ck_assert(es_is_leap_year(2024));
	ck_assert(!es_is_leap_year(2023));
	ck_assert(!es_is_leap_year(1900));   /* divisible by 100, not by 400 */
	ck_assert(es_is_leap_year(2000));    /* divisible by 400 */
	ck_assert(!es_is_leap_year(2100));
	ck_assert_int_eq(es_days_in_month(2024, 2), 29);
	ck_assert_int_eq(es_days_in_month(2023, 2), 28);
	ck_assert_int_eq(es_days_in_month(1900, 2), 28);
	ck_assert_int_eq(es_days_in_month(2000, 2), 29);
	ck_assert_int_eq(es_days_in_month(2024, 4), 30);
	ck_assert_int_eq(es_days_in_month(2024, 12), 31);
	ck_assert_int_eq(es_days_in_month(2024, 13), 0);
	ck_assert(es_date_valid_ymd(2024, 2, 29));
	ck_assert(!es_date_valid_ymd(2023, 2, 29));
	ck_assert(!es_date_valid_ymd(2024, 4, 31));
	ck_assert(!es_date_valid_ymd(2024, 0, 1));
	ck_assert(!es_date_valid_ymd(2024, 1, 0));
	ck_assert(es_date_valid_ymd(1800, 1, 1));
	ck_assert(!es_date_valid_ymd(1799, 12, 31));
	ck_assert(es_date_valid_ymd(2999, 12, 31));
	ck_assert(!es_date_valid_ymd(3000, 1, 1));
}
END_TEST

START_TEST(weekdays)
{
	ck_assert_int_eq(es_date_weekday(0), 4);                          /* 1970-01-01 Thursday */
	ck_assert_int_eq(es_date_weekday(-1), 3);                         /* 1969-12-31 Wednesday */
	ck_assert_int_eq(es_date_weekday(es_date_from_ymd(2024, 1, 1)), 1); /* 19723 = 7*2817 + 4: Monday */
	ck_assert_int_eq(es_date_weekday(19890), 7);                      /* 2024-06-16 Sunday */
	ck_assert_int_eq(es_date_weekday(19891), 1);                      /* 2024-06-17 Monday */
	/* 2000-01-01: 10957 = 7*1565 + 2, Thursday + 2 = Saturday */
	ck_assert_int_eq(es_date_weekday(10957), 6);
	/* 1800-01-01: -62091 = -7*8871 + 6, Thursday + 6 = Wednesday */
	ck_assert_int_eq(es_date_weekday(-62091), 3);
}
END_TEST

static es_date
parse(const char *s, es_date_format_kind kind)
{
	es_err err = { 0 };
	es_date dt = 12345;

	ck_assert_msg(es_date_parse(s, kind, &dt, &err) == ES_OK, "'%s' kind %d: %s", s, (int)kind, err.msg);
	return dt;
}

static void
parse_bad(const char *s, es_date_format_kind kind, const char *why)
{
	es_err err = { 0 };
	es_date dt = 0;
	char head[64];

	ck_assert_msg(es_date_parse(s, kind, &dt, &err) == ES_EDATA, "'%s' kind %d accepted", s, (int)kind);
	snprintf(head, sizeof head, "bad date '%s': ", s);
	ck_assert_msg(strncmp(err.msg, head, strlen(head)) == 0, "message '%s'", err.msg);
	ck_assert_msg(strstr(err.msg, why) != NULL, "message '%s' does not say '%s'", err.msg, why);
}

START_TEST(parsing)
{
	ck_assert_int_eq(parse("2024-06-16", ES_DATE_ISO), 19890);
	ck_assert_int_eq(parse("16/06/2024", ES_DATE_DMY_SLASH), 19890);
	ck_assert_int_eq(parse("16062024", ES_DATE_DMY_COMPACT), 19890);
	ck_assert_int_eq(parse("2024-06-16", ES_DATE_ANY), 19890);
	ck_assert_int_eq(parse("16/06/2024", ES_DATE_ANY), 19890);
	ck_assert_int_eq(parse("16062024", ES_DATE_ANY), 19890);
	/* one-digit day and month as spreadsheets write them: 1 June 2024 = 19875 */
	ck_assert_int_eq(parse("1/6/2024", ES_DATE_DMY_SLASH), 19875);
	ck_assert_int_eq(parse("2024-02-29", ES_DATE_ISO), 19723 + 31 + 28);
	/* absent dates */
	ck_assert_int_eq(parse("", ES_DATE_ISO), ES_DATE_NONE);
	ck_assert_int_eq(parse("", ES_DATE_ANY), ES_DATE_NONE);
	ck_assert_int_eq(parse("00000000", ES_DATE_DMY_COMPACT), ES_DATE_NONE);
	ck_assert_int_eq(parse("00000000", ES_DATE_ANY), ES_DATE_NONE);
	ck_assert_int_eq(parse(NULL, ES_DATE_ANY), ES_DATE_NONE);
}
END_TEST

START_TEST(parsing_rejects)
{
	parse_bad("2023-02-29", ES_DATE_ISO, "day 29 does not exist in 2023-02");
	parse_bad("2024-13-01", ES_DATE_ISO, "month 13 does not exist");
	parse_bad("2024-00-10", ES_DATE_ISO, "month 00 does not exist");
	parse_bad("2024-06-00", ES_DATE_ISO, "day 00 does not exist");
	parse_bad("1799-12-31", ES_DATE_ISO, "year 1799 outside 1800..2999");
	parse_bad("3000-01-01", ES_DATE_ANY, "year 3000 outside 1800..2999");
	parse_bad("2024-6-16", ES_DATE_ISO, "expected YYYY-MM-DD");
	parse_bad("16/06/2024", ES_DATE_ISO, "expected YYYY-MM-DD");
	parse_bad("2024-06-16 ", ES_DATE_ISO, "expected YYYY-MM-DD");
	parse_bad("31/04/2024", ES_DATE_DMY_SLASH, "day 31 does not exist in 2024-04");
	parse_bad("16/06/24", ES_DATE_DMY_SLASH, "expected DD/MM/YYYY");
	parse_bad("2024/06/16", ES_DATE_ANY, "expected DD/MM/YYYY");
	parse_bad("16-06-2024", ES_DATE_ANY, "expected YYYY-MM-DD, DD/MM/YYYY or DDMMYYYY");
	parse_bad("32012024", ES_DATE_DMY_COMPACT, "day 32 does not exist in 2024-01");
	parse_bad("1606202", ES_DATE_DMY_COMPACT, "expected DDMMYYYY");
	parse_bad("00000000", ES_DATE_ISO, "expected YYYY-MM-DD");   /* absent only in DDMMYYYY */
	parse_bad("tomorrow", ES_DATE_ANY, "expected");
}
END_TEST

START_TEST(parsing_fixed_width)
{
	es_date dt = 0;
	es_err err = { 0 };

	/* a fixed-width record: only the first 8 bytes are the date */
	ck_assert_int_eq(es_date_parse_n("16062024XYZ", 8, ES_DATE_DMY_COMPACT, &dt, &err), ES_OK);
	ck_assert_int_eq(dt, 19890);
	ck_assert_int_eq(es_date_parse_n("000000001234", 8, ES_DATE_DMY_COMPACT, &dt, &err), ES_OK);
	ck_assert_int_eq(dt, ES_DATE_NONE);
	ck_assert_int_eq(es_date_parse_n("2024-06-16T10:00", 10, ES_DATE_ISO, &dt, &err), ES_OK);
	ck_assert_int_eq(dt, 19890);
	ck_assert_int_eq(es_date_parse_n("1606202", 8, ES_DATE_DMY_COMPACT, &dt, &err), ES_EDATA);
}
END_TEST

START_TEST(formatting)
{
	char buf[ES_DATE_BUFSZ];

	ck_assert_str_eq(es_date_format(19890, buf), "2024-06-16");
	ck_assert_str_eq(es_date_format_dmy(19890, buf), "16/06/2024");
	ck_assert_str_eq(es_date_format(0, buf), "1970-01-01");
	ck_assert_str_eq(es_date_format(-62091, buf), "1800-01-01");
	ck_assert_str_eq(es_date_format(ES_DATE_NONE, buf), "");
	ck_assert_str_eq(es_date_format_dmy(ES_DATE_NONE, buf), "");
}
END_TEST

static es_date
ymd(int y, int m, int d)
{
	return es_date_from_ymd(y, m, d);
}

START_TEST(months)
{
	/* end-of-month clamp */
	ck_assert_int_eq(es_date_add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));  /* leap year */
	ck_assert_int_eq(es_date_add_months(ymd(2023, 1, 31), 1), ymd(2023, 2, 28));
	ck_assert_int_eq(es_date_add_months(ymd(2024, 3, 31), -1), ymd(2024, 2, 29));
	ck_assert_int_eq(es_date_add_months(ymd(2024, 5, 31), 1), ymd(2024, 6, 30));
	ck_assert_int_eq(es_date_add_months(ymd(2024, 2, 29), 12), ymd(2025, 2, 28));
	ck_assert_int_eq(es_date_add_months(ymd(2024, 2, 29), 48), ymd(2028, 2, 29));
	/* across years */
	ck_assert_int_eq(es_date_add_months(ymd(2024, 12, 15), 1), ymd(2025, 1, 15));
	ck_assert_int_eq(es_date_add_months(ymd(2024, 1, 15), -1), ymd(2023, 12, 15));
	/* 2024-01-31 - 25 months = 2021-12-31 (2024*12 + 0 - 25 = 2021*12 + 11) */
	ck_assert_int_eq(es_date_add_months(ymd(2024, 1, 31), -25), ymd(2021, 12, 31));
	ck_assert_int_eq(es_date_add_months(ymd(2024, 1, 31), 0), ymd(2024, 1, 31));
	ck_assert_int_eq(es_date_add_months(ES_DATE_NONE, 3), ES_DATE_NONE);

	ck_assert_int_eq(es_date_end_of_month(ymd(2024, 2, 10)), ymd(2024, 2, 29));
	ck_assert_int_eq(es_date_end_of_month(ymd(2023, 2, 10)), ymd(2023, 2, 28));
	ck_assert_int_eq(es_date_end_of_month(ymd(2024, 12, 1)), ymd(2024, 12, 31));
	ck_assert_int_eq(es_date_end_of_month(ymd(2024, 4, 30)), ymd(2024, 4, 30));
	ck_assert_int_eq(es_date_end_of_month(ES_DATE_NONE), ES_DATE_NONE);
}
END_TEST

START_TEST(easter)
{
	/* 2024, by the anonymous Gregorian algorithm: a = 2024 mod 19 = 10,
	 * b = 20, c = 24, d = 5, e = 0, f = 1, g = 6,
	 * h = (190 + 20 - 5 - 6 + 15) mod 30 = 214 mod 30 = 4, i = 6, k = 0,
	 * l = (32 + 0 + 12 - 4 - 0) mod 7 = 5, m = (10 + 44 + 110) / 451 = 0,
	 * month = (4 + 5 + 114) / 31 = 3, day = 123 mod 31 + 1 = 31: 31 March. */
	ck_assert_int_eq(es_easter(2024), ymd(2024, 3, 31));
	/* 2025: a = 11, h = (209 + 20 - 5 - 6 + 15) mod 30 = 23, k = 1,
	 * l = (32 + 12 - 23 - 1) mod 7 = 6, m = 0, 23 + 6 + 114 = 143:
	 * month 143 / 31 = 4, day 143 mod 31 + 1 = 20: 20 April. */
	ck_assert_int_eq(es_easter(2025), ymd(2025, 4, 20));
	/* published dates */
	ck_assert_int_eq(es_easter(2019), ymd(2019, 4, 21));
	ck_assert_int_eq(es_easter(2000), ymd(2000, 4, 23));
	ck_assert_int_eq(es_easter(2026), ymd(2026, 4, 5));
	ck_assert_int_eq(es_easter(2027), ymd(2027, 3, 28));
	ck_assert_int_eq(es_easter(2011), ymd(2011, 4, 24));
	/* the extremes: 22 March (1818, 2285) and 25 April (1943, 2038) */
	ck_assert_int_eq(es_easter(1818), ymd(1818, 3, 22));
	ck_assert_int_eq(es_easter(2285), ymd(2285, 3, 22));
	ck_assert_int_eq(es_easter(1943), ymd(1943, 4, 25));
	ck_assert_int_eq(es_easter(2038), ymd(2038, 4, 25));
}
END_TEST

START_TEST(easter_is_a_sunday_in_range)
{
	int y;

	for (y = 1800; y <= 2999; y++) {
		es_date e = es_easter(y);

		ck_assert_int_eq(es_date_weekday(e), 7);
		ck_assert(e >= ymd(y, 3, 22) && e <= ymd(y, 4, 25));
	}
}
END_TEST

/* The national calendar as data/holidays.csv states it (the loader,
 * es_rules_calendar_load, is tested with the rules). */
static es_calendar *
national(void)
{
	static const int fixed[][4] = {
		{ 1, 1, 1949, 0 }, { 1, 6, 1949, 1977 }, { 1, 6, 1986, 0 }, { 3, 19, 1949, 1976 },
		{ 3, 17, 2011, 2011 }, { 4, 25, 1949, 0 }, { 5, 1, 1949, 0 }, { 6, 2, 1949, 1976 },
		{ 6, 2, 2001, 0 }, { 6, 29, 1949, 1976 }, { 8, 15, 1949, 0 }, { 10, 4, 2026, 0 },
		{ 11, 1, 1949, 0 }, { 11, 4, 1949, 1976 }, { 12, 8, 1949, 0 }, { 12, 25, 1949, 0 },
		{ 12, 26, 1949, 0 }
	};
	es_calendar *cal = es_calendar_new();
	es_err err = { 0 };
	size_t i;

	ck_assert_ptr_nonnull(cal);
	for (i = 0; i < ES_ARRAY_LEN(fixed); i++)
		ck_assert_int_eq(es_calendar_add_fixed(cal, fixed[i][0], fixed[i][1], fixed[i][2], fixed[i][3], &err),
		                 ES_OK);
	ck_assert_int_eq(es_calendar_add_easter_monday(cal, 1949, 0, &err), ES_OK);
	return cal;
}

static void
shift(const es_calendar *cal, es_date from, es_date want)
{
	char a[ES_DATE_BUFSZ], b[ES_DATE_BUFSZ], c[ES_DATE_BUFSZ];
	es_date got = es_calendar_next_working_day(cal, from);

	ck_assert_msg(got == want, "%s -> %s, want %s", es_date_format(from, a), es_date_format(got, b),
	              es_date_format(want, c));
}

START_TEST(working_days)
{
	es_calendar *cal = national();

	/* 16 June 2024 (IMU acconto) is a Sunday (day 19890, see above):
	 * the term moves to Monday 17 June. */
	ck_assert(!es_calendar_is_working_day(cal, ymd(2024, 6, 16)));
	shift(cal, ymd(2024, 6, 16), ymd(2024, 6, 17));
	shift(cal, ymd(2024, 6, 15), ymd(2024, 6, 17));     /* Saturday */
	shift(cal, ymd(2024, 6, 18), ymd(2024, 6, 18));     /* Tuesday: unchanged */
	/* 16 June 2019 was a Sunday too (cadastre-imu-tari.md §2.5: 17 June 2019):
	 * 2019-01-01 = 17897 (Tuesday), + 166 = 18063 = 7*2580 + 3: Sunday. */
	shift(cal, ymd(2019, 6, 16), ymd(2019, 6, 17));
	/* 2 June 2024 is a Sunday: Monday 3 June is a working day. */
	shift(cal, ymd(2024, 6, 2), ymd(2024, 6, 3));
	/* 2 June 2025 is a Monday (1 January 2025 Wednesday + 152 days:
	 * 152 = 7*21 + 5, Wednesday + 5 = Monday) and a holiday: Tuesday 3 June. */
	ck_assert(es_calendar_is_holiday(cal, ymd(2025, 6, 2)));
	shift(cal, ymd(2025, 6, 2), ymd(2025, 6, 3));
	/* 2 June 2000 (a Friday: 2000-01-01 Saturday + 153 = 7*21 + 6) was not a
	 * holiday: restored only from 2001 (L. 336/2000). */
	ck_assert_int_eq(es_date_weekday(ymd(2000, 6, 2)), 5);
	ck_assert(!es_calendar_is_holiday(cal, ymd(2000, 6, 2)));
	shift(cal, ymd(2000, 6, 2), ymd(2000, 6, 2));
	/* Easter Monday 2024 is 1 April: Saturday 30 March -> Tuesday 2 April. */
	ck_assert(es_calendar_is_holiday(cal, ymd(2024, 4, 1)));
	shift(cal, ymd(2024, 3, 30), ymd(2024, 4, 2));
	/* Easter Monday 2025 is 21 April; 25 April 2025 (Friday) is Liberation
	 * Day: Friday 25 -> Monday 28 April. */
	shift(cal, ymd(2025, 4, 21), ymd(2025, 4, 22));
	shift(cal, ymd(2025, 4, 25), ymd(2025, 4, 28));
	ck_assert(!es_calendar_is_holiday(cal, ymd(2025, 4, 20)));   /* Easter Sunday: a Sunday anyway */
	ck_assert(!es_calendar_is_holiday(cal, ymd(2024, 4, 2)));
	/* 4 October: a holiday from 2026 (L. 151/2025).  2026-10-04 is a Sunday;
	 * 2027-10-04 is a Monday (2027-01-01 Friday + 276 days = 7*39 + 3):
	 * the term moves to Tuesday 5 October 2027.  4 October 2024 (a Friday)
	 * was a working day. */
	ck_assert_int_eq(es_date_weekday(ymd(2027, 10, 4)), 1);
	shift(cal, ymd(2027, 10, 4), ymd(2027, 10, 5));
	ck_assert_int_eq(es_date_weekday(ymd(2024, 10, 4)), 5);
	shift(cal, ymd(2024, 10, 4), ymd(2024, 10, 4));
	/* Christmas 2026 is a Friday, 26 December a Saturday: Monday 28. */
	shift(cal, ymd(2026, 12, 25), ymd(2026, 12, 28));
	/* 8 December 2025 is a Monday: Tuesday 9. */
	shift(cal, ymd(2025, 12, 8), ymd(2025, 12, 9));
	/* 6 January: a holiday in 1977 (L. 54/1977 came into force on 8 March),
	 * not from 1978 to 1985, again from 1986 (D.P.R. 792/1985). */
	ck_assert(es_calendar_is_holiday(cal, ymd(1977, 1, 6)));
	ck_assert(!es_calendar_is_holiday(cal, ymd(1980, 1, 6)));
	ck_assert(es_calendar_is_holiday(cal, ymd(1986, 1, 6)));
	/* 17 March was a holiday in 2011 only */
	ck_assert(es_calendar_is_holiday(cal, ymd(2011, 3, 17)));
	ck_assert(!es_calendar_is_holiday(cal, ymd(2012, 3, 17)));
	ck_assert_int_eq(es_calendar_next_working_day(cal, ES_DATE_NONE), ES_DATE_NONE);
	es_calendar_free(cal);
}
END_TEST

START_TEST(calendar_without_holidays)
{
	/* A NULL calendar knows weekends only. */
	ck_assert(!es_calendar_is_holiday(NULL, ymd(2025, 12, 25)));
	ck_assert(es_calendar_is_working_day(NULL, ymd(2025, 12, 25)));  /* a Thursday */
	shift(NULL, ymd(2024, 6, 16), ymd(2024, 6, 17));
	es_calendar_free(NULL);
}
END_TEST

START_TEST(calendar_rejects)
{
	es_calendar *cal = es_calendar_new();
	es_err err = { 0 };

	ck_assert_int_eq(es_calendar_add_fixed(cal, 13, 1, 0, 0, &err), ES_ECONFIG);
	ck_assert_str_eq(err.msg, "holiday: month 13 does not exist");
	ck_assert_int_eq(es_calendar_add_fixed(cal, 2, 30, 0, 0, &err), ES_ECONFIG);
	ck_assert_str_eq(err.msg, "holiday: day 30 does not exist in month 2");
	ck_assert_int_eq(es_calendar_add_fixed(cal, 4, 31, 0, 0, &err), ES_ECONFIG);
	ck_assert_int_eq(es_calendar_add_fixed(cal, 1, 1, 2001, 2000, &err), ES_ECONFIG);
	ck_assert_str_eq(err.msg, "holiday: from-year 2001 after to-year 2000");
	ck_assert_int_eq(es_calendar_add_fixed(cal, 1, 1, 1700, 0, &err), ES_ECONFIG);
	ck_assert_int_eq(es_calendar_add_easter_monday(cal, 0, 3000, &err), ES_ECONFIG);
	ck_assert_int_eq(es_calendar_add_fixed(cal, 2, 29, 0, 0, &err), ES_OK);  /* possible */
	ck_assert(es_calendar_is_holiday(cal, ymd(2024, 2, 29)));
	ck_assert(!es_calendar_is_holiday(cal, ymd(2023, 3, 1)));
	es_calendar_free(cal);
	ck_assert_int_eq(es_calendar_add_fixed(NULL, 1, 1, 0, 0, &err), ES_EINTERNAL);
	ck_assert_int_eq(es_calendar_add_easter_monday(NULL, 0, 0, &err), ES_EINTERNAL);
}
END_TEST

Suite *
make_suite_date(void)
{
	Suite *s = suite_create("date");
	TCase *tc;

	tc = tcase_create("civil");
	tcase_add_test(tc, day_numbers);
	tcase_add_test(tc, day_numbers_round_trip);
	tcase_add_test(tc, leap_years);
	tcase_add_test(tc, weekdays);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_test(tc, parsing);
	tcase_add_test(tc, parsing_rejects);
	tcase_add_test(tc, parsing_fixed_width);
	tcase_add_test(tc, formatting);
	suite_add_tcase(s, tc);

	tc = tcase_create("months");
	tcase_add_test(tc, months);
	suite_add_tcase(s, tc);

	tc = tcase_create("calendar");
	tcase_add_test(tc, easter);
	tcase_add_test(tc, easter_is_a_sunday_in_range);
	tcase_add_test(tc, working_days);
	tcase_add_test(tc, calendar_without_holidays);
	tcase_add_test(tc, calendar_rejects);
	suite_add_tcase(s, tc);
	return s;
}
