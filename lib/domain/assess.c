/* assess.c: violation detection for one subject, tax and year (assess.h). */
#include "es_setup.h"

#include <stdlib.h>
#include <string.h>

#include "domain/assess.h"

const char *
es_assess_piece_name(es_piece_kind k)
{
	switch (k) {
	case ES_PIECE_ON_TIME: return "on-time";
	case ES_PIECE_LATE: return "late";
	case ES_PIECE_RAVVEDIMENTO: return "ravvedimento";
	case ES_PIECE_AFTER_ACT: return "after-act";
	case ES_PIECE_UNPAID: return "unpaid";
	}
	return "?";
}

const char *
es_assess_sanction_name(es_sanction_kind k)
{
	switch (k) {
	case ES_SANCTION_NONE: return "none";
	case ES_SANCTION_FULL: return "full";
	case ES_SANCTION_REDUCED: return "reduced";
	case ES_SANCTION_PER_DAY: return "per-day";
	}
	return "?";
}

/* Sorting views. */
typedef struct line_ref {
	const es_assess_line *l;
	es_date due;
	size_t order;
} line_ref;

typedef struct pay_ref {
	const es_assess_payment *p;
	es_cents left;
	size_t order;
} pay_ref;

static int
cmp_line(const void *a, const void *b)
{
	const line_ref *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->l->installment != y->l->installment)
		return x->l->installment < y->l->installment ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int
cmp_pay(const void *a, const void *b)
{
	const pay_ref *x = a, *y = b;
	int c;

	if (x->p->paid_on != y->p->paid_on)
		return x->p->paid_on < y->p->paid_on ? -1 : 1;
	c = strcmp(x->p->payment_id ? x->p->payment_id : "", y->p->payment_id ? y->p->payment_id : "");
	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static es_assess_piece *
add_piece(es_assess_line_result *lr, size_t *cap, es_err *err)
{
	es_assess_piece *p;

	if (lr->npieces == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		es_assess_piece *np = realloc(lr->pieces, ncap * sizeof *np);

		if (np == NULL) {
			es_err_set(err, ES_ENOMEM, "out of memory");
			return NULL;
		}
		lr->pieces = np;
		*cap = ncap;
	}
	p = &lr->pieces[lr->npieces++];
	memset(p, 0, sizeof *p);
	p->paid_on = ES_DATE_NONE;
	return p;
}

/* Sanction and interest of a piece of tax unpaid at the act date. */
static es_rc
price_unpaid(const es_penalty_rules *r, es_assess_piece *p, es_date due, const es_assess_opts *o, es_err *err)
{
	es_rc rc;

	if ((rc = es_penalty_payment_sanction(r, p->amount, due, ES_DATE_NONE, &p->sanction, err)) != ES_OK)
		return rc;
	return es_interest_compute(r, p->amount, due, o->as_of, o->spread, o->daycount, &p->interest, err);
}

static es_rc
price_late(const es_penalty_rules *r, es_assess_piece *p, es_date due, const es_assess_opts *o, es_err *err)
{
	es_rc rc;

	if ((rc = es_penalty_payment_sanction(r, p->amount, due, p->paid_on, &p->sanction, err)) != ES_OK)
		return rc;
	return es_interest_compute(r, p->amount, due, p->paid_on, o->spread, o->daycount, &p->interest, err);
}

/* Apply one payment (what is left of it) to line lr, whose remaining tax is
 * *rem.  Returns the tax it settled through *took. */
static es_rc
apply(const es_penalty_rules *r, const char *tax, int year, es_assess_line_result *lr, size_t *cap,
      es_cents *rem, pay_ref *pr, const es_assess_opts *o, es_err *err)
{
	const es_assess_payment *pay = pr->p;
	es_assess_piece *p;
	es_cents take;
	es_rc rc;

	if (pay->ravvedimento && pay->paid_on > lr->due && pay->paid_on <= o->as_of) {
		es_ravvedimento rv;
		es_date decl, decl_next;

		if ((rc = es_terms_declaration_due(r, tax, year, &decl, NULL, err)) != ES_OK ||
		    (rc = es_terms_declaration_due(r, tax, year + 1, &decl_next, NULL, err)) != ES_OK)
			return rc;
		if ((rc = es_penalty_ravvedimento(r, *rem, lr->due, pay->paid_on, decl, decl_next, o->daycount,
		                                  &rv, err)) != ES_OK)
			return rc;
		if ((p = add_piece(lr, cap, err)) == NULL)
			return ES_ENOMEM;
		p->kind = ES_PIECE_RAVVEDIMENTO;
		p->paid_on = pay->paid_on;
		p->payment_id = pay->payment_id;
		if (pr->left >= rv.total) {
			p->amount = *rem;
			p->ravv_paid = rv.total;
		} else {
			/* A short ravvedimento regularises its proportional share of the tax. */
			p->amount = (es_cents)((es_exact)pr->left * *rem / rv.total);
			p->ravv_paid = pr->left;
			if ((rc = es_penalty_ravvedimento(r, p->amount > 0 ? p->amount : *rem, lr->due, pay->paid_on,
			                                  decl, decl_next, o->daycount, &rv, err)) != ES_OK)
				return rc;
		}
		p->ravv = rv;
		pr->left -= p->ravv_paid;
		*rem -= p->amount;
		lr->paid += p->amount;
		lr->last_paid_on = pay->paid_on;
		return ES_OK;
	}
	take = pr->left < *rem ? pr->left : *rem;
	if ((p = add_piece(lr, cap, err)) == NULL)
		return ES_ENOMEM;
	p->amount = take;
	p->paid_on = pay->paid_on;
	p->payment_id = pay->payment_id;
	if (pay->paid_on <= lr->due) {
		p->kind = ES_PIECE_ON_TIME;
	} else if (pay->paid_on <= o->as_of) {
		p->kind = ES_PIECE_LATE;
		if ((rc = price_late(r, p, lr->due, o, err)) != ES_OK)
			return rc;
		lr->paid_late += take;
		if (p->sanction.days > lr->days_late)
			lr->days_late = p->sanction.days;
	} else {
		p->kind = ES_PIECE_AFTER_ACT;
		if ((rc = price_unpaid(r, p, lr->due, o, err)) != ES_OK)
			return rc;
	}
	pr->left -= take;
	*rem -= take;
	lr->paid += take;
	lr->last_paid_on = pay->paid_on;
	return ES_OK;
}

/* Totals, violation name and declaration sanction of a line. */
static es_rc
close_line(const es_penalty_rules *r, const char *tax, int year, es_assess_line_result *lr,
           const es_assess_opts *o, es_err *err)
{
	es_cents at_act = 0, ravv = 0, paid_by_act = 0;
	size_t i;
	es_rc rc;

	for (i = 0; i < lr->npieces; i++) {
		es_assess_piece *p = &lr->pieces[i];

		lr->sanction_exact += p->sanction.exact;
		lr->interest_exact += p->interest.exact;
		if (p->kind == ES_PIECE_UNPAID || p->kind == ES_PIECE_AFTER_ACT)
			at_act += p->amount;
		else
			paid_by_act += p->amount;
		if (p->kind == ES_PIECE_RAVVEDIMENTO)
			ravv += p->amount;
	}
	lr->unpaid = lr->line->amount_due - lr->paid;
	lr->sanction = es_exact_round(lr->sanction_exact);
	lr->interest = es_exact_round(lr->interest_exact);
	lr->sanction_acquiescence = lr->sanction;
	if (at_act > 0 && paid_by_act == 0)
		lr->violation = "omitted";
	else if (at_act > 0)
		lr->violation = "partial";
	else if (lr->paid_late > 0)
		lr->violation = "late";
	else if (ravv > 0)
		lr->violation = "regularized";
	else
		lr->violation = "paid";
	if (lr->line->declaration != NULL && *lr->line->declaration != '\0' && at_act > 0) {
		if ((rc = es_penalty_declaration_sanction(r, tax, year, lr->line->declaration, at_act,
		                                          o->decl_choice, false, &lr->decl, err)) != ES_OK)
			return rc;
		lr->has_decl = true;
		{
			es_decl_sanction red;

			if ((rc = es_penalty_declaration_sanction(r, tax, year, lr->line->declaration, at_act,
			                                          o->decl_choice, true, &red, err)) != ES_OK)
				return rc;
			if (o->cumulo_max_only && lr->sanction >= lr->decl.amount) {
				lr->has_decl = false;
			} else if (o->cumulo_max_only) {
				lr->sanction = lr->decl.amount;
				lr->sanction_reducible = lr->decl.amount;
				lr->sanction_acquiescence = red.amount;
			} else {
				lr->sanction += lr->decl.amount;
				lr->sanction_reducible = lr->decl.amount;
				lr->sanction_acquiescence += red.amount;
			}
		}
	}
	return ES_OK;
}

void
es_assess_result_clear(es_assess_result *res)
{
	size_t i;

	if (res == NULL)
		return;
	for (i = 0; i < res->nlines; i++)
		free(res->lines[i].pieces);
	free(res->lines);
	memset(res, 0, sizeof *res);
}

es_rc
es_assess_compute(const es_penalty_rules *r, const char *tax_code, const char *tax, int year,
                  const es_assess_line *lines, size_t nlines, const es_assess_payment *payments,
                  size_t npayments, const es_assess_opts *o, es_assess_result *out, es_err *err)
{
	line_ref *lv = NULL;
	pay_ref *pv = NULL;
	size_t *caps = NULL;
	es_cents *rem = NULL;
	size_t i, j;
	es_rc rc = ES_OK;
	bool any_violation = false, any_barred_violation = false;

	memset(out, 0, sizeof *out);
	out->tax_code = tax_code;
	out->tax = tax;
	out->year = year;
	out->barred_deadline = ES_DATE_NONE;
	lv = calloc(nlines ? nlines : 1, sizeof *lv);
	pv = calloc(npayments ? npayments : 1, sizeof *pv);
	caps = calloc(nlines ? nlines : 1, sizeof *caps);
	rem = calloc(nlines ? nlines : 1, sizeof *rem);
	out->lines = calloc(nlines ? nlines : 1, sizeof *out->lines);
	if (lv == NULL || pv == NULL || caps == NULL || rem == NULL || out->lines == NULL) {
		rc = es_err_set(err, ES_ENOMEM, "out of memory");
		goto done;
	}
	out->nlines = nlines;
	for (i = 0; i < nlines; i++) {
		if (lines[i].amount_due < 0 || lines[i].due_date == ES_DATE_NONE) {
			rc = es_err_set(err, ES_EDATA, "due line with a negative amount or no due date");
			goto done;
		}
		lv[i].l = &lines[i];
		lv[i].due = o->cal != NULL ? es_calendar_next_working_day(o->cal, lines[i].due_date)
		                           : lines[i].due_date;
		lv[i].order = i;
	}
	for (i = 0; i < npayments; i++) {
		if (payments[i].amount < 0 || payments[i].paid_on == ES_DATE_NONE) {
			rc = es_err_set(err, ES_EDATA, "payment with a negative amount or no payment date");
			goto done;
		}
		pv[i].p = &payments[i];
		pv[i].left = payments[i].amount;
		pv[i].order = i;
	}
	qsort(lv, nlines, sizeof *lv, cmp_line);
	qsort(pv, npayments, sizeof *pv, cmp_pay);
	for (i = 0; i < nlines; i++) {
		out->lines[i].line = lv[i].l;
		out->lines[i].due = lv[i].due;
		out->lines[i].last_paid_on = ES_DATE_NONE;
		rem[i] = lv[i].l->amount_due;
	}
	/* Earliest due line first, payments in date order. */
	for (j = 0; j < npayments; j++) {
		for (i = 0; i < nlines && pv[j].left > 0; i++) {
			if (rem[i] == 0)
				continue;
			if ((rc = apply(r, tax, year, &out->lines[i], &caps[i], &rem[i], &pv[j], o, err)) != ES_OK)
				goto done;
		}
		out->excess += pv[j].left;
	}
	for (i = 0; i < nlines; i++) {
		es_assess_line_result *lr = &out->lines[i];
		int y, m, d;

		if (rem[i] > 0) {
			es_assess_piece *p = add_piece(lr, &caps[i], err);

			if (p == NULL) {
				rc = ES_ENOMEM;
				goto done;
			}
			p->kind = ES_PIECE_UNPAID;
			p->amount = rem[i];
			if ((rc = price_unpaid(r, p, lr->due, o, err)) != ES_OK)
				goto done;
		}
		if ((rc = close_line(r, tax, year, lr, o, err)) != ES_OK)
			goto done;
		/* Decadenza: the year the payment was due (L. 296/2006 c. 161). */
		es_date_to_ymd(lr->due, &y, &m, &d);
		if ((rc = es_terms_decadenza(r, "decadenza_versamento", y, lr->due, o->covid_shift, &lr->term,
		                             err)) != ES_OK)
			goto done;
		if (lr->has_decl) {
			es_date decl;
			es_term dt;
			int dy;

			if ((rc = es_terms_declaration_due(r, tax, year, &decl, NULL, err)) != ES_OK)
				goto done;
			es_date_to_ymd(decl, &dy, &m, &d);
			if ((rc = es_terms_decadenza(r, "decadenza_dichiarazione", dy, decl, o->covid_shift, &dt,
			                             err)) != ES_OK)
				goto done;
			if (dt.deadline > lr->term.deadline)
				lr->term = dt;
		}
		lr->time_barred = o->as_of > lr->term.deadline;
		if (lr->time_barred) {
			bool viol = lr->sanction > 0 || lr->interest > 0 || lr->unpaid > 0;

			out->barred_unpaid += lr->unpaid;
			out->barred_sanction += lr->sanction;
			out->barred_interest += lr->interest;
			if (viol) {
				any_barred_violation = true;
				lr->violation = "time-barred";
				if (out->barred_deadline == ES_DATE_NONE || lr->term.deadline > out->barred_deadline)
					out->barred_deadline = lr->term.deadline;
			}
			continue;
		}
		out->tax_due += lr->line->amount_due;
		out->tax_paid += lr->paid;
		out->tax_unpaid += lr->unpaid;
		out->sanction += lr->sanction;
		out->sanction_acquiescence += lr->sanction_acquiescence;
		out->interest += lr->interest;
		if (lr->sanction > 0 || lr->interest > 0 || lr->unpaid > 0)
			any_violation = true;
	}
	if (!any_violation) {
		out->outcome = any_barred_violation ? ES_ASSESS_TIME_BARRED : ES_ASSESS_NOTHING;
		goto done;
	}
	if (out->tax_unpaid + out->sanction + out->interest < o->min_amount) {
		out->outcome = ES_ASSESS_BELOW_MIN;
		goto done;
	}
	out->outcome = ES_ASSESS_ACT;
	if (o->channel != NULL && *o->channel != '\0' &&
	    (rc = es_penalty_notification_cost(r, o->channel, o->as_of, &out->costs, &out->costs_source, err)) != ES_OK)
		goto done;
	out->total = out->tax_unpaid + out->sanction + out->interest + out->costs;
done:
	free(lv);
	free(pv);
	free(caps);
	free(rem);
	if (rc != ES_OK)
		es_assess_result_clear(out);
	return rc;
}
