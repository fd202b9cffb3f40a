/* png_nonblank: exit 0 if the PNG has enough pixels that differ from its
 * first (background) pixel, 1 if it is blank, 2 if it cannot be read.
 * Prints the count.  Used by tests/html-chromium on the screenshot. */
#include "es_setup.h"

#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	cairo_surface_t *s;
	unsigned char *data;
	int w, h, stride, x, y;
	long differ = 0, need;
	uint32_t bg;

	if (argc != 3) {
		fprintf(stderr, "usage: png_nonblank FILE.png MIN_PIXELS\n");
		return 2;
	}
	s = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "png_nonblank: %s: %s\n", argv[1], cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return 2;
	}
	need = strtol(argv[2], NULL, 10);
	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	stride = cairo_image_surface_get_stride(s);
	bg = *(uint32_t *)data;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			if (((uint32_t *)(data + (size_t)y * (size_t)stride))[x] != bg)
				differ++;
	cairo_surface_destroy(s);
	printf("%ld of %ld pixels differ from the background\n", differ, (long)w * h);
	return differ >= need ? 0 : 1;
}
