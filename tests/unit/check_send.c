/* check_send: unit tests of send-notices' library code (lib/render/mail.c,
 * mail_deliver.c, lib/store/sends.c), with the data/ templates
 * (ESATTORE_DATADIR). */
#include "es_setup.h"
#include "unit.h"

Suite *make_suite_mail(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_mail };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
