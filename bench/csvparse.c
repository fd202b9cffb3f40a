/* csvparse: the floor for match-payments' benchmark: parse CSV files with
 * libcsv alone (fields and rows counted, nothing else) and print the
 * counts.  Not installed. */
#include "es_setup.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counts {
	unsigned long long fields, rows, bytes;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct counts *c = data;

	(void)s;
	c->fields++;
	c->bytes += len;
}

static void
on_row(int ch, void *data)
{
	struct counts *c = data;

	(void)ch;
	c->rows++;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct csv_parser p;
	struct counts c = { 0, 0, 0 };
	int i;

	for (i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		size_t n;

		if (fp == NULL) {
			perror(argv[i]);
			return 2;
		}
		if (csv_init(&p, CSV_APPEND_NULL) != 0)
			return 3;
		while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
			if (csv_parse(&p, buf, n, on_field, on_row, &c) != n) {
				fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&p)));
				return 1;
			}
		}
		csv_fini(&p, on_field, on_row, &c);
		csv_free(&p);
		fclose(fp);
	}
	printf("rows %llu fields %llu bytes %llu\n", c.rows, c.fields, c.bytes);
	return 0;
}
