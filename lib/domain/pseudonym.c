/* pseudonym.c: HMAC-SHA256 pseudonyms of codici fiscali and names. */
#include "es_setup.h"

#include <glib.h>
#include <string.h>

#include "domain/pseudonym.h"

es_rc
es_pseudonym(const char *key, const char *value, char *out, es_err *err)
{
	GHmac *h;
	const char *b = value, *e;
	const gchar *hex;
	char buf[256];
	size_t n = 0;

	out[0] = '\0';
	if (key == NULL || *key == '\0')
		return es_err_set(err, ES_ECONFIG, "the pseudonymisation key is empty");
	while (*b == ' ' || *b == '\t')
		b++;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e == b)
		return ES_OK;
	if ((h = g_hmac_new(G_CHECKSUM_SHA256, (const guchar *)key, strlen(key))) == NULL)
		return es_err_set(err, ES_EINTERNAL, "GHmac: SHA-256 unavailable");
	/* feed the folded value in chunks: no length limit */
	while (b < e) {
		char c = *b++;

		buf[n++] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
		if (n == sizeof buf || b == e) {
			g_hmac_update(h, (const guchar *)buf, (gssize)n);
			n = 0;
		}
	}
	hex = g_hmac_get_string(h);
	memcpy(out, hex, ES_PSEUDONYM_LEN);
	out[ES_PSEUDONYM_LEN] = '\0';
	g_hmac_unref(h);
	return ES_OK;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

bool
es_pseudonym_column(const char *c)
{
	static const char *const exact[] = { "tax_code", "codice_fiscale", "subject_id", "name", "surname",
	                                     "denomination", "act_id", "parent_act_id" };
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(exact); i++)
		if (strcmp(c, exact[i]) == 0)
			return true;
	return ends_with(c, "_tax_code") || ends_with(c, "_name");
}

bool
es_pseudonym_drop_column(const char *c)
{
	static const char *const drop[] = { "address", "pec", "email", "birth_date", "birth_place", "seat", "sex" };
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(drop); i++)
		if (strcmp(c, drop[i]) == 0)
			return true;
	return false;
}
