/* matching.h: the payment matcher of match-payments (issue 7).
 *
 * Every payment is matched to what it pays by rules tried in order; each
 * allocation names the rule that made it and a status:
 *
 *   rule      manual        the operator's manual allocation (by payment_id)
 *             notice        the payment names a notice number (NAV) or IUV
 *             tax-year      F24: (tax_code, tax, year) against the dues,
 *                           acconto/saldo aware (cumulative installments)
 *             causale-rfb   a bank transfer causale /RFB/<IUV>[/<amount>]
 *             causale-rfs   /RFS/<RF reference>[/<amount>]
 *             causale-nav   an 18-digit notice number in the free text
 *             causale-cf    a codice fiscale in the free text, or the payer's
 *             flow          a treasury credit of a pagoPA flow (three-way check)
 *             f24-credit    a treasury credit of an F24 ripartizione (f24-reconcile --summary)
 *             none          nothing matched
 *   status    MATCHED, PARTIAL, OVERPAID (the excess; a refund or
 *             compensation candidate, with the subject's other open debts
 *             in the note), UNMATCHED, DUPLICATE.
 *
 * pagoPA items and treasury credits also get a reconciliation class in the
 * MyPivot style (pagopa.md §4.4): COMPLETE, PAID_NOT_REPORTED,
 * REPORTED_NOT_CREDITED, AMOUNT_DIFFERS, UNKNOWN_CREDIT.
 *
 * Memory: the dues are held in memory (interned strings, open-addressing
 * hash tables, no allocation per payment); payments stream through
 * es_matcher_match one at a time, leaving only a 63-bit fingerprint of
 * their id (for DUPLICATE; the ids final in earlier runs are kept so too,
 * in the same table).  Treasury credits are held until
 * es_matcher_finish, and so are pagoPA flows, because a flow can be
 * matched only once all flows and all credits have been seen: of a flow
 * read with es_matcher_add_flow_file only the header is held, its items
 * are read again from the file by es_matcher_finish.
 *
 * Ownership: es_matcher_new returns a matcher freed by es_matcher_free.
 * The es_alloc passed to the sink and its strings live only during the
 * call.  es_matcher_add_flow takes ownership of the flow. */
#ifndef ES_DOMAIN_MATCHING_H
#define ES_DOMAIN_MATCHING_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "domain/fdr.h"

typedef enum es_alloc_status {
	ES_ALLOC_MATCHED = 0,
	ES_ALLOC_PARTIAL = 1,
	ES_ALLOC_OVERPAID = 2,
	ES_ALLOC_UNMATCHED = 3,
	ES_ALLOC_DUPLICATE = 4
} es_alloc_status;

typedef enum es_recon {
	ES_RECON_NONE = 0,               /* not a pagoPA or treasury record */
	ES_RECON_COMPLETE = 1,           /* reported and credited, amounts equal */
	ES_RECON_PAID_NOT_REPORTED = 2,  /* a pagoPA receipt in no flow (yet) */
	ES_RECON_REPORTED_NOT_CREDITED = 3, /* a flow item whose flow has no credit (yet) */
	ES_RECON_AMOUNT_DIFFERS = 4,     /* flow and credit found, amounts differ */
	ES_RECON_UNKNOWN_CREDIT = 5      /* a treasury credit with no flow, IUV or debtor */
} es_recon;

const char *es_alloc_status_name(es_alloc_status s);
const char *es_recon_name(es_recon r);

typedef struct es_alloc {
	const char *payment_id;
	const char *position_id;     /* "" when unmatched */
	const char *notice_number;   /* "" when the match was not by notice */
	const char *tax_code;        /* the debtor's, or the payer's when unmatched */
	es_cents amount;
	const char *rule;
	es_alloc_status status;
	es_recon recon;
	const char *note;            /* "" or an explanation */
	/* Where the payment came from (for the ledger's payments table). */
	const char *source;          /* F24, PAGOPA, TREASURY, BANK, MANUAL, ... */
	const char *source_ref;
	es_date paid_on;
	es_date credited_on;
	es_cents payment_amount;     /* the whole payment */
	int64_t position_index;      /* -1, or the matcher's index of the position */
	bool first;                  /* the first allocation row of this payment */
	const char *causale;         /* the payment's causale, or "" */
} es_alloc;

/* What the matcher reports: allocations, and records it cannot use. */
typedef struct es_match_sink {
	es_rc (*alloc)(void *ctx, const es_alloc *a, es_err *err);
	/* A record that cannot be used: source and line name it, message says why. */
	es_rc (*reject)(void *ctx, const char *source, uint64_t line, const char *payment_id,
	                const char *message, es_err *err);
	/* A warning about a whole flow or credit (re-issued flow, count or sum
	 * mismatch): printed, not counted. */
	void (*warn)(void *ctx, const char *source, uint64_t line, const char *message);
	/* A payment allocated by an earlier run (es_matcher_add_known_payment):
	 * nothing is allocated again.  May be NULL. */
	es_rc (*skip)(void *ctx, const char *payment_id, es_err *err);
	void *ctx;
	/* The ids of es_matcher_add_known_payment are held as 64-bit
	 * fingerprints; two ids may share one (odds about n^2 / 2^65).  When a
	 * payment's fingerprint is among them, known says whether its id really
	 * was allocated by an earlier run; if not, it is matched as new.  May be
	 * NULL: the fingerprint is then trusted. */
	es_rc (*known)(void *ctx, const char *payment_id, bool *known, es_err *err);
} es_match_sink;

typedef struct es_matcher es_matcher;

es_matcher *es_matcher_new(es_err *err);
void es_matcher_free(es_matcher *m);
/* Size the tables for about `dues` dues rows, `payments` payments and
 * `bytes` bytes of identifiers, so that loading does not move them
 * (estimates: more is harmless, less only slower). */
es_rc es_matcher_reserve(es_matcher *m, size_t dues, size_t payments, size_t bytes, es_err *err);

/* --- what is owed --- */

/* One row of dues (DESIGN.md dues stream) or of the ledger's due_lines and
 * notices.  position_id may be NULL or "": the position is then
 * "<tax_code>-<tax>-<year>".  notice_number and iuv may be NULL or "". */
typedef struct es_match_due {
	const char *position_id;
	const char *tax_code;
	const char *tax;
	int year;
	int installment;             /* 0 = single payment, 1.. = installments */
	es_date due_date;
	es_cents amount;
	const char *notice_number;
	const char *iuv;
} es_match_due;

/* Add a due; ES_EDATA if it contradicts an earlier one (the same
 * installment with another notice number). */
es_rc es_matcher_add_due(es_matcher *m, const es_match_due *d, es_err *err);
/* Record an amount already allocated to a position by earlier runs. */
es_rc es_matcher_add_paid(es_matcher *m, const char *position_id, const char *notice_number,
                          es_cents amount, es_err *err);
/* Record a payment_id already allocated by an earlier run: it is skipped. */
es_rc es_matcher_add_known_payment(es_matcher *m, const char *payment_id, es_err *err);
/* Done with dues: build the indexes.  Must be called before matching. */
es_rc es_matcher_seal(es_matcher *m, es_err *err);
/* The date the other open debts listed with an OVERPAID allocation must be
 * due by (a compensation offsets only what is due); ES_DATE_NONE = all. */
void es_matcher_set_as_of(es_matcher *m, es_date as_of);
/* An F24 IMU row flagged acconto only, without ravvedimento, written for
 * year Y and paid in Y + 1 is taken as Y + 1's acconto when it was paid
 * from `days` before the due date of Y + 1's acconto until its saldo is
 * due and Y + 1 has received less than its acconto (a taxpayer who copied
 * last year's F24); otherwise it is a late acconto of Y (matching.c,
 * acconto_year_ahead).  days < 0 turns the rule off.  The default,
 * ES_MATCH_ACCONTO_WINDOW, is no law: an acconto due on 16 June is paid
 * from mid-March on as the year's, while a late acconto of the year
 * before is paid before then (usually with ravvedimento, which keeps its
 * year in any case). */
#define ES_MATCH_ACCONTO_WINDOW 90
void es_matcher_set_acconto_window(es_matcher *m, int days);
size_t es_matcher_npositions(const es_matcher *m);

/* A manual allocation: payment_id to a position, a notice or a
 * (tax_code, tax, year); amount < 0 means "the whole payment". */
typedef struct es_match_manual {
	const char *payment_id;
	const char *position_id;
	const char *notice_number;
	const char *tax_code;
	const char *tax;
	int year;
	es_cents amount;
} es_match_manual;
/* ES_EDATA if the target does not exist or the payment_id is listed twice. */
es_rc es_matcher_add_manual(es_matcher *m, const es_match_manual *mm, es_err *err);

/* --- what was paid --- */

typedef struct es_match_payment {
	const char *payment_id;
	const char *source;
	const char *source_ref;      /* file:line */
	const char *tax_code;
	const char *tax;
	int year;                    /* 0 = unknown */
	const char *tributo;
	const char *notice_number;
	const char *iuv;
	const char *causale;         /* bank statements: the remittance text */
	es_date paid_on;
	es_date credited_on;
	es_cents amount;
	uint64_t line;
	/* From f24-reconcile's stream: "tax", "interest" or "sanction" (NULL
	 * or "" means tax); interest and sanctions (ravvedimento) are not
	 * allocated against the due: they are MATCHED without a position, the
	 * note naming the position they go with. */
	const char *kind;
	/* From f24-reconcile's stream: "acconto", "saldo" or "unica" (flags
	 * 128-129 of the G1 record); NULL or "" when unknown.  Decides whether
	 * a year written for an already paid position is believed (see
	 * es_matcher_match). */
	const char *acconto_saldo;
	bool ravvedimento;           /* flag 126 of the G1 record: a late payment of the year written */
	bool cancelled;              /* status "cancelled" (G9): nothing is allocated */
} es_match_payment;

/* Match one payment and report its allocations to sink.  A payment whose
 * causale names a pagoPA flow is kept as a treasury credit and reported by
 * es_matcher_finish. */
es_rc es_matcher_match(es_matcher *m, const es_match_payment *p, const es_match_sink *sink, es_err *err);

/* A hint, no effect on the result: load into the cache what matching
 * the n payments pv[] will read first (the index slots and the entries
 * they point to).  Called on a batch of payments before matching them one
 * by one, it lets their cache misses overlap instead of coming one after
 * the other. */
void es_matcher_prefetch(const es_matcher *m, const es_match_payment *const *pv, size_t n);
/* The same for a batch of dues about to be added. */
void es_matcher_prefetch_dues(const es_matcher *m, const es_match_due *const *dv, size_t n);

/* pagoPA: add a flow (ownership passes to the matcher).  A flow with the
 * id of one already added (case-insensitive) replaces it when its
 * dataOraFlusso is later, else it is dropped; sink->warn says which. */
es_rc es_matcher_add_flow(es_matcher *m, es_fdr *f, const es_match_sink *sink, es_err *err);
/* The same for the flow in the file at path, read whole now (ES_EDATA, as
 * es_fdr_read, when it is not a usable flow: nothing is added) and again,
 * item by item, by es_matcher_finish (and by es_matcher_match for the
 * first pagoPA receipt among the payments): only its header is held.  The
 * file must not change during the run (it is then ES_EIO). */
es_rc es_matcher_add_flow_file(es_matcher *m, const char *path, const es_match_sink *sink, es_err *err);
/* A treasury credit (an OPI SOSPESO ENTRATA, a bank statement row). */
es_rc es_matcher_add_credit(es_matcher *m, const es_match_payment *p, const char *client_cf, es_err *err);
/* The number of credits added so far, and dropping those added after
 * such a mark (a journal that turns out to be broken half-way is taken
 * whole or not at all).  Credits already linked to flows are kept. */
size_t es_matcher_credits(const es_matcher *m);
/* Has a credit with this payment_id been added? */
bool es_matcher_has_credit(const es_matcher *m, const char *payment_id);
void es_matcher_drop_credits(es_matcher *m, size_t mark);
/* A block of F24 money credited to the treasury (f24-reconcile
 * --summary: data_ripartizione and g5_accredited): a treasury credit of
 * this amount, preferably naming this date, is the F24 cash (rule
 * "f24-credit"), not an unknown credit. */
es_rc es_matcher_add_f24_block(es_matcher *m, const char *ripartizione, es_cents amount, const char *ref,
                               es_err *err);
/* Reconcile flows with credits and positions, and report every flow item
 * and every credit. */
es_rc es_matcher_finish(es_matcher *m, const es_match_sink *sink, es_err *err);
/* Items of the flows in use (re-issued flows replace earlier ones). */
uint64_t es_matcher_flow_items(const es_matcher *m);

#endif
