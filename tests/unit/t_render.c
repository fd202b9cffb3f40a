/* t_render.c: lib/render/: templates, placeholders, grouping the notices
 * stream, layout decisions, text fitting of the longest fields, and page
 * counts of rendered notices.  Fixtures: testdata/notices/ ($TESTDATA);
 * templates: data/templates/ ($ESATTORE_DATADIR).  The barcodes are read
 * back from rendered pages by the golden tests
 * (tests/cli/render-notices.golden/decode-*.t). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include <glib.h>
#include <cairo.h>

#include "render/render.h"
#include "ente.h"
#include "io/stream.h"

static char *
fixture(const char *name)
{
	const char *dir = getenv("TESTDATA");
	static char buf[4][1024];
	static int k;
	char *b = buf[k++ % 4];

	snprintf(b, sizeof buf[0], "%s/notices/%s", dir != NULL ? dir : "testdata", name);
	return b;
}

/* A scratch file with the given content; the caller unlinks it. */
static char *
scratch(const char *content)
{
	static char path[64];
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "/tmp/t_render.XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(content, f);
	fclose(f);
	return path;
}

/* ---- templates ---- */

START_TEST(tmpl_base_and_lang)
{
	es_render_tmpl *t;
	es_err err;
	double v;

	t = es_render_tmpl_load("accertamento", "de", &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	/* [letter] is the act's own, [text] comes from the base pagopa.tmpl,
	 * in German where translated, else the plain (Italian) key */
	ck_assert_str_eq(es_render_tmpl_text(t, "letter", "title"), "Avviso di accertamento esecutivo");
	ck_assert_str_eq(es_render_tmpl_text(t, "text", "title"), "Zahlungsmitteilung");
	ck_assert_str_eq(es_render_tmpl_text(t, "text", "slip_type"), "P1");
	ck_assert_ptr_null(es_render_tmpl_text(t, "text", "no_such_key"));
	ck_assert_int_eq(es_render_tmpl_num(t, "layout", "qr_mm", 0, &v, &err), ES_OK);
	ck_assert(v == 25.0);
	ck_assert_int_eq(es_render_tmpl_num(t, "layout", "no_such_key", 7.5, &v, &err), ES_OK);
	ck_assert(v == 7.5);
	ck_assert_int_eq(es_render_tmpl_num(t, "text", "title", 0, &v, &err), ES_ECONFIG);
	es_render_tmpl_free(t);
	/* "\s" keeps the spaces of the separator */
	t = es_render_tmpl_load("bill", NULL, &err);
	ck_assert_str_eq(es_render_tmpl_text(t, "text", "info_separator"), " · ");
	ck_assert_str_eq(es_render_tmpl_text(t, "text", "title"), "Avviso di pagamento");
	es_render_tmpl_free(t);
}
END_TEST

START_TEST(tmpl_errors)
{
	es_render_tmpl *t;
	char *path;
	es_err err;

	ck_assert_ptr_null(es_render_tmpl_load("no-such-template", NULL, &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_null(es_render_tmpl_load("../etc", NULL, &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	/* a base chain that loops is stopped */
	path = scratch("[template]\nbase=/tmp/does-not-matter\n");
	{
		char content[256];
		FILE *f;

		snprintf(content, sizeof content, "[template]\nbase=%s\n", path);
		f = fopen(path, "w");
		fputs(content, f);
		fclose(f);
	}
	t = es_render_tmpl_load(path, NULL, &err);
	ck_assert_ptr_null(t);
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_msg(strstr(err.msg, "levels") != NULL, "%s", err.msg);
	unlink(path);
}
END_TEST

static const char *
test_lookup(void *ctx, const char *name, const char *fmt, char *buf, size_t bufsz)
{
	if (strcmp(name, "name") == 0)
		return "Rossi";
	if (strcmp(name, "n") == 0) {
		snprintf(buf, bufsz, "%s", fmt != NULL ? fmt : "6");
		return buf;
	}
	if (strcmp(name, "empty") == 0)
		return "";
	return NULL;
}

START_TEST(expand)
{
	char *out;
	es_err err;

	ck_assert_int_eq(es_render_expand("Gentile {name}, {n} rate", test_lookup, NULL, &out, &err), ES_OK);
	ck_assert_str_eq(out, "Gentile Rossi, 6 rate");
	free(out);
	ck_assert_int_eq(es_render_expand("{n|money} {{lit}}", test_lookup, NULL, &out, &err), ES_OK);
	ck_assert_str_eq(out, "money {lit}");
	free(out);
	ck_assert_int_eq(es_render_expand("x {missing} y", test_lookup, NULL, &out, &err), ES_EDATA);
	ck_assert_ptr_null(out);
	ck_assert_msg(strstr(err.msg, "'missing'") != NULL, "%s", err.msg);
	ck_assert_int_eq(es_render_expand("x {name", test_lookup, NULL, &out, &err), ES_ECONFIG);
	/* Alternatives: the first with a value; a missing or empty one is
	 * passed over; the format applies to each. */
	ck_assert_int_eq(es_render_expand("{missing,name}|{empty,n}|{missing,n|money}", test_lookup, NULL, &out,
	                                  &err), ES_OK);
	ck_assert_str_eq(out, "Rossi|6|money");
	free(out);
	/* All present ones empty: empty; none present: the notice is rejected. */
	ck_assert_int_eq(es_render_expand("[{missing,empty}]", test_lookup, NULL, &out, &err), ES_OK);
	ck_assert_str_eq(out, "[]");
	free(out);
	ck_assert_int_eq(es_render_expand("{missing,other}", test_lookup, NULL, &out, &err), ES_EDATA);
	ck_assert_msg(strstr(err.msg, "'missing,other'") != NULL, "%s", err.msg);
}
END_TEST

/* ---- layout decisions ---- */

START_TEST(group_rows)
{
	/* rows of 3, the rest in rows of 2 (pagopa.md §3.4): n = 3a + 2b */
	static const struct { size_t n; int rows[4]; size_t k; } cases[] = {
		{ 1, { 1 }, 1 },
		{ 2, { 2 }, 1 },
		{ 3, { 3 }, 1 },
		{ 4, { 2, 2 }, 2 },        /* 4 = 2 + 2 (3 + 1 would leave a single) */
		{ 5, { 3, 2 }, 2 },
		{ 6, { 3, 3 }, 2 },
		{ 7, { 3, 2, 2 }, 3 },     /* 7 = 3 + 2 + 2 */
		{ 8, { 3, 3, 2 }, 3 },
	};
	size_t i, j;
	int sizes[8];

	ck_assert_uint_eq(es_render_group_rows(0, sizes, 8), 0);
	for (i = 0; i < ES_ARRAY_LEN(cases); i++) {
		size_t k = es_render_group_rows(cases[i].n, sizes, 8);

		ck_assert_uint_eq(k, cases[i].k);
		for (j = 0; j < k; j++)
			ck_assert_int_eq(sizes[j], cases[i].rows[j]);
	}
}
END_TEST

START_TEST(layout_for)
{
	/* the guide: the many-installments template from 9 installments on */
	ck_assert_int_eq(es_render_layout_for(0, 9), ES_RENDER_LAYOUT_SINGLE);
	ck_assert_int_eq(es_render_layout_for(1, 9), ES_RENDER_LAYOUT_SINGLE);
	ck_assert_int_eq(es_render_layout_for(2, 9), ES_RENDER_LAYOUT_GROUPED);
	ck_assert_int_eq(es_render_layout_for(8, 9), ES_RENDER_LAYOUT_GROUPED);
	ck_assert_int_eq(es_render_layout_for(9, 9), ES_RENDER_LAYOUT_MANY);
	ck_assert_int_eq(es_render_layout_for(72, 9), ES_RENDER_LAYOUT_MANY);
	ck_assert_str_eq(es_render_layout_name(ES_RENDER_LAYOUT_MANY), "many-installments");
}
END_TEST

START_TEST(address_lines)
{
	char *l[4];
	size_t k, i;

	k = es_render_address_lines("Via Roma 1, 20121 Milano (MI)", 44, l, 4);
	ck_assert_uint_eq(k, 2);
	ck_assert_str_eq(l[0], "Via Roma 1");
	ck_assert_str_eq(l[1], "20121 Milano (MI)");
	for (i = 0; i < k; i++)
		free(l[i]);
	/* a piece longer than 20 characters is wrapped at a space:
	 * "Strada Provinciale" (18) | "della Valle" (11) */
	k = es_render_address_lines("Strada Provinciale della Valle, 46040 Goito", 20, l, 4);
	ck_assert_uint_eq(k, 3);
	ck_assert_str_eq(l[0], "Strada Provinciale");
	ck_assert_str_eq(l[1], "della Valle");
	ck_assert_str_eq(l[2], "46040 Goito");
	for (i = 0; i < k; i++)
		free(l[i]);
	/* at most 2 lines: the rest joins the last line */
	k = es_render_address_lines("A 1, B 2, C 3", 44, l, 2);
	ck_assert_uint_eq(k, 2);
	ck_assert_str_eq(l[0], "A 1");
	ck_assert_str_eq(l[1], "B 2, C 3");
	for (i = 0; i < k; i++)
		free(l[i]);
}
END_TEST

/* ---- the notices stream ---- */

START_TEST(reader_six)
{
	const es_render_notice *n;
	es_render_reader *r;
	es_err err;

	r = es_render_reader_open(fixture("six.csv"), NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(es_render_reader_next(r, &n, &err), ES_OK);
	ck_assert_str_eq(n->notice_id, "N0006");
	ck_assert_uint_eq(n->ninst, 7);
	ck_assert(n->has_single);
	ck_assert_uint_eq(n->nrate, 6);
	/* the rata unica: 250.00 by 30/04/2026; 6 installments 41.67 x 4 + 41.66 x 2 = 250.00 */
	ck_assert_int_eq(n->total, 25000);
	ck_assert_int_eq(n->inst[0].number, 0);
	ck_assert_str_eq(n->inst[0].nav, "301000000000100020");  /* 3010000000001000 mod 93 = 20 */
	ck_assert_int_eq(n->inst[6].number, 6);
	ck_assert_int_eq(n->inst[6].amount, 4166);
	ck_assert_uint_eq(n->nrows, 7);
	ck_assert_int_eq(es_render_reader_next(r, &n, &err), ES_EOF);
	es_render_reader_close(r);
}
END_TEST

START_TEST(reader_bad)
{
	static const struct { const char *id; const char *msg; size_t rows; } want[] = {
		{ "B0001", "notice_number", 1 },
		{ "B0002", "installment 2 is missing", 2 },
		{ "B0003", "name differs", 2 },
		{ "B0004", "due_date", 1 },
		{ "B0005", "amount: must be positive", 1 },
	};
	const es_render_notice *n;
	es_render_reader *r;
	es_err err;
	size_t i;

	r = es_render_reader_open(fixture("bad.csv"), NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	for (i = 0; i < ES_ARRAY_LEN(want); i++) {
		ck_assert_int_eq(es_render_reader_next(r, &n, &err), ES_EDATA);
		ck_assert_str_eq(n->notice_id, want[i].id);
		ck_assert_uint_eq(n->nrows, want[i].rows);
		ck_assert_msg(strstr(err.msg, want[i].msg) != NULL, "%s: %s", want[i].id, err.msg);
	}
	/* B0006 (no template for its act type) is good as data */
	ck_assert_int_eq(es_render_reader_next(r, &n, &err), ES_OK);
	ck_assert_str_eq(n->act_type, "verbale");
	ck_assert_int_eq(es_render_reader_next(r, &n, &err), ES_OK);
	ck_assert_str_eq(n->notice_id, "G0001");
	/* B0002 again, after other notices */
	ck_assert_int_eq(es_render_reader_next(r, &n, &err), ES_EDATA);
	ck_assert_msg(strstr(err.msg, "consecutive") != NULL, "%s", err.msg);
	ck_assert_int_eq(es_render_reader_next(r, &n, &err), ES_EOF);
	es_render_reader_close(r);
}
END_TEST

START_TEST(reader_limits)
{
	static const char hdr[] =
		"notice_id,act_type,tax_code,name,address,subject_text,installment,notice_number,amount,due_date\n";
	const es_render_notice *n;
	es_render_reader *r;
	char buf[1024], name[80];
	char *path;
	es_err err;

	/* 71 characters, one more than the guide's 70 (3.1+); "à" is one
	 * character of two bytes */
	memset(name, 'a', 70);
	memcpy(name, "\xc3\xa0", 2);   /* "à" + 68 'a' = 69 characters */
	name[70] = 'b';
	name[71] = 'c';
	name[72] = '\0';               /* 71 characters */
	snprintf(buf, sizeof buf, "%sX1,bill,,%s,Via Roma 1,TARI,0,301000000000012373,1.00,2026-01-31\n", hdr, name);
	path = scratch(buf);
	r = es_render_reader_open(path, NULL, &err);
	ck_assert_int_eq(es_render_reader_next(r, &n, &err), ES_EDATA);
	ck_assert_msg(strstr(err.msg, "name: 71 characters") != NULL, "%s", err.msg);
	es_render_reader_close(r);
	unlink(path);
	/* a required column missing */
	path = scratch("notice_id,name\nX,Y\n");
	ck_assert_ptr_null(es_render_reader_open(path, NULL, &err));
	ck_assert_int_eq(err.rc, ES_EDATA);
	unlink(path);
}
END_TEST

/* ---- the document ---- */

static es_ente *
test_ente(const char *name)
{
	es_err err;
	es_ente *e = es_ente_load(fixture(name), &err);

	ck_assert_msg(e != NULL, "%s", err.msg);
	return e;
}

/* The longest recipient the guide allows (70-character name, 140-character
 * address) fits its boxes on the first page without overflow: measured with
 * pango in the template's fonts and box sizes. */
START_TEST(fit_longest_fields)
{
	static const char name70[] = "Società Cooperativa Agricola fra Produttori Ortofrutticoli della Bassa";
	static const char addr140[] =
		"Strada Provinciale della Valle del Po e delle Colline Moreniche km 12,400, Cascina Sant'Ambrogio "
		"Superiore, 46040 Castiglione delle Stiviere";
	char wide_name[71], wide_addr[141];
	es_ente *e = test_ente("ente.ini");
	es_render_doc *d;
	const es_render_tmpl *t;
	es_render_fit fit;
	double pw, m, gap, col, name_h, addr_h, min_name, min_addr;
	es_err err;

	d = es_render_doc_new(e, NULL, &err);
	ck_assert_msg(d != NULL, "%s", err.msg);
	t = es_render_doc_template(d, "bill", &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	es_render_tmpl_num(t, "layout", "page_w", 0, &pw, &err);
	es_render_tmpl_num(t, "layout", "margin", 0, &m, &err);
	es_render_tmpl_num(t, "layout", "gap", 0, &gap, &err);
	es_render_tmpl_num(t, "layout", "info_name_h", 0, &name_h, &err);
	es_render_tmpl_num(t, "layout", "info_address_h", 0, &addr_h, &err);
	es_render_tmpl_num(t, "layout", "min_size_name", 0, &min_name, &err);
	es_render_tmpl_num(t, "layout", "min_size_address", 0, &min_addr, &err);
	col = (pw - 2 * m - gap) / 2;      /* (210 - 20 - 6) / 2 = 92 mm */
	ck_assert(col > 91.9 && col < 92.1);
	ck_assert_uint_eq(g_utf8_strlen(name70, -1), 70);
	ck_assert_uint_eq(strlen(addr140), 140);

	ck_assert_int_eq(es_render_fit_text(d, t, "name", name70, col, name_h, &fit, &err), ES_OK);
	ck_assert_msg(fit.fits, "name: %d lines, %.1f mm high in %.1f mm", fit.lines, fit.height_mm, name_h);
	ck_assert(fit.height_mm <= name_h);
	ck_assert(fit.width_mm <= col);
	ck_assert(fit.size_pt >= min_name);

	ck_assert_int_eq(es_render_fit_text(d, t, "address", addr140, col, addr_h, &fit, &err), ES_OK);
	ck_assert_msg(fit.fits, "address: %d lines, %.1f mm high in %.1f mm", fit.lines, fit.height_mm, addr_h);
	ck_assert(fit.height_mm <= addr_h);
	ck_assert(fit.width_mm <= col);
	/* the nominal size is kept for a real 140-character address */
	ck_assert(fit.size_pt == 9.0);

	/* the worst case: the widest letter, W, repeated to the limits, still
	 * fits (at a smaller size, never below the minimum) */
	memset(wide_name, 'W', 70);
	wide_name[70] = '\0';
	memset(wide_addr, 'W', 140);
	wide_addr[140] = '\0';
	ck_assert_int_eq(es_render_fit_text(d, t, "name", wide_name, col, name_h, &fit, &err), ES_OK);
	ck_assert_msg(fit.fits, "WWW name: %.1f mm at %.1f pt", fit.height_mm, fit.size_pt);
	ck_assert(fit.width_mm <= col && fit.size_pt >= min_name);
	ck_assert_int_eq(es_render_fit_text(d, t, "address", wide_addr, col, addr_h, &fit, &err), ES_OK);
	ck_assert_msg(fit.fits, "WWW address: %.1f mm at %.1f pt", fit.height_mm, fit.size_pt);
	ck_assert(fit.width_mm <= col && fit.size_pt >= min_addr);

	es_render_doc_free(d);
	es_ente_free(e);
}
END_TEST

/* Render the first notice of a fixture; the result. */
static es_rc
render_fixture(const char *ente_file, const char *csv, const char *tmpl, es_render_result *res, es_err *err)
{
	es_render_doc_opts o = { .template_name = tmpl, .lang = "it" };
	es_ente *e = test_ente(ente_file);
	const es_render_notice *n;
	es_render_reader *r;
	es_render_doc *d;
	es_out *out;
	char path[] = "/tmp/t_render_pdf.XXXXXX";
	static char tname[64];
	es_rc rc;
	int fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	d = es_render_doc_new(e, &o, err);
	ck_assert_msg(d != NULL, "%s", err->msg);
	r = es_render_reader_open(fixture(csv), NULL, err);
	ck_assert_msg(r != NULL, "%s", err->msg);
	ck_assert_int_eq(es_render_reader_next(r, &n, err), ES_OK);
	out = es_out_open(path, err);
	ck_assert_int_eq(es_render_doc_begin(d, out, err), ES_OK);
	rc = es_render_notice_draw(d, n, res, err);
	/* the name belongs to the document, freed below */
	snprintf(tname, sizeof tname, "%s", res->template_name);
	res->template_name = tname;
	ck_assert_int_eq(es_render_doc_end(d, NULL), ES_OK);
	ck_assert_int_eq(es_out_close(out, NULL), ES_OK);
	es_render_reader_close(r);
	es_render_doc_free(d);
	es_ente_free(e);
	unlink(path);
	return rc;
}

START_TEST(pages_and_layouts)
{
	es_render_result res;
	es_err err;

	/* no postal account: the rata unica alone fits page 1 */
	ck_assert_int_eq(render_fixture("ente-nopostal.ini", "single.csv", NULL, &res, &err), ES_OK);
	ck_assert_int_eq(res.pages, 1);
	ck_assert_int_eq(res.layout, ES_RENDER_LAYOUT_SINGLE);
	ck_assert_str_eq(res.template_name, "bill");
	/* with the postal account, the slip follows on page 1 */
	ck_assert_int_eq(render_fixture("ente.ini", "single.csv", NULL, &res, &err), ES_OK);
	ck_assert_int_eq(res.pages, 1);
	/* 6 installments and a rata unica: grouped in rows of 3 + 3 */
	ck_assert_int_eq(render_fixture("ente-nopostal.ini", "six.csv", NULL, &res, &err), ES_OK);
	ck_assert_int_eq(res.layout, ES_RENDER_LAYOUT_GROUPED);
	ck_assert_int_eq(res.pages, 2);
	/* 9 installments: the many-installments grid; the rateizzazione act
	 * adds its letter page before the avviso */
	ck_assert_int_eq(render_fixture("ente-nopostal.ini", "nine.csv", NULL, &res, &err), ES_OK);
	ck_assert_int_eq(res.layout, ES_RENDER_LAYOUT_MANY);
	ck_assert_str_eq(res.template_name, "rateizzazione");
	ck_assert_int_eq(res.pages, 3);
	/* the accertamento template needs the breakdown columns the bill's
	 * input does not have: the notice is rejected, nothing drawn */
	ck_assert_int_eq(render_fixture("ente-nopostal.ini", "single.csv", "accertamento", &res, &err), ES_EDATA);
	ck_assert_msg(strstr(err.msg, "'tax'") != NULL || strstr(err.msg, "'tax_due'") != NULL, "%s", err.msg);
	ck_assert_int_eq(res.pages, 0);
}
END_TEST


/* The ente's logo: a PNG is drawn (top right of every avviso page and of
 * the act); anything else is a configuration error, found at start. */
START_TEST(logo)
{
	char png[] = "/tmp/t_render_logo.XXXXXX";
	char path[64];
	cairo_surface_t *s;
	cairo_t *cr;
	es_ente e;
	es_render_doc *d;
	es_err err;
	int fd;

	fd = mkstemp(png);
	ck_assert_int_ge(fd, 0);
	close(fd);
	snprintf(path, sizeof path, "%s.png", png);
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 60, 30);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0.8, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	ck_assert_int_eq(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	memset(&e, 0, sizeof e);
	e.name = (char *)"Comune di Esempio";
	e.tax_code = (char *)"01199250158";
	e.path = (char *)"test.ini";
	e.logo = path;
	d = es_render_doc_new(&e, NULL, &err);
	ck_assert_msg(d != NULL, "%s", err.msg);
	es_render_doc_free(d);
	e.logo = (char *)"/nonexistent/logo.png";
	ck_assert_ptr_null(es_render_doc_new(&e, NULL, &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	e.logo = (char *)"logo.svg";
	ck_assert_ptr_null(es_render_doc_new(&e, NULL, &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_msg(strstr(err.msg, "only PNG") != NULL, "%s", err.msg);
	unlink(path);
	unlink(png);
}
END_TEST

Suite *make_suite_render(void);

Suite *
make_suite_render(void)
{
	Suite *s = suite_create("render");
	TCase *tc;

	tc = tcase_create("template");
	tcase_add_test(tc, tmpl_base_and_lang);
	tcase_add_test(tc, tmpl_errors);
	tcase_add_test(tc, expand);
	suite_add_tcase(s, tc);
	tc = tcase_create("layout");
	tcase_add_test(tc, group_rows);
	tcase_add_test(tc, layout_for);
	tcase_add_test(tc, address_lines);
	suite_add_tcase(s, tc);
	tc = tcase_create("reader");
	tcase_add_test(tc, reader_six);
	tcase_add_test(tc, reader_bad);
	tcase_add_test(tc, reader_limits);
	suite_add_tcase(s, tc);
	tc = tcase_create("document");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, fit_longest_fields);
	tcase_add_test(tc, pages_and_layouts);
	tcase_add_test(tc, logo);
	suite_add_tcase(s, tc);
	return s;
}
