/* fuzz_nav: notice numbers, IUVs and RF references validate or refuse;
 * a valid NAV maps to an IUV and back to itself. */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "types/nav.h"
#include "types/taxid.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	char iuv[ES_IUV_BUFSZ], nav[ES_NAV_BUFSZ], pr[ES_NAV_PRINT_BUFSZ], norm[32];
	es_err err;

	if (es_nav_validate(s, &err) == ES_OK) {
		if (es_nav_to_iuv(s, iuv, &err) != ES_OK)
			abort();
		es_nav_format_print(s, pr);
		/* aux 3 and 2 round-trip from the IUV alone */
		if ((s[0] == '3' || s[0] == '2') && es_iuv_to_nav(iuv, NULL, nav, &err) == ES_OK &&
		    s[0] == '3' && strcmp(nav, s) != 0)
			abort();
	}
	(void)es_rf_validate(s, &err);
	(void)es_cf_validate(s, &err);
	(void)es_piva_validate(s, &err);
	(void)es_taxid_classify(s);
	(void)es_taxid_normalise(s, norm, sizeof norm);
	free(s);
	return 0;
}
