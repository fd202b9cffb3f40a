/* stream.c: byte streams in and out with transparent gzip (see stream.h).
 *
 * Input is read with read(2) into a large buffer; when the first two bytes
 * are the gzip magic (1f 8b) the data is inflated with zlib (inflateInit2
 * with the gzip wrapper), else passed through unchanged: "x.csv.gz" and
 * "x.csv" both work, named or on a pipe.  Concatenated gzip members are
 * read as gzip(1) does.  A truncated or corrupt gzip file is ES_EIO, never
 * a silent short read.  Driving inflate ourselves (rather than gzread)
 * keeps es_in_raw_bytes exact on pipes, where gzoffset cannot tell it.
 *
 * Output is buffered here (not in stdio) so that every write(2) error is
 * seen: a full disk (ENOSPC) or a closed pipe (EPIPE) makes the write or
 * es_out_close return ES_EIO.  Names ending in ".gz" are deflated with
 * zlib into a gzip stream (RFC 1952).  "-" writes standard output through
 * stdio, so that it stays ordered with anything else the program prints. */
#include "es_setup.h"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "io/stream.h"

#define IN_RAWBUF (256u * 1024u)       /* compressed bytes read at once */
#define IN_CHUNK (256u * 1024u)        /* decompressed bytes read at once */
#define LINE_MAX_DEFAULT ((size_t)64 * 1024 * 1024)
#define OUT_BUF (256u * 1024u)

/* ---------------------------------------------------------------- input */

struct es_in {
	char *name;           /* for messages: "<stdin>" for "-" */
	int fd;
	bool own_fd;
	bool gzip;            /* input is gzip data (else plain) */
	bool eof;             /* the decoder has nothing more */
	/* Decoder state (our own inflate loop, so that the raw count is exact
	 * on pipes too). */
	z_stream zs;
	bool zs_init;
	bool member_done;     /* a gzip member ended; another may follow */
	unsigned char *raw;   /* compressed input buffer */
	size_t raw_len;       /* bytes valid in raw (from zs.next_in) */
	bool raw_eof;         /* read(2) returned 0 */
	uint64_t raw_bytes;   /* bytes read from the descriptor */
	/* Line buffer: decoded bytes [pos, end) not yet returned. */
	char *buf;
	size_t cap, pos, end;
	bool skipping;        /* discarding the rest of an over-long line */
	uint64_t lineno;      /* lines returned by es_in_getline */
};

static ptrdiff_t
raw_fill(es_in *in, es_err *err)
{
	ssize_t n;

	/* Keep unconsumed bytes at the front. */
	if (in->zs.avail_in > 0 && in->zs.next_in != in->raw)
		memmove(in->raw, in->zs.next_in, in->zs.avail_in);
	in->zs.next_in = in->raw;
	for (;;) {
		n = read(in->fd, in->raw + in->zs.avail_in, IN_RAWBUF - in->zs.avail_in);
		if (n >= 0)
			break;
		if (errno != EINTR)
			return es_err_errno(err, ES_EIO, "%s: read error", in->name), -1;
	}
	if (n == 0)
		in->raw_eof = true;
	in->zs.avail_in += (uInt)n;
	in->raw_bytes += (uint64_t)n;
	return n;
}

/* Decode up to n bytes into dst; 0 at end of data, -1 on error. */
static ptrdiff_t
decode(es_in *in, void *dst, size_t n, es_err *err)
{
	int zr;

	if (in->eof || n == 0)
		return 0;
	if (!in->gzip) {
		size_t got;

		/* Plain data: first the bytes already in raw (read while
		 * sniffing the gzip magic), then straight from the descriptor. */
		if (in->zs.avail_in > 0) {
			got = in->zs.avail_in < n ? in->zs.avail_in : n;
			memcpy(dst, in->zs.next_in, got);
			in->zs.next_in += got;
			in->zs.avail_in -= (uInt)got;
			return (ptrdiff_t)got;
		}
		for (;;) {
			ssize_t r = read(in->fd, dst, n);

			if (r > 0) {
				in->raw_bytes += (uint64_t)r;
				return r;
			}
			if (r == 0) {
				in->eof = true;
				return 0;
			}
			if (errno != EINTR)
				return es_err_errno(err, ES_EIO, "%s: read error", in->name), -1;
		}
	}

	if (n > IN_CHUNK)
		n = IN_CHUNK;
	in->zs.next_out = dst;
	in->zs.avail_out = (uInt)n;
	while (in->zs.avail_out == (uInt)n) {
		if (in->member_done) {
			/* After a member: another gzip member, or the end. */
			if (in->zs.avail_in < 2 && !in->raw_eof && raw_fill(in, err) < 0)
				return -1;
			if (in->zs.avail_in < 2 && !in->raw_eof)
				continue;
			if (in->zs.avail_in == 0) {
				in->eof = true;
				break;
			}
			if (in->zs.next_in[0] == 0) {
				/* Zero padding (tape blocks, some producers):
				 * allowed up to the end of the file. */
				while (in->zs.avail_in > 0 && in->zs.next_in[0] == 0) {
					in->zs.next_in++;
					in->zs.avail_in--;
				}
				if (in->zs.avail_in > 0)
					return es_err_set(err, ES_EIO, "%s: trailing garbage after gzip data",
					                  in->name), -1;
				if (!in->raw_eof && raw_fill(in, err) < 0)
					return -1;
				if (in->zs.avail_in == 0 && in->raw_eof) {
					in->eof = true;
					break;
				}
				continue;
			}
			if (in->zs.avail_in < 2 || in->zs.next_in[0] != 0x1f || in->zs.next_in[1] != 0x8b)
				return es_err_set(err, ES_EIO, "%s: trailing garbage after gzip data", in->name), -1;
			if (inflateReset(&in->zs) != Z_OK)
				return es_err_set(err, ES_EINTERNAL, "%s: inflateReset failed", in->name), -1;
			in->member_done = false;
		}
		if (in->zs.avail_in == 0) {
			if (in->raw_eof)
				return es_err_set(err, ES_EIO, "%s: unexpected end of gzip data (truncated file)",
				                  in->name), -1;
			if (raw_fill(in, err) < 0)
				return -1;
			continue;
		}
		zr = inflate(&in->zs, Z_NO_FLUSH);
		if (zr == Z_STREAM_END) {
			in->member_done = true;
		} else if (zr == Z_MEM_ERROR) {
			return es_err_set(err, ES_ENOMEM, "%s: out of memory in zlib", in->name), -1;
		} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			return es_err_set(err, ES_EIO, "%s: corrupt gzip data: %s", in->name,
			                  in->zs.msg ? in->zs.msg : "inflate error"), -1;
		}
	}
	return (ptrdiff_t)(n - in->zs.avail_out);
}

es_in *
es_in_open(const char *path, es_err *err)
{
	es_in *in;
	int fd;
	bool is_stdin = strcmp(path, "-") == 0;

	if (is_stdin) {
		fd = STDIN_FILENO;
	} else {
		do
			fd = open(path, O_RDONLY | O_CLOEXEC);
		while (fd < 0 && errno == EINTR);
		if (fd < 0) {
			es_err_errno(err, ES_EIO, "%s: cannot open", path);
			return NULL;
		}
	}
	in = calloc(1, sizeof *in);
	if (in == NULL)
		goto nomem;
	in->fd = fd;
	in->own_fd = !is_stdin;
	in->name = strdup(is_stdin ? "<stdin>" : path);
	in->raw = malloc(IN_RAWBUF);
	if (in->name == NULL || in->raw == NULL)
		goto nomem;
#ifdef POSIX_FADV_SEQUENTIAL
	if (!is_stdin)
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	/* Sniff the gzip magic (1f 8b). */
	in->zs.next_in = in->raw;
	in->zs.avail_in = 0;
	while (in->zs.avail_in < 2 && !in->raw_eof)
		if (raw_fill(in, err) < 0)
			goto fail;
	if (in->zs.avail_in >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) {
		in->gzip = true;
		/* 15 + 16: gzip wrapper only, the largest window. */
		if (inflateInit2(&in->zs, 15 + 16) != Z_OK) {
			es_err_set(err, ES_ENOMEM, "%s: cannot initialise zlib", in->name);
			goto fail;
		}
		in->zs_init = true;
	}
	return in;
nomem:
	es_err_set(err, ES_ENOMEM, "%s: out of memory", path);
fail:
	if (in == NULL && !is_stdin)
		close(fd);
	es_in_close(in);
	return NULL;
}

ptrdiff_t
es_in_read(es_in *in, void *buf, size_t n, es_err *err)
{
	/* Bytes already decoded into the line buffer come first. */
	if (in->pos < in->end) {
		size_t got = in->end - in->pos < n ? in->end - in->pos : n;

		memcpy(buf, in->buf + in->pos, got);
		in->pos += got;
		return (ptrdiff_t)got;
	}
	return decode(in, buf, n, err);
}

/* Make room for at least one more chunk after end (compacting first). */
static es_rc
buf_reserve(es_in *in, size_t limit, es_err *err)
{
	size_t ncap;
	char *p;

	if (in->pos > 0) {
		memmove(in->buf, in->buf + in->pos, in->end - in->pos);
		in->end -= in->pos;
		in->pos = 0;
	}
	if (in->cap - in->end > IN_CHUNK / 4)
		return ES_OK;
	ncap = in->cap ? in->cap * 2 : IN_CHUNK + 1;
	/* Never more than one chunk beyond the longest allowed line. */
	if (ncap > limit + IN_CHUNK + 2)
		ncap = limit + IN_CHUNK + 2;
	if (ncap <= in->cap)
		return ES_OK;
	p = realloc(in->buf, ncap);
	if (p == NULL)
		return es_err_set(err, ES_ENOMEM, "%s: out of memory", in->name);
	in->buf = p;
	in->cap = ncap;
	return ES_OK;
}

es_rc
es_in_getline(es_in *in, char **line, size_t *len, size_t max_len, es_err *err)
{
	size_t scanned = 0;   /* bytes of [pos, end) known to hold no '\n' */
	char *nl;
	es_rc rc;

	if (max_len == 0)
		max_len = LINE_MAX_DEFAULT;
	for (;;) {
		nl = in->end > in->pos + scanned
		     ? memchr(in->buf + in->pos + scanned, '\n', in->end - in->pos - scanned) : NULL;
		if (nl != NULL) {
			size_t l = (size_t)(nl - (in->buf + in->pos));
			char *start = in->buf + in->pos;

			in->pos += l + 1;
			if (in->skipping) {
				/* The tail of an over-long line: drop it. */
				in->skipping = false;
				scanned = 0;
				continue;
			}
			in->lineno++;
			if (l > 0 && start[l - 1] == '\r')
				l--;
			if (l > max_len)
				goto toolong;
			start[l] = '\0';
			*line = start;
			*len = l;
			return ES_OK;
		}
		scanned = in->end - in->pos;
		if (in->skipping) {
			in->pos = in->end;
			scanned = 0;
		} else if (scanned > max_len + 1) {
			/* +1: a '\r' that may precede the '\n'. */
			in->lineno++;
			in->skipping = true;
			in->pos = in->end;
			goto toolong;
		}
		if (in->eof) {
			if (in->pos == in->end) {
				in->skipping = false;
				return ES_EOF;
			}
			/* A last line without '\n'. */
			{
				char *start = in->buf + in->pos;
				size_t l = in->end - in->pos;

				in->lineno++;
				in->pos = in->end;
				if (l > 0 && start[l - 1] == '\r')
					l--;
				if (l > max_len)
					goto toolong;
				start[l] = '\0';   /* buf_reserve keeps room for it */
				*line = start;
				*len = l;
				return ES_OK;
			}
		}
		if ((rc = buf_reserve(in, max_len, err)) != ES_OK)
			return rc;
		{
			ptrdiff_t got = decode(in, in->buf + in->end, in->cap - in->end - 1, err);

			if (got < 0)
				return err ? err->rc : ES_EIO;
			in->end += (size_t)got;
		}
	}
toolong:
	return es_err_set(err, ES_EDATA, "%s:%" PRIu64 ": line longer than %zu bytes",
	                  in->name, in->lineno, max_len);
}

const char *
es_in_name(const es_in *in)
{
	return in->name;
}

uint64_t
es_in_raw_bytes(const es_in *in)
{
	return in->raw_bytes;
}

void
es_in_close(es_in *in)
{
	if (in == NULL)
		return;
	if (in->zs_init)
		inflateEnd(&in->zs);
	if (in->own_fd)
		close(in->fd);
	free(in->raw);
	free(in->buf);
	free(in->name);
	free(in);
}

/* --------------------------------------------------------------- output */

struct es_out {
	char *name;
	int fd;               /* -1 for standard output (through stdio) */
	bool gzip;
	z_stream zs;
	bool zs_init;
	unsigned char *buf;   /* data waiting for write(2) (after deflate) */
	size_t len;
	unsigned char *zbuf;  /* uncompressed data waiting for deflate */
	size_t zlen;
	int error;            /* sticky errno of the first failure */
};

static bool
ends_with_gz(const char *path)
{
	size_t n = strlen(path);

	return n > 3 && strcmp(path + n - 3, ".gz") == 0;
}

es_out *
es_out_open(const char *path, es_err *err)
{
	return es_out_open_mode(path, 0666, err);
}

es_out *
es_out_open_mode(const char *path, int mode, es_err *err)
{
	es_out *out;
	bool is_stdout = strcmp(path, "-") == 0;

	out = calloc(1, sizeof *out);
	if (out == NULL)
		goto nomem;
	out->fd = -1;
	out->name = strdup(is_stdout ? "<stdout>" : path);
	out->buf = malloc(OUT_BUF);
	if (out->name == NULL || out->buf == NULL)
		goto nomem;
	if (!is_stdout && ends_with_gz(path)) {
		out->gzip = true;
		out->zbuf = malloc(OUT_BUF);
		if (out->zbuf == NULL)
			goto nomem;
		if (deflateInit2(&out->zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
		                 Z_DEFAULT_STRATEGY) != Z_OK)
			goto nomem;
		out->zs_init = true;
	}
	if (!is_stdout) {
		do
			out->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, (mode_t)mode);
		while (out->fd < 0 && errno == EINTR);
		if (out->fd < 0) {
			es_err_errno(err, ES_EIO, "%s: cannot create", path);
			goto fail;
		}
	}
	return out;
nomem:
	es_err_set(err, ES_ENOMEM, "%s: out of memory", path);
fail:
	if (out != NULL) {
		if (out->zs_init)
			deflateEnd(&out->zs);
		free(out->zbuf);
		free(out->buf);
		free(out->name);
		free(out);
	}
	return NULL;
}

static es_rc
out_fail(es_out *out, es_err *err)
{
	return es_err_set(err, ES_EIO, "%s: write error: %s", out->name, strerror(out->error));
}

/* Write the raw buffer to the file. */
static es_rc
out_flush_raw(es_out *out, es_err *err)
{
	size_t done = 0;

	if (out->error)
		return out_fail(out, err);
	if (out->fd < 0) {
		if (out->len > 0 && fwrite(out->buf, 1, out->len, stdout) != out->len) {
			out->error = errno ? errno : EIO;
			return out_fail(out, err);
		}
		out->len = 0;
		return ES_OK;
	}
	while (done < out->len) {
		ssize_t n = write(out->fd, out->buf + done, out->len - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			out->error = errno;
			return out_fail(out, err);
		}
		done += (size_t)n;
	}
	out->len = 0;
	return ES_OK;
}

/* Deflate zbuf into buf (flushing buf as it fills); finish ends the stream. */
static es_rc
out_deflate(es_out *out, bool finish, es_err *err)
{
	int zr;
	es_rc rc;

	out->zs.next_in = out->zbuf;
	out->zs.avail_in = (uInt)out->zlen;
	for (;;) {
		out->zs.next_out = out->buf + out->len;
		out->zs.avail_out = (uInt)(OUT_BUF - out->len);
		zr = deflate(&out->zs, finish ? Z_FINISH : Z_NO_FLUSH);
		if (zr == Z_STREAM_ERROR)
			return es_err_set(err, ES_EINTERNAL, "%s: deflate failed", out->name);
		out->len = OUT_BUF - out->zs.avail_out;
		if (finish ? zr == Z_STREAM_END : (out->zs.avail_in == 0 && out->zs.avail_out > 0))
			break;
		if ((rc = out_flush_raw(out, err)) != ES_OK)
			return rc;
	}
	out->zlen = 0;
	return ES_OK;
}

es_rc
es_out_write(es_out *out, const void *data, size_t n, es_err *err)
{
	const unsigned char *p = data;
	unsigned char *b = out->gzip ? out->zbuf : out->buf;
	size_t *len = out->gzip ? &out->zlen : &out->len;
	es_rc rc;

	if (out->error)
		return out_fail(out, err);
	while (n > 0) {
		size_t room = OUT_BUF - *len, k = n < room ? n : room;

		memcpy(b + *len, p, k);
		*len += k;
		p += k;
		n -= k;
		if (*len == OUT_BUF) {
			rc = out->gzip ? out_deflate(out, false, err) : out_flush_raw(out, err);
			if (rc != ES_OK)
				return rc;
		}
	}
	return ES_OK;
}

es_rc
es_out_puts(es_out *out, const char *s, es_err *err)
{
	return es_out_write(out, s, strlen(s), err);
}

es_rc
es_out_printf(es_out *out, es_err *err, const char *fmt, ...)
{
	char small[1024], *p = small;
	va_list ap;
	int n;
	es_rc rc;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return es_err_set(err, ES_EINTERNAL, "%s: bad format", out->name);
	if ((size_t)n >= sizeof small) {
		p = malloc((size_t)n + 1);
		if (p == NULL)
			return es_err_set(err, ES_ENOMEM, "%s: out of memory", out->name);
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	rc = es_out_write(out, p, (size_t)n, err);
	if (p != small)
		free(p);
	return rc;
}

const char *
es_out_name(const es_out *out)
{
	return out->name;
}

es_rc
es_out_close(es_out *out, es_err *err)
{
	es_rc rc = ES_OK;

	if (out == NULL)
		return ES_OK;
	if (out->gzip && !out->error)
		rc = out_deflate(out, true, err);
	if (rc == ES_OK)
		rc = out_flush_raw(out, err);
	if (out->fd < 0) {
		/* Standard output stays open (es_tool_finish closes it), but a
		 * failure to deliver our data must be seen now. */
		if (rc == ES_OK && (fflush(stdout) != 0 || ferror(stdout))) {
			out->error = errno ? errno : EIO;
			rc = out_fail(out, err);
		}
	} else if (close(out->fd) != 0 && rc == ES_OK && errno != EINTR) {
		out->error = errno;
		rc = out_fail(out, err);
	}
	if (out->zs_init)
		deflateEnd(&out->zs);
	free(out->zbuf);
	free(out->buf);
	free(out->name);
	free(out);
	return rc;
}
