/* t_f24_run.c: one f24-reconcile run over testdata/f24/basic.txt
 * (lib/domain/f24_run.c); the figures are those worked out by hand in
 * testdata/f24/mkfixtures.py and tests/unit/t_f24.c. */
#include "es_setup.h"
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "io_util.h"
#include "domain/f24_run.h"

Suite *make_suite_f24_run(void);

static char *dir;
static tu_capture cap;

static void
setup(void)
{
	dir = tu_scratch_begin(&cap);
	es_diag_set_progname("t_f24_run");
}

static void
teardown(void)
{
	tu_scratch_end(&cap, dir);
	dir = NULL;
}

static char *
fixture(const char *name)
{
	const char *td = getenv("TESTDATA");
	char *p = NULL;

	if (asprintf(&p, "%s/f24/%s", td ? td : "testdata", name) < 0)
		ck_abort_msg("out of memory");
	return p;
}

typedef struct warned {
	int n;
	char first[512];
} warned;

static void
on_warn(void *ctx, const char *source, uint64_t line, const char *msg)
{
	warned *w = ctx;

	if (w->n++ == 0)
		snprintf(w->first, sizeof w->first, "%s", msg);
}

static size_t
count(const char *text, const char *what)
{
	size_t n = 0;

	for (; (text = strstr(text, what)) != NULL; text += strlen(what))
		n++;
	return n;
}

/* basic.txt: A1, 13 G1, 4 G2, 1 G3, 1 G4, 1 G5, 1 G9, Z1 = 23 records, none
 * rejected; 13 payment rows, the one of line 9 cancelled by the G9 of line
 * 22; 4 blocks, all balanced; one difference, the row paid to B990. */
START_TEST(basic)
{
	char *in = fixture("basic.txt"), *t, *want;
	const es_f24_run_stats *st;
	es_rejects *rj;
	es_f24_run *r;
	es_csv_writer *w;
	es_out *out;
	warned wd = { 0 };
	es_err err;

	rj = es_rejects_open(NULL, &err);
	r = es_f24_run_new(ES_F24_NAME_WEBRED, NULL, rj, on_warn, NULL, &wd, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(es_f24_run_add_input(r, in, &err), ES_OK);
	ck_assert_int_eq(es_f24_run_scan(r, &err), ES_OK);
	st = es_f24_run_stats_of(r);
	ck_assert_uint_eq(st->sum.read, 23);
	ck_assert_uint_eq(st->sum.rejected, 0);
	ck_assert_uint_eq(st->padded + st->long_lines, 0);
	w = tu_csv_writer(dir, "p.csv", &out);
	ck_assert_int_eq(es_f24_run_write(r, w, &err), ES_OK);
	t = tu_csv_text(dir, "p.csv", w, out);
	ck_assert_msg(strncmp(t, "payment_id,source,source_ref,tax_code,tax,year,tributo,", 55) == 0, "%s", t);
	ck_assert_uint_eq(count(t, "\n"), 14);
	/* The first G1 (line 2): delega 1, riga 1, source_ref file:line:delega/riga. */
	if (asprintf(&want, "\nF24-F205-2025010801-20250107-2025011001-000001-01,F24,%s:2:000001/01,", in) < 0)
		ck_abort_msg("out of memory");
	ck_assert_msg(strstr(t, want) != NULL, "%s", t);
	free(want);
	ck_assert_uint_eq(count(t, ",cancelled,2025-01-09,"), 1);
	free(t);
	ck_assert_uint_eq(es_f24_recon_nblocks(es_f24_run_recon(r)), 4);
	w = tu_csv_writer(dir, "s.csv", &out);
	ck_assert_int_eq(es_f24_run_write_summary(r, w, &err), ES_OK);
	t = tu_csv_text(dir, "s.csv", w, out);
	ck_assert_uint_eq(count(t, "\nblock,"), 4);
	ck_assert_uint_eq(count(t, ",ok,"), 4);
	free(t);
	ck_assert_uint_eq(es_f24_run_report(r), 1);
	ck_assert_msg(strncmp(wd.first, "difference: belfiore: ", 22) == 0, "%s", wd.first);
	/* No ledger: no ledger line, so difference, totals and blocks: 3. */
	ck_assert_int_eq(wd.n, 3);
	es_f24_run_free(r);
	ck_assert_int_eq(es_rejects_close(rj, &err), ES_OK);
	free(in);
}
END_TEST

/* A file that cannot be opened stops the run, named in the error. */
START_TEST(missing_file)
{
	char *in = tu_path(dir, "none.txt");
	es_rejects *rj;
	es_f24_run *r;
	es_err err;

	rj = es_rejects_open(NULL, &err);
	r = es_f24_run_new(ES_F24_NAME_WEBRED, NULL, rj, NULL, NULL, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(es_f24_run_add_input(r, in, &err), ES_OK);
	ck_assert_int_ne(es_f24_run_scan(r, &err), ES_OK);
	ck_assert_msg(strncmp(err.msg, in, strlen(in)) == 0, "%s", err.msg);
	es_f24_run_free(r);
	es_rejects_close(rj, NULL);
	free(in);
}
END_TEST

Suite *
make_suite_f24_run(void)
{
	Suite *s = suite_create("f24_run");
	TCase *tc = tcase_create("run");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, basic);
	tcase_add_test(tc, missing_file);
	suite_add_tcase(s, tc);
	return s;
}
