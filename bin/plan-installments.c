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
#include "domain/installments_run.h"
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

static int
parse_months(const char *s)
{
	int64_t v;

	if (es_decimal_parse(s, 0, &v, NULL) != ES_OK || v < 1 || v > 1200)
		es_tool_usage_error("--months: '%s' is not a number of months", s);
	return (int)v;
}

/* --amount: the schedule alone, no ledger. */
static int
schedule_only(es_installments_run *R, const char *amount)
{
	es_installments_plan p;
	es_cents debt;
	es_err err;
	es_rc rc;

	if (es_money_parse(amount, ES_MONEY_PLAIN, &debt, &err) != ES_OK)
		es_tool_usage_error("--amount: %s", err.msg);
	rc = es_installments_plan_build(R->rules, R->penalty, debt, R->as_of, R->months, R->spread, R->dc, &p, &err);
	if (rc == ES_EDATA)
		es_tool_die(ES_EXIT_USAGE, "refused: %s", err.msg);
	if (rc != ES_OK)
		es_tool_die_err(&err);
	if ((rc = es_installments_write_schedule(R->w, &p, &err)) != ES_OK) {
		es_installments_plan_free(&p);
		es_error("%s", err.msg);
		return es_rc_exit_status(rc);
	}
	if (!es_diag_quiet()) {
		char b[ES_MONEY_BUFSZ], t[ES_MONEY_BUFSZ];

		es_warn("%zu instalments (band %d-%d), interest %s, total %s", p.n, p.band.min, p.band.max,
		        es_money_format(p.total_interest, ES_MONEY_PLAIN, b), es_money_format(p.total, ES_MONEY_PLAIN, t));
	}
	es_installments_plan_free(&p);
	return ES_EXIT_OK;
}

static es_rc
read_requests(void *ctx, const char *path, es_err *err)
{
	return es_installments_run_requests(ctx, path, err);
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
	es_installments_run R;
	es_tool_run T = { 0 };
	es_installments_rules *rules = NULL;
	es_penalty_rules *penalty = NULL;
	es_err err;
	es_rc rc = ES_OK;
	int c, status;

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
	R.dc = daycount != NULL && es_tool_parse_daycount(daycount) ? ES_DAYCOUNT_ACTUAL : ES_DAYCOUNT_365;
	if (amount != NULL && (optind < argc || lapsed || R.post || db_opt != NULL))
		es_tool_usage_error("--amount prints a schedule: it takes no REQUESTS, --db, --lapsed or --post");
	if (lapsed && optind < argc)
		es_tool_usage_error("--lapsed takes no REQUESTS");
	if (amount == NULL && es_tool_db_path(db_opt) == NULL)
		es_tool_usage_error("give --amount EUR, or a ledger (--db FILE or $ESATTORE_DB)");

	if ((rules = es_installments_rules_load(bands, &err)) == NULL ||
	    (penalty = es_penalty_rules_load(&err)) == NULL)
		es_tool_die_err(&err);
	R.rules = rules;
	R.penalty = penalty;
	if (ente_path != NULL || (amount == NULL && R.post && es_tool_ente_given(NULL))) {
		if ((ente = es_ente_load(ente_path, &err)) == NULL)
			es_tool_die_err(&err);
		R.segregation = ente->segregation_code;
		if (daycount == NULL)
			R.dc = ente->day_count_365 ? ES_DAYCOUNT_365 : ES_DAYCOUNT_ACTUAL;
	} else if (R.post && !lapsed) {
		es_tool_usage_error("--post numbers pagoPA notices: give --ente FILE or set ESATTORE_ENTE");
	}
	wo.locale_it = locale_it;
	if ((R.w = es_tool_csv_open("-", &wo, &out, &err)) == NULL)
		es_tool_die_err(&err);

	if (amount != NULL) {
		status = schedule_only(&R, amount);
		es_csv_writer_free(R.w);
		if (es_out_close(out, &err) != ES_OK) {
			es_error("%s", err.msg);
			status = ES_EXIT_FAILURE;
		}
		es_installments_rules_free(rules);
		es_penalty_rules_free(penalty);
		es_ente_free(ente);
		return es_tool_finish(status);
	}

	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if ((R.ledger = es_ledger_open(es_tool_db_path(db_opt), R.post ? ES_LEDGER_WRITE : ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	T = (es_tool_run){ .ledger = &R.ledger, .post = R.post, .writers = { &R.w }, .outs = { &out },
	                   .rejects = &R.rejects, .sum = &R.sum };
	if (R.post && (rc = es_ledger_run_begin(R.ledger, "plan-installments", argc, argv, &err)) != ES_OK)
		goto fail;
	if (lapsed)
		rc = es_installments_run_lapses(&R, &err);
	else if ((rc = es_csv_put_row(R.w, es_installments_plan_header, es_installments_plan_header_len, &err)) == ES_OK)
		rc = es_tool_run_inputs(argc, argv, optind, read_requests, &R, &err);
	if (rc != ES_OK || (rc = es_tool_run_close(&T, &err)) != ES_OK)
		goto fail;
	es_summary_print(&R.sum);
	status = es_summary_exit_status(&R.sum);
	goto done;
fail:
	status = es_tool_run_fail(&T, rc, &err);
done:
	es_ledger_close(R.ledger);
	es_installments_rules_free(rules);
	es_penalty_rules_free(penalty);
	es_ente_free(ente);
	return es_tool_finish(status);
}
