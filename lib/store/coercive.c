/* coercive.c: the ledger side of the coercive phase (coercive.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/bind.h"
#include "store/coercive.h"
#include "types/nav.h"

/* The chain's acts: the root and the coercive acts issued on it. */
#define CHAIN_ACTS "(SELECT ?1 UNION SELECT act_id FROM coercive_acts WHERE root_act_id = ?1)"
#define CHAIN_OF(r) "(SELECT " r " UNION ALL SELECT act_id FROM coercive_acts WHERE root_act_id = " r ")"
#define SGRAVI(col) "(SELECT IFNULL(SUM(" col "), 0) FROM acts s WHERE s.parent_act_id = a.act_id" \
	" AND s.act_type = 'sgravio')"
#define LATEST(kind, col) "(SELECT x." col " FROM acts x JOIN coercive_acts c ON c.act_id = x.act_id" \
	" WHERE c.root_act_id = a.act_id AND c.kind = '" kind "' ORDER BY x.issued_on DESC, x.act_id DESC LIMIT 1)"
#define SUBJECT(expr) "(SELECT " expr " FROM subjects s WHERE s.tax_code = a.tax_code ORDER BY s.subject_id LIMIT 1)"

/* Every chain in one statement (a query per chain would be parsed thousands
 * of times a night): the root net of its sgravi, its debtor, what was paid,
 * the coercive acts issued, an active plan, and the open position.  ?1 NULL
 * lists every root; otherwise the chain of root ?1 only. */
static const char chains_sql[] =
	"SELECT q.*, p.amount_due, p.act_id,"
	" (SELECT IFNULL(SUM(al.amount), 0) FROM allocations al WHERE al.position_id = p.position_id)"
	" FROM (SELECT a.act_id, a.act_type, a.tax_code, a.tax, a.year,"
	"  a.tax_due + " SGRAVI("tax_due") ", a.tax_paid + " SGRAVI("tax_paid") ","
	"  a.tax_unpaid + " SGRAVI("tax_unpaid") ", a.sanction + " SGRAVI("sanction") ","
	"  a.interest + " SGRAVI("interest") ", a.costs + " SGRAVI("costs") ","
	"  a.collection_charges + " SGRAVI("collection_charges") ", a.total + " SGRAVI("total") ","
	"  a.issued_on, a.due_on, a.status, a.notified_on, a.notification_state,"
	"  COALESCE(k.name, " SUBJECT("COALESCE(NULLIF(s.denomination, ''), TRIM(IFNULL(s.surname, '') || ' ' || IFNULL(s.name, '')))") ", ''),"
	"  COALESCE(k.address, " SUBJECT("s.address") ", ''),"
	"  (SELECT IFNULL(SUM(al.amount), 0) FROM allocations al JOIN positions p ON p.position_id = al.position_id"
	"   WHERE p.act_id IN " CHAIN_OF("a.act_id") "),"
	"  (SELECT IFNULL(SUM(notification_cost), 0) FROM coercive_acts WHERE root_act_id = a.act_id AND act_id <> a.act_id),"
	"  (SELECT MAX(x.issued_on) FROM acts x JOIN coercive_acts c ON c.act_id = x.act_id"
	"   WHERE c.root_act_id = a.act_id AND c.kind = 'sollecito'),"
	"  EXISTS (SELECT 1 FROM plans pl WHERE pl.status = 'active' AND pl.act_id IN " CHAIN_OF("a.act_id") "),"
	"  " LATEST("intimazione", "act_id") ", " LATEST("intimazione", "notified_on") ","
	"  " LATEST("intimazione", "notification_state") ","
	"  (SELECT p.position_id FROM positions p WHERE p.status = 'open' AND p.act_id IN " CHAIN_OF("a.act_id")
	"   ORDER BY p.position_id DESC LIMIT 1) AS pid"
	" FROM acts a LEFT JOIN coercive_acts k ON k.act_id = a.act_id"
	" WHERE (?1 IS NULL AND a.parent_act_id IS NULL AND a.act_type IN ('accertamento', 'ingiunzione')"
	"        AND a.status <> 'cancelled') OR a.act_id = ?1) q"
	" LEFT JOIN positions p ON p.position_id = q.pid"
	" ORDER BY q.act_id";

static void
chain_from_row(sqlite3_stmt *st, es_chain *c)
{
	es_act *a = &c->root;
	char state[16];

	memset(c, 0, sizeof *c);
	es_store_col_copy(st, 0, a->act_id, sizeof a->act_id);
	es_store_col_copy(st, 1, a->act_type, sizeof a->act_type);
	es_store_col_copy(st, 2, a->tax_code, sizeof a->tax_code);
	es_store_col_copy(st, 3, a->tax, sizeof a->tax);
	a->year = sqlite3_column_int(st, 4);
	a->tax_due = sqlite3_column_int64(st, 5);
	a->tax_paid = sqlite3_column_int64(st, 6);
	a->tax_unpaid = sqlite3_column_int64(st, 7);
	a->sanction = sqlite3_column_int64(st, 8);
	a->interest = sqlite3_column_int64(st, 9);
	a->costs = sqlite3_column_int64(st, 10);
	a->collection_charges = sqlite3_column_int64(st, 11);
	a->total = sqlite3_column_int64(st, 12);
	a->issued_on = es_store_col_date(st, 13);
	a->due_on = es_store_col_date(st, 14);
	es_store_col_copy(st, 15, a->status, sizeof a->status);
	c->notified_on = es_store_col_date(st, 16);
	es_store_col_copy(st, 17, c->notification_state, sizeof c->notification_state);
	es_store_col_copy(st, 18, c->name, sizeof c->name);
	es_store_col_copy(st, 19, c->address, sizeof c->address);
	c->paid = sqlite3_column_int64(st, 20);
	c->chain_costs = sqlite3_column_int64(st, 21);
	c->sollecito_on = es_store_col_date(st, 22);
	c->plan_active = sqlite3_column_int(st, 23) != 0;
	c->intimazione_on = ES_DATE_NONE;
	if (sqlite3_column_type(st, 24) != SQLITE_NULL) {
		c->intimazione_on = es_store_col_date(st, 25);
		es_store_col_copy(st, 26, state, sizeof state);
		c->intimazione_pending = c->intimazione_on == ES_DATE_NONE && strcmp(state, "failed") != 0;
	}
	if (sqlite3_column_type(st, 27) != SQLITE_NULL) {
		c->position_id = sqlite3_column_int64(st, 27);
		c->position_due = sqlite3_column_int64(st, 28);
		es_store_col_copy(st, 29, c->current_act_id, sizeof c->current_act_id);
		c->position_paid = sqlite3_column_int64(st, 30);
	}
}

es_rc
es_chain_get(es_ledger *l, const char *act_id, es_chain *c, bool *found, es_err *err)
{
	sqlite3_stmt *st;
	char root[96];
	bool row;
	es_rc rc;
	int s;

	memset(c, 0, sizeof *c);
	*found = false;
	snprintf(root, sizeof root, "%s", act_id);
	if ((rc = es_store_query_text(l, err, &row, root, sizeof root,
	                              "SELECT root_act_id FROM coercive_acts WHERE act_id = ?", "t", act_id)) != ES_OK)
		return rc;
	if ((rc = es_store_prepare(l, chains_sql, &st, err)) != ES_OK)
		return rc;
	sqlite3_bind_text(st, 1, root, -1, SQLITE_TRANSIENT);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		chain_from_row(st, c);
		*found = true;
	} else if (s != SQLITE_DONE) {
		rc = es_store_db_err(l, err, "reading the act's chain");
	}
	sqlite3_finalize(st);
	return rc;
}

es_rc
es_chain_list(es_ledger *l, es_chain **out, size_t *n, es_err *err)
{
	sqlite3_stmt *st;
	es_chain *v = NULL;
	size_t cap = 0;
	es_rc rc = ES_OK;
	int s;

	*out = NULL;
	*n = 0;
	if ((rc = es_store_prepare(l, chains_sql, &st, err)) != ES_OK)
		return rc;
	sqlite3_bind_null(st, 1);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (!es_store_grow((void **)&v, &cap, *n, sizeof *v, 16)) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
		chain_from_row(st, &v[(*n)++]);
	}
	if (rc == ES_OK && s != SQLITE_DONE)
		rc = es_store_db_err(l, err, "listing the chains");
	sqlite3_finalize(st);
	if (rc != ES_OK) {
		free(v);
		*n = 0;
		return rc;
	}
	*out = v;
	return ES_OK;
}

void
es_chain_free(es_chain *v)
{
	free(v);
}

es_rc
es_coercive_store_load_seen(es_ledger *l, const char *load_id, const char *reference, bool *seen, char *act_id,
                            es_err *err)
{
	return es_store_query_text(l, err, seen, act_id, 96,
	                           "SELECT act_id FROM coercive_acts WHERE load_id = ? AND reference = ?", "tt",
	                           load_id, reference);
}

es_rc
es_coercive_store_insert(es_ledger *l, es_act *a, const es_coercive_extra *x, int segregation_code, es_err *err)
{
	const char *root = x->root_act_id[0] != '\0' ? x->root_act_id : a->act_id;
	es_rc rc;

	if ((rc = es_store_exec(l, err,
	    "INSERT INTO acts(act_id, act_type, parent_act_id, tax_code, tax, year, tax_due, tax_paid, tax_unpaid,"
	    " sanction, interest, costs, collection_charges, total, issued_on, due_on, status, run_id)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'issued', NULLIF(?, 0))",
	    "recording the act", "ttTttiiiiiiiiiddi",
	    a->act_id, a->act_type, a->parent_act_id, a->tax_code, a->tax, (int64_t)a->year, a->tax_due, a->tax_paid,
	    a->tax_unpaid, a->sanction, a->interest, a->costs, a->collection_charges, a->total, (int)a->issued_on,
	    (int)a->due_on, es_ledger_run_id(l))) != ES_OK)
		return rc;
	if ((rc = es_store_exec(l, err,
	    "INSERT INTO coercive_acts(act_id, root_act_id, kind, load_id, revenue, reference, name, address, channel,"
	    " esecutivita, notification_cost, mora_interest, collection_charges_late, run_id)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0))", "recording the coercive act",
	    "tttTTTTTTdiiii", a->act_id, root, x->kind, x->load_id, x->revenue, x->reference, x->name, x->address,
	    x->channel, (int)x->esecutivita, x->notification_cost, x->mora_interest, x->collection_charges_late,
	    es_ledger_run_id(l))) != ES_OK)
		return rc;
	if (strcmp(root, a->act_id) != 0) {
		/* The new act supersedes the chain's earlier notices: the debt is counted once. */
		if ((rc = es_store_exec(l, err,
		    "UPDATE notices SET status = 'replaced' WHERE status = 'open' AND position_id IN"
		    " (SELECT position_id FROM positions WHERE status = 'open' AND act_id IN " CHAIN_ACTS ")",
		    "replacing the chain's notices", "t", root)) != ES_OK ||
		    (rc = es_store_exec(l, err,
		    "UPDATE positions SET status = 'transferred' WHERE status = 'open' AND act_id IN " CHAIN_ACTS,
		    "transferring the chain's positions", "t", root)) != ES_OK)
			return rc;
	}
	return es_acts_insert_position(l, a, "S3", segregation_code, err);
}

/* --- notification events ----------------------------------------------------- */

es_rc
es_coercive_store_act_exists(es_ledger *l, const char *act_id, bool *exists, char *type, es_err *err)
{
	return es_store_query_text(l, err, exists, type, 24, "SELECT act_type FROM acts WHERE act_id = ?", "t",
	                           act_id);
}

es_rc
es_coercive_store_event_add(es_ledger *l, const char *act_id, const char *channel, const char *event, es_date date,
                            const char *detail, const char *source_ref, bool *added, es_err *err)
{
	sqlite3_stmt *st;
	bool row;
	es_rc rc;

	*added = false;
	if ((rc = es_store_query_row(l, err, &st, &row,
	    "SELECT 1 FROM notification_events WHERE act_id = ? AND channel = ? AND event = ? AND event_date = ?"
	    " AND IFNULL(source_ref, '') = ?", "tttdt", act_id, channel, event, (int)date, source_ref)) != ES_OK)
		return rc;
	sqlite3_finalize(st);
	if (row)
		return ES_OK;
	if ((rc = es_store_exec(l, err,
	    "INSERT INTO notification_events(act_id, channel, event, event_date, detail, source_ref, run_id)"
	    " VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, 0))", "recording the notification event", "tttdTTi",
	    act_id, channel, event, (int)date, detail, source_ref, es_ledger_run_id(l))) != ES_OK)
		return rc;
	*added = true;
	return ES_OK;
}

es_rc
es_coercive_store_events(es_ledger *l, const char *act_id, es_stored_event **out, size_t *n, es_err *err)
{
	sqlite3_stmt *st;
	es_stored_event *v = NULL;
	size_t cap = 0;
	es_rc rc;
	int s;

	*out = NULL;
	*n = 0;
	if ((rc = es_store_prepare(l, "SELECT channel, event, event_date, IFNULL(detail, '') FROM notification_events"
	                           " WHERE act_id = ? ORDER BY event_date, event_id", &st, err)) != ES_OK)
		return rc;
	sqlite3_bind_text(st, 1, act_id, -1, SQLITE_TRANSIENT);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (!es_store_grow((void **)&v, &cap, *n, sizeof *v, 8)) {
			sqlite3_finalize(st);
			free(v);
			*n = 0;
			return es_err_set(err, ES_ENOMEM, "out of memory");
		}
		es_store_col_copy(st, 0, v[*n].channel, sizeof v[*n].channel);
		es_store_col_copy(st, 1, v[*n].event, sizeof v[*n].event);
		v[*n].date = es_store_col_date(st, 2);
		es_store_col_copy(st, 3, v[*n].detail, sizeof v[*n].detail);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		free(v);
		*n = 0;
		return es_store_db_err(l, err, "reading notification events");
	}
	*out = v;
	return ES_OK;
}

es_rc
es_coercive_store_set_notification(es_ledger *l, const char *act_id, const char *state, es_date notified_on,
                                   int payment_days, es_err *err)
{
	es_date due = notified_on != ES_DATE_NONE && payment_days >= 0 ? notified_on + payment_days : ES_DATE_NONE;
	es_rc rc;

	if ((rc = es_store_exec(l, err,
	    "UPDATE acts SET notification_state = ?, notified_on = ?, due_on = COALESCE(?, due_on) WHERE act_id = ?",
	    "recording the notification", "tddt", state, (int)notified_on, (int)due, act_id)) != ES_OK)
		return rc;
	if (due == ES_DATE_NONE)
		return ES_OK;
	if ((rc = es_store_exec(l, err,
	    "UPDATE due_lines SET due_date = ? WHERE installment = 0 AND position_id IN"
	    " (SELECT position_id FROM positions WHERE act_id = ? AND status = 'open')",
	    "moving the act's due line", "dt", (int)due, act_id)) != ES_OK)
		return rc;
	return es_store_exec(l, err,
	    "UPDATE notices SET due_date = ? WHERE status = 'open' AND installment = 0 AND position_id IN"
	    " (SELECT position_id FROM positions WHERE act_id = ? AND status = 'open')",
	    "moving the act's notice", "dt", (int)due, act_id);
}

/* --- plans ----------------------------------------------------------------------- */

es_rc
es_coercive_store_plan_insert(es_ledger *l, const es_chain *c, es_cents debt, es_date granted, int months,
                              const char *spread, const es_stored_installment *inst, size_t n,
                              int segregation_code, int64_t *plan_id, es_stored_installment *out_inst, es_err *err)
{
	sqlite3_stmt *st;
	es_cents paid_here, total = 0;
	bool row;
	size_t i;
	es_rc rc;

	if (c->position_id == 0)
		return es_err_set(err, ES_EINTERNAL, "act %s has no open position", c->root.act_id);
	if ((rc = es_store_query_row(l, err, &st, &row,
	                             "SELECT IFNULL(SUM(amount), 0) FROM allocations WHERE position_id = ?",
	                             "i", c->position_id)) != ES_OK)
		return rc;
	paid_here = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if ((rc = es_store_exec(l, err,
	    "INSERT INTO plans(act_id, position_id, tax_code, debt, months, granted_on, spread, run_id)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0))", "recording the plan", "titiidti",
	    c->current_act_id, c->position_id, c->root.tax_code, debt, (int64_t)months, (int)granted, spread,
	    es_ledger_run_id(l))) != ES_OK)
		return rc;
	*plan_id = sqlite3_last_insert_rowid(es_ledger_db(l));
	if ((rc = es_store_exec(l, err,
	    "UPDATE notices SET status = 'replaced' WHERE position_id = ? AND status = 'open' AND installment = 0",
	    "replacing the single-payment notice", "i", c->position_id)) != ES_OK)
		return rc;
	for (i = 0; i < n; i++) {
		char iuv[ES_IUV_BUFSZ];
		int64_t seq;

		out_inst[i] = inst[i];
		if ((rc = es_ledger_next_seq(l, "nav", &seq, err)) != ES_OK)
			return rc;
		if ((rc = es_nav_from_sequence(segregation_code, (uint64_t)seq, out_inst[i].notice_number, err)) != ES_OK ||
		    (rc = es_nav_to_iuv(out_inst[i].notice_number, iuv, err)) != ES_OK)
			return rc;
		if ((rc = es_store_exec(l, err,
		    "INSERT INTO notices(notice_number, iuv, position_id, installment, amount, due_date)"
		    " VALUES (?, ?, ?, ?, ?, ?)", "recording an instalment's notice", "ttiiid",
		    out_inst[i].notice_number, iuv, c->position_id, (int64_t)inst[i].number, inst[i].amount,
		    (int)inst[i].due_date)) != ES_OK)
			return rc;
		if ((rc = es_store_exec(l, err,
		    "INSERT INTO plan_installments(plan_id, number, due_date, principal, interest, amount, notice_number)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?)", "recording an instalment", "iidiiit",
		    *plan_id, (int64_t)inst[i].number, (int)inst[i].due_date, inst[i].principal, inst[i].interest,
		    inst[i].amount, out_inst[i].notice_number)) != ES_OK)
			return rc;
		total += inst[i].amount;
	}
	return es_store_exec(l, err, "UPDATE positions SET amount_due = ? WHERE position_id = ?",
	                     "updating the position to the plan", "ii", paid_here + total, c->position_id);
}

void
es_coercive_store_plans_free(es_stored_plan *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].inst);
	free(v);
}

es_rc
es_coercive_store_plans_active(es_ledger *l, es_stored_plan **out, size_t *n, es_err *err)
{
	sqlite3_stmt *st, *it = NULL;
	es_stored_plan *v = NULL;
	size_t cap = 0, i;
	es_rc rc = ES_OK;
	int s;

	*out = NULL;
	*n = 0;
	if ((rc = es_store_prepare(l, "SELECT plan_id, act_id, tax_code, debt, months, granted_on, reminded_on FROM plans"
	                           " WHERE status = 'active' ORDER BY plan_id", &st, err)) != ES_OK)
		return rc;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		es_stored_plan *p;

		if (!es_store_grow((void **)&v, &cap, *n, sizeof *v, 8)) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
		p = &v[(*n)++];
		memset(p, 0, sizeof *p);
		p->plan_id = sqlite3_column_int64(st, 0);
		es_store_col_copy(st, 1, p->act_id, sizeof p->act_id);
		es_store_col_copy(st, 2, p->tax_code, sizeof p->tax_code);
		p->debt = sqlite3_column_int64(st, 3);
		p->months = sqlite3_column_int(st, 4);
		p->granted_on = es_store_col_date(st, 5);
		p->reminded_on = es_store_col_date(st, 6);
	}
	if (rc == ES_OK && s != SQLITE_DONE)
		rc = es_store_db_err(l, err, "reading plans");
	sqlite3_finalize(st);
	if (rc == ES_OK)
		rc = es_store_prepare(l,
		    "SELECT number, due_date, principal, interest, amount, notice_number,"
		    " (SELECT IFNULL(SUM(a.amount), 0) FROM allocations a WHERE a.notice_number = pi.notice_number"
		    "  AND a.status IN ('MATCHED', 'PARTIAL', 'OVERPAID'))"
		    " FROM plan_installments pi WHERE plan_id = ? ORDER BY number", &it, err);
	for (i = 0; rc == ES_OK && i < *n; i++) {
		es_stored_plan *p = &v[i];

		p->inst = calloc((size_t)(p->months > 0 ? p->months : 1), sizeof *p->inst);
		if (p->inst == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
		sqlite3_reset(it);
		sqlite3_bind_int64(it, 1, p->plan_id);
		while ((s = sqlite3_step(it)) == SQLITE_ROW && p->n < (size_t)p->months) {
			es_stored_installment *q = &p->inst[p->n++];

			q->number = sqlite3_column_int(it, 0);
			q->due_date = es_store_col_date(it, 1);
			q->principal = sqlite3_column_int64(it, 2);
			q->interest = sqlite3_column_int64(it, 3);
			q->amount = sqlite3_column_int64(it, 4);
			es_store_col_copy(it, 5, q->notice_number, sizeof q->notice_number);
			q->paid = sqlite3_column_int64(it, 6);
		}
		if (s != SQLITE_DONE && s != SQLITE_ROW)
			rc = es_store_db_err(l, err, "reading instalments");
	}
	sqlite3_finalize(it);
	if (rc != ES_OK) {
		es_coercive_store_plans_free(v, *n);
		*n = 0;
		return rc;
	}
	*out = v;
	return ES_OK;
}

es_rc
es_coercive_store_plan_remind(es_ledger *l, int64_t plan_id, es_date on, es_err *err)
{
	return es_store_exec(l, err, "UPDATE plans SET reminded_on = ? WHERE plan_id = ?", "recording the reminder",
	                     "di", (int)on, plan_id);
}

es_rc
es_coercive_store_plan_lapse(es_ledger *l, int64_t plan_id, es_date on, es_cents balance, es_err *err)
{
	es_rc rc;

	if ((rc = es_store_exec(l, err,
	    "UPDATE plans SET status = 'lapsed', lapsed_on = ?, balance_due = ? WHERE plan_id = ?",
	    "recording the lapse", "dii", (int)on, balance, plan_id)) != ES_OK)
		return rc;
	/* The instalments not fully paid are replaced by the balance due at
	 * once, and the position now asks what was paid plus that balance. */
	if ((rc = es_store_exec(l, err,
	    "UPDATE notices SET status = 'replaced' WHERE status = 'open' AND notice_number IN"
	    " (SELECT notice_number FROM plan_installments WHERE plan_id = ?)"
	    " AND amount > (SELECT IFNULL(SUM(a.amount), 0) FROM allocations a"
	    "               WHERE a.notice_number = notices.notice_number)", "closing the instalments", "i",
	    plan_id)) != ES_OK)
		return rc;
	return es_store_exec(l, err,
	    "UPDATE positions SET amount_due = ? + (SELECT IFNULL(SUM(a.amount), 0) FROM allocations a"
	    " WHERE a.position_id = positions.position_id)"
	    " WHERE position_id = (SELECT position_id FROM plans WHERE plan_id = ?)",
	    "bringing the position to the balance", "ii", balance, plan_id);
}
