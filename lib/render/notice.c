/* notice.c: the notices stream grouped into notices and validated.
 *
 * One CSV row per payable item; consecutive rows with the same notice_id
 * form one notice.  A notice is rendered whole or rejected whole: a bad row
 * makes its whole notice bad, so that a 6-installment plan is never printed
 * with 5 installments. */
#include "es_setup.h"

#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "render/render.h"
#include "io/csv.h"
#include "types/taxid.h"

enum { C_ID, C_ACT, C_TAX, C_NAME, C_ADDR, C_SUBJ, C_INST, C_NAV, C_AMOUNT, C_DUE, C_NREQ };

static const char *const required[C_NREQ] = {
	"notice_id", "act_type", "tax_code", "name", "address", "subject_text",
	"installment", "notice_number", "amount", "due_date"
};

/* The largest installment number accepted (far above the 72 monthly
 * installments of L. 160/2019 c. 796; a guard against garbage). */
#define INST_MAX 999

typedef struct row {
	char **f;            /* ncols strings */
	uint64_t line;
} row;

struct es_render_reader {
	es_csv_reader *csv;
	es_render_reader_opts opts;
	int col[C_NREQ];
	int col_pec;
	size_t ncols;
	/* the notice being built */
	GPtrArray *rows;             /* row* */
	GPtrArray *rowptrs;          /* char** views for es_render_notice.rows */
	GArray *lines;
	GArray *inst;
	es_render_notice n;
	char *bad;                   /* first error of the current notice */
	/* one row of lookahead */
	row *pending;
	char *pending_err;
	bool eof;
	GHashTable *seen;            /* notice_id -> first line (as string) */
	char tax_code[ES_RENDER_TAXCODE_MAX + 1];
};

static void
row_free(row *r)
{
	if (r == NULL)
		return;
	g_strfreev(r->f);
	g_free(r);
}

static row *
row_copy(const es_csv_row *cr, size_t ncols)
{
	row *r = g_new0(row, 1);
	size_t i;

	r->f = g_new0(char *, ncols + 1);
	for (i = 0; i < ncols; i++)
		r->f[i] = g_strdup(i < cr->nfields ? cr->fields[i] : "");
	r->line = cr->line;
	return r;
}

es_render_reader *
es_render_reader_open(const char *path, const es_render_reader_opts *opts, es_err *err)
{
	es_render_reader *r;
	es_csv_reader *csv;

	csv = es_csv_reader_open(path, NULL, err);
	if (csv == NULL)
		return NULL;
	r = g_new0(es_render_reader, 1);
	r->csv = csv;
	if (opts != NULL)
		r->opts = *opts;
	if (es_csv_require(csv, required, r->col, C_NREQ, err) != ES_OK) {
		es_err_prefix(err, "%s", es_csv_source(csv));
		es_render_reader_close(r);
		return NULL;
	}
	r->col_pec = es_csv_col(csv, "pec");
	r->ncols = es_csv_ncols(csv);
	r->rows = g_ptr_array_new_with_free_func((GDestroyNotify)row_free);
	r->rowptrs = g_ptr_array_new();
	r->lines = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	r->inst = g_array_new(FALSE, TRUE, sizeof(es_render_inst));
	r->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return r;
}

const char *const *
es_render_reader_header(const es_render_reader *r, size_t *ncols)
{
	*ncols = r->ncols;
	return es_csv_header(r->csv);
}

void
es_render_reader_close(es_render_reader *r)
{
	if (r == NULL)
		return;
	es_csv_reader_close(r->csv);
	if (r->rows != NULL)
		g_ptr_array_free(r->rows, TRUE);
	if (r->rowptrs != NULL)
		g_ptr_array_free(r->rowptrs, TRUE);
	if (r->lines != NULL)
		g_array_free(r->lines, TRUE);
	if (r->inst != NULL)
		g_array_free(r->inst, TRUE);
	if (r->seen != NULL)
		g_hash_table_destroy(r->seen);
	row_free(r->pending);
	g_free(r->pending_err);
	g_free(r->bad);
	g_free(r);
}

/* Read the next CSV row into r->pending; false at end of input. */
static es_rc
read_row(es_render_reader *r, es_err *err)
{
	es_csv_row *cr;
	es_err e;
	es_rc rc;

	if (r->eof)
		return ES_EOF;
	es_err_clear(&e);
	rc = es_csv_next(r->csv, &cr, &e);
	if (rc == ES_EOF) {
		r->eof = true;
		return ES_EOF;
	}
	if (rc != ES_OK && rc != ES_EDATA) {
		*err = e;
		return rc;
	}
	r->pending = row_copy(cr, r->ncols);
	r->pending_err = rc == ES_EDATA ? g_strdup(e.msg) : NULL;
	return ES_OK;
}

static void
mark_bad(es_render_reader *r, uint64_t line, const char *fmt, ...) ES_PRINTF(3, 4);

static void
mark_bad(es_render_reader *r, uint64_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (r->bad != NULL)
		return;
	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	r->bad = line > 0 ? g_strdup_printf("line %" G_GUINT64_FORMAT ": %s", line, msg) : g_strdup(msg);
	g_free(msg);
}

static const char *
fld(const row *w, int col)
{
	return col >= 0 ? w->f[col] : "";
}

static void
check_limit(es_render_reader *r, const row *w, int col, size_t max)
{
	const char *s = fld(w, col);
	glong n = g_utf8_strlen(s, -1);

	if ((size_t)n > max)
		mark_bad(r, w->line, "%s: %ld characters, the notice allows at most %zu", required[col], n, max);
}

/* Validate one row and append its payable item. */
static void
add_row(es_render_reader *r, row *w)
{
	es_render_inst in;
	const row *first;
	es_err e;
	char *end;
	long num;
	size_t i;

	g_ptr_array_add(r->rows, w);
	g_array_append_val(r->lines, w->line);
	if (r->bad != NULL)
		return;
	first = g_ptr_array_index(r->rows, 0);
	if (w != first) {
		static const int same[] = { C_ACT, C_TAX, C_NAME, C_ADDR, C_SUBJ };

		for (i = 0; i < ES_ARRAY_LEN(same); i++)
			if (strcmp(fld(w, r->col[same[i]]), fld(first, r->col[same[i]])) != 0) {
				mark_bad(r, w->line, "%s differs from the notice's first row (line %" G_GUINT64_FORMAT ")",
				         required[same[i]], first->line);
				return;
			}
	} else {
		check_limit(r, w, C_NAME, ES_RENDER_NAME_MAX);
		check_limit(r, w, C_ADDR, ES_RENDER_ADDRESS_MAX);
		check_limit(r, w, C_SUBJ, ES_RENDER_SUBJECT_MAX);
		if (*fld(w, r->col[C_NAME]) == '\0')
			mark_bad(r, w->line, "name: empty");
		if (*fld(w, r->col[C_SUBJ]) == '\0')
			mark_bad(r, w->line, "subject_text: empty");
		if (*fld(w, r->col[C_TAX]) != '\0') {
			if (es_taxid_normalise(fld(w, r->col[C_TAX]), r->tax_code, sizeof r->tax_code) == NULL ||
			    es_taxid_classify(r->tax_code) == ES_TAXID_INVALID)
				mark_bad(r, w->line, "tax_code: '%s' is not a codice fiscale or partita IVA",
				         fld(w, r->col[C_TAX]));
		} else {
			r->tax_code[0] = '\0';
		}
		if (r->bad != NULL)
			return;
	}
	memset(&in, 0, sizeof in);
	num = strtol(fld(w, r->col[C_INST]), &end, 10);
	if (*fld(w, r->col[C_INST]) == '\0' || *end != '\0' || num < 0 || num > INST_MAX) {
		mark_bad(r, w->line, "installment: '%s' is not a number 0..%d (0 = rata unica)",
		         fld(w, r->col[C_INST]), INST_MAX);
		return;
	}
	in.number = (int)num;
	es_err_clear(&e);
	if (es_nav_validate(fld(w, r->col[C_NAV]), &e) != ES_OK) {
		mark_bad(r, w->line, "notice_number: %s", e.msg);
		return;
	}
	memcpy(in.nav, fld(w, r->col[C_NAV]), ES_NAV_BUFSZ);
	if (es_money_parse(fld(w, r->col[C_AMOUNT]), r->opts.decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN,
	                   &in.amount, &e) != ES_OK) {
		mark_bad(r, w->line, "amount: %s", e.msg);
		return;
	}
	if (in.amount <= 0) {
		mark_bad(r, w->line, "amount: must be positive");
		return;
	}
	if (es_date_parse(fld(w, r->col[C_DUE]), ES_DATE_ANY, &in.due, &e) != ES_OK) {
		mark_bad(r, w->line, "due_date: %s", e.msg);
		return;
	}
	if (in.due == ES_DATE_NONE) {
		mark_bad(r, w->line, "due_date: empty");
		return;
	}
	for (i = 0; i < r->inst->len; i++) {
		const es_render_inst *o = &g_array_index(r->inst, es_render_inst, i);

		if (o->number == in.number) {
			mark_bad(r, w->line, "installment %d appears twice", in.number);
			return;
		}
		if (strcmp(o->nav, in.nav) == 0) {
			mark_bad(r, w->line, "notice_number %s appears twice", in.nav);
			return;
		}
	}
	g_array_append_val(r->inst, in);
}

static int
inst_cmp(const void *a, const void *b)
{
	const es_render_inst *x = a, *y = b;

	return (x->number > y->number) - (x->number < y->number);
}

static void
finish_notice(es_render_reader *r)
{
	es_render_notice *n = &r->n;
	const row *first = g_ptr_array_index(r->rows, 0);
	size_t i;

	memset(n, 0, sizeof *n);
	g_ptr_array_set_size(r->rowptrs, 0);
	for (i = 0; i < r->rows->len; i++)
		g_ptr_array_add(r->rowptrs, ((row *)g_ptr_array_index(r->rows, i))->f);
	n->notice_id = fld(first, r->col[C_ID]);
	n->act_type = fld(first, r->col[C_ACT]);
	n->tax_code = r->tax_code;
	n->name = fld(first, r->col[C_NAME]);
	n->address = fld(first, r->col[C_ADDR]);
	n->pec = fld(first, r->col_pec);
	n->subject = fld(first, r->col[C_SUBJ]);
	n->ncols = r->ncols;
	n->colnames = es_csv_header(r->csv);
	n->values = (const char *const *)first->f;
	n->nrows = r->rows->len;
	n->rows = (const char *const *const *)r->rowptrs->pdata;
	n->lines = (const uint64_t *)(void *)r->lines->data;
	n->source = es_csv_source(r->csv);
	if (r->bad != NULL)
		return;
	qsort(r->inst->data, r->inst->len, sizeof(es_render_inst), inst_cmp);
	n->inst = (es_render_inst *)(void *)r->inst->data;
	n->ninst = r->inst->len;
	n->has_single = n->ninst > 0 && n->inst[0].number == 0;
	n->nrate = n->ninst - (n->has_single ? 1 : 0);
	for (i = 0; i < n->nrate; i++)
		if (n->inst[i + (n->has_single ? 1 : 0)].number != (int)i + 1) {
			mark_bad(r, first->line, "installments must be numbered 1..%zu without gaps (installment %zu is missing)",
			         n->nrate, i + 1);
			return;
		}
	if (n->has_single) {
		n->total = n->inst[0].amount;
		n->due = n->inst[0].due;
	} else {
		for (i = 0; i < n->nrate; i++) {
			if (n->total > ES_CENTS_MAX - n->inst[i].amount) {
				mark_bad(r, first->line, "the installments' total is too large");
				return;
			}
			n->total += n->inst[i].amount;
		}
		n->due = n->inst[0].due;
	}
}

es_rc
es_render_reader_next(es_render_reader *r, const es_render_notice **out, es_err *err)
{
	const char *id;
	gpointer prev;
	es_rc rc;

	*out = NULL;
	g_ptr_array_set_size(r->rows, 0);
	g_array_set_size(r->lines, 0);
	g_array_set_size(r->inst, 0);
	g_free(r->bad);
	r->bad = NULL;
	if (r->pending == NULL && (rc = read_row(r, err)) != ES_OK)
		return rc;
	/* the first row of the notice */
	{
		row *w = r->pending;
		char *perr = r->pending_err;

		r->pending = NULL;
		r->pending_err = NULL;
		id = fld(w, r->col[C_ID]);
		add_row(r, w);
		if (perr != NULL)
			mark_bad(r, w->line, "%s", perr);
		g_free(perr);
		if (*id == '\0')
			mark_bad(r, w->line, "notice_id: empty");
		else if (g_hash_table_lookup_extended(r->seen, id, NULL, &prev))
			mark_bad(r, w->line, "notice_id %s: its rows must be consecutive (seen before, line %"
			         G_GUINT64_FORMAT ")", id, (guint64)GPOINTER_TO_SIZE(prev));
		else
			g_hash_table_insert(r->seen, g_strdup(id), GSIZE_TO_POINTER((gsize)w->line));
	}
	/* the following rows with the same notice_id */
	for (;;) {
		row *w;

		rc = read_row(r, err);
		if (rc == ES_EOF)
			break;
		if (rc != ES_OK)
			return rc;
		w = r->pending;
		if (*id == '\0' || strcmp(fld(w, r->col[C_ID]), id) != 0)
			break;
		r->pending = NULL;
		add_row(r, w);
		if (r->pending_err != NULL)
			mark_bad(r, w->line, "%s", r->pending_err);
		g_free(r->pending_err);
		r->pending_err = NULL;
	}
	finish_notice(r);
	*out = &r->n;
	if (r->bad != NULL)
		return es_err_set(err, ES_EDATA, "notice %s: %s", *r->n.notice_id != '\0' ? r->n.notice_id : "(no id)",
		                  r->bad);
	return ES_OK;
}

/* ---- pure layout decisions ---- */

es_render_layout
es_render_layout_for(size_t nrate, size_t many)
{
	if (nrate <= 1)
		return ES_RENDER_LAYOUT_SINGLE;
	if (many > 0 && nrate >= many)
		return ES_RENDER_LAYOUT_MANY;
	return ES_RENDER_LAYOUT_GROUPED;
}

const char *
es_render_layout_name(es_render_layout l)
{
	switch (l) {
	case ES_RENDER_LAYOUT_SINGLE: return "single";
	case ES_RENDER_LAYOUT_GROUPED: return "grouped";
	case ES_RENDER_LAYOUT_MANY: return "many-installments";
	}
	return "?";
}

size_t
es_render_group_rows(size_t n, int *sizes, size_t max)
{
	size_t k = 0, threes, twos;

	if (n == 0)
		return 0;
	if (n == 1) {
		if (max > 0)
			sizes[0] = 1;
		return 1;
	}
	/* as many rows of 3 as possible, the rest in rows of 2: n = 3a + 2b */
	switch (n % 3) {
	case 0: threes = n / 3; twos = 0; break;
	case 1: threes = (n - 4) / 3; twos = 2; break;
	default: threes = n / 3; twos = 1; break;
	}
	while (threes-- > 0) {
		if (k < max)
			sizes[k] = 3;
		k++;
	}
	while (twos-- > 0) {
		if (k < max)
			sizes[k] = 2;
		k++;
	}
	return k;
}

/* Append up to width characters of s (a UTF-8 string without leading
 * blanks) as lines, breaking at spaces. */
static size_t
wrap_piece(const char *s, size_t width, char **lines, size_t k, size_t max)
{
	while (*s != '\0' && k < max) {
		const char *p = s, *brk = NULL;
		size_t n = 0;

		while (*p != '\0' && n < width) {
			if (*p == ' ')
				brk = p;
			p = g_utf8_next_char(p);
			n++;
		}
		if (*p == '\0' || k == max - 1) {
			lines[k++] = g_strdup(s);
			return k;
		}
		if (*p == ' ')
			brk = p;
		if (brk == NULL || brk == s)
			brk = p;   /* a word longer than the line: cut it */
		lines[k++] = g_strndup(s, (gsize)(brk - s));
		s = brk;
		while (*s == ' ')
			s++;
	}
	return k;
}

size_t
es_render_address_lines(const char *address, size_t width, char **lines, size_t max)
{
	char **parts, *joined;
	size_t k = 0, i;

	if (max == 0 || width == 0)
		return 0;
	parts = g_strsplit(address, ",", -1);
	for (i = 0; parts[i] != NULL && k < max; i++) {
		g_strstrip(parts[i]);
		if (*parts[i] == '\0')
			continue;
		if (k == max - 1 && parts[i + 1] != NULL) {
			/* the last line takes everything left, comma-joined */
			char **rest = &parts[i];
			size_t j;

			for (j = 1; rest[j] != NULL; j++)
				g_strstrip(rest[j]);
			joined = g_strjoinv(", ", rest);
			lines[k++] = joined;
			break;
		}
		k = wrap_piece(parts[i], width, lines, k, max);
	}
	g_strfreev(parts);
	return k;
}
