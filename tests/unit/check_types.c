/* check_types: unit tests of lib/types/ (money, dates and calendar, tax ids,
 * pagoPA numbers).  TAP on stdout when CK_TAP_LOG_FILE_NAME=- (make check). */
#include "es_setup.h"

#include "unit.h"

Suite *make_suite_money(void);
Suite *make_suite_date(void);
Suite *make_suite_taxid(void);
Suite *make_suite_nav(void);

int
main(void)
{
	static const es_suite_fn suites[] = {
		make_suite_money, make_suite_date, make_suite_taxid, make_suite_nav
	};

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
