/* t_money.c: es_money_*, es_muldiv, es_decimal_* (lib/types/money.h).
 * Every expected value is worked out by hand in the comment beside it. */
#include "es_setup.h"

#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "types/money.h"

Suite *make_suite_money(void);

static void
parse_ok(const char *s, es_money_style style, es_cents want)
{
	es_err err = { 0 };
	es_cents got = -12345;
	es_rc rc = es_money_parse(s, style, &got, &err);

	ck_assert_msg(rc == ES_OK, "'%s' (style %d): rc %d: %s", s, (int)style, (int)rc, err.msg);
	ck_assert_msg(got == want, "'%s' (style %d): got %lld, want %lld", s, (int)style,
	              (long long)got, (long long)want);
}

/* Rejected with ES_EDATA, and the message names the value and says why. */
static void
parse_bad(const char *s, es_money_style style, const char *why)
{
	es_err err = { 0 };
	es_cents got = 0;
	char head[80];

	ck_assert_msg(es_money_parse(s, style, &got, &err) == ES_EDATA, "'%s' (style %d) accepted as %lld",
	              s, (int)style, (long long)got);
	snprintf(head, sizeof head, "bad amount '%s': ", s);
	ck_assert_msg(strncmp(err.msg, head, strlen(head)) == 0, "message '%s' does not start with '%s'",
	              err.msg, head);
	ck_assert_msg(strstr(err.msg, why) != NULL, "message '%s' does not say '%s'", err.msg, why);
}

START_TEST(parse_plain)
{
	parse_ok("1234", ES_MONEY_PLAIN, 123400);
	parse_ok("1234.5", ES_MONEY_PLAIN, 123450);       /* one decimal is tenths: 50 cents */
	parse_ok("1234.50", ES_MONEY_PLAIN, 123450);
	parse_ok("-3.10", ES_MONEY_PLAIN, -310);
	parse_ok("+3", ES_MONEY_PLAIN, 300);
	parse_ok("0.01", ES_MONEY_PLAIN, 1);
	parse_ok("-0.5", ES_MONEY_PLAIN, -50);
	parse_ok("-0", ES_MONEY_PLAIN, 0);
	parse_ok("007.00", ES_MONEY_PLAIN, 700);          /* leading zeros are not significant */
	/* ES_CENTS_MAX = 10^15 - 1 cents = 9999999999999.99 euro */
	parse_ok("9999999999999.99", ES_MONEY_PLAIN, ES_CENTS_MAX);
	parse_ok("-9999999999999.99", ES_MONEY_PLAIN, -ES_CENTS_MAX);
}
END_TEST

START_TEST(parse_italian)
{
	/* COMMA and ITALIAN both take ',' for decimals and well-placed thousands dots. */
	parse_ok("1234,50", ES_MONEY_COMMA, 123450);
	parse_ok("1234,50", ES_MONEY_ITALIAN, 123450);
	parse_ok("1.234,50", ES_MONEY_ITALIAN, 123450);
	parse_ok("1.234,50", ES_MONEY_COMMA, 123450);
	parse_ok("1.234.567,89", ES_MONEY_ITALIAN, 123456789);
	parse_ok("-1.234,5", ES_MONEY_ITALIAN, -123450);
	parse_ok("999", ES_MONEY_ITALIAN, 99900);
	parse_ok("1.000", ES_MONEY_ITALIAN, 100000);      /* one thousand euro, not one euro */
	parse_ok("0,07", ES_MONEY_COMMA, 7);
}
END_TEST

START_TEST(parse_rejects)
{
	parse_bad("", ES_MONEY_PLAIN, "empty");
	parse_bad("-", ES_MONEY_PLAIN, "sign without digits");
	parse_bad("+", ES_MONEY_PLAIN, "sign without digits");
	parse_bad("1.2.3", ES_MONEY_PLAIN, "more than one decimal separator");
	parse_bad("1.234", ES_MONEY_PLAIN, "more than two decimals");
	parse_bad("1,50", ES_MONEY_PLAIN, "',' is not the decimal separator");
	parse_bad(" 12", ES_MONEY_PLAIN, "contains a space");
	parse_bad("12 ", ES_MONEY_PLAIN, "space");
	parse_bad("1 234.00", ES_MONEY_PLAIN, "space");
	parse_bad("12a", ES_MONEY_PLAIN, "unexpected character 'a'");
	parse_bad("1e3", ES_MONEY_PLAIN, "unexpected character 'e'");
	parse_bad(".5", ES_MONEY_PLAIN, "expected a digit");
	parse_bad("5.", ES_MONEY_PLAIN, "no digits after the decimal separator");
	parse_bad("--5", ES_MONEY_PLAIN, "expected a digit after the sign");
	parse_bad("€5", ES_MONEY_PLAIN, "expected a digit");
	parse_bad("5€", ES_MONEY_PLAIN, "unexpected byte 0xe2");      /* UTF-8 E2 82 AC */
	parse_bad("5.0€", ES_MONEY_PLAIN, "unexpected byte 0xe2");
	/* 10^13 euro = 10^15 cents > ES_CENTS_MAX */
	parse_bad("10000000000000.00", ES_MONEY_PLAIN, "too large");
	parse_bad("-10000000000000", ES_MONEY_PLAIN, "too large");
	/* Italian thousands dots must group by three from the decimal comma. */
	parse_bad("12.34", ES_MONEY_ITALIAN, "misplaced thousands separator");
	parse_bad("1234.567,00", ES_MONEY_ITALIAN, "misplaced thousands separator");
	parse_bad("1.23,00", ES_MONEY_ITALIAN, "misplaced thousands separator");
	parse_bad("1..234,00", ES_MONEY_ITALIAN, "misplaced thousands separator");
	parse_bad(".234,00", ES_MONEY_ITALIAN, "expected a digit");
	parse_bad("1,2,3", ES_MONEY_ITALIAN, "more than one decimal separator");
	parse_bad("1,234", ES_MONEY_COMMA, "more than two decimals");
	parse_bad("1,2.3", ES_MONEY_COMMA, "a separator among the decimals");
}
END_TEST

START_TEST(parse_null)
{
	es_err err = { 0 };
	es_cents c = 7;

	ck_assert_int_eq(es_money_parse(NULL, ES_MONEY_PLAIN, &c, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "bad amount '': empty");
	ck_assert_int_eq(c, 7);     /* untouched on error */
	/* err may be NULL */
	ck_assert_int_eq(es_money_parse("x", ES_MONEY_PLAIN, &c, NULL), ES_EDATA);
}
END_TEST

START_TEST(parse_rejects_long_value_quoted_short)
{
	es_err err = { 0 };
	es_cents c;
	char s[200];

	memset(s, '9', sizeof s - 1);
	s[sizeof s - 1] = '\0';
	ck_assert_int_eq(es_money_parse(s, ES_MONEY_PLAIN, &c, &err), ES_EDATA);
	/* the value is quoted with its first 40 characters only */
	ck_assert_ptr_nonnull(strstr(err.msg, "9999999999999999999999999999999999999999...'"));
	ck_assert_ptr_nonnull(strstr(err.msg, "too large"));
}
END_TEST

START_TEST(format)
{
	char buf[ES_MONEY_BUFSZ];

	ck_assert_str_eq(es_money_format(123450, ES_MONEY_PLAIN, buf), "1234.50");
	ck_assert_str_eq(es_money_format(123450, ES_MONEY_COMMA, buf), "1234,50");
	ck_assert_str_eq(es_money_format(123450, ES_MONEY_ITALIAN, buf), "1.234,50");
	ck_assert_str_eq(es_money_format(-310, ES_MONEY_PLAIN, buf), "-3.10");
	ck_assert_str_eq(es_money_format(5, ES_MONEY_PLAIN, buf), "0.05");
	ck_assert_str_eq(es_money_format(-5, ES_MONEY_PLAIN, buf), "-0.05");
	ck_assert_str_eq(es_money_format(0, ES_MONEY_ITALIAN, buf), "0,00");
	ck_assert_str_eq(es_money_format(99999, ES_MONEY_ITALIAN, buf), "999,99");
	ck_assert_str_eq(es_money_format(100000, ES_MONEY_ITALIAN, buf), "1.000,00");
	ck_assert_str_eq(es_money_format(123456789, ES_MONEY_ITALIAN, buf), "1.234.567,89");
	ck_assert_str_eq(es_money_format(-123456789, ES_MONEY_ITALIAN, buf), "-1.234.567,89");
	ck_assert_str_eq(es_money_format(ES_CENTS_MAX, ES_MONEY_ITALIAN, buf), "9.999.999.999.999,99");
	/* INT64_MIN = -9223372036854775808 cents: no overflow on negation */
	ck_assert_str_eq(es_money_format(INT64_MIN, ES_MONEY_PLAIN, buf), "-92233720368547758.08");
	ck_assert_str_eq(es_money_format(INT64_MIN, ES_MONEY_ITALIAN, buf), "-92.233.720.368.547.758,08");
}
END_TEST

START_TEST(format_parse_round_trip)
{
	static const es_cents v[] = { 0, 1, -1, 99, 100, 123456789, -100000, ES_CENTS_MAX, -ES_CENTS_MAX };
	char buf[ES_MONEY_BUFSZ];
	size_t i;
	int style;

	for (i = 0; i < ES_ARRAY_LEN(v); i++)
		for (style = ES_MONEY_PLAIN; style <= ES_MONEY_ITALIAN; style++)
			parse_ok(es_money_format(v[i], (es_money_style)style, buf), (es_money_style)style, v[i]);
}
END_TEST

static int64_t
md(int64_t a, int64_t num, int64_t den, es_rounding mode)
{
	es_err err = { 0 };
	int64_t out = -777;

	ck_assert_msg(es_muldiv(a, num, den, mode, &out, &err) == ES_OK, "%s", err.msg);
	return out;
}

START_TEST(muldiv_rounding)
{
	/* 10 / 4 = 2.5: half-up 3, down 2, half-even 2 (2 is even) */
	ck_assert_int_eq(md(10, 1, 4, ES_ROUND_HALF_UP), 3);
	ck_assert_int_eq(md(10, 1, 4, ES_ROUND_DOWN), 2);
	ck_assert_int_eq(md(10, 1, 4, ES_ROUND_HALF_EVEN), 2);
	/* 30 / 4 = 7.5: half-up 8, down 7, half-even 8 (7 is odd) */
	ck_assert_int_eq(md(30, 1, 4, ES_ROUND_HALF_UP), 8);
	ck_assert_int_eq(md(30, 1, 4, ES_ROUND_DOWN), 7);
	ck_assert_int_eq(md(30, 1, 4, ES_ROUND_HALF_EVEN), 8);
	/* -10 / 4 = -2.5: half away from zero -3, toward zero -2, half-even -2 */
	ck_assert_int_eq(md(-10, 1, 4, ES_ROUND_HALF_UP), -3);
	ck_assert_int_eq(md(10, -1, 4, ES_ROUND_HALF_UP), -3);
	ck_assert_int_eq(md(-10, 1, 4, ES_ROUND_DOWN), -2);
	ck_assert_int_eq(md(-10, 1, 4, ES_ROUND_HALF_EVEN), -2);
	/* -30 / 4 = -7.5: half-even -8 */
	ck_assert_int_eq(md(-30, 1, 4, ES_ROUND_HALF_EVEN), -8);
	/* 7 / 3 = 2.33: 2 in every mode; 8 / 3 = 2.67: 3, 2, 3 */
	ck_assert_int_eq(md(7, 1, 3, ES_ROUND_HALF_UP), 2);
	ck_assert_int_eq(md(7, 1, 3, ES_ROUND_HALF_EVEN), 2);
	ck_assert_int_eq(md(8, 1, 3, ES_ROUND_HALF_UP), 3);
	ck_assert_int_eq(md(8, 1, 3, ES_ROUND_DOWN), 2);
	ck_assert_int_eq(md(8, 1, 3, ES_ROUND_HALF_EVEN), 3);
	/* -8 / 3 = -2.67: half-up -3, down -2 */
	ck_assert_int_eq(md(-8, 1, 3, ES_ROUND_HALF_UP), -3);
	ck_assert_int_eq(md(-8, 1, 3, ES_ROUND_DOWN), -2);
	/* 1 cent * 1/2 = 0.5 cent: half-up 1, half-even 0 */
	ck_assert_int_eq(md(1, 1, 2, ES_ROUND_HALF_UP), 1);
	ck_assert_int_eq(md(1, 1, 2, ES_ROUND_HALF_EVEN), 0);
}
END_TEST

START_TEST(muldiv_imu_example)
{
	/* cadastre-imu-tari.md §2.5 example: base 168.000,00 euro at 1,06 %,
	 * rate as scale-4 percent points (1.06 -> 10600):
	 * 16800000 cents * 10600 / (100 * 10000) = 178080000000 / 1000000
	 * = 178080 cents = 1780,80 euro a year; half a year (6/12) of a
	 * half share (1/2): 178080 * 1 / 4 = 44520 = 445,20 euro. */
	int64_t year = md(16800000, 10600, 1000000, ES_ROUND_HALF_UP);

	ck_assert_int_eq(year, 178080);
	ck_assert_int_eq(md(year, 6, 24, ES_ROUND_HALF_UP), 44520);
	/* F24: 445,20 -> 445 (0,20 < 0,50) */
	ck_assert_int_eq(es_money_round_euro(44520), 44500);
}
END_TEST

START_TEST(muldiv_wide)
{
	es_err err = { 0 };
	int64_t out;

	/* 9 * 10^18 * 3 = 2.7 * 10^19 > INT64_MAX (9.22 * 10^18): needs the
	 * 128-bit product; / 3 gives back 9 * 10^18. */
	ck_assert_int_eq(md(INT64_C(9000000000000000000), 3, 3, ES_ROUND_DOWN), INT64_C(9000000000000000000));
	/* INT64_MAX * INT64_MAX / INT64_MAX = INT64_MAX */
	ck_assert_int_eq(md(INT64_MAX, INT64_MAX, INT64_MAX, ES_ROUND_HALF_UP), INT64_MAX);
	ck_assert_int_eq(md(INT64_MIN, 1, 1, ES_ROUND_HALF_UP), INT64_MIN);
	/* results that do not fit */
	ck_assert_int_eq(es_muldiv(INT64_MAX, 2, 1, ES_ROUND_HALF_UP, &out, &err), ES_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "overflows"));
	ck_assert_int_eq(es_muldiv(INT64_MIN, -1, 1, ES_ROUND_DOWN, &out, &err), ES_EDATA);
	/* a divisor that is not positive */
	ck_assert_int_eq(es_muldiv(1, 1, 0, ES_ROUND_HALF_UP, &out, &err), ES_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "division by 0"));
	ck_assert_int_eq(es_muldiv(1, 1, -2, ES_ROUND_HALF_UP, &out, NULL), ES_EDATA);
}
END_TEST

START_TEST(round_euro)
{
	/* L. 296/2006 c. 166: cents 0..49 down, 50..99 up, symmetric for negatives */
	ck_assert_int_eq(es_money_round_euro(12349), 12300);   /* 123,49 -> 123 */
	ck_assert_int_eq(es_money_round_euro(12350), 12400);   /* 123,50 -> 124 */
	ck_assert_int_eq(es_money_round_euro(12399), 12400);   /* 123,99 -> 124 */
	ck_assert_int_eq(es_money_round_euro(12300), 12300);
	ck_assert_int_eq(es_money_round_euro(12301), 12300);
	ck_assert_int_eq(es_money_round_euro(49), 0);          /* 0,49 -> 0 */
	ck_assert_int_eq(es_money_round_euro(50), 100);        /* 0,50 -> 1 */
	ck_assert_int_eq(es_money_round_euro(0), 0);
	ck_assert_int_eq(es_money_round_euro(-12349), -12300); /* -123,49 -> -123 */
	ck_assert_int_eq(es_money_round_euro(-12350), -12400); /* -123,50 -> -124 */
	ck_assert_int_eq(es_money_round_euro(-49), 0);
	ck_assert_int_eq(es_money_round_euro(-50), -100);
	/* 9999999999999,50 -> 10000000000000 euro = 10^15 cents */
	ck_assert_int_eq(es_money_round_euro(ES_CENTS_MAX - 49), ES_CENTS_MAX + 1);
}
END_TEST

static int64_t
dp(const char *s, int scale)
{
	es_err err = { 0 };
	int64_t out = -777;

	ck_assert_msg(es_decimal_parse(s, scale, &out, &err) == ES_OK, "'%s' scale %d: %s", s, scale, err.msg);
	return out;
}

static void
dp_bad(const char *s, int scale, const char *why)
{
	es_err err = { 0 };
	int64_t out = 0;
	char head[80];

	ck_assert_msg(es_decimal_parse(s, scale, &out, &err) == ES_EDATA, "'%s' scale %d accepted as %lld", s,
	              scale, (long long)out);
	snprintf(head, sizeof head, "bad number '%s': ", s);
	ck_assert_msg(strncmp(err.msg, head, strlen(head)) == 0, "message '%s'", err.msg);
	ck_assert_msg(strstr(err.msg, why) != NULL, "message '%s' does not say '%s'", err.msg, why);
}

START_TEST(decimal_parse)
{
	ck_assert_int_eq(dp("1.06", 4), 10600);     /* 1.06 * 10^4 */
	ck_assert_int_eq(dp("0,5", 2), 50);         /* 0.5 * 10^2 */
	ck_assert_int_eq(dp("5.5", 4), 55000);
	ck_assert_int_eq(dp("-0.25", 4), -2500);
	ck_assert_int_eq(dp("+7", 3), 7000);
	ck_assert_int_eq(dp("3", 0), 3);
	ck_assert_int_eq(dp("0.000000001", 9), 1);
	ck_assert_int_eq(dp("9223372036854775807", 0), INT64_MAX);
	ck_assert_int_eq(dp("-9223372036854775808", 0), INT64_MIN);
	/* 922337203.6854775807 at scale 10 would be INT64_MAX; at scale 9: */
	ck_assert_int_eq(dp("9223372036.854775807", 9), INT64_MAX);

	dp_bad("", 2, "empty");
	dp_bad("-", 2, "sign without digits");
	dp_bad("3.0", 0, "more than 0 decimals");
	dp_bad("1.23456", 4, "more than 4 decimals");
	dp_bad("0.25", 1, "more than 1 decimal");
	dp_bad("1.2.3", 4, "more than one decimal separator");
	dp_bad("1,234.5", 4, "more than one decimal separator");
	dp_bad("1.", 2, "no digits after");
	dp_bad("1 %", 2, "space");
	dp_bad("1%", 2, "unexpected character '%'");
	dp_bad("5\xc2\xa0", 2, "unexpected byte 0xc2");                /* a no-break space */
	dp_bad("9223372036854775808", 0, "too large");     /* INT64_MAX + 1 */
	dp_bad("-9223372036854775809", 0, "too large");
	dp_bad("10000000000", 9, "too large");             /* 10^10 * 10^9 = 10^19 > INT64_MAX */
}
END_TEST

START_TEST(decimal_format)
{
	char buf[32];

	ck_assert_str_eq(es_decimal_format(10600, 4, buf), "1.0600");
	ck_assert_str_eq(es_decimal_format(-2500, 4, buf), "-0.2500");
	ck_assert_str_eq(es_decimal_format(3, 0, buf), "3");
	ck_assert_str_eq(es_decimal_format(5, 2, buf), "0.05");
	ck_assert_str_eq(es_decimal_format(-5, 2, buf), "-0.05");
	ck_assert_str_eq(es_decimal_format(123456789, 9, buf), "0.123456789");
	ck_assert_str_eq(es_decimal_format(INT64_MIN, 0, buf), "-9223372036854775808");
	ck_assert_str_eq(es_decimal_format(INT64_MIN, 9, buf), "-9223372036.854775808");
}
END_TEST

Suite *
make_suite_money(void)
{
	Suite *s = suite_create("money");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, parse_plain);
	tcase_add_test(tc, parse_italian);
	tcase_add_test(tc, parse_rejects);
	tcase_add_test(tc, parse_null);
	tcase_add_test(tc, parse_rejects_long_value_quoted_short);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, format);
	tcase_add_test(tc, format_parse_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("rounding");
	tcase_add_test(tc, muldiv_rounding);
	tcase_add_test(tc, muldiv_imu_example);
	tcase_add_test(tc, muldiv_wide);
	tcase_add_test(tc, round_euro);
	suite_add_tcase(s, tc);

	tc = tcase_create("decimal");
	tcase_add_test(tc, decimal_parse);
	tcase_add_test(tc, decimal_format);
	suite_add_tcase(s, tc);
	return s;
}
