/* compute-dues: IMU and TARI dues of a year from the ledger, and (with
 * --post) the debt positions and pagoPA notices that collect them.
 * compute-dues(1); the law: shared/domain/cadastre-imu-tari.md §2-§4. */
#include "es_setup.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tool.h"
#include "ente.h"
#include "rules.h"
#include "io/csv.h"
#include "io/diag.h"
#include "io/stream.h"
#include "types/date.h"
#include "types/money.h"
#include "types/taxid.h"
#include "domain/imu.h"
#include "domain/tari.h"
#include "store/ledger.h"
#include "store/dues.h"

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

/* --- options and shared state --- */

typedef struct opts {
	const char *db, *tax, *rates, *residents, *reductions, *notices, *ente, *rejects;
	int year;
	bool post, explain, locale_it, saldo_rounded;
	char *const *files;
	int nfiles;
} opts;

typedef struct run {
	opts o;
	es_ledger *l;
	es_ente *ente;
	es_calendar *cal;
	es_csv_writer *w;
	es_out *out;
	es_rejects *rj;
	es_summary sum;
	es_dues_poster *poster;
	es_dues_side *side;
	es_cents min_amount;
	uint64_t below_min, taxpayers;
	es_cents total_due;
} run;

static void
fatal(run *r, const es_err *err)
{
	if (r->l != NULL && r->o.post)
		es_ledger_run_abort(r->l, err->msg);
	es_tool_die_err(err);
}

/* A rejected ledger row: the fields that name it, into --rejects. */
static void
reject(run *r, const char *source, uint64_t line, const char *msg, const char *const *hdr,
       const char *const *fields, size_t n)
{
	es_err err;

	if (es_rejects_add(r->rj, source, line, msg, hdr, n, fields, n, &err) != ES_OK)
		fatal(r, &err);
	r->sum.rejected++;
}

static es_rc
put_rate(es_csv_writer *w, int64_t rate, es_err *err)
{
	/* percent at scale 4, printed as in the rates file: 1.06, 0.7625 */
	if (rate % 100 == 0)
		return es_csv_put_decimal(w, rate / 100, 2, err);
	return es_csv_put_decimal(w, rate, 4, err);
}

static void
rate_text(int64_t rate, char *buf)
{
	if (rate % 100 == 0)
		es_decimal_format(rate / 100, 2, buf);
	else
		es_decimal_format(rate, 4, buf);
}

static es_date
due_day(run *r, int y, int m, int d)
{
	/* a term on a non-working day moves to the next working day
	 * (art. 7 c. 1 lett. h DL 70/2011) */
	return es_calendar_next_working_day(r->cal, es_date_from_ymd(y, m, d));
}

/* --- output rows --- */

/* One dues row before output: the dues stream columns and the explanation. */
typedef struct due_row {
	char tributo[8];
	char *unit_id;
	bool has_basis;
	es_cents basis;
	bool has_rate;
	int64_t rate;
	int months;               /* -1 none */
	char share[48];
	int installment;
	es_date due;
	es_cents amount;
	/* explanation */
	char *x_category, *x_multiplier, *x_use, *x_rate_source, *x_share_source, *x_reductions, *x_detail;
	const char *x_legal;
	/* F24 grouping */
	size_t seq;               /* creation order, the last sort key */
	int group_last;           /* this row closes its (installment, tributo) group */
	es_cents payable;
} due_row;

typedef struct rowvec {
	due_row *v;
	size_t n, cap;
} rowvec;

static void
rows_clear(rowvec *rv)
{
	size_t i;

	for (i = 0; i < rv->n; i++) {
		due_row *d = &rv->v[i];

		free(d->unit_id);
		free(d->x_category);
		free(d->x_multiplier);
		free(d->x_use);
		free(d->x_rate_source);
		free(d->x_share_source);
		free(d->x_reductions);
		free(d->x_detail);
	}
	rv->n = 0;
}

static due_row *
rows_add(run *r, rowvec *rv)
{
	if (rv->n == rv->cap) {
		size_t cap = rv->cap ? rv->cap * 2 : 16;
		due_row *v = realloc(rv->v, cap * sizeof *v);

		if (v == NULL)
			es_tool_die(ES_EXIT_FAILURE, "out of memory");
		rv->v = v;
		rv->cap = cap;
	}
	memset(&rv->v[rv->n], 0, sizeof rv->v[0]);
	rv->v[rv->n].months = -1;
	rv->v[rv->n].seq = rv->n;
	return &rv->v[rv->n++];
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s != NULL ? s : "");

	if (p == NULL)
		es_tool_die(ES_EXIT_FAILURE, "out of memory");
	return p;
}

static char *
xprintf(const char *fmt, ...) ES_PRINTF(1, 2);

static char *
xprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		es_tool_die(ES_EXIT_FAILURE, "out of memory");
	va_end(ap);
	return s;
}

static int
cmp_rows(const void *a, const void *b)
{
	const due_row *x = a, *y = b;
	int c;

	if (x->installment != y->installment)
		return x->installment < y->installment ? -1 : 1;
	if ((c = strcmp(x->tributo, y->tributo)) != 0)
		return c;
	if ((c = strcmp(x->unit_id, y->unit_id)) != 0)
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static const char *const dues_header[] = {
	"tax_code", "tax", "year", "tributo", "unit_id", "basis", "rate", "months", "share",
	"installment", "due_date", "amount_due", "amount_payable"
};
static const char *const explain_header[] = {
	"category", "multiplier", "use", "rate_source", "share_source", "reductions", "detail", "legal_ref"
};

static void
write_header(run *r)
{
	es_err err;
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(dues_header); i++)
		if (es_csv_put(r->w, dues_header[i], &err) != ES_OK)
			fatal(r, &err);
	for (i = 0; r->o.explain && i < ES_ARRAY_LEN(explain_header); i++)
		if (es_csv_put(r->w, explain_header[i], &err) != ES_OK)
			fatal(r, &err);
	if (es_csv_end_row(r->w, &err) != ES_OK)
		fatal(r, &err);
}

/* F24 lines: one per (installment, tributo) of the taxpayer, rounded to the
 * euro (L. 296/2006 c. 166); the amount is shown on the group's last row.
 * With --saldo rounded, the saldo's F24 line is the year's amount minus the
 * rounded acconto. */
static void
f24_group(run *r, rowvec *rv)
{
	size_t i, j;

	qsort(rv->v, rv->n, sizeof rv->v[0], cmp_rows);
	for (i = 0; i < rv->n; i = j) {
		es_cents s = 0;

		for (j = i; j < rv->n && rv->v[j].installment == rv->v[i].installment &&
		            strcmp(rv->v[j].tributo, rv->v[i].tributo) == 0; j++)
			s += rv->v[j].amount;
		if (r->o.saldo_rounded && rv->v[i].installment == 2) {
			/* annual = acconto + saldo per row; acconto rows come first */
			es_cents acc = 0, acc_pay = 0;
			size_t k;

			for (k = 0; k < rv->n; k++) {
				if (rv->v[k].installment == 1 && strcmp(rv->v[k].tributo, rv->v[i].tributo) == 0) {
					acc += rv->v[k].amount;
					if (rv->v[k].group_last)
						acc_pay = rv->v[k].payable;
				}
			}
			s = es_money_round_euro(s + acc - acc_pay);
		} else {
			s = es_money_round_euro(s);
		}
		if (s < 0)
			s = 0;
		rv->v[j - 1].group_last = 1;
		rv->v[j - 1].payable = s;
	}
}

static void
emit_rows(run *r, const char *tax_code, const char *tax, rowvec *rv, bool below_min)
{
	char year[16], sh[48];
	es_err err;
	size_t i;

	snprintf(year, sizeof year, "%d", r->o.year);
	for (i = 0; i < rv->n; i++) {
		due_row *d = &rv->v[i];
		es_rc rc = ES_OK;

		if (below_min && !r->o.explain)
			continue;
		snprintf(sh, sizeof sh, "%s", d->share);
		if ((rc = es_csv_put(r->w, tax_code, &err)) != ES_OK || (rc = es_csv_put(r->w, tax, &err)) != ES_OK ||
		    (rc = es_csv_put(r->w, year, &err)) != ES_OK || (rc = es_csv_put(r->w, d->tributo, &err)) != ES_OK ||
		    (rc = es_csv_put(r->w, d->unit_id, &err)) != ES_OK)
			fatal(r, &err);
		rc = d->has_basis ? es_csv_put_money(r->w, d->basis, &err) : es_csv_put(r->w, "", &err);
		if (rc == ES_OK)
			rc = d->has_rate ? put_rate(r->w, d->rate, &err) : es_csv_put(r->w, "", &err);
		if (rc == ES_OK)
			rc = d->months >= 0 ? es_csv_put_int(r->w, d->months, &err) : es_csv_put(r->w, "", &err);
		if (rc == ES_OK)
			rc = es_csv_put(r->w, sh, &err);
		if (rc == ES_OK)
			rc = es_csv_put_int(r->w, d->installment, &err);
		if (rc == ES_OK)
			rc = es_csv_put_date(r->w, d->due, &err);
		if (rc == ES_OK)
			rc = es_csv_put_money(r->w, below_min ? 0 : d->amount, &err);
		if (rc == ES_OK)
			rc = d->group_last ? es_csv_put_money(r->w, below_min ? 0 : d->payable, &err)
			                   : es_csv_put(r->w, "", &err);
		if (rc == ES_OK && r->o.explain) {
			const char *x[8] = { d->x_category, d->x_multiplier, d->x_use, d->x_rate_source,
			                     d->x_share_source, d->x_reductions, d->x_detail, d->x_legal };
			size_t k;

			if (below_min)
				x[6] = "below the minimum amount: nothing due (L. 296/2006 c. 168)";
			for (k = 0; k < 8 && rc == ES_OK; k++)
				rc = es_csv_put(r->w, x[k] != NULL ? x[k] : "", &err);
		}
		if (rc == ES_OK)
			rc = es_csv_end_row(r->w, &err);
		if (rc != ES_OK)
			fatal(r, &err);
	}
	if (r->poster != NULL && !below_min) {
		for (i = 0; i < rv->n; i++) {
			due_row *d = &rv->v[i];
			char ratebuf[32];
			es_dues_line ln = {
				.tax_code = tax_code, .tax = tax, .year = r->o.year, .unit_id = d->unit_id,
				.tributo = d->tributo, .installment = d->installment, .due_date = d->due,
				.has_basis = d->has_basis, .basis = d->basis, .rate = NULL, .months = d->months,
				.share = d->share, .amount_due = d->amount,
			};

			if (d->has_rate) {
				rate_text(d->rate, ratebuf);
				ln.rate = ratebuf;
			}
			if (es_dues_post_line(r->poster, &ln, &err) != ES_OK)
				fatal(r, &err);
		}
	}
}

/* Close one taxpayer: minimum amount, F24 grouping, output, posting. */
static void
finish_taxpayer(run *r, const char *tax_code, const char *tax, rowvec *rv)
{
	es_cents annual = 0;
	bool below;
	size_t i;

	if (rv->n == 0)
		return;
	for (i = 0; i < rv->n; i++)
		annual += rv->v[i].amount;
	r->taxpayers++;
	/* The minimum applies to the year's amount (cadastre-imu-tari.md §2.5, §4). */
	below = annual < r->min_amount;
	if (below)
		r->below_min++;
	else
		r->total_due += annual;
	f24_group(r, rv);
	emit_rows(r, tax_code, tax, rv, below);
	rows_clear(rv);
}

/* --- IMU --- */

typedef struct rate_row {
	int year;
	es_imu_use use;
	char **cats;              /* NULL-terminated, normalised; NULL = any */
	int64_t rate;             /* percent scale 4 */
	bool has_detraction;
	es_cents detraction;
	uint64_t line;
} rate_row;

typedef struct rates {
	rate_row *v;
	size_t n;
	const char *path;
} rates;

static bool
cats_overlap(char **a, char **b)
{
	size_t i, j;

	if (a == NULL || b == NULL)
		return a == NULL && b == NULL;
	for (i = 0; a[i] != NULL; i++)
		for (j = 0; b[j] != NULL; j++)
			if (strcmp(a[i], b[j]) == 0)
				return true;
	return false;
}

static es_rc
rates_load(rates *rt, const char *path, es_err *err)
{
	static const char *const cols[] = { "year", "use", "rate" };
	es_table *t = es_table_load_path(path, false, err);
	size_t i, j;

	rt->path = path;
	if (t == NULL)
		return ES_ECONFIG;
	if (es_table_require(t, cols, ES_ARRAY_LEN(cols), err) != ES_OK)
		goto bad;
	rt->n = es_table_nrows(t);
	rt->v = calloc(rt->n + 1, sizeof *rt->v);
	if (rt->v == NULL)
		es_tool_die(ES_EXIT_FAILURE, "out of memory");
	for (i = 0; i < rt->n; i++) {
		rate_row *rr = &rt->v[i];
		const char *use = es_table_get(t, i, "use");
		const char *cats = es_table_get(t, i, "categories");
		int64_t y;

		rr->line = es_table_line(t, i);
		if (es_table_int(t, i, "year", &y, err) != ES_OK)
			goto bad;
		rr->year = (int)y;
		rr->use = es_imu_use_parse(use);
		if (rr->use == ES_IMU_USE_NONE) {
			es_err_set(err, ES_ECONFIG, "%s:%llu: use: '%s' is not main_home, other_buildings, group_d, "
			           "rural_instrumental, land or building_land", path, (unsigned long long)rr->line, use);
			goto bad;
		}
		if (es_table_decimal(t, i, "rate", 4, &rr->rate, err) != ES_OK)
			goto bad;
		if (rr->rate < 0) {
			es_err_set(err, ES_ECONFIG, "%s:%llu: rate: negative", path, (unsigned long long)rr->line);
			goto bad;
		}
		if (*es_table_get(t, i, "detraction") != '\0') {
			if (es_table_money(t, i, "detraction", &rr->detraction, err) != ES_OK)
				goto bad;
			rr->has_detraction = true;
		}
		if (*cats != '\0') {
			char *copy = xstrdup(cats), *tok, *p;
			size_t nc = 0;

			rr->cats = calloc(strlen(cats) + 2, sizeof *rr->cats);
			if (rr->cats == NULL)
				es_tool_die(ES_EXIT_FAILURE, "out of memory");
			/* categories separated by blanks or ';' ("C/1 C/3") */
			for (p = copy; *p != '\0';) {
				char c[ES_IMU_CATBUFSZ];

				while (*p == ' ' || *p == ';')
					p++;
				if (*p == '\0')
					break;
				tok = p;
				while (*p != '\0' && *p != ' ' && *p != ';')
					p++;
				if (*p != '\0')
					*p++ = '\0';
				if (es_imu_category_normalise(tok, c, NULL) != ES_OK) {
					es_err_set(err, ES_ECONFIG, "%s:%llu: categories: '%s' is not a category (e.g. C/1)",
					           path, (unsigned long long)rr->line, tok);
					free(copy);
					goto bad;
				}
				rr->cats[nc++] = xstrdup(c);
			}
			free(copy);
		}
		for (j = 0; j < i; j++) {
			if (rt->v[j].year == rr->year && rt->v[j].use == rr->use && cats_overlap(rt->v[j].cats, rr->cats)) {
				es_err_set(err, ES_ECONFIG, "%s:%llu: a second rate for %d %s%s (first on line %llu)",
				           path, (unsigned long long)rr->line, rr->year, use,
				           rr->cats != NULL ? " and these categories" : "", (unsigned long long)rt->v[j].line);
				goto bad;
			}
		}
	}
	es_table_free(t);
	return ES_OK;
bad:
	if (err != NULL)
		err->rc = ES_ECONFIG;
	es_table_free(t);
	return ES_ECONFIG;
}

/* The rate row for (year, use, category): one naming the category wins over
 * the general one. */
static const rate_row *
rate_find(const rates *rt, int year, es_imu_use use, const char *cat)
{
	const rate_row *general = NULL;
	size_t i, k;

	for (i = 0; i < rt->n; i++) {
		const rate_row *rr = &rt->v[i];

		if (rr->year != year || rr->use != use)
			continue;
		if (rr->cats == NULL) {
			general = rr;
			continue;
		}
		for (k = 0; cat != NULL && rr->cats[k] != NULL; k++)
			if (strcmp(rr->cats[k], cat) == 0)
				return rr;
	}
	return general;
}

static const rate_row *
rate_need(run *r, const rates *rt, int year, es_imu_use use, const char *cat, const char *unit_id)
{
	const rate_row *rr = rate_find(rt, year, use, cat);
	es_err err;

	if (rr == NULL) {
		es_err_set(&err, ES_ECONFIG, "%s: no rate for year %d, use %s%s%s (needed by unit %s)", rt->path, year,
		           es_imu_use_name(use), cat != NULL ? ", category " : "", cat != NULL ? cat : "", unit_id);
		fatal(r, &err);
	}
	return rr;
}

/* A holding of the taxpayer being computed, copied out of the reader. */
/* Residence periods of one holder in one unit in a year. */
#define ES_MAX_RESIDENCES 16

typedef struct holding {
	int64_t title_id;
	char *unit_id, *subject_id, *right_code, *category_raw;
	char category[ES_IMU_CATBUFSZ];
	char kind;
	int64_t share_num, share_den;
	bool share_fallback;
	es_date from, to;
	bool has_situation, has_rendita, has_rd;
	es_cents rendita, rd;
	char *partita;
	char *share_rule;
	char *bad;                /* why the ledger row is unusable, or NULL */
	/* computed */
	bool skip;                /* rejected or not taxed */
	uint16_t possessed, residence, mainhome, notmain;
	int pert_class;
	bool pert_main, luxury;
	es_cents base;
	int64_t multiplier;
} holding;

typedef struct holdvec {
	holding *v;
	size_t n, cap;
} holdvec;

static void
holds_clear(holdvec *hv)
{
	size_t i;

	for (i = 0; i < hv->n; i++) {
		free(hv->v[i].unit_id);
		free(hv->v[i].subject_id);
		free(hv->v[i].right_code);
		free(hv->v[i].category_raw);
		free(hv->v[i].partita);
		free(hv->v[i].bad);
		free(hv->v[i].share_rule);
	}
	hv->n = 0;
}

static void
holds_add(holdvec *hv, const es_dues_holding *h, const char *bad)
{
	holding *x;

	if (hv->n == hv->cap) {
		size_t cap = hv->cap ? hv->cap * 2 : 8;
		holding *v = realloc(hv->v, cap * sizeof *v);

		if (v == NULL)
			es_tool_die(ES_EXIT_FAILURE, "out of memory");
		hv->v = v;
		hv->cap = cap;
	}
	x = &hv->v[hv->n++];
	memset(x, 0, sizeof *x);
	x->title_id = h->title_id;
	x->unit_id = xstrdup(h->unit_id);
	x->subject_id = xstrdup(h->subject_id);
	x->right_code = xstrdup(h->right_code);
	x->category_raw = xstrdup(h->category);
	x->partita = xstrdup(h->partita);
	x->kind = h->kind;
	x->share_num = h->share_known ? h->share_num : 0;
	x->share_den = h->share_known ? h->share_den : 0;
	x->from = h->valid_from;
	x->to = h->valid_to;
	x->has_situation = h->has_situation;
	x->has_rendita = h->has_rendita;
	x->rendita = h->rendita;
	x->has_rd = h->has_rd;
	x->rd = h->reddito_dominicale;
	x->bad = bad != NULL ? xstrdup(bad) : NULL;
	x->share_rule = xstrdup(h->share_rule);
}

static const char *const title_hdr[] = { "title_id", "unit_id", "subject_id", "tax_code", "right_code", "category" };

static void
reject_holding(run *r, const char *tax_code, holding *h, const char *fmt, ...) ES_PRINTF(4, 5);

static void
reject_holding(run *r, const char *tax_code, holding *h, const char *fmt, ...)
{
	char msg[512], id[32];
	va_list ap;
	const char *f[6];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(id, sizeof id, "%lld", (long long)h->title_id);
	f[0] = id;
	f[1] = h->unit_id;
	f[2] = h->subject_id;
	f[3] = tax_code;
	f[4] = h->right_code;
	f[5] = h->category_raw;
	reject(r, "titles", (uint64_t)h->title_id, msg, title_hdr, f, 6);
	h->skip = true;
}

/* Partite speciali not taxed (cadastre-imu-tari.md §1.9): BCNC "A" and
 * suppressed "C" in the Catasto Fabbricati, 0-5 in the Catasto Terreni. */
static bool
special_partita(const holding *h)
{
	if (h->kind == 'F')
		return strcmp(h->partita, "A") == 0 || strcmp(h->partita, "C") == 0;
	return h->partita[0] != '\0' && h->partita[1] == '\0' && h->partita[0] >= '0' && h->partita[0] <= '5';
}

typedef struct imu_ctx {
	es_imu_rules *rules;
	es_imu_params p, pp;      /* this year's and last year's */
	rates rt;
	bool have_residents, have_reductions;
	const char *tributo_none;
} imu_ctx;

static void
describe_reductions(const es_imu_reductions *red, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s%s%s", red->historic ? "historic (c. 747 a) " : "", red->unfit ? "unfit (c. 747 b) " : "",
	         red->lent ? "lent (c. 747 c) " : "", red->concordato ? "concordato (c. 760) " : "");
	if (buf[0] != '\0')
		buf[strlen(buf) - 1] = '\0';
}

/* Lines of one holding for one use over months M. */
static void
imu_lines(run *r, imu_ctx *c, const char *tax_code, holding *h, es_imu_use use, uint16_t M,
          const es_imu_reductions *red, rowvec *rv, es_cents *mh_annual, es_cents *mh_acconto)
{
	const rate_row *cur, *prev;
	const char *cat = h->kind == 'F' ? h->category : NULL;
	int parts[2], nparts = 1, k;
	es_err err;
	char redbuf[128], mult[32];
	uint16_t H1 = M & ES_IMU_FIRST_HALF;
	int64_t f_all = es_imu_factor_sum(M, red, &c->p), f_h1 = es_imu_factor_sum(H1, red, &c->pp);

	cur = rate_need(r, &c->rt, r->o.year, use, cat, h->unit_id);
	prev = H1 != 0 ? rate_need(r, &c->rt, r->o.year - 1, use, cat, h->unit_id) : NULL;
	parts[0] = ES_IMU_PART_ALL;
	if (use == ES_IMU_USE_GROUP_D) {
		parts[0] = ES_IMU_PART_STATE;
		parts[1] = ES_IMU_PART_COMUNE;
		nparts = 2;
		if (cur->rate < c->p.state_rate_d || (prev != NULL && prev->rate < c->pp.state_rate_d)) {
			es_err_set(&err, ES_ECONFIG, "%s:%llu: group_d rate below the State's reserved 0.76%% (c. 753)",
			           c->rt.path, (unsigned long long)(prev != NULL && prev->rate < c->pp.state_rate_d ?
			                                            prev->line : cur->line));
			fatal(r, &err);
		}
	}
	describe_reductions(red, redbuf, sizeof redbuf);
	if (h->kind == 'F')
		snprintf(mult, sizeof mult, "%lld", (long long)h->multiplier);
	else
		snprintf(mult, sizeof mult, "%lld", (long long)c->p.land_multiplier);
	for (k = 0; k < nparts; k++) {
		es_imu_part part = (es_imu_part)parts[k];
		const char *trib = es_imu_tributo(c->rules, use, part);
		int64_t rc_cur = cur->rate, rc_prev = prev != NULL ? prev->rate : 0;
		es_cents annual, acconto = 0;
		int inst;

		if (trib == NULL) {
			es_err_set(&err, ES_ECONFIG, "imu_codici_tributo: no code for use %s", es_imu_use_name(use));
			fatal(r, &err);
		}
		if (part == ES_IMU_PART_STATE) {
			rc_cur = c->p.state_rate_d;
			rc_prev = c->pp.state_rate_d;
		} else if (part == ES_IMU_PART_COMUNE) {
			rc_cur -= c->p.state_rate_d;
			rc_prev -= c->pp.state_rate_d;
		}
		if (es_imu_tax(h->base, rc_cur, h->share_num, h->share_den, f_all, &annual, &err) != ES_OK ||
		    (H1 != 0 && es_imu_tax(h->base, rc_prev, h->share_num, h->share_den, f_h1, &acconto, &err) != ES_OK)) {
			reject_holding(r, tax_code, h, "%s", err.msg);
			return;
		}
		if (part == ES_IMU_PART_COMUNE && rc_cur == 0 && (H1 == 0 || rc_prev == 0))
			continue;   /* the comune keeps the State's 0.76 %: no 3930 line */
		if (use == ES_IMU_USE_MAIN_HOME) {
			*mh_annual += annual;
			*mh_acconto += acconto;
		}
		for (inst = 1; inst <= 2; inst++) {
			due_row *d;

			if (inst == 1 && H1 == 0)
				continue;
			d = rows_add(r, rv);
			snprintf(d->tributo, sizeof d->tributo, "%s", trib);
			d->unit_id = xstrdup(h->unit_id);
			d->has_basis = true;
			d->basis = h->base;
			d->has_rate = true;
			d->rate = inst == 1 ? rc_prev : rc_cur;
			d->months = es_imu_mask_count(inst == 1 ? H1 : M);
			snprintf(d->share, sizeof d->share, "%lld/%lld", (long long)h->share_num, (long long)h->share_den);
			d->installment = inst;
			d->due = inst == 1 ? due_day(r, r->o.year, c->p.acconto_month, c->p.acconto_day)
			                   : due_day(r, r->o.year, c->p.saldo_month, c->p.saldo_day);
			d->amount = inst == 1 ? acconto : annual - acconto;
			if (r->o.explain) {
				const rate_row *rr = inst == 1 ? prev : cur;

				d->x_category = xstrdup(h->kind == 'F' ? h->category : "land");
				d->x_multiplier = xstrdup(mult);
				d->x_use = xprintf("%s%s", es_imu_use_name(use),
				                   part == ES_IMU_PART_STATE ? " (State)" :
				                   part == ES_IMU_PART_COMUNE ? " (comune)" : "");
				d->x_rate_source = xprintf("%s:%llu", c->rt.path, (unsigned long long)rr->line);
				d->x_share_source = h->share_fallback
				    ? xstrdup("fallback: 0/0 share, what the other holders leave split equally (§1.9)")
				    : h->share_rule[0] != '\0' && strcmp(h->share_rule, "file") != 0
				    ? xprintf("import-cadastre: %s (the file has 0/0)", h->share_rule)
				    : xstrdup("title");
				d->x_reductions = xstrdup(redbuf);
				{
					char ab[ES_MONEY_BUFSZ], cb[ES_MONEY_BUFSZ];

					es_money_format(annual, ES_MONEY_PLAIN, ab);
					es_money_format(acconto, ES_MONEY_PLAIN, cb);
					d->x_detail = inst == 1
					    ? xprintf("acconto: %d months of January-June at the %d rate", d->months,
					              r->o.year - 1)
					    : xprintf("saldo: tax of the year %s (%d months at the %d rate) minus acconto %s",
					              ab, d->months, r->o.year, cb);
				}
				d->x_legal = use == ES_IMU_USE_LAND ? "L. 160/2019 c. 746, 761, 762"
				                                    : use == ES_IMU_USE_GROUP_D ? "L. 160/2019 c. 745, 753, 761, 762"
				                                    : use == ES_IMU_USE_MAIN_HOME ? "L. 160/2019 c. 745, 748, 749, 761, 762"
				                                    : "L. 160/2019 c. 745, 761, 762";
			}
		}
	}
}

/* The main-home deduction (c. 749) of the taxpayer, taken off the 3912 rows
 * in order until it is used up; it never makes the tax negative. */
static void
apply_deduction(rowvec *rv, int inst, es_cents ded, const char *tributo)
{
	size_t i;

	for (i = 0; i < rv->n && ded > 0; i++) {
		due_row *d = &rv->v[i];
		es_cents take;

		if (d->installment != inst || strcmp(d->tributo, tributo) != 0)
			continue;
		take = d->amount < ded ? d->amount : ded;
		if (take <= 0)
			continue;
		d->amount -= take;
		ded -= take;
		if (d->x_detail != NULL) {
			char buf[ES_MONEY_BUFSZ], *s;

			s = xprintf("%s; main-home deduction %s", d->x_detail, es_money_format(take, ES_MONEY_PLAIN, buf));
			free(d->x_detail);
			d->x_detail = s;
		}
	}
}

/* Last year's deduction was larger than this year's: the saldo gives
 * back the difference. */
static void
add_to_first(rowvec *rv, int inst, es_cents amount, const char *tributo)
{
	size_t i;

	for (i = 0; i < rv->n; i++) {
		if (rv->v[i].installment == inst && strcmp(rv->v[i].tributo, tributo) == 0) {
			rv->v[i].amount += amount;
			return;
		}
	}
}

static void
imu_taxpayer(run *r, imu_ctx *c, const char *tax_code, holdvec *hv, rowvec *rv)
{
	es_err err;
	size_t i, j;
	uint16_t mh_union = 0;
	bool mh_luxury = false;
	es_cents ded_annual = 0, ded_acconto = 0, mh_annual = 0, mh_acconto = 0;
	const char *t3912 = es_imu_tributo(c->rules, ES_IMU_USE_MAIN_HOME, ES_IMU_PART_ALL);

	/* 1. Classify every holding: right, unit, base, share, months. */
	for (i = 0; i < hv->n; i++) {
		holding *h = &hv->v[i];
		es_imu_right right;

		r->sum.read++;
		if (h->bad != NULL) {
			reject_holding(r, tax_code, h, "unit %s: %s", h->unit_id, h->bad);
			continue;
		}
		if (tax_code[0] == '\0') {
			reject_holding(r, tax_code, h, "subject %s has no tax code", h->subject_id);
			continue;
		}
		/* A position under a code that fails its check could be neither
		 * notified nor matched to a payment: manual review. */
		if (es_taxid_classify(tax_code) == ES_TAXID_INVALID) {
			reject_holding(r, tax_code, h, "subject %s: tax code '%s' is not a valid codice fiscale or "
			               "partita IVA", h->subject_id, tax_code);
			continue;
		}
		if (es_imu_right_lookup(c->rules, h->right_code, &right, &err) != ES_OK) {
			reject_holding(r, tax_code, h, "unit %s: %s", h->unit_id, err.msg);
			continue;
		}
		if (right == ES_IMU_RIGHT_REVIEW) {
			reject_holding(r, tax_code, h, "unit %s: right code '%s' needs manual review (title not coded)",
			               h->unit_id, h->right_code);
			continue;
		}
		h->possessed = es_imu_months(h->from, h->to, r->o.year);
		if (right == ES_IMU_RIGHT_NOT_TAXABLE || h->possessed == 0 || special_partita(h)) {
			h->skip = true;
			r->sum.written++;
			continue;
		}
		if (h->kind == 'T') {
			if (!h->has_situation || !h->has_rd) {
				reject_holding(r, tax_code, h, "land parcel %s has no reddito dominicale for %d", h->unit_id,
				               r->o.year);
				continue;
			}
			if (es_imu_base_land(h->rd, c->p.land_revaluation, c->p.land_multiplier, &h->base, &err) != ES_OK) {
				reject_holding(r, tax_code, h, "unit %s: %s", h->unit_id, err.msg);
				continue;
			}
		} else {
			if (!h->has_situation || h->category_raw[0] == '\0') {
				reject_holding(r, tax_code, h, "unit %s has no category in force in %d", h->unit_id, r->o.year);
				continue;
			}
			if (es_imu_category_normalise(h->category_raw, h->category, &err) != ES_OK) {
				reject_holding(r, tax_code, h, "unit %s: %s", h->unit_id, err.msg);
				continue;
			}
			if (h->category[0] == 'F') {
				reject_holding(r, tax_code, h, "unit %s: category %s has no rendita: %s", h->unit_id,
				               h->category, strcmp(h->category, "F/2") == 0
				               ? "collabente, not taxed as a building (check the area)"
				               : "taxed as an area fabbricabile on its market value, which the ledger does not hold");
				continue;
			}
			if (es_imu_multiplier(c->rules, h->category, r->o.year, &h->multiplier, &err) != ES_OK) {
				reject_holding(r, tax_code, h, "unit %s: %s", h->unit_id, err.msg);
				continue;
			}
			if (h->multiplier == 0) {     /* exempt (group E) */
				h->skip = true;
				r->sum.written++;
				continue;
			}
			if (!h->has_rendita) {
				reject_holding(r, tax_code, h, "unit %s (%s) has no rendita", h->unit_id, h->category);
				continue;
			}
			if (es_imu_base_building(h->rendita, c->p.revaluation, h->multiplier, &h->base, &err) != ES_OK) {
				reject_holding(r, tax_code, h, "unit %s: %s", h->unit_id, err.msg);
				continue;
			}
		}
		if (h->share_den == 0) {
			int n;
			int64_t kn, kd;

			if (es_dues_share_peers(r->side, h->unit_id, h->right_code, r->o.year, &n, &kn, &kd, &err) != ES_OK)
				fatal(r, &err);
			if (n < 1 || kn >= kd) {
				reject_holding(r, tax_code, h, "unit %s: share 0/0 and the other holders of right '%s' "
				               "already hold the whole", h->unit_id, h->right_code);
				continue;
			}
			/* (1 - known) / n */
			h->share_num = kd - kn;
			h->share_den = kd * n;
			h->share_fallback = true;
			es_warn("unit %s, subject %s: share 0/0, fallback %lld/%lld (1/%d of what the other holders "
			        "leave)", h->unit_id, h->subject_id, (long long)h->share_num, (long long)h->share_den, n);
		}
		if (h->share_num > h->share_den) {
			reject_holding(r, tax_code, h, "unit %s: share %lld/%lld is more than 1", h->unit_id,
			               (long long)h->share_num, (long long)h->share_den);
			continue;
		}
		h->notmain = h->possessed;
		if (c->have_residents && h->kind == 'F') {
			es_date rf[ES_MAX_RESIDENCES], rt[ES_MAX_RESIDENCES];
			size_t nr;

			if (es_dues_residence_intervals(r->side, tax_code, h->unit_id, rf, rt, ES_MAX_RESIDENCES, &nr,
			                                &err) != ES_OK)
				fatal(r, &err);
			if (nr > ES_MAX_RESIDENCES) {
				reject_holding(r, tax_code, h, "unit %s: more than %d residence periods of %s", h->unit_id,
				               ES_MAX_RESIDENCES, tax_code);
				continue;
			}
			/* c. 761 on each part: main home and not (§2.4) */
			es_imu_months_split(h->from, h->to, rf, rt, nr, r->o.year, &h->residence, &h->notmain);
		}
		if (h->kind == 'F' && es_imu_category_dwelling(h->category)) {
			h->mainhome = h->residence;
			h->luxury = es_imu_category_luxury(h->category);
			mh_union |= h->mainhome;
			if (h->mainhome && h->luxury)
				mh_luxury = true;
		}
		if (h->kind == 'F')
			h->pert_class = es_imu_pertinence_class(h->category);
	}
	/* 2. Pertinenze (c. 741 b): at most one each of C/2, C/6, C/7 — those the
	 * residents file names first, else the one with the highest rendita. */
	if (mh_union != 0) {
		for (j = 2; j <= 7; j++) {
			holding *best = NULL;
			bool declared = false;

			if (j != 2 && j != 6 && j != 7)
				continue;
			for (i = 0; i < hv->n; i++) {
				holding *h = &hv->v[i];
				bool decl;

				if (h->skip || h->pert_class != (int)j)
					continue;
				decl = h->residence != 0;
				if (best == NULL || (decl && !declared) ||
				    (decl == declared && (h->rendita > best->rendita ||
				                          (h->rendita == best->rendita && strcmp(h->unit_id, best->unit_id) < 0)))) {
					best = h;
					declared = decl;
				}
			}
			if (best != NULL) {
				best->pert_main = true;
				if (declared) {
					best->mainhome = best->residence;
				} else {
					/* it follows the dwelling's main-home months */
					best->mainhome = mh_union & best->possessed;
					best->notmain = best->possessed & (uint16_t)~best->mainhome;
				}
				best->luxury = mh_luxury;
			}
		}
	}
	/* 3. Lines. */
	for (i = 0; i < hv->n; i++) {
		holding *h = &hv->v[i];
		es_imu_reductions red = { 0, 0, 0, 0 };
		uint16_t other;
		es_imu_use use;

		if (h->skip)
			continue;
		if (c->have_reductions) {
			uint16_t m[4];

			if (es_dues_reduction_months(r->side, h->unit_id, tax_code, r->o.year, m, &err) != ES_OK)
				fatal(r, &err);
			red.historic = m[0];
			red.unfit = m[1];
			red.lent = m[2];
			red.concordato = m[3];
		}
		use = h->kind == 'T' ? ES_IMU_USE_LAND : es_imu_use_for_category(h->category);
		if (h->kind == 'F' && (es_imu_category_dwelling(h->category) || h->pert_main)) {
			other = h->notmain;
			if (h->mainhome != 0 && h->luxury) {
				imu_lines(r, c, tax_code, h, ES_IMU_USE_MAIN_HOME, h->mainhome, &red, rv, &mh_annual,
				          &mh_acconto);
				if (!h->pert_main && !h->skip) {
					es_cents d;
					es_imu_params *pp = &c->pp;
					const rate_row *cr = rate_need(r, &c->rt, r->o.year, ES_IMU_USE_MAIN_HOME, h->category,
					                               h->unit_id);
					const rate_row *pr = (h->mainhome & ES_IMU_FIRST_HALF)
					    ? rate_need(r, &c->rt, r->o.year - 1, ES_IMU_USE_MAIN_HOME, h->category, h->unit_id)
					    : NULL;

					if (es_imu_deduction(cr->has_detraction ? cr->detraction : c->p.main_home_deduction,
					                     h->share_num, h->share_den, es_imu_mask_count(h->mainhome), &d,
					                     &err) == ES_OK)
						ded_annual += d;
					if (pr != NULL &&
					    es_imu_deduction(pr->has_detraction ? pr->detraction : pp->main_home_deduction,
					                     h->share_num, h->share_den,
					                     es_imu_mask_count(h->mainhome & ES_IMU_FIRST_HALF), &d, &err) == ES_OK)
						ded_acconto += d;
				}
			}
			/* non-luxury main home and its pertinenze: exempt (c. 740) */
		} else {
			other = h->possessed;
		}
		if (other != 0 && !h->skip)
			imu_lines(r, c, tax_code, h, use, other, &red, rv, &mh_annual, &mh_acconto);
		if (!h->skip)
			r->sum.written++;
	}
	/* 4. The deduction (c. 749): the acconto takes last year's, capped at
	 * the acconto's main-home tax; the year's, capped at the year's tax,
	 * leaves the saldo as (tax - deduction) - (acconto - its deduction). */
	if (ded_annual > 0 || ded_acconto > 0) {
		es_cents diff;

		if (ded_acconto > mh_acconto)
			ded_acconto = mh_acconto;
		if (ded_annual > mh_annual)
			ded_annual = mh_annual;
		apply_deduction(rv, 1, ded_acconto, t3912);
		diff = ded_annual - ded_acconto;
		if (diff > 0)
			apply_deduction(rv, 2, diff, t3912);
		else if (diff < 0)
			add_to_first(rv, 2, -diff, t3912);
	}
	finish_taxpayer(r, tax_code, "IMU", rv);
}

static void
load_residents(run *r, const char *path)
{
	static const char *const cols[] = { "tax_code", "unit_id", "from", "to" };
	es_csv_reader *rd;
	es_csv_row *row;
	int idx[4];
	es_err err;
	es_rc rc;

	if (es_dues_residents_begin(r->side, &err) != ES_OK)
		fatal(r, &err);
	rd = es_csv_reader_open(path, NULL, &err);
	if (rd == NULL)
		fatal(r, &err);
	if (es_csv_require(rd, cols, idx, 4, &err) != ES_OK) {
		err.rc = ES_ECONFIG;
		es_err_prefix(&err, "%s", path);
		fatal(r, &err);
	}
	while ((rc = es_csv_next(rd, &row, &err)) != ES_EOF) {
		es_date from, to;
		char tc[20];

		r->sum.read++;
		if (rc == ES_OK) {
			es_taxid_normalise(es_csv_get(row, idx[0]), tc, sizeof tc);
			if (tc[0] == '\0' || *es_csv_get(row, idx[1]) == '\0') {
				rc = es_err_set(&err, ES_EDATA, "tax_code and unit_id are required");
			} else if (es_date_parse(es_csv_get(row, idx[2]), ES_DATE_ANY, &from, &err) != ES_OK) {
				rc = ES_EDATA;
				es_err_prefix(&err, "from");
			} else if (es_date_parse(es_csv_get(row, idx[3]), ES_DATE_ANY, &to, &err) != ES_OK) {
				rc = ES_EDATA;
				es_err_prefix(&err, "to");
			} else if (from != ES_DATE_NONE && to != ES_DATE_NONE && to <= from) {
				rc = es_err_set(&err, ES_EDATA, "to is not after from");
			} else {
				if (es_dues_residents_add(r->side, tc, es_csv_get(row, idx[1]), from, to, &err) != ES_OK)
					fatal(r, &err);
				r->sum.written++;
				continue;
			}
		}
		if (rc != ES_EDATA)
			fatal(r, &err);
		if (es_rejects_add(r->rj, es_csv_source(rd), row->line, err.msg, es_csv_header(rd), es_csv_ncols(rd),
		                   (const char *const *)row->fields, row->nfields, &err) != ES_OK)
			fatal(r, &err);
		r->sum.rejected++;
	}
	es_csv_reader_close(rd);
}

/* --notices: the numbers of notices already issued (by a previous
 * collection system, or esattore-synth) for this tax and year, which
 * --post gives to those installments instead of new ones.  Rows of other
 * taxes or years and rows without a number are read and left aside. */
static void
load_notices(run *r, const char *path, const char *tax)
{
	static const char *const cols[] = { "tax_code", "tax", "year", "installment", "notice_number" };
	es_csv_reader *rd;
	es_csv_row *row;
	int idx[5];
	uint64_t other = 0;
	es_err err;
	es_rc rc;

	rd = es_csv_reader_open(path, NULL, &err);
	if (rd == NULL)
		fatal(r, &err);
	if (es_csv_require(rd, cols, idx, 5, &err) != ES_OK) {
		err.rc = ES_ECONFIG;
		es_err_prefix(&err, "%s", path);
		fatal(r, &err);
	}
	while ((rc = es_csv_next(rd, &row, &err)) != ES_EOF) {
		int64_t year, inst;
		char tc[20];

		r->sum.read++;
		if (rc == ES_OK) {
			const char *t = es_csv_get(row, idx[1]), *nav = es_csv_get(row, idx[4]);

			es_taxid_normalise(es_csv_get(row, idx[0]), tc, sizeof tc);
			if (es_decimal_parse(es_csv_get(row, idx[2]), 0, &year, &err) != ES_OK) {
				rc = ES_EDATA;
				es_err_prefix(&err, "year");
			} else if (strcasecmp(t, tax) != 0 || year != r->o.year || *nav == '\0') {
				other++;
				r->sum.written++;
				continue;
			} else if (tc[0] == '\0') {
				rc = es_err_set(&err, ES_EDATA, "tax_code is required");
			} else if (es_decimal_parse(es_csv_get(row, idx[3]), 0, &inst, &err) != ES_OK ||
			           inst < 0 || inst > 99) {
				rc = es_err_set(&err, ES_EDATA, "installment: '%s' is not 0..99", es_csv_get(row, idx[3]));
			} else if ((rc = es_dues_issued_add(r->poster, tc, (int)inst, nav, &err)) == ES_OK) {
				r->sum.written++;
				continue;
			} else if (rc == ES_EDATA) {
				es_err_prefix(&err, "notice_number");
			}
		}
		if (rc != ES_EDATA)
			fatal(r, &err);
		if (es_rejects_add(r->rj, es_csv_source(rd), row->line, err.msg, es_csv_header(rd), es_csv_ncols(rd),
		                   (const char *const *)row->fields, row->nfields, &err) != ES_OK)
			fatal(r, &err);
		r->sum.rejected++;
	}
	es_csv_reader_close(rd);
	if (other > 0 && !es_diag_quiet())
		es_warn("%s: %llu rows of other taxes or years, or without a number, left aside", path,
		        (unsigned long long)other);
}

static void
load_reductions(run *r, const char *path)
{
	static const char *const cols[] = { "unit_id", "reduction", "from", "to" };
	es_csv_reader *rd;
	es_csv_row *row;
	int idx[4], tci;
	es_err err;
	es_rc rc;

	if (es_dues_reductions_begin(r->side, &err) != ES_OK)
		fatal(r, &err);
	rd = es_csv_reader_open(path, NULL, &err);
	if (rd == NULL)
		fatal(r, &err);
	if (es_csv_require(rd, cols, idx, 4, &err) != ES_OK) {
		err.rc = ES_ECONFIG;
		es_err_prefix(&err, "%s", path);
		fatal(r, &err);
	}
	tci = es_csv_col(rd, "tax_code");
	while ((rc = es_csv_next(rd, &row, &err)) != ES_EOF) {
		es_date from, to;
		const char *red;
		char tc[20];

		r->sum.read++;
		if (rc == ES_OK) {
			red = es_csv_get(row, idx[1]);
			es_taxid_normalise(es_csv_get(row, tci), tc, sizeof tc);
			if (*es_csv_get(row, idx[0]) == '\0') {
				rc = es_err_set(&err, ES_EDATA, "unit_id is required");
			} else if (strcmp(red, "historic") != 0 && strcmp(red, "unfit") != 0 && strcmp(red, "lent") != 0 &&
			           strcmp(red, "concordato") != 0) {
				rc = es_err_set(&err, ES_EDATA, "reduction '%s' is not historic, unfit, lent or concordato", red);
			} else if (es_date_parse(es_csv_get(row, idx[2]), ES_DATE_ANY, &from, &err) != ES_OK) {
				rc = ES_EDATA;
				es_err_prefix(&err, "from");
			} else if (es_date_parse(es_csv_get(row, idx[3]), ES_DATE_ANY, &to, &err) != ES_OK) {
				rc = ES_EDATA;
				es_err_prefix(&err, "to");
			} else {
				if (es_dues_reductions_add(r->side, es_csv_get(row, idx[0]), tc, red, from, to, &err) != ES_OK)
					fatal(r, &err);
				r->sum.written++;
				continue;
			}
		}
		if (rc != ES_EDATA)
			fatal(r, &err);
		if (es_rejects_add(r->rj, es_csv_source(rd), row->line, err.msg, es_csv_header(rd), es_csv_ncols(rd),
		                   (const char *const *)row->fields, row->nfields, &err) != ES_OK)
			fatal(r, &err);
		r->sum.rejected++;
	}
	es_csv_reader_close(rd);
}

static void
run_imu(run *r)
{
	imu_ctx c;
	es_err err;
	es_dues_reader *rd;
	const es_dues_holding *h;
	holdvec hv = { NULL, 0, 0 };
	rowvec rv = { NULL, 0, 0 };
	char cur[64] = "";
	bool started = false;
	es_rc rc;
	uint64_t n = 0;

	memset(&c, 0, sizeof c);
	if ((c.rules = es_imu_rules_load(&err)) == NULL)
		fatal(r, &err);
	if (es_imu_params_get(c.rules, r->o.year, &c.p, &err) != ES_OK)
		fatal(r, &err);
	/* the acconto uses last year's rates and deduction (c. 762) */
	if (es_imu_params_get(c.rules, r->o.year - 1, &c.pp, &err) != ES_OK)
		c.pp = c.p;
	if (r->ente == NULL)
		r->min_amount = c.p.min_payment;
	if (rates_load(&c.rt, r->o.rates, &err) != ES_OK)
		fatal(r, &err);
	if (r->o.residents != NULL) {
		load_residents(r, r->o.residents);
		c.have_residents = true;
	}
	if (r->o.reductions != NULL) {
		load_reductions(r, r->o.reductions);
		c.have_reductions = true;
	}
	if ((rd = es_dues_holdings_open(r->l, r->o.year, &err)) == NULL)
		fatal(r, &err);
	write_header(r);
	/* One taxpayer at a time: the titles come ordered by tax code. */
	while ((rc = es_dues_holdings_next(rd, &h, &err)) != ES_EOF) {
		if (rc != ES_OK && rc != ES_EDATA)
			fatal(r, &err);
		if (!started || strcmp(cur, h->tax_code) != 0) {
			if (started)
				imu_taxpayer(r, &c, cur, &hv, &rv);
			holds_clear(&hv);
			snprintf(cur, sizeof cur, "%s", h->tax_code);
			started = true;
		}
		holds_add(&hv, h, rc == ES_EDATA ? err.msg : NULL);
		if (++n % 4096 == 0)
			es_tool_progress("titles", n);
	}
	if (started)
		imu_taxpayer(r, &c, cur, &hv, &rv);
	es_dues_holdings_close(rd);
	holds_clear(&hv);
	free(hv.v);
	rows_clear(&rv);
	free(rv.v);
	if (r->poster != NULL) {
		es_dues_post_stats st;

		if (es_dues_post_notices(r->poster, due_day(r, r->o.year, c.p.acconto_month, c.p.acconto_day),
		                         r->ente->segregation_code, &st, &err) != ES_OK)
			fatal(r, &err);
		if (!es_diag_quiet())
			es_warn("posted %llu positions; notices: %llu new, %llu updated, %llu cancelled",
			        (unsigned long long)st.positions, (unsigned long long)st.notices_new,
			        (unsigned long long)st.notices_updated, (unsigned long long)st.notices_cancelled);
	}
	es_imu_rules_free(c.rules);
	{
		size_t i, k;

		for (i = 0; i < c.rt.n; i++) {
			for (k = 0; c.rt.v[i].cats != NULL && c.rt.v[i].cats[k] != NULL; k++)
				free(c.rt.v[i].cats[k]);
			free(c.rt.v[i].cats);
		}
		free(c.rt.v);
	}
}

/* --- TARI --- */

typedef struct tari_ctx {
	es_tari_tariff *tf;
	char trib_tari[8], trib_tefa[8];
	int year_days;
	es_date jan1, dec31;
} tari_ctx;

static void
tari_codes(run *r, tari_ctx *c)
{
	es_table *t;
	es_err err;
	long i;

	if ((t = es_table_load("tari_codici_tributo", &err)) == NULL)
		fatal(r, &err);
	if ((i = es_table_find(t, "part", "tari")) < 0) {
		es_err_set(&err, ES_ECONFIG, "tari_codici_tributo: no row for part 'tari'");
		fatal(r, &err);
	}
	snprintf(c->trib_tari, sizeof c->trib_tari, "%s", es_table_get(t, (size_t)i, "tributo"));
	if ((i = es_table_find(t, "part", "tefa")) < 0) {
		es_err_set(&err, ES_ECONFIG, "tari_codici_tributo: no row for part 'tefa'");
		fatal(r, &err);
	}
	snprintf(c->trib_tefa, sizeof c->trib_tefa, "%s", es_table_get(t, (size_t)i, "tributo"));
	es_table_free(t);
}

/* Read, check and keep the TARI users of one file. */
static void
tari_read(run *r, tari_ctx *c, const char *path)
{
	static const char *const cols[] = { "tax_code", "user_type", "surface_m2", "from", "to" };
	es_csv_reader *rd;
	es_csv_row *row;
	int idx[5], i_unit, i_members, i_cat;
	es_err err;
	es_rc rc;

	rd = es_csv_reader_open(path, NULL, &err);
	if (rd == NULL)
		fatal(r, &err);
	if (es_csv_require(rd, cols, idx, 5, &err) != ES_OK) {
		err.rc = ES_ECONFIG;
		es_err_prefix(&err, "%s", es_csv_source(rd));
		fatal(r, &err);
	}
	i_unit = es_csv_col(rd, "unit_id");
	i_members = es_csv_col(rd, "members");
	i_cat = es_csv_col(rd, "category");
	while ((rc = es_csv_next(rd, &row, &err)) != ES_EOF) {
		es_dues_tari_user u;
		char tc[20];
		const char *type, *mem, *cat;
		int64_t v;

		r->sum.read++;
		if (rc != ES_OK)
			goto rejected;
		memset(&u, 0, sizeof u);
		u.source = es_csv_source(rd);
		u.line = row->line;
		es_taxid_normalise(es_csv_get(row, idx[0]), tc, sizeof tc);
		u.tax_code = tc;
		u.unit_id = es_csv_get(row, i_unit);
		type = es_csv_get(row, idx[1]);
		mem = es_csv_get(row, i_members);
		cat = es_csv_get(row, i_cat);
		if (es_taxid_classify(tc) == ES_TAXID_INVALID) {
			rc = es_err_set(&err, ES_EDATA, "tax_code: '%s' is not a valid codice fiscale or partita IVA",
			                es_csv_get(row, idx[0]));
			goto rejected;
		}
		if (strcmp(type, "domestic") == 0 || strcmp(type, "D") == 0)
			u.domestic = true;
		else if (strcmp(type, "non_domestic") == 0 || strcmp(type, "N") == 0)
			u.domestic = false;
		else {
			rc = es_err_set(&err, ES_EDATA, "user_type: '%s' is neither domestic nor non_domestic", type);
			goto rejected;
		}
		if (es_decimal_parse(es_csv_get(row, idx[2]), 2, &u.surface, &err) != ES_OK || u.surface <= 0) {
			rc = es_err_set(&err, ES_EDATA, "surface_m2: '%s' is not a positive surface",
			                es_csv_get(row, idx[2]));
			goto rejected;
		}
		if (es_date_parse(es_csv_get(row, idx[3]), ES_DATE_ANY, &u.from, &err) != ES_OK) {
			rc = es_err_prefix(&err, "from");
			goto rejected;
		}
		if (es_date_parse(es_csv_get(row, idx[4]), ES_DATE_ANY, &u.to, &err) != ES_OK) {
			rc = es_err_prefix(&err, "to");
			goto rejected;
		}
		if (u.from != ES_DATE_NONE && u.to != ES_DATE_NONE && u.to <= u.from) {
			rc = es_err_set(&err, ES_EDATA, "to is not after from");
			goto rejected;
		}
		if (u.domestic) {
			if (*mem != '\0') {
				if (es_decimal_parse(mem, 0, &v, &err) != ES_OK || v < 1 || v > 99) {
					rc = es_err_set(&err, ES_EDATA, "members: '%s' is not a number of people", mem);
					goto rejected;
				}
				u.members = (int)v;
			} else if (r->o.residents != NULL && *u.unit_id != '\0') {
				/* household size from the residents on the first day of the year's occupation */
				es_date day = u.from == ES_DATE_NONE || u.from < c->jan1 ? c->jan1 : u.from;

				if (es_dues_residents_count(r->side, u.unit_id, day, &u.members, &err) != ES_OK)
					fatal(r, &err);
			}
			if (u.members < 1) {
				rc = es_err_set(&err, ES_EDATA, "members: household size unknown (no members column and "
				                "no residents of unit '%s')", u.unit_id);
				goto rejected;
			}
			if (u.members > ES_TARI_MAX_MEMBERS)
				u.members = ES_TARI_MAX_MEMBERS;
			if (!c->tf->domestic[u.members].set) {
				es_err_set(&err, ES_ECONFIG, "%s: no domestic tariff for %d members in %d (needed by %s:%llu)",
				           c->tf->path, u.members, r->o.year, u.source, (unsigned long long)u.line);
				fatal(r, &err);
			}
		} else {
			if (es_decimal_parse(cat, 0, &v, &err) != ES_OK || v < 1 || v > ES_TARI_MAX_CATEGORY) {
				rc = es_err_set(&err, ES_EDATA, "category: '%s' is not a non-domestic category (1..99)", cat);
				goto rejected;
			}
			u.category = (int)v;
			if (!c->tf->non_domestic[u.category].set) {
				es_err_set(&err, ES_ECONFIG, "%s: no tariff for non-domestic category %d in %d (needed by %s:%llu)",
				           c->tf->path, u.category, r->o.year, u.source, (unsigned long long)u.line);
				fatal(r, &err);
			}
		}
		if (es_dues_tari_add(r->side, &u, &err) != ES_OK)
			fatal(r, &err);
		r->sum.written++;
		continue;
rejected:
		if (rc != ES_EDATA && err.rc != ES_EDATA)
			fatal(r, &err);
		if (es_rejects_add(r->rj, es_csv_source(rd), row->line, err.msg, es_csv_header(rd), es_csv_ncols(rd),
		                   (const char *const *)row->fields, row->nfields, &err) != ES_OK)
			fatal(r, &err);
		r->sum.rejected++;
	}
	es_csv_reader_close(rd);
}

static void
tari_user(run *r, tari_ctx *c, const es_dues_tari_user *u, rowvec *rv)
{
	const es_tari_coeff *k = u->domestic ? &c->tf->domestic[u->members] : &c->tf->non_domestic[u->category];
	es_date a = u->from == ES_DATE_NONE || u->from < c->jan1 ? c->jan1 : u->from;
	es_date b = u->to == ES_DATE_NONE || u->to > c->dec31 ? c->dec31 : u->to - 1;  /* to: not billed */
	es_cents fixed, variable, tari, tefa = 0, parts_tari[ES_TARI_MAX_INSTALLMENTS], parts_tefa[ES_TARI_MAX_INSTALLMENTS];
	int64_t shares[ES_TARI_MAX_INSTALLMENTS];
	int days = b >= a ? (int)(b - a + 1) : 0;
	es_err err;
	size_t i;
	int pass;
	char q1[32], k1[32], q2[32], k2[32], s[32], fb[ES_MONEY_BUFSZ], vb[ES_MONEY_BUFSZ];

	if (days == 0)
		return;
	if ((u->domestic ? es_tari_domestic(k->quota_fixed, k->k_fixed, u->surface, k->quota_variable, k->k_variable,
	                                    &fixed, &variable, &err)
	                 : es_tari_non_domestic(k->quota_fixed, k->k_fixed, u->surface, k->quota_variable,
	                                        k->k_variable, &fixed, &variable, &err)) != ES_OK ||
	    es_tari_amount(u->domestic, k->quota_fixed, k->k_fixed, k->quota_variable, k->k_variable, u->surface,
	                   days, c->year_days, &tari, &err) != ES_OK ||
	    (c->tf->tefa_rate >= 0 && es_tari_tefa(tari, c->tf->tefa_rate, &tefa, &err) != ES_OK))
		fatal(r, &err);
	for (i = 0; i < c->tf->ninst; i++)
		shares[i] = c->tf->inst[i].share;
	if (es_tari_split(tari, shares, c->tf->ninst, parts_tari, &err) != ES_OK ||
	    es_tari_split(tefa, shares, c->tf->ninst, parts_tefa, &err) != ES_OK)
		fatal(r, &err);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && c->tf->tefa_rate < 0)
			break;
		for (i = 0; i < c->tf->ninst; i++) {
			due_row *d = rows_add(r, rv);

			snprintf(d->tributo, sizeof d->tributo, "%s", pass == 0 ? c->trib_tari : c->trib_tefa);
			d->unit_id = xstrdup(u->unit_id);
			if (pass == 1) {
				d->has_rate = true;
				d->rate = c->tf->tefa_rate;
			}
			d->installment = c->tf->inst[i].number;
			d->due = es_calendar_next_working_day(r->cal, c->tf->inst[i].due);
			d->amount = pass == 0 ? parts_tari[i] : parts_tefa[i];
			if (r->o.explain) {
				d->x_category = u->domestic ? xprintf("domestic, %d members", u->members)
				                            : xprintf("non_domestic, category %d", u->category);
				d->x_use = xstrdup(u->domestic ? "domestic" : "non_domestic");
				d->x_rate_source = xprintf("%s:%llu", c->tf->path, (unsigned long long)k->line);
				es_decimal_format(k->quota_fixed, 6, q1);
				es_decimal_format(k->k_fixed, 4, k1);
				es_decimal_format(k->quota_variable, 6, q2);
				es_decimal_format(k->k_variable, 4, k2);
				es_decimal_format(u->surface, 2, s);
				es_money_format(fixed, ES_MONEY_PLAIN, fb);
				es_money_format(variable, ES_MONEY_PLAIN, vb);
				if (u->domestic)
					d->x_detail = xprintf("fixed %s m2 x Quf %s x Ka %s = %s; variable Quv %s x Kb %s = %s; "
					                      "days %d/%d%s", s, q1, k1, fb, q2, k2, vb, days, c->year_days,
					                      pass == 1 ? "; TEFA on the TARI" : "");
				else
					d->x_detail = xprintf("fixed %s m2 x Qapf %s x Kc %s = %s; variable Cu %s x %s m2 x Kd %s = %s; "
					                      "days %d/%d%s", s, q1, k1, fb, q2, s, k2, vb, days, c->year_days,
					                      pass == 1 ? "; TEFA on the TARI" : "");
				d->x_legal = pass == 1 ? "art. 19 D.Lgs. 504/1992; L. 147/2013 c. 666"
				                       : "D.P.R. 158/1999 All. 1 p. 4; L. 147/2013 c. 651-652";
			}
		}
	}
}

static void
run_tari(run *r)
{
	tari_ctx c;
	es_err err;
	es_dues_tari_reader *rd;
	const es_dues_tari_user *u;
	rowvec rv = { NULL, 0, 0 };
	char cur[32] = "";
	bool started = false;
	es_rc rc;
	int i;

	memset(&c, 0, sizeof c);
	c.jan1 = es_date_from_ymd(r->o.year, 1, 1);
	c.dec31 = es_date_from_ymd(r->o.year, 12, 31);
	c.year_days = (int)(c.dec31 - c.jan1 + 1);
	if ((c.tf = es_tari_tariff_load(r->o.rates, r->o.year, &err)) == NULL)
		fatal(r, &err);
	tari_codes(r, &c);
	if (r->ente == NULL) {
		es_imu_rules *ir = es_imu_rules_load(&err);
		es_imu_params p;

		if (ir == NULL || es_imu_params_get(ir, r->o.year, &p, &err) != ES_OK)
			fatal(r, &err);
		r->min_amount = p.min_payment;
		es_imu_rules_free(ir);
	}
	if (r->o.residents != NULL)
		load_residents(r, r->o.residents);
	if (es_dues_tari_begin(r->side, &err) != ES_OK)
		fatal(r, &err);
	if (r->o.nfiles == 0)
		tari_read(r, &c, "-");
	for (i = 0; i < r->o.nfiles; i++)
		tari_read(r, &c, r->o.files[i]);
	write_header(r);
	if ((rd = es_dues_tari_open(r->l, &err)) == NULL)
		fatal(r, &err);
	while ((rc = es_dues_tari_next(rd, &u, &err)) != ES_EOF) {
		if (rc != ES_OK)
			fatal(r, &err);
		if (!started || strcmp(cur, u->tax_code) != 0) {
			if (started)
				finish_taxpayer(r, cur, "TARI", &rv);
			snprintf(cur, sizeof cur, "%s", u->tax_code);
			started = true;
		}
		tari_user(r, &c, u, &rv);
	}
	if (started)
		finish_taxpayer(r, cur, "TARI", &rv);
	es_dues_tari_close(rd);
	rows_clear(&rv);
	free(rv.v);
	if (r->poster != NULL) {
		es_dues_post_stats st;

		if (es_dues_post_notices(r->poster, c.tf->has_single ? es_calendar_next_working_day(r->cal, c.tf->single.due)
		                                                     : ES_DATE_NONE,
		                         r->ente->segregation_code, &st, &err) != ES_OK)
			fatal(r, &err);
		es_warn("posted %llu positions; notices: %llu new, %llu updated, %llu cancelled",
		        (unsigned long long)st.positions, (unsigned long long)st.notices_new,
		        (unsigned long long)st.notices_updated, (unsigned long long)st.notices_cancelled);
	}
	es_tari_tariff_free(c.tf);
}

/* --- main --- */

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
	run r;
	es_err err;
	int ch, status;
	bool imu;

	es_tool_init(argv[0]);
	memset(&r, 0, sizeof r);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case ES_OPT_DB: r.o.db = optarg; break;
		case OPT_TAX: r.o.tax = optarg; break;
		case OPT_YEAR: r.o.year = parse_year(optarg); break;
		case OPT_RATES: r.o.rates = optarg; break;
		case OPT_RESIDENTS: r.o.residents = optarg; break;
		case OPT_REDUCTIONS: r.o.reductions = optarg; break;
		case OPT_NOTICES: r.o.notices = optarg; break;
		case ES_OPT_ENTE: r.o.ente = optarg; break;
		case OPT_POST: r.o.post = true; break;
		case OPT_EXPLAIN: r.o.explain = true; break;
		case OPT_SALDO:
			if (strcmp(optarg, "exact") == 0)
				r.o.saldo_rounded = false;
			else if (strcmp(optarg, "rounded") == 0)
				r.o.saldo_rounded = true;
			else
				es_tool_usage_error("--saldo: '%s' is neither exact nor rounded", optarg);
			break;
		case ES_OPT_LOCALE: r.o.locale_it = es_tool_parse_locale(optarg); break;
		case ES_OPT_REJECTS: r.o.rejects = optarg; break;
		case ES_OPT_QUIET: es_diag_set_quiet(true); es_tool_set_progress(-1); break;
		case ES_OPT_PROGRESS: es_tool_set_progress(1); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION: es_tool_version(); return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	r.o.files = argv + optind;
	r.o.nfiles = argc - optind;
	if (r.o.tax == NULL)
		es_tool_usage_error("--tax is required (imu or tari)");
	if (strcmp(r.o.tax, "imu") != 0 && strcmp(r.o.tax, "tari") != 0)
		es_tool_usage_error("--tax: '%s' is neither imu nor tari", r.o.tax);
	imu = strcmp(r.o.tax, "imu") == 0;
	if (r.o.year == 0)
		es_tool_usage_error("--year is required");
	if (r.o.rates == NULL)
		es_tool_usage_error("--rates is required");
	if (imu && r.o.nfiles > 0)
		es_tool_usage_error("IMU reads the ledger: unexpected operand '%s'", r.o.files[0]);
	if (!imu && r.o.reductions != NULL)
		es_tool_usage_error("--reductions applies to IMU only");
	if (r.o.notices != NULL && !r.o.post)
		es_tool_usage_error("--notices needs --post");
	r.o.db = es_tool_db_path(r.o.db);
	if (r.o.db == NULL)
		es_tool_usage_error("no ledger: give --db FILE or set ESATTORE_DB");

	if (r.o.ente != NULL || r.o.post || getenv("ESATTORE_ENTE") != NULL) {
		if ((r.ente = es_ente_load(r.o.ente, &err)) == NULL)
			es_tool_die_err(&err);
		if (r.o.post && r.ente->segregation_code < 0)
			es_tool_die(ES_EXIT_USAGE, "%s: [pagopa] segregation_code: required by --post", r.ente->path);
		r.min_amount = r.ente->min_amount;
	}
	if ((r.cal = es_rules_calendar_load(&err)) == NULL)
		es_tool_die_err(&err);
	if ((r.rj = es_rejects_open(r.o.rejects, &err)) == NULL)
		es_tool_die_err(&err);
	if ((r.l = es_ledger_open(r.o.db, r.o.post ? ES_LEDGER_WRITE : ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	if ((r.side = es_dues_side_open(r.l, &err)) == NULL)
		es_tool_die_err(&err);
	if (r.o.post) {
		if (es_ledger_run_begin(r.l, "compute-dues", argc, argv, &err) != ES_OK)
			es_tool_die_err(&err);
		if ((r.poster = es_dues_post_begin(r.l, imu ? "IMU" : "TARI", r.o.year, &err)) == NULL)
			fatal(&r, &err);
		if (r.o.notices != NULL)
			load_notices(&r, r.o.notices, imu ? "IMU" : "TARI");
	}
	if ((r.out = es_out_open("-", &err)) == NULL)
		fatal(&r, &err);
	{
		es_csv_wopts wo = { .locale_it = r.o.locale_it };

		if ((r.w = es_csv_writer_new(r.out, &wo, &err)) == NULL)
			fatal(&r, &err);
	}
	if (imu)
		run_imu(&r);
	else
		run_tari(&r);
	es_tool_progress_done();
	es_csv_writer_free(r.w);
	if (es_out_close(r.out, &err) != ES_OK)
		fatal(&r, &err);
	if (r.below_min > 0)
		es_warn("%llu taxpayers below the minimum amount: nothing due from them",
		        (unsigned long long)r.below_min);
	if (r.poster != NULL) {
		es_dues_post_end(r.poster);
		if (es_ledger_run_commit(r.l, r.sum.read, r.sum.written, r.sum.rejected, &err) != ES_OK)
			fatal(&r, &err);
	}
	es_summary_print(&r.sum);
	if (es_rejects_close(r.rj, &err) != ES_OK)
		es_tool_die_err(&err);
	status = es_summary_exit_status(&r.sum);
	es_dues_side_close(r.side);
	es_ledger_close(r.l);
	es_calendar_free(r.cal);
	es_ente_free(r.ente);
	return es_tool_finish(status);
}
