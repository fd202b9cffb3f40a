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

struct es_alloc_store {
	es_ledger *l;
	sqlite3 *db;
	es_payment_store *ps;
	sqlite3_stmt *ins;       /* insert an allocation */
	sqlite3_stmt *del;       /* drop stale UNMATCHED rows of a payment */
	sqlite3_stmt *same;      /* the same UNMATCHED row, from an earlier run */
	bloom unmatched;         /* payment_ids with UNMATCHED rows of earlier runs */
	bool unmatched_loaded;   /* unmatched is filled (by es_store_alloc_load_paid) */
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
	                  " AND (run_id IS NULL OR run_id <> ?6)", &s->same, err) != ES_OK) {
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
	es_store_payment_close(s->ps);
	free(s->unmatched.w);
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
	 * an UNMATCHED row?  One pass of allocations_payment. */
	static const char final_sql[] =
		"SELECT payment_id, MIN(status = 'UNMATCHED'), MAX(status = 'UNMATCHED') FROM allocations"
		" GROUP BY payment_id";
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
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *pid = col_text(st, 0);

		if (sqlite3_column_int(st, 1) == 0 && (rc = es_matcher_add_known_payment(m, pid, err)) != ES_OK)
			break;
		if (sqlite3_column_int(st, 2) != 0)
			bloom_add(&s->unmatched, key_hash(pid));
	}
	if (rc == ES_OK && r != SQLITE_DONE)
		rc = db_error(s, err, "reading allocations");
	sqlite3_finalize(st);
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
	es_payment p;
	bool inserted;
	es_rc rc;
	int r;

	if (a->first) {
		memset(&p, 0, sizeof p);
		p.payment_id = a->payment_id;
		p.source = a->source;
		p.source_ref = a->source_ref;
		p.tax_code = a->tax_code;
		p.notice_number = a->notice_number;
		p.paid_on = a->paid_on;
		p.credited_on = a->credited_on;
		p.amount = a->payment_amount;
		p.status_on = ES_DATE_NONE;
		/* The causale, so that a credit left unmatched can be matched
		 * again on a later night without its journal. */
		p.operation_id = a->causale != NULL && a->causale[0] != '\0' ? a->causale : NULL;
		/* Recorded if new; a payment already there (f24-reconcile's,
		 * or an earlier night's) is left as it is. */
		if ((rc = es_store_payment_insert_new(s->ps, &p, &inserted, err)) != ES_OK)
			return rc;
		/* A payment new to the ledger has no allocations (they
		 * reference it); nor has one outside the filter. */
		if (!inserted && maybe_unmatched(s, a->payment_id)) {
			/* Still unmatched, exactly as an earlier run left it:
			 * nothing changes, so that a rerun leaves the ledger as
			 * it was. */
			if (a->status == ES_ALLOC_UNMATCHED && a->position_id[0] == '\0') {
				sqlite3_reset(s->same);
				sqlite3_bind_text(s->same, 1, a->payment_id, -1, SQLITE_STATIC);
				sqlite3_bind_int64(s->same, 2, a->amount);
				sqlite3_bind_text(s->same, 3, a->rule, -1, SQLITE_STATIC);
				sqlite3_bind_text(s->same, 4, a->notice_number, -1, SQLITE_STATIC);
				sqlite3_bind_text(s->same, 5, a->tax_code, -1, SQLITE_STATIC);
				sqlite3_bind_int64(s->same, 6, run_id);
				r = sqlite3_step(s->same);
				sqlite3_reset(s->same);
				if (r == SQLITE_ROW)
					return ES_OK;
				if (r != SQLITE_DONE)
					return db_error(s, err, "looking up an allocation");
			}
			/* A payment matched again: its UNMATCHED rows of earlier
			 * runs go. */
			sqlite3_reset(s->del);
			sqlite3_bind_text(s->del, 1, a->payment_id, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s->del, 2, run_id);
			r = sqlite3_step(s->del);
			sqlite3_reset(s->del);
			if (r != SQLITE_DONE)
				return db_error(s, err, "deleting stale allocations");
		}
	}
	/* Every parameter bound on every call: no clear_bindings. */
	sqlite3_bind_text(s->ins, 1, a->payment_id, -1, SQLITE_STATIC);
	if (a->position_id[0] != '\0')
		sqlite3_bind_int64(s->ins, 2, strtoll(a->position_id, NULL, 10));
	else
		sqlite3_bind_null(s->ins, 2);
	if (a->notice_number[0] != '\0')
		sqlite3_bind_text(s->ins, 3, a->notice_number, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s->ins, 3);
	if (a->tax_code[0] != '\0')
		sqlite3_bind_text(s->ins, 4, a->tax_code, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s->ins, 4);
	sqlite3_bind_int64(s->ins, 5, a->amount);
	sqlite3_bind_text(s->ins, 6, a->rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->ins, 7, es_alloc_status_name(a->status), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->ins, 8, run_id);
	r = sqlite3_step(s->ins);
	sqlite3_reset(s->ins);
	if (r != SQLITE_DONE)
		return db_error(s, err, "inserting an allocation");
	return ES_OK;
}
