/* compute-aggio: the concessionaire's fee (aggio) per period and service,
 * and the economic score of tender offers (law.md §7). */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esattore.h"
#include "ente.h"
#include "domain/aggio.h"
#include "store/report.h"
#include "tool.h"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: compute-aggio (--db FILE | ALLOCATIONS.csv) --period month|quarter|year [OPTION]...\n"
	    "       compute-aggio --bids FILE [--max-rates S1=P,S2=P,S3=P]\n"
	    "Compute the concessionaire's fee (aggio) on what was collected, per period and\n"
	    "service (S1 ordinary, S2 assessment, S3 coercive), net of the collection charges\n"
	    "and notification costs that stay with the municipality; write the fees stream.\n"
	    "With --bids, score tender offers: P = 6*A1min/A1i + 12*A2min/A2i + 12*A3min/A3i.\n"
	    "\n"
	    "Input:\n"
	    "      --db FILE           the ledger: allocations, their positions and acts\n"
	    "  ALLOCATIONS.csv         instead of --db: service, paid_on, amount,\n"
	    "                          collection_charges, costs ('-' for stdin)\n"
	    "      --period P          month, quarter or year\n"
	    "      --from DATE         only payments made on or after DATE\n"
	    "      --to DATE           only payments made on or before DATE\n"
	    "      --rates LIST        S1=1,S2=11,S3=5: aggio percent per service (default: ente)\n"
	    "      --vat PCT           VAT percent on the fee (default: ente, else none)\n"
	    "      --ente FILE         the ente key file ([contract] aggio_s1..s3, vat)\n"
	    "\n"
	    "Tender:\n"
	    "      --bids FILE         offers (bidder, a1, a2, a3 in percent): write their scores\n"
	    "      --max-rates LIST    the tender's maximum aggio per line (default 100)\n"
	    "\n"
	    "Output:\n"
	    "      --rejects FILE      rejected rows, and allocations whose service is unknown\n"
	    "      --locale LOC        it: ';' separator and ',' decimals on output\n"
	    "      --decimal-comma     input amounts use ',' as decimal separator\n"
	    "  -q, --quiet             print only errors\n"
	    "      --help              display this help and exit\n"
	    "      --version           output version information and exit\n"
	    "\n"
	    "Exit status: 0 all rows used; 1 some rows rejected; 2 usage or configuration\n"
	    "error; 3 I/O, database or internal failure.\n");
	exit(es_tool_finish(status));
}

enum { OPT_PERIOD = ES_OPT_FIRST_TOOL_OPTION, OPT_FROM, OPT_TO, OPT_RATES, OPT_VAT, OPT_BIDS, OPT_MAX_RATES };

static const struct option longopts[] = {
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "rates", required_argument, NULL, OPT_RATES },
	{ "vat", required_argument, NULL, OPT_VAT },
	{ "ente", required_argument, NULL, ES_OPT_ENTE },
	{ "bids", required_argument, NULL, OPT_BIDS },
	{ "max-rates", required_argument, NULL, OPT_MAX_RATES },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "decimal-comma", no_argument, NULL, ES_OPT_DECIMAL_COMMA },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

typedef struct run {
	es_aggio_acc *acc;
	es_rejects *rejects;
	es_summary sum;
	es_date from, to;
	bool decimal_comma, locale_it;
	const char *db;
	uint64_t noverpaid;        /* OVERPAID and DUPLICATE allocations left out */
	es_cents overpaid;
} run;

static es_rc
reject_row(run *R, es_csv_reader *cr, const es_csv_row *row, const char *msg)
{
	es_err err;

	R->sum.rejected++;
	if (es_rejects_add(R->rejects, es_csv_source(cr), row->line, msg, es_csv_header(cr), es_csv_ncols(cr),
	                   (const char *const *)row->fields, row->nfields, &err) != ES_OK) {
		es_error("%s", err.msg);
		return err.rc;
	}
	return ES_OK;
}

static bool
money(run *R, const char *s, bool empty_zero, es_cents *out)
{
	if (empty_zero && *s == '\0') {
		*out = 0;
		return true;
	}
	return es_money_parse(s, R->decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN, out, NULL) == ES_OK;
}

static es_rc
read_csv(run *R, const char *path, es_err *err)
{
	static const char *const req[] = { "service", "paid_on", "amount", "collection_charges", "costs" };
	static const char *const names[] = { "amount", "collection_charges", "costs" };
	int idx[ES_ARRAY_LEN(req)];
	es_csv_reader *cr;
	es_csv_row *row;
	es_rc rc;

	if ((cr = es_csv_reader_open(path, NULL, err)) == NULL)
		return err->rc == ES_EDATA ? (err->rc = ES_ECONFIG) : err->rc;
	if (es_csv_require(cr, req, idx, ES_ARRAY_LEN(req), err) != ES_OK) {
		es_err_prefix(err, "%s", es_csv_source(cr));
		es_csv_reader_close(cr);
		return err->rc = ES_ECONFIG;
	}
	while ((rc = es_csv_next(cr, &row, err)) == ES_OK || rc == ES_EDATA) {
		char msg[256] = "";
		es_cents v[3];
		es_date paid;
		int svc, k;

		if (rc == ES_EDATA) {
			R->sum.read++;
			if ((rc = reject_row(R, cr, row, err->msg)) != ES_OK)
				break;
			continue;
		}
		if (es_date_parse(es_csv_get(row, idx[1]), ES_DATE_ANY, &paid, NULL) != ES_OK || paid == ES_DATE_NONE) {
			R->sum.read++;
			snprintf(msg, sizeof msg, "paid_on: '%s' is not a date", es_csv_get(row, idx[1]));
			if ((rc = reject_row(R, cr, row, msg)) != ES_OK)
				break;
			continue;
		}
		if ((R->from != ES_DATE_NONE && paid < R->from) || (R->to != ES_DATE_NONE && paid > R->to))
			continue;  /* outside the dates: not part of this run */
		R->sum.read++;
		if (es_aggio_service_parse(es_csv_get(row, idx[0]), &svc, NULL) != ES_OK)
			snprintf(msg, sizeof msg, "service: '%s' cannot be decided (S1, S2 or S3)", es_csv_get(row, idx[0]));
		for (k = 0; k < 3 && msg[0] == '\0'; k++)
			if (!money(R, es_csv_get(row, idx[2 + k]), k > 0, &v[k]))
				snprintf(msg, sizeof msg, "%s: '%s' is not an amount", names[k], es_csv_get(row, idx[2 + k]));
			else if (k > 0 && (v[k] < 0 || (v[0] >= 0 && v[k] > v[0])))
				snprintf(msg, sizeof msg, "%s: %s is negative or more than the amount", names[k],
				         es_csv_get(row, idx[2 + k]));
		if (msg[0] == '\0' && v[1] + v[2] > v[0] && v[0] >= 0)
			snprintf(msg, sizeof msg, "collection_charges + costs exceed the amount");
		if (msg[0] != '\0') {
			if ((rc = reject_row(R, cr, row, msg)) != ES_OK)
				break;
			continue;
		}
		if ((rc = es_aggio_acc_add(R->acc, paid, svc, v[0], v[1], v[2], err)) != ES_OK) {
			if (rc != ES_EDATA)
				break;
			if ((rc = reject_row(R, cr, row, err->msg)) != ES_OK)
				break;
			continue;
		}
		R->sum.written++;
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

/* One allocation from the ledger. */
static es_rc
take_alloc(void *ctx, const es_report_alloc *a, es_err *err)
{
	static const char *const header[] = { "allocation_id", "payment_id", "status", "paid_on", "amount" };
	run *R = ctx;
	char msg[160] = "", id[24], amt[ES_MONEY_BUFSZ], d[ES_DATE_BUFSZ];
	es_cents charges = 0, costs = 0;
	es_rc rc;
	int svc = -1;

	/* An overpayment or a double payment is not revenue: it is to be
	 * refunded or set against another debt (match-payments notes which),
	 * so it carries no aggio.  Counted and named at the end. */
	if (a->position_id != 0 && (strcmp(a->status, "OVERPAID") == 0 || strcmp(a->status, "DUPLICATE") == 0)) {
		R->noverpaid++;
		R->overpaid += a->amount;
		return ES_OK;
	}
	R->sum.read++;
	if (a->position_id == 0)
		snprintf(msg, sizeof msg, "service cannot be decided: the allocation (%s) has no position", a->status);
	else if (strcmp(a->status, "MATCHED") != 0 && strcmp(a->status, "PARTIAL") != 0)
		snprintf(msg, sizeof msg, "service cannot be decided: the allocation is %s", a->status);
	else if (es_aggio_service_parse(a->phase, &svc, NULL) != ES_OK)
		snprintf(msg, sizeof msg, "service cannot be decided: position %lld has phase '%s'",
		         (long long)a->position_id, a->phase);
	else if (a->paid_on == ES_DATE_NONE)
		snprintf(msg, sizeof msg, "payment %s has no payment date", a->payment_id);
	if (msg[0] != '\0') {
		const char *fields[5];

		snprintf(id, sizeof id, "%lld", (long long)a->allocation_id);
		fields[0] = id;
		fields[1] = a->payment_id;
		fields[2] = a->status;
		fields[3] = es_date_format(a->paid_on, d);
		fields[4] = es_money_format(a->amount, ES_MONEY_PLAIN, amt);
		R->sum.rejected++;
		return es_rejects_add(R->rejects, R->db, 0, msg, header, 5, fields, 5, err);
	}
	if (a->act_id[0] != '\0' &&
	    ((rc = es_aggio_share(a->paid_before, a->amount, a->act_total, a->act_charges, &charges, err)) != ES_OK ||
	     (rc = es_aggio_share(a->paid_before, a->amount, a->act_total, a->act_costs, &costs, err)) != ES_OK))
		return rc;
	if ((rc = es_aggio_acc_add(R->acc, a->paid_on, svc, a->amount, charges, costs, err)) != ES_OK)
		return rc;
	R->sum.written++;
	return ES_OK;
}

static es_rc
write_fees(run *R, const es_aggio_line *l, size_t n, bool vat, es_err *err)
{
	static const char *const header[] = {
		"period", "service", "allocations", "collected", "collection_charges", "costs", "excluded", "base",
		"rate", "fee", "vat_rate", "vat", "fee_with_vat"
	};
	es_csv_wopts wo = { .locale_it = R->locale_it };
	es_out *out;
	es_csv_writer *w;
	es_rc rc;
	size_t i;

	if ((w = es_tool_csv_open("-", &wo, &out, err)) == NULL)
		return err->rc;
	rc = es_csv_put_row(w, header, ES_ARRAY_LEN(header), err);
	for (i = 0; i < n && rc == ES_OK; i++) {
		if ((rc = es_csv_put(w, l[i].period, err)) != ES_OK ||
		    (rc = es_csv_put(w, es_aggio_service_name(l[i].service), err)) != ES_OK ||
		    (rc = es_csv_put_int(w, (int64_t)l[i].allocations, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, l[i].collected, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, l[i].charges, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, l[i].costs, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, l[i].excluded, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, l[i].base, err)) != ES_OK ||
		    (rc = es_csv_put_decimal(w, l[i].rate, ES_AGGIO_RATE_SCALE, err)) != ES_OK ||
		    (rc = es_csv_put_money(w, l[i].fee, err)) != ES_OK)
			break;
		if (vat) {
			if ((rc = es_csv_put_decimal(w, l[i].vat_rate, ES_AGGIO_RATE_SCALE, err)) != ES_OK ||
			    (rc = es_csv_put_money(w, l[i].vat, err)) != ES_OK ||
			    (rc = es_csv_put_money(w, l[i].fee + l[i].vat, err)) != ES_OK)
				break;
		} else if ((rc = es_csv_put(w, "", err)) != ES_OK || (rc = es_csv_put(w, "", err)) != ES_OK ||
		           (rc = es_csv_put_money(w, l[i].fee, err)) != ES_OK) {
			break;
		}
		rc = es_csv_end_row(w, err);
	}
	return es_tool_csv_close(w, out, rc, err);
}

/* --- tender ---------------------------------------------------------------- */

static int
score_bids(const char *path, const int64_t max[ES_AGGIO_NSERVICES], bool locale_it, const char *rejects_path)
{
	static const char *const req[] = { "bidder", "a1", "a2", "a3" };
	static const char *const header[] = { "bidder", "a1", "a2", "a3", "p1", "p2", "p3", "points", "rank" };
	int idx[4];
	es_aggio_rules rules;
	es_csv_reader *cr;
	es_csv_row *row;
	es_rejects *rj;
	es_summary sum = { 0, 0, 0 };
	es_err err;
	es_rc rc;
	char **bidders = NULL;
	int64_t (*offers)[ES_AGGIO_NSERVICES] = NULL;
	es_aggio_score *scores = NULL;
	size_t n = 0, cap = 0, i;
	int k, status;

	if (es_aggio_rules_load(&rules, &err) != ES_OK)
		es_tool_die_err(&err);
	if ((rj = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if ((cr = es_csv_reader_open(path, NULL, &err)) == NULL) {
		if (err.rc == ES_EDATA)
			err.rc = ES_ECONFIG;
		es_tool_die_err(&err);
	}
	if (es_csv_require(cr, req, idx, 4, &err) != ES_OK) {
		es_err_prefix(&err, "%s", es_csv_source(cr));
		err.rc = ES_ECONFIG;
		es_tool_die_err(&err);
	}
	while ((rc = es_csv_next(cr, &row, &err)) == ES_OK || rc == ES_EDATA) {
		char msg[ES_ERR_MAX + 64] = "";
		int64_t a[ES_AGGIO_NSERVICES];

		sum.read++;
		if (rc == ES_EDATA)
			snprintf(msg, sizeof msg, "%s", err.msg);
		else if (*es_csv_get(row, idx[0]) == '\0')
			snprintf(msg, sizeof msg, "bidder: empty");
		for (k = 0; k < ES_AGGIO_NSERVICES && msg[0] == '\0'; k++) {
			const char *s = es_csv_get(row, idx[1 + k]);

			if (es_decimal_parse(s, ES_AGGIO_RATE_SCALE, &a[k], NULL) != ES_OK || a[k] <= 0 || a[k] > max[k])
				snprintf(msg, sizeof msg, "a%d: '%s' is not a percentage above 0 and within the maximum", k + 1, s);
		}
		if (msg[0] != '\0') {
			sum.rejected++;
			if (es_rejects_add(rj, es_csv_source(cr), row->line, msg, es_csv_header(cr), es_csv_ncols(cr),
			                   (const char *const *)row->fields, row->nfields, &err) != ES_OK)
				es_tool_die_err(&err);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			bidders = realloc(bidders, cap * sizeof *bidders);
			offers = realloc(offers, cap * sizeof *offers);
			if (bidders == NULL || offers == NULL)
				es_tool_die(ES_EXIT_FAILURE, "out of memory");
		}
		if ((bidders[n] = strdup(es_csv_get(row, idx[0]))) == NULL)
			es_tool_die(ES_EXIT_FAILURE, "out of memory");
		memcpy(offers[n], a, sizeof a);
		n++;
	}
	if (rc != ES_EOF)
		es_tool_die_err(&err);
	es_csv_reader_close(cr);
	if (n > 0 && (scores = calloc(n, sizeof *scores)) == NULL)
		es_tool_die(ES_EXIT_FAILURE, "out of memory");
	if (es_aggio_score_bids((const int64_t (*)[ES_AGGIO_NSERVICES])offers, n, &rules, INT64_MAX, scores,
	                        &err) != ES_OK)
		es_tool_die_err(&err);
	{
		es_csv_wopts wo = { .locale_it = locale_it };
		es_out *out;
		es_csv_writer *w = es_tool_csv_open("-", &wo, &out, &err);

		if (w == NULL)
			es_tool_die_err(&err);
		rc = es_csv_put_row(w, header, ES_ARRAY_LEN(header), &err);
		for (i = 0; i < n && rc == ES_OK; i++) {
			rc = es_csv_put(w, bidders[i], &err);
			for (k = 0; k < 3 && rc == ES_OK; k++)
				rc = es_csv_put_decimal(w, offers[i][k], ES_AGGIO_RATE_SCALE, &err);
			for (k = 0; k < 3 && rc == ES_OK; k++)
				rc = es_csv_put_decimal(w, scores[i].term[k], ES_AGGIO_POINTS_SCALE, &err);
			if (rc == ES_OK)
				rc = es_csv_put_decimal(w, scores[i].points, ES_AGGIO_POINTS_SCALE, &err);
			if (rc == ES_OK)
				rc = es_csv_put_int(w, scores[i].rank, &err);
			if (rc == ES_OK)
				rc = es_csv_end_row(w, &err);
			sum.written++;
		}
		if (es_tool_csv_close(w, out, rc, &err) != ES_OK)
			es_tool_die_err(&err);
	}
	for (i = 0; i < n; i++)
		free(bidders[i]);
	free(bidders);
	free(offers);
	free(scores);
	if (es_rejects_close(rj, &err) != ES_OK)
		es_tool_die_err(&err);
	es_summary_print(&sum);
	status = es_summary_exit_status(&sum);
	return es_tool_finish(status);
}

int
main(int argc, char **argv)
{
	const char *db_opt = NULL, *period_opt = NULL, *from_opt = NULL, *to_opt = NULL, *rates_opt = NULL,
	           *vat_opt = NULL, *ente_path = NULL, *bids = NULL, *max_opt = NULL, *rejects_path = NULL,
	           *input = NULL;
	int64_t rates[ES_AGGIO_NSERVICES] = { 0 }, max[ES_AGGIO_NSERVICES];
	bool set[ES_AGGIO_NSERVICES] = { false }, maxset[ES_AGGIO_NSERVICES] = { false };
	int64_t vat = 0;
	bool vat_shown = false;
	es_aggio_period period;
	es_aggio_rules rules;
	const es_aggio_line *lines;
	size_t nlines, k;
	run R;
	es_err err;
	es_rc rc;
	int c;

	memset(&R, 0, sizeof R);
	R.from = R.to = ES_DATE_NONE;
	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_PERIOD: period_opt = optarg; break;
		case OPT_FROM: from_opt = optarg; break;
		case OPT_TO: to_opt = optarg; break;
		case OPT_RATES: rates_opt = optarg; break;
		case OPT_VAT: vat_opt = optarg; break;
		case ES_OPT_ENTE: ente_path = optarg; break;
		case OPT_BIDS: bids = optarg; break;
		case OPT_MAX_RATES: max_opt = optarg; break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case ES_OPT_LOCALE: R.locale_it = es_tool_parse_locale(optarg); break;
		case ES_OPT_DECIMAL_COMMA: R.decimal_comma = true; break;
		case 'q': es_diag_set_quiet(true); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind < argc)
		input = argv[optind++];
	if (optind < argc)
		es_tool_usage_error("unexpected argument '%s'", argv[optind]);

	for (k = 0; k < ES_AGGIO_NSERVICES; k++)
		max[k] = 100 * 10000;
	if (max_opt != NULL) {
		if (bids == NULL)
			es_tool_usage_error("--max-rates goes with --bids");
		if (es_aggio_rates_parse(max_opt, max, maxset, &err) != ES_OK)
			es_tool_usage_error("%s", err.msg);
	}
	if (bids != NULL) {
		if (input != NULL || db_opt != NULL || period_opt != NULL)
			es_tool_usage_error("--bids scores offers alone: no allocations, --db or --period");
		return score_bids(bids, max, R.locale_it, rejects_path);
	}

	if (period_opt == NULL)
		es_tool_usage_error("--period is required");
	if (es_aggio_period_parse(period_opt, &period, &err) != ES_OK)
		es_tool_usage_error("--period: %s", err.msg);
	if (from_opt != NULL && (es_date_parse(from_opt, ES_DATE_ISO, &R.from, NULL) != ES_OK || R.from == ES_DATE_NONE))
		es_tool_usage_error("--from: '%s' is not a date (YYYY-MM-DD)", from_opt);
	if (to_opt != NULL && (es_date_parse(to_opt, ES_DATE_ISO, &R.to, NULL) != ES_OK || R.to == ES_DATE_NONE))
		es_tool_usage_error("--to: '%s' is not a date (YYYY-MM-DD)", to_opt);
	if (R.from != ES_DATE_NONE && R.to != ES_DATE_NONE && R.from > R.to)
		es_tool_usage_error("--from is after --to");
	if (input != NULL && db_opt != NULL)
		es_tool_usage_error("--db and ALLOCATIONS.csv exclude each other");
	if (input == NULL && (db_opt = es_tool_db_path(db_opt)) == NULL)
		es_tool_usage_error("no input: give ALLOCATIONS.csv or --db FILE (or set ESATTORE_DB)");
	if (rates_opt != NULL && es_aggio_rates_parse(rates_opt, rates, set, &err) != ES_OK)
		es_tool_usage_error("%s", err.msg);
	if (vat_opt != NULL) {
		if (es_decimal_parse(vat_opt, ES_AGGIO_RATE_SCALE, &vat, NULL) != ES_OK || vat < 0 || vat > 1000000)
			es_tool_usage_error("--vat: '%s' is not a percentage 0..100", vat_opt);
		vat_shown = true;
	}
	/* Rates and VAT the options do not give come from the ente file. */
	if (!set[0] || !set[1] || !set[2] || vat_opt == NULL) {
		if (es_tool_ente_given(ente_path)) {
			es_ente *e = es_ente_load(ente_path, &err);

			if (e == NULL)
				es_tool_die_err(&err);
			for (k = 0; k < ES_AGGIO_NSERVICES; k++)
				if (!set[k]) {
					rates[k] = e->aggio[k];
					set[k] = true;
				}
			if (vat_opt == NULL && e->vat > 0) {
				vat = e->vat;
				vat_shown = true;
			}
			es_ente_free(e);
		}
		for (k = 0; k < ES_AGGIO_NSERVICES; k++)
			if (!set[k])
				es_tool_usage_error("no aggio rate for %s: give --rates or the ente file (--ente)",
				                    es_aggio_service_name((int)k));
	}
	if (es_aggio_rules_load(&rules, &err) != ES_OK)
		es_tool_die_err(&err);
	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if ((R.acc = es_aggio_acc_new(period, &err)) == NULL)
		es_tool_die_err(&err);
	if (input != NULL) {
		rc = read_csv(&R, input, &err);
	} else {
		es_ledger *l = es_ledger_open(db_opt, ES_LEDGER_READ, &err);

		if (l == NULL)
			es_tool_die_err(&err);
		R.db = es_ledger_path(l);
		rc = es_report_allocations(l, R.from, R.to, take_alloc, &R, &err);
		es_ledger_close(l);
	}
	if (rc == ES_OK)
		rc = es_aggio_acc_finish(R.acc, &rules, rates, vat, &lines, &nlines, &err);
	if (rc == ES_OK)
		rc = write_fees(&R, lines, nlines, vat_shown, &err);
	es_aggio_acc_free(R.acc);
	if (rc != ES_OK) {
		es_rejects_close(R.rejects, NULL);
		es_tool_die_err(&err);
	}
	if (es_rejects_close(R.rejects, &err) != ES_OK)
		es_tool_die_err(&err);
	if (R.noverpaid > 0 && !es_diag_quiet()) {
		char m[ES_MONEY_BUFSZ];

		es_warn("%llu overpaid or duplicate allocation%s (%s) left out of the base: refund or compensation "
		        "candidates", (unsigned long long)R.noverpaid, R.noverpaid == 1 ? "" : "s",
		        es_money_format(R.overpaid, ES_MONEY_PLAIN, m));
	}
	es_summary_print(&R.sum);
	return es_tool_finish(es_summary_exit_status(&R.sum));
}
