/* nav.c: pagoPA notice numbers, IUVs, barcode payloads and RF references
 * (nav.h).  The rules are those of shared/domain/pagopa.md:
 *   §1.1  NAV layouts for aux digits 0..3 (SACI 1.3.1 §2.2, Tabella 2) and
 *         the check digits: the first 16 digits of the NAV mod 93, two digits;
 *   §1.3  the ISO 11649 creditor reference (SACI 1.3.1 Appendice 1);
 *   §2.1  the QR payload "PAGOPA|002|NAV|CF|CENTS";
 *   §2.2  the 256-character Poste DataMatrix of the "Bollettino Postale PA". */
#include "es_setup.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "types/nav.h"
#include "types/taxid.h"

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
digits_n(const char *s, size_t n)
{
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; i < n; i++)
		if (!is_digit((unsigned char)s[i]))
			return false;
	return true;
}

/* s is exactly n digits. */
static bool
digits_exactly(const char *s, size_t n)
{
	return s != NULL && strlen(s) == n && digits_n(s, n);
}

int
es_nav_check_digits(const char *first16)
{
	int r = 0, i;

	if (!digits_n(first16, 16))
		return -1;
	/* Digit by digit: r < 93, so r * 10 + 9 < 939 never overflows. */
	for (i = 0; i < 16; i++)
		r = (r * 10 + (first16[i] - '0')) % 93;
	return r;
}

static es_rc
bad_nav(es_err *err, const char *nav, const char *why)
{
	return es_err_set(err, ES_EDATA, "bad notice number '%.*s': %s", 40, nav == NULL ? "" : nav, why);
}

es_rc
es_nav_build(int aux, const char *code, const char *base, char out[ES_NAV_BUFSZ], es_err *err)
{
	size_t base_len;
	int check;

	out[0] = '\0';
	switch (aux) {
	case 0:
	case 3:
		if (!digits_exactly(code, 2))
			return es_err_set(err, ES_EDATA, "aux %d notice number: the %s code '%s' is not 2 digits",
			                  aux, aux == 0 ? "application" : "segregation", code == NULL ? "" : code);
		base_len = 13;
		break;
	case 1:
	case 2:
		if (code != NULL && *code != '\0')
			return es_err_set(err, ES_EDATA, "aux %d notice number: takes no application or segregation code",
			                  aux);
		base_len = aux == 1 ? 17 : 15;
		break;
	default:
		return es_err_set(err, ES_EDATA, "aux digit %d is not 0, 1, 2 or 3", aux);
	}
	if (!digits_exactly(base, base_len))
		return es_err_set(err, ES_EDATA, "aux %d notice number: the IUV base '%.*s' is not %zu digits",
		                  aux, 40, base == NULL ? "" : base, base_len);
	out[0] = (char)('0' + aux);
	if (aux == 0 || aux == 3) {
		memcpy(out + 1, code, 2);
		memcpy(out + 3, base, 13);
	} else {
		memcpy(out + 1, base, base_len);
	}
	if (aux != 1) {
		check = es_nav_check_digits(out);
		out[16] = (char)('0' + check / 10);
		out[17] = (char)('0' + check % 10);
	}
	out[18] = '\0';
	return ES_OK;
}

es_rc
es_nav_from_sequence(int segregation, uint64_t seq, char out[ES_NAV_BUFSZ], es_err *err)
{
	char code[3], base[14];

	if (segregation < 0 || segregation > 99)
		return es_err_set(err, ES_EDATA, "segregation code %d is not 0..99", segregation);
	if (seq > UINT64_C(9999999999999))
		return es_err_set(err, ES_EDATA, "IUV sequence number %" PRIu64 " exceeds 13 digits", seq);
	snprintf(code, sizeof code, "%02d", segregation);
	snprintf(base, sizeof base, "%013" PRIu64, seq);
	return es_nav_build(3, code, base, out, err);
}

es_rc
es_nav_validate(const char *nav, es_err *err)
{
	size_t n, i;
	int check, given;
	char why[96];

	if (nav == NULL || *nav == '\0')
		return es_err_set(err, ES_EDATA, "empty notice number");
	n = strlen(nav);
	if (n != ES_NAV_LEN) {
		snprintf(why, sizeof why, "%zu characters, expected 18 digits", n);
		return bad_nav(err, nav, why);
	}
	for (i = 0; i < n; i++)
		if (!is_digit((unsigned char)nav[i])) {
			snprintf(why, sizeof why, "character %zu is not a digit", i + 1);
			return bad_nav(err, nav, why);
		}
	if (nav[0] > '3') {
		snprintf(why, sizeof why, "aux digit %c is not 0, 1, 2 or 3", nav[0]);
		return bad_nav(err, nav, why);
	}
	if (nav[0] == '1')
		return ES_OK;     /* aux 1: the 17 digits carry no check */
	check = es_nav_check_digits(nav);
	given = (nav[16] - '0') * 10 + (nav[17] - '0');
	if (given != check) {
		snprintf(why, sizeof why, "check digits are %02d, expected %02d", given, check);
		return bad_nav(err, nav, why);
	}
	return ES_OK;
}

es_rc
es_nav_to_iuv(const char *nav, char out[ES_IUV_BUFSZ], es_err *err)
{
	es_rc rc;
	size_t from;

	out[0] = '\0';
	if ((rc = es_nav_validate(nav, err)) != ES_OK)
		return rc;
	from = nav[0] == '0' ? 3 : 1;
	memcpy(out, nav + from, ES_NAV_LEN - from);
	out[ES_NAV_LEN - from] = '\0';
	return ES_OK;
}

es_rc
es_iuv_to_nav(const char *iuv, const char *application_code, char out[ES_NAV_BUFSZ], es_err *err)
{
	size_t n;

	out[0] = '\0';
	if (iuv == NULL || *iuv == '\0')
		return es_err_set(err, ES_EDATA, "empty IUV");
	n = strlen(iuv);
	if (!digits_n(iuv, n))
		return es_err_set(err, ES_EDATA, "IUV '%.*s' is not numeric: it has no notice number", 40, iuv);
	if (n == 17) {
		/* "3" + IUV, then "2" + IUV: the two dividends differ by 10^15,
		 * and 10^15 mod 93 = 1 (not 0), so at most one of them checks. */
		out[0] = '3';
		memcpy(out + 1, iuv, 17);
		out[18] = '\0';
		if (es_nav_validate(out, NULL) == ES_OK)
			return ES_OK;
		out[0] = '2';
		if (es_nav_validate(out, NULL) == ES_OK)
			return ES_OK;
		out[0] = '\0';
		return es_err_set(err, ES_EDATA, "IUV '%s': check digits %.2s fit neither aux 3 nor aux 2",
		                  iuv, iuv + 15);
	}
	if (n == 15) {
		if (application_code == NULL || *application_code == '\0')
			return es_err_set(err, ES_EDATA,
			                  "IUV '%s' (15 digits, aux 0) needs the station's application code", iuv);
		if (!digits_exactly(application_code, 2))
			return es_err_set(err, ES_EDATA, "application code '%s' is not 2 digits", application_code);
		out[0] = '0';
		memcpy(out + 1, application_code, 2);
		memcpy(out + 3, iuv, 15);
		out[18] = '\0';
		if (es_nav_validate(out, NULL) == ES_OK)
			return ES_OK;
		out[0] = '\0';
		return es_err_set(err, ES_EDATA, "IUV '%s': check digits %.2s do not fit application code %s",
		                  iuv, iuv + 13, application_code);
	}
	return es_err_set(err, ES_EDATA, "IUV '%.*s': %zu digits, expected 17 (aux 2, 3) or 15 (aux 0)",
	                  40, iuv, n);
}

char *
es_nav_format_print(const char *nav, char out[ES_NAV_PRINT_BUFSZ])
{
	size_t i, o = 0;

	for (i = 0; nav != NULL && i < ES_NAV_LEN && nav[i] != '\0'; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = nav[i];
	}
	out[o] = '\0';
	return out;
}

/* The CF of the ente: the 11-digit codice fiscale / partita IVA, left-padded
 * with '0' when a spreadsheet dropped the leading zeros (as pagoPA's own
 * generator does), and validated. */
static es_rc
ente_cf(const char *cf, char out[12], es_err *err)
{
	size_t n;

	if (cf == NULL || *cf == '\0')
		return es_err_set(err, ES_EDATA, "empty codice fiscale of the ente");
	n = strlen(cf);
	if (n > 11 || !digits_n(cf, n))
		return es_err_set(err, ES_EDATA, "codice fiscale of the ente '%.*s' is not 11 digits", 40, cf);
	memset(out, '0', 11 - n);
	memcpy(out + 11 - n, cf, n);
	out[11] = '\0';
	if (es_piva_validate(out, err) != ES_OK)
		return es_err_prefix(err, "codice fiscale of the ente");
	return ES_OK;
}

/* pagopa.md §2.1: exactly 10 digits of cents, so 1 .. 99,999,999.99 euro. */
#define PAYLOAD_CENTS_MAX INT64_C(9999999999)

static es_rc
payload_amount(es_cents amount, es_err *err)
{
	char buf[ES_MONEY_BUFSZ];

	if (amount < 1 || amount > PAYLOAD_CENTS_MAX)
		return es_err_set(err, ES_EDATA, "amount %s outside 0.01 .. 99999999.99 for the payment barcode",
		                  es_money_format(amount, ES_MONEY_PLAIN, buf));
	return ES_OK;
}

es_rc
es_nav_qr_payload(const char *nav, const char *cf_ente, es_cents amount, char out[ES_QR_BUFSZ], es_err *err)
{
	char cf[12];
	es_rc rc;

	out[0] = '\0';
	if ((rc = es_nav_validate(nav, err)) != ES_OK || (rc = ente_cf(cf_ente, cf, err)) != ES_OK
	    || (rc = payload_amount(amount, err)) != ES_OK)
		return rc;
	snprintf(out, ES_QR_BUFSZ, "PAGOPA|002|%s|%s|%010" PRId64, nav, cf, amount);
	return ES_OK;
}

/* ASCII folding for the DataMatrix text fields (pagopa.md §2.2: GovPay
 * decomposes and drops what is not ASCII).  Latin-1 and Latin Extended-A
 * letters lose their accents; typographic quotes and dashes become their
 * ASCII forms; other characters are dropped; control characters become
 * spaces.  Invalid UTF-8 is an error. */

/* U+00C0..U+00FF: '_' drops the character, '*' is a two-letter expansion. */
static const char latin1_fold[] =
	"AAAAAA*CEEEEIIII" "DNOOOOO_OUUUUY_*" "aaaaaa*ceeeeiiii" "dnooooo_ouuuuy_y";
/* U+0100..U+017F. */
static const char latin_ext_a_fold[] =
	"AaAaAa" "CcCcCcCc" "DdDd" "EeEeEeEeEe" "GgGgGgGg" "HhHh" "IiIiIiIiIi" "Ii" "Jj" "Kkk"
	"LlLlLlLlLl" "NnNnNnnNn" "OoOoOo" "Oo" "RrRrRr" "SsSsSsSs" "TtTtTt" "UuUuUuUuUuUu" "Ww" "YyY"
	"ZzZzZz" "s";

_Static_assert(sizeof latin1_fold == 64 + 1, "latin1_fold covers U+00C0..U+00FF");
_Static_assert(sizeof latin_ext_a_fold == 128 + 1, "latin_ext_a_fold covers U+0100..U+017F");

/* Decode one UTF-8 sequence at s; returns its length (0 if invalid). */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] >= 0xe0 && s[0] <= 0xef && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		if (*cp < 0x800 || (*cp >= 0xd800 && *cp <= 0xdfff))
			return 0;
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80
	    && (s[3] & 0xc0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12
		      | (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
		if (*cp < 0x10000 || *cp > 0x10ffff)
			return 0;
		return 4;
	}
	return 0;
}

/* Fold src into dst, writing at most width characters, then pad with
 * spaces to exactly width. */
static es_rc
fold_field(const char *what, const char *src, char *dst, size_t width, es_err *err)
{
	const unsigned char *s = (const unsigned char *)(src == NULL ? "" : src);
	size_t o = 0;

	while (*s != '\0' && o < width) {
		uint32_t cp;
		size_t len = utf8_decode(s, &cp);
		const char *rep = "";
		char one[2] = { 0, 0 };

		if (len == 0)
			return es_err_set(err, ES_EDATA, "%s: invalid UTF-8 at byte %zu",
			                  what, (size_t)(s - (const unsigned char *)src) + 1);
		s += len;
		if (cp < 0x20 || cp == 0x7f || cp == 0xa0) {
			rep = " ";
		} else if (cp < 0x7f) {
			one[0] = (char)cp;
			rep = one;
		} else if (cp >= 0xc0 && cp <= 0xff) {
			char c = latin1_fold[cp - 0xc0];

			if (c == '*')
				rep = cp == 0xc6 ? "AE" : cp == 0xe6 ? "ae" : "ss";
			else if (c != '_') {
				one[0] = c;
				rep = one;
			}
		} else if (cp >= 0x100 && cp <= 0x17f) {
			one[0] = latin_ext_a_fold[cp - 0x100];
			rep = one;
		} else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201b || cp == 0xb4 || cp == 0x2032) {
			rep = "'";
		} else if (cp == 0x201c || cp == 0x201d || cp == 0xab || cp == 0xbb) {
			rep = "\"";
		} else if (cp == 0x2013 || cp == 0x2014) {
			rep = "-";
		} else if (cp == 0x20ac) {
			rep = "EUR";
		}
		for (; *rep != '\0' && o < width; rep++)
			dst[o++] = *rep;
	}
	memset(dst + o, ' ', width - o);
	return ES_OK;
}

/* The postal account: up to 12 digits, left-padded with '0'; or the postal
 * IBAN (IT + 25 characters, spaces ignored), of which the account is the
 * last 12 characters (pagopa.md §2.2, as GovPay does). */
static es_rc
postal_account(const char *acct, char out[13], es_err *err)
{
	char compact[40];
	size_t n = 0;
	const char *p;

	if (acct == NULL || *acct == '\0')
		return es_err_set(err, ES_EDATA, "empty postal account");
	for (p = acct; *p != '\0'; p++) {
		if (*p == ' ')
			continue;
		if (n + 1 >= sizeof compact)
			return es_err_set(err, ES_EDATA, "postal account '%.*s' is too long", 40, acct);
		compact[n++] = *p;
	}
	compact[n] = '\0';
	if (n == 27 && (compact[0] == 'I' || compact[0] == 'i') && (compact[1] == 'T' || compact[1] == 't')) {
		if (!digits_n(compact + 15, 12))
			return es_err_set(err, ES_EDATA, "postal IBAN '%s': the account (last 12 characters) is not numeric",
			                  acct);
		memcpy(out, compact + 15, 12);
		out[12] = '\0';
		return ES_OK;
	}
	if (n > 12 || !digits_n(compact, n))
		return es_err_set(err, ES_EDATA, "postal account '%.*s' is not up to 12 digits or a postal IBAN",
		                  40, acct);
	memset(out, '0', 12 - n);
	memcpy(out + 12 - n, compact, n);
	out[12] = '\0';
	return ES_OK;
}

es_rc
es_nav_datamatrix_payload(const char *nav, const char *postal_acct, es_cents amount,
                          const char *cf_ente, const char *debtor_cf, const char *debtor_name,
                          const char *subject, char out[ES_DATAMATRIX_BUFSZ], es_err *err)
{
	char cf[12], cc[13], dcf[17];
	size_t n, i;
	es_rc rc;
	int len;

	out[0] = '\0';
	if ((rc = es_nav_validate(nav, err)) != ES_OK || (rc = postal_account(postal_acct, cc, err)) != ES_OK
	    || (rc = payload_amount(amount, err)) != ES_OK || (rc = ente_cf(cf_ente, cf, err)) != ES_OK)
		return rc;
	/* The debtor's CF or P.IVA (may be absent, pagopa.md §3.2), upper case. */
	n = debtor_cf == NULL ? 0 : strlen(debtor_cf);
	if (n > 16)
		return es_err_set(err, ES_EDATA, "debtor tax code '%.*s' is longer than 16 characters", 40, debtor_cf);
	for (i = 0; i < n; i++) {
		char c = debtor_cf[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!((c >= 'A' && c <= 'Z') || is_digit((unsigned char)c)))
			return es_err_set(err, ES_EDATA, "debtor tax code '%s': character %zu is not a letter or digit",
			                  debtor_cf, i + 1);
		dcf[i] = c;
	}
	memset(dcf + n, ' ', 16 - n);
	dcf[16] = '\0';

	/* Offsets 0..76 (pagopa.md §2.2): codfase=NBPA; 18 NAV 12 CC 10 CENTS 3 896 1P1 CF. */
	len = snprintf(out, ES_DATAMATRIX_BUFSZ, "codfase=NBPA;18%s12%s10%010" PRId64 "3896" "1P1%s%s",
	               nav, cc, amount, cf, dcf);
	if (len != 93)
		return es_err_set(err, ES_EINTERNAL, "DataMatrix header is %d characters, expected 93", len);
	if ((rc = fold_field("debtor name", debtor_name, out + 93, 40, err)) != ES_OK
	    || (rc = fold_field("payment subject", subject, out + 133, 110, err)) != ES_OK) {
		out[0] = '\0';
		return rc;
	}
	memset(out + 243, ' ', 12);
	out[255] = 'A';
	out[256] = '\0';
	return ES_OK;
}

/* ISO 11649: letters count as 10..35 (case-insensitive), digits as
 * themselves; the number is reduced mod 97 digit by digit. */
static int
mod97_feed(int r, char c)
{
	if (is_digit((unsigned char)c))
		return (r * 10 + (c - '0')) % 97;
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	/* two digits at once */
	return (r * 100 + (c - 'A' + 10)) % 97;
}

static bool
is_alnum(char c)
{
	return is_digit((unsigned char)c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

es_rc
es_rf_build(const char *reference, char out[ES_RF_BUFSZ], es_err *err)
{
	size_t n, i;
	int r = 0, check;

	out[0] = '\0';
	if (reference == NULL || *reference == '\0')
		return es_err_set(err, ES_EDATA, "empty creditor reference");
	n = strlen(reference);
	if (n > 21)
		return es_err_set(err, ES_EDATA, "creditor reference '%.*s': %zu characters, at most 21",
		                  40, reference, n);
	for (i = 0; i < n; i++) {
		if (!is_alnum(reference[i]))
			return es_err_set(err, ES_EDATA,
			                  "creditor reference '%s': character %zu is not a letter or digit",
			                  reference, i + 1);
		r = mod97_feed(r, reference[i]);
	}
	/* Then "RF" (27 15) and "00". */
	r = mod97_feed(r, 'R');
	r = mod97_feed(r, 'F');
	r = (r * 100) % 97;
	check = 98 - r;      /* 2..98 */
	out[0] = 'R';
	out[1] = 'F';
	out[2] = (char)('0' + check / 10);
	out[3] = (char)('0' + check % 10);
	memcpy(out + 4, reference, n + 1);    /* n <= 21: 4 + 21 + NUL = 26 */
	return ES_OK;
}

es_rc
es_rf_validate(const char *rf, es_err *err)
{
	char c[ES_RF_BUFSZ];
	size_t n = 0, i;
	const char *p;
	int r = 0, check;

	if (rf == NULL || *rf == '\0')
		return es_err_set(err, ES_EDATA, "empty creditor reference");
	for (p = rf; *p != '\0'; p++) {
		if (*p == ' ')
			continue;
		if (n + 1 >= sizeof c)
			return es_err_set(err, ES_EDATA, "bad creditor reference '%.*s': longer than 25 characters",
			                  40, rf);
		c[n++] = *p;
	}
	c[n] = '\0';
	if (n < 5 || (c[0] != 'R' && c[0] != 'r') || (c[1] != 'F' && c[1] != 'f'))
		return es_err_set(err, ES_EDATA, "bad creditor reference '%s': expected RF, 2 check digits and 1..21 characters",
		                  rf);
	if (!digits_n(c + 2, 2))
		return es_err_set(err, ES_EDATA, "bad creditor reference '%s': check digits '%.2s' are not digits",
		                  rf, c + 2);
	check = (c[2] - '0') * 10 + (c[3] - '0');
	/* 98 - r is 02..98: 00, 01 and 99 are never produced (ISO 7064). */
	if (check < 2 || check > 98)
		return es_err_set(err, ES_EDATA, "bad creditor reference '%s': check digits %02d outside 02..98",
		                  rf, check);
	for (i = 4; i < n; i++) {
		if (!is_alnum(c[i]))
			return es_err_set(err, ES_EDATA,
			                  "bad creditor reference '%s': character '%c' is not a letter or digit", rf, c[i]);
		r = mod97_feed(r, c[i]);
	}
	/* The first four characters moved to the end. */
	for (i = 0; i < 4; i++)
		r = mod97_feed(r, c[i]);
	if (r != 1)
		return es_err_set(err, ES_EDATA, "bad creditor reference '%s': check digits %02d do not match (mod 97 = %d, not 1)",
		                  rf, check, r);
	return ES_OK;
}
