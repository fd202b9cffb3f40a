/* plan-installments: instalment plans of the coercive phase (L. 160/2019
 * cc. 796-802): the schedule of a debt, plans on the ledger's acts, and the
 * lapse of the plans that stopped being paid. */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esattore.h"
#include "ente.h"
#include "domain/penalty.h"
#include "domain/installments.h"
#include "store/coercive.h"
#include "tool.h"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: plan-installments --amount EUR --as-of DATE [--months N] [OPTION]...\n"
	    "  or:  plan-installments --db FILE --as-of DATE [OPTION]... [REQUESTS]...\n"
	    "  or:  plan-installments --db FILE --as-of DATE --lapsed [OPTION]...\n"
	    "Build instalment plans (L. 160/2019 cc. 796-802): monthly instalments due on\n"
	    "the last day of each month, interest at the legal rate plus the spread.\n"
	    "\n"
	    "With --amount, print the schedule of that debt granted on the --as-of date:\n"
	    "installment,due_date,principal,interest,amount.  A request the law does not\n"
	    "allow (a debt of 100.00 or less, a number of instalments outside the band)\n"
	    "is refused with the reason and exit status 2.\n"
	    "\n"
	    "With --db, each REQUESTS row (columns act_id, optional months) asks a plan\n"
	    "for what is unpaid on that act; one output row per instalment, with the\n"
	    "pagoPA notice number when posted.  A request the law refuses is rejected.\n"
	    "\n"
	    "Options:\n"
	    "      --amount EUR        the debt to put into instalments (no ledger)\n"
	    "      --as-of DATE        the date the plan is granted (or the lapse is checked)\n"
	    "      --months N          number of monthly instalments (default: the band's maximum)\n"
	    "      --spread PTS        interest points over the legal rate, 0..2 (default 0)\n"
	    "      --day-count BASIS   365 (default) or actual (366 in leap years)\n"
	    "      --bands FILE        the ente's own instalment bands (same columns as\n"
	    "                          instalment_bands.csv)\n"
	    "      --db FILE           the ledger (default $ESATTORE_DB)\n"
	    "      --ente FILE         the ente key file (segregation code of the notices)\n"
	    "      --lapsed            check the active plans: reminders due, lapsed plans and\n"
	    "                          the balance due at once\n"
	    "      --post              record plans, reminders and lapses in the ledger\n"
	    "      --rejects FILE      rejected request rows with _source,_line,_error\n"
	    "      --locale LOC        it: ';' separator and ',' decimals on output\n"
	    "  -q, --quiet             print only errors\n"
	    "      --help              display this help and exit\n"
	    "      --version           output version information and exit\n"
	    "\n"
	    "Exit status: 0 all rows used; 1 some rows rejected; 2 usage or configuration\n"
	    "error, or a plan the law does not allow (--amount); 3 I/O or database failure.\n");
	exit(es_tool_finish(status));
}

enum {
	OPT_AMOUNT = ES_OPT_FIRST_TOOL_OPTION,
	OPT_AS_OF,
	OPT_MONTHS,
	OPT_SPREAD,
	OPT_DAY_COUNT,
	OPT_BANDS,
	OPT_LAPSED,
	OPT_POST
};

static const struct option longopts[] = {
	{ "amount", required_argument, NULL, OPT_AMOUNT },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "months", required_argument, NULL, OPT_MONTHS },
	{ "spread", required_argument, NULL, OPT_SPREAD },
	{ "day-count", required_argument, NULL, OPT_DAY_COUNT },
	{ "bands", required_argument, NULL, OPT_BANDS },
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "ente", required_argument, NULL, ES_OPT_ENTE },
	{ "lapsed", no_argument, NULL, OPT_LAPSED },
	{ "post", no_argument, NULL, OPT_POST },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

typedef struct run {
	es_installments_rules *rules;
	es_penalty_rules *penalty;
	es_ledger *ledger;
	es_csv_writer *w;
	es_rejects *rejects;
	es_summary sum;
	es_date as_of;
	int months;
	int64_t spread;
	es_daycount dc;
	int segregation;
	bool post;
} run;

static int
parse_months(const char *s)
{
	int64_t v;

	if (es_decimal_parse(s, 0, &v, NULL) != ES_OK || v < 1 || v > 1200)
		es_tool_usage_error("--months: '%s' is not a number of months", s);
	return (int)v;
}

static es_rc
put_row(es_csv_writer *w, const char *const *cols, size_t n, es_err *err)
{
	return es_csv_put_row(w, cols, n, err);
}

/* --amount: the schedule alone, no ledger. */
static int
schedule_only(run *R, const char *amount)
{
	static const char *const hdr[] = { "installment", "due_date", "principal", "interest", "amount" };
	es_installments_plan p;
	es_cents debt;
	es_err err;
	size_t i;
	es_rc rc;

	if (es_money_parse(amount, ES_MONEY_PLAIN, &debt, &err) != ES_OK)
		es_tool_usage_error("--amount: %s", err.msg);
	rc = es_installments_plan_build(R->rules, R->penalty, debt, R->as_of, R->months, R->spread, R->dc, &p, &err);
	if (rc == ES_EDATA)
		es_tool_die(ES_EXIT_USAGE, "refused: %s", err.msg);
	if (rc != ES_OK)
		es_tool_die_err(&err);
	if ((rc = put_row(R->w, hdr, ES_ARRAY_LEN(hdr), &err)) != ES_OK)
		goto fail;
	for (i = 0; i < p.n; i++) {
		const es_installment *in = &p.inst[i];

		if ((rc = es_csv_put_int(R->w, in->number, &err)) != ES_OK ||
		    (rc = es_csv_put_date(R->w, in->due_date, &err)) != ES_OK ||
		    (rc = es_csv_put_money(R->w, in->principal, &err)) != ES_OK ||
		    (rc = es_csv_put_money(R->w, in->interest, &err)) != ES_OK ||
		    (rc = es_csv_put_money(R->w, in->amount, &err)) != ES_OK ||
		    (rc = es_csv_end_row(R->w, &err)) != ES_OK)
			goto fail;
	}
	if (!es_diag_quiet()) {
		char b[ES_MONEY_BUFSZ], t[ES_MONEY_BUFSZ];

		es_warn("%zu instalments (band %d-%d), interest %s, total %s", p.n, p.band.min, p.band.max,
		        es_money_format(p.total_interest, ES_MONEY_PLAIN, b), es_money_format(p.total, ES_MONEY_PLAIN, t));
	}
	es_installments_plan_free(&p);
	return ES_EXIT_OK;
fail:
	es_installments_plan_free(&p);
	es_error("%s", err.msg);
	return es_rc_exit_status(rc);
}

static es_rc
reject(run *R, es_csv_reader *cr, const es_csv_row *row, const char *msg, es_err *err)
{
	R->sum.rejected++;
	return es_rejects_add(R->rejects, es_csv_source(cr), row->line, msg, es_csv_header(cr), es_csv_ncols(cr),
	                      (const char *const *)row->fields, row->nfields, err);
}

static const char *const plan_hdr[] = {
	"act_id", "plan_id", "tax_code", "debt", "installment", "due_date", "principal", "interest", "amount",
	"notice_number"
};

/* One request: a plan for what is unpaid on act_id. */
static es_rc
request(run *R, es_csv_reader *cr, const es_csv_row *row, int c_act, int c_months, es_err *err)
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

static es_rc
requests(run *R, const char *path, es_err *err)
{
	static const char *const req[] = { "act_id" };
	es_csv_reader *cr;
	es_csv_row *row;
	int c_act, c_months;
	es_rc rc;

	if ((cr = es_csv_reader_open(path, NULL, err)) == NULL)
		return err->rc;
	if ((rc = es_csv_require(cr, req, &c_act, 1, err)) != ES_OK) {
		es_csv_reader_close(cr);
		return ES_ECONFIG;
	}
	c_months = es_csv_col(cr, "months");
	if (R->post && (rc = es_ledger_run_input(R->ledger, path, err)) != ES_OK) {
		es_csv_reader_close(cr);
		return rc;
	}
	for (;;) {
		rc = es_csv_next(cr, &row, err);
		if (rc == ES_EOF)
			break;
		if (rc == ES_EDATA) {
			R->sum.read++;
			if ((rc = reject(R, cr, row, err->msg, err)) != ES_OK)
				break;
			continue;
		}
		if (rc != ES_OK)
			break;
		R->sum.read++;
		if ((rc = request(R, cr, row, c_act, c_months, err)) != ES_OK)
			break;
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

/* --lapsed: every active plan. */
static es_rc
check_lapses(run *R, es_err *err)
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

int
main(int argc, char **argv)
{
	const char *amount = NULL, *as_of = NULL, *months = NULL, *spread = NULL, *daycount = NULL, *bands = NULL;
	const char *db_opt = NULL, *ente_path = NULL, *rejects_path = NULL;
	bool lapsed = false, locale_it = false;
	es_csv_wopts wo = { 0 };
	es_out *out = NULL;
	es_ente *ente = NULL;
	run R;
	es_err err;
	es_rc rc = ES_OK;
	int c, status, i;

	memset(&R, 0, sizeof R);
	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_AMOUNT: amount = optarg; break;
		case OPT_AS_OF: as_of = optarg; break;
		case OPT_MONTHS: months = optarg; break;
		case OPT_SPREAD: spread = optarg; break;
		case OPT_DAY_COUNT: daycount = optarg; break;
		case OPT_BANDS: bands = optarg; break;
		case ES_OPT_DB: db_opt = optarg; break;
		case ES_OPT_ENTE: ente_path = optarg; break;
		case OPT_LAPSED: lapsed = true; break;
		case OPT_POST: R.post = true; break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case ES_OPT_LOCALE: locale_it = es_tool_parse_locale(optarg); break;
		case 'q': es_diag_set_quiet(true); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default:
			usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (as_of == NULL)
		es_tool_usage_error("--as-of DATE is required");
	if (es_date_parse(as_of, ES_DATE_ANY, &R.as_of, &err) != ES_OK || R.as_of == ES_DATE_NONE)
		es_tool_usage_error("--as-of: '%s' is not a date", as_of);
	if (months != NULL)
		R.months = parse_months(months);
	if (spread != NULL && es_decimal_parse(spread, ES_PCT_SCALE, &R.spread, NULL) != ES_OK)
		es_tool_usage_error("--spread: '%s' is not a number of points", spread);
	R.dc = ES_DAYCOUNT_365;
	if (daycount != NULL) {
		if (strcmp(daycount, "actual") == 0)
			R.dc = ES_DAYCOUNT_ACTUAL;
		else if (strcmp(daycount, "365") != 0)
			es_tool_usage_error("--day-count: '%s' is not 365 or actual", daycount);
	}
	if (amount != NULL && (optind < argc || lapsed || R.post || db_opt != NULL))
		es_tool_usage_error("--amount prints a schedule: it takes no REQUESTS, --db, --lapsed or --post");
	if (lapsed && optind < argc)
		es_tool_usage_error("--lapsed takes no REQUESTS");
	if (amount == NULL && es_tool_db_path(db_opt) == NULL)
		es_tool_usage_error("give --amount EUR, or a ledger (--db FILE or $ESATTORE_DB)");

	if ((R.rules = es_installments_rules_load(bands, &err)) == NULL ||
	    (R.penalty = es_penalty_rules_load(&err)) == NULL)
		es_tool_die_err(&err);
	if (ente_path != NULL || (amount == NULL && R.post && getenv("ESATTORE_ENTE") != NULL &&
	                          *getenv("ESATTORE_ENTE") != '\0')) {
		if ((ente = es_ente_load(ente_path, &err)) == NULL)
			es_tool_die_err(&err);
		R.segregation = ente->segregation_code;
		if (daycount == NULL)
			R.dc = ente->day_count_365 ? ES_DAYCOUNT_365 : ES_DAYCOUNT_ACTUAL;
	} else if (R.post && !lapsed) {
		es_tool_usage_error("--post numbers pagoPA notices: give --ente FILE or set ESATTORE_ENTE");
	}
	wo.locale_it = locale_it;
	if ((out = es_out_open("-", &err)) == NULL || (R.w = es_csv_writer_new(out, &wo, &err)) == NULL)
		es_tool_die_err(&err);

	if (amount != NULL) {
		status = schedule_only(&R, amount);
		es_csv_writer_free(R.w);
		if (es_out_close(out, &err) != ES_OK) {
			es_error("%s", err.msg);
			status = ES_EXIT_FAILURE;
		}
		es_installments_rules_free(R.rules);
		es_penalty_rules_free(R.penalty);
		es_ente_free(ente);
		return es_tool_finish(status);
	}

	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if ((R.ledger = es_ledger_open(es_tool_db_path(db_opt), R.post ? ES_LEDGER_WRITE : ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	if (R.post && (rc = es_ledger_run_begin(R.ledger, "plan-installments", argc, argv, &err)) != ES_OK)
		goto fail;
	if (lapsed) {
		rc = check_lapses(&R, &err);
	} else {
		if ((rc = es_csv_put_row(R.w, plan_hdr, ES_ARRAY_LEN(plan_hdr), &err)) != ES_OK)
			goto fail;
		if (optind == argc)
			rc = requests(&R, "-", &err);
		for (i = optind; rc == ES_OK && i < argc; i++)
			rc = requests(&R, argv[i], &err);
	}
	if (rc != ES_OK)
		goto fail;
	es_csv_writer_free(R.w);
	R.w = NULL;
	if ((rc = es_out_close(out, &err)) != ES_OK) {
		out = NULL;
		goto fail;
	}
	out = NULL;
	if ((rc = es_rejects_close(R.rejects, &err)) != ES_OK) {
		R.rejects = NULL;
		goto fail;
	}
	R.rejects = NULL;
	if (R.post && (rc = es_ledger_run_commit(R.ledger, R.sum.read, R.sum.written, R.sum.rejected, &err)) != ES_OK)
		goto fail;
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
	es_out_close(out, NULL);
	es_rejects_close(R.rejects, NULL);
done:
	es_ledger_close(R.ledger);
	es_installments_rules_free(R.rules);
	es_penalty_rules_free(R.penalty);
	es_ente_free(ente);
	return es_tool_finish(status);
}
