/* t_cadastre_run.c: the parts of one import-cadastre run that stand alone
 * (lib/domain/cadastre_run.c): the data-quality report, the scratch
 * ledger's path and the --emit stream names. */
#include "es_setup.h"
#include "unit.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "io_util.h"
#include "domain/cadastre_run.h"

Suite *make_suite_cadastre_run(void);

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

START_TEST(stream_names)
{
	es_cadastre_stream s = 0;

	ck_assert(es_cadastre_stream_parse("units", &s));
	ck_assert_int_eq(s, ES_CADASTRE_UNITS);
	ck_assert(es_cadastre_stream_parse("subjects", &s));
	ck_assert_int_eq(s, ES_CADASTRE_SUBJECTS);
	ck_assert(es_cadastre_stream_parse("titles", &s));
	ck_assert_int_eq(s, ES_CADASTRE_TITLES);
	ck_assert(!es_cadastre_stream_parse("Units", &s));
	ck_assert(!es_cadastre_stream_parse("", &s));
}
END_TEST

/* The scratch ledger lives alone in a new directory, removed with it. */
START_TEST(scratch)
{
	struct stat sb;
	char *p, *d;
	es_err err;

	p = es_cadastre_scratch_path(&err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_str_eq(strrchr(p, '/'), "/scratch.db");
	d = strdup(p);
	*strrchr(d, '/') = '\0';
	ck_assert_int_eq(stat(d, &sb), 0);
	ck_assert(S_ISDIR(sb.st_mode));
	ck_assert_int_eq(sb.st_mode & 077, 0);
	tu_write_str(p, "x");
	es_cadastre_scratch_remove(p);
	ck_assert_int_ne(stat(d, &sb), 0);
	free(d);
	es_cadastre_scratch_remove(NULL);
}
END_TEST

typedef struct lines {
	int n;
	char text[512];
} lines;

static void
collect(void *ctx, const char *source, uint64_t line, const char *msg)
{
	lines *l = ctx;
	size_t k = strlen(l->text);

	l->n++;
	snprintf(l->text + k, sizeof l->text - k, "%s\n", msg);
}

/* Three findings of two checks: the file has one row each, mode 0600, and
 * the summary counts them by check in name order. */
START_TEST(report)
{
	char *p = tu_path(dir, "report.csv"), *t;
	es_cadastre_report *r;
	lines l = { 0 };
	struct stat sb;
	es_err err;

	r = es_cadastre_report_open(p, false, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	es_cadastre_report_add(r, "title-without-subject", "F205.TIT", 7, "F205-U-F-12", "F205-P-99", "no SOG record");
	es_cadastre_report_add(r, "fab-no-rendita", "F205.FAB", 3, "F205-U-F-10", NULL, NULL);
	es_cadastre_report_add(r, "fab-no-rendita", NULL, 0, NULL, NULL, "x, y");
	es_cadastre_report_summary(r, collect, &l);
	ck_assert_int_eq(l.n, 2);
	ck_assert_str_eq(l.text, "report: 2 fab-no-rendita\nreport: 1 title-without-subject\n");
	ck_assert_int_eq(es_cadastre_report_close(r, &err), ES_OK);
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	t = tu_read(p, NULL);
	ck_assert_str_eq(t, "check,source,line,unit_id,subject_id,detail\n"
	                    "title-without-subject,F205.TIT,7,F205-U-F-12,F205-P-99,no SOG record\n"
	                    "fab-no-rendita,F205.FAB,3,F205-U-F-10,,\n"
	                    "fab-no-rendita,,,,,\"x, y\"\n");
	free(t);
	free(p);
}
END_TEST

/* Without a file, only the counts. */
START_TEST(report_counts_only)
{
	es_cadastre_report *r;
	lines l = { 0 };
	es_err err;

	r = es_cadastre_report_open(NULL, false, &err);
	ck_assert_ptr_nonnull(r);
	es_cadastre_report_add(r, "sog-bad-cf", "F205.SOG", 2, NULL, "F205-P-1", "bad");
	es_cadastre_report_summary(r, collect, &l);
	ck_assert_str_eq(l.text, "report: 1 sog-bad-cf\n");
	ck_assert_int_eq(es_cadastre_report_close(r, &err), ES_OK);
}
END_TEST

Suite *
make_suite_cadastre_run(void)
{
	Suite *s = suite_create("cadastre_run");
	TCase *tc = tcase_create("run");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, stream_names);
	tcase_add_test(tc, scratch);
	tcase_add_test(tc, report);
	tcase_add_test(tc, report_counts_only);
	suite_add_tcase(s, tc);
	return s;
}
