/* html.h: one self-contained HTML page of tables and SVG charts.
 *
 * The page embeds its style sheet and draws its charts as inline SVG
 * computed here (no script, no external resource), so it opens offline,
 * prints, and can be archived as one file.  Values given to the charts are
 * integers (cents, or fixed-point numbers); geometry is integer arithmetic
 * on them.  Every text is HTML-escaped.
 *
 * Ownership: es_html_begin returns a page writer over an es_out it does not
 * own; es_html_end writes the closing tags and frees it (es_html_free frees
 * it without writing, after an error). */
#ifndef ES_RENDER_HTML_H
#define ES_RENDER_HTML_H

#include "es_setup.h"
#include "types/error.h"
#include "io/stream.h"

typedef struct es_html es_html;

typedef enum es_html_align { ES_HTML_LEFT = 0, ES_HTML_RIGHT = 1 } es_html_align;

es_html *es_html_begin(es_out *out, const char *title, const char *subtitle, es_err *err);
es_rc es_html_end(es_html *h, es_err *err);
void es_html_free(es_html *h);

es_rc es_html_heading(es_html *h, const char *text, es_err *err);
es_rc es_html_paragraph(es_html *h, const char *text, es_err *err);
/* A table: ncols column names, nrows rows of ncols cells (row-major);
 * align may be NULL (all left). */
es_rc es_html_table(es_html *h, const char *caption, size_t ncols, const char *const *cols,
                    const es_html_align *align, size_t nrows, const char *const *cells, es_err *err);

/* A bar chart: n bars with labels, integer values (>= 0 drawn up, < 0
 * drawn down from the zero line) and the text shown over each bar. */
es_rc es_html_bar_chart(es_html *h, const char *title, size_t n, const char *const *labels,
                        const int64_t *values, const char *const *value_texts, es_err *err);
/* A line chart: nseries series of npoints values each (values[s * npoints
 * + i]), x labels, series names; ymax_text labels the top of the axis.  A
 * value ES_HTML_NONE is a gap in its line (no data that year). */
#define ES_HTML_NONE INT64_MIN
es_rc es_html_line_chart(es_html *h, const char *title, size_t npoints, const char *const *xlabels,
                         size_t nseries, const char *const *names, const int64_t *values, const char *ymax_text,
                         es_err *err);

/* Write s HTML-escaped (&, <, >, ", '). */
es_rc es_html_escape(es_out *out, const char *s, es_err *err);

#endif
