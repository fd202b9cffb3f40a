/* assess_run.c: one assessment run over many subjects, its streams, the
 * --explain text and the evasion candidates (assess_run.h). */
#include "es_setup.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/assess_run.h"
#include "io/diag.h"

static const char *const acts_header[] = {
	"act_id", "act_type", "tax_code", "tax", "year", "tax_due", "tax_paid", "tax_unpaid", "sanction",
	"interest", "costs", "collection_charges", "total", "due_on", "issued_on", "violation",
	"sanction_acquiescence", "notification", "parent_act_id", "notice_number", "status"
};

static const char *const details_header[] = {
	"act_id", "tax_code", "tax", "year", "installment", "tributo", "unit_id", "due_date", "amount_due",
	"paid", "paid_late", "unpaid", "violation", "days_late", "last_paid_on", "regime", "sanction",
	"interest", "deadline"
};

static const char *const report_header[] = {
	"tax_code", "tax", "year", "reason", "tax_unpaid", "sanction", "interest", "total", "deadline", "detail"
};

static const char *const evasion_header[] = {
	"tax", "year", "unit_id", "tax_codes", "reason", "amount_due", "declared_m2", "cadastral_m2",
	"threshold_m2", "source"
};

es_rc
es_assess_put_header(es_csv_writer *w, es_assess_stream s, es_err *err)
{
	switch (s) {
	case ES_ASSESS_ACTS: return es_csv_put_row(w, acts_header, ES_ARRAY_LEN(acts_header), err);
	case ES_ASSESS_DETAILS: return es_csv_put_row(w, details_header, ES_ARRAY_LEN(details_header), err);
	case ES_ASSESS_REPORT: return es_csv_put_row(w, report_header, ES_ARRAY_LEN(report_header), err);
	case ES_ASSESS_EVASION: return es_csv_put_row(w, evasion_header, ES_ARRAY_LEN(evasion_header), err);
	}
	return es_err_set(err, ES_EINTERNAL, "es_assess_put_header: no stream %d", (int)s);
}

es_rc
es_assess_opts_defaults(const es_penalty_rules *r, es_assess_opts *o, es_err *err)
{
	int64_t basis;
	es_cents min;
	es_rc rc;

	if ((rc = es_penalty_param(r, "tax_interest_spread_pts", &o->spread, NULL, NULL, NULL, err)) != ES_OK ||
	    (rc = es_penalty_param(r, "day_count_basis", &basis, NULL, NULL, NULL, err)) != ES_OK ||
	    (rc = es_penalty_esecutivo(r, "min_amount", NULL, &min, NULL, err)) != ES_OK)
		return rc;
	o->daycount = basis == 365 * ES_PCT_ONE ? ES_DAYCOUNT_365 : ES_DAYCOUNT_ACTUAL;
	o->min_amount = min;
	o->covid_shift = true;
	return ES_OK;
}

void
es_assess_opts_ente(const es_ente *ente, es_assess_opts *o)
{
	o->spread = ente->interest_spread;
	o->min_amount = ente->min_amount;
	o->daycount = ente->day_count_365 ? ES_DAYCOUNT_365 : ES_DAYCOUNT_ACTUAL;
	o->covid_shift = ente->covid_shift;
}

/* --- the streams ---------------------------------------------------------- */

static es_rc
put_act(es_assess_run *R, const es_act *a, const char *violation, es_cents acq, const char *channel, es_err *err)
{
	es_csv_writer *w = R->acts;
	es_rc rc;

	if ((rc = es_csv_put(w, a->act_id, err)) != ES_OK || (rc = es_csv_put(w, a->act_type, err)) != ES_OK ||
	    (rc = es_csv_put(w, a->tax_code, err)) != ES_OK || (rc = es_csv_put(w, a->tax, err)) != ES_OK ||
	    (rc = es_csv_put_int(w, a->year, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, a->tax_due, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, a->tax_paid, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, a->tax_unpaid, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, a->sanction, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, a->interest, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, a->costs, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, a->collection_charges, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, a->total, err)) != ES_OK || (rc = es_csv_put_date(w, a->due_on, err)) != ES_OK ||
	    (rc = es_csv_put_date(w, a->issued_on, err)) != ES_OK || (rc = es_csv_put(w, violation, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, acq, err)) != ES_OK || (rc = es_csv_put(w, channel, err)) != ES_OK ||
	    (rc = es_csv_put(w, a->parent_act_id, err)) != ES_OK ||
	    (rc = es_csv_put(w, a->notice_number, err)) != ES_OK || (rc = es_csv_put(w, a->status, err)) != ES_OK)
		return rc;
	R->nacts++;
	return es_csv_end_row(w, err);
}

static es_rc
put_details(es_assess_run *R, const char *act_id, const es_assess_result *res, es_err *err)
{
	es_csv_writer *w = R->details;
	size_t i;
	es_rc rc = ES_OK;

	if (w == NULL)
		return ES_OK;
	for (i = 0; i < res->nlines && rc == ES_OK; i++) {
		const es_assess_line_result *lr = &res->lines[i];
		const char *regime = lr->npieces > 0 ? lr->pieces[0].sanction.regime : "";

		if ((rc = es_csv_put(w, act_id, err)) != ES_OK || (rc = es_csv_put(w, res->tax_code, err)) != ES_OK ||
		    (rc = es_csv_put(w, res->tax, err)) != ES_OK || (rc = es_csv_put_int(w, res->year, err)) != ES_OK ||
		    (rc = es_csv_put_int(w, lr->line->installment, err)) != ES_OK ||
		    (rc = es_csv_put(w, lr->line->tributo, err)) != ES_OK ||
		    (rc = es_csv_put(w, lr->line->unit_id, err)) != ES_OK ||
		    (rc = es_csv_put_date(w, lr->due, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, lr->line->amount_due, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, lr->paid, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, lr->paid_late, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, lr->unpaid, err)) != ES_OK ||
		    (rc = es_csv_put(w, lr->violation, err)) != ES_OK ||
		    (rc = es_csv_put_int(w, lr->days_late, err)) != ES_OK ||
		    (rc = es_csv_put_date(w, lr->last_paid_on, err)) != ES_OK ||
		    (rc = es_csv_put(w, regime ? regime : "", err)) != ES_OK ||
		    (rc = es_csv_put_money(w, lr->sanction, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, lr->interest, err)) != ES_OK ||
		    (rc = es_csv_put_date(w, lr->term.deadline, err)) != ES_OK)
			break;
		rc = es_csv_end_row(w, err);
	}
	return rc;
}

static es_rc
put_report(es_assess_run *R, const char *tax_code, const char *reason, es_cents unpaid, es_cents sanction,
           es_cents interest, es_date deadline, const char *detail, es_err *err)
{
	es_csv_writer *w = R->report;
	es_rc rc;

	R->nreported++;
	if (w == NULL)
		return ES_OK;
	if ((rc = es_csv_put(w, tax_code, err)) != ES_OK || (rc = es_csv_put(w, R->tax, err)) != ES_OK ||
	    (rc = es_csv_put_int(w, R->year, err)) != ES_OK || (rc = es_csv_put(w, reason, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, unpaid, err)) != ES_OK || (rc = es_csv_put_money(w, sanction, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, interest, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, unpaid + sanction + interest, err)) != ES_OK ||
	    (rc = es_csv_put_date(w, deadline, err)) != ES_OK || (rc = es_csv_put(w, detail, err)) != ES_OK)
		return rc;
	return es_csv_end_row(w, err);
}

/* --- --explain ------------------------------------------------------------ */

/* Format one line and hand it to R->explain. */
static es_rc ES_PRINTF(3, 4)
say(const es_assess_run *R, es_err *err, const char *fmt, ...)
{
	va_list ap;
	char *p;
	es_rc rc;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	rc = R->explain(R->ctx, p, err);
	free(p);
	return rc;
}

/* An exact amount as euro with 6 decimals, for --explain. */
static char *
fmt_exact(es_exact x, char *buf, size_t n)
{
	es_exact micro = x * 10000 / ES_EXACT_DEN;  /* millionths of a euro, truncated */
	bool neg = micro < 0;
	int64_t m = (int64_t)(neg ? -micro : micro);

	snprintf(buf, n, "%s%lld.%06lld", neg ? "-" : "", (long long)(m / 1000000), (long long)(m % 1000000));
	return buf;
}

static es_rc
explain_sanction(const es_assess_run *R, const es_sanction *s, es_cents amount, es_err *err)
{
	char a[32], p[32], e[48];

	if (s->kind == ES_SANCTION_NONE)
		return ES_OK;
	es_money_format(amount, ES_MONEY_PLAIN, a);
	es_decimal_format(s->pct, ES_PCT_SCALE, p);
	if (s->kind == ES_SANCTION_PER_DAY)
		return say(R, err, "      sanction %s: %s x %s%% x %ld/%d = %s [sanction_payment_regimes.csv %s: %s; %s]\n",
		           es_assess_sanction_name(s->kind), a, p, (long)s->days, s->divisor,
		           fmt_exact(s->exact, e, sizeof e), s->regime, s->legal_basis, s->source);
	return say(R, err, "      sanction %s%s: %s x %s%% = %s [sanction_payment_regimes.csv %s: %s; %s]\n",
	           es_assess_sanction_name(s->kind), s->days < 0 ? " (never paid)" : "", a, p,
	           fmt_exact(s->exact, e, sizeof e), s->regime, s->legal_basis, s->source);
}

static es_rc
explain_interest(const es_assess_run *R, const es_interest *in, es_err *err)
{
	char a[32], f[16], t[16], r[32], e[48];
	es_rc rc = ES_OK;
	size_t i;

	for (i = 0; i < in->nseg && rc == ES_OK; i++) {
		const es_interest_seg *s = &in->seg[i];

		es_money_format(in->principal, ES_MONEY_PLAIN, a);
		es_date_format(s->from, f);
		es_date_format(s->to, t);
		es_decimal_format(s->rate, ES_PCT_SCALE, r);
		rc = say(R, err, "      interest %s..%s: %s x %s%% x %ld/%d = %s [legal_interest_rates.csv %d: %s]\n",
		         f, t, a, r, (long)s->days, s->basis, fmt_exact(s->exact, e, sizeof e), s->year, s->source);
	}
	return rc;
}

static es_rc
explain_piece(const es_assess_run *R, const es_assess_piece *p, es_err *err)
{
	char b1[32], b2[32], b3[32], b4[32], b5[16];
	es_rc rc;

	if ((rc = say(R, err, "    %s %s%s%s%s%s\n", es_assess_piece_name(p->kind),
	              es_money_format(p->amount, ES_MONEY_PLAIN, b1), p->paid_on != ES_DATE_NONE ? " paid " : "",
	              p->paid_on != ES_DATE_NONE ? es_date_format(p->paid_on, b5) : "",
	              p->payment_id && *p->payment_id ? " by " : "", p->payment_id ? p->payment_id : "")) != ES_OK)
		return rc;
	if (p->kind == ES_PIECE_RAVVEDIMENTO)
		return say(R, err, "      ravvedimento %s tier %s, %ld days: sanction %s, interest %s, "
		           "required %s, paid %s [ravvedimento_tiers.csv: %s]\n", p->ravv.regime, p->ravv.tier,
		           (long)p->ravv.days, es_money_format(p->ravv.sanction, ES_MONEY_PLAIN, b2),
		           es_money_format(p->ravv.interest.amount, ES_MONEY_PLAIN, b3),
		           es_money_format(p->ravv.total, ES_MONEY_PLAIN, b4),
		           es_money_format(p->ravv_paid, ES_MONEY_PLAIN, b1), p->ravv.source);
	if ((rc = explain_sanction(R, &p->sanction, p->amount, err)) != ES_OK)
		return rc;
	return explain_interest(R, &p->interest, err);
}

static es_rc
explain_line(const es_assess_run *R, const es_assess_line_result *lr, es_err *err)
{
	char b1[32], b2[32], b3[32], b5[16], b6[48], e1[48], e2[48];
	size_t j;
	es_rc rc;

	if ((rc = say(R, err, "  installment %d tributo %s unit %s due %s: due %s paid %s unpaid %s: %s\n",
	              lr->line->installment, lr->line->tributo, lr->line->unit_id, es_date_format(lr->due, b5),
	              es_money_format(lr->line->amount_due, ES_MONEY_PLAIN, b1),
	              es_money_format(lr->paid, ES_MONEY_PLAIN, b2), es_money_format(lr->unpaid, ES_MONEY_PLAIN, b3),
	              lr->violation)) != ES_OK ||
	    (rc = say(R, err, "    decadenza %s%s [terms.csv: %s]\n", es_date_format(lr->term.deadline, b5),
	              lr->term.shift_days ? " (Covid shift)" : "", lr->term.source)) != ES_OK)
		return rc;
	for (j = 0; j < lr->npieces; j++)
		if ((rc = explain_piece(R, &lr->pieces[j], err)) != ES_OK)
			return rc;
	if (lr->has_decl &&
	    (rc = say(R, err, "    declaration %s: %s%% of %s, floor %s = %s (on acquiescence x %lld/%lld) "
	              "[sanction_declaration.csv %s: %s]\n", lr->line->declaration,
	              es_decimal_format(lr->decl.pct, ES_PCT_SCALE, b6),
	              es_money_format(lr->unpaid, ES_MONEY_PLAIN, b1), es_money_format(lr->decl.floor,
	              ES_MONEY_PLAIN, b2), es_money_format(lr->decl.amount, ES_MONEY_PLAIN, b3),
	              (long long)lr->decl.red_num, (long long)lr->decl.red_den, lr->decl.regime,
	              lr->decl.source)) != ES_OK)
		return rc;
	return say(R, err, "    line sanction %s (exact %s), interest %s (exact %s), each rounded once\n",
	           es_money_format(lr->sanction, ES_MONEY_PLAIN, b1), fmt_exact(lr->sanction_exact, e1, sizeof e1),
	           es_money_format(lr->interest, ES_MONEY_PLAIN, b2), fmt_exact(lr->interest_exact, e2, sizeof e2));
}

es_rc
es_assess_explain(const es_assess_run *R, const char *act_id, const es_assess_result *res, es_err *err)
{
	char b1[32], b2[32], b3[32], b4[32], b5[16], b6[48];
	size_t i;
	es_rc rc;

	if ((rc = say(R, err, "%s: explain %s (%s %s %d, as of %s)\n", es_diag_progname(), act_id, res->tax_code,
	              res->tax, res->year, es_date_format(R->opts.as_of, b5))) != ES_OK)
		return rc;
	for (i = 0; i < res->nlines; i++)
		if ((rc = explain_line(R, &res->lines[i], err)) != ES_OK)
			return rc;
	if (res->costs_source != NULL &&
	    (rc = say(R, err, "  notification %s: %s [notification_costs.csv: %s]\n", R->opts.channel,
	              es_money_format(res->costs, ES_MONEY_PLAIN, b1), res->costs_source)) != ES_OK)
		return rc;
	return say(R, err, "  total %s = unpaid %s + sanction %s + interest %s + costs %s\n",
	           es_money_format(res->total, ES_MONEY_PLAIN, b1), es_money_format(res->tax_unpaid, ES_MONEY_PLAIN, b2),
	           es_money_format(res->sanction, ES_MONEY_PLAIN, b3),
	           es_money_format(res->interest, ES_MONEY_PLAIN, b4), es_money_format(res->costs, ES_MONEY_PLAIN, b6));
}

/* --- one subject ---------------------------------------------------------- */

/* The act's violation for the year: omitted (nothing paid), partial (some
 * tax still unpaid), late (all paid, some of it late). */
static const char *
act_violation(const es_assess_result *res)
{
	if (res->tax_unpaid > 0)
		return res->tax_paid > 0 ? "partial" : "omitted";
	return "late";
}

/* The inputs of es_assess_compute from the records of one subject.  A
 * negative line (a saldo below the acconto computed on last year's rates)
 * is a credit: it lowers the earlier lines, the latest first; what is left
 * over is paid back as an excess. */
static void
make_inputs(const es_acts_due *dues, size_t nd, const es_acts_payment *pays, size_t np, es_assess_line *lines,
            es_assess_payment *pv)
{
	size_t i;

	for (i = 0; i < nd; i++) {
		lines[i].amount_due = dues[i].amount_due;
		if (dues[i].amount_due < 0) {
			es_cents credit = -dues[i].amount_due;
			size_t k;

			lines[i].amount_due = 0;
			for (k = i; k-- > 0 && credit > 0;) {
				es_cents take = lines[k].amount_due < credit ? lines[k].amount_due : credit;

				lines[k].amount_due -= take;
				credit -= take;
			}
		}
	}
	for (i = 0; i < nd; i++) {
		lines[i].tributo = dues[i].tributo;
		lines[i].unit_id = dues[i].unit_id;
		lines[i].installment = dues[i].installment;
		lines[i].due_date = dues[i].due_date;
		lines[i].declaration = dues[i].declaration;
		lines[i].src_line = dues[i].line;
	}
	for (i = 0; i < np; i++) {
		pv[i].payment_id = pays[i].payment_id;
		pv[i].paid_on = pays[i].paid_on;
		pv[i].amount = pays[i].amount;
		pv[i].ravvedimento = pays[i].ravvedimento;
	}
}

/* A subject whose act the ledger holds (existing, net of its sgravi):
 * unchanged, a sgravio for a decrease, or an increase that needs a new act. */
static es_rc
reassess(es_assess_run *R, const char *tax_code, const es_act *existing, int nsgravi, const es_assess_result *res,
         es_err *err)
{
	es_cents new_total = res->tax_unpaid + res->sanction + res->interest + existing->costs;
	es_act s;

	if (new_total == existing->total) {
		s = *existing;
		snprintf(s.status, sizeof s.status, "unchanged");
		return put_act(R, &s, act_violation(res), res->sanction_acquiescence, "", err);
	}
	if (new_total > existing->total) {
		char b1[32], b2[32], msg[ES_ERR_MAX];

		if (R->warn != NULL) {
			snprintf(msg, sizeof msg, "%s: recomputed total %s exceeds the issued %s: an avviso integrativo "
			         "is needed, not an increase", existing->act_id, es_money_format(new_total, ES_MONEY_PLAIN, b1),
			         es_money_format(existing->total, ES_MONEY_PLAIN, b2));
			R->warn(R->ctx, msg);
		}
		return put_report(R, tax_code, "increase-needs-new-act", res->tax_unpaid, res->sanction, res->interest,
		                  ES_DATE_NONE, existing->act_id, err);
	}
	memset(&s, 0, sizeof s);
	snprintf(s.act_id, sizeof s.act_id, "SGR-%s-%d-%s-%d", R->tax, R->year, tax_code, nsgravi + 1);
	snprintf(s.act_type, sizeof s.act_type, "sgravio");
	snprintf(s.parent_act_id, sizeof s.parent_act_id, "%s", existing->act_id);
	snprintf(s.tax_code, sizeof s.tax_code, "%s", tax_code);
	snprintf(s.tax, sizeof s.tax, "%s", R->tax);
	s.year = R->year;
	s.tax_due = res->tax_due - existing->tax_due;
	s.tax_paid = res->tax_paid - existing->tax_paid;
	s.tax_unpaid = res->tax_unpaid - existing->tax_unpaid;
	s.sanction = res->sanction - existing->sanction;
	s.interest = res->interest - existing->interest;
	s.costs = 0;
	s.collection_charges = 0;
	s.total = new_total - existing->total;
	s.issued_on = R->opts.as_of;
	s.due_on = existing->due_on;
	snprintf(s.notice_number, sizeof s.notice_number, "%s", existing->notice_number);
	snprintf(s.status, sizeof s.status, R->post ? "posted" : "draft");
	if (R->post) {
		es_rc rc = es_acts_insert_sgravio(R->ledger, &s, new_total, err);

		if (rc != ES_OK)
			return rc;
	}
	return put_act(R, &s, act_violation(res), 0, "", err);
}

/* A new act for the subject's result (outcome ES_ASSESS_ACT). */
static es_rc
issue(es_assess_run *R, es_act *act, const char *tax_code, const es_assess_result *res, es_err *err)
{
	int64_t days;
	es_rc rc;

	snprintf(act->act_type, sizeof act->act_type, "accertamento");
	snprintf(act->tax_code, sizeof act->tax_code, "%s", tax_code);
	snprintf(act->tax, sizeof act->tax, "%s", R->tax);
	act->year = R->year;
	act->tax_due = res->tax_due;
	act->tax_paid = res->tax_paid;
	act->tax_unpaid = res->tax_unpaid;
	act->sanction = res->sanction;
	act->interest = res->interest;
	act->costs = res->costs;
	act->total = res->total;
	act->issued_on = R->opts.as_of;
	if ((rc = es_penalty_esecutivo(R->rules, "payment_term", &days, NULL, NULL, err)) != ES_OK)
		return rc;
	act->due_on = R->opts.as_of + (es_date)days;
	snprintf(act->status, sizeof act->status, R->post ? "posted" : "draft");
	if (R->post && (rc = es_acts_insert(R->ledger, act, R->segregation, err)) != ES_OK)
		return rc;
	if ((rc = put_act(R, act, act_violation(res), res->sanction_acquiescence,
	                  R->opts.channel ? R->opts.channel : "", err)) != ES_OK)
		return rc;
	return put_details(R, act->act_id, res, err);
}

/* Report what the result leaves outside any act: an excess payment, the
 * time-barred lines. */
static es_rc
report_aside(es_assess_run *R, const char *tax_code, const es_assess_result *res, es_err *err)
{
	es_rc rc;

	if (res->excess > 0 && res->excess >= R->opts.min_amount &&
	    (rc = put_report(R, tax_code, "excess-payment", -res->excess, 0, 0, ES_DATE_NONE,
	                     "paid beyond everything due for the year: a possible refund (L. 296/2006 c. 164)",
	                     err)) != ES_OK)
		return rc;
	if (res->barred_unpaid + res->barred_sanction + res->barred_interest > 0 &&
	    (rc = put_report(R, tax_code, "time-barred", res->barred_unpaid, res->barred_sanction,
	                     res->barred_interest, res->barred_deadline,
	                     "decadenza passed before the act date (L. 296/2006 c. 161)", err)) != ES_OK)
		return rc;
	return ES_OK;
}

static es_rc
assess_subject(es_assess_run *R, const char *tax_code, const es_acts_due *dues, size_t nd,
               const es_acts_payment *pays, size_t np, es_err *err)
{
	es_assess_line *lines = calloc(nd ? nd : 1, sizeof *lines);
	es_assess_payment *pv = calloc(np ? np : 1, sizeof *pv);
	es_assess_opts o = R->opts;
	es_assess_result res;
	es_act act, existing;
	bool found = false;
	int nsgravi = 0;
	es_rc rc;

	memset(&res, 0, sizeof res);
	memset(&act, 0, sizeof act);
	if (lines == NULL || pv == NULL) {
		free(lines);
		free(pv);
		return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	make_inputs(dues, nd, pays, np, lines, pv);
	snprintf(act.act_id, sizeof act.act_id, "ACC-%s-%d-%s", R->tax, R->year, tax_code);
	if (R->ledger != NULL) {
		/* An act already issued is recomputed as of its own date: a payment
		 * recorded since then lowers it (sgravio); nothing is duplicated. */
		if ((rc = es_acts_get(R->ledger, act.act_id, &existing, &found, err)) != ES_OK)
			goto done;
		if (found) {
			if ((rc = es_acts_net(R->ledger, act.act_id, &existing, &nsgravi, err)) != ES_OK)
				goto done;
			o.as_of = existing.issued_on;
			o.channel = NULL;
			o.min_amount = 0;
		}
	}
	if ((rc = es_assess_compute(R->rules, tax_code, R->tax, R->year, lines, nd, pv, np, &o, &res, err)) != ES_OK) {
		es_err_prefix(err, "%s %s %d", tax_code, R->tax, R->year);
		goto done;
	}
	R->excess_total += res.excess;
	if (R->explain != NULL && (res.outcome != ES_ASSESS_NOTHING || found) &&
	    (rc = es_assess_explain(R, act.act_id, &res, err)) != ES_OK)
		goto done;
	if ((rc = report_aside(R, tax_code, &res, err)) != ES_OK)
		goto done;
	if (found) {
		rc = reassess(R, tax_code, &existing, nsgravi, &res, err);
		goto done;
	}
	switch (res.outcome) {
	case ES_ASSESS_NOTHING:
	case ES_ASSESS_TIME_BARRED:  /* reported aside */
		rc = ES_OK;
		break;
	case ES_ASSESS_BELOW_MIN:
		rc = put_report(R, tax_code, "below-minimum", res.tax_unpaid, res.sanction, res.interest, ES_DATE_NONE,
		                "under the minimum amount (L. 296/2006 c. 168; art. 25 L. 289/2002)", err);
		break;
	case ES_ASSESS_ACT:
		rc = issue(R, &act, tax_code, &res, err);
		break;
	}
done:
	es_assess_result_clear(&res);
	free(lines);
	free(pv);
	return rc;
}

/* --- all subjects --------------------------------------------------------- */

static int
cmp_due_code(const void *a, const void *b)
{
	const es_acts_due *x = a, *y = b;
	int c = strcmp(x->tax_code, y->tax_code);

	if (c != 0)
		return c;
	if (x->due_date != y->due_date)
		return x->due_date < y->due_date ? -1 : 1;
	if (x->installment != y->installment)
		return x->installment < y->installment ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
cmp_pay_code(const void *a, const void *b)
{
	const es_acts_payment *x = a, *y = b;
	int c = strcmp(x->tax_code, y->tax_code);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

es_rc
es_assess_run_all(es_assess_run *R, es_acts_due *dues, size_t nd, es_acts_payment *pays, size_t np, es_err *err)
{
	size_t i = 0, j = 0;
	es_rc rc = ES_OK;
	uint64_t done = 0;

	if (nd > 0)
		qsort(dues, nd, sizeof *dues, cmp_due_code);
	if (np > 0)
		qsort(pays, np, sizeof *pays, cmp_pay_code);
	while ((i < nd || j < np) && rc == ES_OK) {
		const char *code;
		size_t i2 = i, j2 = j;
		int c;

		if (i >= nd)
			c = 1;
		else if (j >= np)
			c = -1;
		else
			c = strcmp(dues[i].tax_code, pays[j].tax_code);
		code = c <= 0 ? dues[i].tax_code : pays[j].tax_code;
		while (i2 < nd && strcmp(dues[i2].tax_code, code) == 0)
			i2++;
		while (j2 < np && strcmp(pays[j2].tax_code, code) == 0)
			j2++;
		if (i2 == i) {
			es_cents sum = 0;
			size_t k;

			for (k = j; k < j2; k++)
				sum += pays[k].amount;
			rc = put_report(R, code, "no-dues", -sum, 0, 0, ES_DATE_NONE,
			                "payments for the year of a subject with nothing due: check the dues", err);
		} else {
			rc = assess_subject(R, code, dues + i, i2 - i, pays + j, j2 - j, err);
		}
		i = i2;
		j = j2;
		if (R->progress != NULL)
			R->progress(R->ctx, ++done);
	}
	return rc;
}

/* --- evasion candidates --------------------------------------------------- */

static int
cmp_due_unit(const void *a, const void *b)
{
	const es_acts_due *x = a, *y = b;
	int c = strcmp(x->unit_id, y->unit_id);

	return c != 0 ? c : strcmp(x->tax_code, y->tax_code);
}

static int
cmp_surface(const void *a, const void *b)
{
	return strcmp(((const es_acts_surface *)a)->unit_id, ((const es_acts_surface *)b)->unit_id);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Did tax_code pay anything for the year?  paid_codes is sorted. */
static bool
has_paid(char **paid_codes, size_t n, const char *tax_code)
{
	return n > 0 && bsearch(&tax_code, paid_codes, n, sizeof *paid_codes, cmp_str) != NULL;
}

es_rc
es_assess_evasion(const es_penalty_rules *rules, const char *tax, int year, es_acts_due *dues, size_t nd,
                  const es_acts_payment *pays, size_t np, es_acts_surface *surf, size_t ns,
                  es_assess_candidate_fn fn, void *ctx, es_err *err)
{
	char **paid = calloc(np ? np : 1, sizeof *paid);
	int64_t pct = 0;
	const char *src = "";
	size_t i, j, npaid = 0;
	es_rc rc = ES_OK;
	bool tari = strcmp(tax, "TARI") == 0;

	if (paid == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	for (i = 0; i < np; i++)
		if (pays[i].amount > 0)
			paid[npaid++] = pays[i].tax_code;
	if (npaid > 0)
		qsort(paid, npaid, sizeof *paid, cmp_str);
	if (tari && (rc = es_penalty_evasion_rule(rules, "surface_pct_of_cadastral", tax, &pct, &src, err)) != ES_OK)
		goto done;
	if (nd > 0)
		qsort(dues, nd, sizeof *dues, cmp_due_unit);
	if (ns > 0)
		qsort(surf, ns, sizeof *surf, cmp_surface);
	for (i = 0; i < nd && rc == ES_OK; i = j) {
		es_assess_candidate c = { .tax = tax, .year = year, .unit_id = dues[i].unit_id };
		char codes[1024] = "";
		size_t len = 0;
		int64_t declared = 0;
		bool anyone_paid = false;

		for (j = i; j < nd && strcmp(dues[j].unit_id, dues[i].unit_id) == 0; j++) {
			c.amount_due += dues[j].amount_due;
			if (has_paid(paid, npaid, dues[j].tax_code))
				anyone_paid = true;
			if (dues[j].basis > declared)
				declared = dues[j].basis;
			if ((j == i || strcmp(dues[j].tax_code, dues[j - 1].tax_code) != 0) && len < sizeof codes - 1)
				len += (size_t)snprintf(codes + len, sizeof codes - len, "%s%s", len ? ";" : "", dues[j].tax_code);
			if (len >= sizeof codes)
				len = sizeof codes - 1;
		}
		if (*dues[i].unit_id == '\0')
			continue;
		c.tax_codes = codes;
		if (!tari) {
			if (anyone_paid)
				continue;
			c.reason = "no-payment-by-any-holder";
			c.source = "L. 160/2019 c. 743 (every holder of the right is liable)";
		} else {
			es_acts_surface key = { .unit_id = dues[i].unit_id }, *s;

			s = ns > 0 ? bsearch(&key, surf, ns, sizeof *surf, cmp_surface) : NULL;
			if (s == NULL || dues[i].basis < 0)
				continue;
			/* declared < pct% of cadastral: declared * 100 * 10^4 < cadastral * pct,
			 * where cadastral * pct is the threshold in m2 at scale ES_PCT_SCALE + 2 */
			if (declared * 100 * ES_PCT_ONE >= s->surface_m2 * pct)
				continue;
			c.reason = "declared-surface-below-threshold";
			c.has_surface = true;
			c.declared_m2 = declared;
			c.cadastral_m2 = s->surface_m2;
			c.threshold = s->surface_m2 * pct / 100;
			c.source = src;
		}
		rc = fn(ctx, &c, err);
	}
done:
	free(paid);
	return rc;
}

static es_rc
put_candidate(void *ctx, const es_assess_candidate *c, es_err *err)
{
	es_assess_run *R = ctx;
	es_csv_writer *w = R->evasion;
	es_rc rc;

	R->ncandidates++;
	if ((rc = es_csv_put(w, c->tax, err)) != ES_OK || (rc = es_csv_put_int(w, c->year, err)) != ES_OK ||
	    (rc = es_csv_put(w, c->unit_id, err)) != ES_OK || (rc = es_csv_put(w, c->tax_codes, err)) != ES_OK ||
	    (rc = es_csv_put(w, c->reason, err)) != ES_OK || (rc = es_csv_put_money(w, c->amount_due, err)) != ES_OK)
		return rc;
	if (c->has_surface)
		rc = (rc = es_csv_put_int(w, c->declared_m2, err)) != ES_OK ? rc :
		     (rc = es_csv_put_int(w, c->cadastral_m2, err)) != ES_OK ? rc :
		     es_csv_put_decimal(w, c->threshold, ES_PCT_SCALE, err);
	else
		rc = (rc = es_csv_put(w, "", err)) != ES_OK ? rc : (rc = es_csv_put(w, "", err)) != ES_OK ? rc :
		     es_csv_put(w, "", err);
	if (rc != ES_OK || (rc = es_csv_put(w, c->source, err)) != ES_OK)
		return rc;
	return es_csv_end_row(w, err);
}

es_rc
es_assess_run_evasion(es_assess_run *R, es_acts_due *dues, size_t nd, const es_acts_payment *pays, size_t np,
                      es_acts_surface *surf, size_t ns, es_err *err)
{
	return es_assess_evasion(R->rules, R->tax, R->year, dues, nd, pays, np, surf, ns, put_candidate, R, err);
}
