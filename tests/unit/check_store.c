/* check_store: unit tests of lib/store/ (the ledger, its statement helpers) and lib/rules.c. */
#include "es_setup.h"
#include "unit.h"

Suite *make_suite_ledger(void);
Suite *make_suite_rules(void);
Suite *make_suite_bind(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_ledger, make_suite_rules, make_suite_bind };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
