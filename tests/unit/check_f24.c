/* check_f24: unit tests of lib/domain/f24 (the F24 supply parser, its codes
 * and its reconciliation). */
#include "es_setup.h"
#include "unit.h"

Suite *make_suite_f24(void);
Suite *make_suite_f24_run(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_f24, make_suite_f24_run };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
