/* html.c: a self-contained HTML page with tables and inline SVG charts. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/html.h"

struct es_html {
	es_out *out;
	unsigned charts;
};

/* Chart geometry, in SVG user units. */
#define CW 720          /* width */
#define CH 260          /* height */
#define ML 60           /* left margin (axis labels) */
#define MR 20
#define MT 20
#define MB 60           /* bottom margin (x labels, legend) */

static const char *const palette[] = { "#1f5f99", "#d9822b", "#3a8f3a", "#a33b3b", "#6f4fa0", "#7a6a4f" };

static const char style[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222;background:#fff}"
	"h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}"
	"p.sub{color:#555;margin-top:0}"
	"table{border-collapse:collapse;margin:1em 0;font-size:.9em}"
	"caption{text-align:left;font-weight:bold;padding:.3em 0}"
	"th,td{border:1px solid #bbb;padding:.25em .6em;white-space:nowrap}th{background:#e8eef5;text-align:left}"
	"td.r{text-align:right;font-variant-numeric:tabular-nums}tr:nth-child(even) td{background:#f6f8fa}"
	"figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}"
	"svg text{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11px;fill:#222}"
	"@media print{body{margin:0}}";

es_rc
es_html_escape(es_out *out, const char *s, es_err *err)
{
	const char *p = s, *run = s;
	es_rc rc;

	for (; *p != '\0'; p++) {
		const char *rep;

		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		if (p > run && (rc = es_out_write(out, run, (size_t)(p - run), err)) != ES_OK)
			return rc;
		if ((rc = es_out_puts(out, rep, err)) != ES_OK)
			return rc;
		run = p + 1;
	}
	if (p > run)
		return es_out_write(out, run, (size_t)(p - run), err);
	return ES_OK;
}

/* "<tag>escaped</tag>" */
static es_rc
element(es_out *out, const char *open, const char *text, const char *close, es_err *err)
{
	es_rc rc;

	if ((rc = es_out_puts(out, open, err)) != ES_OK || (rc = es_html_escape(out, text, err)) != ES_OK)
		return rc;
	return es_out_puts(out, close, err);
}

es_html *
es_html_begin(es_out *out, const char *title, const char *subtitle, es_err *err)
{
	es_html *h = calloc(1, sizeof *h);

	if (h == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	h->out = out;
	if (es_out_puts(out, "<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n", err) != ES_OK ||
	    es_out_puts(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", err) != ES_OK ||
	    element(out, "<title>", title, "</title>\n", err) != ES_OK ||
	    es_out_printf(out, err, "<style>%s</style>\n</head>\n<body>\n", style) != ES_OK ||
	    element(out, "<h1>", title, "</h1>\n", err) != ES_OK ||
	    (subtitle != NULL && element(out, "<p class=\"sub\">", subtitle, "</p>\n", err) != ES_OK)) {
		free(h);
		return NULL;
	}
	return h;
}

es_rc
es_html_end(es_html *h, es_err *err)
{
	es_rc rc = es_out_puts(h->out, "</body>\n</html>\n", err);

	free(h);
	return rc;
}

void
es_html_free(es_html *h)
{
	free(h);
}

es_rc
es_html_heading(es_html *h, const char *text, es_err *err)
{
	return element(h->out, "<h2>", text, "</h2>\n", err);
}

es_rc
es_html_paragraph(es_html *h, const char *text, es_err *err)
{
	return element(h->out, "<p>", text, "</p>\n", err);
}

es_rc
es_html_table(es_html *h, const char *caption, size_t ncols, const char *const *cols, const es_html_align *align,
              size_t nrows, const char *const *cells, es_err *err)
{
	es_out *o = h->out;
	size_t i, j;
	es_rc rc;

	if ((rc = es_out_puts(o, "<table>\n", err)) != ES_OK)
		return rc;
	if (caption != NULL && (rc = element(o, "<caption>", caption, "</caption>\n", err)) != ES_OK)
		return rc;
	if ((rc = es_out_puts(o, "<thead><tr>", err)) != ES_OK)
		return rc;
	for (j = 0; j < ncols; j++)
		if ((rc = element(o, "<th scope=\"col\">", cols[j], "</th>", err)) != ES_OK)
			return rc;
	if ((rc = es_out_puts(o, "</tr></thead>\n<tbody>\n", err)) != ES_OK)
		return rc;
	for (i = 0; i < nrows; i++) {
		if ((rc = es_out_puts(o, "<tr>", err)) != ES_OK)
			return rc;
		for (j = 0; j < ncols; j++) {
			const char *td = align != NULL && align[j] == ES_HTML_RIGHT ? "<td class=\"r\">" : "<td>";

			if ((rc = element(o, td, cells[i * ncols + j], "</td>", err)) != ES_OK)
				return rc;
		}
		if ((rc = es_out_puts(o, "</tr>\n", err)) != ES_OK)
			return rc;
	}
	return es_out_puts(o, "</tbody>\n</table>\n", err);
}

static es_rc
svg_begin(es_html *h, const char *title, es_err *err)
{
	es_rc rc;

	h->charts++;
	if ((rc = element(h->out, "<figure>\n<figcaption>", title, "</figcaption>\n", err)) != ES_OK)
		return rc;
	if ((rc = es_out_printf(h->out, err,
	                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	                        "viewBox=\"0 0 %d %d\" role=\"img\">\n",
	                        CW, CH, CW, CH)) != ES_OK)
		return rc;
	if ((rc = element(h->out, "<title>", title, "</title>\n", err)) != ES_OK)
		return rc;
	return es_out_printf(h->out, err, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fbfcfd\"/>\n",
	                     CW, CH);
}

static es_rc
svg_end(es_html *h, es_err *err)
{
	return es_out_puts(h->out, "</svg>\n</figure>\n", err);
}

/* a text element at (x, y) */
static es_rc
svg_text(es_html *h, int x, int y, const char *anchor, const char *extra, const char *text, es_err *err)
{
	es_rc rc;

	if ((rc = es_out_printf(h->out, err, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\"%s>", x, y, anchor,
	                        extra != NULL ? extra : "")) != ES_OK)
		return rc;
	return element(h->out, "", text, "</text>\n", err);
}

/* y coordinate of value v on an axis from lo (bottom) to hi (top). */
static int
ypos(int64_t v, int64_t lo, int64_t hi)
{
	__int128 span = (__int128)hi - lo;
	int plot = CH - MT - MB;

	if (span <= 0)
		return CH - MB;
	return CH - MB - (int)(((__int128)v - lo) * plot / span);
}

/* The span of a chart's axis: from the least to the greatest of n values
 * (gaps, ES_HTML_NONE, left out) and zero, never empty. */
static void
value_range(const int64_t *values, size_t n, int64_t *lo, int64_t *hi)
{
	size_t i;

	*lo = *hi = 0;
	for (i = 0; i < n; i++) {
		if (values[i] == ES_HTML_NONE)
			continue;
		if (values[i] > *hi)
			*hi = values[i];
		if (values[i] < *lo)
			*lo = values[i];
	}
	if (*hi == *lo)
		*hi = *lo + 1;
}

es_rc
es_html_bar_chart(es_html *h, const char *title, size_t n, const char *const *labels, const int64_t *values,
                  const char *const *value_texts, es_err *err)
{
	int64_t lo, hi;
	int plot_w = CW - ML - MR, slot, zero;
	size_t i;
	es_rc rc;

	value_range(values, n, &lo, &hi);
	if ((rc = svg_begin(h, title, err)) != ES_OK)
		return rc;
	zero = ypos(0, lo, hi);
	if ((rc = es_out_printf(h->out, err,
	                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n"
	                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n",
	                        ML, MT, ML, CH - MB, ML, zero, CW - MR, zero)) != ES_OK)
		return rc;
	slot = n > 0 ? plot_w / (int)n : plot_w;
	for (i = 0; i < n; i++) {
		int x = ML + (int)i * slot + slot / 8, w = slot - slot / 4, y = ypos(values[i], lo, hi);
		int top = y < zero ? y : zero, height = y < zero ? zero - y : y - zero;

		if (w < 1)
			w = 1;
		/* the bar, its label in a tooltip, the value over it */
		if ((rc = es_out_printf(h->out, err,
		                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">", x, top, w,
		                        height, palette[0])) != ES_OK ||
		    (rc = element(h->out, "<title>", labels[i], "</title></rect>\n", err)) != ES_OK ||
		    (rc = svg_text(h, x + w / 2, top - 4, "middle", NULL, value_texts[i], err)) != ES_OK)
			return rc;
		/* the label under the bar, cut to the bar's slot (about 6.5 units
		 * a character at 11px) */
		{
			size_t fit = (size_t)(slot > 13 ? slot * 2 / 13 : 1), len = 0, nbytes = 0;
			const char *p = labels[i];
			char cut[256];

			for (; p[nbytes] != '\0' && nbytes < sizeof cut - 4; nbytes++)
				if (((unsigned char)p[nbytes] & 0xC0) != 0x80 && ++len > fit)
					break;
			if (p[nbytes] != '\0' && fit > 1) {
				/* back up one character for the ellipsis */
				do
					nbytes--;
				while (nbytes > 0 && ((unsigned char)p[nbytes] & 0xC0) == 0x80);
				memcpy(cut, p, nbytes);
				memcpy(cut + nbytes, "\xe2\x80\xa6", 4);
			} else {
				memcpy(cut, p, nbytes);
				cut[nbytes] = '\0';
			}
			if ((rc = svg_text(h, x + w / 2, CH - MB + 14, "middle", NULL, cut, err)) != ES_OK)
				return rc;
		}
	}
	return svg_end(h, err);
}

es_rc
es_html_line_chart(es_html *h, const char *title, size_t npoints, const char *const *xlabels, size_t nseries,
                   const char *const *names, const int64_t *values, const char *ymax_text, es_err *err)
{
	int64_t lo, hi;
	int plot_w = CW - ML - MR;
	size_t s, i;
	es_rc rc;

	value_range(values, npoints * nseries, &lo, &hi);
	if ((rc = svg_begin(h, title, err)) != ES_OK)
		return rc;
	if ((rc = es_out_printf(h->out, err,
	                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n"
	                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n"
	                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>\n",
	                        ML, MT, ML, CH - MB, ML, ypos(0, lo, hi), CW - MR, ypos(0, lo, hi),
	                        ML, MT, CW - MR, MT)) != ES_OK ||
	    (ymax_text != NULL && (rc = svg_text(h, ML - 4, MT + 4, "end", NULL, ymax_text, err)) != ES_OK) ||
	    (rc = svg_text(h, ML - 4, ypos(0, lo, hi) + 4, "end", NULL, "0", err)) != ES_OK)
		return rc;
	/* x positions: npoints spread over the plot width */
#define XPOS(i) (npoints > 1 ? ML + 10 + (int)(i) * (plot_w - 20) / (int)(npoints - 1) : ML + plot_w / 2)
	for (i = 0; i < npoints; i++)
		if ((rc = svg_text(h, XPOS(i), CH - MB + 16, "middle", NULL, xlabels[i], err)) != ES_OK)
			return rc;
	for (s = 0; s < nseries; s++) {
		const char *color = palette[s % ES_ARRAY_LEN(palette)];

		{
			bool pen = false;

			if ((rc = es_out_printf(h->out, err, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" d=\"",
			                        color)) != ES_OK)
				return rc;
			for (i = 0; i < npoints; i++) {
				int64_t v = values[s * npoints + i];

				if (v == ES_HTML_NONE) {
					pen = false;
					continue;
				}
				if ((rc = es_out_printf(h->out, err, "%s%c%d,%d", i ? " " : "", pen ? 'L' : 'M', XPOS(i),
				                        ypos(v, lo, hi))) != ES_OK)
					return rc;
				pen = true;
			}
			if ((rc = es_out_puts(h->out, "\"/>\n", err)) != ES_OK)
				return rc;
		}
		for (i = 0; i < npoints; i++)
			if (values[s * npoints + i] != ES_HTML_NONE &&
			    (rc = es_out_printf(h->out, err, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\"/>\n", XPOS(i),
			                        ypos(values[s * npoints + i], lo, hi), color)) != ES_OK)
				return rc;
		/* legend, in rows of three under the x labels */
		{
			int lx = ML + (int)(s % 3) * 220, ly = CH - MB + 32 + (int)(s / 3) * 14;

			if ((rc = es_out_printf(h->out, err, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>\n",
			                        lx, ly - 4, color)) != ES_OK ||
			    (rc = svg_text(h, lx + 16, ly, "start", NULL, names[s], err)) != ES_OK)
				return rc;
		}
	}
#undef XPOS
	return svg_end(h, err);
}
