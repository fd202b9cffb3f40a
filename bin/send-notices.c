/* send-notices: one message per notice with its PDF attached, by PEC or
 * e-mail over SMTP(S), into a Maildir, or as SEND notification-request
 * payloads; notices without an address go to the print file.  Outcomes to
 * a CSV and to the ledger, committed one by one (sends.h). */
#include "es_setup.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

#include "esattore.h"
#include "ente.h"
#include "render/mail.h"
#include "store/sends.h"
#include "tool.h"

#define PASSWORD_ENV "ESATTORE_SMTP_PASSWORD"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: send-notices --channel pec|email|maildir|send-json [OPTION]... NOTICES.csv\n"
	    "Send one message per notice of the notices stream (rows grouped by notice_id)\n"
	    "with its PDF attached.  A notice goes by PEC when a PEC address is known, else\n"
	    "by e-mail, else on paper (the print file).  One outcome row per notice on\n"
	    "standard output; a notice already sent is never sent again.\n"
	    "\n"
	    "Channel:\n"
	    "      --channel CH         pec, email (SMTP), maildir (--out-dir), send-json\n"
	    "                           (SEND notification requests written to --out-dir)\n"
	    "      --smtp URL           smtp://host[:port] or smtps://host[:port]\n"
	    "      --starttls           require STARTTLS on smtp://\n"
	    "      --ca-file F          trust the CA certificates in F (PEM) for the server\n"
	    "      --user U             SMTP user name\n"
	    "      --password-file F    the SMTP password (first line of F); else $" PASSWORD_ENV "\n"
	    "      --from ADDR          sender address (default: the ente's pec for --channel pec)\n"
	    "      --ente FILE          the ente key file (sender name, tax code, pec)\n"
	    "      --out-dir DIR        the Maildir, or the directory of SEND payloads\n"
	    "      --taxonomy CODE      SEND taxonomy code (6 digits and a letter) for send-json\n"
	    "\n"
	    "Notices:\n"
	    "      --db FILE            the ledger (default $ESATTORE_DB): outcomes, no resends\n"
	    "      --pdf-dir DIR        where the PDFs are (default: .)\n"
	    "      --pdf-name T         PDF file name (default '{notice_id}.pdf'; e.g.\n"
	    "                           '{tax_code}_{notice_number}.pdf')\n"
	    "      --template NAME      mail template data/templates/mail-NAME.txt (default:\n"
	    "                           mail-ACT_TYPE.txt if present, else mail-default.txt)\n"
	    "      --segment EXPR       only notices where EXPR holds: NAME=V1|V2 or NAME!=V,\n"
	    "                           terms joined by ',' (e.g. 'segment=pec,act_type=bill')\n"
	    "      --print-file FILE    the rows of notices with no address (paper)\n"
	    "      --outcomes FILE      outcomes to FILE instead of standard output\n"
	    "      --rate N[/s|/m|/h]   at most N messages per second (minute, hour)\n"
	    "      --retries N          retries of a 4xx reply, with backoff 1 s, 2 s, 4 s... (default 3)\n"
	    "      --dry-run            build and check every message, send nothing, record nothing\n"
	    "      --rejects FILE       rejected notices with _source,_line,_error\n"
	    "      --decimal-comma      amounts in the input are written 1234,50\n"
	    "  -q, --quiet              print only errors\n"
	    "      --progress           force the progress line\n"
	    "      --help               display this help and exit\n"
	    "      --version            output version information and exit\n"
	    "\n"
	    "Exit status: 0 every notice sent, printed or skipped; 1 some notices rejected,\n"
	    "failed or deferred; 2 usage or configuration error; 3 I/O, database or\n"
	    "internal failure (outcomes already recorded stay recorded).\n");
	exit(es_tool_finish(status));
}

enum {
	OPT_CHANNEL = ES_OPT_FIRST_TOOL_OPTION,
	OPT_SMTP, OPT_STARTTLS, OPT_USER, OPT_PASSWORD_FILE, OPT_FROM, OPT_OUT_DIR, OPT_TAXONOMY,
	OPT_PDF_DIR, OPT_PDF_NAME, OPT_TEMPLATE, OPT_SEGMENT, OPT_PRINT_FILE, OPT_OUTCOMES, OPT_RATE,
	OPT_RETRIES, OPT_DRY_RUN, OPT_CA_FILE
};

static const struct option longopts[] = {
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ "smtp", required_argument, NULL, OPT_SMTP },
	{ "starttls", no_argument, NULL, OPT_STARTTLS },
	{ "ca-file", required_argument, NULL, OPT_CA_FILE },
	{ "user", required_argument, NULL, OPT_USER },
	{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "ente", required_argument, NULL, ES_OPT_ENTE },
	{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
	{ "taxonomy", required_argument, NULL, OPT_TAXONOMY },
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "pdf-dir", required_argument, NULL, OPT_PDF_DIR },
	{ "pdf-name", required_argument, NULL, OPT_PDF_NAME },
	{ "template", required_argument, NULL, OPT_TEMPLATE },
	{ "segment", required_argument, NULL, OPT_SEGMENT },
	{ "print-file", required_argument, NULL, OPT_PRINT_FILE },
	{ "outcomes", required_argument, NULL, OPT_OUTCOMES },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "retries", required_argument, NULL, OPT_RETRIES },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "decimal-comma", no_argument, NULL, ES_OPT_DECIMAL_COMMA },
	{ "quiet", no_argument, NULL, 'q' },
	{ "progress", no_argument, NULL, ES_OPT_PROGRESS },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

typedef enum channel { CH_PEC, CH_EMAIL, CH_MAILDIR, CH_SEND } channel;
static const char *const channel_names[] = { "pec", "email", "maildir", "send-json" };

typedef enum outcome { O_SENT, O_FAILED, O_DEFERRED, O_PAPER, O_SKIPPED, O_PLANNED, O_N } outcome;
static const char *const outcome_names[] = { "sent", "failed", "deferred", "paper", "skipped", "planned" };

typedef struct run {
	channel ch;
	const char *from_addr, *from_name, *pdf_dir, *pdf_name, *tmpl_name, *out_dir, *taxonomy;
	es_ente *ente;
	es_ledger *ledger;
	es_mail_smtp *smtp;
	es_mail_filter *filter;
	es_csv_writer *outw, *printw;
	es_out *out, *printout;
	es_rejects *rejects;
	GHashTable *tmpls;           /* name -> es_mail_tmpl */
	bool dry_run, print_header_done;
	int retries;
	double interval;             /* seconds between messages (0: no limit) */
	struct timespec last_send;
	bool sent_once;
	char server_down[512];       /* set when the server cannot be reached */
	es_summary sum;
	uint64_t count[O_N];
	/* the notice being sent, for the commit callback */
	const char *cur_id, *cur_nav, *cur_rcpt, *cur_cf, *cur_msgid;
} run;

/* ---- small helpers ------------------------------------------------------ */

static time_t
now(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");

	if (e != NULL && *e != '\0') {
		char *end;
		long long v = strtoll(e, &end, 10);

		if (*end == '\0' && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

static char *
now_iso(char *buf, size_t n)
{
	time_t t = now();
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

static void
throttle(run *R)
{
	struct timespec t;
	double elapsed;

	if (R->interval <= 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t);
	if (R->sent_once) {
		elapsed = (double)(t.tv_sec - R->last_send.tv_sec) + (double)(t.tv_nsec - R->last_send.tv_nsec) / 1e9;
		if (elapsed < R->interval) {
			double w = R->interval - elapsed;
			struct timespec ts = { (time_t)w, (long)((w - (double)(time_t)w) * 1e9) };

			while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
				;
			clock_gettime(CLOCK_MONOTONIC, &t);
		}
	}
	R->last_send = t;
	R->sent_once = true;
}

static void
sleep_seconds(unsigned s)
{
	struct timespec ts = { (time_t)s, 0 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* The password: the first line of the file, else the environment. */
static char *
read_password(const char *file)
{
	char *text = NULL, *nl;
	GError *ge = NULL;
	struct stat st;

	if (file == NULL) {
		const char *e = getenv(PASSWORD_ENV);

		return e != NULL ? g_strdup(e) : NULL;
	}
	if (stat(file, &st) == 0 && (st.st_mode & 077) != 0)
		es_warn("%s: readable by others: chmod 600 it", file);
	if (!g_file_get_contents(file, &text, NULL, &ge)) {
		es_error("--password-file: %s", ge->message);
		g_error_free(ge);
		exit(es_tool_finish(ES_EXIT_USAGE));
	}
	if ((nl = strpbrk(text, "\r\n")) != NULL)
		*nl = '\0';
	return text;
}

static void
wipe(char *s)
{
	if (s != NULL) {
		explicit_bzero(s, strlen(s));
		g_free(s);
	}
}

/* ---- outputs ------------------------------------------------------------ */

static const char *const outcome_cols[] = {
	"notice_id", "recipient", "channel", "status", "reason", "message_id", "at"
};

static es_rc
put_outcome(run *R, const es_mail_notice *n, const char *rcpt, const char *ch, outcome o, const char *reason,
            const char *msgid, const char *at, es_err *err)
{
	char ts[32];
	const char *f[7];

	f[0] = n->notice_id;
	f[1] = rcpt != NULL ? rcpt : "";
	f[2] = ch;
	f[3] = outcome_names[o];
	f[4] = reason != NULL ? reason : "";
	f[5] = msgid != NULL ? msgid : "";
	f[6] = at != NULL && *at != '\0' ? at : now_iso(ts, sizeof ts);
	R->count[o]++;
	R->sum.written++;
	return es_csv_put_row(R->outw, f, 7, err);
}

/* Reject every row of notice n; msg names no file or line: the row at
 * line `line` gets it as is, the notice's other rows a pointer to it. */
static es_rc
reject(run *R, const es_mail_notice *n, uint64_t line, const char *msg, es_err *err)
{
	size_t i;
	es_rc rc = ES_OK;

	for (i = 0; i < n->nrows && rc == ES_OK; i++) {
		char other[ES_ERR_MAX + 64];

		if (n->lines[i] != line)
			snprintf(other, sizeof other, "notice %s rejected (line %llu: %s)", n->notice_id,
			         (unsigned long long)line, msg);
		rc = es_rejects_add(R->rejects, n->source, n->lines[i], n->lines[i] == line ? msg : other,
		                    n->colnames, n->ncols, n->rows[i], n->ncols, err);
	}
	R->sum.rejected++;
	return rc;
}

static es_rc
put_print_rows(run *R, const es_mail_notice *n, es_err *err)
{
	size_t i;
	es_rc rc;

	if (R->printw == NULL)
		return ES_OK;
	if (!R->print_header_done) {
		if ((rc = es_csv_put_row(R->printw, n->colnames, n->ncols, err)) != ES_OK)
			return rc;
		R->print_header_done = true;
	}
	for (i = 0; i < n->nrows; i++)
		if ((rc = es_csv_put_row(R->printw, n->rows[i], n->ncols, err)) != ES_OK)
			return rc;
	return ES_OK;
}

/* ---- building the message ----------------------------------------------- */

typedef struct lookup_ctx {
	const es_mail_notice *n;
	run *R;
	char buf[256];
} lookup_ctx;

static const char *
lookup(void *ctx, const char *name)
{
	lookup_ctx *c = ctx;

	if (strcmp(name, "ente_name") == 0)
		return c->R->ente != NULL ? c->R->ente->name : (c->R->from_name ? c->R->from_name : "");
	if (strcmp(name, "ente_pec") == 0)
		return c->R->ente != NULL && c->R->ente->pec != NULL ? c->R->ente->pec : "";
	if (strcmp(name, "ente_website") == 0)
		return c->R->ente != NULL && c->R->ente->website != NULL ? c->R->ente->website : "";
	return es_mail_notice_field(c->n, name, c->buf, sizeof c->buf);
}

/* The PDF's file name from --pdf-name, as render-notices names it: values
 * keep letters, digits, '.', '-', '_' (others become '_'); an empty
 * tax_code is NOCF. */
static const char *
name_lookup(void *ctx, const char *name)
{
	lookup_ctx *c = ctx;
	const char *v;
	size_t i;

	if (strcmp(name, "tax_code") == 0 && *c->n->tax_code == '\0')
		v = "NOCF";
	else if ((v = es_mail_notice_field(c->n, name, c->buf, sizeof c->buf)) == NULL)
		return NULL;
	if (v != c->buf)
		g_strlcpy(c->buf, v, sizeof c->buf);
	for (i = 0; c->buf[i] != '\0'; i++)
		if (!g_ascii_isalnum(c->buf[i]) && strchr(".-_", c->buf[i]) == NULL)
			c->buf[i] = '_';
	return c->buf;
}

static es_mail_tmpl *
template_for(run *R, const es_mail_notice *n, es_err *err)
{
	const char *name = R->tmpl_name;
	es_mail_tmpl *t;

	if (name == NULL)
		name = es_mail_tmpl_exists(n->act_type) && strchr(n->act_type, '/') == NULL ? n->act_type : "default";
	if ((t = g_hash_table_lookup(R->tmpls, name)) != NULL)
		return t;
	if ((t = es_mail_tmpl_load(name, err)) == NULL)
		return NULL;
	g_hash_table_insert(R->tmpls, g_strdup(name), t);
	return t;
}

/* ---- delivery ----------------------------------------------------------- */

static es_rc
mark(run *R, const char *ch, es_send_status st, const char *reason, const char *msgid, es_err *err)
{
	char ts[32];

	if (R->ledger == NULL || R->dry_run)
		return ES_OK;
	return es_sends_mark(R->ledger, R->cur_id, R->cur_nav, ch, R->cur_rcpt, R->cur_cf, st, reason, msgid,
	                     now_iso(ts, sizeof ts), err);
}

static es_rc
before_end(void *ctx, es_err *err)
{
	run *R = ctx;

	return mark(R, channel_names[R->ch], ES_SEND_SUBMITTED, NULL, R->cur_msgid, err);
}

/* One notice over SMTP with retries; *o and reason receive the outcome. */
static es_rc
deliver_smtp(run *R, const char *rcpt, const char *msg, size_t len, outcome *o, char *reason, size_t rsz,
             es_err *err)
{
	const char *ch = channel_names[R->ch];
	int attempt;
	es_rc rc;

	if (R->server_down[0] != '\0') {
		snprintf(reason, rsz, "not tried: %s", R->server_down);
		*o = O_DEFERRED;
		return mark(R, ch, ES_SEND_DEFERRED, reason, R->cur_msgid, err);
	}
	for (attempt = 0;; attempt++) {
		es_mail_result res;
		char reply[512] = "";

		throttle(R);
		if ((rc = mark(R, ch, ES_SEND_SENDING, NULL, R->cur_msgid, err)) != ES_OK)
			return rc;
		rc = es_mail_smtp_send(R->smtp, R->from_addr, rcpt, msg, len, before_end, R, &res, reply, sizeof reply,
		                       err);
		if (rc != ES_OK)
			return rc;
		if (res == ES_MAIL_SENT) {
			*o = O_SENT;
			snprintf(reason, rsz, "%s", reply);
			return mark(R, ch, ES_SEND_SENT, reason, R->cur_msgid, err);
		}
		if (res == ES_MAIL_PERMANENT) {
			*o = O_FAILED;
			snprintf(reason, rsz, "%s", reply);
			return mark(R, ch, ES_SEND_FAILED, reason, R->cur_msgid, err);
		}
		if (attempt >= R->retries) {
			*o = O_DEFERRED;
			snprintf(reason, rsz, "%s", reply);
			/* no reply code at all: the server is unreachable, stop trying */
			if (!g_ascii_isdigit(reply[0]))
				g_strlcpy(R->server_down, reply, sizeof R->server_down);
			return mark(R, ch, ES_SEND_DEFERRED, reason, R->cur_msgid, err);
		}
		if (!es_diag_quiet())
			es_warn("%s: %s: %s; retrying in %u s", R->cur_id, rcpt, reply, 1u << attempt);
		sleep_seconds(1u << (attempt < 10 ? attempt : 10));
	}
}

static es_rc
read_pdf(run *R, const es_mail_notice *n, char **path, char **data, gsize *len, char **fname, es_err *err)
{
	lookup_ctx c = { .n = n, .R = R };
	GError *ge = NULL;
	es_rc rc;

	*path = *data = *fname = NULL;
	if ((rc = es_mail_expand(R->pdf_name, name_lookup, &c, fname, err)) != ES_OK)
		return rc == ES_EDATA ? es_err_set(err, ES_ECONFIG, "--pdf-name: %s", err->msg) : rc;
	*path = g_build_filename(R->pdf_dir, *fname, NULL);
	if (access(*path, R_OK) != 0)
		return es_err_errno(err, ES_EDATA, "no PDF for notice %s: %s", n->notice_id, *path);
	if (!g_file_get_contents(*path, data, len, &ge)) {
		es_err_set(err, ES_EIO, "%s", ge->message);
		g_error_free(ge);
		return ES_EIO;
	}
	if (*len < 5 || memcmp(*data, "%PDF-", 5) != 0)
		return es_err_set(err, ES_EDATA, "%s is not a PDF", *path);
	return ES_OK;
}

/* Has this notice already been delivered (or permanently refused) on this
 * channel?  Fills *skip and reason; *resend_note when a previous run was
 * interrupted after handing the message over. */
static es_rc
check_ledger(run *R, const es_mail_notice *n, const char *rcpt, bool *skip, char *reason, size_t rsz,
             bool *resend_note, es_err *err)
{
	const char *family[2];
	size_t nf = 0, i;
	es_rc rc;

	*skip = false;
	*resend_note = false;
	if (R->ledger == NULL)
		return ES_OK;
	if (R->ch == CH_PEC || R->ch == CH_EMAIL) {
		/* PEC and e-mail are one delivery: never both */
		family[nf++] = "pec";
		family[nf++] = "email";
	} else {
		family[nf++] = channel_names[R->ch];
	}
	for (i = 0; i < nf; i++) {
		es_send_rec rec;

		if ((rc = es_sends_get(R->ledger, n->notice_id, n->notice_number, family[i], &rec, err)) != ES_OK)
			return rc;
		switch (rec.status) {
		case ES_SEND_SENT:
			*skip = true;
			snprintf(reason, rsz, "already sent by %s to %s at %s", rec.channel, rec.recipient, rec.at);
			return ES_OK;
		case ES_SEND_FAILED:
			if (strcmp(rec.recipient, rcpt) == 0) {
				*skip = true;
				snprintf(reason, rsz, "refused before, not retried to the same address: %s", rec.reason);
				return ES_OK;
			}
			break;
		case ES_SEND_SUBMITTED:
			if (strcmp(rec.channel, channel_names[R->ch]) == 0)
				*resend_note = true;
			break;
		default:
			break;
		}
	}
	return ES_OK;
}

static es_rc
notice_paper(run *R, const es_mail_notice *n, es_err *err)
{
	es_send_rec rec;
	es_rc rc;

	if (R->ch == CH_SEND)
		return ES_OK;          /* not reached: SEND takes paper too */
	if (R->ledger != NULL) {
		if ((rc = es_sends_get(R->ledger, n->notice_id, n->notice_number, "paper", &rec, err)) != ES_OK)
			return rc;
		if (rec.status == ES_SEND_PAPER) {
			char reason[600];

			snprintf(reason, sizeof reason, "already in a print file at %s", rec.at);
			return put_outcome(R, n, "", "paper", O_SKIPPED, reason, NULL, NULL, err);
		}
	}
	if (R->dry_run)
		return put_outcome(R, n, "", "paper", O_PLANNED, "dry run: no address, to the print file", NULL, NULL, err);
	/* without a print file the notice is only reported: a later run with
	 * --print-file must still print it */
	if (R->printw == NULL)
		return put_outcome(R, n, "", "paper", O_PAPER, "no address; no --print-file: not recorded", NULL, NULL,
		                   err);
	if ((rc = put_print_rows(R, n, err)) != ES_OK)
		return rc;
	R->cur_id = n->notice_id;
	R->cur_nav = n->notice_number;
	R->cur_rcpt = "";
	R->cur_cf = n->tax_code;
	if ((rc = mark(R, "paper", ES_SEND_PAPER, "print file", NULL, err)) != ES_OK)
		return rc;
	return put_outcome(R, n, "", "paper", O_PAPER, "print file", NULL, NULL, err);
}

static es_rc
notice_send_json(run *R, const es_mail_notice *n, const char *pdf, gsize pdflen, const char *fname, es_err *err)
{
	es_mail_send_opts so;
	char *payload = NULL, *digest64, *path, *tmp, *base;
	GChecksum *ck;
	guint8 dg[32];
	gsize dl = sizeof dg;
	GError *ge = NULL;
	es_rc rc;
	const char *ch = "send-json";

	base = g_strdup_printf("%s.json", fname);
	path = g_build_filename(R->out_dir, base, NULL);
	if (g_file_test(path, G_FILE_TEST_EXISTS)) {
		char reason[600];

		snprintf(reason, sizeof reason, "payload already written: %s", path);
		rc = put_outcome(R, n, n->pec, ch, O_SKIPPED, reason, NULL, NULL, err);
		g_free(base);
		g_free(path);
		return rc;
	}
	ck = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(ck, (const guchar *)pdf, (gssize)pdflen);
	g_checksum_get_digest(ck, dg, &dl);
	g_checksum_free(ck);
	digest64 = g_base64_encode(dg, dl);
	so.sender_name = R->ente->name;
	so.sender_tax_id = R->ente->tax_code;
	so.taxonomy_code = R->taxonomy;
	so.physical_type = NULL;
	so.doc_key = fname;
	so.doc_sha256_b64 = digest64;
	so.doc_title = fname;
	rc = es_mail_send_payload(n, &so, &payload, err);
	g_free(digest64);
	if (rc == ES_EDATA) {
		char msg[ES_ERR_MAX];

		g_strlcpy(msg, err->msg, sizeof msg);
		rc = reject(R, n, n->lines[0], msg, err);
		goto out;
	}
	if (rc != ES_OK)
		goto out;
	if (R->dry_run) {
		rc = put_outcome(R, n, n->pec, ch, O_PLANNED, "dry run", NULL, NULL, err);
		goto out;
	}
	tmp = g_strdup_printf("%s.tmp", path);
	if (!g_file_set_contents(tmp, payload, -1, &ge) || rename(tmp, path) != 0) {
		rc = es_err_set(err, ES_EIO, "%s: %s", path, ge != NULL ? ge->message : g_strerror(errno));
		if (ge != NULL)
			g_error_free(ge);
		g_free(tmp);
		goto out;
	}
	g_free(tmp);
	R->cur_id = n->notice_id;
	R->cur_nav = n->notice_number;
	R->cur_rcpt = n->pec;
	R->cur_cf = n->tax_code;
	if ((rc = mark(R, ch, ES_SEND_SENT, path, NULL, err)) != ES_OK)
		goto out;
	rc = put_outcome(R, n, n->pec, ch, O_SENT, path, NULL, NULL, err);
out:
	free(payload);
	g_free(base);
	g_free(path);
	return rc;
}

/* One notice. */
static es_rc
do_notice(run *R, const es_mail_notice *n, es_err *err)
{
	es_mail_segment seg;
	const char *rcpt, *ch = channel_names[R->ch];
	char *pdfpath = NULL, *pdf = NULL, *fname = NULL, *subject = NULL, *body = NULL, *msg = NULL;
	char msgid[320], reason[1024] = "";
	gsize pdflen = 0;
	size_t msglen = 0;
	es_mail_tmpl *t;
	lookup_ctx c = { .n = n, .R = R };
	bool skip, resend_note;
	outcome o;
	es_rc rc;

	if (R->filter != NULL) {
		bool match;

		if ((rc = es_mail_filter_match(R->filter, n, &match, err)) != ES_OK)
			return rc;
		if (!match)
			return put_outcome(R, n, "", ch, O_SKIPPED, "not selected by --segment", NULL, NULL, err);
	}
	if ((rc = es_mail_segment_of(n->pec, n->email, &seg, &rcpt, err)) != ES_OK) {
		char m[ES_ERR_MAX];

		g_strlcpy(m, err->msg, sizeof m);
		return reject(R, n, n->lines[0], m, err);
	}
	if (R->ch != CH_SEND) {
		if (seg == ES_SEG_PAPER)
			return notice_paper(R, n, err);
		if ((R->ch == CH_PEC && seg != ES_SEG_PEC) || (R->ch == CH_EMAIL && seg != ES_SEG_EMAIL)) {
			snprintf(reason, sizeof reason, "segment %s: not for --channel %s", es_mail_segment_name(seg), ch);
			return put_outcome(R, n, rcpt, ch, O_SKIPPED, reason, NULL, NULL, err);
		}
	}
	if ((rc = read_pdf(R, n, &pdfpath, &pdf, &pdflen, &fname, err)) != ES_OK) {
		if (rc == ES_EDATA) {
			char m[ES_ERR_MAX];

			g_strlcpy(m, err->msg, sizeof m);
			rc = reject(R, n, n->lines[0], m, err);
		}
		goto out;
	}
	if (R->ch == CH_SEND) {
		rc = notice_send_json(R, n, pdf, pdflen, fname, err);
		goto out;
	}
	es_mail_message_id(n->notice_id, n->notice_number, ch, es_mail_addr_domain(R->from_addr), msgid, sizeof msgid);
	if ((rc = check_ledger(R, n, rcpt, &skip, reason, sizeof reason, &resend_note, err)) != ES_OK)
		goto out;
	if (!skip && R->ch == CH_MAILDIR && es_mail_maildir_has(R->out_dir, msgid)) {
		/* delivered by a run killed before it could record it */
		skip = true;
		snprintf(reason, sizeof reason, "already in %s", R->out_dir);
		R->cur_id = n->notice_id;
		R->cur_nav = n->notice_number;
		R->cur_rcpt = rcpt;
		R->cur_cf = n->tax_code;
		if ((rc = mark(R, ch, ES_SEND_SENT, reason, msgid, err)) != ES_OK)
			goto out;
	}
	if (skip) {
		rc = put_outcome(R, n, rcpt, ch, O_SKIPPED, reason, msgid, NULL, err);
		goto out;
	}
	/* the message */
	if ((t = template_for(R, n, err)) == NULL) {
		rc = err->rc;
		goto out;
	}
	if ((rc = es_mail_expand(t->subject, lookup, &c, &subject, err)) != ES_OK ||
	    (rc = es_mail_expand(t->body, lookup, &c, &body, err)) != ES_OK) {
		es_err_prefix(err, "%s", t->name);
		if (rc == ES_EDATA)
			rc = ES_ECONFIG;    /* an unknown placeholder is the template's fault */
		goto out;
	}
	{
		es_mail_msg m = {
			.from_name = R->from_name, .from_addr = R->from_addr,
			.to_name = n->name, .to_addr = rcpt,
			.subject = subject, .body = body, .message_id = msgid, .date = now(),
			.attach_name = fname, .attach = (const unsigned char *)pdf, .attach_len = pdflen,
			.notice_id = n->notice_id
		};

		if ((rc = es_mail_build(&m, &msg, &msglen, err)) != ES_OK) {
			if (rc == ES_EDATA) {
				char em[ES_ERR_MAX];

				g_strlcpy(em, err->msg, sizeof em);
				rc = reject(R, n, n->lines[0], em, err);
			}
			goto out;
		}
	}
	if (R->dry_run) {
		snprintf(reason, sizeof reason, "dry run: message built, not sent");
		rc = put_outcome(R, n, rcpt, ch, O_PLANNED, reason, msgid, NULL, err);
		goto out;
	}
	R->cur_id = n->notice_id;
	R->cur_nav = n->notice_number;
	R->cur_rcpt = rcpt;
	R->cur_cf = n->tax_code;
	R->cur_msgid = msgid;
	if (R->ch == CH_MAILDIR) {
		throttle(R);
		if ((rc = mark(R, ch, ES_SEND_SENDING, NULL, msgid, err)) != ES_OK ||
		    (rc = es_mail_maildir_deliver(R->out_dir, msgid, msg, msglen, err)) != ES_OK ||
		    (rc = mark(R, ch, ES_SEND_SENT, "delivered to new/", msgid, err)) != ES_OK)
			goto out;
		o = O_SENT;
		g_strlcpy(reason, "delivered to new/", sizeof reason);
	} else {
		if ((rc = deliver_smtp(R, rcpt, msg, msglen, &o, reason, sizeof reason, err)) != ES_OK)
			goto out;
		if (resend_note && o == O_SENT) {
			size_t l = strlen(reason);

			snprintf(reason + l, sizeof reason - l, " (resent after an interrupted run: possible duplicate, "
			         "same Message-ID)");
		}
	}
	rc = put_outcome(R, n, rcpt, ch, o, reason, msgid, NULL, err);
out:
	g_free(pdfpath);
	g_free(pdf);
	free(fname);
	free(subject);
	free(body);
	free(msg);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *db_opt = NULL, *ente_path = NULL, *smtp_url = NULL, *user = NULL, *pw_file = NULL;
	const char *segment = NULL, *print_path = NULL, *outcomes_path = "-", *rejects_path = NULL, *rate = NULL;
	const char *channel_opt = NULL, *ca_file = NULL, *input;
	bool starttls = false, decimal_comma = false;
	es_mail_reader *rd = NULL;
	char *password = NULL;
	es_err err;
	es_rc rc = ES_OK;
	run R;
	int c, status, lock_fd = -1;

	memset(&R, 0, sizeof R);
	memset(&err, 0, sizeof err);
	R.pdf_dir = ".";
	R.pdf_name = "{notice_id}.pdf";
	R.retries = 3;
	es_tool_init(argv[0]);
	/* getopt_long takes unambiguous prefixes: "--password S" would be read
	 * as --password-file S and S printed in an error.  Refuse it without
	 * echoing anything that might be a password. */
	for (c = 1; c < argc && strcmp(argv[c], "--") != 0; c++) {
		size_t k = strcspn(argv[c], "=");

		if (k >= 4 && strncmp(argv[c], "--password-file", k) == 0 && k != strlen("--password-file"))
			es_tool_usage_error("passwords are never given on the command line: use --password-file F "
			                    "or $%s", PASSWORD_ENV);
	}
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CHANNEL: channel_opt = optarg; break;
		case OPT_SMTP: smtp_url = optarg; break;
		case OPT_STARTTLS: starttls = true; break;
		case OPT_CA_FILE: ca_file = optarg; break;
		case OPT_USER: user = optarg; break;
		case OPT_PASSWORD_FILE: pw_file = optarg; break;
		case OPT_FROM: R.from_addr = optarg; break;
		case ES_OPT_ENTE: ente_path = optarg; break;
		case OPT_OUT_DIR: R.out_dir = optarg; break;
		case OPT_TAXONOMY: R.taxonomy = optarg; break;
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_PDF_DIR: R.pdf_dir = optarg; break;
		case OPT_PDF_NAME: R.pdf_name = optarg; break;
		case OPT_TEMPLATE: R.tmpl_name = optarg; break;
		case OPT_SEGMENT: segment = optarg; break;
		case OPT_PRINT_FILE: print_path = optarg; break;
		case OPT_OUTCOMES: outcomes_path = optarg; break;
		case OPT_RATE: rate = optarg; break;
		case OPT_RETRIES: {
			char *end;
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 || v < 0 || v > 20)
				es_tool_usage_error("--retries: '%s' is not 0..20", optarg);
			R.retries = (int)v;
			break;
		}
		case OPT_DRY_RUN: R.dry_run = true; break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case ES_OPT_DECIMAL_COMMA: decimal_comma = true; break;
		case 'q': es_diag_set_quiet(true); break;
		case ES_OPT_PROGRESS: es_tool_set_progress(1); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default:
			usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind + 1 != argc)
		es_tool_usage_error(optind == argc ? "no NOTICES.csv given (use - for standard input)"
		                                   : "one NOTICES.csv only");
	input = argv[optind];
	if (channel_opt == NULL)
		es_tool_usage_error("--channel is required");
	for (c = 0; c < (int)ES_ARRAY_LEN(channel_names); c++)
		if (strcmp(channel_opt, channel_names[c]) == 0)
			break;
	if (c == (int)ES_ARRAY_LEN(channel_names))
		es_tool_usage_error("--channel: '%s' is not pec, email, maildir or send-json", channel_opt);
	R.ch = (channel)c;
	if (rate != NULL && !es_mail_parse_rate(rate, &R.interval))
		es_tool_usage_error("--rate: '%s' is not N, N/s, N/m or N/h", rate);
	if ((R.ch == CH_MAILDIR || R.ch == CH_SEND) && R.out_dir == NULL)
		es_tool_usage_error("--channel %s needs --out-dir", channel_opt);
	if ((R.ch == CH_PEC || R.ch == CH_EMAIL) && smtp_url == NULL && !R.dry_run)
		es_tool_usage_error("--channel %s needs --smtp URL", channel_opt);
	if (smtp_url != NULL && R.ch != CH_PEC && R.ch != CH_EMAIL)
		es_tool_usage_error("--smtp goes with --channel pec or email");
	if (R.ch == CH_SEND && R.taxonomy == NULL)
		es_tool_usage_error("--channel send-json needs --taxonomy CODE");
	if (R.taxonomy != NULL && !g_regex_match_simple("^[0-9]{6}[A-Z]$", R.taxonomy, 0, 0))
		es_tool_usage_error("--taxonomy: '%s' is not 6 digits and a capital letter", R.taxonomy);
	db_opt = es_tool_db_path(db_opt);
	if ((R.ch == CH_PEC || R.ch == CH_EMAIL) && db_opt == NULL && !R.dry_run)
		es_tool_usage_error("--channel %s needs the ledger (--db FILE or ESATTORE_DB): it is what "
		                    "keeps a notice from being sent twice", channel_opt);

	if (ente_path != NULL || (getenv("ESATTORE_ENTE") != NULL && *getenv("ESATTORE_ENTE") != '\0')) {
		if ((R.ente = es_ente_load(ente_path, &err)) == NULL)
			es_tool_die_err(&err);
		R.from_name = R.ente->name;
		if (R.from_addr == NULL && R.ch == CH_PEC)
			R.from_addr = R.ente->pec;
	}
	if (R.ch == CH_SEND && R.ente == NULL)
		es_tool_usage_error("--channel send-json needs the ente key file (--ente or ESATTORE_ENTE)");
	if (R.ch != CH_SEND && R.from_addr == NULL)
		es_tool_usage_error("no sender: give --from ADDR (or --ente with a pec for --channel pec)");
	if (R.from_addr != NULL && !es_mail_addr_valid(R.from_addr))
		es_tool_usage_error("--from: '%s' is not a mail address", R.from_addr);
	if (segment != NULL && (R.filter = es_mail_filter_parse(segment, &err)) == NULL)
		es_tool_usage_error("%s", err.msg);
	if (user != NULL || pw_file != NULL) {
		if (user == NULL)
			es_tool_usage_error("--password-file goes with --user");
		password = read_password(pw_file);
		if (password == NULL)
			es_tool_usage_error("--user needs a password: --password-file F or $%s", PASSWORD_ENV);
	}
	R.tmpls = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)es_mail_tmpl_free);
	if (R.tmpl_name != NULL) {
		es_mail_tmpl *t = es_mail_tmpl_load(R.tmpl_name, &err);

		if (t == NULL)
			es_tool_die_err(&err);
		g_hash_table_insert(R.tmpls, g_strdup(R.tmpl_name), t);
	}
	/* the ledger and its lock first: a second run stops before touching anything */
	if (db_opt != NULL) {
		if ((R.ledger = es_ledger_open(db_opt, R.dry_run ? ES_LEDGER_READ : ES_LEDGER_WRITE, &err)) == NULL)
			es_tool_die_err(&err);
		if (!R.dry_run && es_sends_lock(R.ledger, &lock_fd, &err) != ES_OK)
			es_tool_die_err(&err);
	}
	if (R.ch == CH_MAILDIR && !R.dry_run && es_mail_maildir_init(R.out_dir, &err) != ES_OK)
		es_tool_die_err(&err);
	if (R.ch == CH_SEND && !R.dry_run && g_mkdir_with_parents(R.out_dir, 0700) != 0)
		es_tool_die(ES_EXIT_FAILURE, "%s:", R.out_dir);
	if (!R.dry_run && (R.ch == CH_PEC || R.ch == CH_EMAIL)) {
		es_mail_smtp_opts so = { .url = smtp_url, .user = user, .password = password, .starttls = starttls,
		                         .ca_file = ca_file };

		if ((R.smtp = es_mail_smtp_new(&so, &err)) == NULL)
			es_tool_die_err(&err);
	}
	wipe(password);
	password = NULL;

	if ((rd = es_mail_reader_open(input, decimal_comma, &err)) == NULL)
		es_tool_die_err(&err);
	if ((R.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if ((R.out = es_out_open_mode(outcomes_path, 0600, &err)) == NULL ||
	    (R.outw = es_csv_writer_new(R.out, NULL, &err)) == NULL ||
	    es_csv_put_row(R.outw, outcome_cols, ES_ARRAY_LEN(outcome_cols), &err) != ES_OK)
		es_tool_die_err(&err);
	if (print_path != NULL && !R.dry_run &&
	    ((R.printout = es_out_open_mode(print_path, 0600, &err)) == NULL ||
	     (R.printw = es_csv_writer_new(R.printout, NULL, &err)) == NULL))
		es_tool_die_err(&err);
	if (R.ledger != NULL && !R.dry_run &&
	    (rc = es_ledger_run_begin(R.ledger, "send-notices", argc, argv, &err)) != ES_OK)
		goto fail;

	for (;;) {
		const es_mail_notice *n;

		rc = es_mail_reader_next(rd, &n, &err);
		if (rc == ES_EOF)
			break;
		if (rc == ES_EDATA) {
			char m[ES_ERR_MAX];

			R.sum.read++;
			g_strlcpy(m, err.msg, sizeof m);
			if ((rc = reject(&R, n, n->bad_line, m, &err)) != ES_OK)
				goto fail;
			continue;
		}
		if (rc != ES_OK)
			goto fail;
		R.sum.read++;
		if ((rc = do_notice(&R, n, &err)) != ES_OK)
			goto fail;
		es_tool_progress("notices", R.sum.read);
	}
	rc = ES_OK;
	if (R.printw != NULL && !R.print_header_done) {
		/* no paper notice: the print file still has its header */
		size_t nh;
		const char *const *h = es_mail_reader_header(rd, &nh);

		if ((rc = es_csv_put_row(R.printw, h, nh, &err)) != ES_OK)
			goto fail;
	}
	es_csv_writer_free(R.outw);
	R.outw = NULL;
	if (R.printw != NULL)
		es_csv_writer_free(R.printw);
	R.printw = NULL;
	if ((rc = es_out_close(R.printout, &err)) != ES_OK) {
		R.printout = NULL;
		goto fail;
	}
	R.printout = NULL;
	if ((rc = es_out_close(R.out, &err)) != ES_OK) {
		R.out = NULL;
		goto fail;
	}
	R.out = NULL;
	if ((rc = es_rejects_close(R.rejects, &err)) != ES_OK) {
		R.rejects = NULL;
		goto fail;
	}
	R.rejects = NULL;
	if (R.ledger != NULL && !R.dry_run &&
	    (rc = es_ledger_run_commit(R.ledger, R.sum.read, R.sum.written, R.sum.rejected, &err)) != ES_OK)
		goto fail;
	es_tool_progress_done();
	es_summary_print(&R.sum);
	if (!es_diag_quiet())
		fprintf(stderr, "%s: sent %llu, failed %llu, deferred %llu, paper %llu, skipped %llu, planned %llu\n",
		        es_diag_progname(), (unsigned long long)R.count[O_SENT], (unsigned long long)R.count[O_FAILED],
		        (unsigned long long)R.count[O_DEFERRED], (unsigned long long)R.count[O_PAPER],
		        (unsigned long long)R.count[O_SKIPPED], (unsigned long long)R.count[O_PLANNED]);
	status = es_summary_exit_status(&R.sum);
	if (R.count[O_FAILED] > 0 || R.count[O_DEFERRED] > 0)
		status = ES_EXIT_REJECTS;
	goto out;
fail:
	es_tool_progress_done();
	es_error("%s", err.msg[0] ? err.msg : "failed");
	if (R.ledger != NULL && !R.dry_run)
		es_ledger_run_abort(R.ledger, err.msg);
	if (R.outw != NULL)
		es_csv_writer_free(R.outw);
	if (R.printw != NULL)
		es_csv_writer_free(R.printw);
	es_out_close(R.printout, NULL);
	es_out_close(R.out, NULL);
	if (R.rejects != NULL)
		es_rejects_close(R.rejects, NULL);
	status = es_rc_exit_status(rc);
	if (status == ES_EXIT_OK || status == ES_EXIT_REJECTS)
		status = ES_EXIT_FAILURE;
out:
	es_mail_reader_close(rd);
	es_ledger_close(R.ledger);
	es_mail_smtp_free(R.smtp);
	es_mail_filter_free(R.filter);
	es_ente_free(R.ente);
	g_hash_table_destroy(R.tmpls);
	if (lock_fd >= 0)
		close(lock_fd);
	return es_tool_finish(status);
}
