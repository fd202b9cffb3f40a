/* check_io.c: unit tests of lib/io/ (streams, CSV, diagnostics). */
#include "es_setup.h"

#include "unit.h"

Suite *make_suite_stream(void);
Suite *make_suite_csv(void);
Suite *make_suite_diag(void);
Suite *make_suite_rows(void);

int
main(void)
{
	static const es_suite_fn suites[] = {
		make_suite_stream,
		make_suite_csv,
		make_suite_diag,
		make_suite_rows,
	};

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
