/* coercive_run.c: one emit-injunctions run: the next step of the
 * ledger's chains and the ingiunzioni of the load lists
 * (coercive_run.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/coercive_run.h"
#include "io/rows.h"
#include "store/coercive.h"
#include "types/taxid.h"

struct es_coercive_fact {
	char tax_code[20];
	bool only_home;
	es_date ipoteca_on;
};

typedef es_coercive_fact fact;


static const char *const acts_hdr[] = {
	"act_id", "act_type", "parent_act_id", "root_act_id", "tax_code", "name", "address", "tax", "year",
	"tax_due", "tax_paid", "tax_unpaid", "sanction", "interest", "mora_interest", "costs", "notification_cost",
	"collection_charges", "collection_charges_late", "total", "total_late", "issued_on", "esecutivita",
	"early_until", "due_on", "load_id", "reference", "notice_number", "rule"
};

static const char *const excluded_hdr[] = {
	"source", "line", "act_id", "reference", "tax_code", "tax", "year", "amount", "reason", "since", "rule"
};

static const char *const measures_hdr[] = {
	"act_id", "tax_code", "name", "debt", "measure", "notice_days", "rule", "source"
};

es_rc
es_coercive_run_put_header(es_csv_writer *w, es_coercive_stream s, es_err *err)
{
	switch (s) {
	case ES_COERCIVE_ACTS: return es_csv_put_row(w, acts_hdr, ES_ARRAY_LEN(acts_hdr), err);
	case ES_COERCIVE_EXCLUDED: return es_csv_put_row(w, excluded_hdr, ES_ARRAY_LEN(excluded_hdr), err);
	case ES_COERCIVE_MEASURES: return es_csv_put_row(w, measures_hdr, ES_ARRAY_LEN(measures_hdr), err);
	}
	return es_err_set(err, ES_EINTERNAL, "coercive run: no stream %d", (int)s);
}

/* The act as it will be written. */
typedef struct out_act {
	es_act a;
	es_coercive_extra x;
	es_cents mora, late, total_late;
	es_date early_until;
	const char *rule;
} out_act;

static es_rc
put_act(es_coercive_run *R, out_act *o, es_err *err)
{
	es_csv_writer *w = R->w;
	es_rc rc;

	if (R->post && R->ledger != NULL &&
	    (rc = es_coercive_store_insert(R->ledger, &o->a, &o->x, R->segregation, err)) != ES_OK)
		return rc;
	if ((rc = es_csv_put(w, o->a.act_id, err)) != ES_OK || (rc = es_csv_put(w, o->a.act_type, err)) != ES_OK ||
	    (rc = es_csv_put(w, o->a.parent_act_id, err)) != ES_OK ||
	    (rc = es_csv_put(w, o->x.root_act_id[0] ? o->x.root_act_id : o->a.act_id, err)) != ES_OK ||
	    (rc = es_csv_put(w, o->a.tax_code, err)) != ES_OK || (rc = es_csv_put(w, o->x.name, err)) != ES_OK ||
	    (rc = es_csv_put(w, o->x.address, err)) != ES_OK || (rc = es_csv_put(w, o->a.tax, err)) != ES_OK ||
	    (rc = es_csv_put_int(w, o->a.year, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->a.tax_due, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->a.tax_paid, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->a.tax_unpaid, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->a.sanction, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->a.interest, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->mora, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->a.costs, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->x.notification_cost, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->a.collection_charges, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->late, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->a.total, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, o->total_late, err)) != ES_OK ||
	    (rc = es_csv_put_date(w, o->a.issued_on, err)) != ES_OK ||
	    (rc = es_csv_put_date(w, o->x.esecutivita, err)) != ES_OK ||
	    (rc = es_csv_put_date(w, o->early_until, err)) != ES_OK ||
	    (rc = es_csv_put_date(w, o->a.due_on, err)) != ES_OK ||
	    (rc = es_csv_put(w, o->x.load_id, err)) != ES_OK || (rc = es_csv_put(w, o->x.reference, err)) != ES_OK ||
	    (rc = es_csv_put(w, o->a.notice_number, err)) != ES_OK || (rc = es_csv_put(w, o->rule, err)) != ES_OK ||
	    (rc = es_csv_end_row(w, err)) != ES_OK)
		return rc;
	R->nacts++;
	return ES_OK;
}

static es_rc
put_excluded(es_coercive_run *R, const char *source, uint64_t line, const char *act_id, const char *reference,
             const char *tax_code, const char *tax, int year, es_cents amount, const char *reason, es_date since,
             const char *rule, es_err *err)
{
	es_csv_writer *w = R->excluded_w;
	char a[ES_MONEY_BUFSZ], d[ES_DATE_BUFSZ];
	es_rc rc;

	R->excluded++;
	if (w == NULL) {
		es_warn_call(R->warn, R->ctx, source, line, "%s%s%s: no act: %s%s%s (%s)", act_id,
		             *act_id && *reference ? " " : "", reference, reason, since != ES_DATE_NONE ? " since " : "",
		             since != ES_DATE_NONE ? es_date_format(since, d) : "", es_money_format(amount, ES_MONEY_PLAIN, a));
		return ES_OK;
	}
	if ((rc = es_csv_put(w, source, err)) != ES_OK || (rc = es_csv_put_int(w, (int64_t)line, err)) != ES_OK ||
	    (rc = es_csv_put(w, act_id, err)) != ES_OK || (rc = es_csv_put(w, reference, err)) != ES_OK ||
	    (rc = es_csv_put(w, tax_code, err)) != ES_OK || (rc = es_csv_put(w, tax, err)) != ES_OK ||
	    (rc = es_csv_put_int(w, year, err)) != ES_OK || (rc = es_csv_put_money(w, amount, err)) != ES_OK ||
	    (rc = es_csv_put(w, reason, err)) != ES_OK || (rc = es_csv_put_date(w, since, err)) != ES_OK ||
	    (rc = es_csv_put(w, rule, err)) != ES_OK)
		return rc;
	return es_csv_end_row(w, err);
}

/* The oneri on base for an act due on due_on of esecutivita: the amount that
 * applies at due_on into collection_charges, the late band into late. */
static es_rc
charges(es_coercive_run *R, out_act *o, es_cents base, es_date esecutivita, es_err *err)
{
	es_coercive_charge early, late, at_due;
	es_rc rc;

	if ((rc = es_coercive_charges(R->rules, base, &early, &late, err)) != ES_OK ||
	    (rc = es_coercive_charge_on(R->rules, base, esecutivita, o->a.due_on, &at_due, err)) != ES_OK)
		return rc;
	o->a.collection_charges = at_due.amount;
	o->late = late.amount;
	o->early_until = esecutivita != ES_DATE_NONE ? esecutivita + early.within_days : ES_DATE_NONE;
	return ES_OK;
}

static void
totals(out_act *o)
{
	o->a.total = o->a.tax_unpaid + o->a.sanction + o->a.interest + o->a.costs + o->a.collection_charges;
	o->total_late = o->a.total - o->a.collection_charges + o->late;
}

static es_rc
threshold_days(es_coercive_run *R, const char *rule, int32_t *days, es_err *err)
{
	es_coercive_threshold t;

	if (es_coercive_threshold_get(R->rules, rule, &t, err) != ES_OK)
		return ES_ECONFIG;
	if (t.days < 0)
		return es_err_set(err, ES_ECONFIG, "enforcement_thresholds.csv: rule '%s' needs days", rule);
	*days = t.days;
	return ES_OK;
}

static bool
kind_wanted(es_coercive_run *R, const char *kind)
{
	return R->kind == NULL || strcmp(R->kind, kind) == 0;
}

/* --- load lists ----------------------------------------------------------- */

enum { L_LOAD, L_CF, L_NAME, L_ADDR, L_REV, L_YEAR, L_REF, L_PRIN, L_SANC, L_INT, L_COSTS, L_DUE, L_NOTIF, L_N };

static es_rc
reject(es_coercive_run *R, es_csv_reader *cr, const es_csv_row *row, const char *msg, es_err *err)
{
	return es_rejects_add_row(R->rejects, cr, row, msg, &R->sum, err);
}

static es_rc
money_field(es_coercive_run *R, const es_csv_row *row, int col, const char *name, es_cents *out, char *msg, size_t msz)
{
	const char *s = es_csv_get(row, col);
	es_err e;

	if (*s == '\0') {
		*out = 0;
		return ES_OK;
	}
	if (es_money_parse(s, R->decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN, out, &e) != ES_OK) {
		snprintf(msg, msz, "%s: %s", name, e.msg);
		return ES_EDATA;
	}
	if (*out < 0) {
		snprintf(msg, msz, "%s: negative amount '%s'", name, s);
		return ES_EDATA;
	}
	return ES_OK;
}

static es_rc
load_row(es_coercive_run *R, es_csv_reader *cr, const es_csv_row *row, const int *ix, int c_channel, es_err *err)
{
	char msg[ES_ERR_MAX + 64], cf[24], seen_id[96];
	const char *src = es_csv_source(cr), *channel;
	es_coercive_revenue rev;
	es_coercive_threshold min;
	es_cents principal, sanction, interest, costs, added, cost, base;
	es_date due, notified = ES_DATE_NONE, presc, deadline;
	int64_t year;
	int periods;
	int32_t pay_days = 0, term_days = 0;
	const char *cost_src;
	out_act o;
	es_err e;
	es_rc rc;

	if (es_taxid_normalise(es_csv_get(row, ix[L_CF]), cf, sizeof cf) == NULL ||
	    es_taxid_classify(cf) == ES_TAXID_INVALID) {
		snprintf(msg, sizeof msg, "tax_code: '%s' is not a valid codice fiscale or partita IVA",
		         es_csv_get(row, ix[L_CF]));
		return reject(R, cr, row, msg, err);
	}
	if (es_coercive_revenue_get(R->rules, es_csv_get(row, ix[L_REV]), &rev, &e) != ES_OK) {
		snprintf(msg, sizeof msg, "revenue: %s", e.msg);
		return reject(R, cr, row, msg, err);
	}
	if (es_decimal_parse(es_csv_get(row, ix[L_YEAR]), 0, &year, NULL) != ES_OK || year < 1900 || year > 2999) {
		snprintf(msg, sizeof msg, "year: '%s' is not a year", es_csv_get(row, ix[L_YEAR]));
		return reject(R, cr, row, msg, err);
	}
	if (*es_csv_get(row, ix[L_LOAD]) == '\0' || *es_csv_get(row, ix[L_REF]) == '\0')
		return reject(R, cr, row, *es_csv_get(row, ix[L_LOAD]) == '\0' ? "load_id: empty" : "reference: empty", err);
	/* Never truncate what identifies or addresses the debtor. */
	if (strlen(es_csv_get(row, ix[L_LOAD])) >= sizeof o.x.load_id ||
	    strlen(es_csv_get(row, ix[L_REF])) >= sizeof o.x.reference)
		return reject(R, cr, row, "load_id/reference: longer than 39 characters", err);
	if (strlen(es_csv_get(row, ix[L_NAME])) >= sizeof o.x.name || strlen(es_csv_get(row, ix[L_ADDR])) >= sizeof o.x.address)
		return reject(R, cr, row, "name/address: longer than 255/511 bytes", err);
	if (money_field(R, row, ix[L_PRIN], "principal", &principal, msg, sizeof msg) != ES_OK ||
	    money_field(R, row, ix[L_SANC], "sanction", &sanction, msg, sizeof msg) != ES_OK ||
	    money_field(R, row, ix[L_INT], "interest", &interest, msg, sizeof msg) != ES_OK ||
	    money_field(R, row, ix[L_COSTS], "costs", &costs, msg, sizeof msg) != ES_OK)
		return reject(R, cr, row, msg, err);
	if (es_date_parse(es_csv_get(row, ix[L_DUE]), ES_DATE_ANY, &due, &e) != ES_OK || due == ES_DATE_NONE) {
		snprintf(msg, sizeof msg, "due_on: %s", due == ES_DATE_NONE ? "empty" : e.msg);
		return reject(R, cr, row, msg, err);
	}
	if (es_date_parse(es_csv_get(row, ix[L_NOTIF]), ES_DATE_ANY, &notified, &e) != ES_OK) {
		snprintf(msg, sizeof msg, "notified_on: %s", e.msg);
		return reject(R, cr, row, msg, err);
	}
	if (rev.title_term && notified == ES_DATE_NONE)
		return reject(R, cr, row, "notified_on: required for a tax revenue (the term of L. 296/2006 c. 163 runs "
		              "from the assessment)", err);
	if (due > R->as_of || (notified != ES_DATE_NONE && notified > R->as_of))
		return reject(R, cr, row, "due_on/notified_on: after the --as-of date", err);
	channel = c_channel >= 0 && *es_csv_get(row, c_channel) != '\0' ? es_csv_get(row, c_channel) : R->channel;
	if (strcmp(channel, R->channel) == 0) {
		cost = R->channel_cost;      /* the run's channel, looked up once */
	} else if (es_penalty_notification_cost(R->penalty, channel, R->as_of, &cost, &cost_src, &e) != ES_OK) {
		if (e.rc != ES_ECONFIG || c_channel < 0 || *es_csv_get(row, c_channel) == '\0') {
			*err = e;
			return ES_ECONFIG;
		}
		snprintf(msg, sizeof msg, "channel: %s", e.msg);
		return reject(R, cr, row, msg, err);
	}
	R->sum.written++;
	/* The terms first: nothing is issued on a dead claim. */
	if ((rc = es_coercive_prescription(R->rules, notified != ES_DATE_NONE && notified > due ? notified : due, R->covid,
	                                   &presc, err)) != ES_OK)
		return rc;
	if (R->as_of > presc)
		return put_excluded(R, src, row->line, "", es_csv_get(row, ix[L_REF]), cf, rev.revenue, (int)year,
		                    principal + sanction + interest + costs, "prescribed", presc + 1,
		                    "art. 2948 n. 4 c.c.; art. 20 c. 3 D.Lgs. 472/1997", err);
	if (rev.title_term) {
		if ((rc = threshold_days(R, "payment_term", &term_days, err)) != ES_OK ||
		    (rc = es_coercive_title_deadline(R->rules, notified + term_days, R->covid, &deadline, err)) != ES_OK)
			return rc;
		if (R->as_of > deadline)
			return put_excluded(R, src, row->line, "", es_csv_get(row, ix[L_REF]), cf, rev.revenue, (int)year,
			                    principal + sanction + interest + costs, "coercive title term passed", deadline + 1,
			                    "L. 296/2006 c. 163", err);
	}
	if ((rc = es_coercive_load_interest(R->rules, R->penalty, &rev, principal, due, R->as_of, R->spread, R->dc,
	                                    &added, &periods, &e)) != ES_OK) {
		/* The row's own data (a due date before the legal rate table, a
		 * surcharge too large) cannot be computed: reject it, the run goes on. */
		if (rc != ES_EDATA) {
			*err = e;
			return rc;
		}
		R->sum.written--;
		snprintf(msg, sizeof msg, "due_on: %s", e.msg);
		return reject(R, cr, row, msg, err);
	}
	base = principal + sanction + interest + added;
	if ((rc = es_coercive_threshold_get(R->rules, "min_enforceable", &min, err)) != ES_OK)
		return rc;
	if (base < min.amount)
		return put_excluded(R, src, row->line, "", es_csv_get(row, ix[L_REF]), cf, rev.revenue, (int)year, base,
		                    "below the minimum for coercive collection", ES_DATE_NONE, "L. 160/2019 c. 794", err);
	memset(&o, 0, sizeof o);
	snprintf(o.a.act_id, sizeof o.a.act_id, "ING-%s-%s", es_csv_get(row, ix[L_LOAD]), es_csv_get(row, ix[L_REF]));
	if (R->ledger != NULL) {
		bool seen;

		if ((rc = es_coercive_store_load_seen(R->ledger, es_csv_get(row, ix[L_LOAD]), es_csv_get(row, ix[L_REF]),
		                                      &seen, seen_id, err)) != ES_OK)
			return rc;
		if (seen)
			return put_excluded(R, src, row->line, seen_id, es_csv_get(row, ix[L_REF]), cf, rev.revenue, (int)year,
			                    base, "already issued", ES_DATE_NONE, "", err);
	}
	if (!kind_wanted(R, rev.act_type))
		return ES_OK;
	if ((rc = threshold_days(R, "injunction_payment_term", &pay_days, err)) != ES_OK)
		return rc;
	snprintf(o.a.act_type, sizeof o.a.act_type, "%s", rev.act_type);
	snprintf(o.a.tax_code, sizeof o.a.tax_code, "%s", cf);
	snprintf(o.a.tax, sizeof o.a.tax, "%s", rev.revenue);
	o.a.year = (int)year;
	o.a.tax_due = principal;
	o.a.tax_unpaid = principal;
	o.a.sanction = sanction;
	o.a.interest = interest + added;
	o.a.costs = costs + cost;
	o.a.issued_on = R->as_of;
	/* Provisional: track-notifications moves it to the notification + the term. */
	o.a.due_on = R->as_of + pay_days;
	snprintf(o.a.status, sizeof o.a.status, R->post ? "posted" : "draft");
	snprintf(o.x.kind, sizeof o.x.kind, "ingiunzione");
	snprintf(o.x.load_id, sizeof o.x.load_id, "%s", es_csv_get(row, ix[L_LOAD]));
	snprintf(o.x.revenue, sizeof o.x.revenue, "%s", rev.revenue);
	snprintf(o.x.reference, sizeof o.x.reference, "%s", es_csv_get(row, ix[L_REF]));
	snprintf(o.x.name, sizeof o.x.name, "%s", es_csv_get(row, ix[L_NAME]));
	snprintf(o.x.address, sizeof o.x.address, "%s", es_csv_get(row, ix[L_ADDR]));
	snprintf(o.x.channel, sizeof o.x.channel, "%s", channel);
	/* Executive once notified and unpaid for the payment term: from the
	 * expected due date, the early band runs 60 days. */
	o.x.esecutivita = o.a.due_on;
	o.x.notification_cost = cost;
	o.x.mora_interest = 0;
	o.rule = rev.legal_basis;
	if (rev.collection_charges) {
		if ((rc = charges(R, &o, principal + sanction + interest + added, o.x.esecutivita, err)) != ES_OK)
			return rc;
	} else {
		o.early_until = ES_DATE_NONE;
	}
	totals(&o);
	o.x.collection_charges_late = o.late;
	return put_act(R, &o, err);
}

es_rc
es_coercive_run_loads(es_coercive_run *R, const char *path, es_err *err)
{
	static const char *const req[L_N] = { "load_id", "tax_code", "name", "address", "revenue", "year", "reference",
	                                      "principal", "sanction", "interest", "costs", "due_on", "notified_on" };
	es_csv_reader *cr;
	es_csv_row *row;
	int ix[L_N], c_channel;
	es_rc rc;

	if ((cr = es_rows_open(path, req, ix, L_N, err)) == NULL)
		return err->rc;
	c_channel = es_csv_col(cr, "channel");
	if (R->post && (rc = es_ledger_run_input(R->ledger, path, err)) != ES_OK) {
		es_csv_reader_close(cr);
		return rc;
	}
	for (;;) {
		if ((rc = es_rows_next(cr, &row, R->rejects, &R->sum, err)) != ES_OK)
			break;
		if (R->progress != NULL)
			R->progress(R->ctx, R->sum.read);
		if ((rc = load_row(R, cr, row, ix, c_channel, err)) != ES_OK)
			break;
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

/* --- the ledger's chains ----------------------------------------------------- */

static const fact *
fact_of(es_coercive_run *R, const char *tax_code)
{
	size_t i;

	for (i = 0; i < R->nfacts; i++)
		if (strcmp(R->facts[i].tax_code, tax_code) == 0)
			return &R->facts[i];
	return NULL;
}

static es_rc
measures(es_coercive_run *R, const es_chain *c, es_cents debt, es_err *err)
{
	es_coercive_measure m[ES_COERCIVE_MAX_MEASURES];
	es_coercive_facts f;
	const fact *k = fact_of(R, c->root.tax_code);
	size_t n, i;
	es_rc rc;

	if (R->measures == NULL)
		return ES_OK;
	memset(&f, 0, sizeof f);
	f.debt = debt;
	f.plan_pending = c->plan_active;
	f.only_home = k != NULL && k->only_home;
	f.ipoteca_on = k != NULL ? k->ipoteca_on : ES_DATE_NONE;
	if ((rc = es_coercive_measures(R->rules, &f, R->as_of, m, &n, err)) != ES_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if (!m[i].admitted)
			continue;
		if ((rc = es_csv_put(R->measures, c->current_act_id[0] ? c->current_act_id : c->root.act_id, err)) != ES_OK ||
		    (rc = es_csv_put(R->measures, c->root.tax_code, err)) != ES_OK ||
		    (rc = es_csv_put(R->measures, c->name, err)) != ES_OK ||
		    (rc = es_csv_put_money(R->measures, debt, err)) != ES_OK ||
		    (rc = es_csv_put(R->measures, m[i].measure, err)) != ES_OK ||
		    (rc = m[i].notice_days >= 0 ? es_csv_put_int(R->measures, m[i].notice_days, err)
		                                : es_csv_put(R->measures, "", err)) != ES_OK ||
		    (rc = es_csv_put(R->measures, m[i].rule, err)) != ES_OK ||
		    (rc = es_csv_put(R->measures, m[i].source, err)) != ES_OK ||
		    (rc = es_csv_end_row(R->measures, err)) != ES_OK)
			return rc;
	}
	return ES_OK;
}

/* Payments already made on the chain reduce, in order, the costs, the
 * interest, the sanctions and then the tax (art. 1194 c.c.). */
static void
impute(out_act *o, es_cents paid)
{
	es_cents *parts[] = { &o->a.costs, &o->a.interest, &o->a.sanction, &o->a.tax_unpaid };
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(parts) && paid > 0; i++) {
		es_cents take = *parts[i] < paid ? *parts[i] : paid;

		*parts[i] -= take;
		paid -= take;
		if (parts[i] == &o->a.tax_unpaid)
			o->a.tax_paid += take;
	}
}

static es_rc
chain(es_coercive_run *R, const es_chain *c, es_err *err)
{
	es_coercive_case k;
	es_coercive_decision d;
	es_interest mora;
	es_cents debt, cost;
	const char *kind, *cost_channel, *cost_src;
	char dbuf[ES_DATE_BUFSZ];
	int32_t days = 0;
	out_act o;
	es_rc rc;

	R->sum.read++;
	R->sum.written++;
	if (c->notified_on == ES_DATE_NONE || c->position_id == 0 || c->plan_active || c->intimazione_pending)
		return ES_OK;
	debt = c->position_due - c->position_paid;
	memset(&k, 0, sizeof k);
	k.debt = debt;
	k.notified_on = c->notified_on;
	k.sollecito_on = c->sollecito_on;
	k.intimazione_on = c->intimazione_on;
	k.covid_shift = R->covid;
	k.payment_days = -1;
	if (strcmp(c->root.act_type, "ingiunzione") == 0) {
		if ((rc = threshold_days(R, "injunction_payment_term", &k.payment_days, err)) != ES_OK)
			return rc;
	}
	if ((rc = es_coercive_next_step(R->rules, &k, R->as_of, &d, err)) != ES_OK)
		return rc;
	switch (d.step) {
	case ES_STEP_BELOW_MINIMUM:
	case ES_STEP_EXPIRED:
		return put_excluded(R, "ledger", 0, c->root.act_id, "", c->root.tax_code, c->root.tax, c->root.year, debt,
		                    d.reason, d.step == ES_STEP_EXPIRED ? d.prescribed_on + 1 : ES_DATE_NONE, d.legal_basis, err);
	case ES_STEP_MEASURES:
		return measures(R, c, debt, err);
	case ES_STEP_SOLLECITO:
	case ES_STEP_INTIMAZIONE:
		break;
	default:
		return ES_OK;
	}
	kind = d.step == ES_STEP_SOLLECITO ? "sollecito" : "intimazione";
	if (!kind_wanted(R, kind))
		return ES_OK;
	memset(&o, 0, sizeof o);
	/* The amounts start again from the root, net of sgravi. */
	o.a = c->root;
	o.a.notice_number[0] = '\0';
	if (strlen(c->root.act_id) > 80)
		return es_err_set(err, ES_EDATA, "act %s: act_id longer than 80 characters", c->root.act_id);
	snprintf(o.a.act_id, sizeof o.a.act_id, "%.80s-%s-%s", c->root.act_id,
	         d.step == ES_STEP_SOLLECITO ? "SOL" : "INT", es_date_format(R->as_of, dbuf));
	snprintf(o.a.act_type, sizeof o.a.act_type, "%s", kind);
	snprintf(o.a.parent_act_id, sizeof o.a.parent_act_id, "%s",
	         c->current_act_id[0] ? c->current_act_id : c->root.act_id);
	snprintf(o.x.root_act_id, sizeof o.x.root_act_id, "%s", c->root.act_id);
	snprintf(o.x.kind, sizeof o.x.kind, "%s", kind);
	snprintf(o.x.name, sizeof o.x.name, "%s", c->name);
	snprintf(o.x.address, sizeof o.x.address, "%s", c->address);
	cost_channel = d.step == ES_STEP_SOLLECITO ? "sollecito" : R->channel;
	snprintf(o.x.channel, sizeof o.x.channel, "%s", cost_channel);
	if ((rc = es_penalty_notification_cost(R->penalty, cost_channel, R->as_of, &cost, &cost_src, err)) != ES_OK)
		return rc;
	if ((rc = es_coercive_mora(R->rules, R->penalty, c->root.tax_unpaid, d.esecutivita, R->as_of, R->mora_spread,
	                           R->dc, &mora, err)) != ES_OK)
		return rc;
	o.mora = mora.amount;
	o.x.mora_interest = mora.amount;
	o.x.esecutivita = d.esecutivita;
	o.x.notification_cost = cost;
	o.a.interest += mora.amount;
	o.a.costs += c->chain_costs + cost;
	o.a.collection_charges = 0;
	impute(&o, c->paid);
	o.a.issued_on = R->as_of;
	if ((rc = threshold_days(R, d.step == ES_STEP_SOLLECITO ? "sollecito_wait" : "intimazione_pay", &days, err)) != ES_OK)
		return rc;
	o.a.due_on = R->as_of + days;
	snprintf(o.a.status, sizeof o.a.status, R->post ? "posted" : "draft");
	if ((rc = charges(R, &o, o.a.tax_unpaid + o.a.sanction + o.a.interest - o.mora, d.esecutivita, err)) != ES_OK)
		return rc;
	totals(&o);
	o.x.collection_charges_late = o.late;
	o.rule = d.legal_basis;
	return put_act(R, &o, err);
}

es_rc
es_coercive_run_ledger(es_coercive_run *R, es_err *err)
{
	es_chain *v;
	size_t n, i;
	es_rc rc;

	if ((rc = es_chain_list(R->ledger, &v, &n, err)) != ES_OK)
		return rc;
	for (i = 0; i < n && rc == ES_OK; i++)
		rc = chain(R, &v[i], err);
	es_chain_free(v);
	return rc;
}

es_rc
es_coercive_run_read_facts(es_coercive_run *R, const char *path, es_err *err)
{
	static const char *const req[] = { "tax_code" };
	es_csv_reader *cr;
	es_csv_row *row;
	int c_cf, c_home, c_ipo;
	es_rc rc;

	if ((cr = es_rows_open(path, req, &c_cf, 1, err)) == NULL)
		return err->rc;
	c_home = es_csv_col(cr, "only_home");
	c_ipo = es_csv_col(cr, "ipoteca_on");
	while ((rc = es_csv_next(cr, &row, err)) == ES_OK) {
		fact *f, *w = realloc(R->facts, (R->nfacts + 1) * sizeof *w);

		if (w == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
		R->facts = w;
		f = &w[R->nfacts];
		memset(f, 0, sizeof *f);
		if (es_taxid_normalise(es_csv_get(row, c_cf), f->tax_code, sizeof f->tax_code) == NULL) {
			rc = es_err_set(err, ES_ECONFIG, "%s:%llu: tax_code: too long", path, (unsigned long long)row->line);
			break;
		}
		f->only_home = strcasecmp(es_csv_get(row, c_home), "yes") == 0;
		if (es_date_parse(es_csv_get(row, c_ipo), ES_DATE_ANY, &f->ipoteca_on, err) != ES_OK) {
			rc = es_err_prefix(err, "%s:%llu: ipoteca_on", path, (unsigned long long)row->line);
			rc = ES_ECONFIG;
			break;
		}
		R->nfacts++;
	}
	es_csv_reader_close(cr);
	if (rc == ES_EDATA)
		return es_err_prefix(err, "%s", path), ES_ECONFIG;
	return rc == ES_EOF ? ES_OK : rc;
}

void
es_coercive_run_free(es_coercive_run *R)
{
	free(R->facts);
	R->facts = NULL;
	R->nfacts = 0;
}
