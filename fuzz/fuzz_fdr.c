/* fuzz_fdr: any bytes as a FlussoRiversamento.  The document is either
 * refused (ES_EDATA with a message, no flow) or read into a flow whose
 * accounts add up: total_items is the sum of the usable items (no
 * error), no two usable items share (iuv, iur, indice), every usable item
 * has its identifiers, outcome and date, a revocation is never positive,
 * and a count or sum that differs from the header is an anomaly.  Any
 * amount es_fdr_parse_amount accepts re-formats as the text it came from
 * (leading zeros and a '+' aside). */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "domain/fdr.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_amount_text(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size > 40 ? 40 : size);
	char buf[ES_MONEY_BUFSZ];
	const char *t = s;
	es_cents c;
	es_err err;

	if (es_fdr_parse_amount(s, &c, &err) == ES_OK) {
		if (c > ES_CENTS_MAX || c < -ES_CENTS_MAX)
			abort();
		es_money_format(c, ES_MONEY_PLAIN, buf);
		/* the canonical text of the input: no '+', no leading zeros */
		if (*t == '+')
			t++;
		if (*t == '-' && c != 0) {
			if (buf[0] != '-')
				abort();
			t++;
		} else if (*t == '-') {
			t++;
		}
		while (t[0] == '0' && t[1] != '.' && t[1] != '\0')
			t++;
		if (strcmp(buf + (buf[0] == '-'), t) != 0)
			abort();
	}
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	es_fdr *f = NULL;
	es_cents sum = 0;
	es_err err;
	es_rc rc;

	check_amount_text(data, size);
	es_err_clear(&err);
	rc = es_fdr_read(fuzz_path(data, size), &f, &err);
	if (rc != ES_OK) {
		if (f != NULL || err.msg[0] == '\0' || rc == ES_EINTERNAL)
			abort();
		return 0;
	}
	if (f == NULL || f->nitems > f->cap || (f->nitems > 0 && f->items == NULL))
		abort();
	if (strnlen(f->id, sizeof f->id) == sizeof f->id || f->id[0] == '\0' ||
	    strnlen(f->receiver, sizeof f->receiver) == sizeof f->receiver ||
	    strnlen(f->datetime, sizeof f->datetime) == sizeof f->datetime)
		abort();
	for (size_t i = 0; i < f->nitems; i++) {
		const es_fdr_item *it = &f->items[i];

		if (strnlen(it->iuv, sizeof it->iuv) == sizeof it->iuv ||
		    strnlen(it->iur, sizeof it->iur) == sizeof it->iur)
			abort();
		if (it->error != NULL)
			continue;
		if (it->iuv[0] == '\0' || it->iur[0] == '\0' || it->esito < 0 || it->date == ES_DATE_NONE)
			abort();
		if (it->esito == ES_FDR_ESITO_REVOKED && it->amount > 0)
			abort();
		sum += it->amount;
		for (size_t j = 0; j < i; j++) {
			const es_fdr_item *o = &f->items[j];

			if (o->error == NULL && strcmp(o->iuv, it->iuv) == 0 && strcmp(o->iur, it->iur) == 0 &&
			    o->index == it->index)
				abort();
		}
	}
	if (sum != f->total_items)
		abort();
	if (f->nitems != f->count_declared && f->anomaly == NULL)
		abort();
	es_fdr_free(f);
	return 0;
}
