/* emit-injunctions: the next coercive step.  From the ledger, the
 * accertamenti esecutivi and ingiunzioni notified and still unpaid get a
 * sollecito (c. 795) or an intimazione; from load lists (traffic fines,
 * rents, canone unico, old non-executive tax assessments) come the
 * ingiunzioni fiscali of R.D. 639/1910.  Writes the acts stream; the acts
 * not issued (under 10 euro, prescribed, title term passed) go to
 * --excluded, the precautionary and executive candidates to --measures. */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "esattore.h"
#include "ente.h"
#include "domain/penalty.h"
#include "domain/coercive.h"
#include "store/coercive.h"
#include "tool.h"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: emit-injunctions --as-of DATE [--db FILE] [--loads FILE] [OPTION]...\n"
	    "Select what is due for the next coercive step and write the acts stream.\n"
	    "\n"
	    "From the ledger (--db): accertamenti esecutivi and ingiunzioni notified and\n"
	    "unpaid after the payment and handover terms get a sollecito first (debts up\n"
	    "to 10,000.00, L. 160/2019 c. 795), then an intimazione ad adempiere.\n"
	    "From a load list (--loads, usable without --db): an ingiunzione fiscale (R.D.\n"
	    "639/1910) per row; columns load_id, tax_code, name, address, revenue (CDS,\n"
	    "RENT, CUP, IMU, TARI), year, reference, principal, sanction, interest, costs,\n"
	    "due_on, notified_on; optional channel.\n"
	    "Each act carries the oneri of c. 803 (collection_charges if paid by the 60th\n"
	    "day from esecutivita, collection_charges_late after), notification costs and\n"
	    "mora interest (c. 802).  No act under 10.00 (c. 794), none once prescribed\n"
	    "or past the coercive title's term: those are listed in --excluded.\n"
	    "\n"
	    "Options:\n"
	    "      --as-of DATE        the date of the acts: interest and terms run to it\n"
	    "      --db FILE           the ledger (default $ESATTORE_DB when --loads is absent)\n"
	    "      --loads FILE        a load list of revenues handed over for collection\n"
	    "      --kind KIND         only acts of this kind: ingiunzione, intimazione, sollecito\n"
	    "      --ente FILE         the ente key file (spreads, day count, Covid, segregation)\n"
	    "      --channel CH        notification channel charged: ar (default), pec,\n"
	    "                          raccomandata, messo, estero\n"
	    "      --mora-spread PTS   mora interest points over the legal rate, 0..2\n"
	    "      --spread PTS        tax interest points over the legal rate, -3..3\n"
	    "      --day-count BASIS   365 (default) or actual (366 in leap years)\n"
	    "      --covid-shift Y/N   move collection terms pending on 8 Mar 2020 (default yes)\n"
	    "      --facts FILE        debtor facts for the measures: tax_code, only_home,\n"
	    "                          ipoteca_on\n"
	    "      --measures FILE     the precautionary and executive worklist\n"
	    "      --excluded FILE     the debts that get no act, with the reason\n"
	    "      --post              record the acts and their pagoPA notices in the ledger\n"
	    "      --rejects FILE      rejected input rows with _source,_line,_error\n"
	    "      --locale LOC        it: ';' separator and ',' decimals on output\n"
	    "      --decimal-comma     input amounts use ',' as decimal separator\n"
	    "  -q, --quiet             print only errors\n"
	    "      --help              display this help and exit\n"
	    "      --version           output version information and exit\n"
	    "\n"
	    "Exit status: 0 all rows used; 1 some rows rejected; 2 usage or configuration\n"
	    "error; 3 I/O or database failure.\n");
	exit(es_tool_finish(status));
}

enum {
	OPT_AS_OF = ES_OPT_FIRST_TOOL_OPTION,
	OPT_LOADS,
	OPT_KIND,
	OPT_CHANNEL,
	OPT_MORA_SPREAD,
	OPT_SPREAD,
	OPT_DAY_COUNT,
	OPT_COVID,
	OPT_FACTS,
	OPT_MEASURES,
	OPT_EXCLUDED,
	OPT_POST
};

static const struct option longopts[] = {
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "loads", required_argument, NULL, OPT_LOADS },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "ente", required_argument, NULL, ES_OPT_ENTE },
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ "mora-spread", required_argument, NULL, OPT_MORA_SPREAD },
	{ "spread", required_argument, NULL, OPT_SPREAD },
	{ "day-count", required_argument, NULL, OPT_DAY_COUNT },
	{ "covid-shift", required_argument, NULL, OPT_COVID },
	{ "facts", required_argument, NULL, OPT_FACTS },
	{ "measures", required_argument, NULL, OPT_MEASURES },
	{ "excluded", required_argument, NULL, OPT_EXCLUDED },
	{ "post", no_argument, NULL, OPT_POST },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "decimal-comma", no_argument, NULL, ES_OPT_DECIMAL_COMMA },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

typedef struct fact {
	char tax_code[20];
	bool only_home;
	es_date ipoteca_on;
} fact;

typedef struct run {
	es_penalty_rules *penalty;
	es_coercive_rules *rules;
	es_ledger *ledger;
	es_rejects *rejects;
	es_csv_writer *w, *mw, *xw;
	es_summary sum;
	es_date as_of;
	const char *kind;         /* NULL: every kind */
	const char *channel;
	es_cents channel_cost;    /* of `channel` on as_of */
	int64_t mora_spread, spread;
	es_daycount dc;
	bool covid, post, decimal_comma;
	int segregation;
	fact *facts;
	size_t nfacts;
	uint64_t acts, excluded;
} run;

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

/* The act as it will be written. */
typedef struct out_act {
	es_act a;
	es_coercive_extra x;
	es_cents mora, late, total_late;
	es_date early_until;
	const char *rule;
} out_act;

static es_rc
put_act(run *R, out_act *o, es_err *err)
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
	R->acts++;
	return ES_OK;
}

static es_rc
put_excluded(run *R, const char *source, uint64_t line, const char *act_id, const char *reference,
             const char *tax_code, const char *tax, int year, es_cents amount, const char *reason, es_date since,
             const char *rule, es_err *err)
{
	es_csv_writer *w = R->xw;
	char a[ES_MONEY_BUFSZ], d[ES_DATE_BUFSZ];
	es_rc rc;

	R->excluded++;
	if (w == NULL) {
		es_warn_at(source, line, "%s%s%s: no act: %s%s%s (%s)", act_id, *act_id && *reference ? " " : "", reference,
		           reason, since != ES_DATE_NONE ? " since " : "", since != ES_DATE_NONE ? es_date_format(since, d) : "",
		           es_money_format(amount, ES_MONEY_PLAIN, a));
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
charges(run *R, out_act *o, es_cents base, es_date esecutivita, es_err *err)
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
threshold_days(run *R, const char *rule, int32_t *days, es_err *err)
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
kind_wanted(run *R, const char *kind)
{
	return R->kind == NULL || strcmp(R->kind, kind) == 0;
}

/* --- load lists ----------------------------------------------------------- */

enum { L_LOAD, L_CF, L_NAME, L_ADDR, L_REV, L_YEAR, L_REF, L_PRIN, L_SANC, L_INT, L_COSTS, L_DUE, L_NOTIF, L_N };

static es_rc
reject(run *R, es_csv_reader *cr, const es_csv_row *row, const char *msg, es_err *err)
{
	R->sum.rejected++;
	return es_rejects_add(R->rejects, es_csv_source(cr), row->line, msg, es_csv_header(cr), es_csv_ncols(cr),
	                      (const char *const *)row->fields, row->nfields, err);
}

static es_rc
money_field(run *R, const es_csv_row *row, int col, const char *name, es_cents *out, char *msg, size_t msz)
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
load_row(run *R, es_csv_reader *cr, const es_csv_row *row, const int *ix, int c_channel, es_err *err)
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
	                                    &added, &periods, err)) != ES_OK)
		return rc;
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

static es_rc
read_loads(run *R, const char *path, es_err *err)
{
	static const char *const req[L_N] = { "load_id", "tax_code", "name", "address", "revenue", "year", "reference",
	                                      "principal", "sanction", "interest", "costs", "due_on", "notified_on" };
	es_csv_reader *cr;
	es_csv_row *row;
	int ix[L_N], c_channel;
	es_rc rc;

	if ((cr = es_csv_reader_open(path, NULL, err)) == NULL)
		return err->rc;
	if (es_csv_require(cr, req, ix, L_N, err) != ES_OK) {
		es_csv_reader_close(cr);
		return ES_ECONFIG;
	}
	c_channel = es_csv_col(cr, "channel");
	if (R->post && (rc = es_ledger_run_input(R->ledger, path, err)) != ES_OK) {
		es_csv_reader_close(cr);
		return rc;
	}
	for (;;) {
		rc = es_csv_next(cr, &row, err);
		if (rc == ES_EOF)
			break;
		if (rc != ES_OK && rc != ES_EDATA)
			break;
		R->sum.read++;
		es_tool_progress("rows", R->sum.read);
		if (rc == ES_EDATA)
			rc = reject(R, cr, row, err->msg, err);
		else
			rc = load_row(R, cr, row, ix, c_channel, err);
		if (rc != ES_OK)
			break;
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

/* --- the ledger's chains ----------------------------------------------------- */

static const fact *
fact_of(run *R, const char *tax_code)
{
	size_t i;

	for (i = 0; i < R->nfacts; i++)
		if (strcmp(R->facts[i].tax_code, tax_code) == 0)
			return &R->facts[i];
	return NULL;
}

static es_rc
measures(run *R, const es_chain *c, es_cents debt, es_err *err)
{
	es_coercive_measure m[ES_COERCIVE_MAX_MEASURES];
	es_coercive_facts f;
	const fact *k = fact_of(R, c->root.tax_code);
	size_t n, i;
	es_rc rc;

	if (R->mw == NULL)
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
		if ((rc = es_csv_put(R->mw, c->current_act_id[0] ? c->current_act_id : c->root.act_id, err)) != ES_OK ||
		    (rc = es_csv_put(R->mw, c->root.tax_code, err)) != ES_OK ||
		    (rc = es_csv_put(R->mw, c->name, err)) != ES_OK ||
		    (rc = es_csv_put_money(R->mw, debt, err)) != ES_OK ||
		    (rc = es_csv_put(R->mw, m[i].measure, err)) != ES_OK ||
		    (rc = m[i].notice_days >= 0 ? es_csv_put_int(R->mw, m[i].notice_days, err)
		                                : es_csv_put(R->mw, "", err)) != ES_OK ||
		    (rc = es_csv_put(R->mw, m[i].rule, err)) != ES_OK ||
		    (rc = es_csv_put(R->mw, m[i].source, err)) != ES_OK ||
		    (rc = es_csv_end_row(R->mw, err)) != ES_OK)
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
chain(run *R, const es_chain *c, es_err *err)
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

static es_rc
from_ledger(run *R, es_err *err)
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

static es_rc
read_facts(run *R, const char *path, es_err *err)
{
	static const char *const req[] = { "tax_code" };
	es_csv_reader *cr;
	es_csv_row *row;
	int c_cf, c_home, c_ipo;
	es_rc rc;

	if ((cr = es_csv_reader_open(path, NULL, err)) == NULL)
		return err->rc;
	if (es_csv_require(cr, req, &c_cf, 1, err) != ES_OK) {
		es_csv_reader_close(cr);
		return ES_ECONFIG;
	}
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

static es_csv_writer *
open_side(const char *path, es_out **out, const es_csv_wopts *wo, const char *const *hdr, size_t n, es_err *err)
{
	es_csv_writer *w;

	if ((*out = es_out_open_mode(path, 0600, err)) == NULL)
		return NULL;
	if ((w = es_csv_writer_new(*out, wo, err)) == NULL)
		return NULL;
	if (es_csv_put_row(w, hdr, n, err) != ES_OK) {
		es_csv_writer_free(w);
		return NULL;
	}
	return w;
}

int
main(int argc, char **argv)
{
	const char *as_of = NULL, *db_opt = NULL, *loads = NULL, *ente_path = NULL, *mora_opt = NULL;
	const char *spread_opt = NULL, *dc_opt = NULL, *covid_opt = NULL, *facts_path = NULL, *measures_path = NULL;
	const char *excluded_path = NULL, *rejects_path = NULL, *db;
	es_csv_wopts wo = { 0 };
	es_out *out = NULL, *mout = NULL, *xout = NULL;
	es_ente *ente = NULL;
	int64_t lo, hi;
	run R;
	es_err err;
	es_rc rc = ES_OK;
	int c, status;

	memset(&R, 0, sizeof R);
	R.channel = "ar";
	R.covid = true;
	R.dc = ES_DAYCOUNT_365;
	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_AS_OF: as_of = optarg; break;
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_LOADS: loads = optarg; break;
		case OPT_KIND:
			if (strcmp(optarg, "ingiunzione") != 0 && strcmp(optarg, "intimazione") != 0 &&
			    strcmp(optarg, "sollecito") != 0)
				es_tool_usage_error("--kind: '%s' is not ingiunzione, intimazione or sollecito", optarg);
			R.kind = optarg;
			break;
		case ES_OPT_ENTE: ente_path = optarg; break;
		case OPT_CHANNEL: R.channel = optarg; break;
		case OPT_MORA_SPREAD: mora_opt = optarg; break;
		case OPT_SPREAD: spread_opt = optarg; break;
		case OPT_DAY_COUNT: dc_opt = optarg; break;
		case OPT_COVID: covid_opt = optarg; break;
		case OPT_FACTS: facts_path = optarg; break;
		case OPT_MEASURES: measures_path = optarg; break;
		case OPT_EXCLUDED: excluded_path = optarg; break;
		case OPT_POST: R.post = true; break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case ES_OPT_LOCALE: wo.locale_it = es_tool_parse_locale(optarg); break;
		case ES_OPT_DECIMAL_COMMA: R.decimal_comma = true; break;
		case 'q': es_diag_set_quiet(true); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default:
			usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind < argc)
		es_tool_usage_error("unexpected argument '%s'", argv[optind]);
	if (as_of == NULL)
		es_tool_usage_error("--as-of DATE is required");
	if (es_date_parse(as_of, ES_DATE_ANY, &R.as_of, &err) != ES_OK || R.as_of == ES_DATE_NONE)
		es_tool_usage_error("--as-of: '%s' is not a date", as_of);
	db = db_opt != NULL ? db_opt : (loads == NULL ? es_tool_db_path(NULL) : NULL);
	if (db == NULL && loads == NULL)
		es_tool_usage_error("nothing to do: give --db FILE (or set ESATTORE_DB) or --loads FILE");
	if (R.post && db == NULL)
		es_tool_usage_error("--post needs a ledger: --db FILE");
	if (loads != NULL && R.kind != NULL && strcmp(R.kind, "ingiunzione") != 0 && db == NULL)
		es_tool_usage_error("--loads makes ingiunzioni: --kind %s needs --db", R.kind);
	if (measures_path != NULL && db == NULL)
		es_tool_usage_error("--measures needs a ledger: --db FILE");

	if ((R.penalty = es_penalty_rules_load(&err)) == NULL || (R.rules = es_coercive_rules_load(&err)) == NULL)
		es_tool_die_err(&err);
	if (ente_path != NULL || (getenv("ESATTORE_ENTE") != NULL && *getenv("ESATTORE_ENTE") != '\0')) {
		if ((ente = es_ente_load(ente_path, &err)) == NULL)
			es_tool_die_err(&err);
		R.mora_spread = ente->mora_spread;
		R.spread = ente->interest_spread;
		R.dc = ente->day_count_365 ? ES_DAYCOUNT_365 : ES_DAYCOUNT_ACTUAL;
		R.covid = ente->covid_shift;
		R.segregation = ente->segregation_code;
	} else if (R.post) {
		es_tool_usage_error("--post numbers pagoPA notices: give --ente FILE or set ESATTORE_ENTE");
	}
	if (mora_opt != NULL && es_decimal_parse(mora_opt, ES_PCT_SCALE, &R.mora_spread, NULL) != ES_OK)
		es_tool_usage_error("--mora-spread: '%s' is not a number of points", mora_opt);
	if (es_penalty_param(R.penalty, "mora_spread_max_pts", NULL, &lo, &hi, NULL, &err) != ES_OK)
		es_tool_die_err(&err);
	if (R.mora_spread < lo || R.mora_spread > hi)
		es_tool_usage_error("--mora-spread: %s is outside the range of L. 160/2019 c. 802", mora_opt ? mora_opt : "ente");
	if (spread_opt != NULL && es_decimal_parse(spread_opt, ES_PCT_SCALE, &R.spread, NULL) != ES_OK)
		es_tool_usage_error("--spread: '%s' is not a number of points", spread_opt);
	if (es_penalty_param(R.penalty, "tax_interest_spread_pts", NULL, &lo, &hi, NULL, &err) != ES_OK)
		es_tool_die_err(&err);
	if (R.spread < lo || R.spread > hi)
		es_tool_usage_error("--spread: outside the range of L. 296/2006 c. 165");
	if (dc_opt != NULL) {
		if (strcmp(dc_opt, "actual") == 0)
			R.dc = ES_DAYCOUNT_ACTUAL;
		else if (strcmp(dc_opt, "365") == 0)
			R.dc = ES_DAYCOUNT_365;
		else
			es_tool_usage_error("--day-count: '%s' is not 365 or actual", dc_opt);
	}
	if (covid_opt != NULL) {
		if (strcasecmp(covid_opt, "yes") == 0 || strcasecmp(covid_opt, "y") == 0)
			R.covid = true;
		else if (strcasecmp(covid_opt, "no") == 0 || strcasecmp(covid_opt, "n") == 0)
			R.covid = false;
		else
			es_tool_usage_error("--covid-shift: '%s' is not yes or no", covid_opt);
	}
	{
		es_cents probe;
		const char *src;

		if (es_penalty_notification_cost(R.penalty, R.channel, R.as_of, &probe, &src, &err) != ES_OK)
			es_tool_die(ES_EXIT_USAGE, "--channel: %s", err.msg);
		R.channel_cost = probe;
	}
	if (facts_path != NULL && (rc = read_facts(&R, facts_path, &err)) != ES_OK)
		es_tool_die_err(&err);
	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if (db != NULL && (R.ledger = es_ledger_open(db, R.post ? ES_LEDGER_WRITE : ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	if ((out = es_out_open("-", &err)) == NULL || (R.w = es_csv_writer_new(out, &wo, &err)) == NULL)
		es_tool_die_err(&err);
	if (measures_path != NULL &&
	    (R.mw = open_side(measures_path, &mout, &wo, measures_hdr, ES_ARRAY_LEN(measures_hdr), &err)) == NULL)
		es_tool_die_err(&err);
	if (excluded_path != NULL &&
	    (R.xw = open_side(excluded_path, &xout, &wo, excluded_hdr, ES_ARRAY_LEN(excluded_hdr), &err)) == NULL)
		es_tool_die_err(&err);
	if (R.post && (rc = es_ledger_run_begin(R.ledger, "emit-injunctions", argc, argv, &err)) != ES_OK)
		goto fail;
	if ((rc = es_csv_put_row(R.w, acts_hdr, ES_ARRAY_LEN(acts_hdr), &err)) != ES_OK)
		goto fail;
	if (R.ledger != NULL && (rc = from_ledger(&R, &err)) != ES_OK)
		goto fail;
	if (loads != NULL && (rc = read_loads(&R, loads, &err)) != ES_OK)
		goto fail;
	es_tool_progress_done();
	es_csv_writer_free(R.w);
	R.w = NULL;
	es_csv_writer_free(R.mw);
	R.mw = NULL;
	es_csv_writer_free(R.xw);
	R.xw = NULL;
	if ((rc = es_out_close(out, &err)) != ES_OK) {
		out = NULL;
		goto fail;
	}
	out = NULL;
	if ((rc = es_out_close(mout, &err)) != ES_OK) {
		mout = NULL;
		goto fail;
	}
	mout = NULL;
	if ((rc = es_out_close(xout, &err)) != ES_OK) {
		xout = NULL;
		goto fail;
	}
	xout = NULL;
	if ((rc = es_rejects_close(R.rejects, &err)) != ES_OK) {
		R.rejects = NULL;
		goto fail;
	}
	R.rejects = NULL;
	if (R.post && (rc = es_ledger_run_commit(R.ledger, R.sum.read, R.sum.written, R.sum.rejected, &err)) != ES_OK)
		goto fail;
	if (!es_diag_quiet())
		es_warn("acts %llu, excluded %llu", (unsigned long long)R.acts, (unsigned long long)R.excluded);
	es_summary_print(&R.sum);
	status = es_summary_exit_status(&R.sum);
	goto done;
fail:
	es_error("%s", err.msg);
	if (R.post)
		es_ledger_run_abort(R.ledger, err.msg);
	status = es_rc_exit_status(rc);
	if (status == ES_EXIT_OK || status == ES_EXIT_REJECTS)
		status = ES_EXIT_FAILURE;
	es_csv_writer_free(R.w);
	es_csv_writer_free(R.mw);
	es_csv_writer_free(R.xw);
	es_out_close(out, NULL);
	es_out_close(mout, NULL);
	es_out_close(xout, NULL);
	es_rejects_close(R.rejects, NULL);
done:
	es_ledger_close(R.ledger);
	es_penalty_rules_free(R.penalty);
	es_coercive_rules_free(R.rules);
	es_ente_free(ente);
	free(R.facts);
	return es_tool_finish(status);
}
