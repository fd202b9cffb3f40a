/* assess: compare what was due with what was paid and write the avvisi di
 * accertamento esecutivi (L. 160/2019 c. 792) of one tax and year. */
#include "es_setup.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "esattore.h"
#include "ente.h"
#include "domain/penalty.h"
#include "domain/assess.h"
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

/* The state of one run. */
typedef struct run {
	const char *tax;           /* "IMU" or "TARI" */
	int year;
	es_assess_opts opts;
	bool explain, post, locale_it, decimal_comma;
	int segregation;
	const es_penalty_rules *rules;
	es_ledger *ledger;
	es_rejects *rejects;
	es_summary sum;
	uint64_t nacts, nreported, ncandidates;
	es_csv_writer *acts, *details, *report, *evasion;
	es_cents excess_total;
} run;

/* --- small parsers -------------------------------------------------------- */

static bool
parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool
parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "1", "y", "yes", "true", "s", "si", "x" };
	static const char *const no[] = { "", "0", "n", "no", "false" };
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(yes); i++)
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
	for (i = 0; i < ES_ARRAY_LEN(no); i++)
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	return false;
}

/* An installment number, or the IMU words: unica 0, acconto 1, saldo 2. */
static bool
parse_installment(const char *s, long *out)
{
	if (strcasecmp(s, "unica") == 0)
		*out = 0;
	else if (strcasecmp(s, "acconto") == 0)
		*out = 1;
	else if (strcasecmp(s, "saldo") == 0)
		*out = 2;
	else
		return parse_int(s, 0, 99, out);
	return true;
}

/* --- reading the streams -------------------------------------------------- */

static es_rc
reject(run *R, es_csv_reader *cr, const es_csv_row *row, const char *msg)
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

/* Is the row's tax and year the run's?  ES_EDATA with msg if malformed. */
static es_rc
row_selected(run *R, const es_csv_row *row, int ctax, int cyear, bool *sel, char *msg, size_t msz)
{
	const char *t = es_csv_get(row, ctax), *y = es_csv_get(row, cyear);
	long year;

	if (!parse_int(y, 1800, 2999, &year)) {
		snprintf(msg, msz, "year: '%s' is not a year", y);
		return ES_EDATA;
	}
	/* TEFA (art. 19 D.Lgs. 504/1992) is collected and assessed with TARI. */
	*sel = (strcasecmp(t, R->tax) == 0 || (strcmp(R->tax, "TARI") == 0 && strcasecmp(t, "TEFA") == 0)) &&
	       year == R->year;
	return ES_OK;
}

static es_rc
read_dues(run *R, const char *path, es_acts_due **out, size_t *n, es_err *err)
{
	static const char *const req[] = { "tax_code", "tax", "year", "installment", "due_date", "amount_due" };
	int idx[ES_ARRAY_LEN(req)], ctrib, cunit, cdecl, cbasis;
	es_csv_reader *cr;
	es_csv_row *row;
	size_t cap = 0;
	es_rc rc;

	*out = NULL;
	*n = 0;
	if ((cr = es_csv_reader_open(path, NULL, err)) == NULL)
		return err->rc == ES_EDATA ? (err->rc = ES_ECONFIG) : err->rc;
	if ((rc = es_csv_require(cr, req, idx, ES_ARRAY_LEN(req), err)) != ES_OK) {
		es_err_prefix(err, "%s", es_csv_source(cr));
		es_csv_reader_close(cr);
		return ES_ECONFIG;
	}
	ctrib = es_csv_col(cr, "tributo");
	cunit = es_csv_col(cr, "unit_id");
	cdecl = es_csv_col(cr, "declaration");
	cbasis = es_csv_col(cr, "basis");
	while ((rc = es_csv_next(cr, &row, err)) == ES_OK || rc == ES_EDATA) {
		char msg[256];
		es_acts_due d;
		bool sel;
		long inst;
		es_err e2;

		R->sum.read++;
		if (rc == ES_EDATA) {
			if ((rc = reject(R, cr, row, err->msg)) != ES_OK)
				break;
			continue;
		}
		memset(&d, 0, sizeof d);
		if (row_selected(R, row, idx[1], idx[2], &sel, msg, sizeof msg) != ES_OK) {
			if ((rc = reject(R, cr, row, msg)) != ES_OK)
				break;
			continue;
		}
		if (!sel)
			continue;
		if (*es_csv_get(row, idx[0]) == '\0') {
			snprintf(msg, sizeof msg, "tax_code: empty");
		} else if (!parse_installment(es_csv_get(row, idx[3]), &inst)) {
			snprintf(msg, sizeof msg, "installment: '%s' is not 0..99, unica, acconto or saldo",
			         es_csv_get(row, idx[3]));
		} else if (es_date_parse(es_csv_get(row, idx[4]), ES_DATE_ANY, &d.due_date, &e2) != ES_OK ||
		           d.due_date == ES_DATE_NONE) {
			snprintf(msg, sizeof msg, "due_date: '%s' is not a date", es_csv_get(row, idx[4]));
		} else if (es_money_parse(es_csv_get(row, idx[5]), R->decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN,
		                          &d.amount_due, &e2) != ES_OK) {
			snprintf(msg, sizeof msg, "amount_due: '%s' is not an amount", es_csv_get(row, idx[5]));
		} else {
			const char *dv = es_csv_get(row, cdecl);

			msg[0] = '\0';
			if (*dv != '\0' && strcmp(dv, "omessa_dichiarazione") != 0 &&
			    strcmp(dv, "infedele_dichiarazione") != 0)
				snprintf(msg, sizeof msg, "declaration: '%s' is not omessa_dichiarazione or "
				         "infedele_dichiarazione", dv);
			d.basis = -1;
			if (msg[0] == '\0' && cbasis >= 0 && *es_csv_get(row, cbasis) != '\0') {
				long b;

				if (!parse_int(es_csv_get(row, cbasis), 0, 100000000, &b))
					b = -1;  /* IMU bases are amounts: not a surface */
				d.basis = b;
			}
		}
		if (msg[0] != '\0') {
			if ((rc = reject(R, cr, row, msg)) != ES_OK)
				break;
			continue;
		}
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			es_acts_due *nv = realloc(*out, ncap * sizeof *nv);

			if (nv == NULL) {
				rc = es_err_set(err, ES_ENOMEM, "out of memory");
				break;
			}
			*out = nv;
			cap = ncap;
		}
		d.installment = (int)inst;
		d.line = row->line;
		d.tax_code = strdup(es_csv_get(row, idx[0]));
		d.tributo = strdup(es_csv_get(row, ctrib));
		d.unit_id = strdup(es_csv_get(row, cunit));
		d.declaration = strdup(es_csv_get(row, cdecl));
		(*out)[(*n)++] = d;
		if (d.tax_code == NULL || d.tributo == NULL || d.unit_id == NULL || d.declaration == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

static es_rc
read_payments(run *R, const char *path, es_acts_payment **out, size_t *n, es_err *err)
{
	static const char *const req[] = { "tax_code", "tax", "year", "paid_on", "amount" };
	int idx[ES_ARRAY_LEN(req)], cid, cravv;
	es_csv_reader *cr;
	es_csv_row *row;
	size_t cap = 0;
	es_rc rc;

	*out = NULL;
	*n = 0;
	if ((cr = es_csv_reader_open(path, NULL, err)) == NULL)
		return err->rc == ES_EDATA ? (err->rc = ES_ECONFIG) : err->rc;
	if ((rc = es_csv_require(cr, req, idx, ES_ARRAY_LEN(req), err)) != ES_OK) {
		es_err_prefix(err, "%s", es_csv_source(cr));
		es_csv_reader_close(cr);
		return ES_ECONFIG;
	}
	cid = es_csv_col(cr, "payment_id");
	cravv = es_csv_col(cr, "ravvedimento");
	while ((rc = es_csv_next(cr, &row, err)) == ES_OK || rc == ES_EDATA) {
		char msg[256];
		es_acts_payment p;
		bool sel;
		es_err e2;

		R->sum.read++;
		if (rc == ES_EDATA) {
			if ((rc = reject(R, cr, row, err->msg)) != ES_OK)
				break;
			continue;
		}
		memset(&p, 0, sizeof p);
		msg[0] = '\0';
		if (row_selected(R, row, idx[1], idx[2], &sel, msg, sizeof msg) != ES_OK) {
			/* msg set */
		} else if (!sel) {
			continue;
		} else if (*es_csv_get(row, idx[0]) == '\0') {
			snprintf(msg, sizeof msg, "tax_code: empty");
		} else if (es_date_parse(es_csv_get(row, idx[3]), ES_DATE_ANY, &p.paid_on, &e2) != ES_OK ||
		           p.paid_on == ES_DATE_NONE) {
			snprintf(msg, sizeof msg, "paid_on: '%s' is not a date", es_csv_get(row, idx[3]));
		} else if (es_money_parse(es_csv_get(row, idx[4]), R->decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN,
		                          &p.amount, &e2) != ES_OK) {
			snprintf(msg, sizeof msg, "amount: '%s' is not an amount", es_csv_get(row, idx[4]));
		} else if (p.amount < 0) {
			snprintf(msg, sizeof msg, "amount: negative payments (refunds) are not assessed");
		} else if (!parse_bool(es_csv_get(row, cravv), &p.ravvedimento)) {
			snprintf(msg, sizeof msg, "ravvedimento: '%s' is not a flag (1/0)", es_csv_get(row, cravv));
		}
		if (msg[0] != '\0') {
			if ((rc = reject(R, cr, row, msg)) != ES_OK)
				break;
			continue;
		}
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			es_acts_payment *nv = realloc(*out, ncap * sizeof *nv);

			if (nv == NULL) {
				rc = es_err_set(err, ES_ENOMEM, "out of memory");
				break;
			}
			*out = nv;
			cap = ncap;
		}
		p.line = row->line;
		p.tax_code = strdup(es_csv_get(row, idx[0]));
		p.payment_id = strdup(es_csv_get(row, cid));
		(*out)[(*n)++] = p;
		if (p.tax_code == NULL || p.payment_id == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

static es_rc
read_units(run *R, const char *path, es_acts_surface **out, size_t *n, es_err *err)
{
	static const char *const req[] = { "unit_id", "surface_m2" };
	int idx[2];
	es_csv_reader *cr;
	es_csv_row *row;
	size_t cap = 0;
	es_rc rc;

	*out = NULL;
	*n = 0;
	if ((cr = es_csv_reader_open(path, NULL, err)) == NULL)
		return err->rc == ES_EDATA ? (err->rc = ES_ECONFIG) : err->rc;
	if (es_csv_require(cr, req, idx, 2, err) != ES_OK) {
		es_err_prefix(err, "%s", es_csv_source(cr));
		es_csv_reader_close(cr);
		return ES_ECONFIG;
	}
	while ((rc = es_csv_next(cr, &row, err)) == ES_OK || rc == ES_EDATA) {
		long s;

		R->sum.read++;
		if (rc == ES_EDATA) {
			if ((rc = reject(R, cr, row, err->msg)) != ES_OK)
				break;
			continue;
		}
		if (*es_csv_get(row, idx[1]) == '\0')
			continue;  /* no surface (land, category without one): nothing to compare */
		if (!parse_int(es_csv_get(row, idx[1]), 0, 100000000, &s)) {
			char msg[128];

			snprintf(msg, sizeof msg, "surface_m2: '%s' is not a whole number of m2", es_csv_get(row, idx[1]));
			if ((rc = reject(R, cr, row, msg)) != ES_OK)
				break;
			continue;
		}
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			es_acts_surface *nv = realloc(*out, ncap * sizeof *nv);

			if (nv == NULL) {
				rc = es_err_set(err, ES_ENOMEM, "out of memory");
				break;
			}
			*out = nv;
			cap = ncap;
		}
		(*out)[*n].surface_m2 = s;
		if (((*out)[(*n)++].unit_id = strdup(es_csv_get(row, idx[0]))) == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			break;
		}
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

/* --- output --------------------------------------------------------------- */

static void
writer_free(es_csv_writer **w)
{
	if (*w != NULL)
		es_csv_writer_free(*w);
	*w = NULL;
}

static es_csv_writer *
open_writer(run *R, const char *path, es_out **outp, const char *const *header, size_t n, es_err *err)
{
	es_csv_wopts wo = { .locale_it = R->locale_it };
	es_csv_writer *w;

	if ((*outp = es_out_open_mode(path, 0600, err)) == NULL)
		return NULL;
	if ((w = es_csv_writer_new(*outp, &wo, err)) == NULL)
		return NULL;
	if (es_csv_put_row(w, header, n, err) != ES_OK) {
		es_csv_writer_free(w);
		return NULL;
	}
	return w;
}

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

static void
make_act_id(char *buf, size_t n, const char *type, const char *tax, int year, const char *tax_code)
{
	snprintf(buf, n, "%s-%s-%d-%s", type, tax, year, tax_code);
}

static es_rc
put_act(run *R, const es_act *a, const char *violation, es_cents acq, const char *channel, es_err *err)
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
	return es_csv_end_row(w, err);
}

static es_rc
put_details(run *R, const char *act_id, const es_assess_result *res, es_err *err)
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
put_report(run *R, const char *tax_code, const char *reason, es_cents unpaid, es_cents sanction,
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

static void
explain_sanction(const es_sanction *s, es_cents amount)
{
	char a[32], p[32], e[48];

	if (s->kind == ES_SANCTION_NONE)
		return;
	es_money_format(amount, ES_MONEY_PLAIN, a);
	es_decimal_format(s->pct, ES_PCT_SCALE, p);
	if (s->kind == ES_SANCTION_PER_DAY)
		fprintf(stderr, "      sanction %s: %s x %s%% x %ld/%d = %s [sanction_payment_regimes.csv %s: %s; %s]\n",
		        es_assess_sanction_name(s->kind), a, p, (long)s->days, s->divisor,
		        fmt_exact(s->exact, e, sizeof e), s->regime, s->legal_basis, s->source);
	else
		fprintf(stderr, "      sanction %s%s: %s x %s%% = %s [sanction_payment_regimes.csv %s: %s; %s]\n",
		        es_assess_sanction_name(s->kind), s->days < 0 ? " (never paid)" : "", a, p,
		        fmt_exact(s->exact, e, sizeof e), s->regime, s->legal_basis, s->source);
}

static void
explain_interest(const es_interest *in)
{
	char a[32], f[16], t[16], r[32], e[48];
	size_t i;

	for (i = 0; i < in->nseg; i++) {
		const es_interest_seg *s = &in->seg[i];

		es_money_format(in->principal, ES_MONEY_PLAIN, a);
		es_date_format(s->from, f);
		es_date_format(s->to, t);
		es_decimal_format(s->rate, ES_PCT_SCALE, r);
		fprintf(stderr, "      interest %s..%s: %s x %s%% x %ld/%d = %s [legal_interest_rates.csv %d: %s]\n",
		        f, t, a, r, (long)s->days, s->basis, fmt_exact(s->exact, e, sizeof e), s->year, s->source);
	}
}

static void
explain_result(run *R, const char *act_id, const es_assess_result *res)
{
	char b1[32], b2[32], b3[32], b4[32], b5[16], b6[48];
	size_t i, j;

	fprintf(stderr, "%s: explain %s (%s %s %d, as of %s)\n", es_diag_progname(), act_id, res->tax_code,
	        res->tax, res->year, es_date_format(R->opts.as_of, b5));
	for (i = 0; i < res->nlines; i++) {
		const es_assess_line_result *lr = &res->lines[i];

		fprintf(stderr, "  installment %d tributo %s unit %s due %s: due %s paid %s unpaid %s: %s\n",
		        lr->line->installment, lr->line->tributo, lr->line->unit_id, es_date_format(lr->due, b5),
		        es_money_format(lr->line->amount_due, ES_MONEY_PLAIN, b1),
		        es_money_format(lr->paid, ES_MONEY_PLAIN, b2), es_money_format(lr->unpaid, ES_MONEY_PLAIN, b3),
		        lr->violation);
		fprintf(stderr, "    decadenza %s%s [terms.csv: %s]\n", es_date_format(lr->term.deadline, b5),
		        lr->term.shift_days ? " (Covid shift)" : "", lr->term.source);
		for (j = 0; j < lr->npieces; j++) {
			const es_assess_piece *p = &lr->pieces[j];

			fprintf(stderr, "    %s %s%s%s%s%s\n", es_assess_piece_name(p->kind),
			        es_money_format(p->amount, ES_MONEY_PLAIN, b1), p->paid_on != ES_DATE_NONE ? " paid " : "",
			        p->paid_on != ES_DATE_NONE ? es_date_format(p->paid_on, b5) : "",
			        p->payment_id && *p->payment_id ? " by " : "", p->payment_id ? p->payment_id : "");
			if (p->kind == ES_PIECE_RAVVEDIMENTO) {
				fprintf(stderr, "      ravvedimento %s tier %s, %ld days: sanction %s, interest %s, "
				        "required %s, paid %s [ravvedimento_tiers.csv: %s]\n", p->ravv.regime, p->ravv.tier,
				        (long)p->ravv.days, es_money_format(p->ravv.sanction, ES_MONEY_PLAIN, b2),
				        es_money_format(p->ravv.interest.amount, ES_MONEY_PLAIN, b3),
				        es_money_format(p->ravv.total, ES_MONEY_PLAIN, b4),
				        es_money_format(p->ravv_paid, ES_MONEY_PLAIN, b1), p->ravv.source);
				continue;
			}
			explain_sanction(&p->sanction, p->amount);
			explain_interest(&p->interest);
		}
		if (lr->has_decl)
			fprintf(stderr, "    declaration %s: %s%% of %s, floor %s = %s (on acquiescence x %lld/%lld) "
			        "[sanction_declaration.csv %s: %s]\n", lr->line->declaration,
			        es_decimal_format(lr->decl.pct, ES_PCT_SCALE, b6),
			        es_money_format(lr->unpaid, ES_MONEY_PLAIN, b1), es_money_format(lr->decl.floor,
			        ES_MONEY_PLAIN, b2), es_money_format(lr->decl.amount, ES_MONEY_PLAIN, b3),
			        (long long)lr->decl.red_num, (long long)lr->decl.red_den, lr->decl.regime, lr->decl.source);
		{
			char e1[48], e2[48];

			fprintf(stderr, "    line sanction %s (exact %s), interest %s (exact %s), each rounded once\n",
			        es_money_format(lr->sanction, ES_MONEY_PLAIN, b1),
			        fmt_exact(lr->sanction_exact, e1, sizeof e1),
			        es_money_format(lr->interest, ES_MONEY_PLAIN, b2),
			        fmt_exact(lr->interest_exact, e2, sizeof e2));
		}
	}
	if (res->costs_source != NULL)
		fprintf(stderr, "  notification %s: %s [notification_costs.csv: %s]\n", R->opts.channel,
		        es_money_format(res->costs, ES_MONEY_PLAIN, b1), res->costs_source);
	fprintf(stderr, "  total %s = unpaid %s + sanction %s + interest %s + costs %s\n",
	        es_money_format(res->total, ES_MONEY_PLAIN, b1), es_money_format(res->tax_unpaid, ES_MONEY_PLAIN, b2),
	        es_money_format(res->sanction, ES_MONEY_PLAIN, b3), es_money_format(res->interest, ES_MONEY_PLAIN, b4),
	        es_money_format(res->costs, ES_MONEY_PLAIN, b6));
}

/* The act's violation for the year: omitted (nothing paid), partial (some
 * tax still unpaid), late (all paid, some of it late). */
static const char *
act_violation(const es_assess_result *res)
{
	if (res->tax_unpaid > 0)
		return res->tax_paid > 0 ? "partial" : "omitted";
	return "late";
}

/* --- one subject -------------------------------------------------------- */

static es_rc
assess_subject(run *R, const char *tax_code, const es_acts_due *dues, size_t nd, const es_acts_payment *pays,
               size_t np, es_err *err)
{
	es_assess_line *lines = calloc(nd ? nd : 1, sizeof *lines);
	es_assess_payment *pv = calloc(np ? np : 1, sizeof *pv);
	es_assess_opts o = R->opts;
	es_assess_result res;
	es_act act, existing;
	bool found = false;
	int nsgravi = 0;
	char b[32];
	size_t i;
	es_rc rc;

	memset(&res, 0, sizeof res);
	memset(&act, 0, sizeof act);
	if (lines == NULL || pv == NULL) {
		free(lines);
		free(pv);
		return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	for (i = 0; i < nd; i++) {
		lines[i].amount_due = dues[i].amount_due;
		/* A negative line (a saldo below the acconto computed on last
		 * year's rates) is a credit: it lowers the earlier lines, the
		 * latest first; what is left over is paid back as an excess. */
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
	make_act_id(act.act_id, sizeof act.act_id, "ACC", R->tax, R->year, tax_code);
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
	if (R->explain && (res.outcome != ES_ASSESS_NOTHING || found))
		explain_result(R, act.act_id, &res);
	if (res.excess > 0 && res.excess >= R->opts.min_amount &&
	    (rc = put_report(R, tax_code, "excess-payment", -res.excess, 0, 0, ES_DATE_NONE,
	                     "paid beyond everything due for the year: a possible refund (L. 296/2006 c. 164)",
	                     err)) != ES_OK)
		goto done;
	if (res.barred_unpaid + res.barred_sanction + res.barred_interest > 0 &&
	    (rc = put_report(R, tax_code, "time-barred", res.barred_unpaid, res.barred_sanction, res.barred_interest,
	                     res.barred_deadline, "decadenza passed before the act date (L. 296/2006 c. 161)",
	                     err)) != ES_OK)
		goto done;
	if (found) {
		es_act s;
		es_cents costs = existing.costs;
		es_cents new_total = res.tax_unpaid + res.sanction + res.interest + costs;

		if (new_total == existing.total) {
			existing.issued_on = existing.issued_on;
			snprintf(existing.status, sizeof existing.status, "unchanged");
			rc = put_act(R, &existing, act_violation(&res), res.sanction_acquiescence, "", err);
			R->nacts++;
			goto done;
		}
		if (new_total > existing.total) {
			char b2[32];

			es_warn("%s: recomputed total %s exceeds the issued %s: an avviso integrativo is needed, "
			        "not an increase", existing.act_id, es_money_format(new_total, ES_MONEY_PLAIN, b),
			        es_money_format(existing.total, ES_MONEY_PLAIN, b2));
			rc = put_report(R, tax_code, "increase-needs-new-act", res.tax_unpaid, res.sanction, res.interest,
			                ES_DATE_NONE, existing.act_id, err);
			goto done;
		}
		memset(&s, 0, sizeof s);
		snprintf(s.act_id, sizeof s.act_id, "SGR-%s-%d-%s-%d", R->tax, R->year, tax_code, nsgravi + 1);
		snprintf(s.act_type, sizeof s.act_type, "sgravio");
		snprintf(s.parent_act_id, sizeof s.parent_act_id, "%s", existing.act_id);
		snprintf(s.tax_code, sizeof s.tax_code, "%s", tax_code);
		snprintf(s.tax, sizeof s.tax, "%s", R->tax);
		s.year = R->year;
		s.tax_due = res.tax_due - existing.tax_due;
		s.tax_paid = res.tax_paid - existing.tax_paid;
		s.tax_unpaid = res.tax_unpaid - existing.tax_unpaid;
		s.sanction = res.sanction - existing.sanction;
		s.interest = res.interest - existing.interest;
		s.costs = 0;
		s.collection_charges = 0;
		s.total = new_total - existing.total;
		s.issued_on = R->opts.as_of;
		s.due_on = existing.due_on;
		snprintf(s.notice_number, sizeof s.notice_number, "%s", existing.notice_number);
		snprintf(s.status, sizeof s.status, R->post ? "posted" : "draft");
		if (R->post && (rc = es_acts_insert_sgravio(R->ledger, &s, new_total, err)) != ES_OK)
			goto done;
		rc = put_act(R, &s, act_violation(&res), 0, "", err);
		R->nacts++;
		goto done;
	}
	switch (res.outcome) {
	case ES_ASSESS_NOTHING:
		rc = ES_OK;
		goto done;
	case ES_ASSESS_TIME_BARRED:
		rc = ES_OK;  /* reported above */
		goto done;
	case ES_ASSESS_BELOW_MIN:
		rc = put_report(R, tax_code, "below-minimum", res.tax_unpaid, res.sanction, res.interest, ES_DATE_NONE,
		                "under the minimum amount (L. 296/2006 c. 168; art. 25 L. 289/2002)", err);
		goto done;
	case ES_ASSESS_ACT:
		break;
	}
	snprintf(act.act_type, sizeof act.act_type, "accertamento");
	snprintf(act.tax_code, sizeof act.tax_code, "%s", tax_code);
	snprintf(act.tax, sizeof act.tax, "%s", R->tax);
	act.year = R->year;
	act.tax_due = res.tax_due;
	act.tax_paid = res.tax_paid;
	act.tax_unpaid = res.tax_unpaid;
	act.sanction = res.sanction;
	act.interest = res.interest;
	act.costs = res.costs;
	act.total = res.total;
	act.issued_on = R->opts.as_of;
	{
		int64_t days;

		if ((rc = es_penalty_esecutivo(R->rules, "payment_term", &days, NULL, NULL, err)) != ES_OK)
			goto done;
		act.due_on = R->opts.as_of + (es_date)days;
	}
	snprintf(act.status, sizeof act.status, R->post ? "posted" : "draft");
	if (R->post && (rc = es_acts_insert(R->ledger, &act, R->segregation, err)) != ES_OK)
		goto done;
	if ((rc = put_act(R, &act, act_violation(&res), res.sanction_acquiescence,
	                  R->opts.channel ? R->opts.channel : "", err)) != ES_OK)
		goto done;
	R->nacts++;
	rc = put_details(R, act.act_id, &res, err);
done:
	es_assess_result_clear(&res);
	free(lines);
	free(pv);
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

static es_rc
evasion(run *R, es_acts_due *dues, size_t nd, const es_acts_payment *pays, size_t np, es_acts_surface *surf,
        size_t ns, es_err *err)
{
	char **paid = calloc(np ? np : 1, sizeof *paid);
	int64_t pct = 0;
	const char *src = "";
	size_t i, j, npaid = 0;
	es_rc rc = ES_OK;
	bool tari = strcmp(R->tax, "TARI") == 0;

	if (paid == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	for (i = 0; i < np; i++)
		if (pays[i].amount > 0)
			paid[npaid++] = pays[i].tax_code;
	if (npaid > 0)
		qsort(paid, npaid, sizeof *paid, cmp_str);
	if (tari && (rc = es_penalty_evasion_rule(R->rules, "surface_pct_of_cadastral", R->tax, &pct, &src, err)) != ES_OK)
		goto done;
	if (nd > 0)
		qsort(dues, nd, sizeof *dues, cmp_due_unit);
	if (ns > 0)
		qsort(surf, ns, sizeof *surf, cmp_surface);
	for (i = 0; i < nd && rc == ES_OK; i = j) {
		char codes[1024] = "";
		size_t len = 0;
		es_cents due = 0;
		int64_t declared = 0;
		bool anyone_paid = false;

		for (j = i; j < nd && strcmp(dues[j].unit_id, dues[i].unit_id) == 0; j++) {
			due += dues[j].amount_due;
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
		if (!tari) {
			if (anyone_paid)
				continue;
			R->ncandidates++;
			if ((rc = es_csv_put(R->evasion, R->tax, err)) != ES_OK ||
			    (rc = es_csv_put_int(R->evasion, R->year, err)) != ES_OK ||
			    (rc = es_csv_put(R->evasion, dues[i].unit_id, err)) != ES_OK ||
			    (rc = es_csv_put(R->evasion, codes, err)) != ES_OK ||
			    (rc = es_csv_put(R->evasion, "no-payment-by-any-holder", err)) != ES_OK ||
			    (rc = es_csv_put_money(R->evasion, due, err)) != ES_OK ||
			    (rc = es_csv_put(R->evasion, "", err)) != ES_OK || (rc = es_csv_put(R->evasion, "", err)) != ES_OK ||
			    (rc = es_csv_put(R->evasion, "", err)) != ES_OK ||
			    (rc = es_csv_put(R->evasion, "L. 160/2019 c. 743 (every holder of the right is liable)", err)) != ES_OK)
				break;
			rc = es_csv_end_row(R->evasion, err);
		} else {
			es_acts_surface key = { .unit_id = dues[i].unit_id }, *s;
			int64_t thr_x;   /* threshold in m2, scale ES_PCT_SCALE + 2 */

			s = ns > 0 ? bsearch(&key, surf, ns, sizeof *surf, cmp_surface) : NULL;
			if (s == NULL || dues[i].basis < 0)
				continue;
			/* declared < pct% of cadastral: declared * 100 * 10^4 < cadastral * pct */
			thr_x = s->surface_m2 * pct;
			if (declared * 100 * ES_PCT_ONE >= thr_x)
				continue;
			R->ncandidates++;
			if ((rc = es_csv_put(R->evasion, R->tax, err)) != ES_OK ||
			    (rc = es_csv_put_int(R->evasion, R->year, err)) != ES_OK ||
			    (rc = es_csv_put(R->evasion, dues[i].unit_id, err)) != ES_OK ||
			    (rc = es_csv_put(R->evasion, codes, err)) != ES_OK ||
			    (rc = es_csv_put(R->evasion, "declared-surface-below-threshold", err)) != ES_OK ||
			    (rc = es_csv_put_money(R->evasion, due, err)) != ES_OK ||
			    (rc = es_csv_put_int(R->evasion, declared, err)) != ES_OK ||
			    (rc = es_csv_put_int(R->evasion, s->surface_m2, err)) != ES_OK ||
			    (rc = es_csv_put_decimal(R->evasion, thr_x / 100, ES_PCT_SCALE, err)) != ES_OK ||
			    (rc = es_csv_put(R->evasion, src, err)) != ES_OK)
				break;
			rc = es_csv_end_row(R->evasion, err);
		}
	}
done:
	free(paid);
	return rc;
}

/* --- main ----------------------------------------------------------------- */

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

static es_rc
assess_all(run *R, es_acts_due *dues, size_t nd, es_acts_payment *pays, size_t np, es_err *err)
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
		es_tool_progress("subjects", ++done);
	}
	return rc;
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
	int c, status;
	long v;

	memset(&R, 0, sizeof R);
	memset(&err, 0, sizeof err);
	R.opts.decl_choice = -1;
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
		case OPT_NOTIFICATION: R.opts.channel = optarg; break;
		case OPT_DECL_PCT: decl_opt = optarg; break;
		case OPT_CUMULO:
			if (strcmp(optarg, "max") == 0)
				R.opts.cumulo_max_only = true;
			else if (strcmp(optarg, "both") != 0)
				es_tool_usage_error("--cumulo: '%s' is not both or max", optarg);
			break;
		case OPT_DETAILS: details_path = optarg; break;
		case OPT_REPORT: report_path = optarg; break;
		case OPT_EVASION: evasion_path = optarg; break;
		case OPT_EXPLAIN: R.explain = true; break;
		case OPT_POST: R.post = true; break;
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
		R.tax = "IMU";
	else if (strcasecmp(tax_opt, "tari") == 0)
		R.tax = "TARI";
	else
		es_tool_usage_error("--tax: '%s' is not imu or tari", tax_opt);
	if (!parse_int(year_opt, 1800, 2999, &v))
		es_tool_usage_error("--year: '%s' is not a year", year_opt);
	R.year = (int)v;
	if (es_date_parse(asof_opt, ES_DATE_ANY, &R.opts.as_of, &err) != ES_OK || R.opts.as_of == ES_DATE_NONE)
		es_tool_usage_error("--as-of: '%s' is not a date", asof_opt);
	if ((dues_path != NULL) != (pays_path != NULL))
		es_tool_usage_error("--dues and --payments go together");
	if (dues_path == NULL)
		db_opt = es_tool_db_path(db_opt);
	else if (db_opt != NULL)
		es_tool_usage_error("--db and --dues/--payments exclude each other");
	if (dues_path == NULL && db_opt == NULL)
		es_tool_usage_error("no input: give --dues and --payments, or --db FILE (or set ESATTORE_DB)");
	if (R.post && db_opt == NULL)
		es_tool_usage_error("--post needs the ledger (--db)");

	if ((rules = es_penalty_rules_load(&err)) == NULL)
		es_tool_die_err(&err);
	R.rules = rules;
	/* Defaults from the tables, then the ente file, then the options. */
	{
		int64_t basis;
		es_cents min;

		if (es_penalty_param(rules, "tax_interest_spread_pts", &R.opts.spread, NULL, NULL, NULL, &err) != ES_OK ||
		    es_penalty_param(rules, "day_count_basis", &basis, NULL, NULL, NULL, &err) != ES_OK ||
		    es_penalty_esecutivo(rules, "min_amount", NULL, &min, NULL, &err) != ES_OK)
			es_tool_die_err(&err);
		R.opts.daycount = basis == 365 * ES_PCT_ONE ? ES_DAYCOUNT_365 : ES_DAYCOUNT_ACTUAL;
		R.opts.min_amount = min;
		R.opts.covid_shift = true;
	}
	if (ente_path != NULL || (getenv("ESATTORE_ENTE") != NULL && *getenv("ESATTORE_ENTE") != '\0')) {
		if ((ente = es_ente_load(ente_path, &err)) == NULL)
			es_tool_die_err(&err);
		R.opts.spread = ente->interest_spread;
		R.opts.min_amount = ente->min_amount;
		R.opts.daycount = ente->day_count_365 ? ES_DAYCOUNT_365 : ES_DAYCOUNT_ACTUAL;
		R.opts.covid_shift = ente->covid_shift;
		R.segregation = ente->segregation_code;
	} else if (R.post) {
		es_tool_usage_error("--post needs the ente key file (--ente or ESATTORE_ENTE) for the notice numbers");
	}
	if (min_opt != NULL && (es_money_parse(min_opt, ES_MONEY_PLAIN, &R.opts.min_amount, &err) != ES_OK ||
	                        R.opts.min_amount < 0))
		es_tool_usage_error("--min-amount: '%s' is not an amount", min_opt);
	if (spread_opt != NULL) {
		int64_t lo, hi;

		if (es_penalty_param(rules, "tax_interest_spread_pts", NULL, &lo, &hi, NULL, &err) != ES_OK)
			es_tool_die_err(&err);
		if (es_decimal_parse(spread_opt, ES_PCT_SCALE, &R.opts.spread, &err) != ES_OK ||
		    R.opts.spread < lo || R.opts.spread > hi)
			es_tool_usage_error("--spread: '%s' is not a number of points within the table's range", spread_opt);
	}
	if (daycount_opt != NULL) {
		if (strcmp(daycount_opt, "365") == 0)
			R.opts.daycount = ES_DAYCOUNT_365;
		else if (strcmp(daycount_opt, "actual") == 0)
			R.opts.daycount = ES_DAYCOUNT_ACTUAL;
		else
			es_tool_usage_error("--day-count: '%s' is not 365 or actual", daycount_opt);
	}
	if (covid_opt != NULL && (!parse_bool(covid_opt, &R.opts.covid_shift) || *covid_opt == '\0'))
		es_tool_usage_error("--covid-shift: '%s' is not yes or no", covid_opt);
	if (decl_opt != NULL && (es_decimal_parse(decl_opt, ES_PCT_SCALE, &R.opts.decl_choice, &err) != ES_OK ||
	                         R.opts.decl_choice < 0))
		es_tool_usage_error("--declaration-pct: '%s' is not a percentage", decl_opt);
	if (R.opts.channel != NULL) {
		es_cents cost;

		if (es_penalty_notification_cost(rules, R.opts.channel, R.opts.as_of, &cost, NULL, &err) != ES_OK)
			es_tool_die_err(&err);
	}
	if ((cal = es_rules_calendar_load(&err)) == NULL)
		es_tool_die_err(&err);
	R.opts.cal = cal;
	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);

	/* Input. */
	if (dues_path != NULL) {
		if ((rc = read_dues(&R, dues_path, &dues, &nd, &err)) != ES_OK ||
		    (rc = read_payments(&R, pays_path, &pays, &np, &err)) != ES_OK)
			goto fail;
	} else {
		if ((R.ledger = es_ledger_open(db_opt, R.post ? ES_LEDGER_WRITE : ES_LEDGER_READ, &err)) == NULL)
			es_tool_die_err(&err);
		if (R.post && (rc = es_ledger_run_begin(R.ledger, "assess", argc, argv, &err)) != ES_OK)
			goto fail;
		if ((rc = es_acts_read_dues(R.ledger, R.tax, R.year, &dues, &nd, &err)) != ES_OK ||
		    (rc = es_acts_read_payments(R.ledger, R.tax, R.year, &pays, &np, &err)) != ES_OK)
			goto fail;
		R.sum.read += nd + np;
	}
	if (units_path != NULL && (rc = read_units(&R, units_path, &surf, &ns, &err)) != ES_OK)
		goto fail;
	if (units_path == NULL && R.ledger != NULL && evasion_path != NULL && strcmp(R.tax, "TARI") == 0 &&
	    (rc = es_acts_read_surfaces(R.ledger, R.opts.as_of, &surf, &ns, &err)) != ES_OK)
		goto fail;

	/* Output. */
	if ((R.acts = open_writer(&R, "-", &acts_out, acts_header, ES_ARRAY_LEN(acts_header), &err)) == NULL ||
	    (details_path && (R.details = open_writer(&R, details_path, &details_out, details_header,
	                                              ES_ARRAY_LEN(details_header), &err)) == NULL) ||
	    (report_path && (R.report = open_writer(&R, report_path, &report_out, report_header,
	                                            ES_ARRAY_LEN(report_header), &err)) == NULL) ||
	    (evasion_path && (R.evasion = open_writer(&R, evasion_path, &evasion_out, evasion_header,
	                                              ES_ARRAY_LEN(evasion_header), &err)) == NULL)) {
		rc = err.rc ? err.rc : ES_EIO;
		goto fail;
	}
	if ((rc = assess_all(&R, dues, nd, pays, np, &err)) != ES_OK)
		goto fail;
	if (R.evasion != NULL && (rc = evasion(&R, dues, nd, pays, np, surf, ns, &err)) != ES_OK)
		goto fail;
	R.sum.written = R.sum.read - R.sum.rejected;
	writer_free(&R.acts);
	writer_free(&R.details);
	writer_free(&R.report);
	writer_free(&R.evasion);
	{
		es_out **outs[] = { &details_out, &report_out, &evasion_out, &acts_out };
		size_t k;

		/* es_out_close frees even when it reports an error. */
		for (k = 0; k < ES_ARRAY_LEN(outs); k++) {
			es_rc crc = es_out_close(*outs[k], &err);

			*outs[k] = NULL;
			if (crc != ES_OK && rc == ES_OK)
				rc = crc;
		}
		if (rc != ES_OK)
			goto fail;
	}
	if ((rc = es_rejects_close(R.rejects, &err)) != ES_OK) {
		R.rejects = NULL;
		goto fail;
	}
	R.rejects = NULL;
	if (R.post && (rc = es_ledger_run_commit(R.ledger, R.sum.read, R.sum.written, R.sum.rejected, &err)) != ES_OK)
		goto fail;
	es_tool_progress_done();
	es_summary_print(&R.sum);
	if (!es_diag_quiet())
		fprintf(stderr, "%s: acts %llu, reported %llu%s\n", es_diag_progname(), (unsigned long long)R.nacts,
		        (unsigned long long)R.nreported, R.evasion ? "" : "");
	if (!es_diag_quiet() && R.evasion != NULL)
		fprintf(stderr, "%s: evasion candidates %llu\n", es_diag_progname(), (unsigned long long)R.ncandidates);
	status = es_summary_exit_status(&R.sum);
	goto out;
fail:
	es_error("%s", err.msg[0] ? err.msg : "failed");
	if (R.ledger != NULL && R.post)
		es_ledger_run_abort(R.ledger, err.msg);
	writer_free(&R.acts);
	writer_free(&R.details);
	writer_free(&R.report);
	writer_free(&R.evasion);
	es_out_close(details_out, NULL);
	es_out_close(report_out, NULL);
	es_out_close(evasion_out, NULL);
	es_out_close(acts_out, NULL);
	if (R.rejects != NULL)
		es_rejects_close(R.rejects, NULL);
	status = es_rc_exit_status(rc);
	if (status == ES_EXIT_OK)
		status = ES_EXIT_FAILURE;
out:
	if (R.ledger != NULL)
		es_ledger_close(R.ledger);
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
