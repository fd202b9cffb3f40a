/* dues_run.c: one compute-dues run (dues_run.h). */
#include "es_setup.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/dues_run.h"
#include "domain/imu.h"
#include "domain/tari.h"
#include "rules.h"
#include "types/taxid.h"

/* --- the strings of one taxpayer: an arena emptied when it is done --- */

typedef struct arena_block {
	struct arena_block *next;
	size_t len, cap;
	char data[];
} arena_block;

typedef struct arena {
	arena_block *head, *cur;
	bool nomem;                /* an allocation failed: the taxpayer fails */
} arena;

#define ARENA_BLOCK 16384

static char *
arena_alloc(arena *a, size_t n)
{
	arena_block *b = a->cur, **tail;

	while (b != NULL && b->cap - b->len < n)
		b = b->next;
	if (b == NULL) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		if ((b = malloc(sizeof *b + cap)) == NULL) {
			a->nomem = true;
			return NULL;
		}
		b->next = NULL;
		b->len = 0;
		b->cap = cap;
		for (tail = &a->head; *tail != NULL; tail = &(*tail)->next)
			;
		*tail = b;
	}
	a->cur = b;
	b->len += n;
	return b->data + b->len - n;
}

static void
arena_reset(arena *a)
{
	arena_block *b;

	for (b = a->head; b != NULL; b = b->next)
		b->len = 0;
	a->cur = a->head;
}

static void
arena_free(arena *a)
{
	while (a->head != NULL) {
		arena_block *b = a->head;

		a->head = b->next;
		free(b);
	}
	a->cur = NULL;
}

static const char *
astrdup(arena *a, const char *s)
{
	size_t n = strlen(s != NULL ? s : "") + 1;
	char *p = arena_alloc(a, n);

	if (p == NULL)
		return "";
	memcpy(p, s != NULL ? s : "", n);
	return p;
}

static const char *
aprintf(arena *a, const char *fmt, ...) ES_PRINTF(2, 3);

static const char *
aprintf(arena *a, const char *fmt, ...)
{
	char buf[512], *p;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (p = arena_alloc(a, (size_t)n + 1)) == NULL)
		return "";
	if ((size_t)n < sizeof buf) {
		memcpy(p, buf, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return p;
}

/* --- the run --- */

/* One dues row before output: the dues stream columns and the explanation. */
typedef struct due_row {
	char tributo[8];
	const char *unit_id;
	bool has_basis;
	es_cents basis;
	bool has_rate;
	int64_t rate;
	int months;               /* -1 none */
	char share[48];
	int installment;
	es_date due;
	es_cents amount;
	/* explanation (NULL without --explain) */
	const char *x_category, *x_multiplier, *x_use, *x_rate_source, *x_share_source, *x_reductions, *x_detail;
	const char *x_legal;
	/* F24 grouping */
	size_t seq;               /* creation order, the last sort key */
	int group_last;           /* this row closes its (installment, tributo) group */
	es_cents payable;
	char rate_text[24];       /* as posted */
} due_row;

/* IMU: a rate of the --rates file. */
typedef struct rate_row {
	int year;
	es_imu_use use;
	char **cats;              /* NULL-terminated, normalised; NULL = any */
	int64_t rate;             /* percent scale 4 */
	bool has_detraction;
	es_cents detraction;
	uint64_t line;
} rate_row;

/* Residence periods of one holder in one unit in a year. */
#define MAX_RESIDENCES 16

/* IMU: a holding of the taxpayer being computed, copied out of the reader. */
typedef struct holding {
	int64_t title_id;
	const char *unit_id, *subject_id, *right_code, *category_raw, *partita, *share_rule;
	const char *bad;          /* why the ledger row is unusable, or NULL */
	char category[ES_IMU_CATBUFSZ];
	char kind;
	int64_t share_num, share_den;
	bool share_fallback;
	es_date from, to;
	bool has_situation, has_rendita, has_rd;
	es_cents rendita, rd;
	/* computed */
	bool skip;                /* rejected or not taxed */
	uint16_t possessed, residence, mainhome, notmain;
	int pert_class;
	bool pert_main, luxury;
	es_cents base;
	int64_t multiplier;
} holding;

struct es_dues_run {
	es_dues_run_cfg c;
	const char *tax;          /* "IMU", "TARI" */
	es_dues_side *side;
	es_dues_poster *poster;
	es_dues_run_stats st;
	es_cents min_amount;
	arena ar;
	due_row *rows;
	size_t nrows, rows_cap;
	holding *holds;
	size_t nholds, holds_cap;
	es_dues_line *lines;      /* posting */
	size_t lines_cap;
	/* IMU */
	es_imu_rules *rules;
	es_imu_params p, pp;      /* this year's and last year's */
	rate_row *rates;
	size_t nrates;
	/* TARI */
	es_tari_tariff *tf;
	char trib_tari[8], trib_tefa[8];
	int year_days;
	es_date jan1, dec31;
};

static es_rc
nomem(es_err *err)
{
	return es_err_set(err, ES_ENOMEM, "out of memory");
}

/* Grow *v (of *cap elements of size sz) to hold n + 1. */
static es_rc
grow(void *v, size_t *cap, size_t n, size_t sz, es_err *err)
{
	void **pv = v, *nv;
	size_t c;

	if (n < *cap)
		return ES_OK;
	c = *cap ? *cap * 2 : 16;
	if ((nv = realloc(*pv, c * sz)) == NULL)
		return nomem(err);
	*pv = nv;
	*cap = c;
	return ES_OK;
}

es_dues_run *
es_dues_run_new(const es_dues_run_cfg *cfg, es_err *err)
{
	es_dues_run *r = calloc(1, sizeof *r);

	if (r == NULL) {
		nomem(err);
		return NULL;
	}
	r->c = *cfg;
	r->tax = cfg->tax == ES_DUES_IMU ? "IMU" : "TARI";
	if (cfg->ente != NULL)
		r->min_amount = cfg->ente->min_amount;
	if ((r->side = es_dues_side_open(cfg->ledger, err)) == NULL)
		goto fail;
	if (cfg->post) {
		if (cfg->ente == NULL) {
			es_err_set(err, ES_EINTERNAL, "posting needs the ente's segregation code");
			goto fail;
		}
		if ((r->poster = es_dues_post_begin(cfg->ledger, r->tax, cfg->year, err)) == NULL)
			goto fail;
	}
	return r;
fail:
	es_dues_run_free(r);
	return NULL;
}

void
es_dues_run_free(es_dues_run *r)
{
	size_t i, k;

	if (r == NULL)
		return;
	es_dues_post_end(r->poster);
	es_dues_side_close(r->side);
	arena_free(&r->ar);
	free(r->rows);
	free(r->holds);
	free(r->lines);
	es_imu_rules_free(r->rules);
	for (i = 0; i < r->nrates; i++) {
		for (k = 0; r->rates[i].cats != NULL && r->rates[i].cats[k] != NULL; k++)
			free(r->rates[i].cats[k]);
		free(r->rates[i].cats);
	}
	free(r->rates);
	es_tari_tariff_free(r->tf);
	free(r);
}

const es_dues_run_stats *
es_dues_run_stats_of(const es_dues_run *r)
{
	return &r->st;
}

static es_date
due_day(const es_dues_run *r, int m, int d)
{
	/* a term on a non-working day moves to the next working day
	 * (art. 7 c. 1 lett. h DL 70/2011) */
	return es_calendar_next_working_day(r->c.cal, es_date_from_ymd(r->c.year, m, d));
}

/* --- side files: one loop for each, a function for its rows --- */

/* A row of a side file: ES_OK (used), ES_EDATA (rejected: err says why)
 * or a failure. */
typedef es_rc (*side_row_fn)(es_dues_run *r, const es_csv_reader *rd, const es_csv_row *row, const int *idx,
                             void *arg, es_err *err);

/* Read path: the columns cols required, opt looked up (idx[ncols + k],
 * -1 when absent), each row through fn and counted; rejected rows into
 * the rejects. */
static es_rc
side_load(es_dues_run *r, const char *path, const char *const *cols, size_t ncols, const char *const *opt,
          size_t nopt, side_row_fn fn, void *arg, es_err *err)
{
	es_csv_reader *rd;
	es_csv_row *row;
	int idx[8];
	size_t k;
	es_rc rc;

	if ((rd = es_csv_reader_open(path, NULL, err)) == NULL)
		return err->rc;
	if (es_csv_require(rd, cols, idx, ncols, err) != ES_OK) {
		err->rc = ES_ECONFIG;
		es_err_prefix(err, "%s", es_csv_source(rd));
		es_csv_reader_close(rd);
		return ES_ECONFIG;
	}
	for (k = 0; k < nopt; k++)
		idx[ncols + k] = es_csv_col(rd, opt[k]);
	while ((rc = es_csv_next(rd, &row, err)) != ES_EOF) {
		r->st.sum.read++;
		if (rc == ES_OK && (rc = fn(r, rd, row, idx, arg, err)) == ES_OK) {
			r->st.sum.written++;
			continue;
		}
		if (rc != ES_EDATA ||
		    (rc = es_rejects_add_row(r->c.rejects, rd, row, err->msg, &r->st.sum, err)) != ES_OK) {
			es_csv_reader_close(rd);
			return rc;
		}
	}
	es_csv_reader_close(rd);
	return ES_OK;
}

/* A date column: ES_EDATA naming it. */
static es_rc
date_field(const es_csv_row *row, int i, const char *name, es_date *d, es_err *err)
{
	if (es_date_parse(es_csv_get(row, i), ES_DATE_ANY, d, err) != ES_OK) {
		es_err_prefix(err, "%s", name);
		return err->rc = ES_EDATA;
	}
	return ES_OK;
}

/* from and to, to after from. */
static es_rc
period_fields(const es_csv_row *row, int i_from, int i_to, es_date *from, es_date *to, es_err *err)
{
	if (date_field(row, i_from, "from", from, err) != ES_OK || date_field(row, i_to, "to", to, err) != ES_OK)
		return ES_EDATA;
	if (*from != ES_DATE_NONE && *to != ES_DATE_NONE && *to <= *from)
		return es_err_set(err, ES_EDATA, "to is not after from");
	return ES_OK;
}

static es_rc
resident_row(es_dues_run *r, const es_csv_reader *rd, const es_csv_row *row, const int *idx, void *arg,
             es_err *err)
{
	es_date from, to;
	char tc[20];

	(void)rd;
	(void)arg;
	es_taxid_normalise(es_csv_get(row, idx[0]), tc, sizeof tc);
	if (tc[0] == '\0' || *es_csv_get(row, idx[1]) == '\0')
		return es_err_set(err, ES_EDATA, "tax_code and unit_id are required");
	if (period_fields(row, idx[2], idx[3], &from, &to, err) != ES_OK)
		return ES_EDATA;
	return es_dues_residents_add(r->side, tc, es_csv_get(row, idx[1]), from, to, err);
}

static es_rc
load_residents(es_dues_run *r, es_err *err)
{
	static const char *const cols[] = { "tax_code", "unit_id", "from", "to" };

	if (es_dues_residents_begin(r->side, err) != ES_OK)
		return err->rc;
	return side_load(r, r->c.residents, cols, 4, NULL, 0, resident_row, NULL, err);
}

static es_rc
reduction_row(es_dues_run *r, const es_csv_reader *rd, const es_csv_row *row, const int *idx, void *arg,
              es_err *err)
{
	const char *red = es_csv_get(row, idx[1]);
	es_date from, to;
	char tc[20];

	(void)rd;
	(void)arg;
	es_taxid_normalise(es_csv_get(row, idx[4]), tc, sizeof tc);
	if (*es_csv_get(row, idx[0]) == '\0')
		return es_err_set(err, ES_EDATA, "unit_id is required");
	if (strcmp(red, "historic") != 0 && strcmp(red, "unfit") != 0 && strcmp(red, "lent") != 0 &&
	    strcmp(red, "concordato") != 0)
		return es_err_set(err, ES_EDATA, "reduction '%s' is not historic, unfit, lent or concordato", red);
	if (date_field(row, idx[2], "from", &from, err) != ES_OK || date_field(row, idx[3], "to", &to, err) != ES_OK)
		return ES_EDATA;
	return es_dues_reductions_add(r->side, es_csv_get(row, idx[0]), tc, red, from, to, err);
}

static es_rc
load_reductions(es_dues_run *r, es_err *err)
{
	static const char *const cols[] = { "unit_id", "reduction", "from", "to" };
	static const char *const opt[] = { "tax_code" };

	if (es_dues_reductions_begin(r->side, err) != ES_OK)
		return err->rc;
	return side_load(r, r->c.reductions, cols, 4, opt, 1, reduction_row, NULL, err);
}

static es_rc
notice_row(es_dues_run *r, const es_csv_reader *rd, const es_csv_row *row, const int *idx, void *arg,
           es_err *err)
{
	const char *t = es_csv_get(row, idx[1]), *nav = es_csv_get(row, idx[4]);
	uint64_t *other = arg;
	int64_t year, inst;
	char tc[20];
	es_rc rc;

	(void)rd;
	es_taxid_normalise(es_csv_get(row, idx[0]), tc, sizeof tc);
	if (es_decimal_parse(es_csv_get(row, idx[2]), 0, &year, err) != ES_OK) {
		es_err_prefix(err, "year");
		return err->rc = ES_EDATA;
	}
	if (strcasecmp(t, r->tax) != 0 || year != r->c.year || *nav == '\0') {
		(*other)++;
		return ES_OK;
	}
	if (tc[0] == '\0')
		return es_err_set(err, ES_EDATA, "tax_code is required");
	if (es_decimal_parse(es_csv_get(row, idx[3]), 0, &inst, err) != ES_OK || inst < 0 || inst > 99)
		return es_err_set(err, ES_EDATA, "installment: '%s' is not 0..99", es_csv_get(row, idx[3]));
	if ((rc = es_dues_issued_add(r->poster, tc, (int)inst, nav, err)) == ES_EDATA)
		es_err_prefix(err, "notice_number");
	return rc;
}

es_rc
es_dues_run_notices(es_dues_run *r, const char *path, es_err *err)
{
	static const char *const cols[] = { "tax_code", "tax", "year", "installment", "notice_number" };
	uint64_t other = 0;

	if (r->poster == NULL)
		return es_err_set(err, ES_ECONFIG, "--notices needs --post");
	if (side_load(r, path, cols, 5, NULL, 0, notice_row, &other, err) != ES_OK)
		return err->rc;
	if (other > 0)
		es_warn_call(r->c.warn, r->c.ctx, NULL, 0,
		             "%s: %llu rows of other taxes or years, or without a number, left aside", path,
		             (unsigned long long)other);
	return ES_OK;
}

/* --- output rows --- */

static due_row *
rows_add(es_dues_run *r)
{
	due_row *d;

	if (grow(&r->rows, &r->rows_cap, r->nrows, sizeof *r->rows, NULL) != ES_OK) {
		r->ar.nomem = true;
		return NULL;
	}
	d = &r->rows[r->nrows];
	memset(d, 0, sizeof *d);
	d->months = -1;
	d->seq = r->nrows++;
	return d;
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

static es_rc
write_header(es_dues_run *r, es_err *err)
{
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(dues_header); i++)
		if (es_csv_put(r->c.out, dues_header[i], err) != ES_OK)
			return err->rc;
	for (i = 0; r->c.explain && i < ES_ARRAY_LEN(explain_header); i++)
		if (es_csv_put(r->c.out, explain_header[i], err) != ES_OK)
			return err->rc;
	return es_csv_end_row(r->c.out, err);
}

/* F24 lines: one per (installment, tributo) of the taxpayer, rounded to the
 * euro (L. 296/2006 c. 166); the amount is shown on the group's last row.
 * With --saldo rounded, the saldo's F24 line is the year's amount minus the
 * rounded acconto. */
static void
f24_group(es_dues_run *r)
{
	due_row *v = r->rows;
	size_t n = r->nrows, i, j;

	qsort(v, n, sizeof v[0], cmp_rows);
	for (i = 0; i < n; i = j) {
		es_cents s = 0;

		for (j = i; j < n && v[j].installment == v[i].installment && strcmp(v[j].tributo, v[i].tributo) == 0; j++)
			s += v[j].amount;
		if (r->c.saldo_rounded && v[i].installment == 2) {
			/* annual = acconto + saldo per row; acconto rows come first */
			es_cents acc = 0, acc_pay = 0;
			size_t k;

			for (k = 0; k < n; k++) {
				if (v[k].installment == 1 && strcmp(v[k].tributo, v[i].tributo) == 0) {
					acc += v[k].amount;
					if (v[k].group_last)
						acc_pay = v[k].payable;
				}
			}
			s = es_money_round_euro(s + acc - acc_pay);
		} else {
			s = es_money_round_euro(s);
		}
		if (s < 0)
			s = 0;
		v[j - 1].group_last = 1;
		v[j - 1].payable = s;
	}
}

static void
rate_text(int64_t rate, char *buf)
{
	/* percent at scale 4, printed as in the rates file: 1.06, 0.7625 */
	if (rate % 100 == 0)
		es_decimal_format(rate / 100, 2, buf);
	else
		es_decimal_format(rate, 4, buf);
}

static es_rc
put_rate(es_csv_writer *w, int64_t rate, es_err *err)
{
	/* as rate_text, in the writer's locale */
	if (rate % 100 == 0)
		return es_csv_put_decimal(w, rate / 100, 2, err);
	return es_csv_put_decimal(w, rate, 4, err);
}

static es_rc
put_opt_money(es_csv_writer *w, bool has, es_cents v, es_err *err)
{
	return has ? es_csv_put_money(w, v, err) : es_csv_put(w, "", err);
}

static es_rc
emit_row(es_dues_run *r, const char *tax_code, const char *year, const due_row *d, bool below_min, es_err *err)
{
	es_csv_writer *w = r->c.out;
	size_t k;

	if (es_csv_put(w, tax_code, err) != ES_OK || es_csv_put(w, r->tax, err) != ES_OK ||
	    es_csv_put(w, year, err) != ES_OK || es_csv_put(w, d->tributo, err) != ES_OK ||
	    es_csv_put(w, d->unit_id, err) != ES_OK || put_opt_money(w, d->has_basis, d->basis, err) != ES_OK ||
	    (d->has_rate ? put_rate(w, d->rate, err) : es_csv_put(w, "", err)) != ES_OK ||
	    (d->months >= 0 ? es_csv_put_int(w, d->months, err) : es_csv_put(w, "", err)) != ES_OK ||
	    es_csv_put(w, d->share, err) != ES_OK || es_csv_put_int(w, d->installment, err) != ES_OK ||
	    es_csv_put_date(w, d->due, err) != ES_OK || es_csv_put_money(w, below_min ? 0 : d->amount, err) != ES_OK ||
	    put_opt_money(w, d->group_last, below_min ? 0 : d->payable, err) != ES_OK)
		return err->rc;
	if (r->c.explain) {
		const char *x[8] = { d->x_category, d->x_multiplier, d->x_use, d->x_rate_source,
		                     d->x_share_source, d->x_reductions, d->x_detail, d->x_legal };

		if (below_min)
			x[6] = "below the minimum amount: nothing due (L. 296/2006 c. 168)";
		for (k = 0; k < 8; k++)
			if (es_csv_put(w, x[k] != NULL ? x[k] : "", err) != ES_OK)
				return err->rc;
	}
	return es_csv_end_row(w, err);
}

static es_rc
post_rows(es_dues_run *r, const char *tax_code, es_err *err)
{
	size_t i;

	if (grow(&r->lines, &r->lines_cap, r->nrows, sizeof *r->lines, err) != ES_OK)
		return ES_ENOMEM;
	for (i = 0; i < r->nrows; i++) {
		const due_row *d = &r->rows[i];

		r->lines[i] = (es_dues_line){
			.tax_code = tax_code, .tax = r->tax, .year = r->c.year, .unit_id = d->unit_id,
			.tributo = d->tributo, .installment = d->installment, .due_date = d->due,
			.has_basis = d->has_basis, .basis = d->basis, .rate = d->has_rate ? d->rate_text : NULL,
			.months = d->months, .share = d->share, .amount_due = d->amount,
		};
	}
	return es_dues_post_lines(r->poster, r->lines, r->nrows, err);
}

/* Close one taxpayer: minimum amount, F24 grouping, output, posting. */
static es_rc
finish_taxpayer(es_dues_run *r, const char *tax_code, es_err *err)
{
	es_cents annual = 0;
	char year[16];
	bool below;
	size_t i;

	if (r->ar.nomem)
		return nomem(err);
	if (r->nrows == 0)
		return ES_OK;
	for (i = 0; i < r->nrows; i++) {
		annual += r->rows[i].amount;
		if (r->rows[i].has_rate)
			rate_text(r->rows[i].rate, r->rows[i].rate_text);
	}
	r->st.taxpayers++;
	/* The minimum applies to the year's amount (cadastre-imu-tari.md §2.5, §4). */
	below = annual < r->min_amount;
	if (below)
		r->st.below_min++;
	else
		r->st.total_due += annual;
	f24_group(r);
	snprintf(year, sizeof year, "%d", r->c.year);
	for (i = 0; i < r->nrows && (!below || r->c.explain); i++)
		if (emit_row(r, tax_code, year, &r->rows[i], below, err) != ES_OK)
			return err->rc;
	if (r->poster != NULL && !below && post_rows(r, tax_code, err) != ES_OK)
		return err->rc;
	r->nrows = 0;
	return ES_OK;
}

/* Post the notices of the run: single_due is the day of the whole
 * amount's notice (ES_DATE_NONE: none). */
static es_rc
post_notices(es_dues_run *r, es_date single_due, es_err *err)
{
	if (r->poster == NULL)
		return ES_OK;
	if (es_dues_post_notices(r->poster, single_due, r->c.ente->segregation_code, &r->st.post, err) != ES_OK)
		return err->rc;
	r->st.posted = true;
	return ES_OK;
}

/* --- IMU --- */

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

/* The categories of a rate, separated by blanks or ';' ("C/1 C/3"). */
static es_rc
rate_cats(rate_row *rr, const char *cats, const char *path, es_err *err)
{
	char *copy = strdup(cats), *tok, *p;
	size_t nc = 0;

	rr->cats = calloc(strlen(cats) + 2, sizeof *rr->cats);
	if (copy == NULL || rr->cats == NULL) {
		free(copy);
		return nomem(err);
	}
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
			es_err_set(err, ES_ECONFIG, "%s:%llu: categories: '%s' is not a category (e.g. C/1)", path,
			           (unsigned long long)rr->line, tok);
			free(copy);
			return ES_ECONFIG;
		}
		if ((rr->cats[nc++] = strdup(c)) == NULL) {
			free(copy);
			return nomem(err);
		}
	}
	free(copy);
	return ES_OK;
}

static es_rc
rates_load(es_dues_run *r, es_err *err)
{
	static const char *const cols[] = { "year", "use", "rate" };
	const char *path = r->c.rates;
	es_table *t = es_table_load_path(path, false, err);
	size_t i, j, n;
	es_rc rc = ES_ECONFIG;

	if (t == NULL)
		return ES_ECONFIG;
	if (es_table_require(t, cols, ES_ARRAY_LEN(cols), err) != ES_OK)
		goto out;
	n = es_table_nrows(t);
	if ((r->rates = calloc(n + 1, sizeof *r->rates)) == NULL) {
		rc = nomem(err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		rate_row *rr = &r->rates[i];
		const char *use = es_table_get(t, i, "use");
		const char *cats = es_table_get(t, i, "categories");
		int64_t y;

		r->nrates++;
		rr->line = es_table_line(t, i);
		if (es_table_int(t, i, "year", &y, err) != ES_OK)
			goto out;
		rr->year = (int)y;
		rr->use = es_imu_use_parse(use);
		if (rr->use == ES_IMU_USE_NONE) {
			es_err_set(err, ES_ECONFIG, "%s:%llu: use: '%s' is not main_home, other_buildings, group_d, "
			           "rural_instrumental, land or building_land", path, (unsigned long long)rr->line, use);
			goto out;
		}
		if (es_table_decimal(t, i, "rate", 4, &rr->rate, err) != ES_OK)
			goto out;
		if (rr->rate < 0) {
			es_err_set(err, ES_ECONFIG, "%s:%llu: rate: negative", path, (unsigned long long)rr->line);
			goto out;
		}
		if (*es_table_get(t, i, "detraction") != '\0') {
			if (es_table_money(t, i, "detraction", &rr->detraction, err) != ES_OK)
				goto out;
			rr->has_detraction = true;
		}
		if (*cats != '\0' && (rc = rate_cats(rr, cats, path, err)) != ES_OK)
			goto out;
		rc = ES_ECONFIG;
		for (j = 0; j < i; j++) {
			if (r->rates[j].year == rr->year && r->rates[j].use == rr->use &&
			    cats_overlap(r->rates[j].cats, rr->cats)) {
				es_err_set(err, ES_ECONFIG, "%s:%llu: a second rate for %d %s%s (first on line %llu)",
				           path, (unsigned long long)rr->line, rr->year, use,
				           rr->cats != NULL ? " and these categories" : "",
				           (unsigned long long)r->rates[j].line);
				goto out;
			}
		}
	}
	rc = ES_OK;
out:
	if (rc != ES_OK && err != NULL && rc != ES_ENOMEM)
		err->rc = rc = ES_ECONFIG;
	es_table_free(t);
	return rc;
}

/* The rate row for (year, use, category): one naming the category wins over
 * the general one.  ES_ECONFIG when there is none. */
static es_rc
rate_need(const es_dues_run *r, int year, es_imu_use use, const char *cat, const char *unit_id,
          const rate_row **out, es_err *err)
{
	const rate_row *general = NULL;
	size_t i, k;

	for (i = 0; i < r->nrates; i++) {
		const rate_row *rr = &r->rates[i];

		if (rr->year != year || rr->use != use)
			continue;
		if (rr->cats == NULL) {
			general = rr;
			continue;
		}
		for (k = 0; cat != NULL && rr->cats[k] != NULL; k++) {
			if (strcmp(rr->cats[k], cat) == 0) {
				*out = rr;
				return ES_OK;
			}
		}
	}
	if ((*out = general) == NULL)
		return es_err_set(err, ES_ECONFIG, "%s: no rate for year %d, use %s%s%s (needed by unit %s)", r->c.rates,
		                  year, es_imu_use_name(use), cat != NULL ? ", category " : "", cat != NULL ? cat : "",
		                  unit_id);
	return ES_OK;
}

static es_rc
holds_add(es_dues_run *r, const es_dues_holding *h, const char *bad, es_err *err)
{
	holding *x;

	if (grow(&r->holds, &r->holds_cap, r->nholds, sizeof *r->holds, err) != ES_OK)
		return ES_ENOMEM;
	x = &r->holds[r->nholds++];
	memset(x, 0, sizeof *x);
	x->title_id = h->title_id;
	x->unit_id = astrdup(&r->ar, h->unit_id);
	x->subject_id = astrdup(&r->ar, h->subject_id);
	x->right_code = astrdup(&r->ar, h->right_code);
	x->category_raw = astrdup(&r->ar, h->category);
	x->partita = astrdup(&r->ar, h->partita);
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
	x->bad = bad != NULL ? astrdup(&r->ar, bad) : NULL;
	x->share_rule = astrdup(&r->ar, h->share_rule);
	return r->ar.nomem ? nomem(err) : ES_OK;
}

static const char *const title_hdr[] = { "title_id", "unit_id", "subject_id", "tax_code", "right_code", "category" };

static es_rc
reject_holding(es_dues_run *r, const char *tax_code, holding *h, es_err *err, const char *fmt, ...) ES_PRINTF(5, 6);

/* The holding rejected (the message from fmt) and skipped; ES_OK unless
 * the rejects file fails. */
static es_rc
reject_holding(es_dues_run *r, const char *tax_code, holding *h, es_err *err, const char *fmt, ...)
{
	char msg[512], id[32];
	const char *f[6];
	va_list ap;

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
	h->skip = true;
	r->st.sum.rejected++;
	return es_rejects_add(r->c.rejects, "titles", (uint64_t)h->title_id, msg, title_hdr, 6, f, 6, err);
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

static void
describe_reductions(const es_imu_reductions *red, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s%s%s", red->historic ? "historic (c. 747 a) " : "", red->unfit ? "unfit (c. 747 b) " : "",
	         red->lent ? "lent (c. 747 c) " : "", red->concordato ? "concordato (c. 760) " : "");
	if (buf[0] != '\0')
		buf[strlen(buf) - 1] = '\0';
}

static const char *
imu_legal(es_imu_use use)
{
	switch (use) {
	case ES_IMU_USE_LAND: return "L. 160/2019 c. 746, 761, 762";
	case ES_IMU_USE_GROUP_D: return "L. 160/2019 c. 745, 753, 761, 762";
	case ES_IMU_USE_MAIN_HOME: return "L. 160/2019 c. 745, 748, 749, 761, 762";
	default: return "L. 160/2019 c. 745, 761, 762";
	}
}

/* The explanation columns of one IMU row. */
static void
imu_explain(es_dues_run *r, const holding *h, es_imu_use use, es_imu_part part, const rate_row *rr,
            const char *redbuf, es_cents annual, es_cents acconto, due_row *d)
{
	arena *a = &r->ar;
	char ab[ES_MONEY_BUFSZ], cb[ES_MONEY_BUFSZ];

	d->x_category = h->kind == 'F' ? astrdup(a, h->category) : "land";
	d->x_multiplier = aprintf(a, "%lld", (long long)(h->kind == 'F' ? h->multiplier : r->p.land_multiplier));
	d->x_use = aprintf(a, "%s%s", es_imu_use_name(use), part == ES_IMU_PART_STATE ? " (State)" :
	                                                    part == ES_IMU_PART_COMUNE ? " (comune)" : "");
	d->x_rate_source = aprintf(a, "%s:%llu", r->c.rates, (unsigned long long)rr->line);
	d->x_share_source = h->share_fallback
	    ? "fallback: 0/0 share, what the other holders leave split equally (§1.9)"
	    : h->share_rule[0] != '\0' && strcmp(h->share_rule, "file") != 0
	    ? aprintf(a, "import-cadastre: %s (the file has 0/0)", h->share_rule)
	    : "title";
	d->x_reductions = astrdup(a, redbuf);
	es_money_format(annual, ES_MONEY_PLAIN, ab);
	es_money_format(acconto, ES_MONEY_PLAIN, cb);
	d->x_detail = d->installment == 1
	    ? aprintf(a, "acconto: %d months of January-June at the %d rate", d->months, r->c.year - 1)
	    : aprintf(a, "saldo: tax of the year %s (%d months at the %d rate) minus acconto %s", ab, d->months,
	              r->c.year, cb);
	d->x_legal = imu_legal(use);
}

/* Lines of one holding for one use over months M. */
static es_rc
imu_lines(es_dues_run *r, const char *tax_code, holding *h, es_imu_use use, uint16_t M,
          const es_imu_reductions *red, es_cents *mh_annual, es_cents *mh_acconto, es_err *err)
{
	const rate_row *cur, *prev = NULL;
	const char *cat = h->kind == 'F' ? h->category : NULL;
	es_imu_part parts[2] = { ES_IMU_PART_ALL, ES_IMU_PART_ALL };
	int nparts = 1, k;
	char redbuf[128];
	uint16_t H1 = M & ES_IMU_FIRST_HALF;
	int64_t f_all = es_imu_factor_sum(M, red, &r->p), f_h1 = es_imu_factor_sum(H1, red, &r->pp);

	if (rate_need(r, r->c.year, use, cat, h->unit_id, &cur, err) != ES_OK ||
	    (H1 != 0 && rate_need(r, r->c.year - 1, use, cat, h->unit_id, &prev, err) != ES_OK))
		return err->rc;
	if (use == ES_IMU_USE_GROUP_D) {
		parts[0] = ES_IMU_PART_STATE;
		parts[1] = ES_IMU_PART_COMUNE;
		nparts = 2;
		if (cur->rate < r->p.state_rate_d || (prev != NULL && prev->rate < r->pp.state_rate_d))
			return es_err_set(err, ES_ECONFIG, "%s:%llu: group_d rate below the State's reserved 0.76%% (c. 753)",
			                  r->c.rates, (unsigned long long)(prev != NULL && prev->rate < r->pp.state_rate_d
			                                                   ? prev->line : cur->line));
	}
	describe_reductions(red, redbuf, sizeof redbuf);
	for (k = 0; k < nparts; k++) {
		es_imu_part part = parts[k];
		const char *trib = es_imu_tributo(r->rules, use, part);
		int64_t rc_cur = cur->rate, rc_prev = prev != NULL ? prev->rate : 0;
		es_cents annual, acconto = 0;
		int inst;

		if (trib == NULL)
			return es_err_set(err, ES_ECONFIG, "imu_codici_tributo: no code for use %s", es_imu_use_name(use));
		if (part == ES_IMU_PART_STATE) {
			rc_cur = r->p.state_rate_d;
			rc_prev = r->pp.state_rate_d;
		} else if (part == ES_IMU_PART_COMUNE) {
			rc_cur -= r->p.state_rate_d;
			rc_prev -= r->pp.state_rate_d;
		}
		if (es_imu_tax(h->base, rc_cur, h->share_num, h->share_den, f_all, &annual, err) != ES_OK ||
		    (H1 != 0 && es_imu_tax(h->base, rc_prev, h->share_num, h->share_den, f_h1, &acconto, err) != ES_OK))
			return reject_holding(r, tax_code, h, err, "%s", err->msg);
		if (part == ES_IMU_PART_COMUNE && rc_cur == 0 && (H1 == 0 || rc_prev == 0))
			continue;   /* the comune keeps the State's 0.76 %: no 3930 line */
		if (use == ES_IMU_USE_MAIN_HOME) {
			*mh_annual += annual;
			*mh_acconto += acconto;
		}
		for (inst = H1 != 0 ? 1 : 2; inst <= 2; inst++) {
			due_row *d = rows_add(r);

			if (d == NULL)
				return nomem(err);
			snprintf(d->tributo, sizeof d->tributo, "%s", trib);
			d->unit_id = h->unit_id;
			d->has_basis = true;
			d->basis = h->base;
			d->has_rate = true;
			d->rate = inst == 1 ? rc_prev : rc_cur;
			d->months = es_imu_mask_count(inst == 1 ? H1 : M);
			snprintf(d->share, sizeof d->share, "%lld/%lld", (long long)h->share_num, (long long)h->share_den);
			d->installment = inst;
			d->due = inst == 1 ? due_day(r, r->p.acconto_month, r->p.acconto_day)
			                   : due_day(r, r->p.saldo_month, r->p.saldo_day);
			d->amount = inst == 1 ? acconto : annual - acconto;
			if (r->c.explain)
				imu_explain(r, h, use, part, inst == 1 ? prev : cur, redbuf, annual, acconto, d);
		}
	}
	return ES_OK;
}

/* The main-home deduction (c. 749) of the taxpayer, taken off the 3912 rows
 * in order until it is used up; it never makes the tax negative. */
static void
apply_deduction(es_dues_run *r, int inst, es_cents ded, const char *tributo)
{
	size_t i;

	for (i = 0; i < r->nrows && ded > 0; i++) {
		due_row *d = &r->rows[i];
		es_cents take;

		if (d->installment != inst || strcmp(d->tributo, tributo) != 0)
			continue;
		take = d->amount < ded ? d->amount : ded;
		if (take <= 0)
			continue;
		d->amount -= take;
		ded -= take;
		if (d->x_detail != NULL) {
			char buf[ES_MONEY_BUFSZ];

			d->x_detail = aprintf(&r->ar, "%s; main-home deduction %s", d->x_detail,
			                      es_money_format(take, ES_MONEY_PLAIN, buf));
		}
	}
}

/* Last year's deduction was larger than this year's: the saldo gives
 * back the difference. */
static void
add_to_first(es_dues_run *r, int inst, es_cents amount, const char *tributo)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		if (r->rows[i].installment == inst && strcmp(r->rows[i].tributo, tributo) == 0) {
			r->rows[i].amount += amount;
			return;
		}
	}
}

/* The share of a 0/0 holding: what the other holders of the right leave,
 * split equally (§1.9).  ES_EDATA (rejected) when they hold the whole. */
static es_rc
share_fallback(es_dues_run *r, const char *tax_code, holding *h, es_err *err)
{
	int n;
	int64_t kn, kd;

	if (es_dues_share_peers(r->side, h->unit_id, h->right_code, r->c.year, &n, &kn, &kd, err) != ES_OK)
		return err->rc;
	if (n < 1 || kn >= kd) {
		if (reject_holding(r, tax_code, h, err, "unit %s: share 0/0 and the other holders of right '%s' "
		                   "already hold the whole", h->unit_id, h->right_code) != ES_OK)
			return err->rc;
		return ES_EDATA;
	}
	/* (1 - known) / n */
	h->share_num = kd - kn;
	h->share_den = kd * n;
	h->share_fallback = true;
	es_warn_call(r->c.warn, r->c.ctx, NULL, 0, "unit %s, subject %s: share 0/0, fallback %lld/%lld (1/%d of what "
	             "the other holders leave)", h->unit_id, h->subject_id, (long long)h->share_num,
	             (long long)h->share_den, n);
	return ES_OK;
}

/* Classify one holding: right, unit, base, share, months.  ES_EDATA when
 * it is rejected or not taxed (h->skip, counted), else ES_OK or a failure. */
static es_rc
imu_classify(es_dues_run *r, const char *tax_code, holding *h, const es_dues_residence *res, size_t nres,
             es_err *err)
{
	es_imu_right right;
	es_rc rc;

#define REJECT(...) return reject_holding(r, tax_code, h, err, __VA_ARGS__) != ES_OK ? err->rc : ES_EDATA
	r->st.sum.read++;
	if (h->bad != NULL)
		REJECT("unit %s: %s", h->unit_id, h->bad);
	if (tax_code[0] == '\0')
		REJECT("subject %s has no tax code", h->subject_id);
	/* A position under a code that fails its check could be neither
	 * notified nor matched to a payment: manual review. */
	if (es_taxid_classify(tax_code) == ES_TAXID_INVALID)
		REJECT("subject %s: tax code '%s' is not a valid codice fiscale or partita IVA", h->subject_id, tax_code);
	if (es_imu_right_lookup(r->rules, h->right_code, &right, err) != ES_OK)
		REJECT("unit %s: %s", h->unit_id, err->msg);
	if (right == ES_IMU_RIGHT_REVIEW)
		REJECT("unit %s: right code '%s' needs manual review (title not coded)", h->unit_id, h->right_code);
	h->possessed = es_imu_months(h->from, h->to, r->c.year);
	if (right == ES_IMU_RIGHT_NOT_TAXABLE || h->possessed == 0 || special_partita(h))
		goto not_taxed;
	if (h->kind == 'T') {
		if (!h->has_situation || !h->has_rd)
			REJECT("land parcel %s has no reddito dominicale for %d", h->unit_id, r->c.year);
		if (es_imu_base_land(h->rd, r->p.land_revaluation, r->p.land_multiplier, &h->base, err) != ES_OK)
			REJECT("unit %s: %s", h->unit_id, err->msg);
	} else {
		if (!h->has_situation || h->category_raw[0] == '\0')
			REJECT("unit %s has no category in force in %d", h->unit_id, r->c.year);
		if (es_imu_category_normalise(h->category_raw, h->category, err) != ES_OK)
			REJECT("unit %s: %s", h->unit_id, err->msg);
		if (h->category[0] == 'F')
			REJECT("unit %s: category %s has no rendita: %s", h->unit_id, h->category,
			       strcmp(h->category, "F/2") == 0
			       ? "collabente, not taxed as a building (check the area)"
			       : "taxed as an area fabbricabile on its market value, which the ledger does not hold");
		if (es_imu_multiplier(r->rules, h->category, r->c.year, &h->multiplier, err) != ES_OK)
			REJECT("unit %s: %s", h->unit_id, err->msg);
		if (h->multiplier == 0)     /* exempt (group E) */
			goto not_taxed;
		if (!h->has_rendita)
			REJECT("unit %s (%s) has no rendita", h->unit_id, h->category);
		if (es_imu_base_building(h->rendita, r->p.revaluation, h->multiplier, &h->base, err) != ES_OK)
			REJECT("unit %s: %s", h->unit_id, err->msg);
	}
	if (h->share_den == 0 && (rc = share_fallback(r, tax_code, h, err)) != ES_OK)
		return rc;
	if (h->share_num > h->share_den)
		REJECT("unit %s: share %lld/%lld is more than 1", h->unit_id, (long long)h->share_num,
		       (long long)h->share_den);
	h->notmain = h->possessed;
	if (r->c.residents != NULL && h->kind == 'F') {
		es_date rf[MAX_RESIDENCES], rt[MAX_RESIDENCES];
		size_t i, n = 0;

		for (i = 0; i < nres; i++) {
			if (!es_dues_residence_unit(res[i].unit_id, h->unit_id))
				continue;
			if (n == MAX_RESIDENCES)
				REJECT("unit %s: more than %d residence periods of %s", h->unit_id, MAX_RESIDENCES,
				       tax_code);
			rf[n] = res[i].from;
			rt[n++] = res[i].to;
		}
		/* c. 761 on each part: main home and not (§2.4) */
		es_imu_months_split(h->from, h->to, rf, rt, n, r->c.year, &h->residence, &h->notmain);
	}
#undef REJECT
	return ES_OK;
not_taxed:
	h->skip = true;
	r->st.sum.written++;
	return ES_EDATA;
}

/* Pertinenze (c. 741 b): at most one each of C/2, C/6, C/7 — those the
 * residents file names first, else the one with the highest rendita. */
static void
imu_pertinenze(es_dues_run *r, uint16_t mh_union, bool mh_luxury)
{
	static const int classes[] = { 2, 6, 7 };
	size_t i, j;

	for (j = 0; j < ES_ARRAY_LEN(classes); j++) {
		holding *best = NULL;
		bool declared = false;

		for (i = 0; i < r->nholds; i++) {
			holding *h = &r->holds[i];
			bool decl;

			if (h->skip || h->pert_class != classes[j])
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

/* The main-home deduction of one holding (c. 749): this year's into
 * *annual, last year's (for the acconto) into *acconto. */
static es_rc
imu_deduction(es_dues_run *r, const holding *h, es_cents *annual, es_cents *acconto, es_err *err)
{
	const rate_row *cr, *pr = NULL;
	es_cents d;

	if (rate_need(r, r->c.year, ES_IMU_USE_MAIN_HOME, h->category, h->unit_id, &cr, err) != ES_OK ||
	    ((h->mainhome & ES_IMU_FIRST_HALF) &&
	     rate_need(r, r->c.year - 1, ES_IMU_USE_MAIN_HOME, h->category, h->unit_id, &pr, err) != ES_OK))
		return err->rc;
	if (es_imu_deduction(cr->has_detraction ? cr->detraction : r->p.main_home_deduction, h->share_num,
	                     h->share_den, es_imu_mask_count(h->mainhome), &d, err) == ES_OK)
		*annual += d;
	if (pr != NULL &&
	    es_imu_deduction(pr->has_detraction ? pr->detraction : r->pp.main_home_deduction, h->share_num,
	                     h->share_den, es_imu_mask_count(h->mainhome & ES_IMU_FIRST_HALF), &d, err) == ES_OK)
		*acconto += d;
	return ES_OK;
}

static es_rc
imu_taxpayer(es_dues_run *r, const char *tax_code, es_err *err)
{
	const es_dues_residence *res = NULL;
	size_t i, nres = 0;
	uint16_t mh_union = 0;
	bool mh_luxury = false, res_read = false;
	es_cents ded_annual = 0, ded_acconto = 0, mh_annual = 0, mh_acconto = 0;
	const char *t3912 = es_imu_tributo(r->rules, ES_IMU_USE_MAIN_HOME, ES_IMU_PART_ALL);
	es_rc rc;

	/* 1. Classify every holding. */
	for (i = 0; i < r->nholds; i++) {
		holding *h = &r->holds[i];

		/* the taxpayer's residence periods, read when a building needs them */
		if (r->c.residents != NULL && !res_read && h->kind == 'F' && h->bad == NULL && tax_code[0] != '\0') {
			if (es_dues_residences_of(r->side, tax_code, &res, &nres, err) != ES_OK)
				return err->rc;
			res_read = true;
		}
		if ((rc = imu_classify(r, tax_code, h, res, nres, err)) == ES_EDATA)
			continue;
		if (rc != ES_OK)
			return rc;
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
	/* 2. Pertinenze. */
	if (mh_union != 0)
		imu_pertinenze(r, mh_union, mh_luxury);
	/* 3. Lines. */
	for (i = 0; i < r->nholds; i++) {
		holding *h = &r->holds[i];
		es_imu_reductions red = { 0, 0, 0, 0 };
		uint16_t other;
		es_imu_use use;

		if (h->skip)
			continue;
		if (r->c.reductions != NULL) {
			uint16_t m[4];

			if (es_dues_reduction_months(r->side, h->unit_id, tax_code, r->c.year, m, err) != ES_OK)
				return err->rc;
			red.historic = m[0];
			red.unfit = m[1];
			red.lent = m[2];
			red.concordato = m[3];
		}
		use = h->kind == 'T' ? ES_IMU_USE_LAND : es_imu_use_for_category(h->category);
		if (h->kind == 'F' && (es_imu_category_dwelling(h->category) || h->pert_main)) {
			other = h->notmain;
			if (h->mainhome != 0 && h->luxury) {
				if (imu_lines(r, tax_code, h, ES_IMU_USE_MAIN_HOME, h->mainhome, &red, &mh_annual, &mh_acconto,
				              err) != ES_OK)
					return err->rc;
				if (!h->pert_main && !h->skip && imu_deduction(r, h, &ded_annual, &ded_acconto, err) != ES_OK)
					return err->rc;
			}
			/* non-luxury main home and its pertinenze: exempt (c. 740) */
		} else {
			other = h->possessed;
		}
		if (other != 0 && !h->skip &&
		    imu_lines(r, tax_code, h, use, other, &red, &mh_annual, &mh_acconto, err) != ES_OK)
			return err->rc;
		if (!h->skip)
			r->st.sum.written++;
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
		apply_deduction(r, 1, ded_acconto, t3912);
		diff = ded_annual - ded_acconto;
		if (diff > 0)
			apply_deduction(r, 2, diff, t3912);
		else if (diff < 0)
			add_to_first(r, 2, -diff, t3912);
	}
	return finish_taxpayer(r, tax_code, err);
}

static es_rc
run_imu(es_dues_run *r, es_err *err)
{
	es_dues_reader *rd;
	const es_dues_holding *h;
	char cur[64] = "";
	bool started = false;
	uint64_t n = 0;
	es_rc rc;

	if ((r->rules = es_imu_rules_load(err)) == NULL || es_imu_params_get(r->rules, r->c.year, &r->p, err) != ES_OK)
		return err->rc;
	/* the acconto uses last year's rates and deduction (c. 762) */
	if (es_imu_params_get(r->rules, r->c.year - 1, &r->pp, NULL) != ES_OK)
		r->pp = r->p;
	if (r->c.ente == NULL)
		r->min_amount = r->p.min_payment;
	if (rates_load(r, err) != ES_OK ||
	    (r->c.residents != NULL && load_residents(r, err) != ES_OK) ||
	    (r->c.reductions != NULL && load_reductions(r, err) != ES_OK))
		return err->rc;
	if ((rd = es_dues_holdings_open(r->c.ledger, r->c.year, err)) == NULL)
		return err->rc;
	if (write_header(r, err) != ES_OK)
		goto fail;
	/* One taxpayer at a time: the titles come ordered by tax code. */
	while ((rc = es_dues_holdings_next(rd, &h, err)) != ES_EOF) {
		if (rc != ES_OK && rc != ES_EDATA)
			goto fail;
		if (!started || strcmp(cur, h->tax_code) != 0) {
			if (started && imu_taxpayer(r, cur, err) != ES_OK)
				goto fail;
			r->nholds = 0;
			arena_reset(&r->ar);
			snprintf(cur, sizeof cur, "%s", h->tax_code);
			started = true;
		}
		if (holds_add(r, h, rc == ES_EDATA ? err->msg : NULL, err) != ES_OK)
			goto fail;
		if (++n % 4096 == 0 && r->c.progress != NULL)
			r->c.progress(r->c.ctx, n);
	}
	if (started && imu_taxpayer(r, cur, err) != ES_OK)
		goto fail;
	es_dues_holdings_close(rd);
	r->nholds = 0;
	return post_notices(r, due_day(r, r->p.acconto_month, r->p.acconto_day), err);
fail:
	es_dues_holdings_close(rd);
	return err->rc;
}

/* --- TARI --- */

static es_rc
tari_codes(es_dues_run *r, es_err *err)
{
	static const char *const parts[2] = { "tari", "tefa" };
	char *out[2] = { r->trib_tari, r->trib_tefa };
	es_table *t;
	size_t k;
	long i;

	if ((t = es_table_load("tari_codici_tributo", err)) == NULL)
		return err->rc;
	for (k = 0; k < 2; k++) {
		if ((i = es_table_find(t, "part", parts[k])) < 0) {
			es_table_free(t);
			return es_err_set(err, ES_ECONFIG, "tari_codici_tributo: no row for part '%s'", parts[k]);
		}
		snprintf(out[k], sizeof r->trib_tari, "%s", es_table_get(t, (size_t)i, "tributo"));
	}
	es_table_free(t);
	return ES_OK;
}

/* A TARI user (declaration): checked and kept for its taxpayer. */
static es_rc
tari_row(es_dues_run *r, const es_csv_reader *rd, const es_csv_row *row, const int *idx, void *arg, es_err *err)
{
	const char *type = es_csv_get(row, idx[1]), *mem = es_csv_get(row, idx[6]), *cat = es_csv_get(row, idx[7]);
	es_dues_tari_user u;
	char tc[20];
	int64_t v;

	(void)arg;
	memset(&u, 0, sizeof u);
	u.source = es_csv_source(rd);
	u.line = row->line;
	es_taxid_normalise(es_csv_get(row, idx[0]), tc, sizeof tc);
	u.tax_code = tc;
	u.unit_id = es_csv_get(row, idx[5]);
	if (es_taxid_classify(tc) == ES_TAXID_INVALID)
		return es_err_set(err, ES_EDATA, "tax_code: '%s' is not a valid codice fiscale or partita IVA",
		                  es_csv_get(row, idx[0]));
	if (strcmp(type, "domestic") == 0 || strcmp(type, "D") == 0)
		u.domestic = true;
	else if (strcmp(type, "non_domestic") == 0 || strcmp(type, "N") == 0)
		u.domestic = false;
	else
		return es_err_set(err, ES_EDATA, "user_type: '%s' is neither domestic nor non_domestic", type);
	if (es_decimal_parse(es_csv_get(row, idx[2]), 2, &u.surface, err) != ES_OK || u.surface <= 0)
		return es_err_set(err, ES_EDATA, "surface_m2: '%s' is not a positive surface", es_csv_get(row, idx[2]));
	if (period_fields(row, idx[3], idx[4], &u.from, &u.to, err) != ES_OK)
		return ES_EDATA;
	if (u.domestic) {
		if (*mem != '\0') {
			if (es_decimal_parse(mem, 0, &v, err) != ES_OK || v < 1 || v > 99)
				return es_err_set(err, ES_EDATA, "members: '%s' is not a number of people", mem);
			u.members = (int)v;
		} else if (r->c.residents != NULL && *u.unit_id != '\0') {
			/* household size from the residents on the first day of the year's occupation */
			es_date day = u.from == ES_DATE_NONE || u.from < r->jan1 ? r->jan1 : u.from;

			if (es_dues_residents_count(r->side, u.unit_id, day, &u.members, err) != ES_OK)
				return err->rc;
		}
		if (u.members < 1)
			return es_err_set(err, ES_EDATA, "members: household size unknown (no members column and "
			                  "no residents of unit '%s')", u.unit_id);
		if (u.members > ES_TARI_MAX_MEMBERS)
			u.members = ES_TARI_MAX_MEMBERS;
		if (!r->tf->domestic[u.members].set)
			return es_err_set(err, ES_ECONFIG, "%s: no domestic tariff for %d members in %d (needed by %s:%llu)",
			                  r->tf->path, u.members, r->c.year, u.source, (unsigned long long)u.line);
	} else {
		if (es_decimal_parse(cat, 0, &v, err) != ES_OK || v < 1 || v > ES_TARI_MAX_CATEGORY)
			return es_err_set(err, ES_EDATA, "category: '%s' is not a non-domestic category (1..99)", cat);
		u.category = (int)v;
		if (!r->tf->non_domestic[u.category].set)
			return es_err_set(err, ES_ECONFIG, "%s: no tariff for non-domestic category %d in %d (needed by "
			                  "%s:%llu)", r->tf->path, u.category, r->c.year, u.source, (unsigned long long)u.line);
	}
	return es_dues_tari_add(r->side, &u, err);
}

static es_rc
tari_read(es_dues_run *r, const char *path, es_err *err)
{
	static const char *const cols[] = { "tax_code", "user_type", "surface_m2", "from", "to" };
	static const char *const opt[] = { "unit_id", "members", "category" };

	return side_load(r, path, cols, 5, opt, 3, tari_row, NULL, err);
}

/* The explanation columns of one TARI row. */
static void
tari_explain(es_dues_run *r, const es_dues_tari_user *u, const es_tari_coeff *k, es_cents fixed,
             es_cents variable, int days, bool tefa, due_row *d)
{
	arena *a = &r->ar;
	char q1[32], k1[32], q2[32], k2[32], s[32], fb[ES_MONEY_BUFSZ], vb[ES_MONEY_BUFSZ];

	d->x_category = u->domestic ? aprintf(a, "domestic, %d members", u->members)
	                            : aprintf(a, "non_domestic, category %d", u->category);
	d->x_use = u->domestic ? "domestic" : "non_domestic";
	d->x_rate_source = aprintf(a, "%s:%llu", r->tf->path, (unsigned long long)k->line);
	es_decimal_format(k->quota_fixed, 6, q1);
	es_decimal_format(k->k_fixed, 4, k1);
	es_decimal_format(k->quota_variable, 6, q2);
	es_decimal_format(k->k_variable, 4, k2);
	es_decimal_format(u->surface, 2, s);
	es_money_format(fixed, ES_MONEY_PLAIN, fb);
	es_money_format(variable, ES_MONEY_PLAIN, vb);
	if (u->domestic)
		d->x_detail = aprintf(a, "fixed %s m2 x Quf %s x Ka %s = %s; variable Quv %s x Kb %s = %s; days %d/%d%s",
		                      s, q1, k1, fb, q2, k2, vb, days, r->year_days, tefa ? "; TEFA on the TARI" : "");
	else
		d->x_detail = aprintf(a, "fixed %s m2 x Qapf %s x Kc %s = %s; variable Cu %s x %s m2 x Kd %s = %s; "
		                      "days %d/%d%s", s, q1, k1, fb, q2, s, k2, vb, days, r->year_days,
		                      tefa ? "; TEFA on the TARI" : "");
	d->x_legal = tefa ? "art. 19 D.Lgs. 504/1992; L. 147/2013 c. 666"
	                  : "D.P.R. 158/1999 All. 1 p. 4; L. 147/2013 c. 651-652";
}

static es_rc
tari_user(es_dues_run *r, const es_dues_tari_user *u, es_err *err)
{
	const es_tari_tariff *tf = r->tf;
	const es_tari_coeff *k = u->domestic ? &tf->domestic[u->members] : &tf->non_domestic[u->category];
	es_date a = u->from == ES_DATE_NONE || u->from < r->jan1 ? r->jan1 : u->from;
	es_date b = u->to == ES_DATE_NONE || u->to > r->dec31 ? r->dec31 : u->to - 1;  /* to: not billed */
	es_cents fixed, variable, tari, tefa = 0, parts[2][ES_TARI_MAX_INSTALLMENTS];
	int64_t shares[ES_TARI_MAX_INSTALLMENTS];
	int days = b >= a ? (int)(b - a + 1) : 0;
	const char *unit_id;
	size_t i;
	int pass;

	if (days == 0)
		return ES_OK;
	if ((u->domestic ? es_tari_domestic(k->quota_fixed, k->k_fixed, u->surface, k->quota_variable, k->k_variable,
	                                    &fixed, &variable, err)
	                 : es_tari_non_domestic(k->quota_fixed, k->k_fixed, u->surface, k->quota_variable,
	                                        k->k_variable, &fixed, &variable, err)) != ES_OK ||
	    es_tari_amount(u->domestic, k->quota_fixed, k->k_fixed, k->quota_variable, k->k_variable, u->surface,
	                   days, r->year_days, &tari, err) != ES_OK ||
	    (tf->tefa_rate >= 0 && es_tari_tefa(tari, tf->tefa_rate, &tefa, err) != ES_OK))
		return err->rc;
	for (i = 0; i < tf->ninst; i++)
		shares[i] = tf->inst[i].share;
	if (es_tari_split(tari, shares, tf->ninst, parts[0], err) != ES_OK ||
	    es_tari_split(tefa, shares, tf->ninst, parts[1], err) != ES_OK)
		return err->rc;
	unit_id = astrdup(&r->ar, u->unit_id);
	for (pass = 0; pass < (tf->tefa_rate < 0 ? 1 : 2); pass++) {
		for (i = 0; i < tf->ninst; i++) {
			due_row *d = rows_add(r);

			if (d == NULL)
				return nomem(err);
			snprintf(d->tributo, sizeof d->tributo, "%s", pass == 0 ? r->trib_tari : r->trib_tefa);
			d->unit_id = unit_id;
			if (pass == 1) {
				d->has_rate = true;
				d->rate = tf->tefa_rate;
			}
			d->installment = tf->inst[i].number;
			d->due = es_calendar_next_working_day(r->c.cal, tf->inst[i].due);
			d->amount = parts[pass][i];
			if (r->c.explain)
				tari_explain(r, u, k, fixed, variable, days, pass == 1, d);
		}
	}
	return ES_OK;
}

static es_rc
run_tari(es_dues_run *r, es_err *err)
{
	es_dues_tari_reader *rd;
	const es_dues_tari_user *u;
	char cur[32] = "";
	bool started = false;
	es_rc rc;
	size_t i;

	r->jan1 = es_date_from_ymd(r->c.year, 1, 1);
	r->dec31 = es_date_from_ymd(r->c.year, 12, 31);
	r->year_days = (int)(r->dec31 - r->jan1 + 1);
	if ((r->tf = es_tari_tariff_load(r->c.rates, r->c.year, err)) == NULL || tari_codes(r, err) != ES_OK)
		return err->rc;
	if (r->c.ente == NULL) {
		es_imu_rules *ir = es_imu_rules_load(err);
		es_imu_params p;

		if (ir == NULL || es_imu_params_get(ir, r->c.year, &p, err) != ES_OK) {
			es_imu_rules_free(ir);
			return err->rc;
		}
		r->min_amount = p.min_payment;
		es_imu_rules_free(ir);
	}
	if ((r->c.residents != NULL && load_residents(r, err) != ES_OK) || es_dues_tari_begin(r->side, err) != ES_OK)
		return err->rc;
	if (r->c.nusers == 0 && tari_read(r, "-", err) != ES_OK)
		return err->rc;
	for (i = 0; i < r->c.nusers; i++)
		if (tari_read(r, r->c.users[i], err) != ES_OK)
			return err->rc;
	if (write_header(r, err) != ES_OK || (rd = es_dues_tari_open(r->c.ledger, err)) == NULL)
		return err->rc;
	while ((rc = es_dues_tari_next(rd, &u, err)) != ES_EOF) {
		if (rc != ES_OK)
			goto fail;
		if (!started || strcmp(cur, u->tax_code) != 0) {
			if (started && finish_taxpayer(r, cur, err) != ES_OK)
				goto fail;
			arena_reset(&r->ar);
			snprintf(cur, sizeof cur, "%s", u->tax_code);
			started = true;
		}
		if (tari_user(r, u, err) != ES_OK)
			goto fail;
	}
	if (started && finish_taxpayer(r, cur, err) != ES_OK)
		goto fail;
	es_dues_tari_close(rd);
	return post_notices(r, r->tf->has_single ? es_calendar_next_working_day(r->c.cal, r->tf->single.due)
	                                         : ES_DATE_NONE, err);
fail:
	es_dues_tari_close(rd);
	return err->rc;
}

es_rc
es_dues_run_compute(es_dues_run *r, es_err *err)
{
	return r->c.tax == ES_DUES_IMU ? run_imu(r, err) : run_tari(r, err);
}
