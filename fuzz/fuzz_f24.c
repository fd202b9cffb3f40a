/* fuzz_f24: any bytes as one line of an F24 supply (the first byte picks
 * the name layout).  A line either parses or is refused with a message
 * naming the field; what parses keeps the record's contract: the type is
 * known, padded/long_line tell the length, every amount is 0..ES_CENTS_MAX
 * and re-formats as the 15 digits it was read from, every date re-formats
 * as the AAAAMMGG it was read from, codes are printable and the payment id
 * fits its buffer.  Parsing is deterministic. */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "domain/f24.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char rec[ES_F24_RECLEN + 1];     /* the line padded to 300, as the parser sees it */

/* The amount at 1-based position pos re-formats as its 15 digits. */
static void
check_amount(es_cents v, int pos)
{
	char buf[16];

	if (v < 0 || v > ES_CENTS_MAX)
		abort();
	snprintf(buf, sizeof buf, "%015lld", (long long)v);
	if (memcmp(buf, rec + pos - 1, 15) != 0)
		abort();
}

/* A date re-formats as its 8 characters, or was zeros, nines or spaces. */
static void
check_date(es_date d, int pos)
{
	char buf[9];
	const char *s = rec + pos - 1;

	if (d == ES_DATE_NONE) {
		if (memcmp(s, "00000000", 8) != 0 && memcmp(s, "99999999", 8) != 0 && memcmp(s, "        ", 8) != 0)
			abort();
		return;
	}
	es_f24_date_compact(d, buf);
	if (strlen(buf) != 8 || memcmp(buf, s, 8) != 0)
		abort();
}

static void
check_code(const char *s, size_t bufsz)
{
	size_t n = strnlen(s, bufsz);

	if (n == bufsz)
		abort();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			abort();
	if (n > 0 && s[n - 1] == ' ')
		abort();
}

static void
check_text(const char *s, size_t bufsz)
{
	if (strnlen(s, bufsz) == bufsz)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static es_f24_parser *p[2];
	es_f24_record r, again;
	char id[ES_F24_ID_BUFSZ];
	const char *line;
	size_t len, n;
	es_err err;
	es_rc rc;
	int lay, g;

	if (size < 1)
		return 0;
	if (p[0] == NULL && ((p[0] = es_f24_parser_new(ES_F24_NAME_WEBRED, NULL)) == NULL ||
	                     (p[1] = es_f24_parser_new(ES_F24_NAME_TR4, NULL)) == NULL))
		abort();
	lay = data[0] & 1;
	line = (const char *)data + 1;
	len = size - 1;
	(void)es_f24_blank_line(line, len);
	g = es_f24_guess_name_layout(line, len);
	if (g < -1 || g > 1)
		abort();
	es_err_clear(&err);
	rc = es_f24_parse(p[lay], line, len, &r, &err);
	if (rc != ES_OK) {
		if (rc != ES_EDATA || err.msg[0] == '\0')
			abort();
		return 0;
	}
	if (es_f24_parse(p[lay], line, len, &again, &err) != ES_OK || memcmp(&r, &again, sizeof r) != 0)
		abort();
	if (r.type == ES_F24_UNKNOWN || strcmp(es_f24_type_name(r.type), "??") == 0)
		abort();
	if (r.padded != (len < ES_F24_RECLEN) || r.long_line != (len > ES_F24_RECLEN) ||
	    len < es_f24_min_length(r.type))
		abort();
	n = len < ES_F24_RECLEN ? len : ES_F24_RECLEN;
	memcpy(rec, line, n);
	memset(rec + n, ' ', ES_F24_RECLEN - n);
	rec[ES_F24_RECLEN] = '\0';
	switch (r.type) {
	case ES_F24_G1: {
		const es_f24_g1 *g1 = &r.u.g1;

		check_date(g1->key.fornitura, 3);
		check_date(g1->key.ripartizione, 13);
		check_date(g1->key.bonifico, 23);
		check_date(g1->riscossione, 67);
		check_amount(g1->debito, 96);
		check_amount(g1->credito, 111);
		check_amount(g1->detrazione, 134);
		check_code(g1->cf, sizeof g1->cf);
		check_code(g1->belfiore, sizeof g1->belfiore);
		check_code(g1->tributo, sizeof g1->tributo);
		check_text(g1->surname, sizeof g1->surname);
		check_text(g1->first_name, sizeof g1->first_name);
		check_text(g1->birth_place, sizeof g1->birth_place);
		check_text(g1->operation_id, sizeof g1->operation_id);
		if (g1->delega < 0 || g1->delega > 999999 || g1->riga < 0 || g1->riga > 99)
			abort();
		if (es_f24_payment_id(g1, id) != id || strlen(id) >= sizeof id || strncmp(id, "F24-", 4) != 0)
			abort();
		if (es_f24_g1_net(g1) != g1->debito - g1->credito)
			abort();
		(void)es_f24_g1_instalment_kind(g1);
		break;
	}
	case ES_F24_G2:
		check_amount(r.u.g2.importo, 46);
		check_date(r.u.g2.key.ripartizione, 13);
		check_code(r.u.g2.beneficiario, sizeof r.u.g2.beneficiario);
		break;
	case ES_F24_G3:
		check_amount(r.u.g3.importo, 46);
		check_text(r.u.g3.descrizione, sizeof r.u.g3.descrizione);
		break;
	case ES_F24_G4:
		check_amount(r.u.g4.importo, 46);
		break;
	case ES_F24_G5:
		check_amount(r.u.g5.importo, 46);
		check_date(r.u.g5.accreditamento, 72);
		check_text(r.u.g5.descrizione, sizeof r.u.g5.descrizione);
		check_code(r.u.g5.iban, sizeof r.u.g5.iban);
		break;
	case ES_F24_G9:
		check_amount(r.u.g9.debito, 106);
		check_amount(r.u.g9.credito, 121);
		check_date(r.u.g9.riscossione, 83);
		check_code(r.u.g9.cf, sizeof r.u.g9.cf);
		break;
	case ES_F24_Z1:
		for (int i = 0; i < ES_F24_ZCOUNTS; i++)
			if (r.u.z1.counts[i] < 0)
				abort();
		if (r.u.z1.total < 0)
			abort();
		check_text(r.u.z1.file_id, sizeof r.u.z1.file_id);
		break;
	default:
		break;
	}
	return 0;
}
