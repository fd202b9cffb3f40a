/* synth_private.h: internals of lib/synth shared between its files. */
#ifndef ES_SYNTH_PRIVATE_H
#define ES_SYNTH_PRIVATE_H

#include "es_setup.h"

typedef struct es_synth_street {
	int toponym;          /* cadastre toponimo code: 236 VIA, 130 PIAZZA, ... */
	const char *name;
} es_synth_street;

typedef struct es_synth_place {
	const char *belfiore, *town, *province;
} es_synth_place;

typedef struct es_synth_company_word {
	const char *word;
} es_synth_company_word;

extern const char *const es_synth_surnames[];
extern const size_t es_synth_nsurnames;
extern const char *const es_synth_male_names[];
extern const size_t es_synth_nmale;
extern const char *const es_synth_female_names[];
extern const size_t es_synth_nfemale;
extern const es_synth_street es_synth_streets[];
extern const size_t es_synth_nstreets;
extern const es_synth_place es_synth_places[];
extern const size_t es_synth_nplaces;
extern const es_synth_company_word es_synth_company_words[];
extern const size_t es_synth_ncompany_words;

const char *es_synth_toponym(int code);

/* Fixed-width record helpers (F24 supply, positions 1-based). */
void es_synth_fw_str(char *rec, int pos, int len, const char *s);
void es_synth_fw_num(char *rec, int pos, int len, uint64_t v);
void es_synth_fw_date(char *rec, int pos, int32_t date);   /* AAAAMMGG; ES_DATE_NONE -> zeros */

#endif
