/* taxid.c: codice fiscale and partita IVA (taxid.h).
 *
 * The codice fiscale of a person is defined by DM 23 dicembre 1976 (and DPR
 * 605/1973): 6 letters of surname and name, 2 digits of the year, a month
 * letter, 2 digits of the day (+40 for women), the 4-character Belfiore code
 * of the birthplace (a letter and 3 digits) and a check letter.  When two
 * people would get the same code, the Agenzia delle Entrate replaces digits
 * from the right with the "omocodia" letters L M N P Q R S T U V (0..9).
 *
 * Check letter: every character of the first 15 gets a value from one of
 * two tables, by its 1-based position: odd positions use the "dispari"
 * table below, even positions the "pari" one (digits 0..9 -> 0..9, letters
 * A..Z -> 0..25).  The sum mod 26 is the check letter, 0 = A.
 *
 * partita IVA: 11 digits, the last the check digit of the first ten by the
 * Luhn scheme (DPR 633/1972 art. 35; DM 23 dicembre 1976). */
#include "es_setup.h"

#include <stdio.h>
#include <string.h>

#include "types/taxid.h"

/* Value of a character at an odd (1-based) position: index 0..9 for the
 * digits, 10..35 for A..Z.  A digit counts as the letter of the same rank
 * (0 as A, 1 as B, ...). */
static const int odd_value[36] = {
	/* 0..9 */ 1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
	/* A..J */ 1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
	/* K..T */ 2, 4, 18, 20, 11, 3, 6, 8, 12, 14,
	/* U..Z */ 16, 10, 22, 25, 24, 23
};

static const char omocodia[] = "LMNPQRSTUV";
static const char month_letters[] = "ABCDEHLMPRST";
/* 1-based positions that hold digits (or omocodia letters). */
static const bool digit_pos[16] = {
	false, false, false, false, false, false, true, true,
	false, true, true, false, true, true, true, false
};

static int
upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static bool
is_upper_letter(int c)
{
	return c >= 'A' && c <= 'Z';
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* The digit a character stands for in a digit position, or -1. */
static int
digit_of(int c)
{
	const char *p;

	c = upper(c);
	if (is_digit(c))
		return c - '0';
	if (c != '\0' && (p = strchr(omocodia, c)) != NULL)
		return (int)(p - omocodia);
	return -1;
}

/* Whether the character at 0-based index i (< 15) is of the class its
 * position wants: a letter, or a digit or omocodia letter. */
static bool
char_ok(const char *s, int i)
{
	int c = upper((unsigned char)s[i]);

	if (digit_pos[i])
		return digit_of(c) >= 0;
	return is_upper_letter(c);
}

char
es_cf_check_char(const char *first15)
{
	int i, sum = 0;

	if (first15 == NULL)
		return '\0';
	for (i = 0; i < 15; i++) {
		int c = upper((unsigned char)first15[i]);
		int v;

		if (c == '\0' || !char_ok(first15, i))
			return '\0';
		v = is_digit(c) ? c - '0' : c - 'A' + 10;
		/* i is 0-based: i even is an odd 1-based position. */
		if (i % 2 == 0)
			sum += odd_value[v];
		else
			sum += is_digit(c) ? c - '0' : c - 'A';
	}
	return (char)('A' + sum % 26);
}

es_rc
es_cf_validate(const char *cf, es_err *err)
{
	size_t n;
	int i, day;
	char check;

	if (cf == NULL || *cf == '\0')
		return es_err_set(err, ES_EDATA, "empty codice fiscale");
	n = strlen(cf);
	if (n != 16)
		return es_err_set(err, ES_EDATA, "bad codice fiscale '%.*s': %zu characters, expected 16",
		                  40, cf, n);
	for (i = 0; i < 16; i++) {
		int c = upper((unsigned char)cf[i]);
		bool ok = i == 15 ? is_upper_letter(c) : char_ok(cf, i);

		if (!ok) {
			const char *want = digit_pos[i] ? "a digit or an omocodia letter (LMNPQRSTUV)"
			                 : i == 15 ? "the check letter" : "a letter";

			if (c < 0x20 || c >= 0x7f)
				return es_err_set(err, ES_EDATA,
				                  "bad codice fiscale '%s': character %d (byte 0x%02x) must be %s",
				                  cf, i + 1, (unsigned)(unsigned char)cf[i], want);
			return es_err_set(err, ES_EDATA, "bad codice fiscale '%s': character %d ('%c') must be %s",
			                  cf, i + 1, cf[i], want);
		}
	}
	if (strchr(month_letters, upper((unsigned char)cf[8])) == NULL)
		return es_err_set(err, ES_EDATA,
		                  "bad codice fiscale '%s': character 9 ('%c') is not a month letter (%s)",
		                  cf, cf[8], month_letters);
	day = digit_of(cf[9]) * 10 + digit_of(cf[10]);
	if (day < 1 || (day > 31 && day < 41) || day > 71)
		return es_err_set(err, ES_EDATA,
		                  "bad codice fiscale '%s': day of birth %02d is neither 01..31 nor 41..71",
		                  cf, day);
	check = es_cf_check_char(cf);
	if (upper((unsigned char)cf[15]) != check)
		return es_err_set(err, ES_EDATA, "bad codice fiscale '%s': check character is '%c', expected '%c'",
		                  cf, cf[15], check);
	return ES_OK;
}

int
es_piva_check_digit(const char *first10)
{
	int i, sum = 0;

	if (first10 == NULL)
		return -1;
	for (i = 0; i < 10; i++) {
		int d;

		if (!is_digit((unsigned char)first10[i]))
			return -1;
		d = first10[i] - '0';
		if (i % 2 == 1) {
			/* even 1-based position: doubled, digits summed */
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return (10 - sum % 10) % 10;
}

es_rc
es_piva_validate(const char *piva, es_err *err)
{
	size_t n, i;
	int check;

	if (piva == NULL || *piva == '\0')
		return es_err_set(err, ES_EDATA, "empty partita IVA");
	n = strlen(piva);
	if (n != 11)
		return es_err_set(err, ES_EDATA, "bad partita IVA '%.*s': %zu characters, expected 11 digits",
		                  40, piva, n);
	for (i = 0; i < n; i++)
		if (!is_digit((unsigned char)piva[i])) {
			if ((unsigned char)piva[i] < 0x20 || (unsigned char)piva[i] >= 0x7f)
				return es_err_set(err, ES_EDATA, "bad partita IVA '%s': character %zu (byte 0x%02x) is not a digit",
				                  piva, i + 1, (unsigned)(unsigned char)piva[i]);
			return es_err_set(err, ES_EDATA, "bad partita IVA '%s': character %zu ('%c') is not a digit",
			                  piva, i + 1, piva[i]);
		}
	if (strncmp(piva, "0000000", 7) == 0)
		return es_err_set(err, ES_EDATA, "bad partita IVA '%s': the serial number (first 7 digits) is zero",
		                  piva);
	check = es_piva_check_digit(piva);
	if (piva[10] - '0' != check)
		return es_err_set(err, ES_EDATA, "bad partita IVA '%s': check digit is %c, expected %d",
		                  piva, piva[10], check);
	return ES_OK;
}

es_taxid_kind
es_taxid_classify(const char *s)
{
	if (s == NULL)
		return ES_TAXID_INVALID;
	if (es_cf_validate(s, NULL) == ES_OK)
		return ES_TAXID_PERSON;
	if (es_piva_validate(s, NULL) == ES_OK)
		return ES_TAXID_COMPANY;
	return ES_TAXID_INVALID;
}

char *
es_taxid_normalise(const char *s, char *out, size_t outsz)
{
	size_t n = 0;

	if (outsz == 0)
		return NULL;
	out[0] = '\0';
	if (s == NULL)
		return out;
	/* A tax id never contains blanks: drop them all (leading, trailing and
	 * the spaces of "RSS MRA 85T10 A562S"). */
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			continue;
		if (n + 1 >= outsz) {
			/* Too long: never hand back a truncation, which could be a valid
			 * code that is not the one given. */
			out[0] = '\0';
			return NULL;
		}
		out[n++] = (char)upper((unsigned char)*s);
	}
	out[n] = '\0';
	return out;
}
