/* acts.c: assess's reads and writes in the ledger (acts.h). */
#include "es_setup.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/acts.h"
#include "store/bind.h"
#include "types/nav.h"

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return strdup(s != NULL ? (const char *)s : "");
}

static es_rc
col_date(es_ledger *l, sqlite3_stmt *st, int i, es_date *out, es_err *err)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	if (s == NULL) {
		*out = ES_DATE_NONE;
		return ES_OK;
	}
	if (es_date_parse((const char *)s, ES_DATE_ISO, out, err) != ES_OK)
		return es_err_prefix(err, "%s: column %s", es_ledger_path(l), sqlite3_column_name(st, i));
	return ES_OK;
}

void
es_acts_dues_free(es_acts_due *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].tax_code);
		free(v[i].tributo);
		free(v[i].unit_id);
		free(v[i].declaration);
	}
	free(v);
}

void
es_acts_payments_free(es_acts_payment *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].payment_id);
		free(v[i].tax_code);
	}
	free(v);
}

void
es_acts_surfaces_free(es_acts_surface *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].unit_id);
	free(v);
}

bool
es_acts_grow(void **v, size_t *cap, size_t n, size_t sz)
{
	size_t old = *cap;

	if (!es_store_grow(v, cap, n, sz, 256))
		return false;
	memset((char *)*v + old * sz, 0, (*cap - old) * sz);
	return true;
}

es_rc
es_acts_read_dues(es_ledger *l, const char *tax, int year, es_acts_due **out, size_t *n, es_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	es_rc rc = ES_OK;
	int s;

	*out = NULL;
	*n = 0;
	if ((rc = es_store_prepare(l,
	    "SELECT p.tax_code, d.tributo, d.unit_id, d.installment, d.due_date, d.amount_due, d.basis"
	    " FROM positions p JOIN due_lines d ON d.position_id = p.position_id"
	    " WHERE p.phase = 'S1' AND upper(p.tax) = upper(?) AND p.year = ?"
	    " ORDER BY p.tax_code, d.due_date, d.installment, p.position_id, d.line", &st, err)) != ES_OK)
		return rc;
	sqlite3_bind_text(st, 1, tax, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, year);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		es_acts_due *d;

		if (!es_acts_grow((void **)out, &cap, *n, sizeof **out)) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
		d = &(*out)[(*n)++];
		d->tax_code = col_dup(st, 0);
		d->tributo = col_dup(st, 1);
		d->unit_id = col_dup(st, 2);
		d->declaration = strdup("");
		d->installment = sqlite3_column_int(st, 3);
		d->amount_due = sqlite3_column_int64(st, 5);
		d->basis = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 6);
		d->line = *n;
		if (d->tax_code == NULL || d->tributo == NULL || d->unit_id == NULL || d->declaration == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
		if ((rc = col_date(l, st, 4, &d->due_date, err)) != ES_OK)
			break;
	}
	if (rc == ES_OK && s != SQLITE_DONE)
		rc = es_store_db_err(l, err, "reading due lines");
	sqlite3_finalize(st);
	return rc;
}

es_rc
es_acts_read_payments(es_ledger *l, const char *tax, int year, es_acts_payment **out, size_t *n, es_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	es_rc rc = ES_OK;
	int s;

	*out = NULL;
	*n = 0;
	/* The valid payments allocated to the year's ordinary positions; a
	 * payment of an act is allocated to its S2 position and is not here.
	 * A payment was made with the F24 "Ravv." box when its detail (items
	 * separated by ';') holds f24-reconcile's "ravvedimento=1", or was
	 * flagged so by the office with the item "ravvedimento"; f24-reconcile
	 * writes "ravvedimento=0" on every other F24 payment. */
	if ((rc = es_store_prepare(l,
	    "SELECT y.payment_id, p.tax_code, y.paid_on, SUM(a.amount),"
	    "       (';' || IFNULL(y.detail, '') || ';') LIKE '%;ravvedimento=1;%'"
	    "       OR (';' || IFNULL(y.detail, '') || ';') LIKE '%;ravvedimento;%'"
	    " FROM allocations a JOIN payments y ON y.payment_id = a.payment_id"
	    " JOIN positions p ON p.position_id = a.position_id"
	    " WHERE p.phase = 'S1' AND upper(p.tax) = upper(?) AND p.year = ? AND y.status = 'valid'"
	    "   AND a.status IN ('MATCHED','PARTIAL','OVERPAID')"
	    " GROUP BY y.payment_id, p.tax_code"
	    " ORDER BY p.tax_code, y.paid_on, y.payment_id", &st, err)) != ES_OK)
		return rc;
	sqlite3_bind_text(st, 1, tax, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, year);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		es_acts_payment *p;

		if (!es_acts_grow((void **)out, &cap, *n, sizeof **out)) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
		p = &(*out)[(*n)++];
		p->payment_id = col_dup(st, 0);
		p->tax_code = col_dup(st, 1);
		p->amount = sqlite3_column_int64(st, 3);
		p->ravvedimento = sqlite3_column_int(st, 4) != 0;
		p->line = *n;
		if (p->payment_id == NULL || p->tax_code == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
		if ((rc = col_date(l, st, 2, &p->paid_on, err)) != ES_OK)
			break;
		if (p->paid_on == ES_DATE_NONE) {
			rc = es_err_set(err, ES_EDB, "%s: payment %s has no paid_on date", es_ledger_path(l), p->payment_id);
			break;
		}
	}
	if (rc == ES_OK && s != SQLITE_DONE)
		rc = es_store_db_err(l, err, "reading payments");
	sqlite3_finalize(st);
	return rc;
}

es_rc
es_acts_read_surfaces(es_ledger *l, es_date on, es_acts_surface **out, size_t *n, es_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	es_rc rc = ES_OK;
	int s;

	*out = NULL;
	*n = 0;
	/* The situation in force on `on`, the latest by seq when several are. */
	if ((rc = es_store_prepare(l,
	    "SELECT unit_id, surface_m2 FROM unit_situations u"
	    " WHERE surface_m2 IS NOT NULL"
	    "   AND (valid_from IS NULL OR valid_from = '' OR valid_from <= ?1)"
	    "   AND (valid_to IS NULL OR valid_to = '' OR valid_to >= ?1)"
	    "   AND seq = (SELECT MAX(seq) FROM unit_situations v WHERE v.unit_id = u.unit_id"
	    "              AND v.surface_m2 IS NOT NULL"
	    "              AND (v.valid_from IS NULL OR v.valid_from = '' OR v.valid_from <= ?1)"
	    "              AND (v.valid_to IS NULL OR v.valid_to = '' OR v.valid_to >= ?1))"
	    " ORDER BY unit_id", &st, err)) != ES_OK)
		return rc;
	es_store_bind_date(st, 1, on);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		es_acts_surface *u;

		if (!es_acts_grow((void **)out, &cap, *n, sizeof **out)) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
		u = &(*out)[(*n)++];
		u->unit_id = col_dup(st, 0);
		u->surface_m2 = sqlite3_column_int64(st, 1);
		if (u->unit_id == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
	}
	if (rc == ES_OK && s != SQLITE_DONE)
		rc = es_store_db_err(l, err, "reading surfaces");
	sqlite3_finalize(st);
	return rc;
}

#define ACT_COLS "act_id, act_type, IFNULL(parent_act_id, ''), tax_code, tax, year, tax_due, tax_paid," \
	" tax_unpaid, sanction, interest, costs, collection_charges, total, issued_on, due_on, status"

static es_rc
act_from_row(es_ledger *l, sqlite3_stmt *st, es_act *a, es_err *err)
{
	es_rc rc;

	memset(a, 0, sizeof *a);
	es_store_col_copy(st, 0, a->act_id, sizeof a->act_id);
	es_store_col_copy(st, 1, a->act_type, sizeof a->act_type);
	es_store_col_copy(st, 2, a->parent_act_id, sizeof a->parent_act_id);
	es_store_col_copy(st, 3, a->tax_code, sizeof a->tax_code);
	es_store_col_copy(st, 4, a->tax, sizeof a->tax);
	a->year = sqlite3_column_int(st, 5);
	a->tax_due = sqlite3_column_int64(st, 6);
	a->tax_paid = sqlite3_column_int64(st, 7);
	a->tax_unpaid = sqlite3_column_int64(st, 8);
	a->sanction = sqlite3_column_int64(st, 9);
	a->interest = sqlite3_column_int64(st, 10);
	a->costs = sqlite3_column_int64(st, 11);
	a->collection_charges = sqlite3_column_int64(st, 12);
	a->total = sqlite3_column_int64(st, 13);
	if ((rc = col_date(l, st, 14, &a->issued_on, err)) != ES_OK ||
	    (rc = col_date(l, st, 15, &a->due_on, err)) != ES_OK)
		return rc;
	es_store_col_copy(st, 16, a->status, sizeof a->status);
	return ES_OK;
}

/* The open notice of an act's S2 position. */
static es_rc
act_notice(es_ledger *l, es_act *a, es_err *err)
{
	sqlite3_stmt *st;
	es_rc rc;
	int s;

	if ((rc = es_store_prepare(l,
	    "SELECT n.notice_number FROM notices n JOIN positions p ON p.position_id = n.position_id"
	    " WHERE p.act_id = ? AND p.phase = 'S2' ORDER BY n.status = 'open' DESC, n.installment LIMIT 1",
	    &st, err)) != ES_OK)
		return rc;
	sqlite3_bind_text(st, 1, a->act_id, -1, SQLITE_TRANSIENT);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		es_store_col_copy(st, 0, a->notice_number, sizeof a->notice_number);
	else if (s != SQLITE_DONE)
		rc = es_store_db_err(l, err, "reading the act's notice");
	sqlite3_finalize(st);
	return rc;
}

es_rc
es_acts_get(es_ledger *l, const char *act_id, es_act *out, bool *found, es_err *err)
{
	sqlite3_stmt *st;
	es_rc rc;
	int s;

	*found = false;
	if ((rc = es_store_prepare(l, "SELECT " ACT_COLS " FROM acts WHERE act_id = ?", &st, err)) != ES_OK)
		return rc;
	sqlite3_bind_text(st, 1, act_id, -1, SQLITE_TRANSIENT);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		*found = true;
		rc = act_from_row(l, st, out, err);
	} else if (s != SQLITE_DONE) {
		rc = es_store_db_err(l, err, "reading acts");
	}
	sqlite3_finalize(st);
	if (rc == ES_OK && *found)
		rc = act_notice(l, out, err);
	return rc;
}

es_rc
es_acts_net(es_ledger *l, const char *act_id, es_act *out, int *nsgravi, es_err *err)
{
	sqlite3_stmt *st;
	bool found;
	es_rc rc;
	int s;

	if ((rc = es_acts_get(l, act_id, out, &found, err)) != ES_OK)
		return rc;
	if (!found)
		return es_err_set(err, ES_EINTERNAL, "act %s not found", act_id);
	*nsgravi = 0;
	if ((rc = es_store_prepare(l,
	    "SELECT COUNT(*), IFNULL(SUM(tax_due), 0), IFNULL(SUM(tax_paid), 0), IFNULL(SUM(tax_unpaid), 0),"
	    " IFNULL(SUM(sanction), 0), IFNULL(SUM(interest), 0), IFNULL(SUM(costs), 0),"
	    " IFNULL(SUM(collection_charges), 0), IFNULL(SUM(total), 0)"
	    " FROM acts WHERE parent_act_id = ? AND act_type = 'sgravio'", &st, err)) != ES_OK)
		return rc;
	sqlite3_bind_text(st, 1, act_id, -1, SQLITE_TRANSIENT);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		*nsgravi = sqlite3_column_int(st, 0);
		out->tax_due += sqlite3_column_int64(st, 1);
		out->tax_paid += sqlite3_column_int64(st, 2);
		out->tax_unpaid += sqlite3_column_int64(st, 3);
		out->sanction += sqlite3_column_int64(st, 4);
		out->interest += sqlite3_column_int64(st, 5);
		out->costs += sqlite3_column_int64(st, 6);
		out->collection_charges += sqlite3_column_int64(st, 7);
		out->total += sqlite3_column_int64(st, 8);
	} else {
		rc = es_store_db_err(l, err, "reading sgravi");
	}
	sqlite3_finalize(st);
	return rc;
}

static es_rc
insert_act_row(es_ledger *l, const es_act *a, es_err *err)
{
	sqlite3_stmt *st;
	es_rc rc;

	if ((rc = es_store_prepare(l,
	    "INSERT INTO acts(act_id, act_type, parent_act_id, tax_code, tax, year, tax_due, tax_paid,"
	    " tax_unpaid, sanction, interest, costs, collection_charges, total, issued_on, due_on, status, run_id)"
	    " VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 'issued',"
	    " NULLIF(?17, 0))", &st, err)) != ES_OK)
		return rc;
	sqlite3_bind_text(st, 1, a->act_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, a->act_type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, a->parent_act_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, a->tax_code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, a->tax, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 6, a->year);
	sqlite3_bind_int64(st, 7, a->tax_due);
	sqlite3_bind_int64(st, 8, a->tax_paid);
	sqlite3_bind_int64(st, 9, a->tax_unpaid);
	sqlite3_bind_int64(st, 10, a->sanction);
	sqlite3_bind_int64(st, 11, a->interest);
	sqlite3_bind_int64(st, 12, a->costs);
	sqlite3_bind_int64(st, 13, a->collection_charges);
	sqlite3_bind_int64(st, 14, a->total);
	es_store_bind_date(st, 15, a->issued_on);
	es_store_bind_date(st, 16, a->due_on);
	sqlite3_bind_int64(st, 17, es_ledger_run_id(l));
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = es_store_db_err(l, err, "recording the act");
	sqlite3_finalize(st);
	return rc;
}

es_rc
es_acts_insert_position(es_ledger *l, es_act *a, const char *phase, int segregation_code, es_err *err)
{
	char iuv[ES_IUV_BUFSZ];
	int64_t seq, pos;
	es_rc rc;

	if ((rc = es_store_exec(l, err,
	    "INSERT INTO positions(tax_code, tax, year, phase, act_id, amount_due, created_run)"
	    " VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, 0))", "recording the act's position", "ttittii",
	    a->tax_code, a->tax, (int64_t)a->year, phase, a->act_id, a->total, es_ledger_run_id(l))) != ES_OK)
		return rc;
	pos = sqlite3_last_insert_rowid(es_ledger_db(l));
	if ((rc = es_store_exec(l, err,
	    "INSERT INTO due_lines(position_id, line, installment, due_date, amount_due) VALUES (?, 1, 0, ?, ?)",
	    "recording the act's due line", "idi", pos, (int)a->due_on, a->total)) != ES_OK)
		return rc;
	if ((rc = es_ledger_next_seq(l, "nav", &seq, err)) != ES_OK)
		return rc;
	if ((rc = es_nav_from_sequence(segregation_code, (uint64_t)seq, a->notice_number, err)) != ES_OK ||
	    (rc = es_nav_to_iuv(a->notice_number, iuv, err)) != ES_OK)
		return rc;
	return es_store_exec(l, err,
	    "INSERT INTO notices(notice_number, iuv, position_id, installment, amount, due_date)"
	    " VALUES (?, ?, ?, 0, ?, ?)", "recording the act's notice", "ttiid",
	    a->notice_number, iuv, pos, a->total, (int)a->due_on);
}

es_rc
es_acts_insert(es_ledger *l, es_act *a, int segregation_code, es_err *err)
{
	es_rc rc;

	if ((rc = insert_act_row(l, a, err)) != ES_OK)
		return rc;
	return es_acts_insert_position(l, a, "S2", segregation_code, err);
}

es_rc
es_acts_insert_sgravio(es_ledger *l, const es_act *s, es_cents new_total, es_err *err)
{
	const char *state = new_total > 0 ? "open" : "cancelled";
	es_rc rc;

	if ((rc = insert_act_row(l, s, err)) != ES_OK)
		return rc;
	if ((rc = es_store_exec(l, err, "UPDATE acts SET status = 'reduced' WHERE act_id = ?", "marking the act reduced",
	                     "t", s->parent_act_id)) != ES_OK)
		return rc;
	if ((rc = es_store_exec(l, err,
	    "UPDATE positions SET amount_due = ?, status = CASE WHEN ? > 0 THEN status ELSE 'cancelled' END"
	    " WHERE act_id = ? AND phase = 'S2'", "lowering the act's position", "iit",
	    new_total, new_total, s->parent_act_id)) != ES_OK)
		return rc;
	if ((rc = es_store_exec(l, err,
	    "UPDATE due_lines SET amount_due = ? WHERE position_id IN"
	    " (SELECT position_id FROM positions WHERE act_id = ? AND phase = 'S2')", "lowering the act's due line",
	    "it", new_total, s->parent_act_id)) != ES_OK)
		return rc;
	return es_store_exec(l, err,
	    "UPDATE notices SET amount = ?, status = ? WHERE status = 'open' AND position_id IN"
	    " (SELECT position_id FROM positions WHERE act_id = ? AND phase = 'S2')", "lowering the act's notice",
	    "itt", new_total, state, s->parent_act_id);
}
