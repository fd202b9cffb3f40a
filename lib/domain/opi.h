/* opi.h: the treasury's giornale di cassa (SIOPE+ OPI 1.6.1, schema
 * OPI_GIORNALE_DI_CASSA_V_1_6_1.XSD, shared/domain/pagopa.md §4.3), and
 * the causale of incoming transfers (§4.2).
 *
 * es_opi_read streams the document with es_xml and hands every
 * movimento_conto_evidenza to a callback, one at a time: a giornale can be
 * large and nothing but the current movement is kept.
 *
 * Ownership: the es_opi_movement passed to the callback and its strings
 * live only during the call; copy what must outlive it. */
#ifndef ES_DOMAIN_OPI_H
#define ES_DOMAIN_OPI_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "types/nav.h"

#define ES_OPI_CAUSALE_BUFSZ 1024   /* the schema allows 370; banks pad more */

typedef struct es_opi_movement {
	const char *flow_bt;        /* identificativo_flusso_BT of the giornale */
	int year;                   /* esercizio */
	char account[32];           /* conto_evidenza */
	char number[24];            /* numero_movimento */
	char progressive[24];       /* progressivo_documento */
	char kind[16];              /* tipo_movimento: ENTRATA / USCITA */
	char document[24];          /* tipo_documento: SOSPESO ENTRATA, REVERSALE, ... */
	char operation[16];         /* tipo_operazione: ESEGUITO, STORNATO, ... */
	es_cents amount;            /* importo (>= 0 as written) */
	es_date date;               /* data_movimento */
	es_date value_date;         /* data_valuta_ente, or ES_DATE_NONE */
	char end_to_end[40];        /* end_to_end_id, or "" */
	char operation_ref[40];     /* codice_riferimento_operazione (TRN), or "" */
	char client_cf[20];         /* codice_fiscale_cliente or partita_iva_cliente, or "" */
	char client_name[160];      /* anagrafica_cliente */
	char causale[ES_OPI_CAUSALE_BUFSZ];
	uint64_t line;              /* line of <movimento_conto_evidenza> */
	const char *error;          /* NULL, or why this movement is unusable */
} es_opi_movement;

/* Is the movement an incoming credit the matcher must explain?  An
 * ENTRATA that is a SOSPESO ENTRATA (a provvisorio: pagoPA transfers, bank
 * transfers) or a REVERSALE collected directly, in state ESEGUITO. */
bool es_opi_is_credit(const es_opi_movement *m);
/* An ENTRATA in state STORNATO: a credit taken back. */
bool es_opi_is_reversal(const es_opi_movement *m);

typedef es_rc (*es_opi_movement_fn)(void *ctx, const es_opi_movement *m, es_err *err);

/* Read the giornale at path, calling fn for every movement.  A movement
 * with a bad field is passed with m->error set (the callback rejects it);
 * a document that is not a giornale di cassa or is malformed is ES_EDATA.
 * A non-OK return from fn stops the reading and is returned. */
es_rc es_opi_read(const char *path, es_opi_movement_fn fn, void *ctx, es_err *err);

/* The causale of an incoming transfer, parsed. */
typedef enum es_causale_kind {
	ES_CAUSALE_NONE = 0,     /* nothing recognised */
	ES_CAUSALE_FLOW = 1,     /* /PUR/LGPE-RIVERSAMENTO/URI/<idFlusso>: a pagoPA cumulative credit */
	ES_CAUSALE_RFB = 2,      /* /RFB/<IUV>[/<amount>] */
	ES_CAUSALE_RFS = 3,      /* /RFS/<RF reference>[/<amount>] */
	ES_CAUSALE_NAV = 4,      /* an 18-digit notice number in free text */
	ES_CAUSALE_CF = 5        /* a valid codice fiscale in free text */
} es_causale_kind;

typedef struct es_causale {
	es_causale_kind kind;
	char ref[ES_IUV_BUFSZ];  /* idFlusso, IUV, RF reference, NAV or codice fiscale */
	bool flow_complete;      /* FLOW: the id has the full "YYYY-MM-DD<psp>-<n>" form */
	bool has_amount;         /* RFB/RFS: an amount was given */
	es_cents amount;
} es_causale;

/* Parse a causale tolerantly, as GovPay and MyPivot do (pagopa.md §4.2,
 * §6): case-insensitive tags, any separator between them, an optional
 * /TXT/n/ before URI, the id cut at the first character that cannot be in
 * an idFlusso (white space, '/', bank text after it).  A truncated id is
 * returned as found with flow_complete false.  Never fails: an
 * unrecognised text gives ES_CAUSALE_NONE. */
void es_causale_parse(const char *text, es_causale *out);

#endif
