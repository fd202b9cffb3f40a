/* payments.c: the payments table of the ledger (see payments.h). */
#include "es_setup.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/bind.h"
#include "store/payments.h"

enum {
	ST_INSERT, ST_GET, ST_SAME, ST_STATUS, ST_FIND, ST_FIND_CF, ST_SUPPLY_SEEN, ST_SUPPLY_RECORD, ST_COUNT
};

static const char *const sql[ST_COUNT] = {
	[ST_INSERT] =
		"INSERT INTO payments (payment_id, source, source_ref, tax_code, tax, year, tributo,"
		" notice_number, iuv, paid_on, credited_on, amount, status, status_on, belfiore,"
		" operation_id, installment, detail, run_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"
		" ON CONFLICT (payment_id) DO NOTHING",
	[ST_GET] =
		"SELECT payment_id, source, source_ref, tax_code, tax, year, tributo, notice_number, iuv,"
		" paid_on, credited_on, amount, status, status_on, belfiore, operation_id, installment, detail"
		" FROM payments WHERE payment_id = ?1",
	/* What es_store_payment_insert compares with a row already there
	 * (compare_stored() below), in the order of the comparison. */
	[ST_SAME] =
		"SELECT source, tax_code, tax, year, tributo, notice_number, iuv, paid_on, credited_on, amount"
		" FROM payments WHERE payment_id = ?1",
	[ST_STATUS] =
		"UPDATE payments SET status = ?2, status_on = ?3 WHERE payment_id = ?1 AND status <> ?2",
	[ST_FIND] =
		"SELECT payment_id, status FROM payments"
		" WHERE (?1 IS NULL OR source = ?1) AND (?2 IS NULL OR tax_code = ?2)"
		" AND (?3 IS NULL OR tributo = ?3) AND (?4 IS NULL OR year = ?4)"
		" AND (?5 IS NULL OR paid_on = ?5) AND (?6 IS NULL OR amount = ?6)"
		" AND (?7 IS NULL OR substr(payment_id, 1, length(?7)) = ?7)"
		" ORDER BY payment_id",
	/* The same with the tax code given: a lookup in payments_tax_code
	 * rather than a scan of the table. */
	[ST_FIND_CF] =
		"SELECT payment_id, status FROM payments"
		" WHERE tax_code = ?2 AND (?1 IS NULL OR source = ?1)"
		" AND (?3 IS NULL OR tributo = ?3) AND (?4 IS NULL OR year = ?4)"
		" AND (?5 IS NULL OR paid_on = ?5) AND (?6 IS NULL OR amount = ?6)"
		" AND (?7 IS NULL OR substr(payment_id, 1, length(?7)) = ?7)"
		" ORDER BY payment_id",
	[ST_SUPPLY_SEEN] =
		"SELECT sha256 = ?3 FROM supplies WHERE source = ?1 AND supply_key = ?2"
		" ORDER BY sha256 = ?3 DESC LIMIT 1",
	[ST_SUPPLY_RECORD] =
		"INSERT INTO supplies (source, supply_key, sha256, records, run_id) VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT DO NOTHING",
};

/* The indexes of payments that es_store_payment_bulk_begin drops: those a
 * bulk load fills in random order.  Not the key (payment_id: a supply's ids
 * come in increasing order, appended) nor payments_iuv (an F24 payment has
 * no IUV: its (NULL, rowid) entry goes at the end of the NULLs, one spot). */
static const char *const bulk_indexes[] = {"payments_tax_code"};

struct es_payment_store {
	es_ledger *l;
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	/* The paid_on, credited_on and status_on of the last insert, as
	 * text: consecutive payments of a supply share their dates. */
	char date_buf[3][ES_DATE_BUFSZ];
	es_date date_of[3];
	/* The last insert found its payment_id already there: the next one
	 * looks first (a supply imported again), rather than trying the
	 * INSERT, failing on the key and looking then. */
	bool expect_existing;
	/* Indexes dropped by es_store_payment_bulk_begin: their CREATE
	 * statements, to run again in es_store_payment_bulk_end. */
	char *dropped_sql[ES_ARRAY_LEN(bulk_indexes)];
	size_t ndropped;
	sqlite3_stmt *ins_new;   /* es_store_payment_insert_new, prepared on first use */
	sqlite3_stmt *ins_many;  /* es_store_payment_insert_new_many, the same */
};

static es_rc
db_err(es_payment_store *ps, es_err *err, const char *what)
{
	return es_err_set(err, ES_EDB, "%s: %s", what, sqlite3_errmsg(ps->db));
}

es_payment_store *
es_store_payment_open(es_ledger *l, es_err *err)
{
	es_payment_store *ps;
	int i;

	ps = calloc(1, sizeof *ps);
	if (ps == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	ps->l = l;
	ps->db = es_ledger_db(l);
	/* A supply brings millions of rows: with SQLite's default 2 MiB page
	 * cache every insert into the key and the three indexes goes to the
	 * kernel for pages.  64 MiB keeps the working set in memory for the
	 * life of the connection (a cache, not a durability setting). */
	if (sqlite3_exec(ps->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL) != SQLITE_OK) {
		db_err(ps, err, "payments: cache_size");
		free(ps);
		return NULL;
	}
	for (i = 0; i < ST_COUNT; i++) {
		if (sqlite3_prepare_v2(ps->db, sql[i], -1, &ps->st[i], NULL) != SQLITE_OK) {
			db_err(ps, err, "payments: prepare");
			es_store_payment_close(ps);
			return NULL;
		}
	}
	return ps;
}

void
es_store_payment_close(es_payment_store *ps)
{
	int i;

	if (ps == NULL)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(ps->st[i]);
	for (i = 0; i < (int)ps->ndropped; i++)
		free(ps->dropped_sql[i]);
	sqlite3_finalize(ps->ins_new);
	sqlite3_finalize(ps->ins_many);
	free(ps);
}

static int
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static bool
same_text(const char *a, const char *b)
{
	if (a == NULL)
		a = "";
	if (b == NULL)
		b = "";
	return strcmp(a, b) == 0;
}

/* Date slot k of the insert statement as text (NULL for ES_DATE_NONE),
 * formatted only when it is not the date of the previous insert. */
static const char *
date_text(es_payment_store *ps, int k, es_date d)
{
	if (d == ES_DATE_NONE)
		return NULL;
	if (ps->date_of[k] != d || ps->date_buf[k][0] == '\0') {
		es_date_format(d, ps->date_buf[k]);
		ps->date_of[k] = d;
	}
	return ps->date_buf[k];
}

/* Bind text that stays where it is until the statement has been stepped
 * and reset (no copy); NULL or "" binds NULL. */
static int
bind_static(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Whether the stored date in column i is d, as the dates of
 * es_store_payment_get compare: the text compared first, the stored date
 * parsed only when the texts differ. */
static bool
same_date(sqlite3_stmt *st, int i, es_date d)
{
	const char *s = col_text(st, i);
	char buf[ES_DATE_BUFSZ];
	const char *t;

	if (s == NULL)
		return d == ES_DATE_NONE;
	t = es_date_format(d, buf);
	if (d != ES_DATE_NONE && strcmp(s, t) == 0)
		return true;
	return es_store_col_date(st, i) == d;
}

/* Look payment p->payment_id up: *found, and *col the first column whose
 * stored value differs from p (NULL: the same payment).  Texts compare with
 * NULL equal to "", year 0 with NULL, dates as dates. */
static es_rc
compare_stored(es_payment_store *ps, const es_payment *p, bool *found, const char **col, es_err *err)
{
	sqlite3_stmt *st = ps->st[ST_SAME];
	int x;

	*found = false;
	*col = NULL;
	sqlite3_reset(st);
	bind_static(st, 1, p->payment_id);
	x = sqlite3_step(st);
	if (x == SQLITE_ROW) {
		*found = true;
		if (!same_text(p->source, col_text(st, 0)))
			*col = "source";
		else if (!same_text(p->tax_code, col_text(st, 1)))
			*col = "tax_code";
		else if (!same_text(p->tax, col_text(st, 2)))
			*col = "tax";
		else if (p->year != sqlite3_column_int(st, 3))
			*col = "year";
		else if (!same_text(p->tributo, col_text(st, 4)))
			*col = "tributo";
		else if (!same_text(p->notice_number, col_text(st, 5)))
			*col = "notice_number";
		else if (!same_text(p->iuv, col_text(st, 6)))
			*col = "iuv";
		else if (!same_date(st, 7, p->paid_on))
			*col = "paid_on";
		else if (!same_date(st, 8, p->credited_on))
			*col = "credited_on";
		else if (p->amount != sqlite3_column_int64(st, 9))
			*col = "amount";
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (x != SQLITE_ROW && x != SQLITE_DONE)
		return db_err(ps, err, "payments: get");
	return ES_OK;
}

es_rc
es_store_payment_insert(es_payment_store *ps, const es_payment *p, es_payment_outcome *outcome,
                        es_err *err)
{
	sqlite3_stmt *st = ps->st[ST_INSERT];
	const char *col;
	bool found;
	es_rc rc;
	int x, changes;

	if (p->payment_id == NULL || *p->payment_id == '\0' || p->source == NULL || *p->source == '\0' ||
	    p->source_ref == NULL || *p->source_ref == '\0')
		return es_err_set(err, ES_EDATA, "payment without payment_id, source or source_ref");
	if (p->status != NULL && strcmp(p->status, ES_PAYMENT_VALID) != 0 &&
	    strcmp(p->status, ES_PAYMENT_CANCELLED) != 0)
		return es_err_set(err, ES_EDATA, "payment %s: status '%s' is not valid or cancelled",
		                  p->payment_id, p->status);
	found = false;
	if (ps->expect_existing && (rc = compare_stored(ps, p, &found, &col, err)) != ES_OK)
		return rc;
	if (!found) {
		/* Every parameter bound (NULL included): the texts are p's and
		 * the date buffers, left in place until the reset below. */
		sqlite3_reset(st);
		bind_static(st, 1, p->payment_id);
		bind_static(st, 2, p->source);
		bind_static(st, 3, p->source_ref);
		bind_static(st, 4, p->tax_code);
		bind_static(st, 5, p->tax);
		if (p->year != 0)
			sqlite3_bind_int(st, 6, p->year);
		else
			sqlite3_bind_null(st, 6);
		bind_static(st, 7, p->tributo);
		bind_static(st, 8, p->notice_number);
		bind_static(st, 9, p->iuv);
		bind_static(st, 10, date_text(ps, 0, p->paid_on));
		bind_static(st, 11, date_text(ps, 1, p->credited_on));
		sqlite3_bind_int64(st, 12, p->amount);
		bind_static(st, 13, p->status ? p->status : ES_PAYMENT_VALID);
		bind_static(st, 14, date_text(ps, 2, p->status_on));
		bind_static(st, 15, p->belfiore);
		bind_static(st, 16, p->operation_id);
		bind_static(st, 17, p->installment);
		bind_static(st, 18, p->detail);
		sqlite3_bind_int64(st, 19, es_ledger_run_id(ps->l));
		x = sqlite3_step(st);
		changes = sqlite3_changes(ps->db);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (x != SQLITE_DONE)
			return db_err(ps, err, "payments: insert");
		if (changes == 1) {
			ps->expect_existing = false;
			if (outcome != NULL)
				*outcome = ES_PAYMENT_INSERTED;
			return ES_OK;
		}
		/* Already there: same content or a conflict. */
		if ((rc = compare_stored(ps, p, &found, &col, err)) != ES_OK)
			return rc;
		ps->expect_existing = true;
	}
	if (!found)
		col = "payment_id";
	if (outcome != NULL)
		*outcome = col == NULL ? ES_PAYMENT_EXISTS : ES_PAYMENT_CONFLICT;
	if (col != NULL)
		es_err_set(err, ES_OK, "payment %s already recorded with a different %s", p->payment_id, col);
	return ES_OK;
}

static int
bind_date_buf(sqlite3_stmt *st, int i, es_date d, char *buf)
{
	if (d == ES_DATE_NONE)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, es_date_format(d, buf), -1, SQLITE_STATIC);
}

enum { PAY_COLS = 19 };

static es_rc
check_new(const es_payment *p, es_err *err)
{
	if (p->payment_id == NULL || *p->payment_id == '\0' || p->source == NULL || *p->source == '\0' ||
	    p->source_ref == NULL || *p->source_ref == '\0')
		return es_err_set(err, ES_EDATA, "payment without payment_id, source or source_ref");
	if (p->status != NULL && strcmp(p->status, ES_PAYMENT_VALID) != 0 &&
	    strcmp(p->status, ES_PAYMENT_CANCELLED) != 0)
		return es_err_set(err, ES_EDATA, "payment %s: status '%s' is not valid or cancelled",
		                  p->payment_id, p->status);
	return ES_OK;
}

/* Bind every column of p as the row whose first parameter is base + 1
 * (the columns of sql[ST_INSERT], in order), dates formatted into
 * dates[3]: all of them outlive the step. */
static void
bind_row(es_payment_store *ps, sqlite3_stmt *st, int base, const es_payment *p, char dates[3][ES_DATE_BUFSZ])
{
	bind_static(st, base + 1, p->payment_id);
	bind_static(st, base + 2, p->source);
	bind_static(st, base + 3, p->source_ref);
	bind_static(st, base + 4, p->tax_code);
	bind_static(st, base + 5, p->tax);
	if (p->year != 0)
		sqlite3_bind_int(st, base + 6, p->year);
	else
		sqlite3_bind_null(st, base + 6);
	bind_static(st, base + 7, p->tributo);
	bind_static(st, base + 8, p->notice_number);
	bind_static(st, base + 9, p->iuv);
	bind_date_buf(st, base + 10, p->paid_on, dates[0]);
	bind_date_buf(st, base + 11, p->credited_on, dates[1]);
	sqlite3_bind_int64(st, base + 12, p->amount);
	sqlite3_bind_text(st, base + 13, p->status ? p->status : ES_PAYMENT_VALID, -1, SQLITE_STATIC);
	bind_date_buf(st, base + 14, p->status_on, dates[2]);
	bind_static(st, base + 15, p->belfiore);
	bind_static(st, base + 16, p->operation_id);
	bind_static(st, base + 17, p->installment);
	bind_static(st, base + 18, p->detail);
	sqlite3_bind_int64(st, base + 19, es_ledger_run_id(ps->l));
}

es_rc
es_store_payment_insert_new(es_payment_store *ps, const es_payment *p, bool *inserted, es_err *err)
{
	char dates[3][ES_DATE_BUFSZ];
	sqlite3_stmt *st;
	int x;

	if (check_new(p, err) != ES_OK)
		return ES_EDATA;
	/* The statement of es_store_payment_insert, a handle of its own so
	 * that the two never share bindings. */
	if (ps->ins_new == NULL &&
	    sqlite3_prepare_v3(ps->db, sql[ST_INSERT], -1, SQLITE_PREPARE_PERSISTENT, &ps->ins_new, NULL) !=
	    SQLITE_OK)
		return db_err(ps, err, "payments: prepare");
	st = ps->ins_new;
	/* Every parameter is bound on every call: no clear_bindings. */
	bind_row(ps, st, 0, p, dates);
	x = sqlite3_step(st);
	sqlite3_reset(st);
	if (x != SQLITE_DONE)
		return db_err(ps, err, "payments: insert");
	if (inserted != NULL)
		*inserted = sqlite3_changes(ps->db) == 1;
	return ES_OK;
}

/* INSERT ... VALUES of ES_PAYMENT_BATCH rows: one statement, its cursors
 * opened once, for a block of payments. */
static es_rc
prepare_many(es_payment_store *ps, es_err *err)
{
	static const char head[] =
		"INSERT INTO payments (payment_id, source, source_ref, tax_code, tax, year, tributo,"
		" notice_number, iuv, paid_on, credited_on, amount, status, status_on, belfiore,"
		" operation_id, installment, detail, run_id) VALUES ";
	static const char row[] = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
	static const char tail[] = " ON CONFLICT (payment_id) DO NOTHING";
	size_t n = sizeof head + ES_PAYMENT_BATCH * sizeof row + sizeof tail;
	char *q = malloc(n), *e;
	int i, rc;

	if (q == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	e = q;
	memcpy(e, head, sizeof head - 1);
	e += sizeof head - 1;
	for (i = 0; i < ES_PAYMENT_BATCH; i++) {
		if (i > 0)
			*e++ = ',';
		memcpy(e, row, sizeof row - 1);
		e += sizeof row - 1;
	}
	memcpy(e, tail, sizeof tail);
	rc = sqlite3_prepare_v3(ps->db, q, -1, SQLITE_PREPARE_PERSISTENT, &ps->ins_many, NULL);
	free(q);
	if (rc != SQLITE_OK)
		return db_err(ps, err, "payments: prepare");
	return ES_OK;
}

es_rc
es_store_payment_insert_new_many(es_payment_store *ps, const es_payment *pv, size_t n, es_err *err)
{
	char (*dates)[3][ES_DATE_BUFSZ] = NULL;
	size_t i, k;
	es_rc rc = ES_OK;

	for (i = 0; i < n; i++)
		if (check_new(&pv[i], err) != ES_OK)
			return ES_EDATA;
	if (n >= ES_PAYMENT_BATCH) {
		if (ps->ins_many == NULL && (rc = prepare_many(ps, err)) != ES_OK)
			return rc;
		dates = malloc(ES_PAYMENT_BATCH * sizeof *dates);
		if (dates == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	for (i = 0; i + ES_PAYMENT_BATCH <= n; i += ES_PAYMENT_BATCH) {
		int x;

		for (k = 0; k < ES_PAYMENT_BATCH; k++)
			bind_row(ps, ps->ins_many, (int)k * PAY_COLS, &pv[i + k], dates[k]);
		x = sqlite3_step(ps->ins_many);
		sqlite3_reset(ps->ins_many);
		if (x != SQLITE_DONE) {
			rc = db_err(ps, err, "payments: insert");
			break;
		}
	}
	free(dates);
	for (; rc == ES_OK && i < n; i++)
		rc = es_store_payment_insert_new(ps, &pv[i], NULL, err);
	return rc;
}

es_rc
es_store_payment_get(es_payment_store *ps, const char *payment_id, bool *found, es_payment *out,
                     es_err *err)
{
	sqlite3_stmt *st = ps->st[ST_GET];
	int x;

	sqlite3_reset(st);
	bind_text(st, 1, payment_id);
	x = sqlite3_step(st);
	*found = false;
	if (x == SQLITE_DONE)
		return ES_OK;
	if (x != SQLITE_ROW)
		return db_err(ps, err, "payments: get");
	*found = true;
	memset(out, 0, sizeof *out);
	/* Strings point into the statement's row: valid until the next call. */
	out->payment_id = col_text(st, 0);
	out->source = col_text(st, 1);
	out->source_ref = col_text(st, 2);
	out->tax_code = col_text(st, 3);
	out->tax = col_text(st, 4);
	out->year = sqlite3_column_int(st, 5);
	out->tributo = col_text(st, 6);
	out->notice_number = col_text(st, 7);
	out->iuv = col_text(st, 8);
	out->paid_on = es_store_col_date(st, 9);
	out->credited_on = es_store_col_date(st, 10);
	out->amount = sqlite3_column_int64(st, 11);
	out->status = col_text(st, 12);
	out->status_on = es_store_col_date(st, 13);
	out->belfiore = col_text(st, 14);
	out->operation_id = col_text(st, 15);
	out->installment = col_text(st, 16);
	out->detail = col_text(st, 17);
	return ES_OK;
}

es_rc
es_store_payment_set_status(es_payment_store *ps, const char *payment_id, const char *status,
                            es_date on, bool *changed, es_err *err)
{
	sqlite3_stmt *st = ps->st[ST_STATUS];
	int x;

	if (strcmp(status, ES_PAYMENT_VALID) != 0 && strcmp(status, ES_PAYMENT_CANCELLED) != 0)
		return es_err_set(err, ES_EDATA, "payment %s: status '%s' is not valid or cancelled",
		                  payment_id, status);
	sqlite3_reset(st);
	bind_text(st, 1, payment_id);
	bind_text(st, 2, status);
	es_store_bind_date(st, 3, on);
	x = sqlite3_step(st);
	sqlite3_reset(st);
	if (x != SQLITE_DONE)
		return db_err(ps, err, "payments: set status");
	if (changed != NULL)
		*changed = sqlite3_changes(ps->db) > 0;
	return ES_OK;
}

es_rc
es_store_payment_find(es_payment_store *ps, const es_payment *key, bool match_amount,
                      es_payment_found_fn fn, void *ctx, es_err *err)
{
	bool cf = key->tax_code != NULL && *key->tax_code != '\0';
	sqlite3_stmt *st = ps->st[cf ? ST_FIND_CF : ST_FIND];
	int x;

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	bind_text(st, 1, key->source);
	bind_text(st, 2, key->tax_code);
	bind_text(st, 3, key->tributo);
	if (key->year != 0)
		sqlite3_bind_int(st, 4, key->year);
	es_store_bind_date(st, 5, key->paid_on);
	if (match_amount)
		sqlite3_bind_int64(st, 6, key->amount);
	bind_text(st, 7, key->payment_id);
	while ((x = sqlite3_step(st)) == SQLITE_ROW) {
		if (!fn(ctx, col_text(st, 0), col_text(st, 1)))
			break;
	}
	sqlite3_reset(st);
	if (x != SQLITE_ROW && x != SQLITE_DONE)
		return db_err(ps, err, "payments: find");
	return ES_OK;
}

es_rc
es_store_payment_supply_seen(es_payment_store *ps, const char *source, const char *supply_key,
                             const char *sha256_hex, bool *key_seen, bool *same_hash, es_err *err)
{
	sqlite3_stmt *st = ps->st[ST_SUPPLY_SEEN];
	int x;

	sqlite3_reset(st);
	bind_text(st, 1, source);
	bind_text(st, 2, supply_key);
	bind_text(st, 3, sha256_hex);
	x = sqlite3_step(st);
	*key_seen = x == SQLITE_ROW;
	*same_hash = x == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	sqlite3_reset(st);
	if (x != SQLITE_ROW && x != SQLITE_DONE)
		return db_err(ps, err, "supplies: lookup");
	return ES_OK;
}

es_rc
es_store_payment_supply_record(es_payment_store *ps, const char *source, const char *supply_key,
                               const char *sha256_hex, uint64_t records, es_err *err)
{
	sqlite3_stmt *st = ps->st[ST_SUPPLY_RECORD];
	int x;

	sqlite3_reset(st);
	bind_text(st, 1, source);
	bind_text(st, 2, supply_key);
	bind_text(st, 3, sha256_hex);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)records);
	sqlite3_bind_int64(st, 5, es_ledger_run_id(ps->l));
	x = sqlite3_step(st);
	sqlite3_reset(st);
	if (x != SQLITE_DONE)
		return db_err(ps, err, "supplies: insert");
	return ES_OK;
}

/* One statement without parameters or rows. */
static es_rc
exec_sql(es_payment_store *ps, const char *text, const char *what, es_err *err)
{
	if (sqlite3_exec(ps->db, text, NULL, NULL, NULL) != SQLITE_OK)
		return db_err(ps, err, what);
	return ES_OK;
}

es_rc
es_store_payment_bulk_begin(es_payment_store *ps, uint64_t rows, bool *dropped, es_err *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 have = 0;
	size_t i;
	int x;

	if (dropped != NULL)
		*dropped = false;
	if (ps->ndropped > 0)
		return ES_OK;
	/* The largest rowid: the number of rows, give or take the deleted
	 * ones, without counting them (a look at the end of the table). */
	if (sqlite3_prepare_v2(ps->db, "SELECT max(rowid) FROM payments", -1, &st, NULL) != SQLITE_OK)
		return db_err(ps, err, "payments: size");
	x = sqlite3_step(st);
	if (x == SQLITE_ROW)
		have = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (x != SQLITE_ROW)
		return db_err(ps, err, "payments: size");
	if (rows == 0 || rows < (uint64_t)have / 2)
		return ES_OK;
	if (sqlite3_prepare_v2(ps->db, "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments'"
	                       " AND name = ?1 AND sql IS NOT NULL", -1, &st, NULL) != SQLITE_OK)
		return db_err(ps, err, "payments: indexes");
	for (i = 0; i < ES_ARRAY_LEN(bulk_indexes); i++) {
		char *create, *drop;

		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, bulk_indexes[i], -1, SQLITE_STATIC);
		x = sqlite3_step(st);
		if (x == SQLITE_DONE)
			continue;        /* not in this ledger */
		if (x != SQLITE_ROW) {
			db_err(ps, err, "payments: indexes");
			sqlite3_finalize(st);
			return err->rc;
		}
		create = strdup((const char *)sqlite3_column_text(st, 0));
		drop = sqlite3_mprintf("DROP INDEX \"%w\"", bulk_indexes[i]);
		sqlite3_reset(st);
		if (create == NULL || drop == NULL) {
			free(create);
			sqlite3_free(drop);
			sqlite3_finalize(st);
			return es_err_set(err, ES_ENOMEM, "out of memory");
		}
		if (exec_sql(ps, drop, "payments: drop index", err) != ES_OK) {
			free(create);
			sqlite3_free(drop);
			sqlite3_finalize(st);
			return err->rc;
		}
		sqlite3_free(drop);
		ps->dropped_sql[ps->ndropped++] = create;
	}
	sqlite3_finalize(st);
	if (dropped != NULL)
		*dropped = ps->ndropped > 0;
	return ES_OK;
}

es_rc
es_store_payment_bulk_end(es_payment_store *ps, es_err *err)
{
	size_t i;

	/* In the order they were dropped (that of bulk_indexes). */
	for (i = 0; i < ps->ndropped; i++) {
		if (ps->dropped_sql[i] == NULL)
			continue;
		if (exec_sql(ps, ps->dropped_sql[i], "payments: create index", err) != ES_OK)
			return err->rc;
		free(ps->dropped_sql[i]);
		ps->dropped_sql[i] = NULL;
	}
	ps->ndropped = 0;
	return ES_OK;
}
