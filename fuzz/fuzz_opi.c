/* fuzz_opi: any bytes as a giornale di cassa.  The document is read or
 * refused with a message; every movement handed to the callback is either
 * usable (no error: an amount 0..ES_CENTS_MAX and a date) or carries the
 * reason it is not, never both; its strings are terminated within their
 * buffers; movements come in document order; no movement is both a credit
 * and a reversal.  The causale of each movement goes through
 * es_causale_parse (fuzz_causale checks that parser on its own). */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "domain/opi.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct seen {
	uint64_t n, usable, unusable, last_line;
} seen;

#define TERMINATED(s) (strnlen((s), sizeof(s)) < sizeof(s))

static es_rc
movement(void *ctx, const es_opi_movement *m, es_err *err)
{
	seen *s = ctx;
	es_causale c;

	(void)err;
	s->n++;
	if (m->line < s->last_line)
		abort();
	s->last_line = m->line;
	if (!TERMINATED(m->account) || !TERMINATED(m->number) || !TERMINATED(m->progressive) ||
	    !TERMINATED(m->kind) || !TERMINATED(m->document) || !TERMINATED(m->operation) ||
	    !TERMINATED(m->end_to_end) || !TERMINATED(m->operation_ref) || !TERMINATED(m->client_cf) ||
	    !TERMINATED(m->client_name) || !TERMINATED(m->causale))
		abort();
	if (es_opi_is_credit(m) && es_opi_is_reversal(m))
		abort();
	if (m->error != NULL) {
		if (m->error[0] == '\0')
			abort();
		s->unusable++;
	} else {
		if (m->amount < 0 || m->amount > ES_CENTS_MAX || m->date == ES_DATE_NONE)
			abort();
		s->usable++;
	}
	es_causale_parse(m->causale, &c);
	if (c.kind != ES_CAUSALE_NONE && c.kind != ES_CAUSALE_FLOW && c.ref[0] == '\0')
		abort();
	return ES_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	seen s = { 0, 0, 0, 0 };
	es_err err;
	es_rc rc;

	es_err_clear(&err);
	rc = es_opi_read(fuzz_path(data, size), movement, &s, &err);
	if (rc != ES_OK && (err.msg[0] == '\0' || rc == ES_EINTERNAL))
		abort();
	/* every movement is counted once: usable or not, never both */
	if (s.usable + s.unusable != s.n)
		abort();
	return 0;
}
