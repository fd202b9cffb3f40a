/* ledger.c: opening, migrating, auditing and checking the SQLite ledger. */
#include "es_setup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include "store/ledger.h"
#include "domain/pseudonym.h"
#include "store/migrations.h"
#include "io/csv.h"
#include "io/stream.h"
#include "types/nav.h"

/* PRAGMA application_id of an esattore ledger: "ESAT". */
#define ES_LEDGER_APPLICATION_ID 0x45534154

struct es_ledger {
	sqlite3 *db;
	char *path;
	int64_t run_id;         /* 0 when no run is open */
	bool in_tx;
	char last_hash[65];
};

static es_rc
db_error(es_ledger *l, es_err *err, const char *what)
{
	return es_err_set(err, ES_EDB, "%s: %s: %s", l->path, what, sqlite3_errmsg(l->db));
}

static es_rc
exec(es_ledger *l, const char *sql, es_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(l->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		es_err_set(err, ES_EDB, "%s: %s", l->path, msg ? msg : sqlite3_errmsg(l->db));
		sqlite3_free(msg);
		return ES_EDB;
	}
	return ES_OK;
}

/* A single integer from a query with no parameters. */
static es_rc
query_int(es_ledger *l, const char *sql, int64_t *out, es_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(l, err, sql);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(l, err, sql);
	return ES_OK;
}

/* Create path with mode 0600 if it does not exist. */
static es_rc
create_private(const char *path, es_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0) {
		if (errno == EEXIST)
			return ES_OK;
		return es_err_errno(err, ES_EIO, "%s: cannot create", path);
	}
	close(fd);
	return ES_OK;
}

int
es_ledger_current_version(void)
{
	return es_migrations_count();
}

es_ledger *
es_ledger_open(const char *path, es_ledger_mode mode, es_err *err)
{
	es_ledger *l;
	struct stat sb;
	int64_t appid = 0, version = 0;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	if (path == NULL || *path == '\0')
		path = getenv("ESATTORE_DB");
	if (path == NULL || *path == '\0') {
		es_err_set(err, ES_ECONFIG, "no ledger: give --db FILE or set ESATTORE_DB");
		return NULL;
	}
	if (stat(path, &sb) != 0) {
		if (mode != ES_LEDGER_CREATE) {
			es_err_errno(err, ES_ECONFIG, "%s: cannot open ledger (create it with 'esattore-db init')", path);
			return NULL;
		}
		if (create_private(path, err) != ES_OK)
			return NULL;
	} else if (!S_ISREG(sb.st_mode)) {
		es_err_set(err, ES_ECONFIG, "%s: not a regular file", path);
		return NULL;
	}
	l = calloc(1, sizeof *l);
	if (l == NULL || (l->path = strdup(path)) == NULL) {
		free(l);
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &l->db, flags, NULL) != SQLITE_OK) {
		db_error(l, err, "cannot open");
		goto fail;
	}
	sqlite3_extended_result_codes(l->db, 1);
	sqlite3_busy_timeout(l->db, 10000);
	/* Reading the header is the first access: a file that is not a
	 * database fails here with SQLite's own message. */
	if (query_int(l, "PRAGMA application_id", &appid, NULL) != ES_OK ||
	    query_int(l, "PRAGMA user_version", &version, NULL) != ES_OK) {
		es_err_set(err, ES_EDB, "%s: cannot read the ledger: %s", path, sqlite3_errmsg(l->db));
		goto fail;
	}
	if (version != 0 && appid != ES_LEDGER_APPLICATION_ID) {
		es_err_set(err, ES_ECONFIG, "%s: not an esattore ledger (application_id %lld)", path, (long long)appid);
		goto fail;
	}
	if (version == 0 && mode == ES_LEDGER_READ) {
		es_err_set(err, ES_ECONFIG, "%s: empty ledger: run 'esattore-db init'", path);
		goto fail;
	}
	if (version > es_migrations_count()) {
		es_err_set(err, ES_ECONFIG, "%s: ledger schema version %lld is newer than this esattore (%d)",
		           path, (long long)version, es_migrations_count());
		goto fail;
	}
	if (exec(l, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", err) != ES_OK)
		goto fail;
	if (version < es_migrations_count()) {
		if (mode == ES_LEDGER_READ) {
			es_err_set(err, ES_ECONFIG, "%s: ledger schema version %lld is older than %d: run 'esattore-db migrate'",
			           path, (long long)version, es_migrations_count());
			goto fail;
		}
		if (es_ledger_migrate(l, NULL, NULL, err) != ES_OK)
			goto fail;
	}
	return l;
fail:
	es_ledger_close(l);
	return NULL;
}

void
es_ledger_close(es_ledger *l)
{
	if (l == NULL)
		return;
	if (l->run_id != 0)
		es_ledger_run_abort(l, "closed without commit");
	sqlite3_close_v2(l->db);
	free(l->path);
	free(l);
}

const char *
es_ledger_path(const es_ledger *l)
{
	return l->path;
}

struct sqlite3 *
es_ledger_db(es_ledger *l)
{
	return l->db;
}

int
es_ledger_schema_version(es_ledger *l)
{
	int64_t v = -1;

	if (query_int(l, "PRAGMA user_version", &v, NULL) != ES_OK)
		return -1;
	return (int)v;
}

es_rc
es_ledger_migrate(es_ledger *l, int *from, int *to, es_err *err)
{
	int64_t v;
	int k;
	char sql[128];

	if (exec(l, "BEGIN IMMEDIATE", err) != ES_OK)
		return ES_EDB;
	if (query_int(l, "PRAGMA user_version", &v, err) != ES_OK)
		goto fail;
	if (from != NULL)
		*from = (int)v;
	for (k = (int)v + 1; k <= es_migrations_count(); k++) {
		if (exec(l, es_migration_sql(k), err) != ES_OK) {
			es_err_prefix(err, "migration %d", k);
			goto fail;
		}
	}
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
	         ES_LEDGER_APPLICATION_ID, es_migrations_count());
	if (exec(l, sql, err) != ES_OK || exec(l, "COMMIT", err) != ES_OK)
		goto fail;
	if (to != NULL)
		*to = es_migrations_count();
	return ES_OK;
fail:
	sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
	return ES_EDB;
}

static void
now_iso(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The command line as one string, each argument shell-quoted when needed. */
static char *
join_args(int argc, char *const *argv)
{
	GString *s = g_string_new(NULL);
	int i;

	for (i = 0; i < argc; i++) {
		if (i > 0)
			g_string_append_c(s, ' ');
		if (argv[i][0] != '\0' && strpbrk(argv[i], " \t\n'\"\\$`*?") == NULL) {
			g_string_append(s, argv[i]);
		} else {
			char *q = g_shell_quote(argv[i]);
			g_string_append(s, q);
			g_free(q);
		}
	}
	return g_string_free(s, FALSE);
}

es_rc
es_ledger_run_begin(es_ledger *l, const char *tool, int argc, char *const *argv, es_err *err)
{
	sqlite3_stmt *st;
	char ts[32];
	char *args;
	int rc;

	if (l->run_id != 0)
		return es_err_set(err, ES_EINTERNAL, "a run is already open on %s", l->path);
	now_iso(ts, sizeof ts);
	args = join_args(argc, argv);
	if (sqlite3_prepare_v2(l->db, "INSERT INTO runs(tool, args, started_at) VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK) {
		g_free(args);
		return db_error(l, err, "recording the run");
	}
	sqlite3_bind_text(st, 1, tool, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, args, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, ts, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	g_free(args);
	if (rc != SQLITE_DONE)
		return db_error(l, err, "recording the run");
	l->run_id = sqlite3_last_insert_rowid(l->db);
	if (exec(l, "BEGIN IMMEDIATE", err) != ES_OK) {
		es_ledger_run_abort(l, err ? err->msg : "cannot begin");
		return ES_EDB;
	}
	l->in_tx = true;
	return ES_OK;
}

int64_t
es_ledger_run_id(const es_ledger *l)
{
	return l->run_id;
}

const char *
es_ledger_last_input_hash(const es_ledger *l)
{
	return l->last_hash;
}

#define HASH_BUFSZ (1u << 16)

/* SHA-256 of a file, streamed (libcrypto: a city's supplies are
 * gigabytes, and its SHA-NI code is about four times GChecksum's). */
static es_rc
hash_file(const char *path, char hex[65], int64_t *size, es_err *err)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	EVP_MD_CTX *ck;
	unsigned char *buf;
	ssize_t n = 0;
	es_rc rc = ES_OK;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return es_err_errno(err, ES_EIO, "%s", path);
	buf = malloc(HASH_BUFSZ);
	ck = EVP_MD_CTX_new();
	if (buf == NULL || ck == NULL || EVP_DigestInit_ex(ck, EVP_sha256(), NULL) != 1) {
		rc = es_err_set(err, ES_ENOMEM, "%s: cannot start SHA-256", path);
		goto done;
	}
	*size = 0;
	while ((n = read(fd, buf, HASH_BUFSZ)) > 0) {
		if (EVP_DigestUpdate(ck, buf, (size_t)n) != 1) {
			rc = es_err_set(err, ES_EINTERNAL, "%s: SHA-256 failed", path);
			goto done;
		}
		*size += n;
	}
	if (n < 0) {
		rc = es_err_errno(err, ES_EIO, "%s: read error", path);
		goto done;
	}
	if (EVP_DigestFinal_ex(ck, md, &mdlen) != 1 || mdlen != 32) {
		rc = es_err_set(err, ES_EINTERNAL, "%s: SHA-256 failed", path);
		goto done;
	}
	for (i = 0; i < mdlen; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
done:
	EVP_MD_CTX_free(ck);
	free(buf);
	close(fd);
	return rc;
}

es_rc
es_ledger_run_input(es_ledger *l, const char *path, es_err *err)
{
	sqlite3_stmt *st;
	int64_t size = 0;
	int rc;

	if (l->run_id == 0)
		return es_err_set(err, ES_EINTERNAL, "es_ledger_run_input outside a run");
	l->last_hash[0] = '\0';
	if (strcmp(path, "-") != 0 && hash_file(path, l->last_hash, &size, err) != ES_OK)
		return ES_EIO;
	if (sqlite3_prepare_v2(l->db, "INSERT INTO run_inputs(run_id, name, size, sha256) VALUES (?, ?, ?, ?)",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_error(l, err, "recording an input");
	sqlite3_bind_int64(st, 1, l->run_id);
	sqlite3_bind_text(st, 2, strcmp(path, "-") == 0 ? "<stdin>" : path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, size);
	sqlite3_bind_text(st, 4, l->last_hash, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(l, err, "recording an input");
	return ES_OK;
}

es_rc
es_ledger_input_seen(es_ledger *l, const char *tool, const char *sha256_hex, bool *seen, es_err *err)
{
	sqlite3_stmt *st;
	int rc;

	*seen = false;
	if (sha256_hex == NULL || sha256_hex[0] == '\0')
		return ES_OK;
	if (sqlite3_prepare_v2(l->db,
	    "SELECT 1 FROM run_inputs i JOIN runs r ON r.run_id = i.run_id"
	    " WHERE r.tool = ? AND i.sha256 = ? AND r.status IN ('ok', 'rejects') LIMIT 1",
	    -1, &st, NULL) != SQLITE_OK)
		return db_error(l, err, "looking up an input");
	sqlite3_bind_text(st, 1, tool, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, sha256_hex, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		*seen = true;
	else if (rc != SQLITE_DONE)
		return db_error(l, err, "looking up an input");
	return ES_OK;
}

static void
finish_run(es_ledger *l, const char *status, const uint64_t *counts, const char *message)
{
	sqlite3_stmt *st;
	char ts[32];

	now_iso(ts, sizeof ts);
	if (sqlite3_prepare_v2(l->db,
	    "UPDATE runs SET ended_at = ?, status = ?, rows_read = ?, rows_written = ?, rows_rejected = ?,"
	    " message = ? WHERE run_id = ?", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, ts, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	if (counts != NULL) {
		sqlite3_bind_int64(st, 3, (sqlite3_int64)counts[0]);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)counts[1]);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)counts[2]);
	}
	if (message != NULL)
		sqlite3_bind_text(st, 6, message, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, l->run_id);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

es_rc
es_ledger_run_commit(es_ledger *l, uint64_t read, uint64_t written, uint64_t rejected, es_err *err)
{
	uint64_t counts[3] = { read, written, rejected };

	if (l->run_id == 0 || !l->in_tx)
		return es_err_set(err, ES_EINTERNAL, "es_ledger_run_commit without a run");
	finish_run(l, rejected ? "rejects" : "ok", counts, NULL);
	if (exec(l, "COMMIT", err) != ES_OK) {
		es_ledger_run_abort(l, err ? err->msg : "commit failed");
		return ES_EDB;
	}
	l->in_tx = false;
	l->run_id = 0;
	return ES_OK;
}

void
es_ledger_run_abort(es_ledger *l, const char *reason)
{
	if (l->run_id == 0)
		return;
	if (l->in_tx)
		sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
	l->in_tx = false;
	finish_run(l, "failed", NULL, reason);
	l->run_id = 0;
}

es_rc
es_ledger_next_seq(es_ledger *l, const char *name, int64_t *out, es_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(l->db,
	    "INSERT INTO sequences(name, value) VALUES (?, 1)"
	    " ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value", -1, &st, NULL) != SQLITE_OK)
		return db_error(l, err, "sequence");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(l, err, "sequence");
	return ES_OK;
}

/* --- check --------------------------------------------------------------- */

/* Each invariant is a query returning (key, detail) rows that violate it.
 * These queries are the definition of the invariants and produce the
 * report; the ones over allocations are costly at the scale of a city, so
 * check first screens them in two ordered passes (screen_by_payment,
 * screen_by_position) and runs a query only when its screen flags it. */
enum {
	INV_ALLOC_WITHIN_PAYMENT,
	INV_POSITION_OVERPAID,
	INV_ACT_TOTAL,
	INV_ACT_TAX_SPLIT,
	INV_ALLOC_SIGN,
	INV_RUN_COUNTS,
	INV_COUNT
};

static const struct invariant {
	const char *name;
	const char *sql;
} invariants[INV_COUNT] = {
	[INV_ALLOC_WITHIN_PAYMENT] = { "allocations-within-payment",
	  "SELECT p.payment_id, 'payment ' || p.payment_id || ' of ' || p.amount || ' cents has '"
	  " || SUM(a.amount) || ' cents allocated'"
	  " FROM payments p JOIN allocations a ON a.payment_id = p.payment_id"
	  " WHERE p.amount >= 0 GROUP BY p.payment_id HAVING SUM(a.amount) > p.amount" },
	[INV_POSITION_OVERPAID] = { "position-not-overpaid-silently",
	  "SELECT q.position_id, 'position ' || q.position_id || ' due ' || q.amount_due || ' cents is paid '"
	  " || SUM(a.amount) || ' cents without an OVERPAID allocation'"
	  " FROM positions q JOIN allocations a ON a.position_id = q.position_id"
	  " WHERE a.status IN ('MATCHED', 'PARTIAL') GROUP BY q.position_id"
	  " HAVING SUM(a.amount) > q.amount_due AND NOT EXISTS (SELECT 1 FROM allocations o"
	  " WHERE o.position_id = q.position_id AND o.status = 'OVERPAID')" },
	[INV_ACT_TOTAL] = { "act-total",
	  "SELECT act_id, 'act ' || act_id || ' total ' || total || ' differs from its components '"
	  " || (tax_unpaid + sanction + interest + costs + collection_charges)"
	  " FROM acts WHERE total <> tax_unpaid + sanction + interest + costs + collection_charges" },
	[INV_ACT_TAX_SPLIT] = { "act-tax-split",
	  "SELECT act_id, 'act ' || act_id || ': tax_due ' || tax_due || ' <> tax_paid ' || tax_paid"
	  " || ' + tax_unpaid ' || tax_unpaid FROM acts WHERE tax_due <> tax_paid + tax_unpaid" },
	[INV_ALLOC_SIGN] = { "allocation-amount-sign",
	  "SELECT a.allocation_id, 'allocation ' || a.allocation_id || ' has the opposite sign of payment '"
	  " || a.payment_id FROM allocations a JOIN payments p ON p.payment_id = a.payment_id"
	  " WHERE (a.amount < 0) <> (p.amount < 0) AND a.amount <> 0" },
	[INV_RUN_COUNTS] = { "run-counts",
	  "SELECT run_id, 'run ' || run_id || ' (' || tool || '): read ' || rows_read || ' <> written '"
	  " || rows_written || ' + rejected ' || rows_rejected FROM runs"
	  " WHERE status IN ('ok', 'rejects') AND rows_read IS NOT NULL"
	  " AND rows_read <> rows_written + rows_rejected" },
};

/* What the screens found: a flag set means "may be violated, run the exact
 * check"; a flag clear means the screen proved the check passes. */
typedef struct screen {
	bool inv[INV_COUNT];
	bool fk;                /* some foreign key may be violated */
} screen;

/* The text of column i when it is TEXT, else NULL (NULL, numbers and blobs
 * order and compare differently: the screens leave such rows to the
 * exact checks). */
static const char *
col_text(sqlite3_stmt *st, int i, int *len)
{
	if (sqlite3_column_type(st, i) != SQLITE_TEXT)
		return NULL;
	*len = sqlite3_column_bytes(st, i);
	return (const char *)sqlite3_column_text(st, i);
}

/* SQLite's BINARY collation: memcmp, then the shorter first. */
static int
binary_cmp(const char *a, int alen, const char *b, int blen)
{
	int c = memcmp(a, b, (size_t)(alen < blen ? alen : blen));

	return c != 0 ? c : (alen > blen) - (alen < blen);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The run ids, sorted, to look up allocations.run_id. */
static es_rc
load_run_ids(es_ledger *l, GArray *ids, bool *odd, es_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(l->db, "SELECT run_id FROM runs", -1, &st, NULL) != SQLITE_OK)
		return db_error(l, err, "check: runs");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t v = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 0) != SQLITE_INTEGER)
			*odd = true;
		g_array_append_val(ids, v);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(l, err, "check: runs");
	g_array_sort(ids, cmp_i64);
	return ES_OK;
}

/* allocations' foreign keys are screened by the two passes only when they
 * are the three these know; otherwise SQLite checks them. */
static es_rc
allocation_fks_known(es_ledger *l, bool *known, es_err *err)
{
	static const char *const expect[][3] = {
		{ "payments", "payment_id", "payment_id" },
		{ "positions", "position_id", "position_id" },
		{ "runs", "run_id", "run_id" },
	};
	bool seen[ES_ARRAY_LEN(expect)] = { false };
	sqlite3_stmt *st;
	size_t i;
	int rc, n = 0;

	*known = true;
	if (sqlite3_prepare_v2(l->db, "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('allocations')",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_error(l, err, "check: foreign keys of allocations");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		const char *f = (const char *)sqlite3_column_text(st, 1);
		const char *to = (const char *)sqlite3_column_text(st, 2);
		bool match = false;
		n++;
		for (i = 0; i < ES_ARRAY_LEN(expect); i++)
			if (t && f && to && strcmp(t, expect[i][0]) == 0 && strcmp(f, expect[i][1]) == 0 &&
			    strcmp(to, expect[i][2]) == 0 && !seen[i])
				seen[i] = match = true;
		if (!match)
			*known = false;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(l, err, "check: foreign keys of allocations");
	if (n != (int)ES_ARRAY_LEN(expect))
		*known = false;
	return ES_OK;
}

/* Pass 1: allocations and payments, both in payment_id order, merged.
 * Screens allocations-within-payment, allocation-amount-sign and the
 * foreign keys allocations.payment_id and allocations.run_id. */
static es_rc
screen_by_payment(es_ledger *l, const GArray *run_ids, screen *sc, es_err *err)
{
	sqlite3_stmt *pa = NULL, *al = NULL;
	GString *pid = g_string_sized_new(64), *gid = g_string_sized_new(64);
	bool have_pay = false, pay_done = false, in_group = false, group_paid = false, odd = false;
	int64_t pay_amount = 0, sum = 0;
	int rc = SQLITE_DONE, prc;
	es_rc erc = ES_OK;

	if (sqlite3_prepare_v2(l->db, "SELECT payment_id, amount FROM payments ORDER BY payment_id",
	                       -1, &pa, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(l->db, "SELECT payment_id, amount, run_id FROM allocations ORDER BY payment_id",
	                       -1, &al, NULL) != SQLITE_OK) {
		erc = db_error(l, err, "check: allocations by payment");
		goto out;
	}
	while (!odd && (rc = sqlite3_step(al)) == SQLITE_ROW) {
		int alen, plen;
		const char *aid = col_text(al, 0, &alen);
		int64_t amount = sqlite3_column_int64(al, 1);

		if (aid == NULL || sqlite3_column_type(al, 1) != SQLITE_INTEGER) {
			odd = true;
			break;
		}
		if (sqlite3_column_type(al, 2) != SQLITE_NULL) {
			int64_t run = sqlite3_column_int64(al, 2);
			if (sqlite3_column_type(al, 2) != SQLITE_INTEGER || run_ids->len == 0 ||
			    bsearch(&run, run_ids->data, run_ids->len, sizeof run, cmp_i64) == NULL)
				sc->fk = true;
		}
		if (!in_group || binary_cmp(aid, alen, gid->str, (int)gid->len) != 0) {
			/* A new payment: close the previous group. */
			if (in_group && group_paid && pay_amount >= 0 && sum > pay_amount)
				sc->inv[INV_ALLOC_WITHIN_PAYMENT] = true;
			g_string_append_len(g_string_truncate(gid, 0), aid, alen);
			in_group = true;
			sum = 0;
			/* Advance payments to the first payment_id >= aid. */
			for (;;) {
				int c;
				if (!have_pay) {
					if (pay_done)
						break;
					prc = sqlite3_step(pa);
					if (prc == SQLITE_DONE) {
						pay_done = true;
						break;
					}
					if (prc != SQLITE_ROW) {
						erc = db_error(l, err, "check: payments by id");
						goto out;
					}
					{
						const char *p = col_text(pa, 0, &plen);
						if (p == NULL || sqlite3_column_type(pa, 1) != SQLITE_INTEGER ||
						    (pid->len > 0 && binary_cmp(p, plen, pid->str, (int)pid->len) <= 0)) {
							odd = true;  /* not text, or not strictly increasing */
							break;
						}
						g_string_append_len(g_string_truncate(pid, 0), p, plen);
						pay_amount = sqlite3_column_int64(pa, 1);
						have_pay = true;
					}
				}
				c = binary_cmp(pid->str, (int)pid->len, aid, alen);
				if (c >= 0)
					break;
				have_pay = false;
			}
			if (odd)
				break;
			group_paid = have_pay && binary_cmp(pid->str, (int)pid->len, aid, alen) == 0;
			if (!group_paid)
				sc->fk = true;  /* no such payment */
		}
		if (group_paid) {
			if (__builtin_add_overflow(sum, amount, &sum))
				odd = true;
			if (amount != 0 && (amount < 0) != (pay_amount < 0))
				sc->inv[INV_ALLOC_SIGN] = true;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		erc = db_error(l, err, "check: allocations by payment");
		goto out;
	}
	if (in_group && group_paid && pay_amount >= 0 && sum > pay_amount)
		sc->inv[INV_ALLOC_WITHIN_PAYMENT] = true;
	if (odd)
		sc->fk = sc->inv[INV_ALLOC_WITHIN_PAYMENT] = sc->inv[INV_ALLOC_SIGN] = true;
out:
	sqlite3_finalize(pa);
	sqlite3_finalize(al);
	g_string_free(pid, TRUE);
	g_string_free(gid, TRUE);
	return erc;
}

/* Pass 2: allocations and positions, both in position_id order, merged.
 * Screens position-not-overpaid-silently and the foreign key
 * allocations.position_id. */
static es_rc
screen_by_position(es_ledger *l, screen *sc, es_err *err)
{
	sqlite3_stmt *po = NULL, *al = NULL;
	bool have_pos = false, pos_done = false, in_group = false, odd = false;
	bool group_found = false, overpaid = false;
	int64_t pos_id = 0, due = 0, gid = 0, sum = 0, nsum = 0;
	int rc = SQLITE_DONE, prc;
	es_rc erc = ES_OK;

	if (sqlite3_prepare_v2(l->db, "SELECT position_id, amount_due FROM positions ORDER BY position_id",
	                       -1, &po, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(l->db, "SELECT position_id, amount, status FROM allocations"
	                       " WHERE position_id IS NOT NULL ORDER BY position_id", -1, &al, NULL) != SQLITE_OK) {
		erc = db_error(l, err, "check: allocations by position");
		goto out;
	}
#define CLOSE_GROUP() do { \
		if (in_group && group_found && nsum > 0 && sum > due && !overpaid) \
			sc->inv[INV_POSITION_OVERPAID] = true; \
	} while (0)
	while ((rc = sqlite3_step(al)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(al, 0), amount = sqlite3_column_int64(al, 1);
		const char *status = NULL;
		int slen = 0;

		if (sqlite3_column_type(al, 0) != SQLITE_INTEGER || sqlite3_column_type(al, 1) != SQLITE_INTEGER ||
		    (in_group && id < gid)) {
			odd = true;
			break;
		}
		status = col_text(al, 2, &slen);
		if (!in_group || id != gid) {
			CLOSE_GROUP();
			in_group = true;
			gid = id;
			sum = nsum = 0;
			overpaid = false;
			while (!(have_pos && pos_id >= id) && !pos_done) {
				prc = sqlite3_step(po);
				if (prc == SQLITE_DONE) {
					pos_done = true;
					have_pos = false;
					break;
				}
				if (prc != SQLITE_ROW) {
					erc = db_error(l, err, "check: positions by id");
					goto out;
				}
				if (sqlite3_column_type(po, 0) != SQLITE_INTEGER || sqlite3_column_type(po, 1) != SQLITE_INTEGER) {
					odd = true;
					break;
				}
				pos_id = sqlite3_column_int64(po, 0);
				due = sqlite3_column_int64(po, 1);
				have_pos = true;
			}
			if (odd)
				break;
			group_found = have_pos && pos_id == id;
			if (!group_found)
				sc->fk = true;  /* no such position */
		}
		if (!group_found || status == NULL)
			continue;
		if (strcmp(status, "OVERPAID") == 0) {
			overpaid = true;
		} else if (strcmp(status, "MATCHED") == 0 || strcmp(status, "PARTIAL") == 0) {
			nsum++;
			if (__builtin_add_overflow(sum, amount, &sum)) {
				odd = true;
				break;
			}
		}
	}
	if (!odd && rc != SQLITE_ROW && rc != SQLITE_DONE) {
		erc = db_error(l, err, "check: allocations by position");
		goto out;
	}
	if (!odd)
		CLOSE_GROUP();
#undef CLOSE_GROUP
	if (odd)
		sc->fk = sc->inv[INV_POSITION_OVERPAID] = true;
out:
	sqlite3_finalize(po);
	sqlite3_finalize(al);
	return erc;
}

/* Foreign keys of every table but allocations (screened by the passes when
 * allocations_fks_known), one table at a time, stopping at the first
 * violation. */
static es_rc
screen_foreign_keys(es_ledger *l, bool skip_allocations, screen *sc, es_err *err)
{
	sqlite3_stmt *tables, *fk = NULL;
	int rc;
	es_rc erc = ES_OK;

	if (sqlite3_prepare_v2(l->db, "SELECT name FROM sqlite_master WHERE type = 'table'"
	                       " AND EXISTS (SELECT 1 FROM pragma_foreign_key_list(name))", -1, &tables, NULL) != SQLITE_OK)
		return db_error(l, err, "check: foreign keys");
	if (sqlite3_prepare_v2(l->db, "SELECT 1 FROM pragma_foreign_key_check(?1) LIMIT 1", -1, &fk, NULL) != SQLITE_OK) {
		sqlite3_finalize(tables);
		return db_error(l, err, "check: foreign keys");
	}
	while (!sc->fk && (rc = sqlite3_step(tables)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		if (name == NULL || (skip_allocations && strcmp(name, "allocations") == 0))
			continue;
		sqlite3_bind_text(fk, 1, name, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(fk);
		sqlite3_reset(fk);
		if (rc == SQLITE_ROW)
			sc->fk = true;
		else if (rc != SQLITE_DONE)
			break;
	}
	if (!sc->fk && rc != SQLITE_DONE)
		erc = db_error(l, err, "check: foreign keys");
	sqlite3_finalize(fk);
	sqlite3_finalize(tables);
	return erc;
}

static es_rc
screen_all(es_ledger *l, screen *sc, es_err *err)
{
	GArray *run_ids = g_array_new(FALSE, FALSE, sizeof(int64_t));
	bool known = false, odd_runs = false;
	size_t i;
	es_rc rc;

	for (i = 0; i < INV_COUNT; i++)
		sc->inv[i] = true;
	sc->fk = false;
	if ((rc = allocation_fks_known(l, &known, err)) != ES_OK ||
	    (rc = load_run_ids(l, run_ids, &odd_runs, err)) != ES_OK)
		goto out;
	sc->inv[INV_ALLOC_WITHIN_PAYMENT] = sc->inv[INV_ALLOC_SIGN] = sc->inv[INV_POSITION_OVERPAID] = false;
	if ((rc = screen_by_payment(l, run_ids, sc, err)) != ES_OK ||
	    (rc = screen_by_position(l, sc, err)) != ES_OK)
		goto out;
	if (odd_runs)
		sc->fk = true;
	rc = screen_foreign_keys(l, known, sc, err);
out:
	g_array_free(run_ids, TRUE);
	return rc;
}

/* --- the structural check, on its own connection in a second thread ---- */

typedef struct structural_job {
	const char *path;
	const char *pragma;     /* "PRAGMA quick_check" or "PRAGMA integrity_check" */
	GPtrArray *msgs;        /* its problems (owned strings) */
	es_rc rc;
	es_err err;
} structural_job;

static es_rc
structural_check(sqlite3 *db, structural_job *j)
{
	const char *what = j->pragma + strlen("PRAGMA ");
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, j->pragma, -1, &st, NULL) != SQLITE_OK)
		return es_err_set(&j->err, ES_EDB, "%s: %s: %s", j->path, what, sqlite3_errmsg(db));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);
		if (msg != NULL && strcmp(msg, "ok") != 0)
			g_ptr_array_add(j->msgs, g_strdup(msg));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return es_err_set(&j->err, ES_EDB, "%s: %s: %s", j->path, what, sqlite3_errmsg(db));
	return ES_OK;
}

static gpointer
structural_thread(gpointer data)
{
	structural_job *j = data;
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(j->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		j->rc = es_err_set(&j->err, ES_EDB, "%s: cannot open: %s", j->path,
		                   db != NULL ? sqlite3_errmsg(db) : "out of memory");
	} else {
		sqlite3_extended_result_codes(db, 1);
		sqlite3_busy_timeout(db, 10000);
		j->rc = structural_check(db, j);
	}
	sqlite3_close(db);
	return NULL;
}

/* --- the report: what the screens did not clear ------------------------- */

static es_rc
check_report(es_ledger *l, const screen *sc, es_ledger_report_fn report, void *ctx, uint64_t *problems,
             es_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	/* 2. Foreign keys: when a screen saw a possible violation, SQLite's own
	 * check of every table reports them. */
	if (sc->fk) {
		if (sqlite3_prepare_v2(l->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
			return db_error(l, err, "foreign_key_check");
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			char *msg = g_strdup_printf("%s row %lld refers to a missing %s row",
			                            (const char *)sqlite3_column_text(st, 0),
			                            (long long)sqlite3_column_int64(st, 1),
			                            (const char *)sqlite3_column_text(st, 2));
			report(ctx, "foreign-key", msg);
			g_free(msg);
			(*problems)++;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_error(l, err, "foreign_key_check");
	}

	/* 3. The ledger's own invariants, those the screens did not clear. */
	for (i = 0; i < INV_COUNT; i++) {
		if (!sc->inv[i])
			continue;
		if (sqlite3_prepare_v2(l->db, invariants[i].sql, -1, &st, NULL) != SQLITE_OK)
			return db_error(l, err, invariants[i].name);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			report(ctx, invariants[i].name, (const char *)sqlite3_column_text(st, 1));
			(*problems)++;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_error(l, err, invariants[i].name);
	}

	/* 4. Every notice number carries valid check digits. */
	if (sqlite3_prepare_v2(l->db, "SELECT notice_number FROM notices", -1, &st, NULL) != SQLITE_OK)
		return db_error(l, err, "notices");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *nav = (const char *)sqlite3_column_text(st, 0);
		es_err e;
		if (es_nav_validate(nav ? nav : "", &e) != ES_OK) {
			report(ctx, "notice-number", e.msg);
			(*problems)++;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(l, err, "notices");
	return ES_OK;
}

es_rc
es_ledger_check(es_ledger *l, es_ledger_report_fn report, void *ctx, uint64_t *problems, es_err *err)
{
	return es_ledger_check_flags(l, 0, report, ctx, problems, err);
}

/* 1. SQLite's structural check: quick_check verifies every page, record and
 * NOT NULL and CHECK constraint; integrity_check (ES_LEDGER_CHECK_FULL)
 * also that every index holds exactly its table's rows.  It reads the whole
 * file, so it runs on a second connection in a thread of its own while this
 * one screens the invariants (a second core halves the time); it runs
 * first, on this connection, when SQLite is built without threads or a
 * transaction is open here (the other connection would not see it).  Its
 * problems are reported first in either case. */
es_rc
es_ledger_check_flags(es_ledger *l, unsigned flags, es_ledger_report_fn report, void *ctx, uint64_t *problems,
                      es_err *err)
{
	structural_job job = { .path = l->path, .rc = ES_OK };
	GThread *thread = NULL;
	es_err serr = { ES_OK, "" };
	es_rc rc, src;
	bool savepoint = false;
	screen sc = { .fk = false };
	guint i;

	*problems = 0;
	job.pragma = flags & ES_LEDGER_CHECK_FULL ? "PRAGMA integrity_check" : "PRAGMA quick_check";
	job.msgs = g_ptr_array_new_with_free_func(g_free);
	if (sqlite3_threadsafe() && sqlite3_get_autocommit(l->db))
		thread = g_thread_try_new("esattore-check", structural_thread, &job, NULL);
	if (thread == NULL && (job.rc = structural_check(l->db, &job)) != ES_OK) {
		rc = es_err_set(err, job.rc, "%s", job.err.msg);
		goto out;
	}
	/* One read transaction: every screen and query sees the same ledger. */
	if ((src = exec(l, "SAVEPOINT es_check", &serr)) == ES_OK) {
		savepoint = true;
		src = screen_all(l, &sc, &serr);
	}
	if (thread != NULL)
		g_thread_join(thread);
	if (job.rc != ES_OK) {
		rc = es_err_set(err, job.rc, "%s", job.err.msg);
		goto release;
	}
	for (i = 0; i < job.msgs->len; i++) {
		report(ctx, "integrity", g_ptr_array_index(job.msgs, i));
		(*problems)++;
	}
	if (src != ES_OK) {
		rc = es_err_set(err, src, "%s", serr.msg);
		goto release;
	}
	rc = check_report(l, &sc, report, ctx, problems, err);
release:
	if (savepoint && exec(l, "RELEASE es_check", rc == ES_OK ? err : NULL) != ES_OK && rc == ES_OK)
		rc = ES_EDB;
out:
	g_ptr_array_free(job.msgs, TRUE);
	return rc;
}

es_rc
es_ledger_backup(es_ledger *l, const char *dest, es_err *err)
{
	sqlite3 *to = NULL;
	sqlite3_backup *b;
	int rc;

	if (access(dest, F_OK) == 0)
		return es_err_set(err, ES_ECONFIG, "%s: exists; not overwriting a backup", dest);
	if (create_private(dest, err) != ES_OK)
		return ES_EIO;
	if (sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		es_err_set(err, ES_EIO, "%s: %s", dest, sqlite3_errmsg(to));
		sqlite3_close(to);
		unlink(dest);
		return ES_EIO;
	}
	b = sqlite3_backup_init(to, "main", l->db, "main");
	if (b == NULL) {
		es_err_set(err, ES_EDB, "%s: backup: %s", dest, sqlite3_errmsg(to));
		sqlite3_close(to);
		unlink(dest);
		return ES_EDB;
	}
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		es_err_set(err, ES_EDB, "%s: backup: %s", dest, sqlite3_errstr(rc));
		sqlite3_close(to);
		unlink(dest);
		return ES_EDB;
	}
	if (sqlite3_close(to) != SQLITE_OK)
		return es_err_set(err, ES_EIO, "%s: closing the backup failed", dest);
	return ES_OK;
}

/* Write the result of a query as CSV to out, header from the column names. */
static es_rc
query_to_csv_key(es_ledger *l, const char *sql, es_out *out, const char *key, es_err *err);

static es_rc
query_to_csv(es_ledger *l, const char *sql, es_out *out, es_err *err)
{
	return query_to_csv_key(l, sql, out, NULL, err);
}

/* With a key, codici fiscali and names are pseudonymised and other direct
 * identifiers blanked (domain/pseudonym.h). */
static es_rc
query_to_csv_key(es_ledger *l, const char *sql, es_out *out, const char *key, es_err *err)
{
	sqlite3_stmt *st;
	es_csv_writer *w;
	int rc, n, i;
	es_rc erc = ES_OK;

	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(l, err, sql);
	w = es_csv_writer_new(out, NULL, err);
	if (w == NULL) {
		sqlite3_finalize(st);
		return ES_ENOMEM;
	}
	n = sqlite3_column_count(st);
	for (i = 0; i < n && erc == ES_OK; i++)
		erc = es_csv_put(w, sqlite3_column_name(st, i), err);
	if (erc == ES_OK)
		erc = es_csv_end_row(w, err);
	while (erc == ES_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n && erc == ES_OK; i++) {
			const unsigned char *v = sqlite3_column_text(st, i);
			const char *name = sqlite3_column_name(st, i);
			char ps[ES_PSEUDONYM_BUFSZ];

			if (key != NULL && es_pseudonym_drop_column(name))
				v = (const unsigned char *)"";
			else if (key != NULL && es_pseudonym_column(name) &&
			         (erc = es_pseudonym(key, v ? (const char *)v : "", ps, err)) == ES_OK)
				v = (const unsigned char *)ps;
			if (erc == ES_OK)
				erc = es_csv_put(w, v ? (const char *)v : "", err);
		}
		if (erc == ES_OK)
			erc = es_csv_end_row(w, err);
	}
	if (erc == ES_OK && rc != SQLITE_DONE)
		erc = db_error(l, err, sql);
	es_csv_writer_free(w);
	sqlite3_finalize(st);
	return erc;
}

es_rc
es_ledger_export(es_ledger *l, const char *dir, es_err *err)
{
	return es_ledger_export_pseudonymised(l, dir, NULL, err);
}

es_rc
es_ledger_export_pseudonymised(es_ledger *l, const char *dir, const char *key, es_err *err)
{
	sqlite3_stmt *st;
	int rc;
	es_rc erc = ES_OK;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return es_err_errno(err, ES_EIO, "%s", dir);
	if (sqlite3_prepare_v2(l->db,
	    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
	    -1, &st, NULL) != SQLITE_OK)
		return db_error(l, err, "listing tables");
	/* A read transaction: every table is exported from the same snapshot. */
	if (exec(l, "BEGIN", err) != ES_OK) {
		sqlite3_finalize(st);
		return ES_EDB;
	}
	while (erc == ES_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		char *path = g_strdup_printf("%s/%s.csv", dir, table);
		char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY rowid", table);
		es_out *out = es_out_open_mode(path, 0600, err);

		if (out == NULL)
			erc = ES_EIO;
		else {
			erc = query_to_csv_key(l, sql, out, key, err);
			if (es_out_close(out, erc == ES_OK ? err : NULL) != ES_OK && erc == ES_OK)
				erc = ES_EIO;
		}
		sqlite3_free(sql);
		g_free(path);
	}
	if (erc == ES_OK && rc != SQLITE_DONE)
		erc = db_error(l, err, "listing tables");
	sqlite3_finalize(st);
	sqlite3_exec(l->db, "COMMIT", NULL, NULL, NULL);
	return erc;
}

es_rc
es_ledger_export_runs(es_ledger *l, es_out *out, es_err *err)
{
	return query_to_csv(l,
	    "SELECT r.run_id, r.tool, r.args, r.started_at, r.ended_at, r.status, r.rows_read,"
	    " r.rows_written, r.rows_rejected, r.message,"
	    " (SELECT group_concat(i.name || ':' || i.size || ':' || i.sha256, ' ')"
	    "    FROM run_inputs i WHERE i.run_id = r.run_id) AS inputs"
	    " FROM runs r ORDER BY r.run_id", out, err);
}
