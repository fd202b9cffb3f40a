/* date.h: civil dates as day numbers, and the Italian working-day calendar.
 *
 * An es_date is the number of days since 1970-01-01 (proleptic Gregorian),
 * so differences are day counts.  ES_DATE_NONE marks an absent date (an
 * empty CSV field, an open-ended validity).  Plain values: nothing to free,
 * except es_calendar (see below). */
#ifndef ES_TYPES_DATE_H
#define ES_TYPES_DATE_H

#include "es_setup.h"
#include "types/error.h"

typedef int32_t es_date;

#define ES_DATE_NONE INT32_MIN

/* Valid years are 1800..2999 throughout. */
es_date es_date_from_ymd(int y, int m, int d);      /* no validation: see es_date_valid_ymd */
void es_date_to_ymd(es_date dt, int *y, int *m, int *d);
bool es_date_valid_ymd(int y, int m, int d);
int es_days_in_month(int y, int m);
bool es_is_leap_year(int y);
int es_date_weekday(es_date dt);                   /* 1 = Monday ... 7 = Sunday (ISO) */

typedef enum es_date_format_kind {
	ES_DATE_ANY = 0,      /* ISO YYYY-MM-DD, DD/MM/YYYY or DDMMYYYY */
	ES_DATE_ISO = 1,      /* YYYY-MM-DD */
	ES_DATE_DMY_SLASH = 2,/* DD/MM/YYYY (also D/M/YYYY, as spreadsheets write it) */
	ES_DATE_DMY_COMPACT = 3 /* DDMMYYYY (cadastre, F24: "00000000" is absent) */
} es_date_format_kind;

/* Parse; the empty string gives ES_DATE_NONE and ES_OK.  For DDMMYYYY the
 * all-zero string also gives ES_DATE_NONE.  Anything else that is not a
 * real calendar date is ES_EDATA. */
es_rc es_date_parse(const char *s, es_date_format_kind kind, es_date *out, es_err *err);
/* Same, on the first n bytes of s (fixed-width records). */
es_rc es_date_parse_n(const char *s, size_t n, es_date_format_kind kind, es_date *out, es_err *err);

/* ISO format into buf (>= ES_DATE_BUFSZ); ES_DATE_NONE formats as "". */
#define ES_DATE_BUFSZ 16
char *es_date_format(es_date dt, char *buf);
/* DD/MM/YYYY, for printed documents. */
char *es_date_format_dmy(es_date dt, char *buf);

/* Add n months (n may be negative); the day is clamped to the end of the
 * target month (31 Jan + 1 month = 28/29 Feb). */
es_date es_date_add_months(es_date dt, int n);
/* Last day of dt's month. */
es_date es_date_end_of_month(es_date dt);

/* Easter Sunday of year y (Gregorian computus). */
es_date es_easter(int y);

/* A working-day calendar: the national holidays as fixed (month, day) pairs
 * valid for a range of years, plus Easter Monday.  Built from the
 * data/holidays.csv table by es_rules_calendar_load (rules.h); the caller
 * frees it with es_calendar_free.  The table's columns are
 * month,day,from_year,to_year,name,source: month=0 and day=0 is Easter
 * Monday, an empty to_year is open-ended (0 here).  A NULL calendar has no
 * holidays (weekends only). */
typedef struct es_calendar es_calendar;

es_calendar *es_calendar_new(void);
void es_calendar_free(es_calendar *cal);
/* Add a fixed holiday on (month, day) from year `from` to year `to`
 * inclusive (0 means unbounded). */
es_rc es_calendar_add_fixed(es_calendar *cal, int month, int day, int from, int to, es_err *err);
/* Add Easter Monday, from year `from` to `to` (0 = unbounded). */
es_rc es_calendar_add_easter_monday(es_calendar *cal, int from, int to, es_err *err);
bool es_calendar_is_holiday(const es_calendar *cal, es_date dt);
/* Saturday, Sunday or a holiday is not a working day. */
bool es_calendar_is_working_day(const es_calendar *cal, es_date dt);
/* The due-date shift (art. 7 c. 1 lett. h DL 70/2011; art. 6 c. 8 DL
 * 330/1994): a term falling on a non-working day moves to the next working day. */
es_date es_calendar_next_working_day(const es_calendar *cal, es_date dt);

#endif
