/* fdr.h: the pagoPA reporting flow (Flusso di Rendicontazione, XSD
 * FlussoRiversamento 1.0.4/1.0.5, shared/domain/pagopa.md §4.1).
 *
 * The parser streams the XML with es_xml (no DOM, no schema at run time)
 * and keeps the flow's header and its items in memory: one flow is one SCT,
 * bounded by numeroTotalePagamenti.  It checks what GovPay checks at
 * acquisition (pagopa.md §4.4) and records each anomaly on the flow or the
 * item instead of aborting the flow (GovPay #61, #815): a bad item is
 * marked and the others stay usable.
 *
 * Ownership: es_fdr_read returns a flow freed by es_fdr_free; items and
 * their strings belong to the flow. */
#ifndef ES_DOMAIN_FDR_H
#define ES_DOMAIN_FDR_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"

#define ES_FDR_ID_BUFSZ 36      /* identifiers are at most 35 characters */
#define ES_FDR_DATETIME_BUFSZ 40

/* codiceEsitoSingoloPagamento (pagopa.md §4.1). */
enum {
	ES_FDR_ESITO_EXECUTED = 0,
	ES_FDR_ESITO_REVOKED = 3,
	ES_FDR_ESITO_STAND_IN = 4,
	ES_FDR_ESITO_STAND_IN_NO_RPT = 8,
	ES_FDR_ESITO_NO_RPT = 9
};

typedef struct es_fdr_item {
	char iuv[ES_FDR_ID_BUFSZ];
	char iur[ES_FDR_ID_BUFSZ];
	int index;              /* indiceDatiSingoloPagamento, 0 if absent */
	es_cents amount;        /* signed: revocations (esito 3) are negative */
	int esito;              /* -1 if missing or unparseable */
	es_date date;           /* dataEsitoSingoloPagamento */
	uint64_t line;          /* line of <datiSingoliPagamenti> */
	char *error;            /* NULL, or why the item is unusable (owned) */
} es_fdr_item;

typedef struct es_fdr {
	char id[ES_FDR_ID_BUFSZ];                /* identificativoFlusso */
	char datetime[ES_FDR_DATETIME_BUFSZ];    /* dataOraFlusso, as written */
	char settlement[ES_FDR_ID_BUFSZ];        /* identificativoUnivocoRegolamento */
	es_date settled_on;                      /* dataRegolamento */
	char sender[ES_FDR_ID_BUFSZ];            /* PSP codiceIdentificativoUnivoco */
	char receiver[ES_FDR_ID_BUFSZ];          /* codice fiscale of the ente */
	uint64_t count_declared;                 /* numeroTotalePagamenti */
	es_cents total_declared;                 /* importoTotalePagamenti */
	es_cents total_items;                    /* sum of the items as read */
	es_fdr_item *items;
	size_t nitems;
	size_t cap;
	char *anomaly;          /* NULL, or the flow-level anomalies (count, sum) (owned) */
	char *source;           /* file name (owned) */
} es_fdr;

/* Read a whole flow.  ES_EDATA when the document is not a usable flow
 * (malformed XML, a DOCTYPE, a missing or bad header element): *out is
 * NULL and err names the file and line.  Item-level and count/sum problems
 * do not fail the call: they are in item->error and flow->anomaly. */
es_rc es_fdr_read(const char *path, es_fdr **out, es_err *err);
void es_fdr_free(es_fdr *f);

/* Parse an FdR amount ("\d+\.\d{2}", optionally signed as SACI 1.3.1 does
 * for revocations). */
es_rc es_fdr_parse_amount(const char *s, es_cents *out, es_err *err);

#endif
