/* check_domain: unit tests of lib/domain/ (TAP through Check). */
#include "es_setup.h"

#include "unit.h"

Suite *make_suite_cadastre(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_cadastre };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
