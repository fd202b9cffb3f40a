/* fdr.h: the pagoPA reporting flow (Flusso di Rendicontazione, XSD
 * FlussoRiversamento 1.0.4/1.0.5, shared/domain/pagopa.md §4.1).
 *
 * The parser streams the XML with es_xml (no DOM, no schema at run time).
 * es_fdr_read keeps the flow's header and its items in memory;
 * es_fdr_scan hands the items to a callback one at a time and keeps only
 * the header and the sums (what match-payments holds for every flow of a
 * night: a city's flows are too large to hold whole).  It checks what GovPay checks at
 * acquisition (pagopa.md §4.4) and records each anomaly on the flow or the
 * item instead of aborting the flow (GovPay #61, #815): a bad item is
 * marked and the others stay usable.
 *
 * Ownership: es_fdr_read and es_fdr_scan return a flow freed by
 * es_fdr_free; items and their strings belong to the flow.  The item
 * passed to an es_fdr_item_fn lives only during the call. */
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

/* Called for each item, in file order, once its own checks and the
 * duplicate check are done (a later occurrence of an (iuv, iur, indice)
 * already seen in the flow has it->error set).  hdr holds the header
 * elements read so far: all of them in a flow that follows the schema,
 * where the header precedes the items.  A non-OK return stops the scan. */
typedef es_rc (*es_fdr_item_fn)(void *ctx, const es_fdr *hdr, const es_fdr_item *it, es_err *err);
/* Read a flow as es_fdr_read does, the items through fn (may be NULL: a
 * check of the whole flow) instead of into memory: *out has the header,
 * nitems, total_items and anomaly, and no items.  The memory used is
 * bounded by the keys of one flow (for the duplicate check).  ES_EDATA as
 * es_fdr_read, possibly after fn has seen some items. */
es_rc es_fdr_scan(const char *path, es_fdr_item_fn fn, void *ctx, es_fdr **out, es_err *err);

/* Parse an FdR amount ("\d+\.\d{2}", optionally signed as SACI 1.3.1 does
 * for revocations). */
es_rc es_fdr_parse_amount(const char *s, es_cents *out, es_err *err);

#endif
