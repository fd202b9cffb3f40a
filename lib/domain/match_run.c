/* match_run.c: one match-payments run (see match_run.h): the inputs
 * detected by content, the dues and manual allocations loaded, the
 * payments CSV read in batches, the allocations written. */
#include "es_setup.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "domain/match_run.h"
#include "domain/fdr.h"
#include "domain/opi.h"
#include "io/csv.h"
#include "io/stream.h"
#include "io/xml.h"
#include "store/allocations.h"

/* --- output: the allocations stream, through one large buffer --- */

#define OUT_BUFSZ (1u << 20)

typedef struct outbuf {
	FILE *fp;
	es_out *out;             /* when not stdout */
	char *buf;
	size_t len;
	bool failed;
	char sep;                /* ',' or ';' (--locale it) */
	es_money_style money;
	bool stop[256];          /* bytes that end the fast copy of a field */
	/* The lengths of the status and recon names, 0 for one that needs a
	 * look (ob_init). */
	uint8_t status_len[ES_ALLOC_DUPLICATE + 1];
	uint8_t recon_len[ES_RECON_UNKNOWN_CREDIT + 1];
} outbuf;

/* The length of a name that can be copied as it is (no byte to quote,
 * no space at either end, shorter than 64 bytes), or 0. */
static size_t
ob_plain_len(const outbuf *o, const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n >= 64 || s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (o->stop[(unsigned char)s[i]])
			return 0;
	return n;
}

/* The bytes that need a look before a field is copied as it is: NUL
 * (its end), the separator, quote, CR and LF. */
static void
ob_init(outbuf *o, char sep)
{
	size_t i;

	o->sep = sep;
	memset(o->stop, 0, sizeof o->stop);
	o->stop[0] = o->stop[(unsigned char)sep] = o->stop['"'] = o->stop['\r'] = o->stop['\n'] = true;
	for (i = 0; i < ES_ARRAY_LEN(o->status_len); i++)
		o->status_len[i] = (uint8_t)ob_plain_len(o, es_alloc_status_name((es_alloc_status)i));
	for (i = 0; i < ES_ARRAY_LEN(o->recon_len); i++)
		o->recon_len[i] = (uint8_t)ob_plain_len(o, es_recon_name((es_recon)i));
}

static bool
ob_flush(outbuf *o)
{
	if (o->len == 0 || o->failed)
		return !o->failed;
	if (o->out != NULL) {
		es_err e;

		if (es_out_write(o->out, o->buf, o->len, &e) != ES_OK)
			o->failed = true;
	} else if (fwrite(o->buf, 1, o->len, o->fp) != o->len) {
		o->failed = true;
	}
	o->len = 0;
	return !o->failed;
}

static void ob_field_slow(outbuf *o, const char *s, bool last);

/* A field, and the separator or the line end after it. */
#define OB_FAST 256
static inline void
ob_field(outbuf *o, const char *s, bool last)
{
	/* The usual field: short, nothing to quote; copied as it is. */
	if (o->len + OB_FAST + 1 <= OUT_BUFSZ && s[0] != ' ') {
		const bool *stop = o->stop;
		char *d = o->buf + o->len;
		size_t i;

		/* Copied as it is scanned (what is copied of a field that
		 * turns out to need quotes is written over). */
		for (i = 0; i < OB_FAST; i++) {
			unsigned char c = (unsigned char)s[i];

			if (stop[c])
				break;
			d[i] = (char)c;
		}
		if (i < OB_FAST && s[i] == '\0' && (i == 0 || s[i - 1] != ' ')) {
			d[i] = last ? '\n' : o->sep;
			o->len += i + 1;
			return;
		}
	}
	ob_field_slow(o, s, last);
}

static void
ob_field_slow(outbuf *o, const char *s, bool last)
{
	size_t n = strlen(s), need;

	need = 2 * n + 4;
	if (o->len + need > OUT_BUFSZ)
		ob_flush(o);
	if (need > OUT_BUFSZ) {
		/* A field larger than the buffer: never from this program's
		 * inputs (ids are short), but do not overflow. */
		n = OUT_BUFSZ / 2 - 4;
	}
	if (strpbrk(s, o->sep == ';' ? ";\"\r\n" : ",\"\r\n") != NULL || (n > 0 && (s[0] == ' ' || s[n - 1] == ' ')))
		o->len += csv_write(o->buf + o->len, OUT_BUFSZ - o->len, s, n);
	else {
		memcpy(o->buf + o->len, s, n);
		o->len += n;
	}
	o->buf[o->len++] = last ? '\n' : o->sep;
}

static const char *const out_header[] = {
	"payment_id", "position_id", "notice_number", "tax_code", "amount", "rule", "status", "recon", "note"
};

static void
ob_header(outbuf *o)
{
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(out_header); i++)
		ob_field(o, out_header[i], i + 1 == ES_ARRAY_LEN(out_header));
}

/* A name of n bytes (n from ob_plain_len), and the separator; 0: as any
 * field. */
static inline void
ob_name(outbuf *o, const char *s, size_t n)
{
	if (n > 0 && o->len + n + 1 <= OUT_BUFSZ) {
		memcpy(o->buf + o->len, s, n);
		o->buf[o->len + n] = o->sep;
		o->len += n + 1;
	} else {
		ob_field(o, s, false);
	}
}

static void
ob_alloc(outbuf *o, const es_alloc *a)
{
	char amt[ES_MONEY_BUFSZ];

	ob_field(o, a->payment_id, false);
	ob_field(o, a->position_id, false);
	ob_field(o, a->notice_number, false);
	ob_field(o, a->tax_code, false);
	/* An amount in the plain or comma style is digits, a sign and its
	 * decimal separator (never the field separator: ob_init): written
	 * straight into the buffer. */
	if ((o->money == ES_MONEY_PLAIN || (o->money == ES_MONEY_COMMA && o->sep != ','))
	    && o->len + ES_MONEY_BUFSZ + 1 <= OUT_BUFSZ) {
		size_t n = es_money_format_len(a->amount, o->money, o->buf + o->len);

		o->buf[o->len + n] = o->sep;
		o->len += n + 1;
	} else {
		ob_field(o, es_money_format(a->amount, o->money, amt), false);
	}
	ob_field(o, a->rule, false);
	if ((unsigned)a->status < ES_ARRAY_LEN(o->status_len))
		ob_name(o, es_alloc_status_name(a->status), o->status_len[a->status]);
	else
		ob_field(o, es_alloc_status_name(a->status), false);
	if ((unsigned)a->recon < ES_ARRAY_LEN(o->recon_len))
		ob_name(o, es_recon_name(a->recon), o->recon_len[a->recon]);
	else
		ob_field(o, es_recon_name(a->recon), false);
	ob_field(o, a->note, true);
}

/* --- the run --- */

typedef enum input_kind { IN_CSV, IN_FDR, IN_OPI, IN_BAD } input_kind;

typedef struct input {
	const char *path;
	input_kind kind;
} input;

struct es_match_run {
	es_matcher *m;
	es_match_sink sink;
	input *in;
	size_t nin, capin;
	outbuf out;
	outbuf unmatched;
	bool have_unmatched;
	const char *unmatched_path;
	es_rejects *rejects;
	es_match_run_stats st;
	es_alloc_store *store;   /* with a ledger */
	es_money_style money;
	es_warn_fn warn;
	es_progress_fn progress;
	void *ctx;
	/* The CSV row being matched, for the rejects file. */
	es_csv_reader *cur;
	es_csv_row *row;
	/* The last dates parsed (a file holds few distinct ones). */
	struct {
		char s[16];
		size_t n;        /* strlen(s) */
		es_date d;
	} dates[4];
	unsigned ndates, next_date, last_date;
};

typedef struct es_match_run run;

/* Are the n bytes at a and b the same?  n from 8 to 16 (a date): two
 * overlapping 8-byte words, read within the n bytes. */
static inline bool
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y, z, w;

	if (n < 8 || n > 16)
		return memcmp(a, b, n) == 0;
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	memcpy(&z, a + n - 8, 8);
	memcpy(&w, b + n - 8, 8);
	return x == y && z == w;
}

/* es_date_parse (any format), remembering the last few dates parsed; the
 * one found last is tried first. */
static es_rc
parse_date(run *r, const char *s, es_date *out, es_err *err)
{
	size_t n = strlen(s);
	unsigned k;
	es_rc rc;

	/* The length first, then the bytes (not a byte at a time). */
	if (r->ndates > 0 && r->dates[r->last_date].n == n && same_bytes(r->dates[r->last_date].s, s, n)) {
		*out = r->dates[r->last_date].d;
		return ES_OK;
	}
	for (k = 0; k < r->ndates; k++)
		if (r->dates[k].n == n && same_bytes(r->dates[k].s, s, n)) {
			r->last_date = k;
			*out = r->dates[k].d;
			return ES_OK;
		}
	rc = es_date_parse(s, ES_DATE_ANY, out, err);
	if (rc == ES_OK && n < sizeof r->dates[0].s) {
		k = r->next_date;
		r->next_date = (k + 1) % ES_ARRAY_LEN(r->dates);
		if (r->ndates < ES_ARRAY_LEN(r->dates))
			r->ndates++;
		memcpy(r->dates[k].s, s, n + 1);
		r->dates[k].n = n;
		r->dates[k].d = *out;
		r->last_date = k;
	}
	return rc;
}

static es_rc
sink_alloc(void *vctx, const es_alloc *a, es_err *err)
{
	run *r = vctx;
	es_rc rc;

	if (a->first)
		r->st.sum.written++;
	ob_alloc(&r->out, a);
	if (r->have_unmatched && (a->status == ES_ALLOC_UNMATCHED || a->status == ES_ALLOC_DUPLICATE))
		ob_alloc(&r->unmatched, a);
	if (r->store != NULL && (rc = es_store_alloc_write(r->store, a, err)) != ES_OK)
		return rc;
	if (r->out.failed)
		return es_err_set(err, ES_EIO, "write error on standard output");
	return ES_OK;
}

static es_rc
sink_reject(void *vctx, const char *source, uint64_t line, const char *payment_id, const char *message,
            es_err *err)
{
	run *r = vctx;
	const char *field[1];

	r->st.sum.rejected++;
	if (r->cur != NULL && r->row != NULL)
		return es_rejects_add(r->rejects, source, line, message, es_csv_header(r->cur), es_csv_ncols(r->cur),
		                      (const char *const *)r->row->fields, r->row->nfields, err);
	field[0] = payment_id;
	return es_rejects_add(r->rejects, source, line, message, NULL, 0, field, 1, err);
}

static void
sink_warn(void *vctx, const char *source, uint64_t line, const char *message)
{
	run *r = vctx;

	if (r->warn != NULL)
		r->warn(r->ctx, source, line, message);
}

static es_rc
sink_skip(void *vctx, const char *payment_id, es_err *err)
{
	run *r = vctx;

	(void)payment_id;
	(void)err;
	r->st.skipped++;
	r->st.sum.written++;
	return ES_OK;
}

/* A fingerprint of an id final in the ledger: is it really that id? */
static es_rc
sink_known(void *vctx, const char *payment_id, bool *known, es_err *err)
{
	run *r = vctx;

	if (r->store == NULL) {
		*known = true;
		return ES_OK;
	}
	return es_store_alloc_is_final(r->store, payment_id, known, err);
}

static bool
parse_year(const char *s, int *out)
{
	char *end;
	long v;

	if (s[0] == '\0') {
		*out = 0;
		return true;
	}
	/* The usual four digits, without strtol. */
	if (s[0] >= '1' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
	    && s[3] >= '0' && s[3] <= '9' && s[4] == '\0') {
		v = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		if (v < 1800 || v > 2999)
			return false;
		*out = (int)v;
		return true;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1800 || v > 2999)
		return false;
	*out = (int)v;
	return true;
}

/* A bad row of the payments (counted in the summary) or of the dues and
 * manual files (counted apart: they are not payments). */
static es_rc
reject_row(run *r, es_csv_reader *cr, es_csv_row *row, const char *msg, es_err *err)
{
	if (r->cur == cr)
		r->st.sum.rejected++;
	else
		r->st.other_rejected++;
	return es_rejects_add(r->rejects, es_csv_source(cr), row->line, msg, es_csv_header(cr), es_csv_ncols(cr),
	                      (const char *const *)row->fields, row->nfields, err);
}

/* Payments are read in batches of up to AHEAD rows (each row copied),
 * so that es_matcher_prefetch can take the cache misses of a whole batch
 * at once before its rows are matched one by one: the indexes are far
 * larger than the caches.  Everything is still done in input order. */
#define AHEAD 32

typedef struct pending {
	es_rc rc;                /* ES_OK, or ES_EDATA: rejected with msg */
	char msg[ES_ERR_MAX + 32];
	es_match_payment p;
	es_match_due d;
	es_csv_row row;          /* a copy of the reader's row */
	char **fields;
	size_t fcap;
	char *buf;
	size_t bcap;
	char pidbuf[300], refbuf[300];
} pending;

static void
pending_free(pending *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(q[i].fields);
		free(q[i].buf);
	}
}

/* Copy row into q: its fields are one block (csv.h), copied at once. */
static es_rc
pending_copy(pending *q, const es_csv_row *row, es_err *err)
{
	size_t i, len = 0;
	const char *base = row->nfields > 0 ? row->fields[0] : NULL;

	if (row->nfields + 1 > q->fcap) {
		size_t cap = row->nfields + 16;
		char **f = realloc(q->fields, cap * sizeof *f);

		if (f == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		q->fields = f;
		q->fcap = cap;
	}
	if (row->nfields > 0) {
		const char *last = row->fields[row->nfields - 1];

		len = (size_t)(last - base) + strlen(last) + 1;
	}
	if (len > q->bcap) {
		size_t cap = len < 256 ? 256 : len * 2;
		char *b = realloc(q->buf, cap);

		if (b == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		q->buf = b;
		q->bcap = cap;
	}
	if (len > 0)
		memcpy(q->buf, base, len);
	for (i = 0; i < row->nfields; i++)
		q->fields[i] = q->buf + (row->fields[i] - base);
	q->fields[row->nfields] = NULL;
	q->row.nfields = row->nfields;
	q->row.fields = q->fields;
	q->row.line = row->line;
	return ES_OK;
}

/* Dues CSV (DESIGN.md dues stream; position_id, notice_number and iuv
 * optional). */
typedef struct due_cols {
	int idx[4], pos, inst, date, nav, iuv;
} due_cols;

/* Read a due out of q's row into q->d; q->rc is ES_EDATA (message in
 * q->msg) when a field is bad. */
static void
due_parse(run *r, const void *vc, pending *q)
{
	const due_cols *c = vc;
	const es_csv_row *row = &q->row;
	es_match_due *d = &q->d;
	const char *s;
	es_err e;

	q->msg[0] = '\0';
	memset(d, 0, sizeof *d);
	d->position_id = es_csv_get(row, c->pos);
	d->tax_code = es_csv_get(row, c->idx[0]);
	d->tax = es_csv_get(row, c->idx[1]);
	d->notice_number = es_csv_get(row, c->nav);
	d->iuv = es_csv_get(row, c->iuv);
	if (!parse_year(es_csv_get(row, c->idx[2]), &d->year) || d->year == 0)
		snprintf(q->msg, sizeof q->msg, "year: bad value '%s'", es_csv_get(row, c->idx[2]));
	else if (es_money_parse(es_csv_get(row, c->idx[3]), r->money, &d->amount, &e) != ES_OK)
		snprintf(q->msg, sizeof q->msg, "amount_due: %s", e.msg);
	else if (parse_date(r, es_csv_get(row, c->date), &d->due_date, &e) != ES_OK)
		snprintf(q->msg, sizeof q->msg, "due_date: %s", e.msg);
	else {
		s = es_csv_get(row, c->inst);
		/* A single digit, the usual case. */
		if (s[0] >= '0' && s[0] <= '9' && s[1] == '\0')
			d->installment = s[0] - '0';
		/* IMU's two installments are also written by name. */
		else if (s[0] == '\0' || strcasecmp(s, "unica") == 0)
			d->installment = 0;
		else if (strcasecmp(s, "acconto") == 0)
			d->installment = 1;
		else if (strcasecmp(s, "saldo") == 0)
			d->installment = 2;
		else if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 3)
			snprintf(q->msg, sizeof q->msg, "installment: bad value '%s'", s);
		else
			d->installment = (int)strtol(s, NULL, 10);
	}
	if (q->msg[0] != '\0')
		q->rc = ES_EDATA;
}

/* Read the next batch of up to AHEAD rows of cr into ring, each copied
 * (unless the reader holds them all) and parsed by parse (with cols); a row the CSV reader rejects is kept
 * with its message (q->rc ES_EDATA).  *count rows were read; *rrc is the
 * last es_csv_next result: anything but ES_OK and ES_EDATA (ES_EOF, a read
 * error) ends the reading after the rows already in the batch. */
typedef void (*row_parse_fn)(run *r, const void *cols, pending *q);

static es_rc
read_batch(run *r, es_csv_reader *cr, row_parse_fn parse, const void *cols, pending *ring, size_t *count,
           es_rc *rrc, es_err *err)
{
	/* Rows the reader holds already stay valid together (csv.h): then
	 * they need no copy. */
	bool held = es_csv_buffered(cr) >= AHEAD;
	es_csv_row *row;
	es_rc rc;

	for (*count = 0; *count < AHEAD; (*count)++) {
		pending *q = &ring[*count];

		*rrc = es_csv_next(cr, &row, err);
		if (*rrc != ES_OK && *rrc != ES_EDATA)
			break;
		if (held)
			q->row = *row;
		else if ((rc = pending_copy(q, row, err)) != ES_OK)
			return rc;
		q->rc = *rrc;
		if (*rrc == ES_EDATA)
			snprintf(q->msg, sizeof q->msg, "%s", err->msg);
		else
			parse(r, cols, q);
	}
	return ES_OK;
}

static es_rc
load_dues(run *r, es_matcher *m, const char *path, es_err *err)
{
	static const char *const need[] = { "tax_code", "tax", "year", "amount_due" };
	due_cols c;
	es_csv_reader *cr;
	pending *ring;
	uint64_t n = 0, bad = 0;
	es_rc rc = ES_OK, rrc = ES_OK;

	cr = es_csv_reader_open(path, NULL, err);
	if (cr == NULL)
		return err->rc;
	if ((rc = es_csv_require(cr, need, c.idx, 4, err)) != ES_OK) {
		es_err_prefix(err, "%s", path);
		es_csv_reader_close(cr);
		return ES_ECONFIG;
	}
	ring = calloc(AHEAD, sizeof *ring);
	if (ring == NULL) {
		es_csv_reader_close(cr);
		return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	c.pos = es_csv_col(cr, "position_id");
	c.inst = es_csv_col(cr, "installment");
	c.date = es_csv_col(cr, "due_date");
	c.nav = es_csv_col(cr, "notice_number");
	c.iuv = es_csv_col(cr, "iuv");
	/* In batches, as the payments (see AHEAD). */
	do {
		const es_match_due *dv[AHEAD];
		size_t ndv = 0, count, k;

		if ((rc = read_batch(r, cr, due_parse, &c, ring, &count, &rrc, err)) != ES_OK)
			goto done;
		for (k = 0; k < count; k++)
			if (ring[k].rc == ES_OK)
				dv[ndv++] = &ring[k].d;
		/* What was read before an error that stops the reading is
		 * added first. */
		es_matcher_prefetch_dues(m, dv, ndv);
		for (k = 0; k < count; k++) {
			pending *q = &ring[k];
			es_err e;

			n++;
			if (q->rc == ES_OK && (rc = es_matcher_add_due(m, &q->d, &e)) != ES_OK) {
				if (rc != ES_EDATA) {
					*err = e;
					goto done;
				}
				snprintf(q->msg, sizeof q->msg, "%s", e.msg);
				q->rc = ES_EDATA;
			}
			if (q->rc != ES_OK) {
				bad++;
				es_err stop = *err;

				if ((rc = reject_row(r, cr, &q->row, q->msg, err)) != ES_OK)
					goto done;
				*err = stop;
			}
		}
	} while (rrc == ES_OK || rrc == ES_EDATA);
	rc = rrc == ES_EOF ? ES_OK : rrc;
done:
	pending_free(ring, AHEAD);
	free(ring);
	es_csv_reader_close(cr);
	if (rc != ES_OK)
		return rc;
	es_warn_call(r->warn, r->ctx, NULL, 0, "%s: dues read %llu, rejected %llu", path, (unsigned long long)n,
	             (unsigned long long)bad);
	return ES_OK;
}

static es_rc
load_manual(run *r, es_matcher *m, const char *path, es_err *err)
{
	int c_pid, c_pos, c_nav, c_tc, c_tax, c_year, c_amt;
	es_csv_reader *cr;
	es_csv_row *row;
	es_rc rc;

	cr = es_csv_reader_open(path, NULL, err);
	if (cr == NULL)
		return err->rc;
	c_pid = es_csv_col(cr, "payment_id");
	if (c_pid < 0) {
		es_csv_reader_close(cr);
		return es_err_set(err, ES_ECONFIG, "%s: missing required column 'payment_id'", path);
	}
	c_pos = es_csv_col(cr, "position_id");
	c_nav = es_csv_col(cr, "notice_number");
	c_tc = es_csv_col(cr, "tax_code");
	c_tax = es_csv_col(cr, "tax");
	c_year = es_csv_col(cr, "year");
	c_amt = es_csv_col(cr, "amount");
	while ((rc = es_csv_next(cr, &row, err)) != ES_EOF) {
		es_match_manual mm;
		char msg[ES_ERR_MAX + 32] = "";
		es_err e;

		if (rc != ES_OK && rc != ES_EDATA)
			break;
		if (rc == ES_EDATA) {
			if ((rc = reject_row(r, cr, row, err->msg, err)) != ES_OK)
				break;
			continue;
		}
		memset(&mm, 0, sizeof mm);
		mm.payment_id = es_csv_get(row, c_pid);
		mm.position_id = es_csv_get(row, c_pos);
		mm.notice_number = es_csv_get(row, c_nav);
		mm.tax_code = es_csv_get(row, c_tc);
		mm.tax = es_csv_get(row, c_tax);
		mm.amount = -1;
		if (!parse_year(es_csv_get(row, c_year), &mm.year))
			snprintf(msg, sizeof msg, "year: bad value '%s'", es_csv_get(row, c_year));
		else if (es_csv_get(row, c_amt)[0] != '\0'
		         && (es_money_parse(es_csv_get(row, c_amt), r->money, &mm.amount, &e) != ES_OK || mm.amount <= 0))
			snprintf(msg, sizeof msg, "amount: bad value '%s'", es_csv_get(row, c_amt));
		else if ((rc = es_matcher_add_manual(m, &mm, &e)) != ES_OK) {
			if (rc != ES_EDATA) {
				*err = e;
				break;
			}
			snprintf(msg, sizeof msg, "%s", e.msg);
		}
		if (msg[0] != '\0' && (rc = reject_row(r, cr, row, msg, err)) != ES_OK)
			break;
		rc = ES_OK;
	}
	es_csv_reader_close(cr);
	return rc == ES_EOF ? ES_OK : rc;
}

/* err's message without a leading "path: " (the rejects line names it). */
static const char *
unprefixed(const char *msg, const char *path)
{
	size_t n = strlen(path);

	if (strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		return msg + n + 2;
	return msg;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* The block rows of f24-reconcile --summary: reference data, like the
 * dues (not counted as payments). */
static es_rc
load_f24_summary(run *r, es_matcher *m, es_csv_reader *cr, es_err *err)
{
	int c_kind = es_csv_col(cr, "kind"), c_date = es_csv_col(cr, "data_ripartizione");
	int c_amt = es_csv_col(cr, "g5_accredited"), c_prog = es_csv_col(cr, "prog_ripartizione");
	int c_ti = es_csv_col(cr, "tipo_imposta");
	es_csv_row *row;
	uint64_t n = 0;
	es_rc rc;

	while ((rc = es_csv_next(cr, &row, err)) != ES_EOF) {
		char ref[96];
		es_cents amt;
		es_err e;

		if (rc != ES_OK && rc != ES_EDATA)
			return rc;
		if (rc == ES_EDATA) {
			if ((rc = reject_row(r, cr, row, err->msg, err)) != ES_OK)
				return rc;
			continue;
		}
		if (c_kind >= 0 && strcmp(es_csv_get(row, c_kind), "block") != 0)
			continue;
		if (es_money_parse(es_csv_get(row, c_amt), ES_MONEY_PLAIN, &amt, &e) != ES_OK) {
			if ((rc = reject_row(r, cr, row, "g5_accredited: bad amount", err)) != ES_OK)
				return rc;
			continue;
		}
		snprintf(ref, sizeof ref, "prog %s tipo %s", es_csv_get(row, c_prog), es_csv_get(row, c_ti));
		if ((rc = es_matcher_add_f24_block(m, es_csv_get(row, c_date), amt, ref, err)) != ES_OK)
			return rc;
		n++;
	}
	es_warn_call(r->warn, r->ctx, NULL, 0, "%s: %llu F24 blocks credited", es_csv_source(cr), (unsigned long long)n);
	return ES_OK;
}

typedef struct pay_cols {
	int pid, src, ref, tc, tax, year, trib, nav, iuv, paid, cred, amt, caus, status, kind, accsal, ravv;
	const char *bn;
} pay_cols;

/* Read a payment out of q's row into q->p; q->rc is ES_EDATA (message in
 * q->msg) when a field is bad. */
static void
pending_parse(run *r, const void *vc, pending *q)
{
	const pay_cols *c = vc;
	const es_csv_row *row = &q->row;
	es_match_payment *p = &q->p;
	es_err e;

	q->msg[0] = '\0';
	p->payment_id = es_csv_get(row, c->pid);
	if (c->pid < 0) {
		/* Bank statements carry no id: the file and line are it. */
		snprintf(q->pidbuf, sizeof q->pidbuf, "BANK-%s-%llu", c->bn, (unsigned long long)row->line);
		p->payment_id = q->pidbuf;
	}
	p->source = c->src >= 0 ? es_csv_get(row, c->src) : "BANK";
	if (c->ref >= 0) {
		p->source_ref = es_csv_get(row, c->ref);
	} else {
		snprintf(q->refbuf, sizeof q->refbuf, "%s:%llu", c->bn, (unsigned long long)row->line);
		p->source_ref = q->refbuf;
	}
	p->tax_code = es_csv_get(row, c->tc);
	p->tax = es_csv_get(row, c->tax);
	p->tributo = es_csv_get(row, c->trib);
	p->notice_number = es_csv_get(row, c->nav);
	p->iuv = es_csv_get(row, c->iuv);
	p->causale = es_csv_get(row, c->caus);
	p->line = row->line;
	p->kind = es_csv_get(row, c->kind);
	p->acconto_saldo = es_csv_get(row, c->accsal);
	p->ravvedimento = strcmp(es_csv_get(row, c->ravv), "1") == 0;
	p->cancelled = c->status >= 0 && strcmp(es_csv_get(row, c->status), "cancelled") == 0;
	if (!parse_year(es_csv_get(row, c->year), &p->year))
		snprintf(q->msg, sizeof q->msg, "year: bad value '%s'", es_csv_get(row, c->year));
	else if (es_money_parse(es_csv_get(row, c->amt), r->money, &p->amount, &e) != ES_OK)
		snprintf(q->msg, sizeof q->msg, "amount: %s", e.msg);
	else if (parse_date(r, es_csv_get(row, c->paid), &p->paid_on, &e) != ES_OK)
		snprintf(q->msg, sizeof q->msg, "paid_on: %s", e.msg);
	else if (parse_date(r, es_csv_get(row, c->cred), &p->credited_on, &e) != ES_OK)
		snprintf(q->msg, sizeof q->msg, "credited_on: %s", e.msg);
	if (q->msg[0] != '\0')
		q->rc = ES_EDATA;
}

/* Match (or reject) one pending payment, in input order. */
static es_rc
pending_run(run *r, es_matcher *m, const es_match_sink *sink, es_csv_reader *cr, pending *q, es_err *err)
{
	es_rc rc;

	r->st.sum.read++;
	r->row = &q->row;
	if (q->rc != ES_OK)
		return reject_row(r, cr, &q->row, q->msg, err);
	if ((rc = es_matcher_match(m, &q->p, sink, err)) != ES_OK)
		return rc;
	if ((r->st.sum.read & 0xFFFF) == 0 && r->progress != NULL)
		r->progress(r->ctx, r->st.sum.read);
	return ES_OK;
}

/* A payments CSV: f24-reconcile's payments stream or a bank statement. */
static es_rc
match_csv(run *r, es_matcher *m, const es_match_sink *sink, const char *path, es_err *err)
{
	pay_cols c;
	es_csv_reader *cr;
	pending *ring;
	es_rc rc = ES_OK, rrc = ES_OK;

	cr = es_csv_reader_open(path, NULL, err);
	if (cr == NULL)
		return err->rc;
	/* f24-reconcile --summary: the F24 money credited, per block. */
	if (es_csv_col(cr, "g5_accredited") >= 0 && es_csv_col(cr, "data_ripartizione") >= 0) {
		rc = load_f24_summary(r, m, cr, err);
		es_csv_reader_close(cr);
		return rc;
	}
	c.amt = es_csv_col(cr, "amount");
	if (c.amt < 0) {
		es_csv_reader_close(cr);
		return es_err_set(err, ES_EDATA, "%s: missing required column 'amount'", path);
	}
	ring = calloc(AHEAD, sizeof *ring);
	if (ring == NULL) {
		es_csv_reader_close(cr);
		return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	c.bn = base_name(path);
	c.pid = es_csv_col(cr, "payment_id");
	c.src = es_csv_col(cr, "source");
	c.ref = es_csv_col(cr, "source_ref");
	c.tc = es_csv_col(cr, "tax_code");
	c.tax = es_csv_col(cr, "tax");
	c.year = es_csv_col(cr, "year");
	c.trib = es_csv_col(cr, "tributo");
	c.nav = es_csv_col(cr, "notice_number");
	c.iuv = es_csv_col(cr, "iuv");
	c.paid = es_csv_col(cr, "paid_on");
	c.cred = es_csv_col(cr, "credited_on");
	c.caus = es_csv_col(cr, "causale");
	c.status = es_csv_col(cr, "status");
	c.kind = es_csv_col(cr, "kind");
	c.accsal = es_csv_col(cr, "acconto_saldo");
	c.ravv = es_csv_col(cr, "ravvedimento");
	r->cur = cr;
	do {
		const es_match_payment *pv[AHEAD];
		size_t npv = 0, count, k;

		if ((rc = read_batch(r, cr, pending_parse, &c, ring, &count, &rrc, err)) != ES_OK)
			goto done;
		for (k = 0; k < count; k++)
			if (ring[k].rc == ES_OK)
				pv[npv++] = &ring[k].p;
		/* Match it; what was read before an error that stops the
		 * reading is matched first. */
		{
			es_err stop = *err;

			es_matcher_prefetch(m, pv, npv);
			for (k = 0; k < count; k++)
				if ((rc = pending_run(r, m, sink, cr, &ring[k], err)) != ES_OK)
					goto done;
			*err = stop;
		}
	} while (rrc == ES_OK || rrc == ES_EDATA);
	rc = rrc == ES_EOF ? ES_OK : rrc;
done:
	r->cur = NULL;
	r->row = NULL;
	pending_free(ring, AHEAD);
	free(ring);
	es_csv_reader_close(cr);
	return rc;
}

typedef struct opi_ctx {
	run *r;
	es_matcher *m;
	const char *path;
	uint64_t ignored;
	uint64_t credits;        /* counted in the summary once the journal is read whole */
	uint64_t rejected;
} opi_ctx;

static es_rc
opi_movement(void *vctx, const es_opi_movement *mv, es_err *err)
{
	opi_ctx *o = vctx;
	char pid[160], ref[300];
	es_match_payment p;

	if (!es_opi_is_credit(mv) && !es_opi_is_reversal(mv)) {
		o->ignored++;
		return ES_OK;
	}
	o->credits++;
	/* OPI-<esercizio>-<conto>-<numero>-<data movimento>: payments.h's
	 * OPI-<esercizio>-<numero>, with the account (numbers are per conto
	 * di evidenza) and the date (some treasuries number each day's
	 * journal from 1). */
	{
		char d[ES_DATE_BUFSZ] = "";
		int y, mo, da;

		if (mv->date != ES_DATE_NONE) {
			es_date_to_ymd(mv->date, &y, &mo, &da);
			snprintf(d, sizeof d, "%04d%02d%02d", y, mo, da);
		}
		snprintf(pid, sizeof pid, "OPI-%d-%s-%s-%s%s", mv->year, mv->account, mv->number, d,
		         es_opi_is_reversal(mv) ? "-STORNO" : "");
	}
	if (mv->error != NULL) {
		const char *field[1] = { pid };

		o->rejected++;
		return es_rejects_add(o->r->rejects, o->path, mv->line, mv->error, NULL, 0, field, 1, err);
	}
	snprintf(ref, sizeof ref, "%s:%llu", o->path, (unsigned long long)mv->line);
	memset(&p, 0, sizeof p);
	p.payment_id = pid;
	p.source = "TREASURY";
	p.source_ref = ref;
	p.tax_code = mv->client_cf;
	p.causale = mv->causale;
	p.paid_on = mv->date;
	p.credited_on = mv->value_date != ES_DATE_NONE ? mv->value_date : mv->date;
	p.amount = es_opi_is_reversal(mv) ? -mv->amount : mv->amount;
	p.line = mv->line;
	return es_matcher_add_credit(o->m, &p, mv->client_cf, err);
}

/* About how many rows the regular file path holds (a little more rather
 * than less), its size added to *bytes; 0 for what cannot be sized (a
 * pipe).  The tables sized from it are touched at random, so a close
 * guess saves memory and time; a wrong one costs only a regrowth. */
static size_t
estimate_rows(const char *path, size_t *bytes)
{
	static char sample[1u << 16];
	struct stat st;
	FILE *fp;
	size_t n, k, nl = 0, size;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	size = (size_t)st.st_size;
	*bytes += size;
	fp = fopen(path, "rb");
	if (fp == NULL)
		return size / 32;
	n = fread(sample, 1, sizeof sample, fp);
	fclose(fp);
	/* Compressed: its lines cannot be counted here; a CSV row is at
	 * least 32 bytes, and gzip seldom shrinks one by more. */
	if (n >= 2 && (unsigned char)sample[0] == 0x1f && (unsigned char)sample[1] == 0x8b)
		return size / 32;
	for (k = 0; k < n; k++)
		nl += sample[k] == '\n';
	if (n == size)
		return nl + 1;
	if (nl == 0)
		return size / 32;
	/* The rows of the sample, scaled to the file, and 1/16 more. */
	return size / n * nl / 16 * 17 + 16;
}

static es_rc
detect(const char *path, input_kind *kind, es_err *err)
{
	char root[64];
	es_rc rc;

	*kind = IN_CSV;
	if (strcmp(path, "-") == 0)
		return ES_OK;    /* stdin cannot be read twice: it is CSV */
	rc = es_xml_root(path, root, sizeof root, err);
	if (rc == ES_EDATA) {
		*kind = IN_BAD;    /* broken XML: one rejected input */
		return ES_OK;
	}
	if (rc != ES_OK)
		return rc;
	if (strcmp(root, "FlussoRiversamento") == 0)
		*kind = IN_FDR;
	else if (strcmp(root, "flusso_giornale_di_cassa") == 0)
		*kind = IN_OPI;
	else if (root[0] != '\0')
		return es_err_set(err, ES_EDATA, "%s: XML with root <%s> is neither a pagoPA flow nor a giornale di cassa",
		                  path, root);
	return ES_OK;
}


static bool
grow_inputs(run *r)
{
	input *n;
	size_t cap;

	if (r->nin < r->capin)
		return true;
	cap = r->capin ? r->capin * 2 : 16;
	n = realloc(r->in, cap * sizeof *n);
	if (n == NULL)
		return false;
	r->in = n;
	r->capin = cap;
	return true;
}

es_match_run *
es_match_run_new(const es_match_run_opts *o, es_warn_fn warn, es_progress_fn progress, void *ctx, es_err *err)
{
	run *r = calloc(1, sizeof *r);

	if (r == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	r->money = o->money;
	r->warn = warn;
	r->progress = progress;
	r->ctx = ctx;
	r->m = es_matcher_new(err);
	if (r->m == NULL) {
		free(r);
		return NULL;
	}
	es_matcher_set_as_of(r->m, o->as_of);
	es_matcher_set_acconto_window(r->m, o->acconto_window);
	ob_init(&r->out, o->locale_it ? ';' : ',');
	ob_init(&r->unmatched, o->locale_it ? ';' : ',');
	r->out.money = r->unmatched.money = o->locale_it ? ES_MONEY_COMMA : ES_MONEY_PLAIN;
	r->unmatched_path = o->unmatched;
	r->sink.alloc = sink_alloc;
	r->sink.reject = sink_reject;
	r->sink.warn = sink_warn;
	r->sink.skip = sink_skip;
	r->sink.known = sink_known;
	r->sink.ctx = r;
	return r;
}

es_rc
es_match_run_open(es_match_run *r, FILE *out, es_rejects *rejects, es_err *err)
{
	r->rejects = rejects;
	r->out.fp = out;
	r->out.buf = malloc(OUT_BUFSZ);
	if (r->out.buf == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	if (r->unmatched_path != NULL) {
		r->unmatched.out = es_out_open(r->unmatched_path, err);
		if (r->unmatched.out == NULL)
			return err != NULL ? err->rc : ES_EIO;
		r->unmatched.buf = malloc(OUT_BUFSZ);
		if (r->unmatched.buf == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		r->have_unmatched = true;
		ob_header(&r->unmatched);
	}
	return ES_OK;
}

void
es_match_run_free(es_match_run *r)
{
	if (r == NULL)
		return;
	es_match_run_close_store(r);
	if (r->unmatched.out != NULL) {
		es_err e;

		(void)es_out_close(r->unmatched.out, &e);
	}
	es_matcher_free(r->m);
	free(r->in);
	free(r->out.buf);
	free(r->unmatched.buf);
	free(r);
}

es_rc
es_match_run_add_input(es_match_run *r, const char *path, es_err *err)
{
	input_kind kind;
	es_rc rc;

	if ((rc = detect(path, &kind, err)) != ES_OK)
		return rc;
	if (kind == IN_BAD)
		kind = IN_FDR;   /* read as a flow: rejected with the parser's reason */
	if (!grow_inputs(r))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	r->in[r->nin].path = path;
	r->in[r->nin].kind = kind;
	r->nin++;
	return ES_OK;
}

es_rc
es_match_run_reserve(es_match_run *r, const char *dues, es_err *err)
{
	size_t dues_bytes = 0, pay_bytes = 0, dues_rows = 0, pay_rows = 0, i;

	/* Size the matcher from the inputs (rows estimated from the first
	 * lines of each file).  Payment ids are not kept (a fingerprint
	 * each): the strings are the dues'. */
	if (dues != NULL)
		dues_rows = estimate_rows(dues, &dues_bytes);
	for (i = 0; i < r->nin; i++)
		if (r->in[i].kind == IN_CSV)
			pay_rows += estimate_rows(r->in[i].path, &pay_bytes);
	return es_matcher_reserve(r->m, dues_rows, pay_rows, dues_bytes / 2, err);
}

es_rc
es_match_run_load_ledger(es_match_run *r, es_ledger *ledger, es_err *err)
{
	size_t i;
	es_rc rc;

	for (i = 0; i < r->nin; i++)
		if ((rc = es_ledger_run_input(ledger, r->in[i].path, err)) != ES_OK)
			return rc;
	r->store = es_store_alloc_open(ledger, err);
	if (r->store == NULL)
		return err != NULL ? err->rc : ES_EDB;
	return es_store_alloc_load_dues(r->store, r->m, err);
}

es_rc
es_match_run_load_dues(es_match_run *r, const char *path, es_err *err)
{
	return load_dues(r, r->m, path, err);
}

es_rc
es_match_run_seal(es_match_run *r, es_err *err)
{
	es_rc rc;

	if ((rc = es_matcher_seal(r->m, err)) != ES_OK)
		return rc;
	if (r->store != NULL)
		return es_store_alloc_load_paid(r->store, r->m, err);
	return ES_OK;
}

es_rc
es_match_run_load_manual(es_match_run *r, const char *path, es_err *err)
{
	return load_manual(r, r->m, path, err);
}

es_rc
es_match_run_match(es_match_run *r, es_err *err)
{
	es_matcher *m = r->m;
	size_t i;
	es_rc rc;

	/* Flows and credits first, then the payments stream. */
	for (i = 0; i < r->nin; i++) {
		const char *path = r->in[i].path;

		if (r->in[i].kind == IN_FDR) {
			rc = es_matcher_add_flow_file(m, path, &r->sink, err);
			if (rc == ES_EDATA) {
				const char *field[1] = { path };

				/* A flow that is not a flow: one rejected record. */
				r->st.sum.read++;
				r->st.sum.rejected++;
				if ((rc = es_rejects_add(r->rejects, path, 0, unprefixed(err->msg, path), NULL, 0, field, 1,
				                         err)) != ES_OK)
					return rc;
				continue;
			}
			if (rc != ES_OK)
				return rc;
		} else if (r->in[i].kind == IN_OPI) {
			opi_ctx o = { r, m, path, 0, 0, 0 };
			size_t mark = es_matcher_credits(m);

			rc = es_opi_read(path, opi_movement, &o, err);
			if (rc == ES_EDATA) {
				const char *field[1] = { path };

				/* Broken half-way: none of its credits is used. */
				es_matcher_drop_credits(m, mark);
				r->st.sum.read++;
				r->st.sum.rejected++;
				if ((rc = es_rejects_add(r->rejects, path, 0, unprefixed(err->msg, path), NULL, 0, field, 1,
				                         err)) != ES_OK)
					return rc;
				continue;
			}
			if (rc != ES_OK)
				return rc;
			r->st.sum.read += o.credits;
			r->st.sum.rejected += o.rejected;
			if (o.ignored > 0)
				es_warn_call(r->warn, r->ctx, NULL, 0, "%s: %llu movements that are not incoming credits ignored",
				             path, (unsigned long long)o.ignored);
		}
	}
	if (r->store != NULL) {
		uint64_t before = es_matcher_credits(m);

		if ((rc = es_store_alloc_load_pending(r->store, m, err)) != ES_OK)
			return rc;
		r->st.sum.read += es_matcher_credits(m) - before;
	}
	ob_header(&r->out);
	for (i = 0; i < r->nin; i++)
		if (r->in[i].kind == IN_CSV && (rc = match_csv(r, m, &r->sink, r->in[i].path, err)) != ES_OK)
			return rc;
	if ((rc = es_matcher_finish(m, &r->sink, err)) != ES_OK)
		return rc;
	r->st.sum.read += es_matcher_flow_items(m);
	return ES_OK;
}

es_rc
es_match_run_flush(es_match_run *r, es_err *err)
{
	es_rc rc;

	/* The ledger's last block of allocations (allocations.h). */
	if (r->store != NULL && (rc = es_store_alloc_finish(r->store, err)) != ES_OK)
		return rc;
	if (!ob_flush(&r->out))
		return es_err_set(err, ES_EIO, "write error on standard output");
	if (r->have_unmatched) {
		bool ok = ob_flush(&r->unmatched);
		es_out *u = r->unmatched.out;

		r->unmatched.out = NULL;
		r->have_unmatched = false;
		if (!ok) {
			es_err e;

			(void)es_out_close(u, &e);
			return es_err_set(err, ES_EIO, "%s: write error", r->unmatched_path);
		}
		if ((rc = es_out_close(u, err)) != ES_OK)
			return rc;
	}
	return ES_OK;
}

void
es_match_run_flush_partial(es_match_run *r)
{
	(void)ob_flush(&r->out);
}

void
es_match_run_close_store(es_match_run *r)
{
	if (r->store != NULL) {
		es_store_alloc_close(r->store);
		r->store = NULL;
	}
}

const es_match_run_stats *
es_match_run_stats_of(const es_match_run *r)
{
	return &r->st;
}
