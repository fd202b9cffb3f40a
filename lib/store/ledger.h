/* ledger.h: the SQLite ledger of one ente (municipality).
 *
 * One database file per ente (--db FILE or $ESATTORE_DB).  Opening applies
 * the schema migrations (PRAGMA user_version), sets WAL, foreign keys on
 * and a busy timeout.  A new file is created with mode 0600: it holds
 * personal data.  Every SQL statement uses bound parameters.
 *
 * A run: es_ledger_run_begin records the run in the `runs` audit table
 * (committed at once, status 'running') and opens the run's single write
 * transaction (BEGIN IMMEDIATE); es_ledger_run_commit commits it and marks
 * the run 'ok' (or 'rejects'); es_ledger_run_abort rolls everything back
 * and marks the run 'failed'.  So a failure mid-run leaves the ledger as it
 * was, except for the audit row that says the run failed.
 *
 * Ownership: es_ledger_open returns a handle freed by es_ledger_close
 * (which aborts an open run).  es_ledger_db exposes the sqlite3 handle to
 * the store/ modules only: nothing above lib/store/ may use it. */
#ifndef ES_STORE_LEDGER_H
#define ES_STORE_LEDGER_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"

typedef struct es_ledger es_ledger;
struct sqlite3;

#define ES_LEDGER_SCHEMA_VERSION_ENV "ESATTORE_DB"

typedef enum es_ledger_mode {
	ES_LEDGER_READ = 0,      /* the file must exist and be at the current schema */
	ES_LEDGER_WRITE = 1,     /* the file must exist; migrated if older */
	ES_LEDGER_CREATE = 2     /* created (0600) if absent, then migrated */
} es_ledger_mode;

/* path NULL means $ESATTORE_DB; neither set is ES_ECONFIG. */
es_ledger *es_ledger_open(const char *path, es_ledger_mode mode, es_err *err);
void es_ledger_close(es_ledger *l);
const char *es_ledger_path(const es_ledger *l);
int es_ledger_schema_version(es_ledger *l);
/* The schema version this build writes. */
int es_ledger_current_version(void);
/* Apply pending migrations; from and to (may be NULL) receive the versions. */
es_rc es_ledger_migrate(es_ledger *l, int *from, int *to, es_err *err);

/* Runs. */
es_rc es_ledger_run_begin(es_ledger *l, const char *tool, int argc, char *const *argv, es_err *err);
/* Record an input file of the current run: its name, size and SHA-256. */
es_rc es_ledger_run_input(es_ledger *l, const char *path, es_err *err);
/* Has a file with this SHA-256 already been loaded successfully by `tool`? */
es_rc es_ledger_input_seen(es_ledger *l, const char *tool, const char *sha256_hex, bool *seen, es_err *err);
/* The SHA-256 (hex) of the last file recorded by es_ledger_run_input. */
const char *es_ledger_last_input_hash(const es_ledger *l);
int64_t es_ledger_run_id(const es_ledger *l);
es_rc es_ledger_run_commit(es_ledger *l, uint64_t read, uint64_t written, uint64_t rejected, es_err *err);
void es_ledger_run_abort(es_ledger *l, const char *reason);

/* Integrity: SQLite's quick_check and foreign_key_check, then the
 * ledger's invariants (allocations never exceed their payment, ...).  Each
 * problem is passed to report(); *problems counts them.  With
 * ES_LEDGER_CHECK_FULL, integrity_check instead of quick_check: it also
 * verifies that every index holds exactly its table's rows (slower: the
 * weekly check).  es_ledger_check is es_ledger_check_flags with 0. */
typedef void (*es_ledger_report_fn)(void *ctx, const char *check, const char *detail);
#define ES_LEDGER_CHECK_FULL 1u
es_rc es_ledger_check(es_ledger *l, es_ledger_report_fn report, void *ctx, uint64_t *problems, es_err *err);
es_rc es_ledger_check_flags(es_ledger *l, unsigned flags, es_ledger_report_fn report, void *ctx,
                            uint64_t *problems, es_err *err);
/* Online backup to dest (SQLite backup API); dest is created 0600. */
es_rc es_ledger_backup(es_ledger *l, const char *dest, es_err *err);
/* Every table to DIR/<table>.csv. */
es_rc es_ledger_export(es_ledger *l, const char *dir, es_err *err);
/* The same with codici fiscali and names replaced by HMAC-SHA256(key)
 * (domain/pseudonym.h) and addresses and contacts blanked; key NULL is a
 * plain export. */
es_rc es_ledger_export_pseudonymised(es_ledger *l, const char *dir, const char *key, es_err *err);
/* The runs table as CSV to out (an es_out opened by the caller). */
struct es_out;
es_rc es_ledger_export_runs(es_ledger *l, struct es_out *out, es_err *err);

/* For lib/store/ modules only. */
struct sqlite3 *es_ledger_db(es_ledger *l);
/* Next value of a named persistent sequence (e.g. "nav" for notice numbers). */
es_rc es_ledger_next_seq(es_ledger *l, const char *name, int64_t *out, es_err *err);

#endif
