/* check_render: the lib/render/ suites. */
#include "es_setup.h"
#include "unit.h"

Suite *make_suite_render(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_render };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
