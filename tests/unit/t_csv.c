/* t_csv.c: the CSV reader and writer (lib/io/csv.c).  Expected bytes and
 * line numbers are counted by hand from the inputs written here. */
#include "es_setup.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"
#include "io_util.h"
#include "io/csv.h"

Suite *make_suite_csv(void);

static char *dir;

static void
setup(void)
{
	dir = tu_mkdtemp();
}

static void
teardown(void)
{
	tu_rmtree(dir);
	dir = NULL;
}

/* Write s to dir/name and open it as CSV. */
static es_csv_reader *
open_str(const char *name, const char *s, const es_csv_opts *opts, char **path)
{
	es_csv_reader *r;
	es_err err;

	*path = tu_path(dir, name);
	tu_write_str(*path, s);
	r = es_csv_reader_open(*path, opts, &err);
	ck_assert_msg(r != NULL, "open %s: %s", *path, err.msg);
	return r;
}

static es_csv_row *
next_ok(es_csv_reader *r, uint64_t line)
{
	es_csv_row *row;
	es_err err;
	es_rc rc = es_csv_next(r, &row, &err);

	ck_assert_msg(rc == ES_OK, "rc %d: %s", rc, rc < 0 ? err.msg : "");
	ck_assert_uint_eq(row->line, line);
	return row;
}

static void
next_eof(es_csv_reader *r)
{
	es_csv_row *row;
	es_err err;

	ck_assert_int_eq(es_csv_next(r, &row, &err), ES_EOF);
	ck_assert_ptr_null(row);
}

/* Writer quoting, then the reader gives the same fields back. */
START_TEST(quoting_round_trip)
{
	static const char *const fields[] = {
		"plain", "a,b", "say \"hi\"", "two\nlines", " lead", "trail ", "", "cr\rx", "\"",
		"semi;colon", "tab\t",
	};
	/* RFC 4180: quote when a field holds ',', '"', CR or LF (and, our
	 * rule, a leading or trailing space or tab); double inner quotes. */
	static const char want[] =
		"c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11\n"
		"plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" lead\",\"trail \",,\"cr\rx\","
		"\"\"\"\",semi;colon,\"tab\t\"\n";
	char *p = tu_path(dir, "q.csv"), *text;
	es_csv_writer *w;
	es_csv_reader *r;
	es_csv_row *row;
	es_err err;
	es_out *out;
	size_t i;

	out = es_out_open(p, &err);
	ck_assert_ptr_nonnull(out);
	w = es_csv_writer_new(out, NULL, &err);
	ck_assert_ptr_nonnull(w);
	for (i = 0; i < ES_ARRAY_LEN(fields); i++) {
		char name[8];

		snprintf(name, sizeof name, "c%zu", i + 1);
		ck_assert_int_eq(es_csv_put(w, name, &err), ES_OK);
	}
	ck_assert_int_eq(es_csv_end_row(w, &err), ES_OK);
	ck_assert_int_eq(es_csv_put_row(w, fields, ES_ARRAY_LEN(fields), &err), ES_OK);
	es_csv_writer_free(w);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);
	text = tu_read(p, NULL);
	ck_assert_str_eq(text, want);
	free(text);

	r = es_csv_reader_open(p, NULL, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(es_csv_ncols(r), 11);
	ck_assert_str_eq(es_csv_colname(r, 10), "c11");
	ck_assert_ptr_null(es_csv_colname(r, 11));
	row = next_ok(r, 2);
	ck_assert_uint_eq(row->nfields, ES_ARRAY_LEN(fields));
	for (i = 0; i < ES_ARRAY_LEN(fields); i++)
		ck_assert_str_eq(row->fields[i], fields[i]);
	next_eof(r);
	ck_assert_uint_eq(es_csv_rows_read(r), 1);
	es_csv_reader_close(r);
	free(p);
}
END_TEST

/* UTF-8 BOM, CRLF line ends, a CRLF inside a quoted field. */
START_TEST(bom_crlf)
{
	char *p;
	es_csv_reader *r = open_str("bom.csv",
	    "\xEF\xBB\xBFid,name\r\n"
	    "1,Rossi\r\n"
	    "2,\"Bianchi\r\nMario\"\r\n"
	    "3,\xC3\xA0\r\n", NULL, &p);
	es_csv_row *row;

	ck_assert_str_eq(es_csv_colname(r, 0), "id");   /* no BOM left in it */
	ck_assert_int_eq(es_csv_col(r, "id"), 0);
	ck_assert_int_eq(es_csv_col(r, "name"), 1);
	ck_assert_int_eq(es_csv_col(r, "amount"), -1);
	row = next_ok(r, 2);
	ck_assert_str_eq(es_csv_get(row, 0), "1");
	ck_assert_str_eq(es_csv_get(row, 1), "Rossi");
	row = next_ok(r, 3);
	ck_assert_str_eq(es_csv_get(row, 1), "Bianchi\r\nMario");
	row = next_ok(r, 5);                 /* the quoted field took lines 3-4 */
	ck_assert_str_eq(es_csv_get(row, 1), "\xC3\xA0");
	ck_assert_str_eq(es_csv_get(row, 2), "");
	ck_assert_str_eq(es_csv_get(row, -1), "");
	next_eof(r);
	es_csv_reader_close(r);
	free(p);
}
END_TEST

/* Physical line numbers, counted by hand:
 *   1 id,note
 *   2 1,"a          row id=1 starts
 *   3 b"
 *   4 2,plain       row id=2
 *   5               (blank: skipped)
 *   6 3,"x          row id=3
 *   7               (inside the quotes)
 *   8 y"
 *   9 4,"say ""q"""
 *  10 5,last        (no final newline) */
START_TEST(multiline_line_numbers)
{
	char *p;
	es_csv_reader *r = open_str("ml.csv",
	    "id,note\n1,\"a\nb\"\n2,plain\n\n3,\"x\n\ny\"\n4,\"say \"\"q\"\"\"\n5,last", NULL, &p);
	es_csv_row *row;

	row = next_ok(r, 2);
	ck_assert_str_eq(row->fields[1], "a\nb");
	row = next_ok(r, 4);
	ck_assert_str_eq(row->fields[0], "2");
	row = next_ok(r, 6);
	ck_assert_str_eq(row->fields[1], "x\n\ny");
	row = next_ok(r, 9);
	ck_assert_str_eq(row->fields[1], "say \"q\"");
	row = next_ok(r, 10);
	ck_assert_str_eq(row->fields[1], "last");
	next_eof(r);
	ck_assert_uint_eq(es_csv_rows_read(r), 5);
	es_csv_reader_close(r);
	free(p);
}
END_TEST

/* es_csv_buffered: a file of one row per line is parsed a chunk at a
 * time, so after the header the 3 rows of
 *   1 a,b   2 1,x   3 2,y   4 3,z
 * are held and stay valid together; with a blank line and a quoted field
 * over two lines (rows: header, 1, 2; 4 LFs for 3 rows) the chunk is fed a
 * line at a time and nothing is held. */
START_TEST(held_rows)
{
	char *p;
	es_csv_reader *r = open_str("held.csv", "a,b\n1,x\n2,y\n3,z\n", NULL, &p);
	es_csv_row rows[3];

	ck_assert_uint_eq(es_csv_buffered(r), 3);
	rows[0] = *next_ok(r, 2);
	ck_assert_uint_eq(es_csv_buffered(r), 2);
	rows[1] = *next_ok(r, 3);
	rows[2] = *next_ok(r, 4);
	ck_assert_uint_eq(es_csv_buffered(r), 0);
	ck_assert_str_eq(rows[0].fields[0], "1");
	ck_assert_str_eq(rows[0].fields[1], "x");
	ck_assert_ptr_null(rows[0].fields[2]);
	ck_assert_str_eq(rows[1].fields[1], "y");
	ck_assert_str_eq(rows[2].fields[0], "3");
	ck_assert_str_eq(rows[2].fields[1], "z");
	next_eof(r);
	es_csv_reader_close(r);
	free(p);

	r = open_str("held2.csv", "a,b\n1,\"x\ny\"\n\n2,z\n", NULL, &p);
	ck_assert_uint_eq(es_csv_buffered(r), 0);
	rows[0] = *next_ok(r, 2);
	ck_assert_str_eq(rows[0].fields[1], "x\ny");
	ck_assert_uint_eq(es_csv_buffered(r), 0);
	rows[1] = *next_ok(r, 5);
	ck_assert_str_eq(rows[1].fields[1], "z");
	next_eof(r);
	es_csv_reader_close(r);
	free(p);
}
END_TEST

/* The same file fed through a pipe in 1-byte pieces would be the
 * hardest split; a gzip file read in chunks exercises chunk boundaries
 * inside quoted fields at scale. */
START_TEST(gzip_many_rows)
{
	char *p = tu_path(dir, "many.csv.gz");
	es_csv_writer *w;
	es_csv_reader *r;
	es_csv_row *row;
	es_err err;
	es_out *out;
	char a[32], b[64];
	int i;

	out = es_out_open(p, &err);
	w = es_csv_writer_new(out, NULL, &err);
	ck_assert_int_eq(es_csv_put_row(w, (const char *const[]){ "n", "text" }, 2, &err), ES_OK);
	for (i = 0; i < 50000; i++) {
		snprintf(a, sizeof a, "%d", i);
		snprintf(b, sizeof b, "v,%d\n\"x\"", i);
		ck_assert_int_eq(es_csv_put_row(w, (const char *const[]){ a, b }, 2, &err), ES_OK);
	}
	es_csv_writer_free(w);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);

	r = es_csv_reader_open(p, NULL, &err);
	ck_assert_ptr_nonnull(r);
	for (i = 0; i < 50000; i++) {
		/* Each row takes two physical lines: row i starts on 2 + 2i. */
		row = next_ok(r, 2 + 2 * (uint64_t)i);
		snprintf(a, sizeof a, "%d", i);
		snprintf(b, sizeof b, "v,%d\n\"x\"", i);
		ck_assert_str_eq(row->fields[0], a);
		ck_assert_str_eq(row->fields[1], b);
	}
	next_eof(r);
	es_csv_reader_close(r);
	free(p);
}
END_TEST

/* Standard input from a pipe whose writer sends one byte per write(2):
 * the reader sees short reads, a BOM split across them, CR and LF of one
 * line end in different reads, quotes split from their fields.  Lines:
 *   1 BOM id,txt
 *   2 1,"a""       row 1
 *   3 b"
 *   4 2,c          row 2 (CRLF)
 *   5 3,"d,e"      row 3 (no final newline) */
START_TEST(pipe_byte_by_byte)
{
	static const char data[] = "\xEF\xBB\xBFid,txt\n1,\"a\"\"\nb\"\n2,c\r\n3,\"d,e\"";
	es_csv_reader *r;
	es_csv_row *row;
	es_err err;
	int fds[2], status;
	pid_t pid;

	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		for (size_t i = 0; i + 1 < sizeof data; i++) {
			if (write(fds[1], data + i, 1) != 1)
				_exit(1);
			usleep(200);
		}
		_exit(0);
	}
	close(fds[1]);
	ck_assert_int_eq(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
	close(fds[0]);
	r = es_csv_reader_open("-", NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_str_eq(es_csv_source(r), "<stdin>");
	ck_assert_str_eq(es_csv_colname(r, 0), "id");
	row = next_ok(r, 2);
	ck_assert_str_eq(row->fields[1], "a\"\nb");
	row = next_ok(r, 4);
	ck_assert_str_eq(row->fields[1], "c");
	row = next_ok(r, 5);
	ck_assert_str_eq(row->fields[1], "d,e");
	next_eof(r);
	es_csv_reader_close(r);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
END_TEST

START_TEST(wrong_field_count)
{
	char *p;
	es_csv_reader *r = open_str("fc.csv", "a,b,c\n1,2\n3,4,5\n6,7,8,9\n", NULL, &p);
	es_csv_row *row;
	es_err err;

	ck_assert_int_eq(es_csv_next(r, &row, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "expected 3 fields, found 2");
	ck_assert_ptr_nonnull(row);           /* still there for the rejects file */
	ck_assert_uint_eq(row->line, 2);
	ck_assert_uint_eq(row->nfields, 2);
	ck_assert_str_eq(row->fields[1], "2");
	row = next_ok(r, 3);
	ck_assert_str_eq(es_csv_get(row, 2), "5");
	ck_assert_int_eq(es_csv_next(r, &row, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "expected 3 fields, found 4");
	ck_assert_uint_eq(row->line, 4);
	next_eof(r);
	ck_assert_uint_eq(es_csv_rows_read(r), 3);
	es_csv_reader_close(r);
	free(p);
}
END_TEST

START_TEST(require_columns)
{
	static const char *const ok[] = { "amount", "id" };
	static const char *const bad[] = { "id", "date", "due" };
	char *p, *want = NULL;
	es_csv_reader *r = open_str("req.csv", "id,name,amount\n", NULL, &p);
	int idx[3];
	es_err err;

	ck_assert_int_eq(es_csv_require(r, ok, idx, 2, &err), ES_OK);
	ck_assert_int_eq(idx[0], 2);
	ck_assert_int_eq(idx[1], 0);
	ck_assert_int_eq(es_csv_require(r, bad, idx, 3, &err), ES_EDATA);
	ck_assert(asprintf(&want, "%s:1: missing required column 'date'", p) > 0);
	ck_assert_str_eq(err.msg, want);
	free(want);
	next_eof(r);
	ck_assert_uint_eq(es_csv_rows_read(r), 0);
	es_csv_reader_close(r);
	free(p);

	/* A hand-made header: " amount" has a space; "note" is there twice
	 * (columns 3 and 4). */
	r = open_str("req2.csv", "id, amount,note,note\n", NULL, &p);
	ck_assert_int_eq(es_csv_require(r, (const char *const[]){ "id", "amount" }, idx, 2, &err),
	                 ES_EDATA);
	ck_assert(asprintf(&want, "%s:1: missing required column 'amount' "
	                   "(column 2 is ' amount': remove the spaces)", p) > 0);
	ck_assert_str_eq(err.msg, want);
	free(want);
	ck_assert_int_eq(es_csv_require(r, (const char *const[]){ "note" }, idx, 1, &err), ES_EDATA);
	ck_assert(asprintf(&want, "%s:1: column 'note' appears twice (columns 3 and 4)", p) > 0);
	ck_assert_str_eq(err.msg, want);
	free(want);
	es_csv_reader_close(r);
	free(p);
}
END_TEST

START_TEST(semicolon_and_no_header)
{
	es_csv_opts semi = { .sep = ';' }, nohdr = { .no_header = true };
	char *p, *q;
	es_csv_reader *r = open_str("s.csv", "a;b\n1,5;\"x;y\"\n", &semi, &p);
	es_csv_row *row;

	row = next_ok(r, 2);
	ck_assert_str_eq(row->fields[0], "1,5");
	ck_assert_str_eq(row->fields[1], "x;y");
	next_eof(r);
	es_csv_reader_close(r);

	r = open_str("n.csv", "1,2\n3\n", &nohdr, &q);
	ck_assert_uint_eq(es_csv_ncols(r), 0);
	ck_assert_ptr_null(es_csv_header(r)[0]);
	row = next_ok(r, 1);
	ck_assert_uint_eq(row->nfields, 2);
	row = next_ok(r, 2);
	ck_assert_uint_eq(row->nfields, 1);
	next_eof(r);
	es_csv_reader_close(r);
	free(p);
	free(q);
}
END_TEST

START_TEST(unterminated_quote)
{
	char *p;
	es_csv_reader *r = open_str("uq.csv", "a,b\n1,\"open\n2,3\n", NULL, &p);
	es_csv_row *row;
	es_err err;

	ck_assert_int_eq(es_csv_next(r, &row, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "quoted field not closed at end of file");
	ck_assert_uint_eq(row->line, 2);
	ck_assert_uint_eq(row->nfields, 2);
	ck_assert_str_eq(row->fields[1], "open\n2,3\n");
	next_eof(r);
	es_csv_reader_close(r);
	free(p);
}
END_TEST

START_TEST(empty_file_and_bad_header)
{
	char *p = tu_path(dir, "e.csv"), *want = NULL;
	es_err err;

	tu_write_str(p, "");
	ck_assert_ptr_null(es_csv_reader_open(p, NULL, &err));
	ck_assert_int_eq(err.rc, ES_EDATA);
	ck_assert(asprintf(&want, "%s: empty file: no header row", p) > 0);
	ck_assert_str_eq(err.msg, want);
	free(want);

	tu_write_str(p, "\n\n");    /* blank lines only: no header either */
	ck_assert_ptr_null(es_csv_reader_open(p, NULL, &err));
	ck_assert_int_eq(err.rc, ES_EDATA);

	tu_write_str(p, "a,\"b\n");
	ck_assert_ptr_null(es_csv_reader_open(p, NULL, &err));
	ck_assert(asprintf(&want, "%s:1: bad header row: quoted field not closed at end of file", p) > 0);
	ck_assert_str_eq(err.msg, want);
	free(want);
	free(p);
}
END_TEST

START_TEST(nul_byte)
{
	char *p = tu_path(dir, "nul.csv");
	es_csv_reader *r;
	es_csv_row *row;
	es_err err;

	tu_write(p, "id,name\n1,a\0b\n2,ok\n", 19);
	r = es_csv_reader_open(p, NULL, &err);
	ck_assert_int_eq(es_csv_next(r, &row, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "field 2 ('name') contains a NUL byte");
	row = next_ok(r, 3);
	ck_assert_str_eq(row->fields[1], "ok");
	es_csv_reader_close(r);
	free(p);
}
END_TEST

/* UTF-8 (RFC 3629).  Rows, one a line from line 2:
 *   1 "Citt\xE0"          Latin-1 a-grave: byte 5 is 0xE0, invalid
 *   2 "Citt\xC3\xA0"      the same in UTF-8: fine
 *   3 ED A0 80           a UTF-16 surrogate (U+D800): byte 1
 *   4 C0 AF              an overlong '/': byte 1
 *   5 F4 90 80 80        U+110000, above the last code point: byte 1
 *   6 "x" E2 82          a 3-byte sequence cut short: byte 2
 *   7 F0 9F 98 80        U+1F600, a 4-byte character: fine */
START_TEST(utf8)
{
	static const struct { uint64_t line; const char *msg; } want[] = {
		{ 2, "field 2 ('name') is not valid UTF-8 (byte 5 is 0xE0; a Windows-1252 file? "
		     "iconv -f WINDOWS-1252 -t UTF-8 converts it)" },
		{ 3, NULL },
		{ 4, "byte 1 is 0xED" },
		{ 5, "byte 1 is 0xC0" },
		{ 6, "byte 1 is 0xF4" },
		{ 7, "byte 2 is 0xE2" },
		{ 8, NULL },
	};
	char *p;
	es_csv_reader *r = open_str("u.csv",
	    "id,name\n1,Citt\xE0\n2,Citt\xC3\xA0\n3,\xED\xA0\x80\n4,\xC0\xAF\n"
	    "5,\xF4\x90\x80\x80\n6,x\xE2\x82\n7,\xF0\x9F\x98\x80\n", NULL, &p);
	es_csv_row *row;
	es_err err;
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(want); i++) {
		es_rc rc = es_csv_next(r, &row, &err);

		ck_assert_uint_eq(row->line, want[i].line);
		if (want[i].msg == NULL) {
			ck_assert_int_eq(rc, ES_OK);
		} else {
			ck_assert_int_eq(rc, ES_EDATA);
			ck_assert_msg(strstr(err.msg, want[i].msg) != NULL, "line %" PRIu64 ": %s",
			              want[i].line, err.msg);
		}
	}
	next_eof(r);
	es_csv_reader_close(r);
	free(p);
}
END_TEST

/* A field of 17 MiB, above ES_CSV_MAX_FIELD (16 MiB): its row is
 * ES_EDATA, the field is dropped while reading, and the next row is read
 * normally.  The quoted one holds 17 newlines, so the row after it starts
 * on line 3 + 17 + 1 = 21 (line 3 is the big row's first line). */
START_TEST(field_limit)
{
	size_t mib = 1024 * 1024, big = 17 * mib, n, i;
	char *p = tu_path(dir, "big.csv"), *data, *o;
	es_csv_reader *r;
	es_csv_row *row;
	es_err err;

	data = malloc(2 * big + 64);
	ck_assert_ptr_nonnull(data);
	o = data;
	memcpy(o, "a,b\n1,", 6);
	o += 6;
	memset(o, 'x', big);                 /* line 2: unquoted */
	o += big;
	memcpy(o, "\n2,\"", 4);              /* line 3: quoted, 17 newlines */
	o += 4;
	for (i = 0; i < 17; i++) {
		memset(o, 'y', mib - 1);
		o[mib - 1] = '\n';
		o += mib;
	}
	memcpy(o, "\"\n3,ok\n", 7);          /* closing quote on line 20 */
	o += 7;
	n = (size_t)(o - data);
	tu_write(p, data, n);
	free(data);

	r = es_csv_reader_open(p, NULL, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(es_csv_next(r, &row, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "field 2 ('b') longer than 16777216 bytes");
	ck_assert_uint_eq(row->line, 2);
	ck_assert_str_eq(row->fields[0], "1");
	ck_assert_str_eq(row->fields[1], "");
	ck_assert_int_eq(es_csv_next(r, &row, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "field 2 ('b') longer than 16777216 bytes");
	ck_assert_uint_eq(row->line, 3);
	row = next_ok(r, 21);
	ck_assert_str_eq(row->fields[1], "ok");
	next_eof(r);
	es_csv_reader_close(r);
	free(p);
}
END_TEST

START_TEST(fields_limit)
{
	size_t n = (size_t)ES_CSV_MAX_FIELDS + 5, i;
	char *p = tu_path(dir, "wide.csv"), *data;
	es_csv_reader *r;
	es_csv_row *row;
	es_err err;

	/* "h\n" then 10005 fields "x," .. "x\n", then "ok\n". */
	data = malloc(2 + 2 * n + 3 + 1);
	memcpy(data, "h\n", 2);
	for (i = 0; i < n; i++) {
		data[2 + 2 * i] = 'x';
		data[3 + 2 * i] = i + 1 < n ? ',' : '\n';
	}
	memcpy(data + 2 + 2 * n, "ok\n", 3);
	tu_write(p, data, 2 + 2 * n + 3);
	free(data);
	r = es_csv_reader_open(p, NULL, &err);
	ck_assert_int_eq(es_csv_next(r, &row, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "more than 10000 fields");
	ck_assert_uint_eq(row->nfields, ES_CSV_MAX_FIELDS);
	row = next_ok(r, 3);
	ck_assert_str_eq(row->fields[0], "ok");
	es_csv_reader_close(r);
	free(p);
}
END_TEST

/* --locale it: ';' and ',' decimals.  123450 cents = 1234,50; 10600 at
 * scale 4 = 1,0600; -310 cents = -3,10. */
START_TEST(writer_locale)
{
	char *p = tu_path(dir, "it.csv"), *text;
	es_csv_wopts it = { .locale_it = true };
	es_csv_writer *w;
	es_err err;
	es_out *out;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		out = es_out_open(p, &err);
		w = es_csv_writer_new(out, pass ? &it : NULL, &err);
		ck_assert_int_eq(es_csv_put_money(w, 123450, &err), ES_OK);
		ck_assert_int_eq(es_csv_put_decimal(w, 10600, 4, &err), ES_OK);
		ck_assert_int_eq(es_csv_put(w, "a;b", &err), ES_OK);
		ck_assert_int_eq(es_csv_put(w, "c,d", &err), ES_OK);
		ck_assert_int_eq(es_csv_put_date(w, es_date_from_ymd(2024, 2, 29), &err), ES_OK);
		ck_assert_int_eq(es_csv_put_int(w, -42, &err), ES_OK);
		ck_assert_int_eq(es_csv_put_money(w, -310, &err), ES_OK);
		ck_assert_int_eq(es_csv_put_date(w, ES_DATE_NONE, &err), ES_OK);
		ck_assert_int_eq(es_csv_end_row(w, &err), ES_OK);
		/* A row of one empty field is written as "" (not a blank line). */
		ck_assert_int_eq(es_csv_put(w, "", &err), ES_OK);
		ck_assert_int_eq(es_csv_end_row(w, &err), ES_OK);
		es_csv_writer_free(w);
		ck_assert_int_eq(es_out_close(out, &err), ES_OK);
		text = tu_read(p, NULL);
		if (pass)
			ck_assert_str_eq(text, "1234,50;1,0600;\"a;b\";c,d;2024-02-29;-42;-3,10;\n\"\"\n");
		else
			ck_assert_str_eq(text, "1234.50,1.0600,a;b,\"c,d\",2024-02-29,-42,-3.10,\n\"\"\n");
		free(text);
	}
	free(p);
}
END_TEST

START_TEST(write_to_dev_full)
{
	es_csv_writer *w;
	es_err err;
	es_out *out = es_out_open("/dev/full", &err);

	w = es_csv_writer_new(out, NULL, &err);
	ck_assert_int_eq(es_csv_put_row(w, (const char *const[]){ "a", "b" }, 2, &err), ES_OK);
	es_csv_writer_free(w);
	ck_assert_int_eq(es_out_close(out, &err), ES_EIO);
}
END_TEST

/* Append rows "p,xxx...x\n" to buf (length *n) until it is exactly `to`
 * bytes long (to - *n must be at least 4); *rows counts them. */
static void
pad_rows(char *buf, size_t *n, size_t to, unsigned *rows)
{
	while (*n < to) {
		size_t len = to - *n > 160 ? 80 : to - *n;

		ck_assert_uint_ge(len, 4);
		buf[*n] = 'p';
		buf[*n + 1] = ',';
		memset(buf + *n + 2, 'x', len - 3);
		buf[*n + len - 1] = '\n';
		*n += len;
		(*rows)++;
	}
}

static void
put_bytes(char *buf, size_t *n, const char *s)
{
	memcpy(buf + *n, s, strlen(s));
	*n += strlen(s);
}

/* The reader reads 64 KiB at a time and looks at each piece once (for
 * bytes that are not ASCII, NUL, spaces); a field split between two
 * pieces must be checked and kept as it is all the same.  Layout (byte
 * offsets, counted by construction below):
 *   file 1: a field "abcdefg\xE9hij" whose 0xE9 is byte 65535 (the last
 *           of the first piece), the rest in the second piece: rejected,
 *           byte 8 of the field; the row after it is fine.
 *   file 2: no space in the first piece; the field "abcdefgh " ends in
 *           the second with its space; the field " lead" has its space
 *           as byte 131071 (the last of the second piece) and "lead" in
 *           the third, which has no space: both kept byte for byte. */
START_TEST(piece_boundaries)
{
	const size_t K = 65536;
	char *buf = malloc(3 * K + 64), *p;
	size_t n = 0;
	unsigned rows = 0, i;
	es_csv_reader *r;
	es_csv_row *row;
	es_err err;

	/* File 1. */
	put_bytes(buf, &n, "id,v\n");
	pad_rows(buf, &n, K - 10, &rows);
	put_bytes(buf, &n, "x,abcdefg\xE9");       /* bytes K-10 .. K-1 */
	ck_assert_uint_eq(n, K);
	put_bytes(buf, &n, "hij\ny,ok\n");
	buf[n] = '\0';
	r = open_str("pieces1.csv", buf, NULL, &p);
	for (i = 0; i < rows; i++)
		next_ok(r, 2 + i);
	ck_assert_int_eq(es_csv_next(r, &row, &err), ES_EDATA);
	ck_assert_uint_eq(row->line, 2 + rows);
	ck_assert_msg(strstr(err.msg, "field 2 ('v') is not valid UTF-8 (byte 8 is 0xE9") != NULL, "%s", err.msg);
	row = next_ok(r, 3 + rows);
	ck_assert_str_eq(row->fields[1], "ok");
	next_eof(r);
	es_csv_reader_close(r);
	free(p);

	/* File 2. */
	n = 0;
	rows = 0;
	put_bytes(buf, &n, "id,v\n");
	pad_rows(buf, &n, K - 8, &rows);
	put_bytes(buf, &n, "s,abcdef");                /* bytes K-8 .. K-1 */
	ck_assert_uint_eq(n, K);
	put_bytes(buf, &n, "gh \n");
	pad_rows(buf, &n, 2 * K - 3, &rows);
	put_bytes(buf, &n, "t, ");                     /* the space is byte 2K-1 */
	ck_assert_uint_eq(n, 2 * K);
	put_bytes(buf, &n, "lead\nu,z\n");
	buf[n] = '\0';
	r = open_str("pieces2.csv", buf, NULL, &p);
	/* Lines: 1 header, the pad rows of the first piece, then "s,...",
	 * the pad rows of the second, "t, lead", "u,z". */
	{
		unsigned line = 2;

		for (;;) {
			es_rc rc = es_csv_next(r, &row, &err);

			ck_assert_int_eq(rc, ES_OK);
			ck_assert_uint_eq(row->line, line);
			line++;
			if (strcmp(row->fields[0], "s") == 0) {
				ck_assert_str_eq(row->fields[1], "abcdefgh ");
				continue;
			}
			if (strcmp(row->fields[0], "t") == 0) {
				ck_assert_str_eq(row->fields[1], " lead");
				continue;
			}
			if (strcmp(row->fields[0], "u") == 0) {
				ck_assert_str_eq(row->fields[1], "z");
				break;
			}
			ck_assert_str_eq(row->fields[0], "p");
		}
		ck_assert_uint_eq(line, 2 + rows + 3);
	}
	next_eof(r);
	es_csv_reader_close(r);
	free(p);
	free(buf);
}
END_TEST

Suite *
make_suite_csv(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("csv");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, quoting_round_trip);
	tcase_add_test(tc, bom_crlf);
	tcase_add_test(tc, multiline_line_numbers);
	tcase_add_test(tc, held_rows);
	tcase_add_test(tc, gzip_many_rows);
	tcase_add_test(tc, pipe_byte_by_byte);
	tcase_add_test(tc, wrong_field_count);
	tcase_add_test(tc, require_columns);
	tcase_add_test(tc, semicolon_and_no_header);
	tcase_add_test(tc, unterminated_quote);
	tcase_add_test(tc, empty_file_and_bad_header);
	tcase_add_test(tc, nul_byte);
	tcase_add_test(tc, utf8);
	tcase_add_test(tc, piece_boundaries);
	tcase_add_test(tc, field_limit);
	tcase_add_test(tc, fields_limit);
	tcase_add_test(tc, writer_locale);
	tcase_add_test(tc, write_to_dev_full);
	suite_add_tcase(s, tc);
	return s;
}
