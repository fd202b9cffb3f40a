/* stream.h: byte streams in and out, with transparent gzip (zlib).
 *
 * es_in reads a named file or "-" (stdin); compressed data is detected by
 * content (zlib's gzread passes plain files through), so "x.csv.gz" and
 * "x.csv" both work.  es_out writes a named file or "-" (stdout); a name
 * ending in ".gz" is gzip-compressed.
 *
 * Ownership: es_in_open/es_out_open return a handle the caller must close
 * with es_in_close/es_out_close (which also frees it).  es_out_close
 * flushes and reports write errors: a full disk or a closed pipe is an
 * error, never a silent truncation. */
#ifndef ES_IO_STREAM_H
#define ES_IO_STREAM_H

#include "es_setup.h"
#include <stdio.h>
#include "types/error.h"

typedef struct es_in es_in;
typedef struct es_out es_out;

es_in *es_in_open(const char *path, es_err *err);
/* Read up to n bytes; returns the count (0 at end of file) or -1 on error. */
ptrdiff_t es_in_read(es_in *in, void *buf, size_t n, es_err *err);
/* Read one line (up to and including '\n', which is removed with a
 * preceding '\r').  *line points into the handle's buffer, valid until the
 * next call.  Lines longer than max_len (0: 64 MiB) are ES_EDATA.  Returns
 * ES_OK, ES_EOF, or an error. */
es_rc es_in_getline(es_in *in, char **line, size_t *len, size_t max_len, es_err *err);
const char *es_in_name(const es_in *in);   /* "-" shows as "<stdin>" */
/* Bytes read so far from the underlying (possibly compressed) file. */
uint64_t es_in_raw_bytes(const es_in *in);
void es_in_close(es_in *in);

es_out *es_out_open(const char *path, es_err *err);
/* Open with a file mode for new files (0600 for files with personal data). */
es_out *es_out_open_mode(const char *path, int mode, es_err *err);
es_rc es_out_write(es_out *out, const void *buf, size_t n, es_err *err);
es_rc es_out_puts(es_out *out, const char *s, es_err *err);
es_rc es_out_printf(es_out *out, es_err *err, const char *fmt, ...) ES_PRINTF(3, 4);
const char *es_out_name(const es_out *out);
/* Flush, check, close and free.  Safe on NULL. */
es_rc es_out_close(es_out *out, es_err *err);

#endif
