/* fuzz_cadastre: any bytes as a cadastral supply line (the first byte picks
 * the file kind) either parse or are refused with a message; what parses
 * keeps the invariants of cadastre.h: strings never NULL, the right code
 * never empty, groups within the line, areas and amounts not negative
 * unless absent (-1). */
#include "es_setup.h"
#include <stdlib.h>
#include <string.h>
#include "domain/cadastre.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const es_cadastre_file kinds[4] = {
	ES_CADASTRE_FILE_FAB, ES_CADASTRE_FILE_TER, ES_CADASTRE_FILE_SOG, ES_CADASTRE_FILE_TIT
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static es_cadastre_parser *p;
	static es_cadastre_conv *conv;
	es_cadastre_rec rec;
	const char *utf8;
	size_t len, i;
	char *line;
	es_err err;

	if (size < 1)
		return 0;
	if (p == NULL && ((p = es_cadastre_parser_new(NULL)) == NULL || (conv = es_cadastre_conv_new(NULL)) == NULL))
		abort();
	line = fuzz_string(data + 1, size - 1);
	if (es_cadastre_to_utf8(conv, line, size - 1, &utf8, &len, &err) != ES_OK) {
		free(line);
		return 0;
	}
	es_err_clear(&err);
	if (es_cadastre_parse(p, kinds[data[0] % 4], utf8, len, &rec, &err) != ES_OK) {
		if (err.msg[0] == '\0')
			abort();
		free(line);
		return 0;
	}
	if (rec.belfiore == NULL || rec.sezione == NULL || rec.id == NULL || strlen(rec.belfiore) != 4)
		abort();
	if (rec.ngroups > rec.nfields)
		abort();
	switch (rec.type) {
	case ES_CADASTRE_TIT:
		if (rec.u.tit.diritto == NULL || rec.u.tit.diritto[0] == '\0' || rec.u.tit.quota_num < 0 ||
		    (rec.u.tit.quota_den == 0 && rec.u.tit.quota_num != 0))
			abort();
		break;
	case ES_CADASTRE_FAB1:
		if (rec.u.fab1.rendita < -1 || rec.u.fab1.superficie < -1 || rec.u.fab1.categoria == NULL)
			abort();
		break;
	case ES_CADASTRE_TER1:
		if (rec.u.ter1.area_m2 < 0 || rec.u.ter1.reddito_dominicale < -1)
			abort();
		break;
	case ES_CADASTRE_FAB2:
		for (i = 0; i < rec.ngroups; i++)
			if (rec.idents[i].foglio == NULL || rec.idents[i].subalterno == NULL)
				abort();
		break;
	case ES_CADASTRE_TER4:
		for (i = 0; i < rec.ngroups; i++)
			if (rec.porzioni[i].id == NULL || rec.porzioni[i].area_m2 < 0)
				abort();
		break;
	default:
		break;
	}
	free(line);
	return 0;
}
