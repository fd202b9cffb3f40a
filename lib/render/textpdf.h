/* textpdf.h: a preformatted text (columns aligned with spaces) as a PDF,
 * A4 landscape, in a monospaced font, paginated, with a title and page
 * numbers on every page (cairo + pango).  For documents whose layout is the
 * text itself, such as statement(1)'s: what the counter prints is what the
 * terminal shows.
 *
 * Lines longer than the page are wrapped at a character boundary; a form
 * feed is not interpreted.  The PDF's creation date is left out, so the
 * same text gives the same bytes.
 *
 * The es_out is the caller's: es_textpdf_write does not close it. */
#ifndef ES_RENDER_TEXTPDF_H
#define ES_RENDER_TEXTPDF_H

#include "es_setup.h"
#include "types/error.h"
#include "io/stream.h"

es_rc es_textpdf_write(es_out *out, const char *title, const char *text, es_err *err);

#endif
