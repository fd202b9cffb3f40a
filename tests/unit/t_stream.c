/* t_stream.c: es_in / es_out (lib/io/stream.c). */
#include "es_setup.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "io_util.h"
#include "io/stream.h"

Suite *make_suite_stream(void);

static off_t
file_size(const char *path)
{
	struct stat st;

	ck_assert_int_eq(stat(path, &st), 0);
	return st.st_size;
}

static void
expect_line(es_in *in, const char *want)
{
	char *line;
	size_t len;
	es_err err;
	es_rc rc = es_in_getline(in, &line, &len, 0, &err);

	ck_assert_msg(rc == ES_OK, "getline: rc %d (%s)", rc, rc < 0 ? err.msg : "");
	ck_assert_str_eq(line, want);
	ck_assert_uint_eq(len, strlen(want));
}

static void
expect_eof(es_in *in)
{
	char *line;
	size_t len;
	es_err err;

	ck_assert_int_eq(es_in_getline(in, &line, &len, 0, &err), ES_EOF);
}

START_TEST(plain_lines_crlf)
{
	char *dir = tu_mkdtemp(), *p = tu_path(dir, "a.txt");
	es_err err;
	es_out *out;
	es_in *in;

	out = es_out_open(p, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(es_out_puts(out, "hello\nworld\r\n", &err), ES_OK);
	ck_assert_int_eq(es_out_printf(out, &err, "%s\n\n%d", "x", 42), ES_OK);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);
	/* "hello\n" 6 + "world\r\n" 7 + "x\n" 2 + "\n" 1 + "42" 2 = 18 bytes. */
	ck_assert_int_eq(file_size(p), 18);

	in = es_in_open(p, &err);
	ck_assert_ptr_nonnull(in);
	ck_assert_str_eq(es_in_name(in), p);
	expect_line(in, "hello");
	expect_line(in, "world");          /* CR before LF removed */
	expect_line(in, "x");
	expect_line(in, "");
	expect_line(in, "42");             /* last line without '\n' */
	expect_eof(in);
	expect_eof(in);
	ck_assert_uint_eq(es_in_raw_bytes(in), 18);
	es_in_close(in);
	free(p);
	tu_rmtree(dir);
}
END_TEST

START_TEST(empty_and_missing)
{
	char *dir = tu_mkdtemp(), *p = tu_path(dir, "empty"), *q = tu_path(dir, "nope");
	char buf[8];
	es_err err;
	es_in *in;

	tu_write(p, "", 0);
	in = es_in_open(p, &err);
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(es_in_read(in, buf, sizeof buf, &err), 0);
	expect_eof(in);
	ck_assert_uint_eq(es_in_raw_bytes(in), 0);
	es_in_close(in);

	in = es_in_open(q, &err);
	ck_assert_ptr_null(in);
	ck_assert_int_eq(err.rc, ES_EIO);
	ck_assert_msg(strstr(err.msg, q) != NULL && strstr(err.msg, "No such file") != NULL,
	              "message: %s", err.msg);
	free(p);
	free(q);
	tu_rmtree(dir);
}
END_TEST

/* 100000 lines "line N" through gzip and back. */
START_TEST(gzip_round_trip)
{
	char *dir = tu_mkdtemp(), *p = tu_path(dir, "big.txt.gz"), *raw;
	char want[32], *line;
	size_t len, n;
	es_err err;
	es_out *out;
	es_in *in;
	int i;

	out = es_out_open(p, &err);
	ck_assert_ptr_nonnull(out);
	for (i = 0; i < 100000; i++)
		ck_assert_int_eq(es_out_printf(out, &err, "line %d\n", i), ES_OK);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);

	raw = tu_read(p, &n);
	/* RFC 1952: ID1 = 0x1f, ID2 = 0x8b, CM = 8 (deflate). */
	ck_assert_uint_ge(n, 18);
	ck_assert_uint_eq((unsigned char)raw[0], 0x1f);
	ck_assert_uint_eq((unsigned char)raw[1], 0x8b);
	ck_assert_uint_eq((unsigned char)raw[2], 8);
	/* "line 0\n" .. "line 99999\n" is 1288890 bytes: gzip must shrink it. */
	ck_assert_uint_lt(n, 1288890 / 2);
	free(raw);

	in = es_in_open(p, &err);
	ck_assert_ptr_nonnull(in);
	for (i = 0; i < 100000; i++) {
		snprintf(want, sizeof want, "line %d", i);
		ck_assert_int_eq(es_in_getline(in, &line, &len, 0, &err), ES_OK);
		ck_assert_str_eq(line, want);
	}
	expect_eof(in);
	ck_assert_uint_eq(es_in_raw_bytes(in), (uint64_t)n);
	es_in_close(in);
	free(p);
	tu_rmtree(dir);
}
END_TEST

/* gzip data on standard input (a pipe or file), and two concatenated
 * members as `cat a.gz b.gz` gives. */
START_TEST(gzip_stdin_concatenated)
{
	char *dir = tu_mkdtemp(), *a = tu_path(dir, "a.gz"), *b = tu_path(dir, "b.gz");
	char *c = tu_path(dir, "c.gz"), *da, *db;
	size_t na, nb;
	es_err err;
	es_out *out;
	es_in *in;
	int fd;

	out = es_out_open(a, &err);
	ck_assert_int_eq(es_out_puts(out, "first\nsecond", &err), ES_OK);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);
	out = es_out_open(b, &err);
	ck_assert_int_eq(es_out_puts(out, " half\nthird\n", &err), ES_OK);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);
	da = tu_read(a, &na);
	db = tu_read(b, &nb);
	{
		FILE *fp = fopen(c, "wb");

		fwrite(da, 1, na, fp);
		fwrite(db, 1, nb, fp);
		fclose(fp);
	}
	fd = open(c, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	in = es_in_open("-", &err);
	ck_assert_ptr_nonnull(in);
	ck_assert_str_eq(es_in_name(in), "<stdin>");
	expect_line(in, "first");
	expect_line(in, "second half");   /* the line spans the two members */
	expect_line(in, "third");
	expect_eof(in);
	ck_assert_uint_eq(es_in_raw_bytes(in), (uint64_t)(na + nb));
	es_in_close(in);
	free(da);
	free(db);
	free(a);
	free(b);
	free(c);
	tu_rmtree(dir);
}
END_TEST

/* A truncated and a corrupt gzip file are errors, not short reads. */
START_TEST(gzip_truncated_corrupt)
{
	char *dir = tu_mkdtemp(), *p = tu_path(dir, "t.gz"), *data, buf[65536];
	size_t n;
	ptrdiff_t got;
	es_err err;
	es_out *out;
	es_in *in;
	int i;

	out = es_out_open(p, &err);
	for (i = 0; i < 20000; i++)
		es_out_printf(out, &err, "%d,%d\n", i, i * 7);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);
	data = tu_read(p, &n);

	/* Drop the 8-byte trailer (CRC32, ISIZE) and a little more. */
	tu_write(p, data, n - 12);
	in = es_in_open(p, &err);
	ck_assert_ptr_nonnull(in);
	while ((got = es_in_read(in, buf, sizeof buf, &err)) > 0)
		;
	ck_assert_int_eq(got, -1);
	ck_assert_int_eq(err.rc, ES_EIO);
	ck_assert_msg(strstr(err.msg, "truncated") != NULL, "message: %s", err.msg);
	es_in_close(in);

	/* Zero padding after the last member is accepted; other bytes are
	 * trailing garbage. */
	{
		char *padded = malloc(n + 512);

		memcpy(padded, data, n);
		memset(padded + n, 0, 512);
		tu_write(p, padded, n + 512);
		in = es_in_open(p, &err);
		while ((got = es_in_read(in, buf, sizeof buf, &err)) > 0)
			;
		ck_assert_msg(got == 0, "padding: %s", err.msg);
		es_in_close(in);
		memcpy(padded + n + 100, "junk", 4);
		tu_write(p, padded, n + 512);
		in = es_in_open(p, &err);
		while ((got = es_in_read(in, buf, sizeof buf, &err)) > 0)
			;
		ck_assert_int_eq(got, -1);
		ck_assert_msg(strstr(err.msg, "trailing garbage after gzip data") != NULL, "%s", err.msg);
		es_in_close(in);
		free(padded);
	}

	/* Flip bytes in the middle of the deflate data. */
	for (i = 0; i < 64; i++)
		data[n / 2 + (size_t)i] ^= 0x5a;
	tu_write(p, data, n);
	in = es_in_open(p, &err);
	ck_assert_ptr_nonnull(in);
	while ((got = es_in_read(in, buf, sizeof buf, &err)) > 0)
		;
	ck_assert_int_eq(got, -1);
	ck_assert_int_eq(err.rc, ES_EIO);
	es_in_close(in);
	free(data);
	free(p);
	tu_rmtree(dir);
}
END_TEST

/* Over-long lines are ES_EDATA, reading goes on with the next line, and
 * memory stays bounded (the 3 MiB line is never held whole). */
START_TEST(line_too_long)
{
	char *dir = tu_mkdtemp(), *p = tu_path(dir, "long.txt"), *data, *line, *want;
	size_t big = 3u * 1024u * 1024u, n, len;
	es_err err;
	es_in *in;

	/* line 1 "short", line 2: 11 'a', line 3 "after",
	 * line 4: 3 MiB of 'b', line 5 "end" */
	n = 6 + 12 + 6 + big + 1 + 3;
	data = malloc(n);
	memcpy(data, "short\n", 6);
	memset(data + 6, 'a', 11);
	data[17] = '\n';
	memcpy(data + 18, "after\n", 6);
	memset(data + 24, 'b', big);
	data[24 + big] = '\n';
	memcpy(data + 25 + big, "end", 3);
	tu_write(p, data, n);
	free(data);

	in = es_in_open(p, &err);
	ck_assert_int_eq(es_in_getline(in, &line, &len, 10, &err), ES_OK);
	ck_assert_str_eq(line, "short");
	ck_assert_int_eq(es_in_getline(in, &line, &len, 10, &err), ES_EDATA);
	want = NULL;
	ck_assert(asprintf(&want, "%s:2: line longer than 10 bytes", p) > 0);
	ck_assert_str_eq(err.msg, want);
	free(want);
	ck_assert_int_eq(es_in_getline(in, &line, &len, 10, &err), ES_OK);
	ck_assert_str_eq(line, "after");
	ck_assert_int_eq(es_in_getline(in, &line, &len, 10, &err), ES_EDATA);
	ck_assert(asprintf(&want, "%s:4: line longer than 10 bytes", p) > 0);
	ck_assert_str_eq(err.msg, want);
	free(want);
	ck_assert_int_eq(es_in_getline(in, &line, &len, 10, &err), ES_OK);
	ck_assert_str_eq(line, "end");
	ck_assert_int_eq(es_in_getline(in, &line, &len, 10, &err), ES_EOF);
	es_in_close(in);

	/* Exactly max_len bytes (plus CR LF) is accepted. */
	tu_write_str(p, "0123456789\r\n");
	in = es_in_open(p, &err);
	ck_assert_int_eq(es_in_getline(in, &line, &len, 10, &err), ES_OK);
	ck_assert_str_eq(line, "0123456789");
	ck_assert_int_eq(es_in_getline(in, &line, &len, 10, &err), ES_EOF);
	es_in_close(in);
	free(p);
	tu_rmtree(dir);
}
END_TEST

START_TEST(dev_full)
{
	es_err err;
	es_out *out;
	char block[4096];
	es_rc rc = ES_OK;
	int i;

	/* A small write is buffered: the failure shows at close. */
	out = es_out_open("/dev/full", &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(es_out_puts(out, "a,b\n", &err), ES_OK);
	ck_assert_int_eq(es_out_close(out, &err), ES_EIO);
	ck_assert_msg(strstr(err.msg, "/dev/full") != NULL &&
	              strstr(err.msg, strerror(ENOSPC)) != NULL, "message: %s", err.msg);

	/* A large one fails on the write itself, and stays failed. */
	memset(block, 'x', sizeof block);
	out = es_out_open("/dev/full", &err);
	for (i = 0; i < 1024 && rc == ES_OK; i++)
		rc = es_out_write(out, block, sizeof block, &err);
	ck_assert_int_eq(rc, ES_EIO);
	ck_assert_int_eq(es_out_puts(out, "more", &err), ES_EIO);
	ck_assert_int_eq(es_out_close(out, &err), ES_EIO);

	/* A file that cannot be created. */
	out = es_out_open("/nonexistent-dir/x.csv.gz", &err);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(err.rc, ES_EIO);
}
END_TEST

START_TEST(out_mode_and_printf)
{
	char *dir = tu_mkdtemp(), *p = tu_path(dir, "secret.csv"), *text, big[3000];
	struct stat st;
	es_err err;
	es_out *out;
	mode_t old = umask(022);

	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	out = es_out_open_mode(p, 0600, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(es_out_name(out), p);
	/* Longer than es_out_printf's stack buffer (1024). */
	ck_assert_int_eq(es_out_printf(out, &err, "<%s>", big), ES_OK);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	text = tu_read(p, NULL);
	ck_assert_uint_eq(strlen(text), 3001);
	ck_assert_int_eq(text[0], '<');
	ck_assert_int_eq(text[3000], '>');
	free(text);
	umask(old);
	ck_assert_int_eq(es_out_close(NULL, &err), ES_OK);
	free(p);
	tu_rmtree(dir);
}
END_TEST

/* es_in_read after es_in_getline returns the buffered bytes first. */
START_TEST(read_after_getline)
{
	char *dir = tu_mkdtemp(), *p = tu_path(dir, "m.txt"), buf[16];
	ptrdiff_t n;
	es_err err;
	es_in *in;

	tu_write_str(p, "head\nrest of it");
	in = es_in_open(p, &err);
	expect_line(in, "head");
	n = es_in_read(in, buf, sizeof buf - 1, &err);
	ck_assert_int_eq(n, 10);
	buf[n] = '\0';
	ck_assert_str_eq(buf, "rest of it");
	ck_assert_int_eq(es_in_read(in, buf, sizeof buf, &err), 0);
	es_in_close(in);
	free(p);
	tu_rmtree(dir);
}
END_TEST

Suite *
make_suite_stream(void)
{
	Suite *s = suite_create("stream");
	TCase *tc = tcase_create("stream");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, plain_lines_crlf);
	tcase_add_test(tc, empty_and_missing);
	tcase_add_test(tc, gzip_round_trip);
	tcase_add_test(tc, gzip_stdin_concatenated);
	tcase_add_test(tc, gzip_truncated_corrupt);
	tcase_add_test(tc, line_too_long);
	tcase_add_test(tc, dev_full);
	tcase_add_test(tc, out_mode_and_printf);
	tcase_add_test(tc, read_after_getline);
	suite_add_tcase(s, tc);
	return s;
}
