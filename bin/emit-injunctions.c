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
#include "domain/coercive_run.h"
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

/* Open path (mode 0600: personal data) with the header of stream s. */
static es_csv_writer *
open_side(const char *path, es_out **out, const es_csv_wopts *wo, es_coercive_stream s, es_err *err)
{
	es_csv_writer *w = es_tool_csv_open(path, wo, out, err);

	if (w != NULL && es_coercive_run_put_header(w, s, err) != ES_OK) {
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
	es_coercive_run R;
	es_tool_run T = { 0 };
	es_penalty_rules *penalty = NULL;
	es_coercive_rules *rules = NULL;
	es_err err;
	es_rc rc = ES_OK;
	int c, status;

	memset(&R, 0, sizeof R);
	R.channel = "ar";
	R.covid = true;
	R.dc = ES_DAYCOUNT_365;
	R.warn = es_tool_warn_cb;
	R.progress = es_tool_progress_cb;
	R.ctx = (void *)"rows";
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

	if ((penalty = es_penalty_rules_load(&err)) == NULL || (rules = es_coercive_rules_load(&err)) == NULL)
		es_tool_die_err(&err);
	R.penalty = penalty;
	R.rules = rules;
	if (es_tool_ente_given(ente_path)) {
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
	if (es_penalty_param(penalty, "mora_spread_max_pts", NULL, &lo, &hi, NULL, &err) != ES_OK)
		es_tool_die_err(&err);
	if (R.mora_spread < lo || R.mora_spread > hi)
		es_tool_usage_error("--mora-spread: %s is outside the range of L. 160/2019 c. 802", mora_opt ? mora_opt : "ente");
	if (spread_opt != NULL && es_decimal_parse(spread_opt, ES_PCT_SCALE, &R.spread, NULL) != ES_OK)
		es_tool_usage_error("--spread: '%s' is not a number of points", spread_opt);
	if (es_penalty_param(penalty, "tax_interest_spread_pts", NULL, &lo, &hi, NULL, &err) != ES_OK)
		es_tool_die_err(&err);
	if (R.spread < lo || R.spread > hi)
		es_tool_usage_error("--spread: outside the range of L. 296/2006 c. 165");
	if (dc_opt != NULL)
		R.dc = es_tool_parse_daycount(dc_opt) ? ES_DAYCOUNT_ACTUAL : ES_DAYCOUNT_365;
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

		if (es_penalty_notification_cost(penalty, R.channel, R.as_of, &probe, &src, &err) != ES_OK)
			es_tool_die(ES_EXIT_USAGE, "--channel: %s", err.msg);
		R.channel_cost = probe;
	}
	if (facts_path != NULL && (rc = es_coercive_run_read_facts(&R, facts_path, &err)) != ES_OK)
		es_tool_die_err(&err);
	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if (db != NULL && (R.ledger = es_ledger_open(db, R.post ? ES_LEDGER_WRITE : ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	if ((R.w = es_tool_csv_open("-", &wo, &out, &err)) == NULL)
		es_tool_die_err(&err);
	if (measures_path != NULL &&
	    (R.measures = open_side(measures_path, &mout, &wo, ES_COERCIVE_MEASURES, &err)) == NULL)
		es_tool_die_err(&err);
	if (excluded_path != NULL &&
	    (R.excluded_w = open_side(excluded_path, &xout, &wo, ES_COERCIVE_EXCLUDED, &err)) == NULL)
		es_tool_die_err(&err);
	T = (es_tool_run){ .ledger = &R.ledger, .post = R.post, .writers = { &R.w, &R.measures, &R.excluded_w },
	                   .outs = { &out, &mout, &xout }, .rejects = &R.rejects, .sum = &R.sum };
	if (R.post && (rc = es_ledger_run_begin(R.ledger, "emit-injunctions", argc, argv, &err)) != ES_OK)
		goto fail;
	if ((rc = es_coercive_run_put_header(R.w, ES_COERCIVE_ACTS, &err)) != ES_OK)
		goto fail;
	if (R.ledger != NULL && (rc = es_coercive_run_ledger(&R, &err)) != ES_OK)
		goto fail;
	if (loads != NULL && (rc = es_coercive_run_loads(&R, loads, &err)) != ES_OK)
		goto fail;
	es_tool_progress_done();
	if ((rc = es_tool_run_close(&T, &err)) != ES_OK)
		goto fail;
	if (!es_diag_quiet())
		es_warn("acts %llu, excluded %llu", (unsigned long long)R.nacts, (unsigned long long)R.excluded);
	es_summary_print(&R.sum);
	status = es_summary_exit_status(&R.sum);
	goto done;
fail:
	status = es_tool_run_fail(&T, rc, &err);
done:
	es_ledger_close(R.ledger);
	es_penalty_rules_free(penalty);
	es_coercive_rules_free(rules);
	es_ente_free(ente);
	es_coercive_run_free(&R);
	return es_tool_finish(status);
}
