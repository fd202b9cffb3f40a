/* check_domain: unit tests of lib/domain/ (TAP through Check). */
#include "es_setup.h"

#include "unit.h"

Suite *make_suite_cadastre(void);
Suite *make_suite_cadastre_run(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_cadastre, make_suite_cadastre_run };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
