/* pdf.c: the notice document, A4 PDF through cairo, text through pango.
 *
 * Units: millimetres (the cairo context is scaled once), font sizes in
 * points.  The module order follows the guide (pagopa.md §3.1): header,
 * creditor and recipient, amount and due date, where to pay, then the
 * payment data: the rata unica block, the installments in rows of 2 or 3
 * (or the compact grid from the "many" threshold up), and one Poste slip
 * per payable item when the ente has a postal account.  An act template
 * with a [letter] group puts the act (title, paragraphs, the amounts
 * breakdown, legal references, signature) on the pages before the avviso.
 *
 * Every text and every layout number comes from the template; see
 * data/templates/pagopa.tmpl and render-notices(1). */
#include "es_setup.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "render/render.h"
#include "render/render_private.h"
#include "rules.h"

#define PT_MM (25.4 / 72.0)
#define LAYOUT_CACHE_MAX 4096

enum role {
	R_TITLE, R_SUBJECT, R_LABEL, R_TEXT, R_NAME, R_ADDRESS, R_AMOUNT, R_BIG_AMOUNT, R_SMALL,
	R_CODE, R_BODY, R_LETTER_TITLE, R_NROLES
};

static const char *const role_names[R_NROLES] = {
	"title", "subject", "label", "text", "name", "address", "amount", "big_amount", "small",
	"code", "body", "letter_title"
};

enum {
	F_BOLD = 1, F_MONO = 2, F_GREY = 4, F_BLUE = 8, F_RIGHT = 16, F_CENTER = 32, F_AUTH = 64
};

typedef struct rgb { double r, g, b; } rgb;

/* The layout parameters of a template ([layout] group), read once. */
typedef struct geom {
	double page_w, page_h, margin, gap;
	double header_h, logo_mm, title_w;
	double info_h, info_cf_h, info_name_h, info_address_h, info_ente_info_h;
	double amount_h, data_title_h;
	double single_h, strip_h, slip_h;
	double row_h, row_gap, hint_h;
	double qr_mm, qr_quiet, dm_mm;
	double many_cols, many_cell_h, many_threshold;
	double window_x, window_y, window_w, window_h, letter_top, par_gap;
	double auth_black;
	double size[R_NROLES], min_size[R_NROLES];
	rgb text, grey, band, blue;
	PangoFontDescription *desc[R_NROLES][4];   /* [role][bold | mono << 1] */
} geom;

typedef struct tmpl_entry {
	es_render_tmpl *t;
	geom g;
} tmpl_entry;

struct es_render_doc {
	const es_ente *ente;
	char *lang;
	char *force;
	bool decimal_comma;
	GHashTable *tmpls;           /* name -> tmpl_entry* */
	GHashTable *layouts;         /* shaped texts, reused across notices */
	PangoFontMap *fm;
	PangoContext *pc;
	cairo_surface_t *logo;
	/* the open PDF */
	cairo_surface_t *surf;
	cairo_t *cr;
	es_out *out;
	es_rc wrc;
	es_err werr;
};

/* ---- templates and their geometry ---- */

static es_rc
parse_color(const es_render_tmpl *t, const char *key, const char *def, rgb *c, es_err *err)
{
	const char *s = es_render_tmpl_text(t, "layout", key);
	unsigned v;
	char *end;

	if (s == NULL)
		s = def;
	if (s[0] != '#' || strlen(s) != 7 || (v = (unsigned)strtoul(s + 1, &end, 16), *end != '\0'))
		return es_err_set(err, ES_ECONFIG, "template %s: [layout] %s: '%s' is not #RRGGBB",
		                  es_render_tmpl_name(t), key, s);
	c->r = ((v >> 16) & 0xff) / 255.0;
	c->g = ((v >> 8) & 0xff) / 255.0;
	c->b = (v & 0xff) / 255.0;
	return ES_OK;
}

static void
geom_free(geom *g)
{
	int r, k;

	for (r = 0; r < R_NROLES; r++)
		for (k = 0; k < 4; k++)
			if (g->desc[r][k] != NULL)
				pango_font_description_free(g->desc[r][k]);
}

static es_rc
geom_load(const es_render_tmpl *t, geom *g, es_err *err)
{
	static const struct { const char *key; size_t off; } nums[] = {
#define N(k) { #k, offsetof(geom, k) }
		N(page_w), N(page_h), N(margin), N(gap), N(header_h), N(logo_mm), N(title_w),
		N(info_h), N(info_cf_h), N(info_name_h), N(info_address_h), N(info_ente_info_h),
		N(amount_h), N(data_title_h), N(single_h), N(strip_h), N(slip_h),
		N(row_h), N(row_gap), N(hint_h), N(qr_mm), N(qr_quiet), N(dm_mm),
		N(many_cols), N(many_cell_h), N(many_threshold),
		N(window_x), N(window_y), N(window_w), N(window_h), N(letter_top), N(par_gap), N(auth_black)
#undef N
	};
	const char *font, *mono;
	char key[64];
	size_t i;
	int r, k;
	es_rc rc;

	memset(g, 0, sizeof *g);
	for (i = 0; i < ES_ARRAY_LEN(nums); i++) {
		double *p = (double *)(void *)((char *)g + nums[i].off);

		if (es_render_tmpl_text(t, "layout", nums[i].key) == NULL)
			return es_err_set(err, ES_ECONFIG, "template %s: [layout] %s: missing", es_render_tmpl_name(t),
			                  nums[i].key);
		if ((rc = es_render_tmpl_num(t, "layout", nums[i].key, 0, p, err)) != ES_OK)
			return rc;
		if (*p < 0)
			return es_err_set(err, ES_ECONFIG, "template %s: [layout] %s: negative", es_render_tmpl_name(t),
			                  nums[i].key);
	}
	if (g->many_cols < 1 || g->page_w <= 2 * g->margin || g->page_h <= 2 * g->margin)
		return es_err_set(err, ES_ECONFIG, "template %s: [layout] page, margin or many_cols out of range",
		                  es_render_tmpl_name(t));
	for (r = 0; r < R_NROLES; r++) {
		snprintf(key, sizeof key, "size_%s", role_names[r]);
		if ((rc = es_render_tmpl_num(t, "layout", key, 0, &g->size[r], err)) != ES_OK)
			return rc;
		if (g->size[r] <= 0)
			return es_err_set(err, ES_ECONFIG, "template %s: [layout] %s: missing or not positive",
			                  es_render_tmpl_name(t), key);
		snprintf(key, sizeof key, "min_size_%s", role_names[r]);
		if ((rc = es_render_tmpl_num(t, "layout", key, g->size[r], &g->min_size[r], err)) != ES_OK)
			return rc;
		if (g->min_size[r] <= 0 || g->min_size[r] > g->size[r])
			g->min_size[r] = g->size[r];
	}
	if ((rc = parse_color(t, "color_text", "#000000", &g->text, err)) != ES_OK ||
	    (rc = parse_color(t, "color_grey", "#7C7C7B", &g->grey, err)) != ES_OK ||
	    (rc = parse_color(t, "color_band", "#ECECEC", &g->band, err)) != ES_OK ||
	    (rc = parse_color(t, "color_blue", "#0066CC", &g->blue, err)) != ES_OK)
		return rc;
	font = es_render_tmpl_text(t, "layout", "font");
	mono = es_render_tmpl_text(t, "layout", "font_mono");
	if (font == NULL || mono == NULL)
		return es_err_set(err, ES_ECONFIG, "template %s: [layout] font and font_mono are required",
		                  es_render_tmpl_name(t));
	for (r = 0; r < R_NROLES; r++)
		for (k = 0; k < 4; k++) {
			PangoFontDescription *fd = pango_font_description_from_string((k & 2) ? mono : font);

			pango_font_description_set_weight(fd, (k & 1) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
			pango_font_description_set_absolute_size(fd, g->size[r] * PT_MM * PANGO_SCALE);
			g->desc[r][k] = fd;
		}
	return ES_OK;
}

static void
tmpl_entry_free(gpointer p)
{
	tmpl_entry *te = p;

	geom_free(&te->g);
	es_render_tmpl_free(te->t);
	g_free(te);
}

static tmpl_entry *
doc_template(es_render_doc *d, const char *act_type, es_err *err)
{
	const char *name = d->force != NULL ? d->force : (*act_type != '\0' ? act_type : "bill");
	tmpl_entry *te;
	es_err e;

	te = g_hash_table_lookup(d->tmpls, name);
	if (te != NULL)
		return te;
	if (d->force == NULL) {
		/* an unknown act type is the notice's fault, a broken file the office's */
		char *path = g_strdup_printf("%s/templates/%s.tmpl", es_datadir(), name);
		bool ok = strchr(name, '/') == NULL && g_file_test(path, G_FILE_TEST_IS_REGULAR);

		if (!ok) {
			es_err_set(err, ES_EDATA, "act_type '%s': no template %s", act_type, path);
			g_free(path);
			return NULL;
		}
		g_free(path);
	}
	te = g_new0(tmpl_entry, 1);
	es_err_clear(&e);
	te->t = es_render_tmpl_load(name, d->lang, &e);
	if (te->t == NULL || geom_load(te->t, &te->g, &e) != ES_OK) {
		tmpl_entry_free(te);
		if (err != NULL)
			*err = e;
		return NULL;
	}
	g_hash_table_insert(d->tmpls, g_strdup(name), te);
	return te;
}

const es_render_tmpl *
es_render_doc_template(es_render_doc *d, const char *act_type, es_err *err)
{
	tmpl_entry *te = doc_template(d, act_type, err);

	return te != NULL ? te->t : NULL;
}

/* ---- the document ---- */

es_render_doc *
es_render_doc_new(const es_ente *ente, const es_render_doc_opts *opts, es_err *err)
{
	es_render_doc *d = g_new0(es_render_doc, 1);
	cairo_font_options_t *fo;

	d->ente = ente;
	d->lang = g_strdup(opts != NULL && opts->lang != NULL ? opts->lang : "it");
	d->force = opts != NULL && opts->template_name != NULL ? g_strdup(opts->template_name) : NULL;
	d->decimal_comma = opts != NULL && opts->decimal_comma;
	d->tmpls = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, tmpl_entry_free);
	d->layouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
	d->fm = pango_cairo_font_map_new();
	d->pc = pango_font_map_create_context(d->fm);
	/* Device-independent metrics: the layout of a page is the same whatever
	 * the output resolution, and the tests can measure without a surface. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d->pc, fo);
	cairo_font_options_destroy(fo);
	/* user units are millimetres: rounding glyph positions to whole units
	 * would move letters by up to half a millimetre */
	pango_context_set_round_glyph_positions(d->pc, FALSE);
	if (ente->tax_code == NULL || ente->name == NULL) {
		es_err_set(err, ES_ECONFIG, "%s: [ente] name and tax_code are required to print notices",
		           ente->path != NULL ? ente->path : "ente");
		goto fail;
	}
	if (ente->logo != NULL && *ente->logo != '\0') {
		size_t n = strlen(ente->logo);

		if (n < 4 || g_ascii_strcasecmp(ente->logo + n - 4, ".png") != 0) {
			es_err_set(err, ES_ECONFIG, "%s: [ente] logo: %s: only PNG logos are supported", ente->path,
			           ente->logo);
			goto fail;
		}
		d->logo = cairo_image_surface_create_from_png(ente->logo);
		if (cairo_surface_status(d->logo) != CAIRO_STATUS_SUCCESS) {
			es_err_set(err, ES_ECONFIG, "%s: [ente] logo: %s: %s", ente->path, ente->logo,
			           cairo_status_to_string(cairo_surface_status(d->logo)));
			goto fail;
		}
	}
	/* a forced template must load now: a misspelt --template is a usage
	 * error; without one, the base template proves the installation */
	if (d->force != NULL && doc_template(d, "", err) == NULL)
		goto fail;
	if (d->force == NULL) {
		es_render_tmpl *base = es_render_tmpl_load("pagopa", d->lang, err);

		if (base == NULL)
			goto fail;
		es_render_tmpl_free(base);
	}
	return d;
fail:
	es_render_doc_free(d);
	return NULL;
}

void
es_render_doc_free(es_render_doc *d)
{
	if (d == NULL)
		return;
	if (d->cr != NULL)
		cairo_destroy(d->cr);
	if (d->surf != NULL)
		cairo_surface_destroy(d->surf);
	if (d->logo != NULL)
		cairo_surface_destroy(d->logo);
	g_hash_table_destroy(d->layouts);
	g_hash_table_destroy(d->tmpls);
	g_object_unref(d->pc);
	g_object_unref(d->fm);
	g_free(d->lang);
	g_free(d->force);
	g_free(d);
}

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	es_render_doc *d = closure;

	if (d->wrc != ES_OK)
		return CAIRO_STATUS_WRITE_ERROR;
	if ((d->wrc = es_out_write(d->out, data, len, &d->werr)) != ES_OK)
		return CAIRO_STATUS_WRITE_ERROR;
	return CAIRO_STATUS_SUCCESS;
}

es_rc
es_render_doc_begin(es_render_doc *d, es_out *out, es_err *err)
{
	if (d->surf != NULL)
		return es_err_set(err, ES_EINTERNAL, "es_render_doc_begin: a document is already open");
	d->out = out;
	d->wrc = ES_OK;
	es_err_clear(&d->werr);
	/* A4 in points; the context is scaled to millimetres. */
	d->surf = cairo_pdf_surface_create_for_stream(pdf_write, d, 210.0 / PT_MM, 297.0 / PT_MM);
	cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_CREATOR, "render-notices (esattore)");
	cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_TITLE, "Avvisi di pagamento");
	d->cr = cairo_create(d->surf);
	cairo_scale(d->cr, 1.0 / PT_MM, 1.0 / PT_MM);
	/* The pango context is not updated from the new cairo context: its
	 * metrics are device-independent already (es_render_doc_new), and an
	 * update would reshape every cached text for each file of --out-dir. */
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS)
		return es_err_set(err, ES_EIO, "PDF: %s", cairo_status_to_string(cairo_status(d->cr)));
	return ES_OK;
}

es_rc
es_render_doc_end(es_render_doc *d, es_err *err)
{
	cairo_status_t st;

	if (d->surf == NULL)
		return ES_OK;
	cairo_destroy(d->cr);
	d->cr = NULL;
	cairo_surface_finish(d->surf);
	st = cairo_surface_status(d->surf);
	cairo_surface_destroy(d->surf);
	d->surf = NULL;
	if (d->wrc != ES_OK) {
		if (err != NULL)
			*err = d->werr;
		return d->wrc;
	}
	if (st != CAIRO_STATUS_SUCCESS)
		return es_err_set(err, ES_EIO, "%s: PDF: %s", es_out_name(d->out), cairo_status_to_string(st));
	return ES_OK;
}

/* ---- one notice ---- */

typedef char qr_buf[ES_QR_BUFSZ];
typedef char dm_buf[ES_DATAMATRIX_BUFSZ];

typedef struct page {
	es_render_doc *d;
	const es_render_notice *n;
	tmpl_entry *te;
	const geom *g;
	cairo_t *cr;            /* NULL while preparing */
	int pages;
	double y;
	long rata;              /* the installment whose text is being expanded */
	bool page_open;
	GPtrArray *strings;     /* expanded texts, freed at the end */
	qr_buf *qr;
	dm_buf *dm;
	char why[ES_ERR_MAX + 64];          /* why a placeholder had no value */
	es_rc rc;
	es_err *err;
} page;

static const char *
ente_field(const es_ente *e, const char *k)
{
	static const struct { const char *k; size_t off; } f[] = {
#define E(x) { #x, offsetof(es_ente, x) }
		E(name), E(tax_code), E(belfiore), E(province), E(address), E(pec), E(website), E(cbill),
		E(iban), E(postal_account), E(postal_holder), E(postal_auth)
#undef E
	};
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(f); i++)
		if (strcmp(f[i].k, k) == 0) {
			const char *v = *(char *const *)(const void *)((const char *)e + f[i].off);

			return v != NULL ? v : "";
		}
	return NULL;
}

static const char *
money_str(es_cents c, char *buf)
{
	return es_money_format(c, ES_MONEY_ITALIAN, buf);
}

static const char *
lookup(void *ctx, const char *name, const char *fmt, char *buf, size_t bufsz)
{
	page *p = ctx;
	const es_render_notice *n = p->n;
	const char *v = NULL;
	size_t i;

	if (strncmp(name, "ente.", 5) == 0)
		return ente_field(p->d->ente, name + 5);
	if (strcmp(name, "n") == 0) {
		snprintf(buf, bufsz, "%zu", n->nrate);
		return buf;
	}
	if (strcmp(name, "rata") == 0) {
		snprintf(buf, bufsz, "%ld", p->rata);
		return buf;
	}
	if (strcmp(name, "amount") == 0)
		return money_str(n->total, buf);
	if (strcmp(name, "due_date") == 0)
		return es_date_format_dmy(n->due, buf);
	if (strcmp(name, "notice_number") == 0)
		return es_nav_format_print(n->inst[0].nav, buf);
	if (strcmp(name, "tax_code") == 0)
		return n->tax_code;
	if (strcmp(name, "subject_text") == 0 || strcmp(name, "subject") == 0)
		return n->subject;
	for (i = 0; i < n->ncols; i++)
		if (strcmp(n->colnames[i], name) == 0) {
			v = n->values[i];
			break;
		}
	if (v == NULL) {
		snprintf(p->why, sizeof p->why, "the template needs column '%s', which the input does not have", name);
		return NULL;
	}
	if (fmt == NULL || *fmt == '\0')
		return v;
	if (strcmp(fmt, "money") == 0) {
		es_cents c;
		es_err e;

		if (es_money_parse(v, p->d->decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN, &c, &e) != ES_OK) {
			snprintf(p->why, sizeof p->why, "%s: %s", name, e.msg);
			return NULL;
		}
		return money_str(c, buf);
	}
	if (strcmp(fmt, "date") == 0) {
		es_date dt;
		es_err e;

		if (es_date_parse(v, ES_DATE_ANY, &dt, &e) != ES_OK) {
			snprintf(p->why, sizeof p->why, "%s: %s", name, e.msg);
			return NULL;
		}
		return es_date_format_dmy(dt, buf);
	}
	snprintf(p->why, sizeof p->why, "{%s|%s}: unknown format (money, date)", name, fmt);
	return NULL;
}

/* The expanded text of group/key, or NULL if the template has no such key. */
static const char *
T(page *p, const char *group, const char *key)
{
	const char *raw = es_render_tmpl_text(p->te->t, group, key);
	char *out;
	es_err e;

	if (raw == NULL)
		return NULL;
	if (strchr(raw, '{') == NULL && strchr(raw, '}') == NULL)
		return raw;
	p->why[0] = '\0';
	if (es_render_expand(raw, lookup, p, &out, &e) != ES_OK) {
		if (p->rc == ES_OK) {
			p->rc = e.rc;
			es_err_set(p->err, e.rc, "template %s: [%s] %s: %s", es_render_tmpl_name(p->te->t), group, key,
			           p->why[0] != '\0' ? p->why : e.msg);
		}
		return "";
	}
	g_ptr_array_add(p->strings, out);
	return out;
}

/* Like T, for keys every template must have (in its base). */
static const char *
TT(page *p, const char *key)
{
	const char *s = T(p, "text", key);

	if (s == NULL) {
		if (p->rc == ES_OK) {
			p->rc = ES_ECONFIG;
			es_err_set(p->err, ES_ECONFIG, "template %s: [text] %s: missing", es_render_tmpl_name(p->te->t), key);
		}
		return "";
	}
	return s;
}

static const char *
fmt_money(page *p, es_cents c)
{
	char buf[ES_MONEY_BUFSZ];
	const char *pre = T(p, "text", "currency_prefix"), *suf = T(p, "text", "currency_suffix");
	char *s = g_strconcat(pre != NULL ? pre : "", money_str(c, buf), suf != NULL ? suf : "", NULL);

	g_ptr_array_add(p->strings, s);
	return s;
}

static const char *
fmt_date(page *p, es_date dt)
{
	char buf[ES_DATE_BUFSZ];
	char *s = g_strdup(es_date_format_dmy(dt, buf));

	g_ptr_array_add(p->strings, s);
	return s;
}

static const char *
cat(page *p, const char *a, const char *sep, const char *b)
{
	char *s = g_strconcat(a, sep, b, NULL);

	g_ptr_array_add(p->strings, s);
	return s;
}

/* ---- drawing primitives ---- */

static void
set_color(page *p, int flags)
{
	const geom *g = p->g;

	if (flags & F_AUTH)
		cairo_set_source_rgb(p->cr, 1 - g->auth_black, 1 - g->auth_black, 1 - g->auth_black);
	else if (flags & F_GREY)
		cairo_set_source_rgb(p->cr, g->grey.r, g->grey.g, g->grey.b);
	else if (flags & F_BLUE)
		cairo_set_source_rgb(p->cr, g->blue.r, g->blue.g, g->blue.b);
	else
		cairo_set_source_rgb(p->cr, g->text.r, g->text.g, g->text.b);
}

static PangoLayout *
make_layout(es_render_doc *d, const geom *g, int role, int flags, double size_pt, double w, const char *s)
{
	PangoLayout *l = pango_layout_new(d->pc);
	PangoFontDescription *fd = g->desc[role][(flags & F_BOLD ? 1 : 0) | (flags & F_MONO ? 2 : 0)];

	if (size_pt > 0 && size_pt != g->size[role]) {
		fd = pango_font_description_copy(fd);
		pango_font_description_set_absolute_size(fd, size_pt * PT_MM * PANGO_SCALE);
		pango_layout_set_font_description(l, fd);
		pango_font_description_free(fd);
	} else {
		pango_layout_set_font_description(l, fd);
	}
	if (w > 0) {
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	if (flags & F_RIGHT)
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	else if (flags & F_CENTER)
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pango_layout_set_text(l, s, -1);
	return l;
}

static void
show(page *p, PangoLayout *l, double x, double y, int flags)
{
	if (p->cr == NULL)
		return;
	set_color(p, flags);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* Draw l at (x, y); its height. */
static double
show_height(page *p, PangoLayout *l, double x, double y, int flags)
{
	int lw, lh;

	pango_layout_get_size(l, &lw, &lh);
	show(p, l, x, y, flags);
	return (double)lh / PANGO_SCALE;
}

/* Keep l under key (both owned by the cache from here) in the document's
 * cache of shaped texts, emptied first when full; returns l. */
static PangoLayout *
cache_put(es_render_doc *d, char *key, PangoLayout *l)
{
	if (g_hash_table_size(d->layouts) >= LAYOUT_CACHE_MAX)
		g_hash_table_remove_all(d->layouts);
	g_hash_table_insert(d->layouts, key, l);
	return l;
}

/* Draw s wrapped in width w (no wrap if w <= 0) at (x, y); the height. */
static double
text(page *p, double x, double y, double w, int role, int flags, const char *s)
{
	PangoLayout *l;
	char *key;

	if (s == NULL || *s == '\0')
		return 0;
	if (p->cr == NULL)
		return p->g->size[role] * PT_MM * 1.2;
	/* Most texts (labels, the fixed texts of the guide, the ente's data)
	 * are the same on every notice: shape them once.  The cache is emptied
	 * when it grows, so the texts of single notices do not pile up. */
	key = g_strdup_printf("%p|%d|%d|%.3f|%s", (const void *)p->g, role, flags & ~(F_GREY | F_BLUE | F_AUTH), w, s);
	if ((l = g_hash_table_lookup(p->d->layouts, key)) != NULL)
		g_free(key);
	else
		l = cache_put(p->d, key, make_layout(p->d, p->g, role, flags, 0, w, s));
	return show_height(p, l, x, y, flags);
}

/* Fit s in a w x h box: the largest size from the role's size down to its
 * minimum, in steps of 0.5 pt; at the minimum, the text is cut with an
 * ellipsis on the last line that fits. */
static PangoLayout *
fit_layout(es_render_doc *d, const geom *g, int role, int flags, double w, double h, const char *s,
           es_render_fit *fit)
{
	double size;
	PangoLayout *l = NULL;
	PangoRectangle ink, log;

	for (size = g->size[role];; size -= 0.5) {
		if (size < g->min_size[role])
			size = g->min_size[role];
		if (l != NULL)
			g_object_unref(l);
		l = make_layout(d, g, role, flags, size, w, s);
		pango_layout_get_extents(l, &ink, &log);
		if ((double)log.height / PANGO_SCALE <= h + 1e-6 || size <= g->min_size[role])
			break;
	}
	fit->size_pt = size;
	fit->fits = (double)log.height / PANGO_SCALE <= h + 1e-6;
	if (!fit->fits) {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(l, (int)(h * PANGO_SCALE));
		pango_layout_get_extents(l, &ink, &log);
	}
	fit->lines = pango_layout_get_line_count(l);
	fit->width_mm = (double)log.width / PANGO_SCALE;
	fit->height_mm = (double)log.height / PANGO_SCALE;
	return l;
}

static double
text_fit(page *p, double x, double y, double w, double h, int role, int flags, const char *s)
{
	es_render_fit fit;
	PangoLayout *l;
	char *key;

	if (s == NULL || *s == '\0' || p->cr == NULL)
		return 0;
	key = g_strdup_printf("%p|%d|%d|%.3f|%.3f|%s", (const void *)p->g, role, flags & ~(F_GREY | F_BLUE | F_AUTH),
	                      w, h, s);
	if ((l = g_hash_table_lookup(p->d->layouts, key)) != NULL)
		g_free(key);
	else
		l = cache_put(p->d, key, fit_layout(p->d, p->g, role, flags, w, h, s, &fit));
	return show_height(p, l, x, y, flags);
}

es_rc
es_render_fit_text(es_render_doc *d, const es_render_tmpl *t, const char *role, const char *s, double w_mm,
                   double h_mm, es_render_fit *fit, es_err *err)
{
	tmpl_entry *te = NULL;
	GHashTableIter it;
	gpointer v;
	int r;

	g_hash_table_iter_init(&it, d->tmpls);
	while (g_hash_table_iter_next(&it, NULL, &v))
		if (((tmpl_entry *)v)->t == t)
			te = v;
	if (te == NULL)
		return es_err_set(err, ES_EINTERNAL, "es_render_fit_text: template not loaded by this document");
	for (r = 0; r < R_NROLES; r++)
		if (strcmp(role_names[r], role) == 0)
			break;
	if (r == R_NROLES)
		return es_err_set(err, ES_EINTERNAL, "es_render_fit_text: unknown role '%s'", role);
	g_object_unref(fit_layout(d, &te->g, r, r == R_NAME ? F_BOLD : 0, w_mm, h_mm, s, fit));
	return ES_OK;
}

static void
rect(page *p, double x, double y, double w, double h, const rgb *fill, bool stroke)
{
	if (p->cr == NULL)
		return;
	cairo_rectangle(p->cr, x, y, w, h);
	if (fill != NULL) {
		cairo_set_source_rgb(p->cr, fill->r, fill->g, fill->b);
		if (stroke)
			cairo_fill_preserve(p->cr);
		else
			cairo_fill(p->cr);
	}
	if (stroke) {
		cairo_set_source_rgb(p->cr, p->g->grey.r, p->g->grey.g, p->g->grey.b);
		cairo_set_line_width(p->cr, 0.25);
		cairo_stroke(p->cr);
	}
}

static void
hline(page *p, double x, double y, double w)
{
	if (p->cr == NULL)
		return;
	cairo_set_source_rgb(p->cr, p->g->grey.r, p->g->grey.g, p->g->grey.b);
	cairo_set_line_width(p->cr, 0.25);
	cairo_move_to(p->cr, x, y);
	cairo_line_to(p->cr, x + w, y);
	cairo_stroke(p->cr);
}

static void
logo(page *p, double x, double y, double box)
{
	cairo_surface_t *s = p->d->logo;
	double w, h, k;

	if (s == NULL || p->cr == NULL)
		return;
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	if (w <= 0 || h <= 0)
		return;
	k = box / (w > h ? w : h);
	cairo_save(p->cr);
	/* top-right aligned in the box */
	cairo_translate(p->cr, x + box - w * k, y);
	cairo_scale(p->cr, k, k);
	cairo_set_source_surface(p->cr, s, 0, 0);
	cairo_paint(p->cr);
	cairo_restore(p->cr);
}

static void
barcode(page *p, bool qr, const char *payload, double x, double y, double size)
{
	es_err e;
	es_rc rc;

	if (p->cr == NULL || p->rc != ES_OK)
		return;
	rc = qr ? es_render_qr_draw(p->cr, payload, x, y, size, &e) : es_render_dm_draw(p->cr, payload, x, y, size, &e);
	if (rc != ES_OK) {
		p->rc = rc;
		if (p->err != NULL)
			*p->err = e;
	}
}

/* ---- pages ---- */

static void
end_page(page *p)
{
	if (!p->page_open)
		return;
	if (p->cr != NULL)
		cairo_show_page(p->cr);
	p->pages++;
	p->page_open = false;
}

/* The avviso header (module 1), repeated on every page of the avviso. */
static void
avviso_header(page *p)
{
	const geom *g = p->g;
	double x = g->margin, y = g->margin, h;

	h = text(p, x, y, g->title_w, R_TITLE, F_BOLD, TT(p, "title"));
	text_fit(p, x, y + h + 1, g->title_w, g->header_h - h - 3, R_SUBJECT, 0, p->n->subject);
	/* the pagoPA mark ends 4 mm left of the ente's logo */
	text(p, g->page_w - g->margin - g->logo_mm - 34, y, 30, R_LABEL, F_BOLD | F_BLUE | F_RIGHT, TT(p, "pagopa_mark"));
	logo(p, g->page_w - g->margin - g->logo_mm, y, g->logo_mm);
	p->y = g->margin + g->header_h;
}

static void
new_avviso_page(page *p)
{
	end_page(p);
	p->page_open = true;
	avviso_header(p);
}

/* Make room for h mm, starting a new avviso page if needed. */
static void
ensure(page *p, double h)
{
	if (p->y + h > p->g->page_h - p->g->margin + 1e-6)
		new_avviso_page(p);
}

/* Label over value, in a column; returns the height used. */
static double
field(page *p, double x, double y, double w, const char *label, const char *value, int vflags)
{
	double h = text(p, x, y, w, R_LABEL, F_GREY, label);

	return h + text(p, x, y + h, w, (vflags & F_MONO) ? R_CODE : R_TEXT, vflags, value);
}

/* Module 2: creditor and recipient. */
static void
info_boxes(page *p)
{
	const geom *g = p->g;
	const es_ente *e = p->d->ente;
	double cw = (g->page_w - 2 * g->margin - g->gap) / 2, x1 = g->margin, x2 = g->margin + cw + g->gap;
	double y = p->y, h;
	GString *info = g_string_new(NULL);
	const char *sep = TT(p, "info_separator");

	h = text(p, x1, y, cw, R_LABEL, F_BOLD | F_BLUE, TT(p, "label_ente"));
	text(p, x1, y + h, cw, R_TEXT, 0, cat(p, TT(p, "label_cf"), " ", e->tax_code));
	text_fit(p, x1, y + h + g->info_cf_h, cw, g->info_name_h, R_NAME, F_BOLD, e->name);
	if (e->address != NULL)
		g_string_append(info, e->address);
	if (e->website != NULL && *e->website != '\0')
		g_string_append_printf(info, "%s%s", info->len > 0 ? sep : "", e->website);
	if (e->pec != NULL && *e->pec != '\0')
		g_string_append_printf(info, "%s%s", info->len > 0 ? sep : "", e->pec);
	text_fit(p, x1, y + h + g->info_cf_h + g->info_name_h, cw, g->info_ente_info_h, R_SMALL, 0, info->str);
	g_string_free(info, TRUE);

	h = text(p, x2, y, cw, R_LABEL, F_BOLD | F_BLUE, TT(p, "label_recipient"));
	if (*p->n->tax_code != '\0')
		text(p, x2, y + h, cw, R_TEXT, 0, cat(p, TT(p, "label_cf"), " ", p->n->tax_code));
	text_fit(p, x2, y + h + g->info_cf_h, cw, g->info_name_h, R_NAME, F_BOLD, p->n->name);
	text_fit(p, x2, y + h + g->info_cf_h + g->info_name_h, cw, g->info_address_h, R_ADDRESS, 0, p->n->address);
	p->y = y + g->info_h + g->gap;
}

/* Module 3: how much and when, where to pay. */
static void
amount_band(page *p)
{
	const geom *g = p->g;
	const es_render_notice *n = p->n;
	double cw = (g->page_w - 2 * g->margin - g->gap) / 2, x1 = g->margin + 3, x2 = g->margin + cw + g->gap;
	double y = p->y, yy, h;
	const char *info = NULL;

	rect(p, g->margin, y, cw, g->amount_h, &g->band, false);
	yy = y + 3;
	yy += text(p, x1, yy, cw - 6, R_LABEL, F_BOLD, TT(p, "label_howmuch"));
	yy += 1;
	yy += text(p, x1, yy, cw - 6, R_BIG_AMOUNT, F_BOLD | F_MONO, fmt_money(p, n->total));
	yy += text(p, x1, yy, cw - 6, R_TEXT, 0, cat(p, TT(p, "by"), " ", fmt_date(p, n->due)));
	if (n->nrate >= 2)
		info = n->has_single ? TT(p, "info_full_or_rate") : TT(p, "info_rate");
	if (info != NULL)
		yy += 1 + text(p, x1, yy + 1, cw - 6, R_TEXT, F_BOLD, info);
	text_fit(p, x1, yy + 1.5, cw - 6, y + g->amount_h - yy - 3, R_SMALL, 0, TT(p, "disclaimer"));

	yy = y + 3;
	yy += text(p, x2, yy, cw, R_LABEL, F_BOLD, TT(p, "label_where"));
	yy += 1;
	h = text(p, x2, yy, cw, R_TEXT, F_BOLD | F_BLUE, TT(p, "online_title"));
	yy += h + text(p, x2, yy + h, cw, R_SMALL, 0, TT(p, "online_text"));
	yy += 2;
	h = text(p, x2, yy, cw, R_TEXT, F_BOLD | F_BLUE, TT(p, "territory_title"));
	text(p, x2, yy + h, cw, R_SMALL, 0, TT(p, "territory_text"));
	p->y = y + g->amount_h + g->gap;
}

static void
data_title(page *p)
{
	text(p, p->g->margin, p->y, 0, R_LABEL, F_BOLD | F_BLUE, TT(p, "label_data"));
	p->y += p->g->data_title_h;
}

static const char *
rata_label(page *p, const es_render_inst *in)
{
	if (in->number == 0 || (p->n->nrate == 1 && !p->n->has_single))
		return TT(p, "rata_unica");
	p->rata = in->number;
	return TT(p, "rata_n");
}

/* Three codes side by side: CBILL, notice number, ente tax code. */
static void
codes_row(page *p, double x, double y, double w, const es_render_inst *in, bool with_cbill)
{
	const es_ente *e = p->d->ente;
	char nav[ES_NAV_PRINT_BUFSZ];
	double cw = w / 3;

	es_nav_format_print(in->nav, nav);
	if (with_cbill && e->cbill != NULL && *e->cbill != '\0')
		field(p, x, y, cw - 2, TT(p, "label_cbill"), e->cbill, F_MONO | F_BOLD);
	field(p, x + cw, y, cw + 8, TT(p, "label_nav"), cat(p, nav, "", ""), F_MONO | F_BOLD);
	field(p, x + 2 * cw + 8, y, cw - 8, TT(p, "label_cf_ente"), e->tax_code, F_MONO | F_BOLD);
}

/* The rata unica block (or the block of the only installment). */
static void
single_block(page *p, size_t i)
{
	const geom *g = p->g;
	const es_render_inst *in = &p->n->inst[i];
	double w = g->page_w - 2 * g->margin, x = g->margin, y, xr, wr, h;

	ensure(p, g->single_h);
	y = p->y;
	rect(p, x, y, w, g->strip_h, &g->band, false);
	text(p, x + 3, y + 1.5, w / 2, R_TEXT, F_BOLD, rata_label(p, in));
	text(p, x + w / 2, y + 1.5, w / 2 - 3, R_TEXT, F_BOLD | F_RIGHT,
	     cat(p, fmt_money(p, in->amount), "  ", cat(p, TT(p, "by"), " ", fmt_date(p, in->due))));
	barcode(p, true, p->qr[i], x + g->qr_quiet, y + g->strip_h + g->qr_quiet, g->qr_mm);
	xr = x + g->qr_mm + 2 * g->qr_quiet + 2;
	wr = w - (xr - x);
	y += g->strip_h + 2;
	y += text(p, xr, y, wr, R_SMALL, F_GREY, TT(p, "qr_hint_single")) + 1.5;
	h = field(p, xr, y, wr / 2 - 2, TT(p, "label_recipient_short"), p->n->name, F_BOLD);
	field(p, xr + wr / 2, y, wr / 2, TT(p, "label_ente_short"), p->d->ente->name, F_BOLD);
	y += h + 1.5;
	y += field(p, xr, y, wr, TT(p, "label_subject"), p->n->subject, 0) + 1.5;
	codes_row(p, xr, y, wr, in, true);
	hline(p, x, p->y + g->single_h - 1, w);
	p->y += g->single_h + g->row_gap;
}

/* One installment cell of the grouped layout. */
static void
rate_cell(page *p, size_t i, double x, double y, double w)
{
	const geom *g = p->g;
	const es_render_inst *in = &p->n->inst[i];
	char nav[ES_NAV_PRINT_BUFSZ];
	double yy = y, qx;

	rect(p, x, y, w, g->strip_h, &g->band, false);
	text(p, x + 2, y + 1.5, w - 4, R_TEXT, F_BOLD, rata_label(p, in));
	yy += g->strip_h + 1;
	yy += text(p, x + 2, yy, w - 4, R_AMOUNT, F_BOLD | F_MONO, fmt_money(p, in->amount));
	yy += text(p, x + 2, yy, w - 4, R_TEXT, 0, cat(p, TT(p, "by"), " ", fmt_date(p, in->due)));
	qx = x + (w - g->qr_mm) / 2;
	barcode(p, true, p->qr[i], qx, yy + g->qr_quiet, g->qr_mm);
	yy += g->qr_mm + 2 * g->qr_quiet;
	es_nav_format_print(in->nav, nav);
	yy += field(p, x + 2, yy, w - 4, TT(p, "label_nav"), cat(p, nav, "", ""), F_MONO | F_BOLD) + 0.5;
	yy += field(p, x + 2, yy, w - 4, TT(p, "label_cf_ente"), p->d->ente->tax_code, F_MONO) + 0.5;
	if (p->d->ente->cbill != NULL && *p->d->ente->cbill != '\0')
		field(p, x + 2, yy, w - 4, TT(p, "label_cbill"), p->d->ente->cbill, F_MONO);
}

static void
grouped_rates(page *p, size_t first)
{
	const geom *g = p->g;
	int sizes[64];
	size_t nrows, r, i = first;
	double w = g->page_w - 2 * g->margin;

	nrows = es_render_group_rows(p->n->nrate, sizes, ES_ARRAY_LEN(sizes));
	ensure(p, g->hint_h + g->row_h);
	p->y += text(p, g->margin, p->y, w, R_SMALL, F_GREY, TT(p, "qr_hint_rate")) + 1;
	for (r = 0; r < nrows && r < ES_ARRAY_LEN(sizes); r++) {
		double cw = (w - (sizes[r] - 1) * g->row_gap) / sizes[r];
		int c;

		ensure(p, g->row_h);
		for (c = 0; c < sizes[r]; c++, i++)
			rate_cell(p, i, g->margin + c * (cw + g->row_gap), p->y, cw);
		p->y += g->row_h + g->row_gap;
	}
}

/* The many-installments layout: a compact grid on its own pages. */
static void
many_rates(page *p, size_t first)
{
	const geom *g = p->g;
	const es_render_notice *n = p->n;
	int cols = (int)g->many_cols, c = 0;
	double w = g->page_w - 2 * g->margin, cw = (w - (cols - 1) * g->row_gap) / cols;
	size_t i;

	ensure(p, g->hint_h * 2 + g->many_cell_h);
	p->y += text(p, g->margin, p->y, w, R_TEXT, F_BOLD | F_BLUE, TT(p, "many_title")) + 1;
	p->y += text(p, g->margin, p->y, w, R_SMALL, F_GREY, TT(p, "qr_hint_rate")) + 2;
	for (i = first; i < n->ninst; i++) {
		const es_render_inst *in = &n->inst[i];
		char nav[ES_NAV_PRINT_BUFSZ];
		double x, y;

		if (c == 0)
			ensure(p, g->many_cell_h);
		x = g->margin + c * (cw + g->row_gap);
		y = p->y;
		rect(p, x, y, cw, g->many_cell_h - g->row_gap, NULL, true);
		text(p, x + 1.5, y + 1, cw / 2, R_SMALL, F_BOLD, rata_label(p, in));
		text(p, x + cw / 2, y + 1, cw / 2 - 1.5, R_TEXT, F_BOLD | F_MONO | F_RIGHT, fmt_money(p, in->amount));
		text(p, x + 1.5, y + 5, cw - 3, R_SMALL, 0, cat(p, TT(p, "by"), " ", fmt_date(p, in->due)));
		barcode(p, true, p->qr[i], x + (cw - g->qr_mm) / 2, y + 8 + g->qr_quiet, g->qr_mm);
		es_nav_format_print(in->nav, nav);
		text(p, x + 1.5, y + 8 + g->qr_mm + g->qr_quiet + 1, cw - 3, R_SMALL, F_MONO | F_CENTER,
		     cat(p, nav, "", ""));
		if (++c == cols) {
			c = 0;
			p->y += g->many_cell_h;
		}
	}
	if (c != 0)
		p->y += g->many_cell_h;
}

/* The Poste slip ("Bollettino Postale PA") of payable item i. */
static void
slip(page *p, size_t i)
{
	const geom *g = p->g;
	const es_ente *e = p->d->ente;
	const es_render_inst *in = &p->n->inst[i];
	double w = g->page_w - 2 * g->margin, x = g->margin, y, xr, wr, h;
	char nav[ES_NAV_PRINT_BUFSZ];

	ensure(p, g->slip_h);
	y = p->y;
	rect(p, x, y, w, g->slip_h - g->row_gap, NULL, true);
	rect(p, x, y, w, g->strip_h, &g->band, false);
	text(p, x + 3, y + 1.5, w / 2, R_TEXT, F_BOLD, TT(p, "slip_title"));
	text(p, x + w / 2, y + 1.5, w / 2 - 3, R_TEXT, F_BOLD | F_RIGHT,
	     cat(p, rata_label(p, in), "  ", cat(p, fmt_money(p, in->amount), "  ",
	                                         cat(p, TT(p, "by"), " ", fmt_date(p, in->due)))));
	y += g->strip_h + 1.5;
	h = field(p, x + 3, y, w / 2 - 6, TT(p, "slip_account"), e->postal_account, F_MONO | F_BOLD);
	field(p, x + w / 2, y, w / 2 - 3, TT(p, "slip_holder"), e->postal_holder != NULL ? e->postal_holder : "", F_BOLD);
	y += h + 1.5;
	barcode(p, false, p->dm[i], x + g->qr_quiet, y + 1, g->dm_mm);
	xr = x + g->dm_mm + 2 * g->qr_quiet + 2;
	wr = w - (xr - x) - 3;
	h = field(p, xr, y, wr / 2 - 2, TT(p, "label_recipient_short"), p->n->name, F_BOLD);
	field(p, xr + wr / 2, y, wr / 2, TT(p, "label_subject"), p->n->subject, 0);
	y += h + 6;
	es_nav_format_print(in->nav, nav);
	h = field(p, xr, y, wr / 3 + 6, TT(p, "label_nav"), cat(p, nav, "", ""), F_MONO | F_BOLD);
	field(p, xr + wr / 3 + 8, y, wr / 3 - 10, TT(p, "slip_type_label"), TT(p, "slip_type"), F_MONO | F_BOLD);
	field(p, xr + 2 * wr / 3, y, wr / 3, TT(p, "label_cf_ente"), e->tax_code, F_MONO | F_BOLD);
	if (e->postal_auth != NULL && *e->postal_auth != '\0')
		text(p, x + 3, p->y + g->slip_h - g->row_gap - 5, w - 6, R_SMALL, F_AUTH, e->postal_auth);
	p->y += g->slip_h;
}

/* ---- the act (letter) ---- */

/* Flow text line by line from p->y, continuing on new letter pages. */
static void
flow(page *p, double x, double w, int role, int flags, const char *s)
{
	const geom *g = p->g;
	PangoLayout *l;
	PangoLayoutIter *it;
	double bottom = g->page_h - g->margin, shift = 0, last = 0;

	if (s == NULL || *s == '\0')
		return;
	if (p->cr == NULL) {
		p->y += g->size[role] * PT_MM * 1.2;
		return;
	}
	l = make_layout(p->d, g, role, flags, 0, w, s);
	it = pango_layout_get_iter(l);
	do {
		PangoRectangle log;
		double top, bot, base;

		pango_layout_iter_get_line_extents(it, NULL, &log);
		top = (double)log.y / PANGO_SCALE;
		bot = (double)(log.y + log.height) / PANGO_SCALE;
		base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		if (p->y + bot - shift > bottom) {
			end_page(p);
			p->page_open = true;
			p->y = g->margin;
			shift = top;
		}
		set_color(p, flags);
		cairo_move_to(p->cr, x + (double)log.x / PANGO_SCALE, p->y + base - shift);
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		last = bot - shift;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
	p->y += last;
}

static void
breakdown(page *p, double x, double w)
{
	const geom *g = p->g;
	const char *rows = es_render_tmpl_text(p->te->t, "breakdown", "rows");
	const char *total = es_render_tmpl_text(p->te->t, "breakdown", "total");
	char **keys;
	size_t i;
	double lh = g->size[R_BODY] * PT_MM * 1.5;

	if (rows == NULL)
		return;
	keys = g_strsplit(rows, ";", -1);
	if (p->y + lh * (g_strv_length(keys) + 3) > g->page_h - g->margin) {
		end_page(p);
		p->page_open = true;
		p->y = g->margin;
	}
	p->y += 2;
	for (i = 0; keys[i] != NULL; i++) {
		char lk[80], ph[96], *v;
		const char *label;
		es_err e;

		g_strstrip(keys[i]);
		if (*keys[i] == '\0')
			continue;
		snprintf(lk, sizeof lk, "label_%s", keys[i]);
		label = T(p, "breakdown", lk);
		snprintf(ph, sizeof ph, "{%s|money}", keys[i]);
		p->why[0] = '\0';
		if (es_render_expand(ph, lookup, p, &v, &e) != ES_OK) {
			if (p->rc == ES_OK) {
				p->rc = ES_EDATA;
				es_err_set(p->err, ES_EDATA, "template %s: [breakdown] %s: %s", es_render_tmpl_name(p->te->t),
				           keys[i], p->why[0] != '\0' ? p->why : e.msg);
			}
			continue;
		}
		g_ptr_array_add(p->strings, v);
		text(p, x, p->y, w * 0.7, R_BODY, 0, label != NULL ? label : keys[i]);
		text(p, x + w * 0.7, p->y, w * 0.3, R_BODY, F_RIGHT | F_MONO, cat(p, TT(p, "currency_prefix"), v, TT(p, "currency_suffix")));
		p->y += lh;
	}
	g_strfreev(keys);
	if (total != NULL) {
		char ph[96], *v;
		es_err e;

		hline(p, x, p->y + 0.5, w);
		p->y += 1.5;
		snprintf(ph, sizeof ph, "{%s|money}", total);
		p->why[0] = '\0';
		if (es_render_expand(ph, lookup, p, &v, &e) != ES_OK) {
			if (p->rc == ES_OK) {
				p->rc = ES_EDATA;
				es_err_set(p->err, ES_EDATA, "template %s: [breakdown] total: %s", es_render_tmpl_name(p->te->t),
				           p->why[0] != '\0' ? p->why : e.msg);
			}
			return;
		}
		g_ptr_array_add(p->strings, v);
		text(p, x, p->y, w * 0.7, R_BODY, F_BOLD, T(p, "breakdown", "label_total"));
		text(p, x + w * 0.7, p->y, w * 0.3, R_BODY, F_BOLD | F_RIGHT | F_MONO,
		     cat(p, TT(p, "currency_prefix"), v, TT(p, "currency_suffix")));
		p->y += lh;
	}
	p->y += g->par_gap;
}

static void
letter(page *p)
{
	const geom *g = p->g;
	const es_ente *e = p->d->ente;
	double x = g->margin + 5, w = g->page_w - 2 * g->margin - 10, y, after;
	const char *s;
	char key[32];
	int i;
	GString *rcp;

	if (es_render_tmpl_text(p->te->t, "letter", "title") == NULL)
		return;
	end_page(p);
	p->page_open = true;
	/* the ente, top left; the logo, top right */
	y = g->margin;
	y += text(p, x, y, g->window_x - x - 5, R_NAME, F_BOLD, e->name);
	y += text(p, x, y, g->window_x - x - 5, R_SMALL, 0, e->address);
	y += text(p, x, y, g->window_x - x - 5, R_SMALL, 0, e->pec);
	text(p, x, y, g->window_x - x - 5, R_SMALL, 0, e->website);
	logo(p, g->page_w - g->margin - g->logo_mm, g->margin, g->logo_mm);
	/* the recipient, in the envelope window */
	rcp = g_string_new(p->n->name);
	g_string_append_c(rcp, '\n');
	g_string_append(rcp, p->n->address);
	y = g->window_y;
	y += text(p, g->window_x, y, g->window_w, R_SMALL, F_GREY, TT(p, "letter_to"));
	text_fit(p, g->window_x, y, g->window_w, g->window_y + g->window_h - y, R_ADDRESS, 0, rcp->str);
	g_string_free(rcp, TRUE);
	p->y = g->letter_top;
	if ((s = T(p, "letter", "place_date")) != NULL)
		p->y += text(p, x, p->y, w, R_BODY, F_RIGHT, s) + g->par_gap;
	flow(p, x, w, R_LETTER_TITLE, F_BOLD, T(p, "letter", "title"));
	p->y += 1;
	if ((s = T(p, "letter", "reference")) != NULL) {
		flow(p, x, w, R_BODY, F_BOLD, s);
	}
	p->y += g->par_gap;
	s = es_render_tmpl_text(p->te->t, "letter", "breakdown_after");
	after = s != NULL ? g_ascii_strtod(s, NULL) : -1;
	for (i = 1; i < 100; i++) {
		snprintf(key, sizeof key, "text%d", i);
		if ((s = T(p, "letter", key)) == NULL)
			break;
		flow(p, x, w, R_BODY, 0, s);
		p->y += g->par_gap;
		if ((int)after == i)
			breakdown(p, x, w);
	}
	if ((s = T(p, "letter", "legal")) != NULL) {
		flow(p, x, w, R_SMALL, F_GREY, s);
		p->y += g->par_gap;
	}
	if ((s = T(p, "letter", "signature")) != NULL)
		flow(p, x + w / 2, w / 2, R_BODY, F_CENTER, s);
	end_page(p);
}

/* ---- the notice ---- */

static es_rc
render(page *p)
{
	const es_render_notice *n = p->n;
	const es_ente *e = p->d->ente;
	es_render_layout layout = es_render_layout_for(n->nrate, (size_t)p->g->many_threshold);
	bool postal = e->postal_account != NULL && *e->postal_account != '\0';
	size_t i, first_rate = n->has_single ? 1 : 0;

	p->pages = 0;
	p->page_open = false;
	letter(p);
	new_avviso_page(p);
	info_boxes(p);
	amount_band(p);
	data_title(p);
	if (layout == ES_RENDER_LAYOUT_SINGLE) {
		for (i = 0; i < n->ninst; i++)
			single_block(p, i);
	} else {
		if (n->has_single) {
			single_block(p, 0);
			if (postal)
				slip(p, 0);
		}
		if (layout == ES_RENDER_LAYOUT_MANY)
			many_rates(p, first_rate);
		else
			grouped_rates(p, first_rate);
	}
	if (postal)
		for (i = layout == ES_RENDER_LAYOUT_SINGLE ? 0 : first_rate; i < n->ninst; i++)
			slip(p, i);
	end_page(p);
	return p->rc;
}

es_rc
es_render_notice_draw(es_render_doc *d, const es_render_notice *n, es_render_result *res, es_err *err)
{
	page p;
	tmpl_entry *te;
	const es_ente *e = d->ente;
	bool postal = e->postal_account != NULL && *e->postal_account != '\0';
	size_t i;
	es_rc rc;

	if (d->cr == NULL)
		return es_err_set(err, ES_EINTERNAL, "es_render_notice_draw: no open document");
	if ((te = doc_template(d, n->act_type, err)) == NULL) {
		if (err == NULL)
			return ES_EDATA;
		if (err->rc == ES_EDATA)
			es_err_prefix(err, "notice %s", n->notice_id);
		return err->rc;
	}
	memset(&p, 0, sizeof p);
	p.d = d;
	p.n = n;
	p.te = te;
	p.g = &te->g;
	p.err = err;
	p.strings = g_ptr_array_new_with_free_func(g_free);
	p.qr = g_new0(qr_buf, n->ninst);
	p.dm = g_new0(dm_buf, n->ninst);
	/* 1. the payloads */
	for (i = 0; i < n->ninst && p.rc == ES_OK; i++) {
		const es_render_inst *in = &n->inst[i];
		es_err e2;

		if ((rc = es_nav_qr_payload(in->nav, e->tax_code, in->amount, p.qr[i], &e2)) != ES_OK ||
		    (postal && (rc = es_nav_datamatrix_payload(in->nav, e->postal_account, in->amount, e->tax_code,
		                                               n->tax_code, n->name, n->subject, p.dm[i], &e2)) != ES_OK)) {
			p.rc = rc;
			es_err_set(err, rc, "notice %s, installment %d: %s", n->notice_id, in->number, e2.msg);
		}
	}
	/* 2. a dry run: every text expanded, nothing drawn */
	if (p.rc == ES_OK) {
		render(&p);
		if (p.rc == ES_EDATA || p.rc == ES_ECONFIG)
			es_err_prefix(err, "notice %s", n->notice_id);
	}
	/* 3. the pages */
	if (p.rc == ES_OK) {
		p.cr = d->cr;
		render(&p);
		if (p.rc == ES_OK && cairo_status(d->cr) != CAIRO_STATUS_SUCCESS) {
			p.rc = ES_EIO;
			es_err_set(err, ES_EIO, "PDF: %s", cairo_status_to_string(cairo_status(d->cr)));
		}
		if (p.rc == ES_OK && d->wrc != ES_OK) {
			p.rc = d->wrc;
			if (err != NULL)
				*err = d->werr;
		}
	}
	if (res != NULL) {
		res->pages = p.rc == ES_OK ? p.pages : 0;
		res->layout = es_render_layout_for(n->nrate, (size_t)te->g.many_threshold);
		res->template_name = es_render_tmpl_name(te->t);
	}
	g_free(p.qr);
	g_free(p.dm);
	g_ptr_array_free(p.strings, TRUE);
	return p.rc;
}
