/* allocations.c: match-payments and the ledger (see allocations.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/allocations.h"
#include "store/payments.h"

/* The payment_ids that had UNMATCHED allocations when the run began, as
 * a Bloom filter: a payment not in it has no row that the run must keep
 * (same) or replace (del), so the two lookups are skipped; a false
 * positive only costs them.  Blocked: the bits of a key are in one
 * 64-byte block, one cache miss per lookup.  About 10 bits a key, 6 bits
 * set: about 1% false positives. */
enum { BLOOM_BLOCK_WORDS = 8, BLOOM_BITS_PER_KEY = 10, BLOOM_K = 6 };

typedef struct bloom {
	uint64_t *w;             /* nblocks * BLOOM_BLOCK_WORDS words; NULL = empty set */
	uint64_t nblocks;
} bloom;

/* Rows written by es_store_alloc_write wait in a buffer and go to the
 * ledger a block at a time (es_store_alloc_finish writes the last one):
 * INSERTs of ALLOC_BATCH rows each keep their B-tree cursors open from
 * one row to the next, where a statement a row descends every tree
 * again.  A statement of many rows with foreign keys keeps a statement
 * journal (the pages it changes, in a temporary file): 256 rows a
 * statement pay for it (64 barely did; 1024 no better, measured at
 * 200,000 subjects).  The payments of a block go first (the allocations
 * reference them).  The order of the rows is the order of the calls, so
 * allocation_ids are as without the buffer.  Strings are kept as offsets
 * into txt. */
enum { ALLOC_BATCH = 256, ALLOC_BUFFER = 4096, ALLOC_COLS = 8 };
#define NO_TEXT ((size_t)-1)

typedef struct pend_pay {
	size_t payment_id, source, source_ref, tax_code, notice_number, causale;
	es_date paid_on, credited_on;
	es_cents amount;
} pend_pay;

typedef struct pend_alloc {
	size_t payment_id, notice_number, tax_code, rule;
	int64_t position_id;
	bool has_position;
	es_cents amount;
	es_alloc_status status;
} pend_alloc;

struct es_alloc_store {
	es_ledger *l;
	sqlite3 *db;
	es_payment_store *ps;
	sqlite3_stmt *ins;       /* insert an allocation */
	sqlite3_stmt *ins_many;  /* insert ALLOC_BATCH allocations */
	sqlite3_stmt *del;       /* drop stale UNMATCHED rows of a payment */
	sqlite3_stmt *same;      /* the same UNMATCHED row, from an earlier run */
	sqlite3_stmt *final;     /* is a payment_id allocated for good by an earlier run? */
	bloom unmatched;         /* payment_ids with UNMATCHED rows of earlier runs */
	bool unmatched_loaded;   /* unmatched is filled (by es_store_alloc_load_paid) */
	pend_pay pay[ALLOC_BUFFER];
	pend_alloc alloc[ALLOC_BUFFER];
	es_payment pv[ALLOC_BUFFER];   /* the payments of a block, at flush */
	size_t npay, nalloc;
	char *txt;
	size_t txt_len, txt_cap;
};

/* FNV-1a, then the murmur3 finaliser so that every bit depends on the
 * whole key (payment_ids differ mostly in their last characters). */
static uint64_t
key_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static bool
bloom_init(bloom *b, uint64_t keys)
{
	uint64_t bits = (keys < 64 ? 64 : keys) * BLOOM_BITS_PER_KEY;

	b->nblocks = (bits + 511) / 512;
	b->w = calloc(b->nblocks * BLOOM_BLOCK_WORDS, sizeof *b->w);
	return b->w != NULL;
}

/* The block of h (from its high half) and the K bit positions in it
 * (double hashing from its low half). */
static uint64_t *
bloom_block(const bloom *b, uint64_t h)
{
	return b->w + (((h >> 32) * b->nblocks) >> 32) * BLOOM_BLOCK_WORDS;
}

static unsigned
bloom_bit(uint64_t h, int i)
{
	uint32_t a = (uint32_t)h & 0xffff, d = ((uint32_t)h >> 16) | 1;

	return (a + (uint32_t)i * d) & 511;
}

static void
bloom_add(bloom *b, uint64_t h)
{
	uint64_t *blk = bloom_block(b, h);
	int i;

	for (i = 0; i < BLOOM_K; i++) {
		unsigned bit = bloom_bit(h, i);

		blk[bit >> 6] |= 1ULL << (bit & 63);
	}
}

static bool
bloom_maybe(const bloom *b, uint64_t h)
{
	const uint64_t *blk;
	int i;

	if (b->w == NULL)
		return false;
	blk = bloom_block(b, h);
	for (i = 0; i < BLOOM_K; i++) {
		unsigned bit = bloom_bit(h, i);

		if ((blk[bit >> 6] & (1ULL << (bit & 63))) == 0)
			return false;
	}
	return true;
}

static es_rc
db_error(es_alloc_store *s, es_err *err, const char *what)
{
	return es_err_set(err, ES_EDB, "%s: %s: %s", es_ledger_path(s->l), what, sqlite3_errmsg(s->db));
}

static es_rc
prepare(es_alloc_store *s, const char *sql, sqlite3_stmt **st, es_err *err)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return db_error(s, err, "prepare");
	return ES_OK;
}

es_alloc_store *
es_store_alloc_open(es_ledger *l, es_err *err)
{
	es_alloc_store *s = calloc(1, sizeof *s);

	if (s == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	s->l = l;
	s->db = es_ledger_db(l);
	s->ps = es_store_payment_open(l, err);
	if (s->ps == NULL
	    || prepare(s, "INSERT INTO allocations (payment_id, position_id, notice_number, tax_code, amount,"
	                  " rule, status, run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &s->ins, err) != ES_OK
	    || prepare(s, "DELETE FROM allocations WHERE payment_id = ?1 AND status = 'UNMATCHED'"
	                  " AND (run_id IS NULL OR run_id <> ?2)", &s->del, err) != ES_OK
	    || prepare(s, "SELECT 1 FROM allocations WHERE payment_id = ?1 AND status = 'UNMATCHED'"
	                  " AND amount = ?2 AND rule = ?3 AND IFNULL(notice_number, '') = ?4"
	                  " AND IFNULL(tax_code, '') = ?5 AND position_id IS NULL"
	                  " AND (run_id IS NULL OR run_id <> ?6)", &s->same, err) != ES_OK
	    || prepare(s, "SELECT 1 FROM allocations WHERE payment_id = ?1 AND status <> 'UNMATCHED'"
	                  " AND (run_id IS NULL OR run_id <> ?2) LIMIT 1", &s->final, err) != ES_OK) {
		es_store_alloc_close(s);
		return NULL;
	}
	return s;
}

void
es_store_alloc_close(es_alloc_store *s)
{
	if (s == NULL)
		return;
	sqlite3_finalize(s->ins);
	sqlite3_finalize(s->del);
	sqlite3_finalize(s->same);
	sqlite3_finalize(s->final);
	sqlite3_finalize(s->ins_many);
	es_store_payment_close(s->ps);
	free(s->unmatched.w);
	free(s->txt);
	free(s);
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? (const char *)t : "";
}

es_rc
es_store_alloc_load_dues(es_alloc_store *s, es_matcher *m, es_err *err)
{
	/* One row per (position, installment): the due lines summed, the
	 * notice of that installment if any.  A position without due lines
	 * (an act) is one single-payment installment of its amount_due. */
	static const char sql[] =
		"SELECT p.position_id, p.tax_code, p.tax, p.year, d.installment, MIN(d.due_date),"
		"       SUM(d.amount_due), n.notice_number, n.iuv"
		"  FROM positions p JOIN due_lines d ON d.position_id = p.position_id"
		"  LEFT JOIN notices n ON n.position_id = p.position_id AND n.installment = d.installment"
		" GROUP BY p.position_id, d.installment"
		" UNION ALL "
		"SELECT p.position_id, p.tax_code, p.tax, p.year, COALESCE(n.installment, 0),"
		"       COALESCE(n.due_date, ''), COALESCE(n.amount, p.amount_due), n.notice_number, n.iuv"
		"  FROM positions p LEFT JOIN notices n ON n.position_id = p.position_id"
		" WHERE NOT EXISTS (SELECT 1 FROM due_lines d WHERE d.position_id = p.position_id)"
		" ORDER BY 1, 5";
	sqlite3_stmt *st;
	es_rc rc = ES_OK;
	int r;

	if (prepare(s, sql, &st, err) != ES_OK)
		return ES_EDB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		es_match_due d;
		es_err e;

		memset(&d, 0, sizeof d);
		d.position_id = col_text(st, 0);
		d.tax_code = col_text(st, 1);
		d.tax = col_text(st, 2);
		d.year = sqlite3_column_int(st, 3);
		d.installment = sqlite3_column_int(st, 4);
		if (es_date_parse(col_text(st, 5), ES_DATE_ISO, &d.due_date, &e) != ES_OK)
			d.due_date = ES_DATE_NONE;
		d.amount = sqlite3_column_int64(st, 6);
		d.notice_number = col_text(st, 7);
		d.iuv = col_text(st, 8);
		if ((rc = es_matcher_add_due(m, &d, err)) != ES_OK) {
			es_err_prefix(err, "%s: position %s", es_ledger_path(s->l), d.position_id);
			if (rc == ES_EDATA)
				rc = ES_EDB;   /* the ledger contradicts itself */
			break;
		}
	}
	if (rc == ES_OK && r != SQLITE_DONE)
		rc = db_error(s, err, "reading positions");
	sqlite3_finalize(st);
	return rc;
}

/* Size the filter of UNMATCHED payment_ids: allocation_id bounds the
 * number of rows, hence of keys (1.25 bytes a row). */
static es_rc
unmatched_init(es_alloc_store *s, es_err *err)
{
	sqlite3_stmt *st;
	sqlite3_int64 rows = 0;
	int r;

	if (prepare(s, "SELECT MAX(allocation_id) FROM allocations", &st, err) != ES_OK)
		return ES_EDB;
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		rows = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (r != SQLITE_ROW)
		return db_error(s, err, "reading allocations");
	free(s->unmatched.w);
	s->unmatched.w = NULL;
	if (rows > 0 && !bloom_init(&s->unmatched, (uint64_t)rows))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	return ES_OK;
}

es_rc
es_store_alloc_load_paid(es_alloc_store *s, es_matcher *m, es_err *err)
{
	static const char paid_sql[] =
		"SELECT position_id, COALESCE(notice_number, ''), SUM(amount) FROM allocations"
		" WHERE status IN ('MATCHED','PARTIAL') AND position_id IS NOT NULL"
		" GROUP BY position_id, notice_number";
	/* Per payment_id: has it a final row (a row not UNMATCHED), has it
	 * an UNMATCHED row?  One pass of allocations_payment, the rows of a
	 * payment together, grouped here (an SQL GROUP BY with MIN/MAX costs
	 * five times the scan). */
	static const char final_sql[] =
		"SELECT payment_id, status = 'UNMATCHED' FROM allocations ORDER BY payment_id";
	char *prev = NULL;
	size_t prev_cap = 0;
	bool any = false, final = false, unmatched = false;
	sqlite3_stmt *st;
	es_rc rc = ES_OK;
	int r;

	if (prepare(s, paid_sql, &st, err) != ES_OK)
		return ES_EDB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = es_matcher_add_paid(m, col_text(st, 0), col_text(st, 1), sqlite3_column_int64(st, 2),
		                              err)) != ES_OK) {
			rc = ES_EDB;
			break;
		}
	}
	if (rc == ES_OK && r != SQLITE_DONE)
		rc = db_error(s, err, "reading allocations");
	sqlite3_finalize(st);
	if (rc != ES_OK)
		return rc;
	if ((rc = unmatched_init(s, err)) != ES_OK)
		return rc;
	if (s->unmatched.w == NULL) {
		s->unmatched_loaded = true;   /* no allocations at all */
		return ES_OK;
	}
	if (prepare(s, final_sql, &st, err) != ES_OK)
		return ES_EDB;
	for (;;) {
		const char *pid = NULL;
		size_t n;

		r = sqlite3_step(st);
		if (r == SQLITE_ROW)
			pid = col_text(st, 0);
		/* The end of a payment's rows: record what they said. */
		if (any && (pid == NULL || strcmp(pid, prev) != 0)) {
			if (final && (rc = es_matcher_add_known_payment(m, prev, err)) != ES_OK)
				break;
			if (unmatched)
				bloom_add(&s->unmatched, key_hash(prev));
			any = final = unmatched = false;
		}
		if (pid == NULL)
			break;
		if (!any) {
			n = strlen(pid) + 1;
			if (n > prev_cap) {
				char *p = realloc(prev, n * 2);

				if (p == NULL) {
					rc = es_err_set(err, ES_ENOMEM, "out of memory");
					break;
				}
				prev = p;
				prev_cap = n * 2;
			}
			memcpy(prev, pid, n);
			any = true;
		}
		if (sqlite3_column_int(st, 1) != 0)
			unmatched = true;
		else
			final = true;
	}
	if (rc == ES_OK && r != SQLITE_DONE)
		rc = db_error(s, err, "reading allocations");
	sqlite3_finalize(st);
	free(prev);
	s->unmatched_loaded = rc == ES_OK;
	return rc;
}

es_rc
es_store_alloc_load_pending(es_alloc_store *s, es_matcher *m, es_err *err)
{
	/* Treasury and bank credits whose every allocation is UNMATCHED. */
	static const char sql[] =
		"SELECT p.payment_id, p.source, p.source_ref, COALESCE(p.tax_code, ''), p.amount,"
		"       COALESCE(p.operation_id, ''), COALESCE(p.paid_on, ''), COALESCE(p.credited_on, '')"
		"  FROM payments p"
		" WHERE p.source IN ('TREASURY', 'BANK') AND p.status = 'valid'"
		"   AND EXISTS (SELECT 1 FROM allocations a WHERE a.payment_id = p.payment_id)"
		"   AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.payment_id = p.payment_id"
		"                   AND a.status <> 'UNMATCHED')"
		" ORDER BY p.payment_id";
	sqlite3_stmt *st;
	es_rc rc = ES_OK;
	int r;

	if (prepare(s, sql, &st, err) != ES_OK)
		return ES_EDB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		es_match_payment p;

		if (es_matcher_has_credit(m, col_text(st, 0)))
			continue;   /* in tonight's inputs too */
		memset(&p, 0, sizeof p);
		p.payment_id = col_text(st, 0);
		p.source = col_text(st, 1);
		p.source_ref = col_text(st, 2);
		p.tax_code = col_text(st, 3);
		p.amount = sqlite3_column_int64(st, 4);
		p.causale = col_text(st, 5);
		if (es_date_parse(col_text(st, 6), ES_DATE_ISO, &p.paid_on, NULL) != ES_OK)
			p.paid_on = ES_DATE_NONE;
		if (es_date_parse(col_text(st, 7), ES_DATE_ISO, &p.credited_on, NULL) != ES_OK)
			p.credited_on = ES_DATE_NONE;
		if ((rc = es_matcher_add_credit(m, &p, p.tax_code, err)) != ES_OK)
			break;
	}
	if (rc == ES_OK && r != SQLITE_DONE)
		rc = db_error(s, err, "reading pending credits");
	sqlite3_finalize(st);
	return rc;
}

/* Copy t into the buffer's text; NO_TEXT for NULL or "" (stored NULL). */
static bool
keep(es_alloc_store *s, const char *t, size_t *off)
{
	size_t n;

	if (t == NULL || *t == '\0') {
		*off = NO_TEXT;
		return true;
	}
	n = strlen(t) + 1;
	if (s->txt_len + n > s->txt_cap) {
		size_t cap = s->txt_cap > 0 ? s->txt_cap * 2 : 1 << 16;
		char *p;

		while (cap < s->txt_len + n)
			cap *= 2;
		if ((p = realloc(s->txt, cap)) == NULL)
			return false;
		s->txt = p;
		s->txt_cap = cap;
	}
	memcpy(s->txt + s->txt_len, t, n);
	*off = s->txt_len;
	s->txt_len += n;
	return true;
}

static const char *
text_at(const es_alloc_store *s, size_t off)
{
	return off == NO_TEXT ? NULL : s->txt + off;
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *t)
{
	if (t == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, t, -1, SQLITE_STATIC);
}

/* Bind allocation r as the row whose first parameter is base + 1. */
static void
bind_alloc(es_alloc_store *s, sqlite3_stmt *st, int base, const pend_alloc *r)
{
	bind_opt(st, base + 1, text_at(s, r->payment_id));
	if (r->has_position)
		sqlite3_bind_int64(st, base + 2, r->position_id);
	else
		sqlite3_bind_null(st, base + 2);
	bind_opt(st, base + 3, text_at(s, r->notice_number));
	bind_opt(st, base + 4, text_at(s, r->tax_code));
	sqlite3_bind_int64(st, base + 5, r->amount);
	bind_opt(st, base + 6, text_at(s, r->rule));
	sqlite3_bind_text(st, base + 7, es_alloc_status_name(r->status), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 8, es_ledger_run_id(s->l));
}

static es_rc
prepare_many(es_alloc_store *s, es_err *err)
{
	static const char head[] =
		"INSERT INTO allocations (payment_id, position_id, notice_number, tax_code, amount, rule, status,"
		" run_id) VALUES ";
	static const char row[] = "(?,?,?,?,?,?,?,?)";
	char q[sizeof head + ALLOC_BATCH * sizeof row], *e = q;
	int i;

	memcpy(e, head, sizeof head - 1);
	e += sizeof head - 1;
	for (i = 0; i < ALLOC_BATCH; i++) {
		if (i > 0)
			*e++ = ',';
		memcpy(e, row, sizeof row - 1);
		e += sizeof row - 1;
	}
	*e = '\0';
	return prepare(s, q, &s->ins_many, err);
}

/* Write the buffered payments, then the buffered allocations. */
static es_rc
flush(es_alloc_store *s, es_err *err)
{
	es_payment *pv = s->pv;
	size_t i, k;
	es_rc rc;
	int r;

	for (i = 0; i < s->npay; i++) {
		const pend_pay *q = &s->pay[i];
		es_payment *p = &pv[i];

		memset(p, 0, sizeof *p);
		p->payment_id = text_at(s, q->payment_id);
		p->source = text_at(s, q->source);
		p->source_ref = text_at(s, q->source_ref);
		p->tax_code = text_at(s, q->tax_code);
		p->notice_number = text_at(s, q->notice_number);
		p->paid_on = q->paid_on;
		p->credited_on = q->credited_on;
		p->amount = q->amount;
		p->status_on = ES_DATE_NONE;
		/* The causale, so that a credit left unmatched can be matched
		 * again on a later night without its journal. */
		p->operation_id = text_at(s, q->causale);
	}
	/* Recorded if new; a payment already there (f24-reconcile's, or an
	 * earlier night's) is left as it is. */
	if ((rc = es_store_payment_insert_new_many(s->ps, pv, s->npay, err)) != ES_OK)
		return rc;
	s->npay = 0;
	for (i = 0; i + ALLOC_BATCH <= s->nalloc; i += ALLOC_BATCH) {
		if (s->ins_many == NULL && (rc = prepare_many(s, err)) != ES_OK)
			return rc;
		for (k = 0; k < ALLOC_BATCH; k++)
			bind_alloc(s, s->ins_many, (int)k * ALLOC_COLS, &s->alloc[i + k]);
		r = sqlite3_step(s->ins_many);
		sqlite3_reset(s->ins_many);
		if (r != SQLITE_DONE)
			return db_error(s, err, "inserting allocations");
	}
	for (; i < s->nalloc; i++) {
		bind_alloc(s, s->ins, 0, &s->alloc[i]);
		r = sqlite3_step(s->ins);
		sqlite3_reset(s->ins);
		if (r != SQLITE_DONE)
			return db_error(s, err, "inserting an allocation");
	}
	s->nalloc = 0;
	s->txt_len = 0;
	return ES_OK;
}

es_rc
es_store_alloc_finish(es_alloc_store *s, es_err *err)
{
	return flush(s, err);
}

/* May payment_id have UNMATCHED rows of an earlier run?  Without the
 * filter (es_store_alloc_load_paid not called), always maybe. */
static bool
maybe_unmatched(const es_alloc_store *s, const char *payment_id)
{
	return !s->unmatched_loaded || bloom_maybe(&s->unmatched, key_hash(payment_id));
}

es_rc
es_store_alloc_write(es_alloc_store *s, const es_alloc *a, es_err *err)
{
	int64_t run_id = es_ledger_run_id(s->l);
	pend_alloc *r;
	es_rc rc;

	if ((s->npay == ALLOC_BUFFER || s->nalloc == ALLOC_BUFFER) && (rc = flush(s, err)) != ES_OK)
		return rc;
	if (a->first) {
		pend_pay *q = &s->pay[s->npay];

		if (!keep(s, a->payment_id, &q->payment_id) || !keep(s, a->source, &q->source) ||
		    !keep(s, a->source_ref, &q->source_ref) || !keep(s, a->tax_code, &q->tax_code) ||
		    !keep(s, a->notice_number, &q->notice_number) || !keep(s, a->causale, &q->causale))
			return es_err_set(err, ES_ENOMEM, "out of memory");
		q->paid_on = a->paid_on;
		q->credited_on = a->credited_on;
		q->amount = a->payment_amount;
		s->npay++;
		/* The lookups below read only rows of earlier runs: the rows
		 * waiting in the buffer are of this run, so the order does
		 * not matter.  A payment outside the filter has no such row. */
		if (maybe_unmatched(s, a->payment_id)) {
			int x;

			/* Still unmatched, exactly as an earlier run left it:
			 * nothing changes, so that a rerun leaves the ledger as
			 * it was. */
			if (a->status == ES_ALLOC_UNMATCHED && a->position_id[0] == '\0') {
				sqlite3_bind_text(s->same, 1, a->payment_id, -1, SQLITE_STATIC);
				sqlite3_bind_int64(s->same, 2, a->amount);
				sqlite3_bind_text(s->same, 3, a->rule, -1, SQLITE_STATIC);
				sqlite3_bind_text(s->same, 4, a->notice_number, -1, SQLITE_STATIC);
				sqlite3_bind_text(s->same, 5, a->tax_code, -1, SQLITE_STATIC);
				sqlite3_bind_int64(s->same, 6, run_id);
				x = sqlite3_step(s->same);
				sqlite3_reset(s->same);
				if (x == SQLITE_ROW)
					return ES_OK;
				if (x != SQLITE_DONE)
					return db_error(s, err, "looking up an allocation");
			}
			/* A payment matched again: its UNMATCHED rows of earlier
			 * runs go. */
			sqlite3_bind_text(s->del, 1, a->payment_id, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s->del, 2, run_id);
			x = sqlite3_step(s->del);
			sqlite3_reset(s->del);
			if (x != SQLITE_DONE)
				return db_error(s, err, "deleting stale allocations");
		}
	}
	r = &s->alloc[s->nalloc];
	if (!keep(s, a->payment_id, &r->payment_id) || !keep(s, a->notice_number, &r->notice_number) ||
	    !keep(s, a->tax_code, &r->tax_code) || !keep(s, a->rule, &r->rule))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	r->has_position = a->position_id[0] != '\0';
	r->position_id = r->has_position ? strtoll(a->position_id, NULL, 10) : 0;
	r->amount = a->amount;
	r->status = a->status;
	s->nalloc++;
	return ES_OK;
}

es_rc
es_store_alloc_is_final(es_alloc_store *s, const char *payment_id, bool *final, es_err *err)
{
	int r;

	sqlite3_reset(s->final);
	sqlite3_bind_text(s->final, 1, payment_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->final, 2, es_ledger_run_id(s->l));
	r = sqlite3_step(s->final);
	sqlite3_reset(s->final);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return db_error(s, err, "looking up a payment's allocations");
	*final = r == SQLITE_ROW;
	return ES_OK;
}
