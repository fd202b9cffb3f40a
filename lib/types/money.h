/* money.h: amounts of money as int64_t euro cents, and fixed-point decimals.
 *
 * Money is never a double.  Rates (a 1.06 % IMU rate, a 0.45 TARI
 * coefficient, a 5.5 % aggio) are fixed-point integers at an explicit scale:
 * es_decimal_parse("1.06", 4, &r) gives r = 10600 (units of 1e-4).
 * All values are plain integers: nothing to free. */
#ifndef ES_TYPES_MONEY_H
#define ES_TYPES_MONEY_H

#include "es_setup.h"
#include "types/error.h"

typedef int64_t es_cents;

/* Largest amount accepted by the parser: 10^15 - 1 cents (ten thousand
 * billion euro), far above any real amount and far below INT64_MAX, so that
 * sums of millions of amounts cannot overflow. */
#define ES_CENTS_MAX INT64_C(999999999999999)

typedef enum es_money_style {
	ES_MONEY_PLAIN = 0,      /* 1234.50, -3.10 (the stream contract) */
	ES_MONEY_COMMA = 1,      /* 1234,50 (--locale it in CSV) */
	ES_MONEY_ITALIAN = 2     /* 1.234,50 (printed documents) */
} es_money_style;

/* Parse an amount.  PLAIN accepts "1234", "1234.5", "1234.50", "-3.10",
 * "+3"; COMMA and ITALIAN accept "1234,50" and "1.234,50" (thousands dots
 * must then be well placed).  More than two decimals, an empty string,
 * spaces, a lone sign or an amount above ES_CENTS_MAX are ES_EDATA. */
es_rc es_money_parse(const char *s, es_money_style style, es_cents *out, es_err *err);

/* Format into buf (at least ES_MONEY_BUFSZ bytes); returns buf. */
#define ES_MONEY_BUFSZ 32
char *es_money_format(es_cents c, es_money_style style, char *buf);
/* The same, returning the length written (the NUL not counted). */
size_t es_money_format_len(es_cents c, es_money_style style, char *buf);

/* Rounding rules, named (see esattore(7), "ROUNDING"). */
typedef enum es_rounding {
	ES_ROUND_HALF_UP = 0,    /* half away from zero: 0.5 -> 1, -0.5 -> -1 */
	ES_ROUND_DOWN = 1,       /* toward zero (truncation) */
	ES_ROUND_HALF_EVEN = 2   /* banker's rounding */
} es_rounding;

/* a * num / den rounded by mode, computed in 128 bits: exact for any int64
 * inputs whose result fits.  den must be > 0.  Returns ES_EDATA on overflow. */
es_rc es_muldiv(int64_t a, int64_t num, int64_t den, es_rounding mode, int64_t *out, es_err *err);

/* The F24 rounding to whole euro (L. 296/2006 c. 166): cents 0..49 down,
 * 50..99 up; symmetric for negative amounts.  Returns cents (a multiple of 100). */
es_cents es_money_round_euro(es_cents c);

/* Parse a non-negative or negative decimal number with at most `scale`
 * decimals into a fixed-point integer: ("1.06", 4) -> 10600, ("0,5", 2) ->
 * 50 (both '.' and ',' are accepted as the decimal separator; no thousands
 * separators).  scale is 0..9. */
es_rc es_decimal_parse(const char *s, int scale, int64_t *out, es_err *err);
/* Format a fixed-point integer with `scale` decimals, trailing zeros kept:
 * (10600, 4) -> "1.0600".  buf at least 32 bytes. */
char *es_decimal_format(int64_t v, int scale, char *buf);

#endif
