/* fuzz_money: amounts and decimals parse or refuse; what parses formats and
 * parses back to the same value. */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "types/money.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const es_money_style styles[] = { ES_MONEY_PLAIN, ES_MONEY_COMMA, ES_MONEY_ITALIAN };
	char *s = fuzz_string(data, size);
	char buf[ES_MONEY_BUFSZ], dbuf[32];
	es_cents c, back;
	int64_t v, vback;
	es_err err;

	for (size_t i = 0; i < ES_ARRAY_LEN(styles); i++) {
		if (es_money_parse(s, styles[i], &c, &err) != ES_OK)
			continue;
		if (c > ES_CENTS_MAX || c < -ES_CENTS_MAX)
			abort();
		es_money_format(c, styles[i], buf);
		if (es_money_parse(buf, styles[i], &back, &err) != ES_OK || back != c)
			abort();
		(void)es_money_round_euro(c);
	}
	for (int scale = 0; scale <= 9; scale += 3) {
		if (es_decimal_parse(s, scale, &v, &err) != ES_OK)
			continue;
		es_decimal_format(v, scale, dbuf);
		if (es_decimal_parse(dbuf, scale, &vback, &err) != ES_OK || vback != v)
			abort();
	}
	free(s);
	return 0;
}
