/* io_util.h: helpers for the lib/io unit tests (check_io): a scratch
 * directory per test, whole-file read and write, stderr capture.  They
 * abort the test (ck_abort) on any failure of the test machinery itself. */
#ifndef ES_TESTS_IO_UTIL_H
#define ES_TESTS_IO_UTIL_H

#include "es_setup.h"
#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv.h"

/* A fresh directory under $TMPDIR (or /tmp); free with tu_rmtree. */
static inline char *
tu_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = NULL;

	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	if (asprintf(&dir, "%s/esattore-io-XXXXXX", base) < 0 || mkdtemp(dir) == NULL)
		ck_abort_msg("cannot make a scratch directory under %s", base);
	return dir;
}

static inline int
tu_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

/* Remove dir and everything under it, and free the name. */
static inline void
tu_rmtree(char *dir)
{
	if (dir == NULL)
		return;
	nftw(dir, tu_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

/* dir/name, malloc'd. */
static inline char *
tu_path(const char *dir, const char *name)
{
	char *p = NULL;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		ck_abort_msg("out of memory");
	return p;
}

static inline void
tu_write(const char *path, const void *data, size_t n)
{
	FILE *fp = fopen(path, "wb");

	ck_assert_msg(fp != NULL, "cannot create %s", path);
	ck_assert(fwrite(data, 1, n, fp) == n);
	ck_assert(fclose(fp) == 0);
}

static inline void
tu_write_str(const char *path, const char *s)
{
	tu_write(path, s, strlen(s));
}

/* The whole file, NUL-terminated; *len (if not NULL) gets its size. */
static inline char *
tu_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	ck_assert_msg(fp != NULL, "cannot open %s", path);
	do {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			ck_assert(buf != NULL);
		}
		got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
	} while (got > 0);
	ck_assert(!ferror(fp));
	fclose(fp);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

/* Capture what the code under test writes on stderr. */
typedef struct tu_capture {
	int saved;
	char *path;
} tu_capture;

static inline void
tu_capture_begin(tu_capture *c, const char *dir)
{
	int fd;

	c->path = tu_path(dir, "stderr.txt");
	fflush(stderr);
	c->saved = dup(STDERR_FILENO);
	fd = open(c->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert(c->saved >= 0 && fd >= 0);
	ck_assert(dup2(fd, STDERR_FILENO) == STDERR_FILENO);
	close(fd);
}

/* Restore stderr; returns the captured text (free it). */
static inline char *
tu_capture_end(tu_capture *c)
{
	char *text;

	fflush(stderr);
	ck_assert(dup2(c->saved, STDERR_FILENO) == STDERR_FILENO);
	close(c->saved);
	text = tu_read(c->path, NULL);
	free(c->path);
	return text;
}

/* A scratch directory with stderr captured into it: the fixture of the
 * tests whose code reports on stderr.  tu_scratch_end drops the text. */
static inline char *
tu_scratch_begin(tu_capture *c)
{
	char *dir = tu_mkdtemp();

	tu_capture_begin(c, dir);
	return dir;
}

static inline void
tu_scratch_end(tu_capture *c, char *dir)
{
	free(tu_capture_end(c));
	tu_rmtree(dir);
}

/* A CSV writer (default options) on dir/name; its stream in *out. */
static inline es_csv_writer *
tu_csv_writer(const char *dir, const char *name, es_out **out)
{
	char *p = tu_path(dir, name);
	es_csv_wopts wo = { 0 };
	es_csv_writer *w;
	es_err err;

	*out = es_out_open(p, &err);
	ck_assert_msg(*out != NULL, "%s", err.msg);
	w = es_csv_writer_new(*out, &wo, &err);
	ck_assert_msg(w != NULL, "%s", err.msg);
	free(p);
	return w;
}

/* Close what tu_csv_writer opened and return the file's text (free it). */
static inline char *
tu_csv_text(const char *dir, const char *name, es_csv_writer *w, es_out *out)
{
	char *p = tu_path(dir, name), *t;
	es_err err;

	es_csv_writer_free(w);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);
	t = tu_read(p, NULL);
	free(p);
	return t;
}

#endif
