/* fuzz_causale: any text as the causale of a transfer.  es_causale_parse
 * never fails; its result keeps the contract of opi.h: a known kind; a
 * reference always terminated, present for every kind but NONE (and FLOW,
 * whose id may be lost); a NAV is 18 digits with valid check digits; a
 * codice fiscale validates; an amount only for RFB/RFS and never negative;
 * flow_complete only for FLOW.  Parsing is deterministic. */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "domain/opi.h"
#include "types/nav.h"
#include "types/taxid.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	es_causale c, again;

	es_causale_parse(s, &c);
	es_causale_parse(s, &again);
	if (memcmp(&c, &again, sizeof c) != 0)
		abort();
	if (strnlen(c.ref, sizeof c.ref) == sizeof c.ref)
		abort();
	switch (c.kind) {
	case ES_CAUSALE_NONE:
		if (c.ref[0] != '\0' || c.has_amount || c.flow_complete)
			abort();
		break;
	case ES_CAUSALE_FLOW:
		if (c.has_amount || (c.flow_complete && strlen(c.ref) < 12))
			abort();
		break;
	case ES_CAUSALE_RFB:
	case ES_CAUSALE_RFS:
		if (c.ref[0] == '\0' || c.flow_complete || (c.has_amount && (c.amount < 0 || c.amount > ES_CENTS_MAX)))
			abort();
		break;
	case ES_CAUSALE_NAV:
		if (strlen(c.ref) != ES_NAV_LEN || strspn(c.ref, "0123456789") != ES_NAV_LEN ||
		    es_nav_validate(c.ref, NULL) != ES_OK || c.has_amount || c.flow_complete)
			abort();
		break;
	case ES_CAUSALE_CF:
		if (strlen(c.ref) != 16 || es_cf_validate(c.ref, NULL) != ES_OK || c.has_amount || c.flow_complete)
			abort();
		break;
	default:
		abort();
	}
	/* The reference is in the text (case aside, for tags and CFs). */
	if (c.ref[0] != '\0' && strcasestr(s, c.ref) == NULL)
		abort();
	free(s);
	return 0;
}
