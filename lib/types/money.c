/* money.c: euro cents and fixed-point decimals (money.h).
 *
 * Parsing is strict: the whole string must be an amount, and a message says
 * what is wrong with it.  No locale, no strtod, no floating point. */
#include "es_setup.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "types/money.h"

/* The offending value is quoted in messages, shortened so that a runaway
 * field does not fill the message. */
#define QUOTE_MAX 40

static const char *
quote(const char *s, char *buf, size_t bufsz)
{
	size_t n = strlen(s);

	if (n <= QUOTE_MAX)
		return s;
	snprintf(buf, bufsz, "%.*s...", QUOTE_MAX, s);
	return buf;
}

static es_rc
bad_amount(es_err *err, const char *s, const char *why)
{
	char q[QUOTE_MAX + 8];

	return es_err_set(err, ES_EDATA, "bad amount '%s': %s", quote(s, q, sizeof q), why);
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "unexpected character 'x'", or its byte value when it is not printable
 * ASCII (a piece of a UTF-8 sequence such as the euro sign). */
static const char *
unexpected(char c, char *why, size_t whysz)
{
	unsigned char u = (unsigned char)c;

	if (u >= 0x20 && u < 0x7f)
		snprintf(why, whysz, "unexpected character '%c'", c);
	else
		snprintf(why, whysz, "unexpected byte 0x%02x", u);
	return why;
}

es_rc
es_money_parse(const char *s, es_money_style style, es_cents *out, es_err *err)
{
	const char *p = s;
	char dec = style == ES_MONEY_PLAIN ? '.' : ',';
	bool neg = false, grouped = false;
	int64_t units = 0, cents = 0;
	int ndig = 0, group = 0, ngroups = 0, ndec = 0;

	if (s == NULL || *s == '\0')
		return bad_amount(err, s == NULL ? "" : s, "empty");
	/* The usual amount, read at once: up to 11 digits, the decimal
	 * separator and two decimals (the loops below give the same). */
	{
		const char *q = s;
		int64_t v = 0;

		while (is_digit(*q) && q - s < 11)
			v = v * 10 + (*q++ - '0');
		if (q > s && *q == dec && is_digit(q[1]) && is_digit(q[2]) && q[3] == '\0') {
			*out = v * 100 + (q[1] - '0') * 10 + (q[2] - '0');
			return ES_OK;
		}
	}
	if (*p == '+' || *p == '-') {
		neg = *p == '-';
		p++;
	}
	if (*p == '\0')
		return bad_amount(err, s, "a sign without digits");
	if (*p == ' ' || *p == '\t')
		return bad_amount(err, s, "contains a space");
	if (!is_digit(*p))
		return bad_amount(err, s, p == s ? "expected a digit" : "expected a digit after the sign");

	/* Integer part, with thousands dots in the COMMA and ITALIAN styles:
	 * the first group has 1 to 3 digits, every later group exactly 3. */
	for (; *p != '\0' && *p != dec; p++) {
		if (is_digit(*p)) {
			if (units > 0 || *p != '0')
				ndig++;   /* significant digits only */
			if (ndig > 13)
				return bad_amount(err, s, "too large (the limit is 9999999999999.99)");
			units = units * 10 + (*p - '0');
			group++;
		} else if (*p == '.' && style != ES_MONEY_PLAIN) {
			if (group == 0 || (ngroups == 0 && group > 3) || (ngroups > 0 && group != 3))
				return bad_amount(err, s, "misplaced thousands separator '.'");
			grouped = true;
			ngroups++;
			group = 0;
		} else if (*p == ' ' || *p == '\t') {
			return bad_amount(err, s, "contains a space");
		} else if (*p == ',' && style == ES_MONEY_PLAIN) {
			return bad_amount(err, s, "',' is not the decimal separator here (use '.')");
		} else {
			char why[48];

			return bad_amount(err, s, unexpected(*p, why, sizeof why));
		}
	}
	if (grouped && group != 3)
		return bad_amount(err, s, "misplaced thousands separator '.'");

	if (*p == dec) {
		p++;
		if (*p == '\0')
			return bad_amount(err, s, "no digits after the decimal separator");
		for (; *p != '\0'; p++) {
			if (!is_digit(*p)) {
				char why[48];

				if (*p == dec)
					return bad_amount(err, s, "more than one decimal separator");
				if (*p == '.' || *p == ',')
					return bad_amount(err, s, "a separator among the decimals");
				if (*p == ' ' || *p == '\t')
					return bad_amount(err, s, "contains a space");
				return bad_amount(err, s, unexpected(*p, why, sizeof why));
			}
			if (++ndec > 2)
				return bad_amount(err, s, "more than two decimals");
			cents = cents * 10 + (*p - '0');
		}
		if (ndec == 1)
			cents *= 10;
	}

	/* 13 integer digits at most, so units * 100 + cents <= ES_CENTS_MAX. */
	*out = neg ? -(units * 100 + cents) : units * 100 + cents;
	return ES_OK;
}

char *
es_money_format(es_cents c, es_money_style style, char *buf)
{
	(void)es_money_format_len(c, style, buf);
	return buf;
}

size_t
es_money_format_len(es_cents c, es_money_style style, char *buf)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	                            "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	                            "8081828384858687888990919293949596979899";
	/* The magnitude as unsigned, so that INT64_MIN formats too. */
	uint64_t mag = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;
	uint64_t units = mag / 100;
	unsigned frac = (unsigned)(mag % 100);
	char digits[24], *q = buf;
	const char *dg;
	size_t n = 0, i;

	/* The digits of units, two at a time from the least significant
	 * (no snprintf: this formats every amount of every output row). */
	while (units >= 100) {
		unsigned r = (unsigned)(units % 100);

		units /= 100;
		digits[sizeof digits - 1 - n++] = pairs[2 * r + 1];
		digits[sizeof digits - 1 - n++] = pairs[2 * r];
	}
	if (units >= 10) {
		digits[sizeof digits - 1 - n++] = pairs[2 * units + 1];
		digits[sizeof digits - 1 - n++] = pairs[2 * units];
	} else {
		digits[sizeof digits - 1 - n++] = (char)('0' + units);
	}
	dg = digits + sizeof digits - n;
	if (c < 0)
		*q++ = '-';
	if (style == ES_MONEY_ITALIAN) {
		for (i = 0; i < n; i++) {
			if (i > 0 && (n - i) % 3 == 0)
				*q++ = '.';
			*q++ = dg[i];
		}
	} else {
		memcpy(q, dg, n);
		q += n;
	}
	*q++ = style == ES_MONEY_PLAIN ? '.' : ',';
	*q++ = pairs[2 * frac];
	*q++ = pairs[2 * frac + 1];
	*q = '\0';
	return (size_t)(q - buf);
}

es_rc
es_muldiv(int64_t a, int64_t num, int64_t den, es_rounding mode, int64_t *out, es_err *err)
{
	__int128 p, q, r, twice_r;
	int sign;

	if (den <= 0)
		return es_err_set(err, ES_EDATA, "division by %" PRId64 " (the divisor must be positive)", den);
	p = (__int128)a * num;
	q = p / den;      /* truncates toward zero */
	r = p % den;      /* same sign as p */
	sign = p < 0 ? -1 : 1;
	twice_r = r < 0 ? -2 * r : 2 * r;

	switch (mode) {
	case ES_ROUND_DOWN:
		break;
	case ES_ROUND_HALF_UP:
		if (twice_r >= den)
			q += sign;
		break;
	case ES_ROUND_HALF_EVEN:
		if (twice_r > den || (twice_r == den && (q & 1) != 0))
			q += sign;
		break;
	default:
		return es_err_set(err, ES_EINTERNAL, "unknown rounding mode %d", (int)mode);
	}
	if (q > INT64_MAX || q < INT64_MIN)
		return es_err_set(err, ES_EDATA, "%" PRId64 " * %" PRId64 " / %" PRId64 " overflows",
		                  a, num, den);
	*out = (int64_t)q;
	return ES_OK;
}

es_cents
es_money_round_euro(es_cents c)
{
	es_cents euro = c / 100, rest = c % 100;    /* rest has the sign of c */

	if (rest >= 50)
		euro++;
	else if (rest <= -50)
		euro--;
	return euro * 100;
}

static const int64_t pow10_table[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000
};

static es_rc
bad_decimal(es_err *err, const char *s, const char *why)
{
	char q[QUOTE_MAX + 8];

	return es_err_set(err, ES_EDATA, "bad number '%s': %s", quote(s, q, sizeof q), why);
}

es_rc
es_decimal_parse(const char *s, int scale, int64_t *out, es_err *err)
{
	const char *p = s;
	bool neg = false;
	int ndec = 0;
	uint64_t v = 0;
	/* The magnitude limit: INT64_MAX, or one more for a negative value. */
	uint64_t limit;

	if (scale < 0 || scale > 9)
		return es_err_set(err, ES_EINTERNAL, "decimal scale %d out of range 0..9", scale);
	if (s == NULL || *s == '\0')
		return bad_decimal(err, s == NULL ? "" : s, "empty");
	if (*p == '+' || *p == '-') {
		neg = *p == '-';
		p++;
	}
	if (!is_digit(*p))
		return bad_decimal(err, s, *p == '\0' ? "a sign without digits" : "expected a digit");
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;

	for (; is_digit(*p); p++) {
		if (v > (limit - (uint64_t)(*p - '0')) / 10)
			return bad_decimal(err, s, "too large");
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.' || *p == ',') {
		p++;
		if (!is_digit(*p))
			return bad_decimal(err, s, "no digits after the decimal separator");
		for (; is_digit(*p); p++) {
			if (++ndec > scale) {
				char why[64];

				snprintf(why, sizeof why, "more than %d decimal%s", scale, scale == 1 ? "" : "s");
				return bad_decimal(err, s, why);
			}
			if (v > (limit - (uint64_t)(*p - '0')) / 10)
				return bad_decimal(err, s, "too large");
			v = v * 10 + (uint64_t)(*p - '0');
		}
	}
	if (*p != '\0') {
		char why[48];

		if (*p == ' ' || *p == '\t')
			return bad_decimal(err, s, "contains a space");
		if (*p == '.' || *p == ',')
			return bad_decimal(err, s, "more than one decimal separator");
		return bad_decimal(err, s, unexpected(*p, why, sizeof why));
	}
	/* Scale up to the missing decimals. */
	for (; ndec < scale; ndec++) {
		if (v > limit / 10)
			return bad_decimal(err, s, "too large");
		v *= 10;
	}
	if (neg)
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	else
		*out = (int64_t)v;
	return ES_OK;
}

char *
es_decimal_format(int64_t v, int scale, char *buf)
{
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t div;

	if (scale < 0)
		scale = 0;
	if (scale > 9)
		scale = 9;
	div = (uint64_t)pow10_table[scale];
	if (scale == 0)
		snprintf(buf, 32, "%s%" PRIu64, v < 0 ? "-" : "", mag);
	else
		snprintf(buf, 32, "%s%" PRIu64 ".%0*u", v < 0 ? "-" : "", mag / div, scale, (unsigned)(mag % div));
	return buf;
}
