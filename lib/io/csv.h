/* csv.h: the esattore CSV stream (esattore-csv(5)) over libcsv.
 *
 * Reading: RFC 4180, UTF-8, a header row, ',' (or ';' when asked)
 * separator, CRLF or LF line ends, a UTF-8 BOM tolerated, gzip through
 * es_in.  Streaming: the rows of one 64 KiB chunk (or one longer row) in
 * memory at a time.
 *
 * Ownership:
 *   - es_csv_reader_open returns a reader the caller frees with
 *     es_csv_reader_close.
 *   - The es_csv_row returned by es_csv_next belongs to the reader and is
 *     valid until the next es_csv_next or es_csv_reader_close.  Copy what
 *     must outlive it.
 *   - Field strings are NUL-terminated and never NULL (an empty field is "").
 *   - The fields of a row lie one after the other in one block: fields[i + 1]
 *     starts right after the NUL of fields[i] (a row is copied whole from
 *     fields[0] to the NUL of its last field).
 *
 * A row whose field count differs from the header's is returned with
 * ES_EDATA and a message ("expected 5 fields, found 4"); the row is still
 * available (es_csv_row_*) for the rejects file, and reading goes on with
 * the next row. */
#ifndef ES_IO_CSV_H
#define ES_IO_CSV_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "io/stream.h"

/* Limits (esattore-csv(5)); beyond them a row is ES_EDATA, never a crash. */
#define ES_CSV_MAX_FIELD (16u * 1024u * 1024u)  /* bytes in one field */
#define ES_CSV_MAX_FIELDS 10000                  /* fields in one row */

typedef struct es_csv_reader es_csv_reader;

typedef struct es_csv_row {
	size_t nfields;
	char **fields;        /* nfields NUL-terminated strings */
	uint64_t line;        /* physical line where the row starts (1-based) */
} es_csv_row;

typedef struct es_csv_opts {
	char sep;             /* 0 means ',' */
	bool no_header;       /* the file has no header row */
} es_csv_opts;

/* Open path ("-" = stdin) and read its header. opts may be NULL. */
es_csv_reader *es_csv_reader_open(const char *path, const es_csv_opts *opts, es_err *err);
/* Returns ES_OK with *row set, ES_EOF at end, ES_EDATA for a bad row (row
 * set, go on), or a fatal error. */
es_rc es_csv_next(es_csv_reader *r, es_csv_row **row, es_err *err);
/* Rows parsed and not yet returned: the next es_csv_buffered(r) calls of
 * es_csv_next return them without parsing, and the rows they return
 * (their field arrays and strings) stay valid together until the call
 * after them, so that a caller can hold that many rows without copying
 * them (the es_csv_row struct itself is reused: copy it). */
size_t es_csv_buffered(const es_csv_reader *r);
const char *es_csv_source(const es_csv_reader *r);      /* file name for messages */
size_t es_csv_ncols(const es_csv_reader *r);
const char *es_csv_colname(const es_csv_reader *r, size_t i);
const char *const *es_csv_header(const es_csv_reader *r);
/* Column index by header name, -1 if absent. */
int es_csv_col(const es_csv_reader *r, const char *name);
/* Look up `n` required column names at once, filling idx[]; ES_EDATA
 * naming the first missing one ("missing required column 'amount'"). */
es_rc es_csv_require(const es_csv_reader *r, const char *const *names, int *idx, size_t n, es_err *err);
/* Field i of row, or "" if i < 0 or out of range (inline: it is called
 * for every field of every row). */
static inline const char *
es_csv_get(const es_csv_row *row, int i)
{
	return row != NULL && i >= 0 && (size_t)i < row->nfields ? row->fields[i] : "";
}
uint64_t es_csv_rows_read(const es_csv_reader *r);
void es_csv_reader_close(es_csv_reader *r);

/* Writing. */
typedef struct es_csv_writer es_csv_writer;

typedef struct es_csv_wopts {
	bool locale_it;       /* ';' separator and ',' decimals (--locale it) */
} es_csv_wopts;

/* Takes an open es_out it does not own (close the writer, then the out). */
es_csv_writer *es_csv_writer_new(es_out *out, const es_csv_wopts *opts, es_err *err);
void es_csv_writer_free(es_csv_writer *w);
/* Write one field (quoted when needed); es_csv_end_row ends the row. */
es_rc es_csv_put(es_csv_writer *w, const char *s, es_err *err);
es_rc es_csv_put_money(es_csv_writer *w, es_cents c, es_err *err);
es_rc es_csv_put_date(es_csv_writer *w, es_date d, es_err *err);
es_rc es_csv_put_int(es_csv_writer *w, int64_t v, es_err *err);
/* A fixed-point decimal (see money.h), with ',' under locale_it. */
es_rc es_csv_put_decimal(es_csv_writer *w, int64_t v, int scale, es_err *err);
es_rc es_csv_end_row(es_csv_writer *w, es_err *err);
/* A whole row of n strings. */
es_rc es_csv_put_row(es_csv_writer *w, const char *const *fields, size_t n, es_err *err);

#endif
