/* fw.c: fixed-width record helpers for the F24 supply (positions are
 * 1-based and inclusive, as in shared/domain/f24-supply.md). */
#include "es_setup.h"

#include <string.h>

#include "types/date.h"
#include "synth/synth_private.h"

void
es_synth_fw_str(char *rec, int pos, int len, const char *s)
{
	size_t n = strlen(s);
	char *p = rec + pos - 1;

	if (n > (size_t)len)
		n = (size_t)len;
	memcpy(p, s, n);
	memset(p + n, ' ', (size_t)len - n);
}

void
es_synth_fw_num(char *rec, int pos, int len, uint64_t v)
{
	char *p = rec + pos - 1;
	int i;

	for (i = len - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
es_synth_fw_date(char *rec, int pos, int32_t date)
{
	int y, m, d;

	if (date == ES_DATE_NONE) {
		es_synth_fw_num(rec, pos, 8, 0);
		return;
	}
	es_date_to_ymd(date, &y, &m, &d);
	es_synth_fw_num(rec, pos, 4, (uint64_t)y);
	es_synth_fw_num(rec, pos + 4, 2, (uint64_t)m);
	es_synth_fw_num(rec, pos + 6, 2, (uint64_t)d);
}
