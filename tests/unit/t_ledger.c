/* t_ledger.c: the SQLite ledger: creation, runs, rollback, sequences, check, backup, export. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "unit.h"
#include "store/ledger.h"
#include "store/migrations.h"

Suite *make_suite_ledger(void);

static char dir[64];
static char dbpath[128];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/t_ledger.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(dbpath, sizeof dbpath, "%s/l.db", dir);
}

static void
teardown(void)
{
	char cmd[160];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static es_ledger *
fresh(void)
{
	es_err err;
	es_ledger *l = es_ledger_open(dbpath, ES_LEDGER_CREATE, &err);

	ck_assert_msg(l != NULL, "open: %s", err.msg);
	return l;
}

static void
sql(es_ledger *l, const char *q)
{
	char *msg = NULL;

	ck_assert_msg(sqlite3_exec(es_ledger_db(l), q, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", q, msg);
}

static int64_t
count(es_ledger *l, const char *q)
{
	sqlite3_stmt *st;
	int64_t v;

	ck_assert_int_eq(sqlite3_prepare_v2(es_ledger_db(l), q, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

START_TEST(create_private_and_current)
{
	struct stat sb;
	es_ledger *l = fresh();

	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);   /* personal data: owner only */
	ck_assert_int_eq(es_ledger_schema_version(l), es_migrations_count());
	ck_assert_int_eq(count(l, "PRAGMA application_id"), 0x45534154);  /* "ESAT" */
	ck_assert_int_eq(count(l, "PRAGMA foreign_keys"), 1);
	es_ledger_close(l);
}
END_TEST

START_TEST(read_mode_needs_existing)
{
	es_err err;

	ck_assert_ptr_null(es_ledger_open(dbpath, ES_LEDGER_READ, &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "esattore-db init"));
	ck_assert_int_eq(access(dbpath, F_OK), -1);   /* nothing created */
}
END_TEST

START_TEST(damaged_file_is_db_error)
{
	es_err err;
	FILE *f = fopen(dbpath, "w");
	int i;

	ck_assert_ptr_nonnull(f);
	for (i = 0; i < 512; i++)
		fputs("garbage!", f);
	fclose(f);
	ck_assert_ptr_null(es_ledger_open(dbpath, ES_LEDGER_READ, &err));
	ck_assert_int_eq(err.rc, ES_EDB);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a database"));
}
END_TEST

START_TEST(other_sqlite_file_refused)
{
	sqlite3 *db;
	es_err err;

	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE t(x); PRAGMA user_version = 7;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_ptr_null(es_ledger_open(dbpath, ES_LEDGER_WRITE, &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "not an esattore ledger"));
}
END_TEST

START_TEST(run_commit_and_abort)
{
	char *argv[] = { "import-cadastre", "--db", "x y.db" };
	es_ledger *l = fresh();
	es_err err;

	ck_assert_int_eq(es_ledger_run_begin(l, "import-cadastre", 3, argv, &err), ES_OK);
	sql(l, "INSERT INTO subjects(subject_id, kind, tax_code) VALUES ('A1', 'P', 'X')");
	ck_assert_int_eq(es_ledger_run_commit(l, 3, 2, 1, &err), ES_OK);
	ck_assert_int_eq(count(l, "SELECT count(*) FROM subjects"), 1);
	ck_assert_int_eq(count(l, "SELECT count(*) FROM runs WHERE status = 'rejects' AND rows_read = 3"
	                          " AND args = 'import-cadastre --db ''x y.db''' AND ended_at IS NOT NULL"), 1);

	/* A failed run leaves nothing but its audit row. */
	ck_assert_int_eq(es_ledger_run_begin(l, "import-cadastre", 1, argv, &err), ES_OK);
	sql(l, "INSERT INTO subjects(subject_id, kind, tax_code) VALUES ('A2', 'P', 'Y')");
	es_ledger_run_abort(l, "disk full");
	ck_assert_int_eq(count(l, "SELECT count(*) FROM subjects"), 1);
	ck_assert_int_eq(count(l, "SELECT count(*) FROM runs WHERE status = 'failed' AND message = 'disk full'"), 1);

	/* Closing with an open run aborts it. */
	ck_assert_int_eq(es_ledger_run_begin(l, "t", 1, argv, &err), ES_OK);
	sql(l, "INSERT INTO subjects(subject_id, kind, tax_code) VALUES ('A3', 'P', 'Z')");
	es_ledger_close(l);
	l = es_ledger_open(dbpath, ES_LEDGER_READ, &err);
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(count(l, "SELECT count(*) FROM subjects"), 1);
	ck_assert_int_eq(count(l, "SELECT count(*) FROM runs"), 3);
	es_ledger_close(l);
}
END_TEST

START_TEST(inputs_and_idempotence)
{
	char path[160];
	char *argv[] = { "f24-reconcile" };
	es_ledger *l = fresh();
	es_err err;
	bool seen;
	FILE *f;

	snprintf(path, sizeof path, "%s/in.txt", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("abc", f);
	fclose(f);

	ck_assert_int_eq(es_ledger_run_begin(l, "f24-reconcile", 1, argv, &err), ES_OK);
	ck_assert_int_eq(es_ledger_run_input(l, path, &err), ES_OK);
	/* SHA-256("abc"), FIPS 180-2 appendix B.1 */
	ck_assert_str_eq(es_ledger_last_input_hash(l),
	                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ck_assert_int_eq(es_ledger_input_seen(l, "f24-reconcile", es_ledger_last_input_hash(l), &seen, &err), ES_OK);
	ck_assert(!seen);                      /* the open run does not count */
	es_ledger_run_abort(l, "test");
	ck_assert_int_eq(es_ledger_input_seen(l, "f24-reconcile",
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", &seen, &err), ES_OK);
	ck_assert(!seen);                      /* nor does an aborted one */

	ck_assert_int_eq(es_ledger_run_begin(l, "f24-reconcile", 1, argv, &err), ES_OK);
	ck_assert_int_eq(es_ledger_run_input(l, path, &err), ES_OK);
	ck_assert_int_eq(es_ledger_run_commit(l, 0, 0, 0, &err), ES_OK);
	ck_assert_int_eq(es_ledger_input_seen(l, "f24-reconcile",
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", &seen, &err), ES_OK);
	ck_assert(seen);
	ck_assert_int_eq(es_ledger_input_seen(l, "other-tool",
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", &seen, &err), ES_OK);
	ck_assert(!seen);
	ck_assert_int_eq(count(l, "SELECT size FROM run_inputs WHERE run_id = 2"), 3);

	/* A file longer than the hash's read buffer (64 KiB): one million 'a',
	 * SHA-256 of FIPS 180-2 appendix B.3. */
	{
		static char a[1000000];

		memset(a, 'a', sizeof a);
		f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		ck_assert_uint_eq(fwrite(a, 1, sizeof a, f), sizeof a);
		fclose(f);
		ck_assert_int_eq(es_ledger_run_begin(l, "f24-reconcile", 1, argv, &err), ES_OK);
		ck_assert_int_eq(es_ledger_run_input(l, path, &err), ES_OK);
		ck_assert_str_eq(es_ledger_last_input_hash(l),
		                 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
		es_ledger_run_abort(l, "test");
	}
	es_ledger_close(l);
}
END_TEST

START_TEST(sequences_persist)
{
	es_ledger *l = fresh();
	char *argv[] = { "t" };
	es_err err;
	int64_t v;

	ck_assert_int_eq(es_ledger_next_seq(l, "nav", &v, &err), ES_OK);
	ck_assert_int_eq(v, 1);
	ck_assert_int_eq(es_ledger_next_seq(l, "nav", &v, &err), ES_OK);
	ck_assert_int_eq(v, 2);
	ck_assert_int_eq(es_ledger_next_seq(l, "act", &v, &err), ES_OK);
	ck_assert_int_eq(v, 1);
	/* A value drawn in an aborted run is given again: no gaps from failures. */
	ck_assert_int_eq(es_ledger_run_begin(l, "t", 1, argv, &err), ES_OK);
	ck_assert_int_eq(es_ledger_next_seq(l, "nav", &v, &err), ES_OK);
	ck_assert_int_eq(v, 3);
	es_ledger_run_abort(l, "x");
	es_ledger_close(l);
	l = es_ledger_open(dbpath, ES_LEDGER_WRITE, &err);
	ck_assert_int_eq(es_ledger_next_seq(l, "nav", &v, &err), ES_OK);
	ck_assert_int_eq(v, 3);
	es_ledger_close(l);
}
END_TEST

struct problems { int n; char last[256]; };

static void
collect(void *ctx, const char *check, const char *detail)
{
	struct problems *p = ctx;

	p->n++;
	snprintf(p->last, sizeof p->last, "%s: %s", check, detail);
}

START_TEST(check_invariants)
{
	es_ledger *l = fresh();
	struct problems p = { 0, "" };
	uint64_t n;
	es_err err;

	ck_assert_int_eq(es_ledger_check(l, collect, &p, &n, &err), ES_OK);
	ck_assert_int_eq(n, 0);

	sql(l, "INSERT INTO positions(position_id, tax_code, tax, year, phase, amount_due)"
	       " VALUES (1, 'X', 'IMU', 2025, 'S1', 1000)");
	sql(l, "INSERT INTO payments(payment_id, source, source_ref, amount) VALUES ('P1', 'F24', 'r', 1000)");
	sql(l, "INSERT INTO allocations(payment_id, position_id, amount, rule, status)"
	       " VALUES ('P1', 1, 600, 'tax_code', 'PARTIAL'), ('P1', 1, 400, 'tax_code', 'MATCHED')");
	ck_assert_int_eq(es_ledger_check(l, collect, &p, &n, &err), ES_OK);
	ck_assert_int_eq(n, 0);                 /* 600 + 400 = 1000 = payment = due */

	/* 600 + 400 + 1 = 1001 > 1000: allocated beyond the payment, and the
	 * position is paid beyond its due without an OVERPAID row. */
	sql(l, "INSERT INTO allocations(payment_id, position_id, amount, rule, status)"
	       " VALUES ('P1', 1, 1, 'tax_code', 'MATCHED')");
	ck_assert_int_eq(es_ledger_check(l, collect, &p, &n, &err), ES_OK);
	ck_assert_int_eq(n, 2);
	sql(l, "DELETE FROM allocations WHERE amount = 1");

	/* An act whose total is not the sum of its parts: 700 + 210 + 15 + 783 = 1708, not 1700. */
	sql(l, "INSERT INTO acts(act_id, act_type, tax_code, tax, year, tax_due, tax_paid, tax_unpaid,"
	       " sanction, interest, costs, total, issued_on)"
	       " VALUES ('A1', 'accertamento', 'X', 'IMU', 2021, 1000, 300, 700, 210, 15, 783, 1700, '2026-01-10')");
	ck_assert_int_eq(es_ledger_check(l, collect, &p, &n, &err), ES_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(p.last, "act-total"));
	sql(l, "UPDATE acts SET total = 1708");

	/* A notice number with a wrong check: 3010000000000123 mod 93 = 73, not 74. */
	sql(l, "INSERT INTO notices(notice_number, iuv, position_id, installment, amount, due_date)"
	       " VALUES ('301000000000012374', '01000000000012374', 1, 0, 1000, '2025-06-16')");
	ck_assert_int_eq(es_ledger_check(l, collect, &p, &n, &err), ES_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(p.last, "notice-number"));
	es_ledger_close(l);
}
END_TEST

/* All the reports of one check, "check: detail\n" each. */
struct transcript { char text[2048]; size_t len; };

static void
transcribe(void *ctx, const char *check, const char *detail)
{
	struct transcript *t = ctx;
	int n = snprintf(t->text + t->len, sizeof t->text - t->len, "%s: %s\n", check, detail);

	if (n > 0 && (size_t)n < sizeof t->text - t->len)
		t->len += (size_t)n;
}

static const char *
check_text(es_ledger *l, unsigned flags)
{
	static struct transcript t;
	uint64_t n;
	es_err err;

	t.len = 0;
	t.text[0] = '\0';
	ck_assert_msg(es_ledger_check_flags(l, flags, transcribe, &t, &n, &err) == ES_OK, "check: %s", err.msg);
	return t.text;
}

/* The screens over allocations (by payment, by position) clear a check only
 * when they prove it holds; each foreign key of allocations, and each odd
 * value the screens do not compare (a blob key, a text position), leads to
 * SQLite's own report.  Written with foreign keys off, as a damaged or
 * hand-edited ledger could be. */
START_TEST(check_screens)
{
	es_ledger *l = fresh();

	sql(l, "PRAGMA foreign_keys = OFF");
	sql(l, "INSERT INTO runs(run_id, tool, args, started_at, status) VALUES (1, 't', '', 'x', 'ok')");
	sql(l, "INSERT INTO positions(position_id, tax_code, tax, year, phase, amount_due)"
	       " VALUES (1, 'X', 'IMU', 2025, 'S1', 1000)");
	sql(l, "INSERT INTO payments(payment_id, source, source_ref, amount, run_id)"
	       " VALUES ('P1', 'F24', 'r', 1000, 1), ('P2', 'F24', 'r', 500, 1)");
	sql(l, "INSERT INTO allocations(allocation_id, payment_id, position_id, amount, rule, status, run_id)"
	       " VALUES (1, 'P1', 1, 1000, 'm', 'MATCHED', 1), (2, 'P2', NULL, 500, 'm', 'UNMATCHED', 1)");
	ck_assert_str_eq(check_text(l, 0), "");
	ck_assert_str_eq(check_text(l, ES_LEDGER_CHECK_FULL), "");

	/* Each foreign key of allocations alone. */
	sql(l, "UPDATE allocations SET payment_id = 'P3' WHERE allocation_id = 2");
	ck_assert_str_eq(check_text(l, 0), "foreign-key: allocations row 2 refers to a missing payments row\n");
	sql(l, "UPDATE allocations SET payment_id = 'P2', position_id = 2 WHERE allocation_id = 2");
	ck_assert_str_eq(check_text(l, 0), "foreign-key: allocations row 2 refers to a missing positions row\n");
	sql(l, "UPDATE allocations SET position_id = NULL, run_id = 2 WHERE allocation_id = 2");
	ck_assert_str_eq(check_text(l, 0), "foreign-key: allocations row 2 refers to a missing runs row\n");
	sql(l, "UPDATE allocations SET run_id = 1 WHERE allocation_id = 2");
	/* A foreign key of another table. */
	sql(l, "UPDATE payments SET run_id = 9 WHERE payment_id = 'P2'");
	ck_assert_str_eq(check_text(l, 0), "foreign-key: payments row 2 refers to a missing runs row\n");
	sql(l, "UPDATE payments SET run_id = 1");
	ck_assert_str_eq(check_text(l, 0), "");

	/* A blob key equals no text key: allocation 2 has no payment (and so
	 * nothing allocated to P2). */
	sql(l, "UPDATE allocations SET payment_id = CAST('P2' AS BLOB) WHERE allocation_id = 2");
	ck_assert_str_eq(check_text(l, 0), "foreign-key: allocations row 2 refers to a missing payments row\n");
	sql(l, "UPDATE allocations SET payment_id = 'P2' WHERE allocation_id = 2");
	/* A position key that is text, not a number, names no position. */
	sql(l, "UPDATE allocations SET position_id = 'one' WHERE allocation_id = 2");
	ck_assert_str_eq(check_text(l, 0), "foreign-key: allocations row 2 refers to a missing positions row\n");
	sql(l, "UPDATE allocations SET position_id = NULL WHERE allocation_id = 2");

	/* Position 1 (due 10.00) paid 10.00 + 2.00 of P2 = 12.00 without OVERPAID,
	 * then with an OVERPAID allocation of 0. */
	sql(l, "UPDATE allocations SET position_id = 1, amount = 200, status = 'PARTIAL' WHERE allocation_id = 2");
	ck_assert_str_eq(check_text(l, 0), "position-not-overpaid-silently: position 1 due 1000 cents is paid 1200"
	                                   " cents without an OVERPAID allocation\n");
	sql(l, "INSERT INTO allocations(allocation_id, payment_id, position_id, amount, rule, status, run_id)"
	       " VALUES (3, 'P2', 1, 0, 'm', 'OVERPAID', 1)");
	ck_assert_str_eq(check_text(l, 0), "");
	/* A negative payment (a reversal) may carry more than its amount, but
	 * not an allocation of the other sign: -5.00 with +2.00 and 0. */
	sql(l, "UPDATE payments SET amount = -500 WHERE payment_id = 'P2'");
	ck_assert_str_eq(check_text(l, 0), "allocation-amount-sign: allocation 2 has the opposite sign of payment P2\n");
	sql(l, "UPDATE payments SET amount = 500 WHERE payment_id = 'P2'");
	ck_assert_str_eq(check_text(l, ES_LEDGER_CHECK_FULL), "");

	/* Inside an open run the check sees the run's own writes (the
	 * structural check then runs on this connection), and leaves the run
	 * open: P1 of 10.00 allocated 10.00 + 0.01. */
	{
		char *argv[] = { "t" };
		es_err err;
		ck_assert_int_eq(es_ledger_run_begin(l, "t", 1, argv, &err), ES_OK);
		sql(l, "INSERT INTO allocations(allocation_id, payment_id, amount, rule, status)"
		       " VALUES (4, 'P1', 1, 'm', 'UNMATCHED')");
		ck_assert_str_eq(check_text(l, 0), "allocations-within-payment: payment P1 of 1000 cents has 1001"
		                                   " cents allocated\n");
		es_ledger_run_abort(l, "test");
		ck_assert_str_eq(check_text(l, 0), "");
	}
	es_ledger_close(l);
}
END_TEST

START_TEST(backup_and_export)
{
	char dest[160], exp[160], path[200];
	struct stat sb;
	es_ledger *l = fresh(), *b;
	es_err err;
	FILE *f;
	char line[512];

	sql(l, "INSERT INTO subjects(subject_id, kind, tax_code, surname) VALUES ('S1', 'P', 'X', 'D''Amico, Anna')");
	snprintf(dest, sizeof dest, "%s/b.db", dir);
	ck_assert_int_eq(es_ledger_backup(l, dest, &err), ES_OK);
	ck_assert_int_eq(stat(dest, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(es_ledger_backup(l, dest, &err), ES_ECONFIG);  /* never overwrite */
	b = es_ledger_open(dest, ES_LEDGER_READ, &err);
	ck_assert_msg(b != NULL, "%s", err.msg);
	ck_assert_int_eq(count(b, "SELECT count(*) FROM subjects WHERE surname = 'D''Amico, Anna'"), 1);
	es_ledger_close(b);

	snprintf(exp, sizeof exp, "%s/export", dir);
	ck_assert_int_eq(es_ledger_export(l, exp, &err), ES_OK);
	snprintf(path, sizeof path, "%s/subjects.csv", exp);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	ck_assert_str_eq(line, "subject_id,kind,tax_code,tax_code_valid,surname,name,sex,birth_date,birth_place,"
	                       "denomination,seat,address,pec,email,run_id\n");
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	ck_assert_str_eq(line, "S1,P,X,1,\"D'Amico, Anna\",,,,,,,,,,\n");
	fclose(f);
	snprintf(path, sizeof path, "%s/allocations.csv", exp);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	es_ledger_close(l);
}
END_TEST

Suite *
make_suite_ledger(void)
{
	Suite *s = suite_create("ledger");
	TCase *tc = tcase_create("ledger");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, create_private_and_current);
	tcase_add_test(tc, read_mode_needs_existing);
	tcase_add_test(tc, damaged_file_is_db_error);
	tcase_add_test(tc, other_sqlite_file_refused);
	tcase_add_test(tc, run_commit_and_abort);
	tcase_add_test(tc, inputs_and_idempotence);
	tcase_add_test(tc, sequences_persist);
	tcase_add_test(tc, check_invariants);
	tcase_add_test(tc, check_screens);
	tcase_add_test(tc, backup_and_export);
	suite_add_tcase(s, tc);
	return s;
}
