/* compute-dues: IMU and TARI dues of a year from the ledger, and (with
 * --post) the debt positions and pagoPA notices that collect them.
 * compute-dues(1); the law: shared/domain/cadastre-imu-tari.md §2-§4. */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "ente.h"
#include "rules.h"
#include "io/csv.h"
#include "io/diag.h"
#include "io/stream.h"
#include "types/date.h"
#include "domain/dues_run.h"
#include "store/ledger.h"

enum {
	OPT_TAX = ES_OPT_FIRST_TOOL_OPTION,
	OPT_YEAR,
	OPT_RATES,
	OPT_RESIDENTS,
	OPT_REDUCTIONS,
	OPT_NOTICES,
	OPT_POST,
	OPT_EXPLAIN,
	OPT_SALDO
};

static const struct option longopts[] = {
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "tax", required_argument, NULL, OPT_TAX },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "rates", required_argument, NULL, OPT_RATES },
	{ "residents", required_argument, NULL, OPT_RESIDENTS },
	{ "reductions", required_argument, NULL, OPT_REDUCTIONS },
	{ "notices", required_argument, NULL, OPT_NOTICES },
	{ "ente", required_argument, NULL, ES_OPT_ENTE },
	{ "post", no_argument, NULL, OPT_POST },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "saldo", required_argument, NULL, OPT_SALDO },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "quiet", no_argument, NULL, ES_OPT_QUIET },
	{ "progress", no_argument, NULL, ES_OPT_PROGRESS },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

ES_NORETURN static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	        "Usage: compute-dues --tax imu --year Y --rates FILE [OPTION]...\n"
	        "       compute-dues --tax tari --year Y --rates TARIFF [OPTION]... [USERS]...\n"
	        "Compute the IMU or TARI dues of a year from the ledger and write the dues\n"
	        "stream (CSV) to standard output; with --post, record the debt positions and\n"
	        "give each installment a pagoPA notice number.  TARI users (declarations) are\n"
	        "read from the USERS files, or standard input.\n"
	        "\n"
	        "  --db FILE            the ledger (default: $ESATTORE_DB)\n"
	        "  --tax imu|tari       which tax\n"
	        "  --year Y             the tax year\n"
	        "  --rates FILE         IMU rates (year,use,rate,detraction[,categories]) or the\n"
	        "                       TARI tariff file of the comune\n"
	        "  --residents FILE     tax_code,unit_id,from,to: main homes (IMU), household\n"
	        "                       sizes (TARI)\n"
	        "  --reductions FILE    unit_id,tax_code,reduction,from,to: historic, unfit,\n"
	        "                       lent, concordato (IMU)\n"
	        "  --ente FILE          the ente's key file (default: $ESATTORE_ENTE)\n"
	        "  --post               record positions and notices in the ledger\n"
	        "  --notices FILE       tax_code,tax,year,installment,notice_number: notices\n"
	        "                       already issued, kept by --post\n"
	        "  --explain            add columns that show each computation\n"
	        "  --saldo exact|rounded  the saldo subtracts the exact (default) or the\n"
	        "                       F24-rounded acconto\n"
	        "  --locale it          ';' separator and ',' decimals\n"
	        "  --rejects FILE       write rejected rows to FILE\n"
	        "  --quiet              no warnings, no summary\n"
	        "  --progress           show progress even when stderr is not a terminal\n"
	        "  --help               show this help and exit\n"
	        "  --version            show the version and exit\n"
	        "\n"
	        "Exit status: 0 all rows used, 1 some rejected, 2 usage or configuration\n"
	        "error, 3 I/O, database or internal failure (nothing posted).\n");
	exit(fp == stdout ? es_tool_finish(status) : status);
}

/* --- main --- */

typedef struct opts {
	const char *db, *tax, *rates, *residents, *reductions, *notices, *ente, *rejects;
	int year;
	bool post, explain, locale_it, saldo_rounded;
} opts;

/* What a failure leaves behind: nothing posted. */
typedef struct state {
	es_ledger *l;
	bool post;
	es_dues_run *run;
} state;

ES_NORETURN static void
fail(state *s, const es_err *err)
{
	es_dues_run_free(s->run);
	if (s->l != NULL && s->post)
		es_ledger_run_abort(s->l, err->msg);
	es_tool_die_err(err);
}

static int
parse_year(const char *s)
{
	int64_t y;

	if (es_decimal_parse(s, 0, &y, NULL) != ES_OK || y < 1993 || y > 2999)
		es_tool_usage_error("--year: '%s' is not a year", s);
	return (int)y;
}

int
main(int argc, char **argv)
{
	opts o;
	state s = { NULL, false, NULL };
	es_dues_run_cfg cfg;
	es_dues_run_stats st;
	es_csv_wopts wo = { 0 };
	es_ente *ente = NULL;
	es_calendar *cal;
	es_rejects *rj;
	es_out *out;
	es_err err;
	int ch, status;
	bool imu;

	es_tool_init(argv[0]);
	memset(&o, 0, sizeof o);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case ES_OPT_DB: o.db = optarg; break;
		case OPT_TAX: o.tax = optarg; break;
		case OPT_YEAR: o.year = parse_year(optarg); break;
		case OPT_RATES: o.rates = optarg; break;
		case OPT_RESIDENTS: o.residents = optarg; break;
		case OPT_REDUCTIONS: o.reductions = optarg; break;
		case OPT_NOTICES: o.notices = optarg; break;
		case ES_OPT_ENTE: o.ente = optarg; break;
		case OPT_POST: o.post = true; break;
		case OPT_EXPLAIN: o.explain = true; break;
		case OPT_SALDO:
			if (strcmp(optarg, "exact") == 0)
				o.saldo_rounded = false;
			else if (strcmp(optarg, "rounded") == 0)
				o.saldo_rounded = true;
			else
				es_tool_usage_error("--saldo: '%s' is neither exact nor rounded", optarg);
			break;
		case ES_OPT_LOCALE: o.locale_it = es_tool_parse_locale(optarg); break;
		case ES_OPT_REJECTS: o.rejects = optarg; break;
		case ES_OPT_QUIET: es_diag_set_quiet(true); es_tool_set_progress(-1); break;
		case ES_OPT_PROGRESS: es_tool_set_progress(1); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION: es_tool_version(); return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (o.tax == NULL)
		es_tool_usage_error("--tax is required (imu or tari)");
	if (strcmp(o.tax, "imu") != 0 && strcmp(o.tax, "tari") != 0)
		es_tool_usage_error("--tax: '%s' is neither imu nor tari", o.tax);
	imu = strcmp(o.tax, "imu") == 0;
	if (o.year == 0)
		es_tool_usage_error("--year is required");
	if (o.rates == NULL)
		es_tool_usage_error("--rates is required");
	if (imu && optind < argc)
		es_tool_usage_error("IMU reads the ledger: unexpected operand '%s'", argv[optind]);
	if (!imu && o.reductions != NULL)
		es_tool_usage_error("--reductions applies to IMU only");
	if (o.notices != NULL && !o.post)
		es_tool_usage_error("--notices needs --post");
	o.db = es_tool_db_path(o.db);
	if (o.db == NULL)
		es_tool_usage_error("no ledger: give --db FILE or set ESATTORE_DB");

	if (o.post || es_tool_ente_given(o.ente)) {
		if ((ente = es_ente_load(o.ente, &err)) == NULL)
			es_tool_die_err(&err);
		if (o.post && ente->segregation_code < 0)
			es_tool_die(ES_EXIT_USAGE, "%s: [pagopa] segregation_code: required by --post", ente->path);
	}
	if ((cal = es_rules_calendar_load(&err)) == NULL || (rj = es_rejects_open(o.rejects, &err)) == NULL ||
	    (s.l = es_ledger_open(o.db, o.post ? ES_LEDGER_WRITE : ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	if (o.post) {
		if (es_ledger_run_begin(s.l, "compute-dues", argc, argv, &err) != ES_OK)
			es_tool_die_err(&err);
		s.post = true;
	}
	if ((out = es_out_open("-", &err)) == NULL)
		fail(&s, &err);
	wo.locale_it = o.locale_it;
	cfg = (es_dues_run_cfg){
		.tax = imu ? ES_DUES_IMU : ES_DUES_TARI, .year = o.year, .rates = o.rates, .residents = o.residents,
		.reductions = o.reductions, .users = (const char *const *)argv + optind, .nusers = (size_t)(argc - optind),
		.explain = o.explain, .saldo_rounded = o.saldo_rounded, .ledger = s.l, .post = o.post, .ente = ente,
		.cal = cal, .rejects = rj, .warn = es_tool_warn_cb, .progress = es_tool_progress_cb,
		.ctx = (void *)"titles",
	};
	if ((cfg.out = es_csv_writer_new(out, &wo, &err)) == NULL || (s.run = es_dues_run_new(&cfg, &err)) == NULL ||
	    (o.notices != NULL && es_dues_run_notices(s.run, o.notices, &err) != ES_OK) ||
	    es_dues_run_compute(s.run, &err) != ES_OK)
		fail(&s, &err);
	st = *es_dues_run_stats_of(s.run);
	es_dues_run_free(s.run);
	s.run = NULL;
	if (st.posted)
		es_warn("posted %llu positions; notices: %llu new, %llu updated, %llu cancelled",
		        (unsigned long long)st.post.positions, (unsigned long long)st.post.notices_new,
		        (unsigned long long)st.post.notices_updated, (unsigned long long)st.post.notices_cancelled);
	es_tool_progress_done();
	es_csv_writer_free(cfg.out);
	if (es_out_close(out, &err) != ES_OK)
		fail(&s, &err);
	if (st.below_min > 0)
		es_warn("%llu taxpayers below the minimum amount: nothing due from them", (unsigned long long)st.below_min);
	if (o.post && es_ledger_run_commit(s.l, st.sum.read, st.sum.written, st.sum.rejected, &err) != ES_OK)
		fail(&s, &err);
	es_summary_print(&st.sum);
	if (es_rejects_close(rj, &err) != ES_OK)
		es_tool_die_err(&err);
	status = es_summary_exit_status(&st.sum);
	es_ledger_close(s.l);
	es_calendar_free(cal);
	es_ente_free(ente);
	return es_tool_finish(status);
}
