/* check_coercive: unit tests of the coercive phase (lib/domain/coercive,
 * installments, notification and the runs of the programs). */
#include "es_setup.h"
#include "unit.h"

Suite *make_suite_coercive(void);
Suite *make_suite_installments(void);
Suite *make_suite_notification(void);
Suite *make_suite_coercive_run(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_coercive, make_suite_installments, make_suite_notification,
	                                       make_suite_coercive_run };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
