/* assess: compare what was due with what was paid and write the avvisi di
 * accertamento esecutivi (L. 160/2019 c. 792) of one tax and year. */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "esattore.h"
#include "ente.h"
#include "domain/penalty.h"
#include "domain/assess.h"
#include "domain/assess_read.h"
#include "domain/assess_run.h"
#include "store/acts.h"
#include "tool.h"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: assess (--db FILE | --dues FILE --payments FILE) --tax imu|tari --year Y\n"
	    "              --as-of DATE [OPTION]...\n"
	    "Compare what was due with what was paid for one tax and year and write the\n"
	    "avvisi di accertamento esecutivi (acts stream, one per subject) to stdout.\n"
	    "\n"
	    "Input:\n"
	    "      --db FILE           the ledger (S1 positions, due lines, allocated payments)\n"
	    "      --dues FILE         the dues stream (instead of --db)\n"
	    "      --payments FILE     the payments stream (instead of --db)\n"
	    "      --units FILE        the units stream (cadastral surfaces for --evasion, TARI)\n"
	    "      --tax TAX           imu or tari\n"
	    "      --year Y            the tax year\n"
	    "      --as-of DATE        the date of the acts: interest and terms run to it\n"
	    "      --ente FILE         the ente key file (spread, minimum, day count, Covid shift)\n"
	    "\n"
	    "Rules (override the ente file):\n"
	    "      --min-amount EUR    no act below this total (default: ente, else the table's 12.00)\n"
	    "      --spread PTS        interest points over the legal rate, -3..3\n"
	    "      --day-count BASIS   365 (every year, default) or actual (366 in leap years)\n"
	    "      --covid-shift Y/N   shift decadenza terms pending on 8 Mar 2020 (default yes)\n"
	    "      --notification CH   channel whose cost is charged: pec, ar, raccomandata, messo,\n"
	    "                          estero (default: none)\n"
	    "      --declaration-pct P declaration sanction within its range (default: the minimum)\n"
	    "      --cumulo MODE       both (default) or max: declaration and payment sanctions\n"
	    "\n"
	    "Output:\n"
	    "      --details FILE      one line per installment and tributo\n"
	    "      --report FILE       years past decadenza, amounts under the minimum, excess payments\n"
	    "      --evasion FILE      evasion candidates (a worklist, not acts)\n"
	    "      --explain           each component with its table row and legal source, on stderr\n"
	    "      --post              record the acts and their pagoPA notices in the ledger\n"
	    "      --rejects FILE      rejected input rows with _source,_line,_error\n"
	    "      --locale LOC        it: ';' separator and ',' decimals on output\n"
	    "      --decimal-comma     input amounts use ',' as decimal separator\n"
	    "  -q, --quiet             print only errors\n"
	    "      --progress          force the progress line\n"
	    "      --help              display this help and exit\n"
	    "      --version           output version information and exit\n"
	    "\n"
	    "Exit status: 0 all rows used; 1 some rows rejected; 2 usage or configuration\n"
	    "error; 3 I/O, database or internal failure (nothing recorded).\n");
	exit(es_tool_finish(status));
}

enum {
	OPT_DUES = ES_OPT_FIRST_TOOL_OPTION,
	OPT_PAYMENTS, OPT_UNITS, OPT_TAX, OPT_YEAR, OPT_AS_OF, OPT_MIN_AMOUNT, OPT_SPREAD,
	OPT_DAY_COUNT, OPT_COVID, OPT_NOTIFICATION, OPT_DECL_PCT, OPT_CUMULO, OPT_DETAILS,
	OPT_REPORT, OPT_EVASION, OPT_EXPLAIN, OPT_POST
};

static const struct option longopts[] = {
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "dues", required_argument, NULL, OPT_DUES },
	{ "payments", required_argument, NULL, OPT_PAYMENTS },
	{ "units", required_argument, NULL, OPT_UNITS },
	{ "tax", required_argument, NULL, OPT_TAX },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "ente", required_argument, NULL, ES_OPT_ENTE },
	{ "min-amount", required_argument, NULL, OPT_MIN_AMOUNT },
	{ "spread", required_argument, NULL, OPT_SPREAD },
	{ "day-count", required_argument, NULL, OPT_DAY_COUNT },
	{ "covid-shift", required_argument, NULL, OPT_COVID },
	{ "notification", required_argument, NULL, OPT_NOTIFICATION },
	{ "declaration-pct", required_argument, NULL, OPT_DECL_PCT },
	{ "cumulo", required_argument, NULL, OPT_CUMULO },
	{ "details", required_argument, NULL, OPT_DETAILS },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "evasion", required_argument, NULL, OPT_EVASION },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "post", no_argument, NULL, OPT_POST },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "decimal-comma", no_argument, NULL, ES_OPT_DECIMAL_COMMA },
	{ "quiet", no_argument, NULL, 'q' },
	{ "progress", no_argument, NULL, ES_OPT_PROGRESS },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

/* The program's side of a run: the library's run, and what main opens. */
typedef struct run {
	es_assess_run A;
	bool locale_it, decimal_comma;
	es_rejects *rejects;
	es_summary sum;
} run;

/* --- the library's callbacks ---------------------------------------------- */

static es_rc
explain_line(void *ctx, const char *line, es_err *err)
{
	(void)ctx;
	(void)err;
	fputs(line, stderr);
	return ES_OK;
}

static void
warn(void *ctx, const char *msg)
{
	(void)ctx;
	es_warn("%s", msg);
}

static void
progress(void *ctx, uint64_t n)
{
	(void)ctx;
	es_tool_progress("subjects", n);
}

/* --- output --------------------------------------------------------------- */

/* Open path (mode 0600: personal data) with the header of stream s. */
static es_csv_writer *
open_writer(run *R, const char *path, es_out **outp, es_assess_stream s, es_err *err)
{
	es_csv_wopts wo = { .locale_it = R->locale_it };
	es_csv_writer *w = es_tool_csv_open(path, &wo, outp, err);

	if (w != NULL && es_assess_put_header(w, s, err) != ES_OK) {
		es_csv_writer_free(w);
		return NULL;
	}
	return w;
}

int
main(int argc, char **argv)
{
	const char *db_opt = NULL, *dues_path = NULL, *pays_path = NULL, *units_path = NULL, *ente_path = NULL;
	const char *details_path = NULL, *report_path = NULL, *evasion_path = NULL, *rejects_path = NULL;
	const char *min_opt = NULL, *spread_opt = NULL, *daycount_opt = NULL, *covid_opt = NULL;
	const char *decl_opt = NULL, *tax_opt = NULL, *year_opt = NULL, *asof_opt = NULL;
	es_out *acts_out = NULL, *details_out = NULL, *report_out = NULL, *evasion_out = NULL;
	es_acts_due *dues = NULL;
	es_acts_payment *pays = NULL;
	es_acts_surface *surf = NULL;
	size_t nd = 0, np = 0, ns = 0;
	es_penalty_rules *rules = NULL;
	es_calendar *cal = NULL;
	es_ente *ente = NULL;
	es_err err;
	es_rc rc = ES_OK;
	run R;
	es_tool_run T = { 0 };
	es_assess_run *A = &R.A;
	es_acts_csv_opts co;
	int c, status;
	long v;

	memset(&R, 0, sizeof R);
	memset(&err, 0, sizeof err);
	A->warn = warn;
	A->progress = progress;
	A->opts.decl_choice = -1;
	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_DUES: dues_path = optarg; break;
		case OPT_PAYMENTS: pays_path = optarg; break;
		case OPT_UNITS: units_path = optarg; break;
		case OPT_TAX: tax_opt = optarg; break;
		case OPT_YEAR: year_opt = optarg; break;
		case OPT_AS_OF: asof_opt = optarg; break;
		case ES_OPT_ENTE: ente_path = optarg; break;
		case OPT_MIN_AMOUNT: min_opt = optarg; break;
		case OPT_SPREAD: spread_opt = optarg; break;
		case OPT_DAY_COUNT: daycount_opt = optarg; break;
		case OPT_COVID: covid_opt = optarg; break;
		case OPT_NOTIFICATION: A->opts.channel = optarg; break;
		case OPT_DECL_PCT: decl_opt = optarg; break;
		case OPT_CUMULO:
			if (strcmp(optarg, "max") == 0)
				A->opts.cumulo_max_only = true;
			else if (strcmp(optarg, "both") != 0)
				es_tool_usage_error("--cumulo: '%s' is not both or max", optarg);
			break;
		case OPT_DETAILS: details_path = optarg; break;
		case OPT_REPORT: report_path = optarg; break;
		case OPT_EVASION: evasion_path = optarg; break;
		case OPT_EXPLAIN: A->explain = explain_line; break;
		case OPT_POST: A->post = true; break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case ES_OPT_LOCALE: R.locale_it = es_tool_parse_locale(optarg); break;
		case ES_OPT_DECIMAL_COMMA: R.decimal_comma = true; break;
		case 'q': es_diag_set_quiet(true); break;
		case ES_OPT_PROGRESS: es_tool_set_progress(1); break;
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
	if (tax_opt == NULL || year_opt == NULL || asof_opt == NULL)
		es_tool_usage_error("--tax, --year and --as-of are required");
	if (strcasecmp(tax_opt, "imu") == 0)
		A->tax = "IMU";
	else if (strcasecmp(tax_opt, "tari") == 0)
		A->tax = "TARI";
	else
		es_tool_usage_error("--tax: '%s' is not imu or tari", tax_opt);
	if (!es_assess_parse_int(year_opt, 1800, 2999, &v))
		es_tool_usage_error("--year: '%s' is not a year", year_opt);
	A->year = (int)v;
	if (es_date_parse(asof_opt, ES_DATE_ANY, &A->opts.as_of, &err) != ES_OK || A->opts.as_of == ES_DATE_NONE)
		es_tool_usage_error("--as-of: '%s' is not a date", asof_opt);
	if ((dues_path != NULL) != (pays_path != NULL))
		es_tool_usage_error("--dues and --payments go together");
	if (dues_path == NULL)
		db_opt = es_tool_db_path(db_opt);
	else if (db_opt != NULL)
		es_tool_usage_error("--db and --dues/--payments exclude each other");
	if (dues_path == NULL && db_opt == NULL)
		es_tool_usage_error("no input: give --dues and --payments, or --db FILE (or set ESATTORE_DB)");
	if (A->post && db_opt == NULL)
		es_tool_usage_error("--post needs the ledger (--db)");

	if ((rules = es_penalty_rules_load(&err)) == NULL)
		es_tool_die_err(&err);
	A->rules = rules;
	/* Defaults from the tables, then the ente file, then the options. */
	if (es_assess_opts_defaults(rules, &A->opts, &err) != ES_OK)
		es_tool_die_err(&err);
	if (es_tool_ente_given(ente_path)) {
		if ((ente = es_ente_load(ente_path, &err)) == NULL)
			es_tool_die_err(&err);
		es_assess_opts_ente(ente, &A->opts);
		A->segregation = ente->segregation_code;
	} else if (A->post) {
		es_tool_usage_error("--post needs the ente key file (--ente or ESATTORE_ENTE) for the notice numbers");
	}
	if (min_opt != NULL && (es_money_parse(min_opt, ES_MONEY_PLAIN, &A->opts.min_amount, &err) != ES_OK ||
	                        A->opts.min_amount < 0))
		es_tool_usage_error("--min-amount: '%s' is not an amount", min_opt);
	if (spread_opt != NULL) {
		int64_t lo, hi;

		if (es_penalty_param(rules, "tax_interest_spread_pts", NULL, &lo, &hi, NULL, &err) != ES_OK)
			es_tool_die_err(&err);
		if (es_decimal_parse(spread_opt, ES_PCT_SCALE, &A->opts.spread, &err) != ES_OK ||
		    A->opts.spread < lo || A->opts.spread > hi)
			es_tool_usage_error("--spread: '%s' is not a number of points within the table's range", spread_opt);
	}
	if (daycount_opt != NULL)
		A->opts.daycount = es_tool_parse_daycount(daycount_opt) ? ES_DAYCOUNT_ACTUAL : ES_DAYCOUNT_365;
	if (covid_opt != NULL && (!es_assess_parse_flag(covid_opt, &A->opts.covid_shift) || *covid_opt == '\0'))
		es_tool_usage_error("--covid-shift: '%s' is not yes or no", covid_opt);
	if (decl_opt != NULL && (es_decimal_parse(decl_opt, ES_PCT_SCALE, &A->opts.decl_choice, &err) != ES_OK ||
	                         A->opts.decl_choice < 0))
		es_tool_usage_error("--declaration-pct: '%s' is not a percentage", decl_opt);
	if (A->opts.channel != NULL) {
		es_cents cost;

		if (es_penalty_notification_cost(rules, A->opts.channel, A->opts.as_of, &cost, NULL, &err) != ES_OK)
			es_tool_die_err(&err);
	}
	if ((cal = es_rules_calendar_load(&err)) == NULL)
		es_tool_die_err(&err);
	A->opts.cal = cal;
	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	/* An ES_EDATA failure (a subject inconsistent in the ledger) exits 1. */
	T = (es_tool_run){ .ledger = &A->ledger, .post = A->post, .edata_rejects = true,
	                   .writers = { &A->acts, &A->details, &A->report, &A->evasion },
	                   .outs = { &details_out, &report_out, &evasion_out, &acts_out }, .rejects = &R.rejects,
	                   .sum = &R.sum };

	/* Input. */
	co.tax = A->tax;
	co.year = A->year;
	co.decimal_comma = R.decimal_comma;
	co.rejects = R.rejects;
	co.sum = &R.sum;
	if (dues_path != NULL) {
		if ((rc = es_acts_csv_read_dues(dues_path, &co, &dues, &nd, &err)) != ES_OK ||
		    (rc = es_acts_csv_read_payments(pays_path, &co, &pays, &np, &err)) != ES_OK)
			goto fail;
	} else {
		if ((A->ledger = es_ledger_open(db_opt, A->post ? ES_LEDGER_WRITE : ES_LEDGER_READ, &err)) == NULL)
			es_tool_die_err(&err);
		if (A->post && (rc = es_ledger_run_begin(A->ledger, "assess", argc, argv, &err)) != ES_OK)
			goto fail;
		if ((rc = es_acts_read_dues(A->ledger, A->tax, A->year, &dues, &nd, &err)) != ES_OK ||
		    (rc = es_acts_read_payments(A->ledger, A->tax, A->year, &pays, &np, &err)) != ES_OK)
			goto fail;
		R.sum.read += nd + np;
	}
	if (units_path != NULL && (rc = es_acts_csv_read_surfaces(units_path, &co, &surf, &ns, &err)) != ES_OK)
		goto fail;
	if (units_path == NULL && A->ledger != NULL && evasion_path != NULL && strcmp(A->tax, "TARI") == 0 &&
	    (rc = es_acts_read_surfaces(A->ledger, A->opts.as_of, &surf, &ns, &err)) != ES_OK)
		goto fail;

	/* Output. */
	if ((A->acts = open_writer(&R, "-", &acts_out, ES_ASSESS_ACTS, &err)) == NULL ||
	    (details_path && (A->details = open_writer(&R, details_path, &details_out, ES_ASSESS_DETAILS,
	                                               &err)) == NULL) ||
	    (report_path && (A->report = open_writer(&R, report_path, &report_out, ES_ASSESS_REPORT, &err)) == NULL) ||
	    (evasion_path && (A->evasion = open_writer(&R, evasion_path, &evasion_out, ES_ASSESS_EVASION,
	                                               &err)) == NULL)) {
		rc = err.rc ? err.rc : ES_EIO;
		goto fail;
	}
	if ((rc = es_assess_run_all(A, dues, nd, pays, np, &err)) != ES_OK)
		goto fail;
	if (A->evasion != NULL && (rc = es_assess_run_evasion(A, dues, nd, pays, np, surf, ns, &err)) != ES_OK)
		goto fail;
	R.sum.written = R.sum.read - R.sum.rejected;
	if ((rc = es_tool_run_close(&T, &err)) != ES_OK)
		goto fail;
	es_tool_progress_done();
	es_summary_print(&R.sum);
	if (!es_diag_quiet())
		fprintf(stderr, "%s: acts %llu, reported %llu\n", es_diag_progname(), (unsigned long long)A->nacts,
		        (unsigned long long)A->nreported);
	if (!es_diag_quiet() && A->evasion != NULL)
		fprintf(stderr, "%s: evasion candidates %llu\n", es_diag_progname(), (unsigned long long)A->ncandidates);
	status = es_summary_exit_status(&R.sum);
	goto out;
fail:
	status = es_tool_run_fail(&T, rc, &err);
out:
	if (A->ledger != NULL)
		es_ledger_close(A->ledger);
	es_acts_dues_free(dues, nd);
	es_acts_payments_free(pays, np);
	es_acts_surfaces_free(surf, ns);
	if (cal != NULL)
		es_calendar_free(cal);
	if (ente != NULL)
		es_ente_free(ente);
	es_penalty_rules_free(rules);
	return es_tool_finish(status);
}
