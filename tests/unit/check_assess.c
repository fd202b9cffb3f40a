/* check_assess: unit tests of the assessment phase (lib/domain/penalty.c,
 * lib/domain/assess.c, assess_read.c, assess_run.c) against the data/ tables (ESATTORE_DATADIR). */
#include "es_setup.h"
#include "unit.h"

Suite *make_suite_penalty(void);
Suite *make_suite_assess(void);
Suite *make_suite_assess_run(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_penalty, make_suite_assess, make_suite_assess_run };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
