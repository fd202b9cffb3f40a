/* check_report: unit tests of compute-aggio, report and statement's library
 * code (aggio, fcde, pseudonym, html) against the data/ tables. */
#include "es_setup.h"
#include "unit.h"

Suite *make_suite_aggio(void);
Suite *make_suite_fcde(void);
Suite *make_suite_pseudonym(void);
Suite *make_suite_html(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_aggio, make_suite_fcde, make_suite_pseudonym,
	                                      make_suite_html };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
