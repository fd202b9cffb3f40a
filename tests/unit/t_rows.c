/* t_rows.c: the rows of a CSV input as the runs read them (lib/io/rows.c)
 * and the helpers of diag.h the runs share (es_rejects_add_row,
 * es_warn_call).  Expected text written out by hand from diag.h and
 * esattore-csv(5). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "io_util.h"
#include "io/rows.h"

Suite *make_suite_rows(void);

static char *dir;
static tu_capture cap;

static void
setup(void)
{
	dir = tu_scratch_begin(&cap);
	es_diag_set_progname("plan-installments");
	es_diag_set_quiet(false);
}

static void
teardown(void)
{
	tu_scratch_end(&cap, dir);
	dir = NULL;
}

/* A missing required column is a configuration error (exit 2), not a
 * rejected row. */
START_TEST(open_missing_column)
{
	static const char *const req[] = { "act_id", "months" };
	char *p = tu_path(dir, "in.csv");
	int idx[2] = { -1, -1 };
	es_err err;

	tu_write_str(p, "act_id,note\nA1,x\n");
	ck_assert_ptr_null(es_rows_open(p, req, idx, 2, &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "months"));
	free(p);
}
END_TEST

/* Columns found by name, in any order. */
START_TEST(open_finds_columns)
{
	static const char *const req[] = { "months", "act_id" };
	char *p = tu_path(dir, "in.csv");
	int idx[2] = { -1, -1 };
	es_csv_reader *cr;
	es_err err;

	tu_write_str(p, "note,act_id,months\nx,A1,12\n");
	cr = es_rows_open(p, req, idx, 2, &err);
	ck_assert_ptr_nonnull(cr);
	ck_assert_int_eq(idx[0], 2);
	ck_assert_int_eq(idx[1], 1);
	es_csv_reader_close(cr);
	free(p);
}
END_TEST

/* Rows 2 and 4 (lines 3 and 5) have the wrong number of fields: each is
 * counted as read and as rejected, goes to the rejects file with
 * _source,_line,_error and to stderr; the good rows come back.  read 4 =
 * 2 good + 2 rejected. */
START_TEST(next_rejects_malformed)
{
	static const char *const req[] = { "act_id" };
	char *p = tu_path(dir, "in.csv"), *rp = tu_path(dir, "rej.csv"), *text;
	es_summary sum = { 0 };
	es_csv_reader *cr;
	es_csv_row *row;
	es_rejects *rj;
	int idx;
	es_err err;

	tu_write_str(p, "act_id,months\nA1,12\nA2\nA3,6\nA4,1,2\n");
	rj = es_rejects_open(rp, &err);
	ck_assert_ptr_nonnull(rj);
	cr = es_rows_open(p, req, &idx, 1, &err);
	ck_assert_ptr_nonnull(cr);
	ck_assert_int_eq(es_rows_next(cr, &row, rj, &sum, &err), ES_OK);
	ck_assert_str_eq(es_csv_get(row, idx), "A1");
	ck_assert_int_eq(es_rows_next(cr, &row, rj, &sum, &err), ES_OK);
	ck_assert_str_eq(es_csv_get(row, idx), "A3");
	ck_assert_uint_eq(sum.read, 3);
	ck_assert_uint_eq(sum.rejected, 1);
	ck_assert_int_eq(es_rows_next(cr, &row, rj, &sum, &err), ES_EOF);
	ck_assert_uint_eq(sum.read, 4);
	ck_assert_uint_eq(sum.rejected, 2);
	ck_assert_uint_eq(sum.written, 0);
	es_csv_reader_close(cr);
	ck_assert_int_eq(es_rejects_close(rj, &err), ES_OK);
	text = tu_read(rp, NULL);
	ck_assert_ptr_nonnull(strstr(text, "act_id,months,_source,_line,_error\n"));
	ck_assert_ptr_nonnull(strstr(text, "A2,,"));
	ck_assert_ptr_nonnull(strstr(text, ",3,\"expected 2 fields, found 1\"\n"));
	ck_assert_ptr_nonnull(strstr(text, ",5,\"expected 2 fields, found 3\"\n"));
	free(text);
	free(p);
	free(rp);
}
END_TEST

/* es_rejects_add_row: the reader's source and header, the row's line and
 * fields; sum may be NULL. */
START_TEST(add_row)
{
	static const char *const req[] = { "act_id" };
	char *p = tu_path(dir, "in.csv"), *rp = tu_path(dir, "rej.csv"), *text, *want;
	es_summary sum = { 0 };
	es_csv_reader *cr;
	es_csv_row *row;
	es_rejects *rj;
	int idx;
	es_err err;

	tu_write_str(p, "act_id,months\nA1,12\nA2,0\n");
	rj = es_rejects_open(rp, &err);
	cr = es_rows_open(p, req, &idx, 1, &err);
	ck_assert_ptr_nonnull(cr);
	ck_assert_int_eq(es_rows_next(cr, &row, rj, &sum, &err), ES_OK);
	ck_assert_int_eq(es_rejects_add_row(rj, cr, row, "act_id: no act 'A1' in the ledger", &sum, &err), ES_OK);
	ck_assert_int_eq(es_rows_next(cr, &row, rj, &sum, &err), ES_OK);
	ck_assert_int_eq(es_rejects_add_row(rj, cr, row, "months: '0' is not a number of months", NULL, &err), ES_OK);
	ck_assert_uint_eq(sum.read, 2);
	ck_assert_uint_eq(sum.rejected, 1);
	ck_assert_uint_eq(es_rejects_count(rj), 2);
	es_csv_reader_close(cr);
	ck_assert_int_eq(es_rejects_close(rj, &err), ES_OK);
	text = tu_read(rp, NULL);
	if (asprintf(&want, "act_id,months,_source,_line,_error\n"
	             "A1,12,%s,2,act_id: no act 'A1' in the ledger\n"
	             "A2,0,%s,3,months: '0' is not a number of months\n", p, p) < 0)
		ck_abort_msg("out of memory");
	ck_assert_str_eq(text, want);
	free(want);
	free(text);
	free(p);
	free(rp);
}
END_TEST

typedef struct seen {
	int calls;
	char source[32], msg[128];
	uint64_t line;
} seen;

static void
record_warning(void *ctx, const char *source, uint64_t line, const char *msg)
{
	seen *s = ctx;

	s->calls++;
	snprintf(s->source, sizeof s->source, "%s", source != NULL ? source : "(none)");
	s->line = line;
	snprintf(s->msg, sizeof s->msg, "%s", msg);
}

START_TEST(warn_call)
{
	seen s = { 0 };

	es_warn_call(record_warning, &s, "loads.csv", 7, "%s: no act: %s (%d)", "ING-1", "prescribed", 42);
	ck_assert_int_eq(s.calls, 1);
	ck_assert_str_eq(s.source, "loads.csv");
	ck_assert_uint_eq(s.line, 7);
	ck_assert_str_eq(s.msg, "ING-1: no act: prescribed (42)");
	es_warn_call(record_warning, &s, NULL, 0, "report: %zu %s", (size_t)3, "fab-no-rendita");
	ck_assert_int_eq(s.calls, 2);
	ck_assert_str_eq(s.source, "(none)");
	ck_assert_str_eq(s.msg, "report: 3 fab-no-rendita");
	/* No callback: nothing happens. */
	es_warn_call(NULL, &s, NULL, 0, "%s", "dropped");
	ck_assert_int_eq(s.calls, 2);
}
END_TEST

Suite *
make_suite_rows(void)
{
	Suite *s = suite_create("rows");
	TCase *tc = tcase_create("rows");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_missing_column);
	tcase_add_test(tc, open_finds_columns);
	tcase_add_test(tc, next_rejects_malformed);
	tcase_add_test(tc, add_row);
	tcase_add_test(tc, warn_call);
	suite_add_tcase(s, tc);
	return s;
}
