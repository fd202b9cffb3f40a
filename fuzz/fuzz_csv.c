/* fuzz_csv: the CSV reader never crashes, never leaks, and accounts for
 * every row: each es_csv_next gives a row, a rejected row, or the end. */
#include "es_setup.h"
#include <stdlib.h>
#include "io/csv.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	es_csv_opts opts = { 0, false };
	es_csv_reader *r;
	es_csv_row *row;
	es_err err;
	es_rc rc;
	uint64_t rows = 0;

	if (size > 0 && (data[0] & 1))
		opts.sep = ';';
	r = es_csv_reader_open(fuzz_path(data, size), &opts, &err);
	if (r == NULL)
		return 0;
	while ((rc = es_csv_next(r, &row, &err)) == ES_OK || rc == ES_EDATA) {
		rows++;
		/* every field is readable and NUL-terminated */
		for (size_t i = 0; i < row->nfields; i++)
			(void)es_csv_get(row, (int)i)[0];
		if (rows > 1000000)
			abort();
	}
	es_csv_reader_close(r);
	return 0;
}
