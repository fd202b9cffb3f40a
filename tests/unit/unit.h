/* unit.h: shared by the Check unit-test binaries.
 *
 * Each t_<module>.c defines `Suite *make_suite_<module>(void)`; each
 * check_<area>.c lists its suites and calls es_unit_main.  Run one case with
 * CK_RUN_CASE=name, no fork with CK_FORK=no (for gdb), longer timeouts with
 * CK_TIMEOUT_MULTIPLIER=N (Check manual, Appendix A).  Output is TAP when
 * CK_TAP_LOG_FILE_NAME=- (set by make check). */
#ifndef ES_TESTS_UNIT_H
#define ES_TESTS_UNIT_H

#include "es_setup.h"
#include <check.h>
#include <stdlib.h>

typedef Suite *(*es_suite_fn)(void);

static inline int
es_unit_main(const es_suite_fn *suites, size_t n)
{
	SRunner *sr;
	int failed;
	size_t i;

	sr = srunner_create(suites[0]());
	for (i = 1; i < n; i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
