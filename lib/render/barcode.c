/* barcode.c: the pagoPA QR code (libqrencode) and the Poste DataMatrix
 * (libdmtx) drawn as vector paths (pagopa.md §2). */
#include "es_setup.h"

#include <string.h>
#include <stdlib.h>
#include <cairo.h>
#include <qrencode.h>
#include <dmtx.h>

#include "render/render_private.h"

/* The QR symbol version and size required by the guide (pagopa.md §2.1). */
#define QR_VERSION 4
#define QR_WIDTH 33

/* Draw the dark modules of a rows x cols grid, module x module mm, at
 * (x, y).  Each row is one horizontal stroke, one module wide with butt
 * caps, whose dash pattern is the row's runs of dark and light modules:
 * the exact same rectangles as filling each run, in a sixth of the PDF
 * bytes (two small integers a run instead of four points).  The symbol is
 * drawn in module units into a recording surface, which cairo writes as a
 * form XObject placed with one transformation, so every number in it is a
 * small integer. */
static void
fill_modules(cairo_t *cr, double x, double y, double module, int rows, int cols,
             bool (*dark)(const void *ctx, int r, int c), const void *ctx)
{
	cairo_rectangle_t ext = { 0, 0, cols, rows };
	cairo_surface_t *rec;
	cairo_pattern_t *pat;
	cairo_t *rc;
	double *dash;
	int r, c, start, first, last, nd;

	rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	rc = cairo_create(rec);
	cairo_set_source_rgb(rc, 0, 0, 0);
	cairo_set_line_width(rc, 1);
	cairo_set_line_cap(rc, CAIRO_LINE_CAP_BUTT);
	dash = malloc(sizeof(double) * (size_t)(cols + 2));
	for (r = 0; dash != NULL && r < rows; r++) {
		nd = 0;
		first = last = -1;
		for (c = 0; c < cols; c = start) {
			bool on = dark(ctx, r, c);

			start = c + 1;
			while (start < cols && dark(ctx, r, start) == on)
				start++;
			if (on) {
				if (first < 0)
					first = c;
				else
					dash[nd++] = c - last;    /* the light run before this one */
				dash[nd++] = start - c;
				last = start;
			}
		}
		if (first < 0)
			continue;
		dash[nd++] = cols;                      /* a final gap: even count */
		cairo_set_dash(rc, dash, nd, 0);
		cairo_move_to(rc, first, r + 0.5);
		cairo_line_to(rc, last, r + 0.5);
		cairo_stroke(rc);
	}
	free(dash);
	cairo_destroy(rc);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, module, module);
	pat = cairo_pattern_create_for_surface(rec);
	cairo_set_source(cr, pat);
	cairo_rectangle(cr, 0, 0, cols, rows);
	cairo_fill(cr);
	cairo_pattern_destroy(pat);
	cairo_surface_destroy(rec);
	cairo_restore(cr);
}

static bool
qr_dark(const void *ctx, int r, int c)
{
	const QRcode *qr = ctx;

	return (qr->data[r * qr->width + c] & 1) != 0;
}

es_rc
es_render_qr_draw(cairo_t *cr, const char *payload, double x, double y, double size, es_err *err)
{
	QRcode *qr;

	/* QRcode_encodeData encodes the whole input in 8-bit byte mode. */
	qr = QRcode_encodeData((int)strlen(payload), (const unsigned char *)payload, QR_VERSION, QR_ECLEVEL_M);
	if (qr == NULL)
		return es_err_errno(err, ES_EINTERNAL, "QR code of '%s'", payload);
	if (qr->version != QR_VERSION || qr->width != QR_WIDTH) {
		int v = qr->version;

		QRcode_free(qr);
		return es_err_set(err, ES_EINTERNAL, "QR code of '%s' needs version %d, not %d", payload, v,
		                  QR_VERSION);
	}
	fill_modules(cr, x, y, size / qr->width, qr->width, qr->width, qr_dark, qr);
	QRcode_free(qr);
	return ES_OK;
}

typedef struct dm_ctx {
	DmtxMessage *msg;
	int size_idx;
	int rows;
} dm_ctx;

static bool
dm_dark(const void *ctx, int r, int c)
{
	const dm_ctx *d = ctx;

	/* libdmtx numbers symbol rows from the bottom. */
	return (dmtxSymbolModuleStatus(d->msg, d->size_idx, d->rows - 1 - r, c) & DmtxModuleOnRGB) != 0;
}

es_rc
es_render_dm_draw(cairo_t *cr, const char *payload, double x, double y, double size, es_err *err)
{
	DmtxEncode *enc;
	dm_ctx d;
	int cols;

	enc = dmtxEncodeCreate();
	if (enc == NULL)
		return es_err_set(err, ES_ENOMEM, "DataMatrix encoder");
	/* ECC 200, ASCII encodation, the smallest square symbol that holds it
	 * (pagopa.md §7: size and ECC are not publicly specified). */
	dmtxEncodeSetProp(enc, DmtxPropScheme, DmtxSchemeAscii);
	dmtxEncodeSetProp(enc, DmtxPropSizeRequest, DmtxSymbolSquareAuto);
	dmtxEncodeSetProp(enc, DmtxPropModuleSize, 1);
	dmtxEncodeSetProp(enc, DmtxPropMarginSize, 0);
	if (dmtxEncodeDataMatrix(enc, (int)strlen(payload), (unsigned char *)(uintptr_t)payload) != DmtxPass) {
		dmtxEncodeDestroy(&enc);
		return es_err_set(err, ES_EINTERNAL, "DataMatrix: cannot encode %zu characters", strlen(payload));
	}
	d.msg = enc->message;
	d.size_idx = enc->region.sizeIdx;
	d.rows = dmtxGetSymbolAttribute(DmtxSymAttribSymbolRows, d.size_idx);
	cols = dmtxGetSymbolAttribute(DmtxSymAttribSymbolCols, d.size_idx);
	fill_modules(cr, x, y, size / (cols > d.rows ? cols : d.rows), d.rows, cols, dm_dark, &d);
	dmtxEncodeDestroy(&enc);
	return ES_OK;
}
