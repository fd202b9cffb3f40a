/* ente.h: the configuration of one ente (municipality), a GLib key file
 * (--ente FILE or $ESATTORE_ENTE; esattore-ente(5)).
 *
 *   [ente]     name, tax_code (11 digits), belfiore, province, address, logo, pec, website
 *   [pagopa]   aux_digit (3), segregation_code, application_code, cbill, iban,
 *              postal_account, postal_holder, postal_auth
 *   [rules]    interest_spread (points over the legal rate, -3..+3),
 *              mora_spread (0..2), min_amount (default 12.00), day_count
 *              (365 default | actual), covid_shift (true default | false)
 *   [contract] aggio_s1, aggio_s2, aggio_s3 (percent), vat (percent)
 *
 * Unknown groups or keys are an error (ES_ECONFIG naming file, group and key),
 * not ignored.  Ownership: es_ente_load returns a struct the caller frees with
 * es_ente_free; its strings belong to it. */
#ifndef ES_ENTE_H
#define ES_ENTE_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"

typedef struct es_ente {
	/* [ente] */
	char *name;
	char *tax_code;          /* 11 digits, validated */
	char *belfiore;          /* 4 characters, e.g. F205 */
	char *province;
	char *address;
	char *logo;              /* path to PNG or SVG, may be NULL */
	char *pec;
	char *website;
	/* [pagopa] */
	int aux_digit;           /* 3 (the only one issued today) */
	int segregation_code;    /* 0..99; -1 if the file does not give it */
	char *application_code;  /* aux 0 legacy, may be NULL */
	char *cbill;
	char *iban;
	char *postal_account;    /* may be NULL: then no Poste slip */
	char *postal_holder;
	char *postal_auth;
	/* [rules] fixed-point: scale 4 for percentage points (1.5 points = 15000) */
	int64_t interest_spread; /* -3..+3 points, scale 4 */
	int64_t mora_spread;     /* 0..2 points, scale 4 */
	es_cents min_amount;     /* default 1200 */
	bool day_count_365;      /* false: actual days */
	bool covid_shift;
	/* [contract] percent, scale 4 (1% = 10000) */
	int64_t aggio[3];        /* S1, S2, S3 */
	int64_t vat;
	char *path;              /* the file it was read from */
} es_ente;

/* path NULL means $ESATTORE_ENTE; neither is ES_ECONFIG. */
es_ente *es_ente_load(const char *path, es_err *err);
void es_ente_free(es_ente *e);

#endif
