/* t_bind.c: the statement helpers shared by the ledger's modules (store/bind.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "unit.h"
#include "store/bind.h"
#include "store/ledger.h"

Suite *make_suite_bind(void);

static char dir[64];
static es_ledger *L;

static void
setup(void)
{
	char path[128];
	es_err err;

	snprintf(dir, sizeof dir, "/tmp/t_bind.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/l.db", dir);
	L = es_ledger_open(path, ES_LEDGER_CREATE, &err);
	ck_assert_msg(L != NULL, "open: %s", err.msg);
	ck_assert_int_eq(sqlite3_exec(es_ledger_db(L), "CREATE TABLE t(k INTEGER, s TEXT, n TEXT, d TEXT)", NULL, NULL,
	                              NULL), SQLITE_OK);
}

static void
teardown(void)
{
	char cmd[160];

	es_ledger_close(L);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The row of t with key k as "s|n|d", NULL shown as "NULL". */
static void
row_text(int64_t k, char *buf, size_t n)
{
	sqlite3_stmt *st;

	ck_assert_int_eq(sqlite3_prepare_v2(es_ledger_db(L), "SELECT IFNULL(s, 'NULL') || '|' || IFNULL(n, 'NULL')"
	                                    " || '|' || IFNULL(d, 'NULL') FROM t WHERE k = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, k);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	es_store_col_copy(st, 0, buf, n);
	sqlite3_finalize(st);
}

START_TEST(exec_binds_each_letter)
{
	const char *sql = "INSERT INTO t(k, s, n, d) VALUES (?, ?, ?, ?)";
	char buf[64];
	es_err err;

	/* 'i' int64, 't' text as is, 'T' NULL for "", 'd' ISO date */
	ck_assert_int_eq(es_store_exec(L, &err, sql, "inserting", "ittd", (int64_t)1, "a", "",
	                               (int)es_date_from_ymd(2025, 2, 28)), ES_OK);
	ck_assert_int_eq(es_store_exec(L, &err, sql, "inserting", "itTd", (int64_t)2, "b", "", (int)ES_DATE_NONE), ES_OK);
	ck_assert_int_eq(es_store_exec(L, &err, sql, "inserting", "itTd", (int64_t)3, "c", "x",
	                               (int)es_date_from_ymd(2024, 2, 29)), ES_OK);
	row_text(1, buf, sizeof buf);
	ck_assert_str_eq(buf, "a||2025-02-28");
	row_text(2, buf, sizeof buf);
	ck_assert_str_eq(buf, "b|NULL|NULL");
	row_text(3, buf, sizeof buf);
	ck_assert_str_eq(buf, "c|x|2024-02-29");
}
END_TEST

START_TEST(exec_failure_names_ledger_and_step)
{
	es_err err;

	/* a missing table fails when prepared */
	ck_assert_int_eq(es_store_exec(L, &err, "INSERT INTO nosuch VALUES (?)", "x", "i", (int64_t)1), ES_EDB);
	ck_assert_ptr_nonnull(strstr(err.msg, "/l.db: prepare: no such table: nosuch"));
	/* a second row with the same unique key fails when stepped: named by what */
	ck_assert_int_eq(sqlite3_exec(es_ledger_db(L), "CREATE UNIQUE INDEX tk ON t(k)", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(es_store_exec(L, &err, "INSERT INTO t(k) VALUES (?)", "the first", "i", (int64_t)5), ES_OK);
	ck_assert_int_eq(es_store_exec(L, &err, "INSERT INTO t(k) VALUES (?)", "the second", "i", (int64_t)5), ES_EDB);
	ck_assert_ptr_nonnull(strstr(err.msg, "/l.db: the second: UNIQUE constraint failed: t.k"));
}
END_TEST

START_TEST(query_text_row_and_none)
{
	char buf[8] = "keep";
	bool row;
	es_err err;

	ck_assert_int_eq(es_store_exec(L, &err, "INSERT INTO t(k, s) VALUES (?, ?)", "inserting", "it", (int64_t)7,
	                               "seventeen"), ES_OK);
	/* no row: buf untouched */
	ck_assert_int_eq(es_store_query_text(L, &err, &row, buf, sizeof buf, "SELECT s FROM t WHERE k = ?", "i",
	                                     (int64_t)8), ES_OK);
	ck_assert(!row);
	ck_assert_str_eq(buf, "keep");
	/* a row: the text, cut to the buffer (8 bytes: 7 characters) */
	ck_assert_int_eq(es_store_query_text(L, &err, &row, buf, sizeof buf, "SELECT s FROM t WHERE k = ?", "i",
	                                     (int64_t)7), ES_OK);
	ck_assert(row);
	ck_assert_str_eq(buf, "sevente");
	/* buf NULL: only whether there is a row */
	ck_assert_int_eq(es_store_query_text(L, &err, &row, NULL, 0, "SELECT s FROM t WHERE k = ?", "i", (int64_t)7),
	                 ES_OK);
	ck_assert(row);
}
END_TEST

START_TEST(col_date_iso_or_none)
{
	sqlite3_stmt *st;

	/* an ISO date; NULL and text that is no date both read as no date */
	ck_assert_int_eq(sqlite3_prepare_v2(es_ledger_db(L), "SELECT '2024-02-29', NULL, 'x'", -1, &st, NULL),
	                 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(es_store_col_date(st, 0), es_date_from_ymd(2024, 2, 29));
	ck_assert_int_eq(es_store_col_date(st, 1), ES_DATE_NONE);
	ck_assert_int_eq(es_store_col_date(st, 2), ES_DATE_NONE);
	sqlite3_finalize(st);
}
END_TEST

START_TEST(grow_doubles_from_first)
{
	int *v = NULL;
	size_t cap = 0;

	ck_assert(es_store_grow((void **)&v, &cap, 0, sizeof *v, 4));
	ck_assert_uint_eq(cap, 4);
	v[3] = 33;
	ck_assert(es_store_grow((void **)&v, &cap, 3, sizeof *v, 4));   /* room for element 3 already */
	ck_assert_uint_eq(cap, 4);
	ck_assert(es_store_grow((void **)&v, &cap, 4, sizeof *v, 4));   /* 4 -> 8, contents kept */
	ck_assert_uint_eq(cap, 8);
	ck_assert_int_eq(v[3], 33);
	free(v);
}
END_TEST

Suite *
make_suite_bind(void)
{
	Suite *s = suite_create("bind");
	TCase *tc = tcase_create("bind");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, exec_binds_each_letter);
	tcase_add_test(tc, exec_failure_names_ledger_and_step);
	tcase_add_test(tc, query_text_row_and_none);
	tcase_add_test(tc, col_date_iso_or_none);
	tcase_add_test(tc, grow_doubles_from_first);
	suite_add_tcase(s, tc);
	return s;
}
