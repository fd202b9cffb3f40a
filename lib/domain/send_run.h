/* send_run.h: one send-notices run (send-notices(1)).
 *
 * es_send_run_notices reads the notices stream (render/mail.h: the rows of
 * one notice_id make one notice) and, for each notice:
 *
 *   - not selected by the filter: an outcome "skipped";
 *   - no address (segment paper): its rows into the print file, "paper",
 *     recorded in the ledger (or "skipped" when a print file already has
 *     it); on --channel send-json paper notices are sent too (SEND prints
 *     them);
 *   - a segment that is not the channel's (a PEC notice on email, an
 *     e-mail notice on pec): "skipped";
 *   - otherwise the notice's PDF (pdf_dir/pdf_name expanded) is attached to
 *     a message built from the mail template and delivered: over SMTP with
 *     retries of a temporary refusal, into a Maildir, or written as a SEND
 *     notification request; "sent", "failed" or "deferred".  A notice the
 *     ledger says was sent (or refused at the same address) is not sent
 *     again: "skipped".  A dry run builds everything and records nothing:
 *     "planned".
 *
 * Each state of a delivery is committed to the ledger at once (sends.h):
 * the caller opens the ledger run (es_ledger_run_begin) unless dry_run, and
 * commits it at the end.  One outcome row per notice goes to outw
 * (es_send_run_put_header); a bad notice has every row rejected.  Times
 * (the outcomes' "at", the messages' Date) are SOURCE_DATE_EPOCH when it is
 * set, for reproducible output.
 *
 * Nothing here prints or exits: warnings (a retry) and progress go through
 * the callbacks.  The run borrows what the caller sets; es_send_run_free
 * frees what the run allocated (the templates). */
#ifndef ES_DOMAIN_SEND_RUN_H
#define ES_DOMAIN_SEND_RUN_H

#include "es_setup.h"

#include <time.h>
#include <glib.h>

#include "types/error.h"
#include "io/csv.h"
#include "io/diag.h"
#include "render/mail.h"
#include "store/ledger.h"
#include "ente.h"

/* --channel. */
typedef enum es_send_channel {
	ES_SEND_CH_PEC = 0,
	ES_SEND_CH_EMAIL,
	ES_SEND_CH_MAILDIR,
	ES_SEND_CH_JSON               /* "send-json": SEND notification requests */
} es_send_channel;

/* The outcome of one notice (the status column of the outcomes). */
typedef enum es_send_outcome {
	ES_SEND_OUT_SENT = 0,
	ES_SEND_OUT_FAILED,
	ES_SEND_OUT_DEFERRED,
	ES_SEND_OUT_PAPER,
	ES_SEND_OUT_SKIPPED,
	ES_SEND_OUT_PLANNED,
	ES_SEND_OUT_N
} es_send_outcome;

typedef struct es_send_run {
	/* Set by the caller (es_send_run_init sets the defaults). */
	es_send_channel ch;
	const char *from_addr;        /* the sender; NULL only for send-json */
	const char *from_name;        /* display name (the ente's), may be NULL */
	const char *pdf_dir;          /* default "." */
	const char *pdf_name;         /* default "{notice_id}.pdf" */
	const char *tmpl_name;        /* NULL: mail-ACT_TYPE.txt if present, else mail-default.txt */
	const char *out_dir;          /* the Maildir, or the SEND payloads' directory */
	const char *taxonomy;         /* SEND taxonomy code (send-json) */
	const es_ente *ente;          /* NULL: none (required for send-json) */
	es_ledger *ledger;            /* NULL: no resend check, nothing recorded */
	es_mail_smtp *smtp;           /* pec and email, unless dry_run */
	const es_mail_filter *filter; /* NULL: every notice */
	es_csv_writer *outw;          /* the outcomes: required */
	es_csv_writer *printw;        /* the print file: NULL for none */
	es_rejects *rejects;
	bool dry_run;
	int retries;                  /* retries of a 4xx reply (default 3) */
	double interval;              /* seconds between messages (0: no limit) */
	es_warn_fn warn;              /* NULL: warnings dropped */
	es_progress_fn progress;      /* NULL: none */
	void *ctx;                    /* passed to the callbacks */
	/* Counted by the run. */
	es_summary sum;
	uint64_t count[ES_SEND_OUT_N];
	/* The run's own. */
	GHashTable *tmpls;            /* name -> es_mail_tmpl */
	bool print_header_done;
	struct timespec last_send;
	bool sent_once;
	char server_down[512];        /* set when the server cannot be reached */
	/* the notice being sent, for the commit callback */
	const char *cur_id, *cur_nav, *cur_rcpt, *cur_cf, *cur_msgid;
} es_send_run;

/* "pec", "email", "maildir", "send-json". */
const char *es_send_channel_name(es_send_channel ch);
/* false when s is none of them. */
bool es_send_channel_parse(const char *s, es_send_channel *ch);

/* Zero R and set the defaults. */
void es_send_run_init(es_send_run *R);
/* Load the template R->tmpl_name now (when set), so that a missing one
 * stops the run before anything is sent: ES_ECONFIG. */
es_rc es_send_run_load_template(es_send_run *R, es_err *err);
/* The header of the outcomes (notice_id, recipient, channel, status,
 * reason, message_id, at). */
es_rc es_send_run_put_header(es_csv_writer *w, es_err *err);
/* Every notice of rd, as above; at the end the print file gets its header
 * even when no notice went to paper.  Fails on the first I/O, ledger,
 * template or configuration error (outcomes already committed to the
 * ledger stay there). */
es_rc es_send_run_notices(es_send_run *R, es_mail_reader *rd, es_err *err);
void es_send_run_free(es_send_run *R);

#endif
