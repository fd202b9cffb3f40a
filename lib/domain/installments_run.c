/* installments_run.c: one plan-installments run: the schedule of a debt,
 * plans on the ledger's acts and the lapse of active plans
 * (installments_run.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/installments_run.h"
#include "io/rows.h"
#include "store/coercive.h"

es_rc
es_installments_write_schedule(es_csv_writer *w, const es_installments_plan *p, es_err *err)
{
	static const char *const hdr[] = { "installment", "due_date", "principal", "interest", "amount" };
	size_t i;
	es_rc rc;

	if ((rc = es_csv_put_row(w, hdr, ES_ARRAY_LEN(hdr), err)) != ES_OK)
		return rc;
	for (i = 0; i < p->n; i++) {
		const es_installment *in = &p->inst[i];

		if ((rc = es_csv_put_int(w, in->number, err)) != ES_OK ||
		    (rc = es_csv_put_date(w, in->due_date, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, in->principal, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, in->interest, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, in->amount, err)) != ES_OK ||
		    (rc = es_csv_end_row(w, err)) != ES_OK)
			return rc;
	}
	return ES_OK;
}

static es_rc
reject(es_installments_run *R, es_csv_reader *cr, const es_csv_row *row, const char *msg, es_err *err)
{
	return es_rejects_add_row(R->rejects, cr, row, msg, &R->sum, err);
}

const char *const es_installments_plan_header[] = {
	"act_id", "plan_id", "tax_code", "debt", "installment", "due_date", "principal", "interest", "amount",
	"notice_number"
};
const size_t es_installments_plan_header_len = ES_ARRAY_LEN(es_installments_plan_header);

/* One request: a plan for what is unpaid on act_id. */
static es_rc
request(es_installments_run *R, es_csv_reader *cr, const es_csv_row *row, int c_act, int c_months, es_err *err)
{
	const char *act_id = es_csv_get(row, c_act);
	const char *ms = es_csv_get(row, c_months);
	es_installments_plan p;
	es_stored_installment *si = NULL, *so = NULL;
	es_chain c;
	char msg[ES_ERR_MAX + 64], spread[32];
	int64_t plan_id = 0, months = R->months;
	es_cents debt;
	bool found;
	es_rc rc;
	size_t i;
	es_err e;

	if (*ms != '\0' && (es_decimal_parse(ms, 0, &months, NULL) != ES_OK || months < 1 || months > 1200)) {
		snprintf(msg, sizeof msg, "months: '%s' is not a number of months", ms);
		return reject(R, cr, row, msg, err);
	}
	if ((rc = es_chain_get(R->ledger, act_id, &c, &found, err)) != ES_OK)
		return rc;
	if (!found) {
		snprintf(msg, sizeof msg, "act_id: no act '%s' in the ledger", act_id);
		return reject(R, cr, row, msg, err);
	}
	if (c.plan_active)
		return reject(R, cr, row, "act_id: the act already has an active instalment plan", err);
	if (c.position_id == 0)
		return reject(R, cr, row, "act_id: the act has no open position (paid, cancelled or lapsed)", err);
	debt = c.position_due - c.position_paid;
	rc = es_installments_plan_build(R->rules, R->penalty, debt, R->as_of, (int)months, R->spread, R->dc, &p, &e);
	if (rc == ES_EDATA) {
		snprintf(msg, sizeof msg, "refused: %s", e.msg);
		return reject(R, cr, row, msg, err);
	}
	if (rc != ES_OK) {
		*err = e;
		return rc;
	}
	si = calloc(p.n, sizeof *si);
	so = calloc(p.n, sizeof *so);
	if (si == NULL || so == NULL) {
		rc = es_err_set(err, ES_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < p.n; i++) {
		si[i].number = p.inst[i].number;
		si[i].due_date = p.inst[i].due_date;
		si[i].principal = p.inst[i].principal;
		si[i].interest = p.inst[i].interest;
		si[i].amount = p.inst[i].amount;
		so[i] = si[i];
	}
	if (R->post &&
	    (rc = es_coercive_store_plan_insert(R->ledger, &c, debt, R->as_of, (int)p.n,
	                                        es_decimal_format(R->spread, ES_PCT_SCALE, spread), si, p.n,
	                                        R->segregation, &plan_id, so, err)) != ES_OK)
		goto out;
	for (i = 0; i < p.n; i++) {
		if ((rc = es_csv_put(R->w, act_id, err)) != ES_OK ||
		    (rc = plan_id ? es_csv_put_int(R->w, plan_id, err) : es_csv_put(R->w, "", err)) != ES_OK ||
		    (rc = es_csv_put(R->w, c.root.tax_code, err)) != ES_OK ||
		    (rc = es_csv_put_money(R->w, debt, err)) != ES_OK ||
		    (rc = es_csv_put_int(R->w, so[i].number, err)) != ES_OK ||
		    (rc = es_csv_put_date(R->w, so[i].due_date, err)) != ES_OK ||
		    (rc = es_csv_put_money(R->w, so[i].principal, err)) != ES_OK ||
		    (rc = es_csv_put_money(R->w, so[i].interest, err)) != ES_OK ||
		    (rc = es_csv_put_money(R->w, so[i].amount, err)) != ES_OK ||
		    (rc = es_csv_put(R->w, so[i].notice_number, err)) != ES_OK ||
		    (rc = es_csv_end_row(R->w, err)) != ES_OK)
			goto out;
	}
	R->sum.written++;
out:
	free(si);
	free(so);
	es_installments_plan_free(&p);
	return rc;
}

es_rc
es_installments_run_requests(es_installments_run *R, const char *path, es_err *err)
{
	static const char *const req[] = { "act_id" };
	es_csv_reader *cr;
	es_csv_row *row;
	int c_act, c_months;
	es_rc rc;

	if ((cr = es_rows_open(path, req, &c_act, 1, err)) == NULL)
		return err->rc;
	c_months = es_csv_col(cr, "months");
	if (R->post && (rc = es_ledger_run_input(R->ledger, path, err)) != ES_OK) {
		es_csv_reader_close(cr);
		return rc;
	}
	for (;;) {
		if ((rc = es_rows_next(cr, &row, R->rejects, &R->sum, err)) != ES_OK)
			break;
		if ((rc = request(R, cr, row, c_act, c_months, err)) != ES_OK)
			break;
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

/* --lapsed: every active plan. */
es_rc
es_installments_run_lapses(es_installments_run *R, es_err *err)
{
	static const char *const hdr[] = {
		"plan_id", "act_id", "tax_code", "status", "unpaid_installments", "first_unpaid", "second_unpaid",
		"reminded_on", "lapsed_on", "balance_due", "reason"
	};
	es_stored_plan *plans;
	size_t n, i, k;
	es_rc rc;

	if ((rc = es_coercive_store_plans_active(R->ledger, &plans, &n, err)) != ES_OK)
		return rc;
	if ((rc = es_csv_put_row(R->w, hdr, ES_ARRAY_LEN(hdr), err)) != ES_OK)
		goto out;
	for (i = 0; i < n; i++) {
		es_stored_plan *p = &plans[i];
		es_installment *in = calloc(p->n ? p->n : 1, sizeof *in);
		es_installments_lapse lp;
		es_date reminded = p->reminded_on;
		const char *status;

		if (in == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			goto out;
		}
		for (k = 0; k < p->n; k++) {
			in[k].number = p->inst[k].number;
			in[k].due_date = p->inst[k].due_date;
			in[k].principal = p->inst[k].principal;
			in[k].interest = p->inst[k].interest;
			in[k].amount = p->inst[k].amount;
			in[k].paid = p->inst[k].paid;
		}
		R->sum.read++;
		rc = es_installments_check_lapse(R->rules, in, p->n, reminded, R->as_of, &lp, err);
		free(in);
		if (rc != ES_OK)
			goto out;
		if (lp.lapsed) {
			status = "lapsed";
			if (R->post && (rc = es_coercive_store_plan_lapse(R->ledger, p->plan_id, lp.lapsed_on, lp.balance,
			                                                  err)) != ES_OK)
				goto out;
		} else if (lp.unpaid > 0 && reminded == ES_DATE_NONE) {
			/* An instalment is overdue and no reminder went out: send one today. */
			status = "reminder";
			reminded = R->as_of;
			if (R->post && (rc = es_coercive_store_plan_remind(R->ledger, p->plan_id, R->as_of, err)) != ES_OK)
				goto out;
		} else {
			status = lp.unpaid > 0 ? "overdue" : "regular";
		}
		if ((rc = es_csv_put_int(R->w, p->plan_id, err)) != ES_OK ||
		    (rc = es_csv_put(R->w, p->act_id, err)) != ES_OK ||
		    (rc = es_csv_put(R->w, p->tax_code, err)) != ES_OK ||
		    (rc = es_csv_put(R->w, status, err)) != ES_OK ||
		    (rc = es_csv_put_int(R->w, lp.unpaid, err)) != ES_OK ||
		    (rc = lp.first_unpaid ? es_csv_put_int(R->w, lp.first_unpaid, err) : es_csv_put(R->w, "", err)) != ES_OK ||
		    (rc = lp.second_unpaid ? es_csv_put_int(R->w, lp.second_unpaid, err) : es_csv_put(R->w, "", err)) != ES_OK ||
		    (rc = es_csv_put_date(R->w, reminded, err)) != ES_OK ||
		    (rc = es_csv_put_date(R->w, lp.lapsed_on, err)) != ES_OK ||
		    (rc = lp.lapsed ? es_csv_put_money(R->w, lp.balance, err) : es_csv_put(R->w, "", err)) != ES_OK ||
		    (rc = es_csv_put(R->w, lp.reason, err)) != ES_OK ||
		    (rc = es_csv_end_row(R->w, err)) != ES_OK)
			goto out;
		R->sum.written++;
	}
out:
	es_coercive_store_plans_free(plans, n);
	return rc;
}

