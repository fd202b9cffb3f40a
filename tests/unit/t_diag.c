/* t_diag.c: messages, summary and the rejects file (lib/io/diag.c).
 * Expected text is written out by hand from the formats in diag.h and
 * esattore-csv(5). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "io_util.h"
#include "io/diag.h"

Suite *make_suite_diag(void);

static char *dir;
static tu_capture cap;

static void
setup(void)
{
	dir = tu_mkdtemp();
	es_diag_set_progname("/usr/local/bin/match-payments");
	es_diag_set_quiet(false);
	tu_capture_begin(&cap, dir);
}

static void
teardown(void)
{
	free(tu_capture_end(&cap));
	tu_rmtree(dir);
	dir = NULL;
}

/* End the capture, compare, and start a new one. */
static void
expect_stderr(const char *want)
{
	char *got = tu_capture_end(&cap);

	ck_assert_str_eq(got, want);
	free(got);
	tu_capture_begin(&cap, dir);
}

START_TEST(progname)
{
	ck_assert_str_eq(es_diag_progname(), "match-payments");
	es_diag_set_progname("assess");
	ck_assert_str_eq(es_diag_progname(), "assess");
	es_diag_set_progname("./bin/lt-esattore-db");   /* libtool's wrapper name */
	ck_assert_str_eq(es_diag_progname(), "esattore-db");
	es_diag_set_progname("");                        /* ignored */
	ck_assert_str_eq(es_diag_progname(), "esattore-db");
}
END_TEST

START_TEST(messages)
{
	es_warn("cannot find %s", "x");
	es_warn_at("in.csv", 12, "field 'amount': bad amount '%s'", "12,5,0");
	es_warn_at("in.csv", 0, "no rows");
	es_error("disk full");
	es_error_at("<stdin>", 3, "bad");
	expect_stderr("match-payments: cannot find x\n"
	              "match-payments: in.csv:12: field 'amount': bad amount '12,5,0'\n"
	              "match-payments: in.csv: no rows\n"
	              "match-payments: disk full\n"
	              "match-payments: <stdin>:3: bad\n");

	es_diag_set_quiet(true);
	ck_assert(es_diag_quiet());
	es_warn("hidden");
	es_warn_at("in.csv", 1, "hidden");
	es_error_at("in.csv", 2, "shown");
	expect_stderr("match-payments: in.csv:2: shown\n");
}
END_TEST

START_TEST(summary)
{
	es_summary s = { .read = 10, .written = 7, .rejected = 3 };
	es_summary clean = { .read = 4, .written = 4, .rejected = 0 };

	es_summary_print(&s);
	expect_stderr("match-payments: read 10, written 7, rejected 3\n");
	ck_assert_int_eq(es_summary_exit_status(&s), 1);
	ck_assert_int_eq(es_summary_exit_status(&clean), 0);
	es_diag_set_quiet(true);
	es_summary_print(&s);
	expect_stderr("");
}
END_TEST

/* The rejects file, byte for byte: the header of the first rejected
 * record plus _source,_line,_error; a short row padded to the header; the
 * fields quoted by RFC 4180 (the error holds ',', so it is quoted). */
START_TEST(rejects_file)
{
	static const char *const hdr[] = { "id", "name", "amount" };
	static const char *const f1[] = { "1", "Rossi, Mario", "12,5" };
	static const char *const f2[] = { "2" };
	static const char *const f3[] = { "3", "Verdi", "1", "extra" };
	char *p = tu_path(dir, "rej.csv"), *text;
	es_rejects *rj;
	es_err err;

	rj = es_rejects_open(p, &err);
	ck_assert_ptr_nonnull(rj);
	ck_assert_int_eq(es_rejects_add(rj, "in.csv", 3, "field 'amount': bad amount '12,5'",
	                                hdr, 3, f1, 3, &err), ES_OK);
	ck_assert_int_eq(es_rejects_add(rj, "in.csv", 5, "expected 3 fields, found 1",
	                                hdr, 3, f2, 1, &err), ES_OK);
	ck_assert_int_eq(es_rejects_add(rj, "in.csv", 6, "expected 3 fields, found 4",
	                                hdr, 3, f3, 4, &err), ES_OK);
	ck_assert_uint_eq(es_rejects_count(rj), 3);
	ck_assert_int_eq(es_rejects_close(rj, &err), ES_OK);
	text = tu_read(p, NULL);
	ck_assert_str_eq(text,
	    "id,name,amount,_source,_line,_error\n"
	    "1,\"Rossi, Mario\",\"12,5\",in.csv,3,\"field 'amount': bad amount '12,5'\"\n"
	    "2,,,in.csv,5,\"expected 3 fields, found 1\"\n"
	    "3,Verdi,1,extra,in.csv,6,\"expected 3 fields, found 4\"\n");
	free(text);
	expect_stderr("match-payments: in.csv:3: field 'amount': bad amount '12,5'\n"
	              "match-payments: in.csv:5: expected 3 fields, found 1\n"
	              "match-payments: in.csv:6: expected 3 fields, found 4\n");
	free(p);
}
END_TEST

/* Fixed-width records (header NULL): one column "record". */
START_TEST(rejects_fixed_width)
{
	static const char *const rec[] = { "  0001ROSSI " };
	char *p = tu_path(dir, "rej.csv"), *text;
	es_rejects *rj;
	es_err err;

	es_diag_set_quiet(true);           /* rejects are reported anyway */
	rj = es_rejects_open(p, &err);
	ck_assert_int_eq(es_rejects_add(rj, "cad.txt", 7, "bad record type", NULL, 0, rec, 1, &err),
	                 ES_OK);
	ck_assert_int_eq(es_rejects_close(rj, &err), ES_OK);
	text = tu_read(p, NULL);
	ck_assert_str_eq(text, "record,_source,_line,_error\n"
	                       "\"  0001ROSSI \",cad.txt,7,bad record type\n");
	free(text);
	expect_stderr("match-payments: cad.txt:7: bad record type\n");
	free(p);
}
END_TEST

START_TEST(rejects_stderr_only_and_empty)
{
	static const char *const f[] = { "x" };
	char *p = tu_path(dir, "none.csv"), *text;
	size_t n;
	es_rejects *rj;
	es_err err;

	rj = es_rejects_open(NULL, &err);
	ck_assert_ptr_nonnull(rj);
	ck_assert_int_eq(es_rejects_add(rj, "a.csv", 2, "bad", f, 1, f, 1, &err), ES_OK);
	ck_assert_int_eq(es_rejects_add(rj, "a.csv", 9, "worse", f, 1, f, 1, &err), ES_OK);
	ck_assert_uint_eq(es_rejects_count(rj), 2);
	ck_assert_int_eq(es_rejects_close(rj, &err), ES_OK);
	expect_stderr("match-payments: a.csv:2: bad\nmatch-payments: a.csv:9: worse\n");
	ck_assert_int_eq(es_rejects_close(NULL, &err), ES_OK);

	/* Nothing rejected: the file exists and is empty (a stale one is
	 * truncated). */
	tu_write_str(p, "old,stuff\n");
	rj = es_rejects_open(p, &err);
	ck_assert_int_eq(es_rejects_close(rj, &err), ES_OK);
	text = tu_read(p, &n);
	ck_assert_uint_eq(n, 0);
	free(text);
	free(p);
}
END_TEST

START_TEST(rejects_write_error)
{
	static const char *const f[] = { "x" };
	es_rejects *rj;
	es_err err;

	rj = es_rejects_open("/dev/full", &err);
	ck_assert_ptr_nonnull(rj);
	ck_assert_int_eq(es_rejects_add(rj, "a.csv", 2, "bad", f, 1, f, 1, &err), ES_OK);
	ck_assert_int_eq(es_rejects_close(rj, &err), ES_EIO);
	ck_assert_ptr_null(es_rejects_open("/nonexistent-dir/rej.csv", &err));
	ck_assert_int_eq(err.rc, ES_EIO);
}
END_TEST

Suite *
make_suite_diag(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("diag");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, progname);
	tcase_add_test(tc, messages);
	tcase_add_test(tc, summary);
	tcase_add_test(tc, rejects_file);
	tcase_add_test(tc, rejects_fixed_width);
	tcase_add_test(tc, rejects_stderr_only_and_empty);
	tcase_add_test(tc, rejects_write_error);
	suite_add_tcase(s, tc);
	return s;
}
