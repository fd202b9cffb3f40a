/* sends.c: send-notices' outcomes in the ledger (sends.h). */
#include "es_setup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/bind.h"
#include "store/sends.h"

static const char *const names[] = {
	"none", "sending", "submitted", "sent", "failed", "deferred", "paper"
};

const char *
es_send_status_name(es_send_status s)
{
	return (size_t)s < ES_ARRAY_LEN(names) ? names[s] : "none";
}

static es_send_status
status_of(const char *s)
{
	size_t i;

	for (i = 1; i < ES_ARRAY_LEN(names); i++)
		if (strcmp(s, names[i]) == 0)
			return (es_send_status)i;
	return ES_SEND_NONE;
}

es_rc
es_sends_get(es_ledger *l, const char *notice_id, const char *notice_number, const char *channel,
             es_send_rec *out, es_err *err)
{
	sqlite3_stmt *st;
	char status[16];
	int rc;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(es_ledger_db(l),
	                       "SELECT status, channel, recipient, reason, message_id, at, attempts, run_id"
	                       " FROM sends WHERE notice_id = ? AND notice_number = ? AND channel = ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return es_store_db_err(l, err, "reading sends");
	sqlite3_bind_text(st, 1, notice_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, notice_number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, channel, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		es_store_col_copy(st, 0, status, sizeof status);
		out->status = status_of(status);
		es_store_col_copy(st, 1, out->channel, sizeof out->channel);
		es_store_col_copy(st, 2, out->recipient, sizeof out->recipient);
		es_store_col_copy(st, 3, out->reason, sizeof out->reason);
		es_store_col_copy(st, 4, out->message_id, sizeof out->message_id);
		es_store_col_copy(st, 5, out->at, sizeof out->at);
		out->attempts = sqlite3_column_int(st, 6);
		out->run_id = sqlite3_column_int64(st, 7);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return es_store_db_err(l, err, "reading sends");
	return ES_OK;
}

es_rc
es_sends_mark(es_ledger *l, const char *notice_id, const char *notice_number, const char *channel,
              const char *recipient, const char *tax_code, es_send_status st, const char *reason,
              const char *message_id, const char *at, es_err *err)
{
	sqlite3 *db = es_ledger_db(l);
	sqlite3_stmt *s;
	int rc;

	if (es_ledger_run_id(l) == 0)
		return es_err_set(err, ES_EINTERNAL, "es_sends_mark without a run");
	/* End the run's open (deferred, read) transaction and take the write
	 * lock first: upgrading a read snapshot that another writer has
	 * overtaken fails at once (SQLITE_BUSY_SNAPSHOT) instead of waiting. */
	if (sqlite3_exec(db, "COMMIT; BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		es_rc rc2 = es_store_db_err(l, err, "recording a send");

		sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
		return rc2;
	}
	if (sqlite3_prepare_v2(db,
	                       "INSERT INTO sends(notice_id, notice_number, channel, recipient, tax_code, status,"
	                       "  attempts, reason, message_id, first_at, at, run_id)"
	                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)"
	                       " ON CONFLICT(notice_id, notice_number, channel) DO UPDATE SET"
	                       "  recipient = excluded.recipient, status = excluded.status,"
	                       "  attempts = attempts + excluded.attempts,"
	                       "  reason = IFNULL(?8, reason), message_id = IFNULL(?9, message_id),"
	                       "  at = excluded.at, run_id = excluded.run_id",
	                       -1, &s, NULL) != SQLITE_OK) {
		es_rc rc2 = es_store_db_err(l, err, "recording a send");

		sqlite3_exec(db, "ROLLBACK; BEGIN", NULL, NULL, NULL);
		return rc2;
	}
	sqlite3_bind_text(s, 1, notice_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, notice_number, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, recipient != NULL ? recipient : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, tax_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, es_send_status_name(st), -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 7, st == ES_SEND_SENDING ? 1 : 0);
	if (reason != NULL)
		sqlite3_bind_text(s, 8, reason, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 8);
	if (message_id != NULL)
		sqlite3_bind_text(s, 9, message_id, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 9);
	sqlite3_bind_text(s, 10, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 11, es_ledger_run_id(l));
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		es_rc rc2 = es_store_db_err(l, err, "recording a send");

		sqlite3_exec(db, "ROLLBACK; BEGIN", NULL, NULL, NULL);
		return rc2;
	}
	/* Commit now: the run's transaction stays open (deferred, so that the
	 * write lock is not held while a message travels). */
	if (sqlite3_exec(db, "COMMIT; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return es_store_db_err(l, err, "committing a send");
	return ES_OK;
}

es_rc
es_sends_lock(es_ledger *l, int *fd, es_err *err)
{
	const char *path = es_ledger_path(l);

	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return es_err_errno(err, ES_EIO, "%s", path);
	if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;

		close(*fd);
		*fd = -1;
		if (e == EWOULDBLOCK)
			return es_err_set(err, ES_ECONFIG, "%s: another send-notices is running on this ledger", path);
		errno = e;
		return es_err_errno(err, ES_EIO, "%s: lock", path);
	}
	return ES_OK;
}
