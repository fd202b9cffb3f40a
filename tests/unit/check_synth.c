/* check_synth: unit tests of lib/synth/ (esattore-synth): the PRNG, the
 * months rule, and the ground-truth arithmetic of IMU and TARI.  TAP on
 * stdout when CK_TAP_LOG_FILE_NAME=- (make check). */
#include "es_setup.h"

#include "unit.h"

Suite *make_suite_synth(void);

int
main(void)
{
	static const es_suite_fn suites[] = { make_suite_synth };

	return es_unit_main(suites, ES_ARRAY_LEN(suites));
}
