/* textpdf.c: preformatted text as a paginated PDF (cairo + pango). */
#include "es_setup.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "render/textpdf.h"

/* A4 landscape in points; margins and type size. */
#define PAGE_W 841.89
#define PAGE_H 595.28
#define MARGIN 36.0
#define FONT "DejaVu Sans Mono 8"
#define TITLE_FONT "DejaVu Sans Bold 10"

typedef struct sink {
	es_out *out;
	es_err *err;
	es_rc rc;
} sink;

static cairo_status_t
write_cb(void *closure, const unsigned char *data, unsigned int length)
{
	sink *s = closure;

	if (s->rc != ES_OK)
		return CAIRO_STATUS_WRITE_ERROR;
	if ((s->rc = es_out_write(s->out, data, length, s->err)) != ES_OK)
		return CAIRO_STATUS_WRITE_ERROR;
	return CAIRO_STATUS_SUCCESS;
}

/* Height in points of one line of the body font. */
static double
line_height(PangoLayout *l)
{
	int w, h;

	pango_layout_set_text(l, "Xg", -1);
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void
header(cairo_t *cr, PangoLayout *tl, const char *title, int page, int pages)
{
	char num[48];
	int w, h;

	cairo_move_to(cr, MARGIN, MARGIN - 20);
	pango_layout_set_text(tl, title, -1);
	pango_cairo_show_layout(cr, tl);
	snprintf(num, sizeof num, "%d / %d", page, pages);
	pango_layout_set_text(tl, num, -1);
	pango_layout_get_size(tl, &w, &h);
	cairo_move_to(cr, PAGE_W - MARGIN - (double)w / PANGO_SCALE, MARGIN - 20);
	pango_cairo_show_layout(cr, tl);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, MARGIN, MARGIN - 4);
	cairo_line_to(cr, PAGE_W - MARGIN, MARGIN - 4);
	cairo_stroke(cr);
}

es_rc
es_textpdf_write(es_out *out, const char *title, const char *text, es_err *err)
{
	sink s = { out, err, ES_OK };
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoFontMap *fm;
	PangoContext *pc;
	PangoLayout *body, *tl;
	PangoFontDescription *fd, *tfd;
	double lh, avail = PAGE_H - 2 * MARGIN;
	GPtrArray *lines;
	gchar **split;
	size_t i, per_page, pages;
	int page;
	es_rc rc = ES_OK;

	surf = cairo_pdf_surface_create_for_stream(write_cb, &s, PAGE_W, PAGE_H);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return s.rc != ES_OK ? s.rc : es_err_set(err, ES_EINTERNAL, "cairo: cannot create the PDF");
	}
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "esattore");
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, "");
#endif
	cr = cairo_create(surf);
	/* A private font map, released at the end: the default one lives (with
	 * fontconfig's patterns) until exit and shows as a leak. */
	fm = pango_cairo_font_map_new();
	pc = pango_font_map_create_context(fm);
	pango_cairo_update_context(cr, pc);
	/* PDF user units are points: type sizes in points, not at 96 dpi */
	pango_cairo_context_set_resolution(pc, 72);
	body = pango_layout_new(pc);
	tl = pango_layout_new(pc);
	fd = pango_font_description_from_string(FONT);
	tfd = pango_font_description_from_string(TITLE_FONT);
	pango_layout_set_font_description(body, fd);
	pango_layout_set_font_description(tl, tfd);
	pango_layout_set_width(body, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
	pango_layout_set_wrap(body, PANGO_WRAP_CHAR);
	lh = line_height(body);
	/* Lines, each measured: a wrapped line takes several. */
	split = g_strsplit(text, "\n", -1);
	lines = g_ptr_array_new();
	for (i = 0; split[i] != NULL; i++)
		if (split[i + 1] != NULL || split[i][0] != '\0')
			g_ptr_array_add(lines, split[i]);
	per_page = lh > 0 ? (size_t)(avail / lh) : 1;
	if (per_page == 0)
		per_page = 1;
	/* Count pages with the wrapped heights. */
	{
		size_t used = 0;

		pages = 1;
		for (i = 0; i < lines->len; i++) {
			size_t n;

			pango_layout_set_text(body, g_ptr_array_index(lines, i), -1);
			n = (size_t)pango_layout_get_line_count(body);
			if (used + n > per_page && used > 0) {
				pages++;
				used = 0;
			}
			used += n;
		}
	}
	page = 1;
	header(cr, tl, title, page, (int)pages);
	{
		double y = MARGIN;

		for (i = 0; i < lines->len; i++) {
			const char *ln = g_ptr_array_index(lines, i);
			int n;

			pango_layout_set_text(body, ln, -1);
			n = pango_layout_get_line_count(body);
			if (y + n * lh > PAGE_H - MARGIN + 0.01 && y > MARGIN) {
				cairo_show_page(cr);
				page++;
				header(cr, tl, title, page, (int)pages);
				y = MARGIN;
			}
			cairo_move_to(cr, MARGIN, y);
			pango_cairo_show_layout(cr, body);
			y += n * lh;
		}
	}
	cairo_show_page(cr);
	g_ptr_array_free(lines, TRUE);
	g_strfreev(split);
	pango_font_description_free(fd);
	pango_font_description_free(tfd);
	g_object_unref(body);
	g_object_unref(tl);
	g_object_unref(pc);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (s.rc == ES_OK && cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		rc = es_err_set(err, ES_EIO, "cairo: %s", cairo_status_to_string(cairo_surface_status(surf)));
	cairo_surface_destroy(surf);
	return s.rc != ES_OK ? s.rc : rc;
}
