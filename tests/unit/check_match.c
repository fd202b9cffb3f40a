/* check_match: unit tests of match-payments' library modules (FdR and OPI
 * readers, the matcher).  Fixtures are read from $TESTDATA. */
#include "es_setup.h"

#include "unit.h"

Suite *make_suite_fdr(void);
Suite *make_suite_opi(void);
Suite *make_suite_matching(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_fdr, make_suite_opi, make_suite_matching };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
