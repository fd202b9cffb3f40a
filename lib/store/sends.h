/* sends.h: what send-notices records in the ledger: one row per notice and
 * channel in the `sends` table (the outcome, the attempts, the reason, the
 * Message-ID).
 *
 * Unlike the other tools, send-notices does not keep one transaction for
 * the whole run: a message that has left cannot be rolled back, so every
 * change of state is committed at once (es_sends_mark), inside the run
 * opened by es_ledger_run_begin.  The states of one delivery:
 *
 *   sending    committed before the SMTP transaction starts: the server
 *              cannot have accepted the message yet;
 *   submitted  committed when the whole message has been handed over, just
 *              before the end-of-data mark: from here the server may have
 *              accepted it;
 *   sent | failed | deferred   committed with the server's reply.
 *
 * A run killed in between leaves 'sending' (safe to send again: nothing was
 * accepted) or 'submitted' (the outcome is unknown: send-notices resends it
 * with the same Message-ID and says so in the reason).  'paper' records the
 * notices handed to the print file.
 *
 * Ownership: es_send_rec is a plain value filled by es_sends_get. */
#ifndef ES_STORE_SENDS_H
#define ES_STORE_SENDS_H

#include "es_setup.h"
#include "types/error.h"
#include "store/ledger.h"

typedef enum es_send_status {
	ES_SEND_NONE = 0,            /* no row */
	ES_SEND_SENDING,
	ES_SEND_SUBMITTED,
	ES_SEND_SENT,
	ES_SEND_FAILED,
	ES_SEND_DEFERRED,
	ES_SEND_PAPER
} es_send_status;

const char *es_send_status_name(es_send_status s);

typedef struct es_send_rec {
	es_send_status status;
	char channel[16];
	char recipient[256];
	char reason[512];
	char message_id[320];
	char at[32];                 /* ISO 8601 UTC of the last change */
	int attempts;
	int64_t run_id;
} es_send_rec;

/* The row of (notice_id, notice_number, channel); status ES_SEND_NONE and
 * everything empty when there is none. */
es_rc es_sends_get(es_ledger *l, const char *notice_id, const char *notice_number, const char *channel,
                   es_send_rec *out, es_err *err);

/* Set the state of (notice_id, notice_number, channel), creating the row
 * if needed, and commit.  ES_SEND_SENDING counts one more attempt.  reason
 * and message_id may be NULL (kept as they are).  A run must be open. */
es_rc es_sends_mark(es_ledger *l, const char *notice_id, const char *notice_number, const char *channel,
                    const char *recipient, const char *tax_code, es_send_status st, const char *reason,
                    const char *message_id, const char *at, es_err *err);

/* One send-notices at a time per ledger (two would both see a notice as
 * unsent): an exclusive flock(2) on the ledger file, on a descriptor the
 * caller closes at exit (the kernel releases it even after SIGKILL).
 * SQLite's own locks are fcntl locks and do not interact with it.
 * ES_ECONFIG if another process holds it. */
es_rc es_sends_lock(es_ledger *l, int *fd, es_err *err);

#endif
