/* cadastre.h (store): the cadastral supply into the ledger, and the
 * cadastre streams (units, subjects, titles) out of it.
 *
 * Tables (lib/store/migrations.c): subjects, units, unit_situations (one
 * row per unit and progressivo), unit_identifiers, titles.  Each record is
 * written with prepared statements inside the caller's run transaction
 * (es_ledger_run_begin ... es_ledger_run_commit), so memory does not grow
 * with the supply.  Writes are upserts keyed on the record's identity, so
 * an "aggiornamenti" supply loaded after an "attualita" one replaces the
 * situations and titles it carries (closing them with valid_to) and adds
 * the new ones; loading the same records twice changes nothing.
 *
 * Ownership: es_store_cadastre_new returns a writer freed with
 * es_store_cadastre_free (which finalises its statements; it does not end
 * the run).  The decode tables passed in are borrowed and must outlive it. */
#ifndef ES_STORE_CADASTRE_H
#define ES_STORE_CADASTRE_H

#include "es_setup.h"
#include "types/error.h"
#include "types/date.h"
#include "io/csv.h"
#include "store/ledger.h"
#include "domain/cadastre.h"

typedef struct es_store_cadastre es_store_cadastre;

/* A data-quality finding ("bonifica" material).  check is a short name
 * (esattore-cadastre(5), "DATA QUALITY"); source and line are NULL/0 for
 * findings across records; unit_id and subject_id may be NULL. */
typedef void (*es_store_cadastre_report_fn)(void *ctx, const char *check, const char *source,
                                            uint64_t line, const char *unit_id,
                                            const char *subject_id, const char *detail);

/* codes gives the toponimi (addresses) and, from cadastre_rights, which
 * rights must have shares summing to 1 on a unit. */
es_store_cadastre *es_store_cadastre_new(es_ledger *l, const es_cadastre_codes *codes, es_err *err);
void es_store_cadastre_free(es_store_cadastre *s);

/* Write one parsed record.  ES_EDATA if the record cannot be stored (a key
 * that does not fit); ES_EDB on a database failure (abort the run). */
es_rc es_store_cadastre_put(es_store_cadastre *s, const es_cadastre_rec *rec, es_err *err);

/* After the last record: resolve 0/0 shares (esattore-cadastre(5), "SHARES")
 * and run the checks across records (titles without subject or unit,
 * overlapping situations, shares not summing to 1) on what this run wrote.
 * Each finding goes to report(ctx, ...). */
es_rc es_store_cadastre_finish(es_store_cadastre *s, es_store_cadastre_report_fn report, void *ctx,
                               es_err *err);

/* Counters of what put() wrote in this run. */
typedef struct es_store_cadastre_counts {
	uint64_t subjects, situations, identifiers, titles;
} es_store_cadastre_counts;
void es_store_cadastre_counts_get(const es_store_cadastre *s, es_store_cadastre_counts *c);

typedef enum es_cadastre_stream {
	ES_CADASTRE_UNITS = 1,
	ES_CADASTRE_SUBJECTS,
	ES_CADASTRE_TITLES
} es_cadastre_stream;

/* Write a stream of the ledger's cadastre as CSV (header included), in key
 * order.  as_of (ES_DATE_NONE: no filter) keeps the situations and titles
 * valid on that day: valid_from <= as_of < valid_to (valid_to exclusive,
 * the day the closing deed took effect).  codes decodes right_code into
 * the `right` column.  *rows receives the rows written. */
es_rc es_store_cadastre_emit(es_ledger *l, es_cadastre_stream stream, es_date as_of,
                             const es_cadastre_codes *codes, es_csv_writer *w, uint64_t *rows, es_err *err);

/* Tune SQLite for a throw-away scratch ledger (no fsync, in-memory journal). */
es_rc es_store_cadastre_scratch(es_ledger *l, es_err *err);

#endif
