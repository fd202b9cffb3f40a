/* date.c: civil dates as day numbers, and the working-day calendar (date.h).
 *
 * Day numbers use the "days from civil" algorithm over 400-year eras of the
 * proleptic Gregorian calendar (H. Hinnant, "chrono-compatible low-level
 * date algorithms"): the year is shifted to start on 1 March, so that the
 * leap day is the last day of the shifted year. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "types/date.h"

#define YEAR_MIN 1800
#define YEAR_MAX 2999

bool
es_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
es_days_in_month(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && es_is_leap_year(y) ? 29 : len[m - 1];
}

bool
es_date_valid_ymd(int y, int m, int d)
{
	return y >= YEAR_MIN && y <= YEAR_MAX && m >= 1 && m <= 12 && d >= 1 && d <= es_days_in_month(y, m);
}

es_date
es_date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;                                     /* 0..399 */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;   /* 0..365, from 1 March */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             /* 0..146096 */
	return era * 146097 + doe - 719468;                      /* 719468: 0000-03-01 to 1970-01-01 */
}

void
es_date_to_ymd(es_date dt, int *y, int *m, int *d)
{
	int z = dt + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;                                       /* 0..146096 */
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  /* 0..399 */
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                /* 0..365 */
	int mp = (5 * doy + 2) / 153;                                     /* 0..11, March = 0 */
	int dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = mp < 10 ? mp + 3 : mp - 9;

	*y = yoe + era * 400 + (mm <= 2);
	*m = mm;
	*d = dd;
}

int
es_date_weekday(es_date dt)
{
	/* 1970-01-01 was a Thursday (4). */
	int r = (int)(((int64_t)dt % 7 + 7) % 7);

	return (r + 3) % 7 + 1;
}

/* Parsing. */

static bool
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static es_rc
bad_date(es_err *err, const char *s, size_t n, const char *why)
{
	return es_err_set(err, ES_EDATA, "bad date '%.*s': %s", (int)(n > 40 ? 40 : n), s, why);
}

static es_rc
check_ymd(const char *s, size_t n, int y, int m, int d, es_date *out, es_err *err)
{
	char why[96];

	if (y < YEAR_MIN || y > YEAR_MAX) {
		snprintf(why, sizeof why, "year %d outside %d..%d", y, YEAR_MIN, YEAR_MAX);
		return bad_date(err, s, n, why);
	}
	if (m < 1 || m > 12) {
		snprintf(why, sizeof why, "month %02d does not exist", m);
		return bad_date(err, s, n, why);
	}
	if (d < 1 || d > es_days_in_month(y, m)) {
		snprintf(why, sizeof why, "day %02d does not exist in %04d-%02d", d, y, m);
		return bad_date(err, s, n, why);
	}
	*out = es_date_from_ymd(y, m, d);
	return ES_OK;
}

static es_rc
parse_iso(const char *s, size_t n, es_date *out, es_err *err)
{
	if (n != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4) || !all_digits(s + 5, 2)
	    || !all_digits(s + 8, 2))
		return bad_date(err, s, n, "expected YYYY-MM-DD");
	return check_ymd(s, n, num(s, 4), num(s + 5, 2), num(s + 8, 2), out, err);
}

/* DD/MM/YYYY; a one-digit day or month (1/6/2024, as spreadsheets write
 * it) is accepted too. */
static es_rc
parse_slash(const char *s, size_t n, es_date *out, es_err *err)
{
	const char *s1 = memchr(s, '/', n), *s2;
	size_t dl, ml, yl;

	if (s1 == NULL)
		return bad_date(err, s, n, "expected DD/MM/YYYY");
	s2 = memchr(s1 + 1, '/', n - (size_t)(s1 + 1 - s));
	if (s2 == NULL)
		return bad_date(err, s, n, "expected DD/MM/YYYY");
	dl = (size_t)(s1 - s);
	ml = (size_t)(s2 - s1 - 1);
	yl = n - (size_t)(s2 + 1 - s);
	if (dl < 1 || dl > 2 || ml < 1 || ml > 2 || yl != 4 || !all_digits(s, dl)
	    || !all_digits(s1 + 1, ml) || !all_digits(s2 + 1, yl))
		return bad_date(err, s, n, "expected DD/MM/YYYY");
	return check_ymd(s, n, num(s2 + 1, 4), num(s1 + 1, ml), num(s, dl), out, err);
}

static es_rc
parse_compact(const char *s, size_t n, es_date *out, es_err *err)
{
	if (n != 8 || !all_digits(s, 8))
		return bad_date(err, s, n, "expected DDMMYYYY");
	if (memcmp(s, "00000000", 8) == 0) {
		*out = ES_DATE_NONE;
		return ES_OK;
	}
	return check_ymd(s, n, num(s + 4, 4), num(s + 2, 2), num(s, 2), out, err);
}

es_rc
es_date_parse_n(const char *s, size_t n, es_date_format_kind kind, es_date *out, es_err *err)
{
	size_t len = 0;

	/* Stop at a NUL within the first n bytes. */
	while (len < n && s[len] != '\0')
		len++;
	if (len == 0) {
		*out = ES_DATE_NONE;
		return ES_OK;
	}
	switch (kind) {
	case ES_DATE_ISO:
		return parse_iso(s, len, out, err);
	case ES_DATE_DMY_SLASH:
		return parse_slash(s, len, out, err);
	case ES_DATE_DMY_COMPACT:
		return parse_compact(s, len, out, err);
	case ES_DATE_ANY:
		if (len == 10 && s[4] == '-')
			return parse_iso(s, len, out, err);
		if (memchr(s, '/', len) != NULL)
			return parse_slash(s, len, out, err);
		if (len == 8 && all_digits(s, 8))
			return parse_compact(s, len, out, err);
		return bad_date(err, s, len, "expected YYYY-MM-DD, DD/MM/YYYY or DDMMYYYY");
	}
	return es_err_set(err, ES_EINTERNAL, "unknown date format kind %d", (int)kind);
}

es_rc
es_date_parse(const char *s, es_date_format_kind kind, es_date *out, es_err *err)
{
	if (s == NULL) {
		*out = ES_DATE_NONE;
		return ES_OK;
	}
	return es_date_parse_n(s, strlen(s), kind, out, err);
}

char *
es_date_format(es_date dt, char *buf)
{
	int y, m, d;

	if (dt == ES_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	es_date_to_ymd(dt, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(buf, ES_DATE_BUFSZ, "%04d-%02d-%02d", y, m, d);
		return buf;
	}
	/* Digit by digit: bulk loads format millions of dates, and snprintf
	 * showed in their profiles. */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

char *
es_date_format_dmy(es_date dt, char *buf)
{
	int y, m, d;

	if (dt == ES_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	es_date_to_ymd(dt, &y, &m, &d);
	snprintf(buf, ES_DATE_BUFSZ, "%02d/%02d/%04d", d, m, y);
	return buf;
}

/* Month arithmetic. */

es_date
es_date_add_months(es_date dt, int n)
{
	int y, m, d, dim;
	int64_t months;

	if (dt == ES_DATE_NONE)
		return ES_DATE_NONE;
	es_date_to_ymd(dt, &y, &m, &d);
	months = (int64_t)y * 12 + (m - 1) + n;    /* 64 bits: no overflow for any int n */
	/* Floor division: months is positive for every year we handle, but
	 * stay correct below year 0 anyway. */
	y = (int)(months >= 0 ? months / 12 : -((-months + 11) / 12));
	m = (int)(months - (int64_t)y * 12) + 1;
	dim = es_days_in_month(y, m);
	if (d > dim)
		d = dim;
	return es_date_from_ymd(y, m, d);
}

es_date
es_date_end_of_month(es_date dt)
{
	int y, m, d;

	if (dt == ES_DATE_NONE)
		return ES_DATE_NONE;
	es_date_to_ymd(dt, &y, &m, &d);
	return es_date_from_ymd(y, m, es_days_in_month(y, m));
}

es_date
es_easter(int y)
{
	/* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
	int a = y % 19;                 /* position in the Metonic cycle */
	int b = y / 100, c = y % 100;
	int d = b / 4, e = b % 4;
	int f = (b + 8) / 25;
	int g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;     /* epact-related: days to the full moon */
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;   /* days from the full moon to Sunday */
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;

	return es_date_from_ymd(y, month, day);
}

/* The working-day calendar. */

enum holiday_kind { HOLIDAY_FIXED, HOLIDAY_EASTER_MONDAY };

struct holiday {
	enum holiday_kind kind;
	int month, day;     /* HOLIDAY_FIXED only */
	int from, to;       /* years, inclusive; 0 = unbounded */
};

struct es_calendar {
	struct holiday *rules;
	size_t n, cap;
};

es_calendar *
es_calendar_new(void)
{
	return calloc(1, sizeof(es_calendar));
}

void
es_calendar_free(es_calendar *cal)
{
	if (cal == NULL)
		return;
	free(cal->rules);
	free(cal);
}

static es_rc
check_years(int from, int to, es_err *err)
{
	if (from != 0 && (from < YEAR_MIN || from > YEAR_MAX))
		return es_err_set(err, ES_ECONFIG, "holiday: from-year %d outside %d..%d", from, YEAR_MIN, YEAR_MAX);
	if (to != 0 && (to < YEAR_MIN || to > YEAR_MAX))
		return es_err_set(err, ES_ECONFIG, "holiday: to-year %d outside %d..%d", to, YEAR_MIN, YEAR_MAX);
	if (from != 0 && to != 0 && from > to)
		return es_err_set(err, ES_ECONFIG, "holiday: from-year %d after to-year %d", from, to);
	return ES_OK;
}

static es_rc
add_rule(es_calendar *cal, struct holiday h, es_err *err)
{
	if (cal->n == cal->cap) {
		size_t cap = cal->cap ? cal->cap * 2 : 16;
		struct holiday *r = realloc(cal->rules, cap * sizeof *r);

		if (r == NULL)
			return es_err_set(err, ES_ENOMEM, "holiday calendar: out of memory");
		cal->rules = r;
		cal->cap = cap;
	}
	cal->rules[cal->n++] = h;
	return ES_OK;
}

es_rc
es_calendar_add_fixed(es_calendar *cal, int month, int day, int from, int to, es_err *err)
{
	struct holiday h = { HOLIDAY_FIXED, month, day, from, to };
	es_rc rc;

	if (cal == NULL)
		return es_err_set(err, ES_EINTERNAL, "holiday: no calendar");
	if (month < 1 || month > 12)
		return es_err_set(err, ES_ECONFIG, "holiday: month %d does not exist", month);
	/* 2000 is a leap year, so 29 February is accepted as a (rare) holiday. */
	if (day < 1 || day > es_days_in_month(2000, month))
		return es_err_set(err, ES_ECONFIG, "holiday: day %d does not exist in month %d", day, month);
	if ((rc = check_years(from, to, err)) != ES_OK)
		return rc;
	return add_rule(cal, h, err);
}

es_rc
es_calendar_add_easter_monday(es_calendar *cal, int from, int to, es_err *err)
{
	struct holiday h = { HOLIDAY_EASTER_MONDAY, 0, 0, from, to };
	es_rc rc;

	if (cal == NULL)
		return es_err_set(err, ES_EINTERNAL, "holiday: no calendar");
	if ((rc = check_years(from, to, err)) != ES_OK)
		return rc;
	return add_rule(cal, h, err);
}

bool
es_calendar_is_holiday(const es_calendar *cal, es_date dt)
{
	int y, m, d;
	size_t i;

	if (cal == NULL || dt == ES_DATE_NONE)
		return false;
	es_date_to_ymd(dt, &y, &m, &d);
	for (i = 0; i < cal->n; i++) {
		const struct holiday *h = &cal->rules[i];

		if ((h->from != 0 && y < h->from) || (h->to != 0 && y > h->to))
			continue;
		if (h->kind == HOLIDAY_FIXED) {
			if (h->month == m && h->day == d)
				return true;
		} else if ((m == 3 || m == 4) && dt == es_easter(y) + 1) {
			/* Easter Sunday falls on 22 March .. 25 April, its Monday on 23 March .. 26 April. */
			return true;
		}
	}
	return false;
}

bool
es_calendar_is_working_day(const es_calendar *cal, es_date dt)
{
	return es_date_weekday(dt) < 6 && !es_calendar_is_holiday(cal, dt);
}

es_date
es_calendar_next_working_day(const es_calendar *cal, es_date dt)
{
	if (dt == ES_DATE_NONE)
		return ES_DATE_NONE;
	/* A real calendar needs a few steps at most (a Saturday before a Monday
	 * holiday: three); the bound only guards against a table that declares
	 * every weekday a holiday. */
	for (int i = 0; i < 366 && !es_calendar_is_working_day(cal, dt); i++)
		dt++;
	return dt;
}
