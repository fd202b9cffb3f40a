/* csv.c: the esattore CSV stream over libcsv (see csv.h, esattore-csv(5)).
 *
 * Reading.  Bytes come from es_in in chunks of 64 KiB, each scanned once
 * (scan_chunk) for what can be skipped later: the UTF-8 and NUL checks of
 * the fields of an all-ASCII chunk, the search for CR, libcsv's space
 * function; the scan also counts the chunk's LFs.  They are pushed into
 * libcsv's parser one segment at a time, a segment ending at the first CR
 * or LF (or at the end of the chunk).  libcsv can end a row only on a CR
 * or LF, so at most one row completes per segment, at its last byte.
 * Counting the LFs fed gives the physical line of every row start,
 * multi-line quoted fields included: a row starts on the line of the
 * first segment fed while the parser is in its "row not begun" state.
 *
 * The usual file has one row per line, and a call of libcsv per line
 * costs: where a chunk has no CR, the reader first tries the whole run of
 * complete lines left in it as one segment (a multi-line segment), the
 * rows it completes queued in the arena.  If libcsv completed exactly as
 * many rows as the segment has LFs, every LF ended a row and row i began
 * on line i of the segment.  Otherwise (a blank line, a quoted field over
 * several lines) or if a row had a problem, the segment is taken back -
 * its rows dropped, the parser put back in its "row not begun" state, as
 * it was - and fed again a line at a time as above.  After a take-back
 * the next chunks skip the attempt (1, 3, 7 ... up to 63 of them).  The
 * rows of one segment stay in memory until the last is handed out.
 *
 * Choices:
 *   - Fields are kept byte for byte: no trimming of spaces (libcsv trims
 *     them by default; we give it a space function that matches nothing).
 *   - Blank lines are skipped (libcsv reports no empty rows).
 *   - Lenient quotes, as most producers need: a quote inside an unquoted
 *     field is literal, text after a closing quote is appended.  A quoted
 *     field still open at end of file is detected (the last row is then
 *     ES_EDATA, "quoted field not closed at end of file").
 *   - Limits: a field over ES_CSV_MAX_FIELD bytes is discarded as it is
 *     read (the parser's buffer never grows past the limit plus one
 *     chunk) and its row is ES_EDATA; fields beyond ES_CSV_MAX_FIELDS are
 *     dropped and the row is ES_EDATA; a row whose fields add up to more
 *     than CSV_MAX_ROW bytes likewise.  A NUL byte in a field is ES_EDATA.
 *   - The stream is UTF-8 (esattore-csv(5)): a field that is not
 *     well-formed UTF-8 (a Windows-1252 export, typically) makes its row
 *     ES_EDATA rather than letting the bytes reach the ledger or XML.
 *   - Row-level messages carry no file or line (the caller has both, from
 *     es_csv_source and row->line, for es_rejects_add); errors that stop
 *     the reading name the file.
 *   - With no_header there is no field-count check and es_csv_ncols is 0.
 *
 * Writing: RFC 4180, '\n' line ends; a field is quoted when it contains
 * the separator, a quote, CR or LF, or begins or ends with a space or tab.
 * A row made of one empty field is written as "" so that it is not read
 * back as a blank line. */
#include "es_setup.h"

#include <csv.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "io/csv.h"

#define CSV_CHUNK (64u * 1024u)
/* The fields of one row together, NULs included. */
#define CSV_MAX_ROW ((size_t)64 * 1024 * 1024)
/* libcsv's buffer growth step (its default, 128 bytes, is quadratic on
 * long fields). */
#define CSV_BLK (64u * 1024u)
/* Short fields are copied as a block of this many bytes (on_field). */
#define FIELD_COPY 32u

#if defined(__GNUC__)
#define ES_LIKELY(x) __builtin_expect(!!(x), 1)
#define ES_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define ES_NOINLINE __attribute__((noinline, cold))
#else
#define ES_NOINLINE
#define ES_LIKELY(x) (x)
#define ES_UNLIKELY(x) (x)
#endif

/* libcsv parser states (libcsv.c); only "row not begun" is used. */
#define LIBCSV_ROW_NOT_BEGUN 0
#define LIBCSV_FIELD_BEGUN 2

/* A row completed by libcsv: fields offs[f0 .. f0 + nf). */
struct qrow {
	size_t f0, nf;
	uint64_t line;
};

struct es_csv_reader {
	es_in *in;
	struct csv_parser p;
	bool p_init;
	char sep;
	bool no_header;
	/* Input chunk. */
	unsigned char *chunk;
	size_t clen, cpos;
	bool in_eof;
	bool started;         /* the first chunk (and its BOM) is read */
	bool chunk_cr;        /* the chunk holds a CR */
	/* Chunks are numbered from 1 as they are read; last_dirty is the
	 * last one holding a byte >= 0x80 or a NUL (0: none), field_chunk
	 * the chunk being fed when the previous field or row ended: a field
	 * needs the UTF-8 and NUL checks only if a chunk it may have come
	 * from is dirty (last_dirty >= field_chunk). */
	uint64_t chunk_no, last_dirty, field_chunk;
	bool done;            /* csv_fini called */
	uint64_t line;        /* physical line of the next byte fed (1-based) */
	uint64_t row_start;
	/* The rows parsed and not yet handed out, and the row being built:
	 * fields as offsets into arena. */
	char *arena;
	size_t alen, acap;
	size_t *offs;
	size_t nf, offcap;
	size_t row_f0, row_a0; /* the row being built: its first field and byte */
	struct qrow *q;       /* the rows completed: q[qpos..qn) not handed out */
	size_t qn, qpos, qcap;
	bool fast;            /* a multi-line segment is being parsed */
	bool seg_clean;       /* ... of clean bytes, with room made for it */
	uint64_t chunk_lf;    /* LFs in the chunk */
	uint64_t chunk_line0; /* line of the chunk's first byte */
	size_t slow_until;    /* no multi-line segment before this offset */
	unsigned fast_skip, fast_backoff;  /* chunks that try none, after a take-back */
	size_t dropped;       /* fields beyond ES_CSV_MAX_FIELDS */
	bool cur_overflow;    /* the field being parsed went over the limit */
	bool nomem;
	char row_err[ES_ERR_MAX];  /* first problem of the row, "" if none */
	/* The row handed out. */
	es_csv_row row;
	char **ptrs;
	size_t ptrcap;
	/* Header. */
	char **hdr;           /* ncols names + NULL */
	char *hdr_arena;
	size_t ncols;
	uint64_t hdr_line;
	uint64_t rows;
	/* A fatal error is sticky. */
	es_rc fatal;
	char fatal_msg[ES_ERR_MAX];
};

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
row_problem(es_csv_reader *r, const char *fmt, ...) ES_PRINTF(2, 3);

static void
row_problem(es_csv_reader *r, const char *fmt, ...)
{
	va_list ap;

	if (r->row_err[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(r->row_err, sizeof r->row_err, fmt, ap);
	va_end(ap);
}

/* "field 3" or "field 3 ('amount')" */
static void
field_label(const es_csv_reader *r, size_t i, char *buf, size_t bufsz)
{
	if (i < r->ncols && r->hdr != NULL)
		snprintf(buf, bufsz, "field %zu ('%s')", i + 1, r->hdr[i]);
	else
		snprintf(buf, bufsz, "field %zu", i + 1);
}

static bool
grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap ? *cap : 64;
	void *np;

	if (need <= *cap)
		return true;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, ncap * elem);
	if (np == NULL)
		return false;
	*p = np;
	*cap = ncap;
	return true;
}

/* Offset of the first byte of s that is not well-formed UTF-8 (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or n. */
static size_t
utf8_invalid_at(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;
	unsigned char c;

	while (i < n) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4;
		else
			return i;
		if (n - i < len)
			return i;
		for (k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		if ((c == 0xE0 && s[i + 1] < 0xA0) ||     /* overlong */
		    (c == 0xED && s[i + 1] > 0x9F) ||     /* surrogates */
		    (c == 0xF0 && s[i + 1] < 0x90) ||     /* overlong */
		    (c == 0xF4 && s[i + 1] > 0x8F))       /* above U+10FFFF */
			return i;
		i += len;
	}
	return n;
}

/* What on_field does with a field that breaks a limit, holds a NUL or
 * bytes that are not UTF-8, or needs more room: the slow path. */
ES_NOINLINE static void
on_field_slow(es_csv_reader *r, const char *data, size_t len)
{
	size_t fi = r->nf - r->row_f0;   /* the field's place in its row */
	char label[128];

	if (fi >= ES_CSV_MAX_FIELDS) {
		if (r->dropped++ == 0)
			row_problem(r, "more than %d fields", ES_CSV_MAX_FIELDS);
		r->cur_overflow = false;
		return;
	}
	if (r->cur_overflow || len > ES_CSV_MAX_FIELD) {
		field_label(r, fi, label, sizeof label);
		row_problem(r, "%s longer than %u bytes", label, ES_CSV_MAX_FIELD);
		r->cur_overflow = false;
		len = 0;
	} else if (r->last_dirty >= r->field_chunk) {
		if (len > 0 && memchr(data, '\0', len) != NULL) {
			field_label(r, fi, label, sizeof label);
			row_problem(r, "%s contains a NUL byte", label);
		} else if (r->row_err[0] == '\0') {
			size_t bad = utf8_invalid_at((const unsigned char *)data, len);

			if (bad < len) {
				field_label(r, fi, label, sizeof label);
				row_problem(r, "%s is not valid UTF-8 (byte %zu is 0x%02X; a Windows-1252 "
				            "file? iconv -f WINDOWS-1252 -t UTF-8 converts it)",
				            label, bad + 1, ((const unsigned char *)data)[bad]);
			}
		}
	}
	if (r->alen - r->row_a0 + len + 1 > CSV_MAX_ROW) {
		row_problem(r, "row longer than %zu bytes", CSV_MAX_ROW);
		len = 0;
	}
	/* FIELD_COPY bytes of room beyond the field: see on_field. */
	if (!grow((void **)&r->arena, &r->acap, r->alen + len + 1 + FIELD_COPY, 1) ||
	    !grow((void **)&r->offs, &r->offcap, r->nf + 1, sizeof *r->offs)) {
		r->nomem = true;
		return;
	}
	r->offs[r->nf++] = r->alen;
	if (len > 0)
		memcpy(r->arena + r->alen, data, len);
	r->arena[r->alen + len] = '\0';
	r->alen += len + 1;
}

/* One field: appended to the row's arena.  The common case (clean bytes,
 * room enough, no limit near) is a bounds check and a copy.  A field
 * shorter than FIELD_COPY bytes is copied as a block of FIELD_COPY bytes
 * (two 16-byte moves, no call of memcpy): its NUL (CSV_APPEND_NULL) and
 * the stale bytes after it, from libcsv's entry buffer (where libcsv
 * 3.0.3 hands every field from: checked), which holds at least CSV_BLK
 * bytes; the bytes beyond the NUL are overwritten by the next field. */
static void
on_field(void *data, size_t len, void *ctx)
{
	es_csv_reader *r = ctx;

	/* In a clean multi-line segment (parse_fast made room for all its
	 * fields, and none can reach a limit but the count of fields). */
	if (ES_LIKELY(r->seg_clean && len < FIELD_COPY && r->nf - r->row_f0 < ES_CSV_MAX_FIELDS
	              && data == r->p.entry_buf && r->p.entry_size >= FIELD_COPY)) {
		r->offs[r->nf] = r->alen;
		r->nf++;
		memcpy(r->arena + r->alen, data, FIELD_COPY);
		r->alen += len + 1;
		r->field_chunk = r->chunk_no;
		return;
	}
	if (ES_UNLIKELY(r->nomem))
		return;
	if (ES_LIKELY(r->last_dirty < r->field_chunk && !r->cur_overflow && r->nf < r->offcap
	              && r->alen + len + FIELD_COPY < r->acap && r->alen - r->row_a0 + len < CSV_MAX_ROW)) {
		if (ES_LIKELY(len <= ES_CSV_MAX_FIELD && r->nf - r->row_f0 < ES_CSV_MAX_FIELDS)) {
			char *d = r->arena + r->alen;

			r->offs[r->nf++] = r->alen;
			if (ES_LIKELY(len < FIELD_COPY && data == r->p.entry_buf && r->p.entry_size >= FIELD_COPY))
				memcpy(d, data, FIELD_COPY);
			else {
				memcpy(d, data, len);
				d[len] = '\0';
			}
			r->alen += len + 1;
			r->field_chunk = r->chunk_no;
			return;
		}
	}
	on_field_slow(r, data, len);
	r->field_chunk = r->chunk_no;
}

/* A row is complete: queued.  In a multi-line segment the next row
 * starts on the next line (if the segment is kept: see parse_fast). */
static void
on_row(int c, void *ctx)
{
	es_csv_reader *r = ctx;
	struct qrow *q;

	(void)c;
	r->field_chunk = r->chunk_no;
	if (ES_UNLIKELY(r->qn == r->qcap) && !grow((void **)&r->q, &r->qcap, r->qn + 1, sizeof *r->q)) {
		r->nomem = true;
		return;
	}
	q = &r->q[r->qn++];
	q->f0 = r->row_f0;
	q->nf = r->nf - r->row_f0;
	q->line = r->row_start;
	r->row_f0 = r->nf;
	r->row_a0 = r->alen;
	if (r->fast)
		r->row_start++;
}

static es_rc
set_fatal(es_csv_reader *r, es_rc rc, const char *msg)
{
	r->fatal = rc;
	snprintf(r->fatal_msg, sizeof r->fatal_msg, "%s", msg);
	return rc;
}

static es_rc
fail_fatal(es_csv_reader *r, es_err *err)
{
	return es_err_set(err, r->fatal, "%s", r->fatal_msg);
}

/* Does the word hold a zero byte (or, with hi, a byte >= 0x80)? */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Look at the chunk once, 16 or 8 bytes at a time: is it all ASCII
 * without NUL (then its fields need no UTF-8 or NUL check), does it hold
 * a CR (else lines end only at LF), a space or a tab (else libcsv need
 * not call the space function), how many LFs (for the multi-line
 * segments)? */
static void
scan_chunk(es_csv_reader *r)
{
	const unsigned char *s = r->chunk + r->cpos, *e = r->chunk + r->clen;
	uint64_t hi = 0, zero = 0, cr = 0, sp = 0, lf = 0;

#ifdef __SSE2__
	/* 16 bytes at a time where SSE2 is (every x86-64).  The LFs are
	 * counted in 16 byte counters (a match is -1: subtracted), summed
	 * (psadbw) before any can pass 255. */
	{
		__m128i vhi = _mm_setzero_si128(), vzero = vhi, vcr = vhi, vsp = vhi;
		const __m128i z = _mm_setzero_si128(), c_cr = _mm_set1_epi8('\r'), c_sp = _mm_set1_epi8(' '),
		              c_tab = _mm_set1_epi8('\t'), c_lf = _mm_set1_epi8('\n');

		while (e - s >= 16) {
			__m128i vlf = _mm_setzero_si128(), sum;
			int k;

			for (k = 0; k < 255 && e - s >= 16; k++, s += 16) {
				__m128i w = _mm_loadu_si128((const __m128i *)(const void *)s);

				vhi = _mm_or_si128(vhi, w);
				vzero = _mm_or_si128(vzero, _mm_cmpeq_epi8(w, z));
				vcr = _mm_or_si128(vcr, _mm_cmpeq_epi8(w, c_cr));
				vsp = _mm_or_si128(vsp, _mm_or_si128(_mm_cmpeq_epi8(w, c_sp), _mm_cmpeq_epi8(w, c_tab)));
				vlf = _mm_sub_epi8(vlf, _mm_cmpeq_epi8(w, c_lf));
			}
			sum = _mm_sad_epu8(vlf, z);
			lf += (uint64_t)_mm_cvtsi128_si64(sum) + (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum));
		}
		hi |= _mm_movemask_epi8(vhi) ? HIGHS : 0;
		zero |= _mm_movemask_epi8(vzero) ? HIGHS : 0;
		cr |= _mm_movemask_epi8(vcr) ? HIGHS : 0;
		sp |= _mm_movemask_epi8(vsp) ? HIGHS : 0;
	}
#endif
	for (; e - s >= 8; s += 8) {
		uint64_t w, x;

		memcpy(&w, s, 8);
		hi |= w;
		zero |= (w - ONES) & ~w;
		x = w ^ (ONES * '\r');
		cr |= (x - ONES) & ~x;
		x = w ^ (ONES * ' ');
		sp |= (x - ONES) & ~x;
		x = w ^ (ONES * '\t');
		sp |= (x - ONES) & ~x;
		/* The zero bytes of x exactly (no borrow from one byte into the
		 * next): the high bit of each is set. */
		x = w ^ (ONES * '\n');
		x = ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
		lf += (uint64_t)__builtin_popcountll(x);
	}
	for (; s < e; s++) {
		hi |= *s;
		zero |= *s == 0 ? HIGHS : 0;
		cr |= *s == '\r' ? HIGHS : 0;
		sp |= *s == ' ' || *s == '\t' ? HIGHS : 0;
		lf += *s == '\n';
	}
	/* (w - ONES) & ~w & HIGHS is non-zero iff w has a zero byte. */
	if (((hi | zero) & HIGHS) != 0)
		r->last_dirty = r->chunk_no;
	r->chunk_cr = (cr & HIGHS) != 0;
	r->chunk_lf = lf;
	/* libcsv trims spaces and tabs unless its space function says no
	 * byte is one; that function is called for every byte.  A chunk
	 * without either gives nothing to trim: libcsv's own test (no call)
	 * then keeps the fields as they are just the same (whatever the
	 * separator: a space or tab one makes the chunk take no_space). */
	csv_set_space_func(&r->p, (sp & HIGHS) != 0 ? no_space : NULL);
}

/* Read the next chunk; the first one loses its UTF-8 BOM. */
static es_rc
read_chunk(es_csv_reader *r, es_err *err)
{
	bool first = !r->started;
	size_t have = 0;
	ptrdiff_t n;
	es_err e;

	do {
		n = es_in_read(r->in, r->chunk + have, CSV_CHUNK - have, &e);
		if (n < 0) {
			set_fatal(r, e.rc, e.msg);
			return fail_fatal(r, err);
		}
		have += (size_t)n;
		/* The first chunk: at least 3 bytes to see the BOM. */
	} while (first && n > 0 && have < 3);
	r->started = true;
	r->cpos = 0;
	r->clen = have;
	if (have == 0)
		r->in_eof = true;
	if (first && have >= 3 && memcmp(r->chunk, "\xEF\xBB\xBF", 3) == 0)
		r->cpos = 3;
	r->chunk_no++;
	r->chunk_line0 = r->line;
	r->slow_until = 0;
	if (r->fast_skip > 0)
		r->fast_skip--;
	scan_chunk(r);
	return ES_OK;
}

static es_rc
parse_failed(es_csv_reader *r, es_err *err)
{
	set_fatal(r, ES_ENOMEM, "out of memory");
	snprintf(r->fatal_msg, sizeof r->fatal_msg, "%s:%" PRIu64 ": %s", es_in_name(r->in), r->line,
	         r->nomem ? "out of memory" : csv_strerror(csv_error(&r->p)));
	return fail_fatal(r, err);
}

/* Try the complete lines left in the chunk as one segment (see the top
 * of this file): ES_OK with *kept true and rows queued, ES_OK with *kept
 * false and nothing changed (feed the lines one at a time), or a fatal
 * error. */
static es_rc
parse_fast(es_csv_reader *r, bool *kept, es_err *err)
{
	const unsigned char *s = r->chunk + r->cpos, *nl;
	size_t seglen = r->clen - r->cpos, n;
	uint64_t lines = r->chunk_lf - (r->line - r->chunk_line0), field_chunk = r->field_chunk;

	*kept = false;
	/* Two lines at least, or nothing is saved. */
	if (lines < 2 || (nl = memrchr(s, '\n', seglen)) == NULL)
		return ES_OK;
	seglen = (size_t)(nl - s) + 1;
	/* Room for every field the segment can hold (one per byte read at
	 * most, each a byte of its own and a NUL): on_field need not look. */
	if (!grow((void **)&r->offs, &r->offcap, r->nf + seglen + 1, sizeof *r->offs)
	    || !grow((void **)&r->arena, &r->acap, r->alen + 2 * seglen + FIELD_COPY + 1, 1)) {
		r->nomem = true;
		return parse_failed(r, err);
	}
	r->fast = true;
	r->seg_clean = r->last_dirty < r->field_chunk && !r->cur_overflow;
	r->row_start = r->line;
	n = csv_parse(&r->p, s, seglen, on_field, on_row, r);
	r->fast = false;
	r->seg_clean = false;
	if (n < seglen || r->nomem)
		return parse_failed(r, err);
	if (r->qn == lines && r->row_err[0] == '\0' && r->dropped == 0
	    && r->p.pstate == LIBCSV_ROW_NOT_BEGUN) {
		r->cpos += seglen;
		r->line += lines;
		r->fast_backoff = 0;
		*kept = true;
		return ES_OK;
	}
	/* Taken back: libcsv's parser as it was (the state it is left in
	 * after a row, see SUBMIT_ROW in libcsv.c), the rows dropped. */
	r->p.pstate = LIBCSV_ROW_NOT_BEGUN;
	r->p.quoted = 0;
	r->p.spaces = 0;
	r->p.entry_pos = 0;
	r->nf = r->alen = r->row_f0 = r->row_a0 = 0;
	r->qn = 0;
	r->dropped = 0;
	r->cur_overflow = false;
	r->row_err[0] = '\0';
	r->field_chunk = field_chunk;
	r->slow_until = r->cpos + seglen;
	r->fast_backoff = r->fast_backoff < 32 ? r->fast_backoff * 2 + 1 : 63;
	r->fast_skip = r->fast_backoff;
	return ES_OK;
}

/* Parse until a row is complete (ES_OK, rows queued) or the input ends
 * (ES_EOF). */
static es_rc
parse_rows(es_csv_reader *r, es_err *err)
{
	r->nf = 0;
	r->alen = 0;
	r->row_f0 = r->row_a0 = 0;
	r->qn = r->qpos = 0;
	r->dropped = 0;
	r->row_err[0] = '\0';
	while (r->qn == 0) {
		const unsigned char *s, *nl, *cr;
		size_t seglen, n;
		es_rc rc;

		if (r->cpos == r->clen) {
			if (r->done)
				return ES_EOF;
			if (!r->in_eof && (rc = read_chunk(r, err)) != ES_OK)
				return rc;
			if (r->in_eof) {
				if (r->p.pstate == LIBCSV_FIELD_BEGUN && r->p.quoted)
					row_problem(r, "quoted field not closed at end of file");
				r->done = true;
				if (csv_fini(&r->p, on_field, on_row, r) != 0)
					return es_err_set(err, ES_EINTERNAL, "%s: csv_fini failed",
					                  es_in_name(r->in));
				if (r->nomem)
					break;
				if (r->qn == 0)
					return ES_EOF;
				break;
			}
			continue;
		}
		if (r->p.pstate == LIBCSV_ROW_NOT_BEGUN && !r->chunk_cr && r->fast_skip == 0
		    && r->cpos >= r->slow_until) {
			bool kept;

			if ((rc = parse_fast(r, &kept, err)) != ES_OK)
				return rc;
			if (kept)
				continue;
		}
		s = r->chunk + r->cpos;
		seglen = r->clen - r->cpos;
		nl = memchr(s, '\n', seglen);
		cr = r->chunk_cr ? memchr(s, '\r', nl != NULL ? (size_t)(nl - s) : seglen) : NULL;
		if (cr != NULL)
			seglen = (size_t)(cr - s) + 1;
		else if (nl != NULL)
			seglen = (size_t)(nl - s) + 1;
		if (r->p.pstate == LIBCSV_ROW_NOT_BEGUN)
			r->row_start = r->line;
		n = csv_parse(&r->p, s, seglen, on_field, on_row, r);
		if (n < seglen || r->nomem)
			return parse_failed(r, err);
		r->cpos += seglen;
		if (s[seglen - 1] == '\n')
			r->line++;
		/* A field over the limit: drop what the parser holds so far.
		 * Only inside a field (never right after a quote, where libcsv
		 * will take the quote back out of its buffer). */
		if (r->p.entry_pos > ES_CSV_MAX_FIELD && r->p.pstate == LIBCSV_FIELD_BEGUN) {
			r->p.entry_pos = 0;
			r->cur_overflow = true;
		}
	}
	if (r->nomem) {
		set_fatal(r, ES_ENOMEM, "out of memory");
		snprintf(r->fatal_msg, sizeof r->fatal_msg, "%s:%" PRIu64 ": out of memory",
		         es_in_name(r->in), r->row_start);
		return fail_fatal(r, err);
	}
	return ES_OK;
}

/* The next row into r->row: from the queue, or parsed. */
static es_rc
parse_row(es_csv_reader *r, es_err *err)
{
	const struct qrow *q;
	es_rc rc;

	size_t k;
	char **f;

	if (r->qpos == r->qn) {
		if ((rc = parse_rows(r, err)) != ES_OK)
			return rc;
		/* The field arrays of all the rows queued, each with its NULL
		 * after it, side by side: they stay valid together (see
		 * es_csv_buffered). */
		if (!grow((void **)&r->ptrs, &r->ptrcap, r->nf + r->qn, sizeof *r->ptrs)) {
			set_fatal(r, ES_ENOMEM, "out of memory");
			return fail_fatal(r, err);
		}
	}
	k = r->qpos++;
	q = &r->q[k];
	f = r->ptrs + q->f0 + k;
	for (size_t i = 0; i < q->nf; i++)
		f[i] = r->arena + r->offs[q->f0 + i];
	f[q->nf] = NULL;
	r->row.fields = f;
	r->row.nfields = q->nf;
	r->row.line = q->line;
	return ES_OK;
}

static es_rc
read_header(es_csv_reader *r, es_err *err)
{
	size_t i, n, len;
	es_rc rc;

	rc = parse_row(r, err);
	if (rc == ES_EOF)
		return es_err_set(err, ES_EDATA, "%s: empty file: no header row", es_in_name(r->in));
	if (rc != ES_OK)
		return rc;
	r->hdr_line = r->row.line;
	if (r->row_err[0] != '\0')
		return es_err_set(err, ES_EDATA, "%s:%" PRIu64 ": bad header row: %s",
		                  es_in_name(r->in), r->hdr_line, r->row_err);
	/* The fields lie one after the other (see csv.h): one block. */
	n = r->row.nfields;
	len = n > 0 ? (size_t)(r->row.fields[n - 1] - r->row.fields[0]) + strlen(r->row.fields[n - 1]) + 1 : 0;
	r->hdr = calloc(n + 1, sizeof *r->hdr);
	r->hdr_arena = malloc(len ? len : 1);
	if (r->hdr == NULL || r->hdr_arena == NULL)
		return es_err_set(err, ES_ENOMEM, "%s: out of memory", es_in_name(r->in));
	if (len > 0)
		memcpy(r->hdr_arena, r->row.fields[0], len);
	for (i = 0; i < n; i++)
		r->hdr[i] = r->hdr_arena + (r->row.fields[i] - r->row.fields[0]);
	r->ncols = n;
	return ES_OK;
}

es_csv_reader *
es_csv_reader_open(const char *path, const es_csv_opts *opts, es_err *err)
{
	es_csv_reader *r;

	r = calloc(1, sizeof *r);
	if (r == NULL) {
		es_err_set(err, ES_ENOMEM, "%s: out of memory", path);
		return NULL;
	}
	r->sep = opts != NULL && opts->sep != 0 ? opts->sep : ',';
	r->no_header = opts != NULL && opts->no_header;
	r->line = 1;
	r->field_chunk = 1;
	if (r->sep == '"' || r->sep == '\r' || r->sep == '\n') {
		es_err_set(err, ES_ECONFIG, "%s: invalid CSV separator", path);
		goto fail;
	}
	r->chunk = malloc(CSV_CHUNK);
	if (r->chunk == NULL) {
		es_err_set(err, ES_ENOMEM, "%s: out of memory", path);
		goto fail;
	}
	if (csv_init(&r->p, CSV_APPEND_NULL | CSV_STRICT_FINI) != 0) {
		es_err_set(err, ES_ENOMEM, "%s: cannot initialise the CSV parser", path);
		goto fail;
	}
	r->p_init = true;
	csv_set_delim(&r->p, (unsigned char)r->sep);
	csv_set_space_func(&r->p, no_space);
	csv_set_blk_size(&r->p, CSV_BLK);
	r->in = es_in_open(path, err);
	if (r->in == NULL)
		goto fail;
	if (!r->no_header) {
		if (read_header(r, err) != ES_OK)
			goto fail;
	} else {
		r->hdr = calloc(1, sizeof *r->hdr);
		if (r->hdr == NULL) {
			es_err_set(err, ES_ENOMEM, "%s: out of memory", path);
			goto fail;
		}
	}
	return r;
fail:
	es_csv_reader_close(r);
	return NULL;
}

es_rc
es_csv_next(es_csv_reader *r, es_csv_row **row, es_err *err)
{
	es_rc rc;

	*row = NULL;
	if (r->fatal != ES_OK)
		return fail_fatal(r, err);
	rc = parse_row(r, err);
	if (rc != ES_OK)
		return rc;
	r->rows++;
	*row = &r->row;
	if (r->row_err[0] != '\0')
		return es_err_set(err, ES_EDATA, "%s", r->row_err);
	if (!r->no_header && r->row.nfields != r->ncols)
		return es_err_set(err, ES_EDATA, "expected %zu fields, found %zu",
		                  r->ncols, r->row.nfields);
	return ES_OK;
}

const char *
es_csv_source(const es_csv_reader *r)
{
	return es_in_name(r->in);
}

size_t
es_csv_ncols(const es_csv_reader *r)
{
	return r->ncols;
}

const char *
es_csv_colname(const es_csv_reader *r, size_t i)
{
	return i < r->ncols ? r->hdr[i] : NULL;
}

const char *const *
es_csv_header(const es_csv_reader *r)
{
	return (const char *const *)r->hdr;
}

int
es_csv_col(const es_csv_reader *r, const char *name)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (strcmp(r->hdr[i], name) == 0)
			return (int)i;
	return -1;
}

/* a equals b once spaces and tabs around a are removed. */
static bool
trimmed_eq(const char *a, const char *b)
{
	size_t n;

	while (*a == ' ' || *a == '\t')
		a++;
	n = strlen(a);
	while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\t'))
		n--;
	return n == strlen(b) && memcmp(a, b, n) == 0;
}

es_rc
es_csv_require(const es_csv_reader *r, const char *const *names, int *idx, size_t n, es_err *err)
{
	uint64_t line = r->hdr_line ? r->hdr_line : 1;

	for (size_t i = 0; i < n; i++) {
		idx[i] = es_csv_col(r, names[i]);
		if (idx[i] < 0) {
			/* The usual slip: "id, amount" in a hand-made header. */
			for (size_t j = 0; j < r->ncols; j++)
				if (trimmed_eq(r->hdr[j], names[i]))
					return es_err_set(err, ES_EDATA,
					                  "%s:%" PRIu64 ": missing required column '%s' "
					                  "(column %zu is '%s': remove the spaces)",
					                  es_csv_source(r), line, names[i], j + 1, r->hdr[j]);
			return es_err_set(err, ES_EDATA, "%s:%" PRIu64 ": missing required column '%s'",
			                  es_csv_source(r), line, names[i]);
		}
		/* A required column must be unambiguous. */
		for (size_t j = (size_t)idx[i] + 1; j < r->ncols; j++)
			if (strcmp(r->hdr[j], names[i]) == 0)
				return es_err_set(err, ES_EDATA,
				                  "%s:%" PRIu64 ": column '%s' appears twice (columns %d and %zu)",
				                  es_csv_source(r), line, names[i], idx[i] + 1, j + 1);
	}
	return ES_OK;
}

size_t
es_csv_buffered(const es_csv_reader *r)
{
	return r->fatal != ES_OK ? 0 : r->qn - r->qpos;
}

uint64_t
es_csv_rows_read(const es_csv_reader *r)
{
	return r->rows;
}

void
es_csv_reader_close(es_csv_reader *r)
{
	if (r == NULL)
		return;
	if (r->p_init)
		csv_free(&r->p);
	es_in_close(r->in);
	free(r->chunk);
	free(r->arena);
	free(r->offs);
	free(r->ptrs);
	free(r->q);
	free(r->hdr);
	free(r->hdr_arena);
	free(r);
}

/* -------------------------------------------------------------- writing */

struct es_csv_writer {
	es_out *out;
	char sep;
	bool locale_it;
	size_t nf;            /* fields written in the current row */
	bool only_empty;      /* every field of the row so far was "" */
};

es_csv_writer *
es_csv_writer_new(es_out *out, const es_csv_wopts *opts, es_err *err)
{
	es_csv_writer *w = calloc(1, sizeof *w);

	if (w == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	w->out = out;
	w->locale_it = opts != NULL && opts->locale_it;
	w->sep = w->locale_it ? ';' : ',';
	w->only_empty = true;
	return w;
}

void
es_csv_writer_free(es_csv_writer *w)
{
	free(w);
}

static bool
needs_quotes(const char *s, size_t n, char sep)
{
	if (n == 0)
		return false;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return true;
	for (size_t i = 0; i < n; i++)
		if (s[i] == sep || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return true;
	return false;
}

es_rc
es_csv_put(es_csv_writer *w, const char *s, es_err *err)
{
	size_t n = s != NULL ? strlen(s) : 0;
	es_rc rc;

	if (w->nf > 0 && (rc = es_out_write(w->out, &w->sep, 1, err)) != ES_OK)
		return rc;
	w->nf++;
	if (n == 0)
		return ES_OK;
	w->only_empty = false;
	if (!needs_quotes(s, n, w->sep))
		return es_out_write(w->out, s, n, err);
	if ((rc = es_out_write(w->out, "\"", 1, err)) != ES_OK)
		return rc;
	for (;;) {
		const char *q = memchr(s, '"', n);
		size_t k = q != NULL ? (size_t)(q - s) + 1 : n;

		/* Up to and including a quote, then the quote again. */
		if ((rc = es_out_write(w->out, s, k, err)) != ES_OK)
			return rc;
		if (q == NULL)
			break;
		if ((rc = es_out_write(w->out, "\"", 1, err)) != ES_OK)
			return rc;
		s += k;
		n -= k;
	}
	return es_out_write(w->out, "\"", 1, err);
}

es_rc
es_csv_put_money(es_csv_writer *w, es_cents c, es_err *err)
{
	char buf[ES_MONEY_BUFSZ];

	return es_csv_put(w, es_money_format(c, w->locale_it ? ES_MONEY_COMMA : ES_MONEY_PLAIN, buf),
	                  err);
}

es_rc
es_csv_put_date(es_csv_writer *w, es_date d, es_err *err)
{
	char buf[ES_DATE_BUFSZ];

	return es_csv_put(w, es_date_format(d, buf), err);
}

es_rc
es_csv_put_int(es_csv_writer *w, int64_t v, es_err *err)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	return es_csv_put(w, buf, err);
}

es_rc
es_csv_put_decimal(es_csv_writer *w, int64_t v, int scale, es_err *err)
{
	char buf[32], *dot;

	es_decimal_format(v, scale, buf);
	if (w->locale_it && (dot = strchr(buf, '.')) != NULL)
		*dot = ',';
	return es_csv_put(w, buf, err);
}

es_rc
es_csv_end_row(es_csv_writer *w, es_err *err)
{
	es_rc rc;

	/* A lone empty field would read back as a blank line: quote it. */
	if (w->nf == 1 && w->only_empty && (rc = es_out_write(w->out, "\"\"", 2, err)) != ES_OK)
		return rc;
	w->nf = 0;
	w->only_empty = true;
	return es_out_write(w->out, "\n", 1, err);
}

es_rc
es_csv_put_row(es_csv_writer *w, const char *const *fields, size_t n, es_err *err)
{
	es_rc rc;

	for (size_t i = 0; i < n; i++)
		if ((rc = es_csv_put(w, fields[i], err)) != ES_OK)
			return rc;
	return es_csv_end_row(w, err);
}
