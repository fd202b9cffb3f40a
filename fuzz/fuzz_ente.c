/* fuzz_ente: any bytes as an ente key file (esattore-ente(5)).  The file
 * is loaded or refused with ES_ECONFIG and a message naming the file; what
 * loads keeps the contract of ente.h: the required keys present, the tax
 * code 11 digits, the Belfiore code 4 characters, every number within the
 * range the manual gives, the cross-key rules (aux_digit 0 needs an
 * application code, 3 forbids one; a postal account needs its holder). */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "ente.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PT(x) ((int64_t)(x) * 10000)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	es_ente *e;
	es_err err;

	es_err_clear(&err);
	e = es_ente_load(fuzz_path(data, size), &err);
	if (e == NULL) {
		if (err.rc != ES_ECONFIG && err.rc != ES_ENOMEM && err.rc != ES_EIO)
			abort();
		if (err.msg[0] == '\0')
			abort();
		return 0;
	}
	if (e->name == NULL || e->tax_code == NULL || e->belfiore == NULL || e->path == NULL)
		abort();
	if (strlen(e->tax_code) != 11 || strspn(e->tax_code, "0123456789") != 11 || strlen(e->belfiore) != 4)
		abort();
	if (e->aux_digit < 0 || e->aux_digit > 3 || e->segregation_code < -1 || e->segregation_code > 99)
		abort();
	if ((e->aux_digit == 0 && e->application_code == NULL) || (e->aux_digit == 3 && e->application_code != NULL))
		abort();
	if (e->postal_account != NULL && e->postal_holder == NULL)
		abort();
	if (e->interest_spread < PT(-3) || e->interest_spread > PT(3) || e->mora_spread < 0 ||
	    e->mora_spread > PT(2) || e->min_amount < 0 || e->min_amount > INT64_C(100000000))
		abort();
	for (int i = 0; i < 3; i++)
		if (e->aggio[i] < 0 || e->aggio[i] > PT(100))
			abort();
	if (e->vat < 0 || e->vat > PT(100))
		abort();
	es_ente_free(e);
	return 0;
}
