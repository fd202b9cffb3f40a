/* t_assess_run.c: the library side of assess(1): reading the dues,
 * payments and units streams (lib/domain/assess_read.c), the evasion
 * candidates, the TARI 80 % rule and the --explain text
 * (lib/domain/assess_run.c).  Expected values are worked out by hand in
 * the comments. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "io_util.h"
#include "domain/assess_read.h"
#include "domain/assess_run.h"

Suite *make_suite_assess_run(void);

static char *dir;
static es_rejects *rj;
static es_summary sum;
static es_acts_csv_opts co;
static tu_capture cap;
static es_penalty_rules *rules;
static char *rejects_path;

static void
setup(void)
{
	es_err err;

	dir = tu_mkdtemp();
	es_diag_set_progname("assess");
	memset(&sum, 0, sizeof sum);
	memset(&co, 0, sizeof co);
	co.tax = "IMU";
	co.year = 2024;
	co.sum = &sum;
	if ((rules = es_penalty_rules_load(&err)) == NULL)
		ck_abort_msg("loading the tables: %s", err.msg);
}

static void
teardown(void)
{
	es_penalty_rules_free(rules);
	free(rejects_path);
	rejects_path = NULL;
	tu_rmtree(dir);
}

/* Write name in the scratch directory; returns its path (free it). */
static char *
file(const char *name, const char *text)
{
	char *p = tu_path(dir, name);

	tu_write_str(p, text);
	return p;
}

/* Open the rejects file and start capturing stderr; returns the rejects
 * file's path (freed by teardown). */
static const char *
begin_rejects(void)
{
	es_err err;

	rejects_path = tu_path(dir, "rejects.csv");
	if ((rj = es_rejects_open(rejects_path, &err)) == NULL)
		ck_abort_msg("es_rejects_open: %s", err.msg);
	co.rejects = rj;
	tu_capture_begin(&cap, dir);
	return rejects_path;
}

/* Stop capturing and close the rejects; returns stderr (free it). */
static char *
end_rejects(void)
{
	char *text = tu_capture_end(&cap);
	es_err err;

	ck_assert_int_eq(es_rejects_close(rj, &err), ES_OK);
	return text;
}

/* --- reading -------------------------------------------------------------- */

START_TEST(dues_bad_rows)
{
	char *d = file("d.csv",
	    "tax_code,tax,year,installment,due_date,amount_due,unit_id,basis\n"
	    "RSSMRA80A01H501U,IMU,2024,acconto,2024-06-17,\"800,00\",U1,\n"  /* line 2: good (decimal comma) */
	    "RSSMRA80A01H501U,IMU,2024,saldo,2024-12-16,800.00,U1,\n"        /* line 3: '.' under decimal_comma */
	    "RSSMRA80A01H501U,IMU,2023,1,2023-06-16,700.00,U1,\n"            /* line 4: other year: skipped */
	    "RSSMRA80A01H501U,TARI,2024,1,2024-04-30,90.00,U1,\n"            /* line 5: other tax: skipped */
	    "RSSMRA80A01H501U,IMU,2024,3,2024-13-01,10.00,U1,\n"             /* line 6: bad date */
	    "RSSMRA80A01H501U,IMU,20x4,1,2024-06-17,10.00,U1,\n"             /* line 7: bad year */
	    ",IMU,2024,1,2024-06-17,10.00,U1,\n"                             /* line 8: no tax code */
	    "RSSMRA80A01H501U,IMU,2024,terza,2024-06-17,10.00,U1,\n");       /* line 9: bad installment */
	const char *rpath;
	char *text, *rtext;
	es_acts_due *v;
	size_t n;
	es_err err;

	co.decimal_comma = true;
	rpath = begin_rejects();
	ck_assert_int_eq(es_acts_csv_read_dues(d, &co, &v, &n, &err), ES_OK);
	text = end_rejects();
	/* 8 rows read: 1 kept, 2 skipped (counted as read only), 5 rejected */
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(sum.read, 8);
	ck_assert_uint_eq(sum.rejected, 5);
	ck_assert_str_eq(v[0].tax_code, "RSSMRA80A01H501U");
	ck_assert_int_eq(v[0].installment, 1);                   /* acconto */
	ck_assert_int_eq(v[0].due_date, es_date_from_ymd(2024, 6, 17));
	ck_assert_int_eq(v[0].amount_due, 80000);                /* "800,00" = 80000 cents */
	ck_assert_str_eq(v[0].unit_id, "U1");
	ck_assert_str_eq(v[0].tributo, "");                      /* no tributo column */
	ck_assert_int_eq(v[0].basis, -1);                        /* empty basis */
	ck_assert_uint_eq(v[0].line, 2);
	/* each message names the file, the line and the column */
	ck_assert_ptr_nonnull(strstr(text, "d.csv:3: amount_due: '800.00' is not an amount\n"));
	ck_assert_ptr_nonnull(strstr(text, "d.csv:6: due_date: '2024-13-01' is not a date\n"));
	ck_assert_ptr_nonnull(strstr(text, "d.csv:7: year: '20x4' is not a year\n"));
	ck_assert_ptr_nonnull(strstr(text, "d.csv:8: tax_code: empty\n"));
	ck_assert_ptr_nonnull(strstr(text, "d.csv:9: installment: 'terza' is not 0..99, unica, acconto or saldo\n"));
	rtext = tu_read(rpath, NULL);
	/* the rejects file: the original fields, then _source,_line,_error */
	ck_assert_ptr_nonnull(strstr(rtext, "tax_code,tax,year,installment,due_date,amount_due,unit_id,basis,"
	                                    "_source,_line,_error\n"));
	ck_assert_ptr_nonnull(strstr(rtext, "RSSMRA80A01H501U,IMU,2024,3,2024-13-01,10.00,U1,,"));
	ck_assert_ptr_nonnull(strstr(rtext, ",6,due_date: '2024-13-01' is not a date\n"));
	free(rtext);
	free(text);
	free(d);
	es_acts_dues_free(v, n);
}
END_TEST

START_TEST(dues_missing_column)
{
	char *d = file("d.csv", "tax_code,tax,year,installment,due_date\n"
	                        "RSSMRA80A01H501U,IMU,2024,1,2024-06-17\n");
	char *text;
	es_acts_due *v;
	size_t n;
	es_err err;

	begin_rejects();
	/* a missing required column stops the run: configuration (exit 2) */
	ck_assert_int_eq(es_acts_csv_read_dues(d, &co, &v, &n, &err), ES_ECONFIG);
	text = end_rejects();
	ck_assert_str_eq(text, "");                              /* nothing printed by the library */
	ck_assert_ptr_nonnull(strstr(err.msg, "d.csv"));
	ck_assert_ptr_nonnull(strstr(err.msg, "missing required column 'amount_due'"));
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(sum.read, 0);
	free(text);
	free(d);
}
END_TEST

START_TEST(payments_bad_rows)
{
	char *p = file("p.csv",
	    "payment_id,tax_code,tax,year,paid_on,amount,ravvedimento\n"
	    "F1,RSSMRA80A01H501U,IMU,2024,2024-06-17,800.00,\n"      /* line 2: good */
	    "F2,RSSMRA80A01H501U,IMU,2024,2024-07-01,-5.00,\n"       /* line 3: a refund */
	    "F3,RSSMRA80A01H501U,IMU,2024,2024-07-01,5.00,forse\n"   /* line 4: bad flag */
	    "F4,RSSMRA80A01H501U,imu,2024,2024-07-11,40.10,si\n"     /* line 5: good, ravvedimento */
	    "F5,RSSMRA80A01H501U,IMU,2024,ieri,5.00,\n");            /* line 6: bad date */
	char *text;
	es_acts_payment *v;
	size_t n;
	es_err err;

	begin_rejects();
	ck_assert_int_eq(es_acts_csv_read_payments(p, &co, &v, &n, &err), ES_OK);
	text = end_rejects();
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(sum.read, 5);
	ck_assert_uint_eq(sum.rejected, 3);
	ck_assert_str_eq(v[0].payment_id, "F1");
	ck_assert_int_eq(v[0].amount, 80000);
	ck_assert(!v[0].ravvedimento);
	ck_assert_str_eq(v[1].payment_id, "F4");
	ck_assert_int_eq(v[1].amount, 4010);
	ck_assert_int_eq(v[1].paid_on, es_date_from_ymd(2024, 7, 11));
	ck_assert(v[1].ravvedimento);
	ck_assert_uint_eq(v[1].line, 5);
	ck_assert_ptr_nonnull(strstr(text, "p.csv:3: amount: negative payments (refunds) are not assessed\n"));
	ck_assert_ptr_nonnull(strstr(text, "p.csv:4: ravvedimento: 'forse' is not a flag (1/0)\n"));
	ck_assert_ptr_nonnull(strstr(text, "p.csv:6: paid_on: 'ieri' is not a date\n"));
	free(text);
	free(p);
	es_acts_payments_free(v, n);
}
END_TEST

START_TEST(payments_missing_column)
{
	char *p = file("p.csv", "tax_code,tax,year,amount\nRSSMRA80A01H501U,IMU,2024,1.00\n");
	es_acts_payment *v;
	size_t n;
	es_err err;

	begin_rejects();
	ck_assert_int_eq(es_acts_csv_read_payments(p, &co, &v, &n, &err), ES_ECONFIG);
	free(end_rejects());
	ck_assert_ptr_nonnull(strstr(err.msg, "missing required column 'paid_on'"));
	ck_assert_uint_eq(n, 0);
	free(p);
}
END_TEST

START_TEST(units_surfaces)
{
	char *u = file("u.csv", "unit_id,category,surface_m2\n"
	                        "U1,A/2,95\n"          /* line 2: kept */
	                        "U2,F/1,\n"            /* line 3: no surface: skipped */
	                        "U3,A/3,95.5\n");      /* line 4: not whole m2: rejected */
	char *text;
	es_acts_surface *v;
	size_t n;
	es_err err;

	begin_rejects();
	ck_assert_int_eq(es_acts_csv_read_surfaces(u, &co, &v, &n, &err), ES_OK);
	text = end_rejects();
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].unit_id, "U1");
	ck_assert_int_eq(v[0].surface_m2, 95);
	ck_assert_uint_eq(sum.read, 3);
	ck_assert_uint_eq(sum.rejected, 1);
	ck_assert_ptr_nonnull(strstr(text, "u.csv:4: surface_m2: '95.5' is not a whole number of m2\n"));
	free(text);
	free(u);
	es_acts_surfaces_free(v, n);
}
END_TEST

START_TEST(parse_flag_and_int)
{
	bool b = false;
	long v = 0;

	ck_assert(es_assess_parse_flag("SI", &b) && b);
	ck_assert(es_assess_parse_flag("x", &b) && b);
	ck_assert(es_assess_parse_flag("", &b) && !b);
	ck_assert(es_assess_parse_flag("No", &b) && !b);
	ck_assert(!es_assess_parse_flag("2", &b));
	ck_assert(es_assess_parse_int("2999", 1800, 2999, &v) && v == 2999);
	ck_assert(!es_assess_parse_int("3000", 1800, 2999, &v));
	ck_assert(!es_assess_parse_int("2024 ", 1800, 2999, &v));
	ck_assert(!es_assess_parse_int("", 0, 99, &v));
}
END_TEST

/* --- evasion candidates --------------------------------------------------- */

typedef struct got {
	size_t n;
	es_assess_candidate c[8];
	char codes[8][64], units[8][16];
} got;

static es_rc
collect(void *ctx, const es_assess_candidate *c, es_err *err)
{
	got *g = ctx;

	(void)err;
	ck_assert_uint_lt(g->n, 8);
	g->c[g->n] = *c;
	/* the strings are borrowed for the call only */
	snprintf(g->codes[g->n], sizeof g->codes[g->n], "%s", c->tax_codes);
	snprintf(g->units[g->n], sizeof g->units[g->n], "%s", c->unit_id);
	g->c[g->n].tax_codes = g->codes[g->n];
	g->c[g->n].unit_id = g->units[g->n];
	g->n++;
	return ES_OK;
}

static es_acts_due
due(const char *code, const char *unit, es_cents amount, int64_t basis)
{
	es_acts_due d;

	memset(&d, 0, sizeof d);
	d.tax_code = (char *)code;
	d.unit_id = (char *)unit;
	d.tributo = (char *)"";
	d.declaration = (char *)"";
	d.amount_due = amount;
	d.basis = basis;
	return d;
}

START_TEST(evasion_imu)
{
	/* U1: held by A and B; B paid: no candidate (every holder is liable,
	 * one payment means someone is paying).  U2: C alone, nothing paid,
	 * 300.00 + 200.00 due: candidate for 500.00.  U3: D and E, D's only
	 * payment is 0.00 (not a payment): candidate for 100.00 + 150.00 =
	 * 250.00, codes "D;E".  A line with no unit is no candidate. */
	es_acts_due d[] = {
		due("E", "U3", 15000, -1), due("A", "U1", 40000, -1), due("C", "U2", 30000, -1),
		due("B", "U1", 40000, -1), due("D", "U3", 10000, -1), due("C", "U2", 20000, -1),
		due("F", "", 99900, -1),
	};
	es_acts_payment p[] = {
		{ .tax_code = (char *)"B", .amount = 40000 },
		{ .tax_code = (char *)"D", .amount = 0 },
	};
	got g = { 0 };
	es_err err;

	ck_assert_int_eq(es_assess_evasion(rules, "IMU", 2024, d, ES_ARRAY_LEN(d), p, 2, NULL, 0, collect, &g, &err),
	                 ES_OK);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_str_eq(g.c[0].unit_id, "U2");
	ck_assert_str_eq(g.c[0].tax_codes, "C");
	ck_assert_int_eq(g.c[0].amount_due, 50000);
	ck_assert_str_eq(g.c[0].reason, "no-payment-by-any-holder");
	ck_assert(!g.c[0].has_surface);
	ck_assert_str_eq(g.c[0].tax, "IMU");
	ck_assert_int_eq(g.c[0].year, 2024);
	ck_assert_str_eq(g.c[1].unit_id, "U3");
	ck_assert_str_eq(g.c[1].tax_codes, "D;E");
	ck_assert_int_eq(g.c[1].amount_due, 25000);
}
END_TEST

START_TEST(evasion_tari_80_pct)
{
	/* evasion_rules.csv: surface_pct_of_cadastral TARI 80 (L. 147/2013 c. 646).
	 * Cadastral 1000 m2: threshold 1000 x 80 % = 800 m2 (800.0000 at scale 4).
	 * T1 declares 799 m2 = 79.9 %: below, a candidate.  T2 declares 800 m2 =
	 * 80 % exactly: not below, no candidate.  T3 declares 500 m2 of a unit
	 * with no cadastral surface: nothing to compare.  T4's line has no
	 * declared surface (-1): skipped.  T5 declares 200 and 300 m2 of 400 m2:
	 * the larger, 300 = 75 % < 320 m2, is compared: a candidate. */
	es_acts_due d[] = {
		due("T1", "U1", 31000, 799), due("T2", "U2", 32000, 800), due("T3", "U3", 20000, 500),
		due("T4", "U4", 10000, -1), due("T5", "U5", 8000, 200), due("T5", "U5", 4000, 300),
	};
	es_acts_surface s[] = {
		{ .unit_id = (char *)"U5", .surface_m2 = 400 }, { .unit_id = (char *)"U2", .surface_m2 = 1000 },
		{ .unit_id = (char *)"U1", .surface_m2 = 1000 }, { .unit_id = (char *)"U4", .surface_m2 = 100 },
	};
	got g = { 0 };
	es_err err;

	ck_assert_int_eq(es_assess_evasion(rules, "TARI", 2024, d, ES_ARRAY_LEN(d), NULL, 0, s, ES_ARRAY_LEN(s),
	                                   collect, &g, &err), ES_OK);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_str_eq(g.c[0].unit_id, "U1");
	ck_assert_str_eq(g.c[0].reason, "declared-surface-below-threshold");
	ck_assert(g.c[0].has_surface);
	ck_assert_int_eq(g.c[0].declared_m2, 799);
	ck_assert_int_eq(g.c[0].cadastral_m2, 1000);
	ck_assert_int_eq(g.c[0].threshold, 8000000);             /* 800.0000 m2 */
	ck_assert_int_eq(g.c[0].amount_due, 31000);
	/* the row's source column (the legal basis is in legal_basis) */
	ck_assert_str_eq(g.c[0].source, "cadastre-imu-tari.md §3.8 (aspel.it interpello 306/2019)");
	ck_assert_str_eq(g.c[1].unit_id, "U5");
	ck_assert_int_eq(g.c[1].declared_m2, 300);
	ck_assert_int_eq(g.c[1].threshold, 3200000);             /* 400 x 80 % = 320.0000 m2 */
	ck_assert_int_eq(g.c[1].amount_due, 12000);              /* 80.00 + 40.00 */
	ck_assert_str_eq(g.c[1].tax_codes, "T5");
}
END_TEST

static es_rc
stop_at_first(void *ctx, const es_assess_candidate *c, es_err *err)
{
	(void)c;
	++*(int *)ctx;
	return es_err_set(err, ES_EIO, "evasion: write error");
}

START_TEST(evasion_callback_failure)
{
	es_acts_due d[] = { due("C", "U2", 30000, -1), due("D", "U3", 10000, -1) };
	int calls = 0;
	es_err err;

	/* two candidates, but the first failure stops the walk */
	ck_assert_int_eq(es_assess_evasion(rules, "IMU", 2024, d, 2, NULL, 0, NULL, 0, stop_at_first, &calls, &err),
	                 ES_EIO);
	ck_assert_int_eq(calls, 1);
	ck_assert_str_eq(err.msg, "evasion: write error");
}
END_TEST

/* --- --explain ------------------------------------------------------------ */

typedef struct text {
	char buf[8192];
	size_t len, lines;
} text;

static es_rc
append(void *ctx, const char *line, es_err *err)
{
	text *t = ctx;
	size_t n = strlen(line);

	(void)err;
	ck_assert_uint_lt(t->len + n, sizeof t->buf);
	memcpy(t->buf + t->len, line, n + 1);
	t->len += n;
	t->lines++;
	ck_assert(n > 0 && line[n - 1] == '\n');
	return ES_OK;
}

START_TEST(explain_into_callback)
{
	/* The saldo of t_assess.c's omission case: 800.00 due Mon 16 Dec 2024,
	 * nothing paid, act of 30 Jun 2025: sanction 800 x 25 % = 200.00;
	 * interest 17-31 Dec 2024 = 15 days at 2.5 % = 300/365 = 0.821917,
	 * 1 Jan - 30 Jun 2025 = 181 days at 2 % = 2896/365 = 7.934246;
	 * 3196/365 = 8.756164 -> 8.76; total 800 + 200 + 8.76 = 1008.76. */
	es_assess_line l = { .tributo = "3918", .unit_id = "U1", .installment = 2, .amount_due = 80000,
	                     .declaration = "" };
	es_assess_run R;
	es_assess_result res;
	text t = { .len = 0 };
	char *cap_text;
	es_err err;

	memset(&R, 0, sizeof R);
	R.rules = rules;
	R.tax = "IMU";
	R.year = 2024;
	R.explain = append;
	R.ctx = &t;
	ck_assert_int_eq(es_assess_opts_defaults(rules, &R.opts, &err), ES_OK);
	R.opts.as_of = es_date_from_ymd(2025, 6, 30);
	R.opts.decl_choice = -1;
	l.due_date = es_date_from_ymd(2024, 12, 16);
	ck_assert_int_eq(es_assess_compute(rules, "RSSMRA80A01H501U", "IMU", 2024, &l, 1, NULL, 0, &R.opts, &res, &err),
	                 ES_OK);
	tu_capture_begin(&cap, dir);
	ck_assert_int_eq(es_assess_explain(&R, "ACC-IMU-2024-RSSMRA80A01H501U", &res, &err), ES_OK);
	cap_text = tu_capture_end(&cap);
	ck_assert_str_eq(cap_text, "");                          /* nothing on stderr: all through the callback */
	ck_assert_ptr_nonnull(strstr(t.buf, "assess: explain ACC-IMU-2024-RSSMRA80A01H501U "
	                                    "(RSSMRA80A01H501U IMU 2024, as of 2025-06-30)\n"));
	ck_assert_ptr_nonnull(strstr(t.buf, "  installment 2 tributo 3918 unit U1 due 2024-12-16: "
	                                    "due 800.00 paid 0.00 unpaid 800.00: omitted\n"));
	ck_assert_ptr_nonnull(strstr(t.buf, "interest 2024-12-17..2024-12-31: 800.00 x 2.5"));
	ck_assert_ptr_nonnull(strstr(t.buf, "= 0.821917 [legal_interest_rates.csv 2024"));
	ck_assert_ptr_nonnull(strstr(t.buf, "interest 2025-01-01..2025-06-30: 800.00 x 2"));
	ck_assert_ptr_nonnull(strstr(t.buf, "= 7.934246 [legal_interest_rates.csv 2025"));
	ck_assert_ptr_nonnull(strstr(t.buf, "    line sanction 200.00 (exact 200.000000), interest 8.76 "
	                                    "(exact 8.756164), each rounded once\n"));
	ck_assert_ptr_nonnull(strstr(t.buf, "  total 1008.76 = unpaid 800.00 + sanction 200.00 + interest 8.76 "
	                                    "+ costs 0.00\n"));
	free(cap_text);
	es_assess_result_clear(&res);
}
END_TEST

Suite *
make_suite_assess_run(void)
{
	Suite *s = suite_create("assess_run");
	TCase *read = tcase_create("read"), *ev = tcase_create("evasion"), *ex = tcase_create("explain");

	tcase_add_checked_fixture(read, setup, teardown);
	tcase_add_test(read, dues_bad_rows);
	tcase_add_test(read, dues_missing_column);
	tcase_add_test(read, payments_bad_rows);
	tcase_add_test(read, payments_missing_column);
	tcase_add_test(read, units_surfaces);
	tcase_add_test(read, parse_flag_and_int);
	suite_add_tcase(s, read);
	tcase_add_checked_fixture(ev, setup, teardown);
	tcase_add_test(ev, evasion_imu);
	tcase_add_test(ev, evasion_tari_80_pct);
	tcase_add_test(ev, evasion_callback_failure);
	suite_add_tcase(s, ev);
	tcase_add_checked_fixture(ex, setup, teardown);
	tcase_add_test(ex, explain_into_callback);
	suite_add_tcase(s, ex);
	return s;
}
