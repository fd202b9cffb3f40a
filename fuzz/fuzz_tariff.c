/* fuzz_tariff: any bytes as a TARI tariff file (compute-dues(1), "TARIFF
 * FILE"), read for the year 2024.  The file is loaded or refused with
 * ES_ECONFIG and a message; what loads keeps the contract of tari.h: the
 * installments numbered 1..n in order, each share above 0 and at most
 * 100 %, the shares adding up to exactly 100 %, every coefficient and
 * quota not negative, a TEFA rate absent (-1) or 0..100 %; splitting an
 * amount by the shares gives parts that add up to it. */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "domain/tari.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_coeff(const es_tari_coeff *c)
{
	if (c->set && (c->quota_fixed < 0 || c->k_fixed < 0 || c->quota_variable < 0 || c->k_variable < 0))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t shares[ES_TARI_MAX_INSTALLMENTS], sum = 0;
	es_cents parts[ES_TARI_MAX_INSTALLMENTS], total = 0;
	es_tari_tariff *t;
	es_err err;
	size_t i;

	es_err_clear(&err);
	t = es_tari_tariff_load(fuzz_path(data, size), 2024, &err);
	if (t == NULL) {
		if ((err.rc != ES_ECONFIG && err.rc != ES_ENOMEM && err.rc != ES_EIO) || err.msg[0] == '\0')
			abort();
		return 0;
	}
	if (t->year != 2024 || t->ninst < 1 || t->ninst > ES_TARI_MAX_INSTALLMENTS)
		abort();
	for (i = 0; i < t->ninst; i++) {
		if (t->inst[i].number != (int)i + 1 || t->inst[i].share <= 0 || t->inst[i].share > 1000000 ||
		    t->inst[i].due == ES_DATE_NONE)
			abort();
		shares[i] = t->inst[i].share;
		sum += shares[i];
	}
	if (sum != 1000000)
		abort();
	if (t->has_single && (t->single.number != 0 || t->single.share != 1000000))
		abort();
	if (t->tefa_rate != -1 && (t->tefa_rate < 0 || t->tefa_rate > 1000000))
		abort();
	for (i = 1; i <= ES_TARI_MAX_MEMBERS; i++)
		check_coeff(&t->domestic[i]);
	for (i = 1; i <= ES_TARI_MAX_CATEGORY; i++)
		check_coeff(&t->non_domestic[i]);
	if (t->domestic[0].set || t->non_domestic[0].set)
		abort();
	if (es_tari_split(123457, shares, t->ninst, parts, &err) != ES_OK)
		abort();
	for (i = 0; i < t->ninst; i++) {
		if (parts[i] < 0)
			abort();
		total += parts[i];
	}
	if (total != 123457)
		abort();
	es_tari_tariff_free(t);
	return 0;
}
