/* render_private.h: internals shared by the lib/render/ sources. */
#ifndef ES_RENDER_PRIVATE_H
#define ES_RENDER_PRIVATE_H

#include "es_setup.h"
#include <cairo.h>
#include "types/error.h"

/* Draw the QR code of payload (byte mode, ECC M, version 4) as a size x
 * size square at (x, y) in user units, without its quiet zone. */
es_rc es_render_qr_draw(cairo_t *cr, const char *payload, double x, double y, double size, es_err *err);
/* Draw the ECC 200 DataMatrix of payload as a size x size square. */
es_rc es_render_dm_draw(cairo_t *cr, const char *payload, double x, double y, double size, es_err *err);

#endif
