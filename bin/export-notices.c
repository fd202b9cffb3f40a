/* export-notices: the notices stream from the ledger, for render-notices and send-notices. */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esattore.h"
#include "store/notices.h"
#include "tool.h"

enum { OPT_PHASE = ES_OPT_FIRST_TOOL_OPTION, OPT_TAX, OPT_YEAR, OPT_ACT_TYPE, OPT_CONTACTS, OPT_ALL };

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: export-notices [--db FILE] [OPTION]...\n"
	    "Write the notices stream (one row per open pagoPA notice, grouped by\n"
	    "notice_id) from the ledger: what render-notices prints and send-notices mails.\n"
	    "\n"
	    "      --db FILE          the ledger (default $ESATTORE_DB)\n"
	    "      --phase PHASE      only S1 (ordinary bills), S2 (assessment) or S3 (coercive)\n"
	    "      --tax TAX          only this tax (IMU, TARI, ...)\n"
	    "      --year Y           only this tax year\n"
	    "      --act-type TYPE    only bill, accertamento, sollecito, intimazione,\n"
	    "                         ingiunzione or rateizzazione\n"
	    "      --contacts FILE    debtors' names, addresses, PEC and e-mail (CSV with\n"
	    "                         tax_code and any of name, address, pec, email)\n"
	    "      --all              also notices already paid or cancelled\n"
	    "      --rejects FILE     write rejected contacts rows to FILE\n"
	    "      --locale it        ';' separator and ',' decimals\n"
	    "  -q, --quiet            print only errors\n"
	    "      --help             display this help and exit\n"
	    "      --version          output version information and exit\n"
	    "\n"
	    "Exit status: 0 success; 1 some contacts rows rejected; 2 usage or\n"
	    "configuration error; 3 I/O or database failure.\n");
	exit(es_tool_finish(status));
}

static const struct option longopts[] = {
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "phase", required_argument, NULL, OPT_PHASE },
	{ "tax", required_argument, NULL, OPT_TAX },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "act-type", required_argument, NULL, OPT_ACT_TYPE },
	{ "contacts", required_argument, NULL, OPT_CONTACTS },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static const char *const header[] = {
	"notice_id", "act_type", "act_id", "tax_code", "name", "address", "pec", "email", "subject_text",
	"installment", "notice_number", "amount", "due_date", "tax", "year",
	"tax_due", "tax_paid", "tax_unpaid", "sanction", "interest", "costs", "collection_charges", "total"
};

struct out {
	es_csv_writer *w;
	uint64_t written;
};

static es_rc
put_notice(void *ctx, const es_notice *n, es_err *err)
{
	struct out *o = ctx;
	es_csv_writer *w = o->w;
	es_rc rc;

	if ((rc = es_csv_put(w, n->notice_id, err)) != ES_OK || (rc = es_csv_put(w, n->act_type, err)) != ES_OK ||
	    (rc = es_csv_put(w, n->act_id, err)) != ES_OK || (rc = es_csv_put(w, n->tax_code, err)) != ES_OK ||
	    (rc = es_csv_put(w, n->name, err)) != ES_OK || (rc = es_csv_put(w, n->address, err)) != ES_OK ||
	    (rc = es_csv_put(w, n->pec, err)) != ES_OK || (rc = es_csv_put(w, n->email, err)) != ES_OK ||
	    (rc = es_csv_put(w, n->subject_text, err)) != ES_OK ||
	    (rc = es_csv_put_int(w, n->installment, err)) != ES_OK ||
	    (rc = es_csv_put(w, n->notice_number, err)) != ES_OK ||
	    (rc = es_csv_put_money(w, n->amount, err)) != ES_OK || (rc = es_csv_put(w, n->due_date, err)) != ES_OK ||
	    (rc = es_csv_put(w, n->tax, err)) != ES_OK || (rc = es_csv_put_int(w, n->year, err)) != ES_OK)
		return rc;
	if (n->is_act) {
		const es_cents v[8] = { n->tax_due, n->tax_paid, n->tax_unpaid, n->sanction, n->interest, n->costs,
		                        n->collection_charges, n->total };
		for (size_t i = 0; i < 8; i++)
			if ((rc = es_csv_put_money(w, v[i], err)) != ES_OK)
				return rc;
	} else {
		for (size_t i = 0; i < 8; i++)
			if ((rc = es_csv_put(w, "", err)) != ES_OK)
				return rc;
	}
	o->written++;
	return es_csv_end_row(w, err);
}

int
main(int argc, char **argv)
{
	const char *db = NULL, *contacts = NULL, *rejects = NULL;
	es_notice_filter f = { NULL, NULL, 0, NULL, false };
	es_csv_wopts wo = { false };
	struct out o = { NULL, 0 };
	es_summary sum = { 0, 0, 0 };
	es_rejects *rj = NULL;
	es_ledger *l = NULL;
	es_out *out = NULL;
	es_err err;
	es_rc rc = ES_OK;
	int c;

	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB: db = optarg; break;
		case OPT_PHASE:
			if (strcmp(optarg, "S1") != 0 && strcmp(optarg, "S2") != 0 && strcmp(optarg, "S3") != 0)
				es_tool_usage_error("--phase: '%s' is not S1, S2 or S3", optarg);
			f.phase = optarg;
			break;
		case OPT_TAX: f.tax = optarg; break;
		case OPT_YEAR: {
			int64_t y;
			if (es_decimal_parse(optarg, 0, &y, NULL) != ES_OK || y < 1990 || y > 2999)
				es_tool_usage_error("--year: '%s' is not a year", optarg);
			f.year = (int)y;
			break;
		}
		case OPT_ACT_TYPE: f.act_type = optarg; break;
		case OPT_CONTACTS: contacts = optarg; break;
		case OPT_ALL: f.include_paid = true; break;
		case ES_OPT_REJECTS: rejects = optarg; break;
		case ES_OPT_LOCALE: wo.locale_it = es_tool_parse_locale(optarg); break;
		case 'q': es_diag_set_quiet(true); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION: es_tool_version(); return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind < argc)
		es_tool_usage_error("unexpected argument '%s'", argv[optind]);
	if (es_tool_db_path(db) == NULL)
		es_tool_usage_error("no ledger: give --db FILE or set ESATTORE_DB");

	if ((l = es_ledger_open(es_tool_db_path(db), ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	if ((rj = es_rejects_open(rejects, &err)) == NULL)
		es_tool_die_err(&err);
	if (contacts != NULL &&
	    (rc = es_store_notices_contacts(l, contacts, rj, &sum.read, &sum.rejected, &err)) != ES_OK)
		goto done;
	if ((o.w = es_tool_csv_open("-", &wo, &out, &err)) == NULL) {
		rc = err.rc;
		goto done;
	}
	if ((rc = es_csv_put_row(o.w, header, ES_ARRAY_LEN(header), &err)) != ES_OK)
		goto done;
	rc = es_store_notices_each(l, &f, put_notice, &o, &err);
done:
	rc = es_tool_csv_close(o.w, out, rc, &err);
	if (rj != NULL && es_rejects_close(rj, rc == ES_OK ? &err : NULL) != ES_OK && rc == ES_OK)
		rc = ES_EIO;
	es_ledger_close(l);
	if (rc != ES_OK) {
		es_error("%s", err.msg);
		return es_tool_finish(es_rc_exit_status(rc));
	}
	if (!es_diag_quiet()) {
		fprintf(stderr, "%s: %llu notice rows written", es_diag_progname(), (unsigned long long)o.written);
		if (contacts != NULL)
			fprintf(stderr, "; contacts read %llu, rejected %llu", (unsigned long long)sum.read,
			        (unsigned long long)sum.rejected);
		fputc('\n', stderr);
	}
	return es_tool_finish(sum.rejected ? ES_EXIT_REJECTS : ES_EXIT_OK);
}
