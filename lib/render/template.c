/* template.c: notice templates (GLib key files) and {placeholder} expansion.
 * The format is documented in render-notices(1), TEMPLATES. */
#include "es_setup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "render/render.h"
#include "rules.h"

#define TMPL_MAX_DEPTH 4

struct es_render_tmpl {
	char *name;
	char *lang;
	GKeyFile *kf[TMPL_MAX_DEPTH];    /* kf[0] the template, then its bases */
	int depth;
	GHashTable *cache;               /* "group\037key" -> localized text (NULL = absent) */
};

static char *
tmpl_path(const char *name)
{
	if (strchr(name, '/') != NULL)
		return g_strdup(name);
	return g_strdup_printf("%s/templates/%s.tmpl", es_datadir(), name);
}

static bool
valid_name(const char *name)
{
	const char *p;

	if (*name == '\0')
		return false;
	for (p = name; *p != '\0'; p++)
		if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-')
			return false;
	return true;
}

es_render_tmpl *
es_render_tmpl_load(const char *name, const char *lang, es_err *err)
{
	es_render_tmpl *t;
	const char *cur = name;
	char *base = NULL;

	if (name == NULL || (strchr(name, '/') == NULL && !valid_name(name))) {
		es_err_set(err, ES_ECONFIG, "template name '%s': letters, digits, '_' and '-' only",
		           name != NULL ? name : "");
		return NULL;
	}
	t = g_new0(es_render_tmpl, 1);
	t->name = g_strdup(name);
	t->lang = g_strdup(lang != NULL && *lang != '\0' ? lang : "it");
	t->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	while (cur != NULL) {
		GError *gerr = NULL;
		char *path;
		GKeyFile *kf;

		if (t->depth == TMPL_MAX_DEPTH) {
			es_err_set(err, ES_ECONFIG, "template %s: more than %d levels of base templates",
			           name, TMPL_MAX_DEPTH - 1);
			goto fail;
		}
		if (strchr(cur, '/') == NULL && !valid_name(cur)) {
			es_err_set(err, ES_ECONFIG, "template %s: bad base template name '%s'", name, cur);
			goto fail;
		}
		path = tmpl_path(cur);
		kf = g_key_file_new();
		if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_KEEP_TRANSLATIONS, &gerr)) {
			es_err_set(err, ES_ECONFIG, "template %s: %s", path, gerr->message);
			g_error_free(gerr);
			g_key_file_free(kf);
			g_free(path);
			goto fail;
		}
		g_free(path);
		t->kf[t->depth++] = kf;
		g_free(base);
		base = g_key_file_get_string(kf, "template", "base", NULL);
		if (base != NULL)
			g_strstrip(base);
		cur = base != NULL && *base != '\0' ? base : NULL;
	}
	g_free(base);
	return t;
fail:
	g_free(base);
	es_render_tmpl_free(t);
	return NULL;
}

void
es_render_tmpl_free(es_render_tmpl *t)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < t->depth; i++)
		g_key_file_free(t->kf[i]);
	g_hash_table_destroy(t->cache);
	g_free(t->name);
	g_free(t->lang);
	g_free(t);
}

const char *
es_render_tmpl_name(const es_render_tmpl *t)
{
	return t->name;
}

const char *
es_render_tmpl_text(const es_render_tmpl *t, const char *group, const char *key)
{
	char *ck, *v = NULL;
	gpointer found;
	int i;

	ck = g_strdup_printf("%s\037%s", group, key);
	if (g_hash_table_lookup_extended(t->cache, ck, NULL, &found)) {
		g_free(ck);
		return found;
	}
	for (i = 0; i < t->depth && v == NULL; i++)
		if (g_key_file_has_key(t->kf[i], group, key, NULL))
			v = g_key_file_get_locale_string(t->kf[i], group, key, t->lang, NULL);
	g_hash_table_insert(t->cache, ck, v);
	return v;
}

es_rc
es_render_tmpl_num(const es_render_tmpl *t, const char *group, const char *key, double def,
                   double *out, es_err *err)
{
	const char *s = es_render_tmpl_text(t, group, key);
	char *end;
	double v;

	if (s == NULL || *s == '\0') {
		*out = def;
		return ES_OK;
	}
	errno = 0;
	v = g_ascii_strtod(s, &end);
	while (*end == ' ')
		end++;
	if (errno != 0 || end == s || *end != '\0' || v != v)
		return es_err_set(err, ES_ECONFIG, "template %s: [%s] %s: '%s' is not a number", t->name,
		                  group, key, s);
	*out = v;
	return ES_OK;
}

/* One placeholder: {a} or {a|fmt}, or a list of alternatives {a,b,c}
 * (with an optional |fmt after the last): the first of them the input has
 * with a non-empty value, else the last one it has (""), else NULL.  The
 * act templates print {act_id,notice_id}: the act's number where the stream
 * carries it, the notice's id where it does not.  names is modified. */
static const char *
expand_one(char *names, const char *fmt, es_render_lookup_fn lookup, void *ctx, char *buf, size_t bufsz)
{
	const char *found = NULL;
	char *name = names;

	for (;;) {
		char *comma = strchr(name, ',');
		const char *v;

		if (comma != NULL)
			*comma = '\0';
		buf[0] = '\0';
		v = lookup(ctx, name, fmt, buf, bufsz);
		if (v != NULL && *v != '\0')
			return v;
		if (v != NULL)
			found = "";
		if (comma == NULL)
			break;
		*comma = ',';
		name = comma + 1;
	}
	return found;
}

es_rc
es_render_expand(const char *text, es_render_lookup_fn lookup, void *ctx, char **out, es_err *err)
{
	GString *s = g_string_sized_new(strlen(text) + 64);
	const char *p = text;
	char name[128], buf[256];

	*out = NULL;
	while (*p != '\0') {
		const char *close, *bar, *v;
		size_t len;

		if (p[0] == '{' && p[1] == '{') {
			g_string_append_c(s, '{');
			p += 2;
			continue;
		}
		if (p[0] == '}' && p[1] == '}') {
			g_string_append_c(s, '}');
			p += 2;
			continue;
		}
		if (*p != '{') {
			g_string_append_c(s, *p++);
			continue;
		}
		close = strchr(p + 1, '}');
		if (close == NULL || (size_t)(close - p - 1) >= sizeof name) {
			g_string_free(s, TRUE);
			return es_err_set(err, ES_ECONFIG, "unterminated placeholder at '%.20s'", p);
		}
		len = (size_t)(close - p - 1);
		memcpy(name, p + 1, len);
		name[len] = '\0';
		bar = strchr(name, '|');
		if (bar != NULL)
			name[bar - name] = '\0';
		v = expand_one(name, bar != NULL ? name + (bar - name) + 1 : NULL, lookup, ctx, buf, sizeof buf);
		if (v == NULL) {
			es_rc rc = es_err_set(err, ES_EDATA, "the template needs '%s', which the input does not have",
			                      name);
			g_string_free(s, TRUE);
			return rc;
		}
		g_string_append(s, v);
		p = close + 1;
	}
	*out = g_string_free(s, FALSE);
	return ES_OK;
}
