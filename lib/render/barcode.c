/* barcode.c: the pagoPA QR code (libqrencode) and the Poste DataMatrix
 * (libdmtx) drawn as vector paths (pagopa.md §2). */
#include "es_setup.h"

#include <string.h>
#include <cairo.h>
#include <qrencode.h>
#include <dmtx.h>

#include "render/render_private.h"

/* The QR symbol version and size required by the guide (pagopa.md §2.1). */
#define QR_VERSION 4
#define QR_WIDTH 33

/* Fill the dark modules of an n x m grid as one path: runs of dark modules
 * along a row become one rectangle, and the whole symbol is one fill, so a
 * rasteriser leaves no seams between modules. */
static void
fill_modules(cairo_t *cr, double x, double y, double module, int rows, int cols,
             bool (*dark)(const void *ctx, int r, int c), const void *ctx)
{
	int r, c, start;

	cairo_save(cr);
	cairo_new_path(cr);
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c = start) {
			start = c + 1;
			if (!dark(ctx, r, c))
				continue;
			while (start < cols && dark(ctx, r, start))
				start++;
			cairo_rectangle(cr, x + c * module, y + r * module, (start - c) * module, module);
		}
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	cairo_fill(cr);
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
