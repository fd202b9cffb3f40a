/* t_dues_store.c: the ledger side of compute-dues (store/dues.h): the
 * residence periods by one ordered scan, the lines of a taxpayer posted at
 * once, and the notices of a posting, first and re-run. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>

#include "unit.h"
#include "store/dues.h"
#include "store/ledger.h"

static char dbdir[64], dbpath[128];
static es_ledger *L;
static es_dues_side *S;

static void
setup(void)
{
	es_err err;

	snprintf(dbdir, sizeof dbdir, "/tmp/t_dues_store.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dbdir));
	snprintf(dbpath, sizeof dbpath, "%s/l.db", dbdir);
	L = es_ledger_open(dbpath, ES_LEDGER_CREATE, &err);
	ck_assert_msg(L != NULL, "%s", err.msg);
	ck_assert_int_eq(es_ledger_run_begin(L, "t_dues_store", 0, NULL, &err), ES_OK);
	S = es_dues_side_open(L, &err);
	ck_assert_msg(S != NULL, "%s", err.msg);
}

static void
teardown(void)
{
	char p[160];

	es_dues_side_close(S);
	es_ledger_close(L);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	unlink(dbpath);
	rmdir(dbdir);
}

static es_date
d(int y, int m, int dd)
{
	return es_date_from_ymd(y, m, dd);
}

/* The periods of tax_code: n of them, the first from `first`. */
static void
expect(const char *tax_code, size_t n, es_date first)
{
	const es_dues_residence *v;
	size_t got;
	es_err err;

	ck_assert_msg(es_dues_residences_of(S, tax_code, &v, &got, &err) == ES_OK, "%s", err.msg);
	ck_assert_msg(got == n, "%s: %zu periods, expected %zu", tax_code, got, n);
	if (n > 0)
		ck_assert_int_eq(v[0].from, first);
}

START_TEST(residences_scan)
{
	const es_dues_residence *v;
	size_t n;
	es_err err;

	ck_assert_int_eq(es_dues_residents_begin(S, &err), ES_OK);
	ck_assert_int_eq(es_dues_residents_add(S, "BBB", "F205-F-2", d(2024, 1, 1), ES_DATE_NONE, &err), ES_OK);
	ck_assert_int_eq(es_dues_residents_add(S, "AAA", "7", d(2025, 3, 1), d(2025, 6, 1), &err), ES_OK);
	ck_assert_int_eq(es_dues_residents_add(S, "AAA", "F205-F-1", d(2024, 5, 1), ES_DATE_NONE, &err), ES_OK);
	ck_assert_int_eq(es_dues_residents_add(S, "CCC", "3", ES_DATE_NONE, ES_DATE_NONE, &err), ES_OK);
	/* AAA: both periods, in order of from (2024-05-01 before 2025-03-01),
	 * whatever the order of the file */
	ck_assert_int_eq(es_dues_residences_of(S, "AAA", &v, &n, &err), ES_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(v[0].unit_id, "F205-F-1");
	ck_assert_int_eq(v[0].from, d(2024, 5, 1));
	ck_assert_int_eq(v[0].to, ES_DATE_NONE);
	ck_assert_str_eq(v[1].unit_id, "7");
	ck_assert_int_eq(v[1].from, d(2025, 3, 1));
	ck_assert_int_eq(v[1].to, d(2025, 6, 1));
	expect("BBB", 1, d(2024, 1, 1));
	expect("BBC", 0, 0);                  /* between BBB and CCC: none */
	expect("CCC", 1, ES_DATE_NONE);
	expect("AAA", 2, d(2024, 5, 1));      /* asked again: the scan starts over */
	expect("AAA", 2, d(2024, 5, 1));      /* the same code twice in a row: the same 2 */
	expect("ZZZ", 0, 0);
	expect("", 0, 0);
}
END_TEST

START_TEST(residence_unit)
{
	/* the ledger's unit_id, or the identificativo after its last '-' */
	ck_assert(es_dues_residence_unit("F205-F-7", "F205-F-7"));
	ck_assert(es_dues_residence_unit("7", "F205-F-7"));
	ck_assert(!es_dues_residence_unit("7", "F205-F-17"));
	ck_assert(!es_dues_residence_unit("17", "F205-F-7"));
	ck_assert(!es_dues_residence_unit("F205-F-7", "F205-F-8"));
}
END_TEST

static int64_t
q_int(const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(es_ledger_db(L), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* One posting of IMU 2025: the lines of AAA (amounts a1, a2, a3 on
 * installments 1, 2, 1; an amount < 0 leaves the line out) and one line
 * of 0 for BBB; single notice due 16 June. */
static void
post(es_cents a1, es_cents a2, es_cents a3, es_dues_post_stats *st)
{
	es_dues_line aaa[3], bbb = {
		.tax_code = "BBB", .tax = "IMU", .year = 2025, .unit_id = "F205-F-2", .tributo = "3918",
		.installment = 1, .due_date = d(2025, 6, 16), .months = 12, .share = "1/1", .amount_due = 0,
	};
	es_cents amt[3] = { a1, a2, a3 };
	es_dues_poster *p;
	size_t i, n = 0;
	es_err err;

	p = es_dues_post_begin(L, "IMU", 2025, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	for (i = 0; i < 3; i++) {
		if (amt[i] < 0)
			continue;
		aaa[n++] = (es_dues_line){
			.tax_code = "AAA", .tax = "IMU", .year = 2025, .unit_id = "F205-F-1", .tributo = "3918",
			.installment = i == 1 ? 2 : 1, .due_date = i == 1 ? d(2025, 12, 16) : d(2025, 6, 16),
			.has_basis = true, .basis = 100000, .rate = "1.06", .months = 12, .share = "1/1",
			.amount_due = amt[i],
		};
	}
	ck_assert_msg(es_dues_post_lines(p, aaa, n, &err) == ES_OK, "%s", err.msg);
	ck_assert_msg(es_dues_post_lines(p, &bbb, 1, &err) == ES_OK, "%s", err.msg);
	ck_assert_int_eq(es_dues_post_lines(p, NULL, 0, &err), ES_OK);
	ck_assert_msg(es_dues_post_notices(p, d(2025, 6, 16), 0, st, &err) == ES_OK, "%s", err.msg);
	es_dues_post_end(p);
}

START_TEST(post_and_repost)
{
	es_dues_post_stats st;

	/* AAA: installment 1 = 1000 + 250 = 1250, installment 2 = 500, the
	 * whole 1750: three notices; BBB owes 0: a position, no notice */
	post(1000, 500, 250, &st);
	ck_assert_uint_eq(st.positions, 2);
	ck_assert_uint_eq(st.notices_new, 3);
	ck_assert_uint_eq(st.notices_updated, 0);
	ck_assert_uint_eq(st.notices_cancelled, 0);
	ck_assert_int_eq(q_int("SELECT amount_due FROM positions WHERE tax_code = 'AAA'"), 1750);
	ck_assert_int_eq(q_int("SELECT amount_due FROM positions WHERE tax_code = 'BBB'"), 0);
	/* lines numbered 1, 2, 3 in the order given: 1 + 2 + 3 = 6 */
	ck_assert_int_eq(q_int("SELECT SUM(line) FROM due_lines d JOIN positions p USING (position_id)"
	                       " WHERE p.tax_code = 'AAA'"), 6);
	ck_assert_int_eq(q_int("SELECT amount_due FROM due_lines WHERE line = 3"
	                       " AND position_id = (SELECT position_id FROM positions WHERE tax_code = 'AAA')"), 250);
	ck_assert_int_eq(q_int("SELECT amount FROM notices WHERE installment = 0"), 1750);
	ck_assert_int_eq(q_int("SELECT amount FROM notices WHERE installment = 1"), 1250);
	ck_assert_int_eq(q_int("SELECT value FROM sequences WHERE name = 'nav'"), 3);

	/* the same again: nothing new, nothing changed, no number drawn */
	post(1000, 500, 250, &st);
	ck_assert_uint_eq(st.positions, 2);
	ck_assert_uint_eq(st.notices_new + st.notices_updated + st.notices_cancelled, 0);
	ck_assert_int_eq(q_int("SELECT amount_due FROM positions WHERE tax_code = 'AAA'"), 1750);
	ck_assert_int_eq(q_int("SELECT value FROM sequences WHERE name = 'nav'"), 3);

	/* installment 2 gone, installment 1 now 1000: its notice and the
	 * whole one (1000) updated, installment 2's cancelled */
	post(1000, -1, -1, &st);
	ck_assert_uint_eq(st.notices_new, 0);
	ck_assert_uint_eq(st.notices_updated, 2);
	ck_assert_uint_eq(st.notices_cancelled, 1);
	ck_assert_int_eq(q_int("SELECT amount FROM notices WHERE installment = 0"), 1000);
	ck_assert_int_eq(q_int("SELECT status = 'cancelled' FROM notices WHERE installment = 2"), 1);
	ck_assert_int_eq(q_int("SELECT COUNT(*) FROM notices"), 3);
}
END_TEST

Suite *make_suite_dues_store(void);

Suite *
make_suite_dues_store(void)
{
	Suite *s = suite_create("dues_store");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, residences_scan);
	tcase_add_test(tc, residence_unit);
	tcase_add_test(tc, post_and_repost);
	suite_add_tcase(s, tc);
	return s;
}
