/* send_run.c: one send-notices run (send_run.h). */
#include "es_setup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

#include "domain/send_run.h"
#include "store/sends.h"

static const char *const channel_names[] = { "pec", "email", "maildir", "send-json" };
static const char *const outcome_names[] = { "sent", "failed", "deferred", "paper", "skipped", "planned" };

const char *
es_send_channel_name(es_send_channel ch)
{
	return (size_t)ch < ES_ARRAY_LEN(channel_names) ? channel_names[ch] : "";
}

bool
es_send_channel_parse(const char *s, es_send_channel *ch)
{
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(channel_names); i++)
		if (strcmp(s, channel_names[i]) == 0) {
			*ch = (es_send_channel)i;
			return true;
		}
	return false;
}

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
throttle(es_send_run *R)
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

/* ---- outputs ------------------------------------------------------------ */

static const char *const outcome_cols[] = {
	"notice_id", "recipient", "channel", "status", "reason", "message_id", "at"
};

static es_rc
put_outcome(es_send_run *R, const es_mail_notice *n, const char *rcpt, const char *ch, es_send_outcome o,
            const char *reason, const char *msgid, const char *at, es_err *err)
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

/* Reject every row of notice n for the data error in err, whose message
 * names no file or line: the row at line `line` gets it as is, the
 * notice's other rows a pointer to it. */
static es_rc
reject(es_send_run *R, const es_mail_notice *n, uint64_t line, es_err *err)
{
	char msg[ES_ERR_MAX];
	size_t i;
	es_rc rc = ES_OK;

	g_strlcpy(msg, err->msg, sizeof msg);

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
put_print_rows(es_send_run *R, const es_mail_notice *n, es_err *err)
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
	es_send_run *R;
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
template_for(es_send_run *R, const es_mail_notice *n, es_err *err)
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

/* The notice that mark records. */
static void
set_current(es_send_run *R, const es_mail_notice *n, const char *rcpt)
{
	R->cur_id = n->notice_id;
	R->cur_nav = n->notice_number;
	R->cur_rcpt = rcpt;
	R->cur_cf = n->tax_code;
}

static es_rc
mark(es_send_run *R, const char *ch, es_send_status st, const char *reason, const char *msgid, es_err *err)
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
	es_send_run *R = ctx;

	return mark(R, es_send_channel_name(R->ch), ES_SEND_SUBMITTED, NULL, R->cur_msgid, err);
}

/* One notice over SMTP with retries; *o and reason receive the outcome. */
static es_rc
deliver_smtp(es_send_run *R, const char *rcpt, const char *msg, size_t len, es_send_outcome *o, char *reason,
             size_t rsz, es_err *err)
{
	const char *ch = es_send_channel_name(R->ch);
	int attempt;
	es_rc rc;

	if (R->server_down[0] != '\0') {
		snprintf(reason, rsz, "not tried: %s", R->server_down);
		*o = ES_SEND_OUT_DEFERRED;
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
			*o = ES_SEND_OUT_SENT;
			snprintf(reason, rsz, "%s", reply);
			return mark(R, ch, ES_SEND_SENT, reason, R->cur_msgid, err);
		}
		if (res == ES_MAIL_PERMANENT) {
			*o = ES_SEND_OUT_FAILED;
			snprintf(reason, rsz, "%s", reply);
			return mark(R, ch, ES_SEND_FAILED, reason, R->cur_msgid, err);
		}
		if (attempt >= R->retries) {
			*o = ES_SEND_OUT_DEFERRED;
			snprintf(reason, rsz, "%s", reply);
			/* no reply code at all: the server is unreachable, stop trying */
			if (!g_ascii_isdigit(reply[0]))
				g_strlcpy(R->server_down, reply, sizeof R->server_down);
			return mark(R, ch, ES_SEND_DEFERRED, reason, R->cur_msgid, err);
		}
		es_warn_call(R->warn, R->ctx, NULL, 0, "%s: %s: %s; retrying in %u s", R->cur_id, rcpt, reply,
		             1u << attempt);
		sleep_seconds(1u << (attempt < 10 ? attempt : 10));
	}
}

static es_rc
read_pdf(es_send_run *R, const es_mail_notice *n, char **path, char **data, gsize *len, char **fname, es_err *err)
{
	lookup_ctx c = { .n = n, .R = R };
	GError *ge = NULL;
	es_rc rc;

	*path = *data = *fname = NULL;
	if ((rc = es_mail_expand(R->pdf_name, name_lookup, &c, fname, err)) != ES_OK) {
		/* an unknown placeholder is the option's fault, not the notice's */
		if (rc == ES_EDATA) {
			es_err_prefix(err, "--pdf-name");
			err->rc = rc = ES_ECONFIG;
		}
		return rc;
	}
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
check_ledger(es_send_run *R, const es_mail_notice *n, const char *rcpt, bool *skip, char *reason, size_t rsz,
             bool *resend_note, es_err *err)
{
	const char *family[2];
	size_t nf = 0, i;
	es_rc rc;

	*skip = false;
	*resend_note = false;
	if (R->ledger == NULL)
		return ES_OK;
	if (R->ch == ES_SEND_CH_PEC || R->ch == ES_SEND_CH_EMAIL) {
		/* PEC and e-mail are one delivery: never both */
		family[nf++] = "pec";
		family[nf++] = "email";
	} else {
		family[nf++] = es_send_channel_name(R->ch);
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
			if (strcmp(rec.channel, es_send_channel_name(R->ch)) == 0)
				*resend_note = true;
			break;
		default:
			break;
		}
	}
	return ES_OK;
}

static es_rc
notice_paper(es_send_run *R, const es_mail_notice *n, es_err *err)
{
	es_send_rec rec;
	es_rc rc;

	if (R->ch == ES_SEND_CH_JSON)
		return ES_OK;          /* not reached: SEND takes paper too */
	if (R->ledger != NULL) {
		if ((rc = es_sends_get(R->ledger, n->notice_id, n->notice_number, "paper", &rec, err)) != ES_OK)
			return rc;
		if (rec.status == ES_SEND_PAPER) {
			char reason[600];

			snprintf(reason, sizeof reason, "already in a print file at %s", rec.at);
			return put_outcome(R, n, "", "paper", ES_SEND_OUT_SKIPPED, reason, NULL, NULL, err);
		}
	}
	if (R->dry_run)
		return put_outcome(R, n, "", "paper", ES_SEND_OUT_PLANNED, "dry run: no address, to the print file", NULL,
		                   NULL, err);
	/* without a print file the notice is only reported: a later run with
	 * --print-file must still print it */
	if (R->printw == NULL)
		return put_outcome(R, n, "", "paper", ES_SEND_OUT_PAPER, "no address; no --print-file: not recorded", NULL,
		                   NULL, err);
	if ((rc = put_print_rows(R, n, err)) != ES_OK)
		return rc;
	set_current(R, n, "");
	if ((rc = mark(R, "paper", ES_SEND_PAPER, "print file", NULL, err)) != ES_OK)
		return rc;
	return put_outcome(R, n, "", "paper", ES_SEND_OUT_PAPER, "print file", NULL, NULL, err);
}

static es_rc
notice_send_json(es_send_run *R, const es_mail_notice *n, const char *pdf, gsize pdflen, const char *fname, es_err *err)
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
		rc = put_outcome(R, n, n->pec, ch, ES_SEND_OUT_SKIPPED, reason, NULL, NULL, err);
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
		rc = reject(R, n, n->lines[0], err);
		goto out;
	}
	if (rc != ES_OK)
		goto out;
	if (R->dry_run) {
		rc = put_outcome(R, n, n->pec, ch, ES_SEND_OUT_PLANNED, "dry run", NULL, NULL, err);
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
	set_current(R, n, n->pec);
	if ((rc = mark(R, ch, ES_SEND_SENT, path, NULL, err)) != ES_OK)
		goto out;
	rc = put_outcome(R, n, n->pec, ch, ES_SEND_OUT_SENT, path, NULL, NULL, err);
out:
	free(payload);
	g_free(base);
	g_free(path);
	return rc;
}

/* One notice. */
static es_rc
do_notice(es_send_run *R, const es_mail_notice *n, es_err *err)
{
	es_mail_segment seg;
	const char *rcpt, *ch = es_send_channel_name(R->ch);
	char *pdfpath = NULL, *pdf = NULL, *fname = NULL, *subject = NULL, *body = NULL, *msg = NULL;
	char msgid[320], reason[1024] = "";
	gsize pdflen = 0;
	size_t msglen = 0;
	es_mail_tmpl *t;
	lookup_ctx c = { .n = n, .R = R };
	bool skip, resend_note;
	es_send_outcome o;
	es_rc rc;

	if (R->filter != NULL) {
		bool match;

		if ((rc = es_mail_filter_match(R->filter, n, &match, err)) != ES_OK)
			return rc;
		if (!match)
			return put_outcome(R, n, "", ch, ES_SEND_OUT_SKIPPED, "not selected by --segment", NULL, NULL,
			                   err);
	}
	if ((rc = es_mail_segment_of(n->pec, n->email, &seg, &rcpt, err)) != ES_OK)
		return reject(R, n, n->lines[0], err);
	if (R->ch != ES_SEND_CH_JSON) {
		if (seg == ES_SEG_PAPER)
			return notice_paper(R, n, err);
		if ((R->ch == ES_SEND_CH_PEC && seg != ES_SEG_PEC) ||
		    (R->ch == ES_SEND_CH_EMAIL && seg != ES_SEG_EMAIL)) {
			snprintf(reason, sizeof reason, "segment %s: not for --channel %s", es_mail_segment_name(seg),
			         ch);
			return put_outcome(R, n, rcpt, ch, ES_SEND_OUT_SKIPPED, reason, NULL, NULL, err);
		}
	}
	if ((rc = read_pdf(R, n, &pdfpath, &pdf, &pdflen, &fname, err)) != ES_OK) {
		if (rc == ES_EDATA)
			rc = reject(R, n, n->lines[0], err);
		goto out;
	}
	if (R->ch == ES_SEND_CH_JSON) {
		rc = notice_send_json(R, n, pdf, pdflen, fname, err);
		goto out;
	}
	es_mail_message_id(n->notice_id, n->notice_number, ch, es_mail_addr_domain(R->from_addr), msgid, sizeof msgid);
	if ((rc = check_ledger(R, n, rcpt, &skip, reason, sizeof reason, &resend_note, err)) != ES_OK)
		goto out;
	if (!skip && R->ch == ES_SEND_CH_MAILDIR && es_mail_maildir_has(R->out_dir, msgid)) {
		/* delivered by a run killed before it could record it */
		skip = true;
		snprintf(reason, sizeof reason, "already in %s", R->out_dir);
		set_current(R, n, rcpt);
		if ((rc = mark(R, ch, ES_SEND_SENT, reason, msgid, err)) != ES_OK)
			goto out;
	}
	if (skip) {
		rc = put_outcome(R, n, rcpt, ch, ES_SEND_OUT_SKIPPED, reason, msgid, NULL, err);
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
			if (rc == ES_EDATA)
				rc = reject(R, n, n->lines[0], err);
			goto out;
		}
	}
	if (R->dry_run) {
		snprintf(reason, sizeof reason, "dry run: message built, not sent");
		rc = put_outcome(R, n, rcpt, ch, ES_SEND_OUT_PLANNED, reason, msgid, NULL, err);
		goto out;
	}
	set_current(R, n, rcpt);
	R->cur_msgid = msgid;
	if (R->ch == ES_SEND_CH_MAILDIR) {
		throttle(R);
		if ((rc = mark(R, ch, ES_SEND_SENDING, NULL, msgid, err)) != ES_OK ||
		    (rc = es_mail_maildir_deliver(R->out_dir, msgid, msg, msglen, err)) != ES_OK ||
		    (rc = mark(R, ch, ES_SEND_SENT, "delivered to new/", msgid, err)) != ES_OK)
			goto out;
		o = ES_SEND_OUT_SENT;
		g_strlcpy(reason, "delivered to new/", sizeof reason);
	} else {
		if ((rc = deliver_smtp(R, rcpt, msg, msglen, &o, reason, sizeof reason, err)) != ES_OK)
			goto out;
		if (resend_note && o == ES_SEND_OUT_SENT) {
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


void
es_send_run_init(es_send_run *R)
{
	memset(R, 0, sizeof *R);
	R->pdf_dir = ".";
	R->pdf_name = "{notice_id}.pdf";
	R->retries = 3;
	R->tmpls = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)es_mail_tmpl_free);
}

es_rc
es_send_run_load_template(es_send_run *R, es_err *err)
{
	es_mail_tmpl *t;

	if (R->tmpl_name == NULL || g_hash_table_lookup(R->tmpls, R->tmpl_name) != NULL)
		return ES_OK;
	if ((t = es_mail_tmpl_load(R->tmpl_name, err)) == NULL)
		return err->rc;
	g_hash_table_insert(R->tmpls, g_strdup(R->tmpl_name), t);
	return ES_OK;
}

es_rc
es_send_run_put_header(es_csv_writer *w, es_err *err)
{
	return es_csv_put_row(w, outcome_cols, ES_ARRAY_LEN(outcome_cols), err);
}

es_rc
es_send_run_notices(es_send_run *R, es_mail_reader *rd, es_err *err)
{
	const es_mail_notice *n;
	es_rc rc;

	while ((rc = es_mail_reader_next(rd, &n, err)) != ES_EOF) {
		if (rc == ES_EDATA) {
			R->sum.read++;
			if ((rc = reject(R, n, n->bad_line, err)) != ES_OK)
				return rc;
			continue;
		}
		if (rc != ES_OK)
			return rc;
		R->sum.read++;
		if ((rc = do_notice(R, n, err)) != ES_OK)
			return rc;
		if (R->progress != NULL)
			R->progress(R->ctx, R->sum.read);
	}
	if (R->printw != NULL && !R->print_header_done) {
		/* no paper notice: the print file still has its header */
		size_t nh;
		const char *const *h = es_mail_reader_header(rd, &nh);

		return es_csv_put_row(R->printw, h, nh, err);
	}
	return ES_OK;
}

void
es_send_run_free(es_send_run *R)
{
	if (R->tmpls != NULL)
		g_hash_table_destroy(R->tmpls);
	R->tmpls = NULL;
}
