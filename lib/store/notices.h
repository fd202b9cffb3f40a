/* notices.h: the notices stream (esattore-csv(5)) drawn from the ledger:
 * one row per open pagoPA notice (installment) of a debt position, with the
 * debtor and, for acts, the amounts the act shows.  It is what
 * render-notices prints and send-notices mails.
 *
 * Debtor contacts: the ledger's subjects carry names; addresses, PEC and
 * e-mail usually come from the registry office and INI-PEC, given as a
 * contacts CSV (tax_code plus any of name, address, pec, email; a surname
 * column, if present, goes before name), which overrides what the ledger
 * has.  A position is exported only while all its notices are open: once
 * an installment is paid, the bill has done its work and what is left is
 * for the assessment phase.
 *
 * Ownership: the es_notice passed to the callback and its strings belong to
 * the exporter and live until the callback returns. */
#ifndef ES_STORE_NOTICES_H
#define ES_STORE_NOTICES_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "store/ledger.h"

typedef struct es_notice_filter {
	const char *phase;        /* S1, S2, S3, or NULL for all */
	const char *tax;          /* IMU, TARI, ... or NULL */
	int year;                 /* 0 for all */
	const char *act_type;     /* bill, accertamento, sollecito, intimazione,
	                             ingiunzione, rateizzazione, or NULL */
	bool include_paid;        /* also positions with notices no longer open */
} es_notice_filter;

typedef struct es_notice {
	char notice_id[32];       /* S1-<position>, S2-<position>, ... */
	const char *act_type;
	const char *act_id;       /* "" for ordinary bills */
	const char *tax_code;
	const char *name;
	const char *address;
	const char *pec;
	const char *email;
	char subject_text[160];
	int installment;          /* 0: single payment */
	const char *notice_number;
	es_cents amount;
	const char *due_date;     /* ISO */
	const char *tax;
	int year;
	bool is_act;              /* the act amounts below are meaningful */
	es_cents tax_due, tax_paid, tax_unpaid, sanction, interest, costs, collection_charges, total;
} es_notice;

typedef es_rc (*es_notice_fn)(void *ctx, const es_notice *n, es_err *err);

/* Load a contacts CSV into the ledger connection's TEMP storage (nothing
 * is written to the ledger file).  Rows with an invalid or empty tax_code
 * go to rj (counted in *rejected). */
struct es_rejects;
es_rc es_store_notices_contacts(es_ledger *l, const char *path, struct es_rejects *rj,
                                uint64_t *read, uint64_t *rejected, es_err *err);
/* Call fn for every notice that passes the filter, ordered by position and
 * installment. */
es_rc es_store_notices_each(es_ledger *l, const es_notice_filter *f, es_notice_fn fn, void *ctx, es_err *err);

#endif
