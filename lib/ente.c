/* ente.c: the per-municipality key file (esattore-ente(5)), read with
 * GLib's GKeyFile.
 *
 * Every group and key is checked against the table below: an unknown one is
 * ES_ECONFIG naming the file, the group and the key, so that a misspelt
 * "segregaton_code" is caught on the first run rather than producing notice
 * numbers with a default.  Values are validated for form and range here,
 * once, so that no tool has to. */
#include "es_setup.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "ente.h"
#include "types/money.h"
#include "types/taxid.h"

/* What a key holds, and so how it is parsed and checked. */
typedef enum key_kind {
	K_TEXT,        /* free text, stripped; empty means absent */
	K_TAXCODE,     /* 11-digit codice fiscale of the ente */
	K_BELFIORE,    /* letter + 3 digits */
	K_PROVINCE,    /* 2-letter sigla */
	K_PEC,         /* an address with one '@' */
	K_PATH,        /* a file path, relative to the key file's directory */
	K_INT,         /* integer in [lo, hi] */
	K_DIGITS,      /* a string of digits, length in [lo, hi] */
	K_ALNUM,       /* letters and digits, length in [lo, hi], upper-cased */
	K_IBAN,        /* ISO 13616 IBAN, mod-97 checked, stored compact */
	K_POINTS,      /* decimal at scale 4 in [lo, hi] (already scaled) */
	K_MONEY,       /* amount in cents, in [lo, hi] */
	K_DAYCOUNT,    /* actual | 365 */
	K_BOOL         /* true | false */
} key_kind;

typedef struct key_spec {
	const char *group;
	const char *key;
	key_kind kind;
	bool required;
	int64_t lo, hi;
	size_t offset;   /* where the value goes in es_ente */
} key_spec;

#define OFF(field) offsetof(es_ente, field)
#define PT(x) ((int64_t)(x) * 10000)   /* percentage points at scale 4 */

static const key_spec keys[] = {
	{ "ente", "name", K_TEXT, true, 0, 0, OFF(name) },
	{ "ente", "tax_code", K_TAXCODE, true, 0, 0, OFF(tax_code) },
	{ "ente", "belfiore", K_BELFIORE, true, 0, 0, OFF(belfiore) },
	{ "ente", "province", K_PROVINCE, false, 0, 0, OFF(province) },
	{ "ente", "address", K_TEXT, false, 0, 0, OFF(address) },
	{ "ente", "logo", K_PATH, false, 0, 0, OFF(logo) },
	{ "ente", "pec", K_PEC, false, 0, 0, OFF(pec) },
	{ "ente", "website", K_TEXT, false, 0, 0, OFF(website) },
	{ "pagopa", "aux_digit", K_INT, false, 0, 3, OFF(aux_digit) },
	{ "pagopa", "segregation_code", K_INT, false, 0, 99, OFF(segregation_code) },
	{ "pagopa", "application_code", K_DIGITS, false, 2, 2, OFF(application_code) },
	{ "pagopa", "cbill", K_ALNUM, false, 5, 5, OFF(cbill) },
	{ "pagopa", "iban", K_IBAN, false, 0, 0, OFF(iban) },
	{ "pagopa", "postal_account", K_DIGITS, false, 1, 12, OFF(postal_account) },
	{ "pagopa", "postal_holder", K_TEXT, false, 0, 0, OFF(postal_holder) },
	{ "pagopa", "postal_auth", K_TEXT, false, 0, 0, OFF(postal_auth) },
	{ "rules", "interest_spread", K_POINTS, false, PT(-3), PT(3), OFF(interest_spread) },
	{ "rules", "mora_spread", K_POINTS, false, PT(0), PT(2), OFF(mora_spread) },
	{ "rules", "min_amount", K_MONEY, false, 0, INT64_C(100000000), OFF(min_amount) },
	{ "rules", "day_count", K_DAYCOUNT, false, 0, 0, OFF(day_count_365) },
	{ "rules", "covid_shift", K_BOOL, false, 0, 0, OFF(covid_shift) },
	{ "contract", "aggio_s1", K_POINTS, false, PT(0), PT(100), OFF(aggio[0]) },
	{ "contract", "aggio_s2", K_POINTS, false, PT(0), PT(100), OFF(aggio[1]) },
	{ "contract", "aggio_s3", K_POINTS, false, PT(0), PT(100), OFF(aggio[2]) },
	{ "contract", "vat", K_POINTS, false, PT(0), PT(100), OFF(vat) },
};

static const char *const groups[] = { "ente", "pagopa", "rules", "contract" };

#define FIELD(e, off, type) ((type *)(void *)((char *)(e) + (off)))

static bool
known_group(const char *g)
{
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(groups); i++)
		if (strcmp(groups[i], g) == 0)
			return true;
	return false;
}

static const key_spec *
find_key(const char *g, const char *k)
{
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(keys); i++)
		if (strcmp(keys[i].group, g) == 0 && strcmp(keys[i].key, k) == 0)
			return &keys[i];
	return NULL;
}

static es_rc bad(es_err *err, const char *path, const key_spec *ks, const char *fmt, ...) ES_PRINTF(4, 5);

static es_rc
bad(es_err *err, const char *path, const key_spec *ks, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return es_err_set(err, ES_ECONFIG, "%s: [%s] %s: %s", path, ks->group, ks->key, what);
}

/* The ISO 13616 check: move the first four characters to the end, letters
 * become 10..35, and the number is 1 mod 97. */
static bool
iban_ok(const char *s)
{
	size_t n = strlen(s), i;
	unsigned rem = 0;

	if (n < 15 || n > 34 || !isupper((unsigned char)s[0]) || !isupper((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]) || !isdigit((unsigned char)s[3]))
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[(i + 4) % n];

		if (isdigit(c))
			rem = (rem * 10 + (unsigned)(c - '0')) % 97;
		else if (isupper(c))
			rem = (rem * 100 + (unsigned)(c - 'A' + 10)) % 97;
		else
			return false;
	}
	return rem == 1;
}

static bool
all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Parse and store one value (v is the stripped text, never empty). */
static es_rc
set_value(es_ente *e, const key_spec *ks, char *v, const char *dir, es_err *err)
{
	const char *path = e->path;
	es_err sub;
	int64_t n;
	size_t len = strlen(v), i, j;
	char **sp = FIELD(e, ks->offset, char *);

	switch (ks->kind) {
	case K_TEXT:
		*sp = g_strdup(v);
		return ES_OK;
	case K_TAXCODE:
		if (len != 11 || !all_digits(v))
			return bad(err, path, ks, "'%s' is not an 11-digit codice fiscale", v);
		if (es_piva_validate(v, &sub) != ES_OK)
			return bad(err, path, ks, "'%s': wrong check digit", v);
		*sp = g_strdup(v);
		return ES_OK;
	case K_BELFIORE:
		for (i = 0; i < len; i++)
			v[i] = (char)toupper((unsigned char)v[i]);
		if (len != 4 || !isupper((unsigned char)v[0]) || !all_digits(v + 1))
			return bad(err, path, ks, "'%s' is not a cadastral code (a letter and 3 digits, e.g. F205)", v);
		*sp = g_strdup(v);
		return ES_OK;
	case K_PROVINCE:
		for (i = 0; i < len; i++)
			v[i] = (char)toupper((unsigned char)v[i]);
		if (len != 2 || !isupper((unsigned char)v[0]) || !isupper((unsigned char)v[1]))
			return bad(err, path, ks, "'%s' is not a 2-letter province code (e.g. MI)", v);
		*sp = g_strdup(v);
		return ES_OK;
	case K_PEC: {
		const char *at = strchr(v, '@');

		if (at == NULL || at == v || at[1] == '\0' || strchr(at + 1, '@') != NULL ||
		    strchr(at, '.') == NULL || strpbrk(v, " \t<>,;") != NULL)
			return bad(err, path, ks, "'%s' is not a mail address", v);
		*sp = g_strdup(v);
		return ES_OK;
	}
	case K_PATH:
		*sp = g_path_is_absolute(v) ? g_strdup(v) : g_build_filename(dir, v, NULL);
		return ES_OK;
	case K_INT: {
		long long x;

		if (!all_digits(v) || len > 9)
			return bad(err, path, ks, "'%s' is not a whole number", v);
		x = strtoll(v, NULL, 10);
		if (x < ks->lo || x > ks->hi)
			return bad(err, path, ks, "'%s' is out of range %lld..%lld", v,
			           (long long)ks->lo, (long long)ks->hi);
		*FIELD(e, ks->offset, int) = (int)x;
		return ES_OK;
	}
	case K_DIGITS:
		if (!all_digits(v) || (int64_t)len < ks->lo || (int64_t)len > ks->hi) {
			if (ks->lo == ks->hi)
				return bad(err, path, ks, "'%s' is not %lld digits", v, (long long)ks->lo);
			return bad(err, path, ks, "'%s' is not %lld to %lld digits", v,
			           (long long)ks->lo, (long long)ks->hi);
		}
		*sp = g_strdup(v);
		return ES_OK;
	case K_ALNUM:
		for (i = 0; i < len; i++) {
			if (!isalnum((unsigned char)v[i]))
				return bad(err, path, ks, "'%s' has a character that is not a letter or digit", v);
			v[i] = (char)toupper((unsigned char)v[i]);
		}
		if ((int64_t)len < ks->lo || (int64_t)len > ks->hi)
			return bad(err, path, ks, "'%s' is not %lld characters", v, (long long)ks->lo);
		*sp = g_strdup(v);
		return ES_OK;
	case K_IBAN:
		/* Printed IBANs come in groups of four: drop the spaces. */
		for (i = j = 0; i < len; i++)
			if (v[i] != ' ')
				v[j++] = (char)toupper((unsigned char)v[i]);
		v[j] = '\0';
		if (!iban_ok(v))
			return bad(err, path, ks, "'%s' is not a valid IBAN (ISO 13616 check failed)", v);
		*sp = g_strdup(v);
		return ES_OK;
	case K_POINTS:
		if (es_decimal_parse(v, 4, &n, &sub) != ES_OK)
			return bad(err, path, ks, "'%s' is not a decimal number (at most 4 decimals)", v);
		if (n < ks->lo || n > ks->hi)
			return bad(err, path, ks, "'%s' is out of range %lld..%lld", v,
			           (long long)(ks->lo / 10000), (long long)(ks->hi / 10000));
		*FIELD(e, ks->offset, int64_t) = n;
		return ES_OK;
	case K_MONEY: {
		es_cents c;

		if (es_money_parse(v, ES_MONEY_PLAIN, &c, &sub) != ES_OK)
			return bad(err, path, ks, "'%s' is not an amount (e.g. 12.00)", v);
		if (c < ks->lo || c > ks->hi)
			return bad(err, path, ks, "'%s' is out of range 0.00..1000000.00", v);
		*FIELD(e, ks->offset, es_cents) = c;
		return ES_OK;
	}
	case K_DAYCOUNT:
		if (strcmp(v, "actual") == 0)
			*FIELD(e, ks->offset, bool) = false;
		else if (strcmp(v, "365") == 0)
			*FIELD(e, ks->offset, bool) = true;
		else
			return bad(err, path, ks, "'%s' is neither 'actual' nor '365'", v);
		return ES_OK;
	case K_BOOL:
		if (g_ascii_strcasecmp(v, "true") == 0)
			*FIELD(e, ks->offset, bool) = true;
		else if (g_ascii_strcasecmp(v, "false") == 0)
			*FIELD(e, ks->offset, bool) = false;
		else
			return bad(err, path, ks, "'%s' is neither 'true' nor 'false'", v);
		return ES_OK;
	}
	return es_err_set(err, ES_EINTERNAL, "%s: [%s] %s: unknown key kind", path, ks->group, ks->key);
}

static void
set_defaults(es_ente *e)
{
	e->aux_digit = 3;
	e->segregation_code = -1;      /* absent: a tool that issues NAVs must refuse */
	e->min_amount = 1200;          /* ente.h contract; the law's figure is in data/ */
	e->day_count_365 = true;       /* law.md C2: actual/365, the prevailing practice */
	e->covid_shift = true;         /* art. 67 DL 18/2020: +85 days on decadenza (law.md §5) */
}

static es_rc
check_whole(const es_ente *e, es_err *err)
{
	if (e->aux_digit == 0 && e->application_code == NULL)
		return es_err_set(err, ES_ECONFIG, "%s: [pagopa] application_code: required when aux_digit is 0",
		                  e->path);
	if (e->aux_digit == 3 && e->application_code != NULL)
		return es_err_set(err, ES_ECONFIG, "%s: [pagopa] application_code: only meaningful with aux_digit 0",
		                  e->path);
	if (e->postal_account != NULL && e->postal_holder == NULL)
		return es_err_set(err, ES_ECONFIG, "%s: [pagopa] postal_holder: required with postal_account",
		                  e->path);
	return ES_OK;
}

es_ente *
es_ente_load(const char *path, es_err *err)
{
	GKeyFile *kf;
	GError *gerr = NULL;
	es_ente *e;
	gchar **gs = NULL, **ks = NULL;
	gchar *dir = NULL;
	size_t i, j;
	es_rc rc = ES_OK;

	if (path == NULL || *path == '\0')
		path = getenv("ESATTORE_ENTE");
	if (path == NULL || *path == '\0') {
		es_err_set(err, ES_ECONFIG, "no ente file: give --ente FILE or set ESATTORE_ENTE");
		return NULL;
	}
	e = g_try_new0(es_ente, 1);
	if (e == NULL) {
		es_err_set(err, ES_ENOMEM, "%s: out of memory", path);
		return NULL;
	}
	set_defaults(e);
	e->path = g_strdup(path);
	kf = g_key_file_new();
	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &gerr)) {
		if (gerr->domain == G_FILE_ERROR)
			es_err_set(err, ES_ECONFIG, "%s: cannot read: %s", path, gerr->message);
		else
			es_err_set(err, ES_ECONFIG, "%s: not a key file: %s", path, gerr->message);
		g_error_free(gerr);
		rc = ES_ECONFIG;
		goto out;
	}
	dir = g_path_get_dirname(path);
	gs = g_key_file_get_groups(kf, NULL);
	for (i = 0; gs[i] != NULL && rc == ES_OK; i++) {
		if (!known_group(gs[i])) {
			rc = es_err_set(err, ES_ECONFIG, "%s: [%s]: unknown group (known: ente, pagopa, rules, contract)",
			                path, gs[i]);
			break;
		}
		ks = g_key_file_get_keys(kf, gs[i], NULL, NULL);
		for (j = 0; ks != NULL && ks[j] != NULL; j++) {
			const key_spec *spec = find_key(gs[i], ks[j]);
			gchar *v;

			if (spec == NULL) {
				rc = es_err_set(err, ES_ECONFIG, "%s: [%s] %s: unknown key", path, gs[i], ks[j]);
				break;
			}
			v = g_key_file_get_string(kf, gs[i], ks[j], &gerr);
			if (v == NULL) {
				rc = es_err_set(err, ES_ECONFIG, "%s: [%s] %s: %s", path, gs[i], ks[j],
				                gerr != NULL ? gerr->message : "unreadable value");
				g_clear_error(&gerr);
				break;
			}
			g_strstrip(v);
			if (*v != '\0')
				rc = set_value(e, spec, v, dir, err);
			g_free(v);
			if (rc != ES_OK)
				break;
		}
		g_strfreev(ks);
		ks = NULL;
	}
	/* Required keys. */
	for (i = 0; rc == ES_OK && i < ES_ARRAY_LEN(keys); i++) {
		if (keys[i].required && *FIELD(e, keys[i].offset, char *) == NULL)
			rc = es_err_set(err, ES_ECONFIG, "%s: [%s] %s: missing (required)", path,
			                keys[i].group, keys[i].key);
	}
	if (rc == ES_OK)
		rc = check_whole(e, err);
out:
	g_strfreev(gs);
	g_free(dir);
	g_key_file_free(kf);
	if (rc != ES_OK) {
		es_ente_free(e);
		return NULL;
	}
	return e;
}

void
es_ente_free(es_ente *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < ES_ARRAY_LEN(keys); i++) {
		switch (keys[i].kind) {
		case K_TEXT: case K_TAXCODE: case K_BELFIORE: case K_PROVINCE: case K_PEC:
		case K_PATH: case K_DIGITS: case K_ALNUM: case K_IBAN:
			g_free(*FIELD(e, keys[i].offset, char *));
			break;
		default:
			break;
		}
	}
	g_free(e->path);
	g_free(e);
}
