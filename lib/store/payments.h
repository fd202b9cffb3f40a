/* payments.h: the `payments` table of the ledger (the payments stream of
 * DESIGN.md), shared by every importer of money: f24-reconcile (F24 supply
 * of the Agenzia delle Entrate), match-payments (pagoPA FdR, treasury OPI,
 * bank statements) and manual entry.
 *
 * A payment is identified by payment_id, a text key that the importer
 * derives from the identity of its source (never from a counter), so that
 * importing the same source twice records nothing new:
 *
 *   F24       "F24-<belfiore>-<ripartizione>-<bonifico>-<fornitura>-<delega>-<riga>"
 *             (es_f24_payment_id in domain/f24.h)
 *   PAGOPA    e.g. "PAGOPA-<idFlusso>-<IUV>-<indiceDatiSingoloPagamento>"
 *   TREASURY  e.g. "OPI-<esercizio>-<numero provvisorio>"
 *
 * Insertion is idempotent: inserting a row whose payment_id exists with the
 * same content is a no-op reported as ES_PAYMENT_EXISTS; with a different
 * content (amount, dates, tax code, tributo, year) it is ES_PAYMENT_CONFLICT
 * and the stored row is left untouched: the caller reports the difference.
 *
 * All writes happen inside the run transaction of the ledger
 * (es_ledger_run_begin ... es_ledger_run_commit/abort).
 *
 * Ownership: es_store_payment_open returns a handle (holding prepared
 * statements) that the caller frees with es_store_payment_close before
 * closing the ledger.  es_payment is a borrowed view: its strings belong to
 * the caller and are copied into the database; NULL or "" is stored as NULL.
 * The es_payment filled by es_store_payment_get points into the handle and
 * is valid until the next call on the handle. */
#ifndef ES_STORE_PAYMENTS_H
#define ES_STORE_PAYMENTS_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "store/ledger.h"

/* Payment status values (payments.status). */
#define ES_PAYMENT_VALID "valid"
#define ES_PAYMENT_CANCELLED "cancelled"

typedef struct es_payment {
	const char *payment_id;    /* required, stable across runs */
	const char *source;        /* required: F24, PAGOPA, TREASURY, BANK, MANUAL */
	const char *source_ref;    /* required: where the row came from (file, record, ...) */
	const char *tax_code;      /* the payer's codice fiscale / partita IVA */
	const char *tax;           /* IMU, TARI, TEFA, TASI, ... */
	int year;                  /* the tax year; 0 = unknown (stored NULL) */
	const char *tributo;       /* codice tributo (F24) or tassonomia code */
	const char *notice_number; /* pagoPA NAV, 18 digits */
	const char *iuv;
	es_date paid_on;           /* ES_DATE_NONE = unknown */
	es_date credited_on;       /* ES_DATE_NONE = not (yet) known */
	es_cents amount;           /* signed: a credit offset can make it negative */
	const char *status;        /* ES_PAYMENT_VALID (NULL means valid) or ES_PAYMENT_CANCELLED */
	es_date status_on;         /* date of the last status change (G9 data operazione) */
	const char *belfiore;      /* the municipality the payment was made to */
	const char *operation_id;  /* identificativo operazione / causale, free text */
	const char *installment;   /* rateazione as given ("0101", "3/4", ...) */
	const char *detail;        /* free "key=value;..." text of source-specific fields */
} es_payment;

typedef enum es_payment_outcome {
	ES_PAYMENT_INSERTED = 0,   /* a new row was written */
	ES_PAYMENT_EXISTS = 1,     /* same payment_id, same content: nothing written */
	ES_PAYMENT_CONFLICT = 2    /* same payment_id, different content: nothing written */
} es_payment_outcome;

typedef struct es_payment_store es_payment_store;

es_payment_store *es_store_payment_open(es_ledger *l, es_err *err);
void es_store_payment_close(es_payment_store *ps);

/* Insert p (see the idempotence rule above).  *outcome may be NULL.  On
 * ES_PAYMENT_CONFLICT, err (if not NULL) names the first differing column
 * while the return value is ES_OK.  A missing payment_id, source or
 * source_ref is ES_EDATA. */
es_rc es_store_payment_insert(es_payment_store *ps, const es_payment *p, es_payment_outcome *outcome,
                              es_err *err);

/* The same insertion without the comparison: p is inserted unless its
 * payment_id is already recorded, in which case nothing is written or
 * read.  *inserted (may be NULL) tells which.  For importers that do not
 * report conflicts (match-payments), one B-tree lookup instead of two. */
es_rc es_store_payment_insert_new(es_payment_store *ps, const es_payment *p, bool *inserted, es_err *err);
/* The same for pv[0..n-1], in that order, ES_PAYMENT_BATCH rows a
 * statement: the B-tree cursors stay open from one row to the next. */
#define ES_PAYMENT_BATCH 256
es_rc es_store_payment_insert_new_many(es_payment_store *ps, const es_payment *pv, size_t n, es_err *err);

/* Read one payment: *found tells whether it exists; out is filled when it
 * does (strings valid until the next call on ps). */
es_rc es_store_payment_get(es_payment_store *ps, const char *payment_id, bool *found, es_payment *out,
                           es_err *err);

/* Change the status of a payment (cancellation, restoration), recording
 * the date of the change.  *changed (may be NULL) is false when the
 * payment does not exist or already had that status. */
es_rc es_store_payment_set_status(es_payment_store *ps, const char *payment_id, const char *status,
                                  es_date on, bool *changed, es_err *err);

/* Find payments by content, for sources that carry no reference to the
 * original row (an F24 G9 cancellation names CF, date, tributo, year and
 * amount, not the delega).  Every non-NULL / non-zero / non-NONE field of
 * `key` must match; key->payment_id, if set, is a prefix that payment_id
 * must start with.  fn is called for each match in payment_id order with
 * the row's id and status; returning false stops the search.  With
 * key->tax_code set the search is an index lookup; without, a scan of the
 * table. */
typedef bool (*es_payment_found_fn)(void *ctx, const char *payment_id, const char *status);
es_rc es_store_payment_find(es_payment_store *ps, const es_payment *key, bool match_amount,
                            es_payment_found_fn fn, void *ctx, es_err *err);

/* Supplies already imported (f24-reconcile): a supply is identified by a
 * key (F24: "<belfiore>-<data fornitura>-<progressivo>") and by the SHA-256
 * of its bytes.  es_store_payment_supply_seen tells whether the key was recorded
 * and, if so, whether with the same hash; es_store_payment_supply_record records it
 * for the current run (a no-op if the key and hash are already there). */
es_rc es_store_payment_supply_seen(es_payment_store *ps, const char *source, const char *supply_key,
                           const char *sha256_hex, bool *key_seen, bool *same_hash, es_err *err);
es_rc es_store_payment_supply_record(es_payment_store *ps, const char *source, const char *supply_key,
                             const char *sha256_hex, uint64_t records, es_err *err);

/* Bulk loading (f24-reconcile's first import of a large supply).  Inserts
 * in the order of payment_id go to the end of the key, but the index on
 * tax_code takes them in random order: once the index outgrows the page
 * cache each insert reads and rewrites a page.  es_store_payment_bulk_begin,
 * told that about `rows` new payments are coming, drops that index when
 * the batch is large beside the table (rows at least half the rows already
 * there); es_store_payment_bulk_end creates it again, from its stored
 * definition (a sort of the table).  Both
 * run inside the run transaction, so a failure or a kill leaves the ledger
 * with its index; a run that commits MUST have called
 * es_store_payment_bulk_end (a no-op when nothing was dropped) first.  In
 * between, es_store_payment_find with a tax code scans the table.
 * *dropped (may be NULL) tells whether the index was dropped. */
es_rc es_store_payment_bulk_begin(es_payment_store *ps, uint64_t rows, bool *dropped, es_err *err);
es_rc es_store_payment_bulk_end(es_payment_store *ps, es_err *err);

#endif
