/* fuzz_date: dates parse or refuse; what parses is a real date that
 * formats and parses back to itself; month arithmetic stays valid. */
#include "es_setup.h"
#include <stdlib.h>
#include "types/date.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	char buf[ES_DATE_BUFSZ];
	es_date d, back;
	es_err err;
	int y, m, dd;

	if (es_date_parse(s, ES_DATE_ANY, &d, &err) == ES_OK && d != ES_DATE_NONE) {
		es_date_to_ymd(d, &y, &m, &dd);
		if (!es_date_valid_ymd(y, m, dd))
			abort();
		es_date_format(d, buf);
		if (es_date_parse(buf, ES_DATE_ISO, &back, &err) != ES_OK || back != d)
			abort();
		es_date e = es_date_add_months(d, (int)(size % 25) - 12);
		es_date_to_ymd(e, &y, &m, &dd);
		if (!es_date_valid_ymd(y, m, dd) && (y >= 1800 && y <= 2999))
			abort();
	}
	free(s);
	return 0;
}
