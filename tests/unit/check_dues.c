/* check_dues: unit tests of the ente file, of IMU and TARI on values and of
 * the ledger side of compute-dues. */
#include "es_setup.h"

#include "unit.h"

Suite *make_suite_ente(void);
Suite *make_suite_imu(void);
Suite *make_suite_tari(void);
Suite *make_suite_dues_store(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_ente, make_suite_imu, make_suite_tari,
	                                       make_suite_dues_store };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
