/* mail_deliver.c: SMTP(S) through libcurl, Maildir delivery, and SEND's
 * notification-request payload (see mail.h). */
#include "es_setup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <curl/curl.h>
#include <glib.h>

#include "render/mail.h"
#include "types/taxid.h"

/* ---- SMTP --------------------------------------------------------------- */

bool
es_mail_parse_rate(const char *s, double *interval)
{
	char *end;
	double n, per;

	errno = 0;
	n = g_ascii_strtod(s, &end);
	if (end == s || errno != 0 || !(n > 0) || n > 1e6)
		return false;
	if (*end == '\0' || strcmp(end, "/s") == 0)
		per = 1;
	else if (strcmp(end, "/m") == 0)
		per = 60;
	else if (strcmp(end, "/h") == 0)
		per = 3600;
	else
		return false;
	*interval = per / n;
	return true;
}

struct es_mail_smtp {
	CURL *curl;
	char *url;
	char *user;
	char *password;
	bool starttls;
	/* one transaction */
	const char *msg;
	size_t len, off;
	es_mail_commit_fn before_end;
	void *ctx;
	bool committed;
	es_rc commit_rc;
	es_err commit_err;
	GString *reply;              /* the reply being read (multi-line) */
	char last_reply[512];        /* the last complete reply */
	char fail_reply[512];        /* the first 4xx or 5xx reply of the transaction */
	char last_cmd[8];            /* the verb of the last command sent (MAIL, RCPT, DATA...) */
	char fail_cmd[8];            /* the command fail_reply answered ("" = the greeting) */
	char errbuf[CURL_ERROR_SIZE];
};

static void
wipe_free(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

es_mail_smtp *
es_mail_smtp_new(const es_mail_smtp_opts *o, es_err *err)
{
	static bool inited;
	es_mail_smtp *s;

	if (o->url == NULL || (g_ascii_strncasecmp(o->url, "smtp://", 7) != 0 &&
	                       g_ascii_strncasecmp(o->url, "smtps://", 8) != 0)) {
		es_err_set(err, ES_ECONFIG, "--smtp: '%s' is not an smtp:// or smtps:// URL", o->url ? o->url : "");
		return NULL;
	}
	if (!inited) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			es_err_set(err, ES_EINTERNAL, "cannot initialise libcurl");
			return NULL;
		}
		inited = true;
	}
	s = calloc(1, sizeof *s);
	if (s == NULL || (s->curl = curl_easy_init()) == NULL) {
		free(s);
		es_err_set(err, ES_ENOMEM, "cannot create a libcurl handle");
		return NULL;
	}
	s->url = strdup(o->url);
	s->user = o->user != NULL ? strdup(o->user) : NULL;
	s->password = o->password != NULL ? strdup(o->password) : NULL;
	s->starttls = o->starttls;
	s->reply = g_string_new(NULL);
	curl_easy_setopt(s->curl, CURLOPT_URL, s->url);
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(s->curl, CURLOPT_TIMEOUT, o->timeout > 0 ? o->timeout : 300L);
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT, 30L);
	if (s->user != NULL) {
		curl_easy_setopt(s->curl, CURLOPT_USERNAME, s->user);
		curl_easy_setopt(s->curl, CURLOPT_PASSWORD, s->password != NULL ? s->password : "");
	}
	if (o->starttls)
		curl_easy_setopt(s->curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (o->ca_file != NULL)
		curl_easy_setopt(s->curl, CURLOPT_CAINFO, o->ca_file);
	if (o->insecure) {
		curl_easy_setopt(s->curl, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(s->curl, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	return s;
}

void
es_mail_smtp_free(es_mail_smtp *s)
{
	if (s == NULL)
		return;
	curl_easy_cleanup(s->curl);
	free(s->url);
	free(s->user);
	wipe_free(s->password);
	g_string_free(s->reply, TRUE);
	free(s);
}

static size_t
read_cb(char *buf, size_t size, size_t nitems, void *userp)
{
	es_mail_smtp *s = userp;
	size_t room = size * nitems, n = s->len - s->off;

	if (n > room)
		n = room;
	/* This call hands over the last bytes: record that before they leave,
	 * so that the record always precedes the end-of-data mark. */
	if (s->off + n == s->len && !s->committed && s->before_end != NULL) {
		s->committed = true;
		s->commit_rc = s->before_end(s->ctx, &s->commit_err);
		if (s->commit_rc != ES_OK)
			return CURL_READFUNC_ABORT;
	}
	if (n == 0)
		return 0;
	memcpy(buf, s->msg + s->off, n);
	s->off += n;
	return n;
}

/* Only the server's replies are kept (CURLINFO_HEADER_IN), and of what we
 * send only the verb of a command when it is one of the SMTP verbs below:
 * the AUTH exchange's payload (credentials) is never looked at. */
static void
note_command(es_mail_smtp *s, const char *data, size_t size)
{
	static const char *const verbs[] = { "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "QUIT" };
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(verbs); i++) {
		size_t n = strlen(verbs[i]);

		if (size >= n && g_ascii_strncasecmp(data, verbs[i], n) == 0 &&
		    (size == n || data[n] == ' ' || data[n] == '\r' || data[n] == '\n')) {
			g_strlcpy(s->last_cmd, verbs[i], sizeof s->last_cmd);
			return;
		}
	}
}

static int
debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *userp)
{
	es_mail_smtp *s = userp;
	size_t i = 0;

	(void)h;
	if (type == CURLINFO_HEADER_OUT) {
		note_command(s, data, size);
		return 0;
	}
	if (type != CURLINFO_HEADER_IN)
		return 0;
	while (i < size) {
		size_t j = i;

		while (j < size && data[j] != '\n')
			j++;
		{
			size_t l = j - i;
			const char *line = data + i;

			if (l > 0 && line[l - 1] == '\r')
				l--;
			if (l >= 3) {
				/* "250-..." continues, "250 ..." ends a reply */
				bool more = l > 3 && line[3] == '-';

				if (s->reply->len > 0)
					g_string_append_c(s->reply, ' ');
				if (s->reply->len == 0)
					g_string_append_len(s->reply, line, (gssize)l);
				else
					g_string_append_len(s->reply, line + (l > 4 ? 4 : l), (gssize)(l > 4 ? l - 4 : 0));
				if (!more) {
					g_strlcpy(s->last_reply, s->reply->str, sizeof s->last_reply);
					if ((s->reply->str[0] == '4' || s->reply->str[0] == '5') && s->fail_reply[0] == '\0') {
						g_strlcpy(s->fail_reply, s->reply->str, sizeof s->fail_reply);
						g_strlcpy(s->fail_cmd, s->last_cmd, sizeof s->fail_cmd);
					}
					g_string_truncate(s->reply, 0);
				}
			}
		}
		i = j + 1;
	}
	return 0;
}

es_rc
es_mail_smtp_send(es_mail_smtp *s, const char *from, const char *to, const char *msg, size_t len,
                  es_mail_commit_fn before_end, void *ctx, es_mail_result *result, char *reason,
                  size_t reasonsz, es_err *err)
{
	struct curl_slist *rcpt = NULL;
	char *mfrom, *mto;
	long code = 0;
	CURLcode cc;

	s->msg = msg;
	s->len = len;
	s->off = 0;
	s->before_end = before_end;
	s->ctx = ctx;
	s->committed = false;
	s->commit_rc = ES_OK;
	memset(&s->commit_err, 0, sizeof s->commit_err);
	s->last_reply[0] = '\0';
	s->fail_reply[0] = '\0';
	s->fail_cmd[0] = '\0';
	s->last_cmd[0] = '\0';
	s->errbuf[0] = '\0';
	g_string_truncate(s->reply, 0);
	mfrom = g_strdup_printf("<%s>", from);
	mto = g_strdup_printf("<%s>", to);
	rcpt = curl_slist_append(rcpt, mto);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, mfrom);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(s->curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(s->curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(s->curl, CURLOPT_READDATA, s);
	curl_easy_setopt(s->curl, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(s->curl, CURLOPT_DEBUGDATA, s);
	curl_easy_setopt(s->curl, CURLOPT_VERBOSE, 1L);
	cc = curl_easy_perform(s->curl);
	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpt);
	g_free(mfrom);
	g_free(mto);
	if (s->commit_rc != ES_OK) {
		if (err != NULL)
			*err = s->commit_err;
		return s->commit_rc;
	}
	if (cc == CURLE_OK) {
		*result = ES_MAIL_SENT;
		g_strlcpy(reason, s->last_reply[0] ? s->last_reply : "250", reasonsz);
		return ES_OK;
	}
	switch (cc) {
	case CURLE_LOGIN_DENIED:
		return es_err_set(err, ES_ECONFIG, "%s: authentication refused: %s", s->url,
		                  s->fail_reply[0] ? s->fail_reply : curl_easy_strerror(cc));
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_USE_SSL_FAILED:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_COULDNT_RESOLVE_HOST:
		return es_err_set(err, ES_ECONFIG, "%s: %s", s->url, s->errbuf[0] ? s->errbuf : curl_easy_strerror(cc));
	case CURLE_OUT_OF_MEMORY:
		return es_err_set(err, ES_ENOMEM, "out of memory in libcurl");
	default:
		break;
	}
	/* A refusal of the session (greeting, EHLO, STARTTLS, AUTH) or of the
	 * sender (MAIL FROM) is not about this notice: every other one would
	 * meet it too.  Permanent, it stops the run; temporary, it defers. */
	if (code >= 500 && code <= 599 && s->fail_reply[0] != '\0' && strcmp(s->fail_cmd, "RCPT") != 0 &&
	    strcmp(s->fail_cmd, "DATA") != 0)
		return es_err_set(err, ES_ECONFIG, "%s: the server refuses the session%s%s: %s", s->url,
		                  s->fail_cmd[0] ? " at " : " at connection", s->fail_cmd, s->fail_reply);
	if (code >= 500 && code <= 599) {
		*result = ES_MAIL_PERMANENT;
		g_strlcpy(reason, s->fail_reply[0] ? s->fail_reply : curl_easy_strerror(cc), reasonsz);
	} else {
		*result = ES_MAIL_TEMPORARY;
		if (code >= 400 && code <= 499 && s->fail_reply[0])
			g_strlcpy(reason, s->fail_reply, reasonsz);
		else
			snprintf(reason, reasonsz, "%s", s->errbuf[0] ? s->errbuf : curl_easy_strerror(cc));
	}
	return ES_OK;
}

/* ---- Maildir ------------------------------------------------------------ */

es_rc
es_mail_maildir_init(const char *dir, es_err *err)
{
	static const char *const sub[] = { "", "/tmp", "/new", "/cur" };
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(sub); i++) {
		char *p = g_strconcat(dir, sub[i], NULL);

		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			es_err_errno(err, ES_EIO, "%s", p);
			g_free(p);
			return ES_EIO;
		}
		g_free(p);
	}
	return ES_OK;
}

char *
es_mail_maildir_name(const char *key, char *buf, size_t n)
{
	size_t i = 0;
	const char *p;

	for (p = key; *p && i + 1 < n; p++)
		buf[i++] = g_ascii_isalnum(*p) || strchr(".-_@", *p) != NULL ? *p : '_';
	buf[i] = '\0';
	return buf;
}

bool
es_mail_maildir_has(const char *dir, const char *key)
{
	char name[300], *p, *cur;
	bool found;
	GDir *d;
	const char *e;
	size_t nl;

	es_mail_maildir_name(key, name, sizeof name);
	p = g_strdup_printf("%s/new/%s", dir, name);
	found = access(p, F_OK) == 0;
	g_free(p);
	if (found)
		return true;
	/* a mail reader moves it to cur/ with ":2,FLAGS" appended */
	cur = g_strdup_printf("%s/cur", dir);
	d = g_dir_open(cur, 0, NULL);
	g_free(cur);
	if (d == NULL)
		return false;
	nl = strlen(name);
	while ((e = g_dir_read_name(d)) != NULL)
		if (strncmp(e, name, nl) == 0 && (e[nl] == '\0' || e[nl] == ':'))
			found = true;
	g_dir_close(d);
	return found;
}

static es_rc
fsync_dir(const char *dir, es_err *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return es_err_errno(err, ES_EIO, "%s", dir);
	if (fsync(fd) != 0 && errno != EINVAL) {
		close(fd);
		return es_err_errno(err, ES_EIO, "%s: fsync", dir);
	}
	close(fd);
	return ES_OK;
}

es_rc
es_mail_maildir_deliver(const char *dir, const char *key, const char *msg, size_t len, es_err *err)
{
	char name[300], *tmp, *newp, *newdir;
	size_t off = 0;
	es_rc rc = ES_OK;
	int fd;

	es_mail_maildir_name(key, name, sizeof name);
	tmp = g_strdup_printf("%s/tmp/%s", dir, name);
	newp = g_strdup_printf("%s/new/%s", dir, name);
	newdir = g_strdup_printf("%s/new", dir);
	/* a leftover in tmp/ is an interrupted delivery of this message */
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = es_err_errno(err, ES_EIO, "%s", tmp);
		goto out;
	}
	while (off < len) {
		ssize_t w = write(fd, msg + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = es_err_errno(err, ES_EIO, "%s: write error", tmp);
			close(fd);
			unlink(tmp);
			goto out;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		rc = es_err_errno(err, ES_EIO, "%s: write error", tmp);
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, newp) != 0) {
		rc = es_err_errno(err, ES_EIO, "%s: cannot move to new/", tmp);
		unlink(tmp);
		goto out;
	}
	rc = fsync_dir(newdir, err);
out:
	g_free(tmp);
	g_free(newp);
	g_free(newdir);
	return rc;
}

/* ---- SEND --------------------------------------------------------------- */

es_rc
es_mail_json_string(GString *buf, const char *s, es_err *err)
{
	const unsigned char *p;

	if (!g_utf8_validate(s, -1, NULL))
		return es_err_set(err, ES_EDATA, "not valid UTF-8: '%s'", s);
	g_string_append_c(buf, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': g_string_append(buf, "\\\""); break;
		case '\\': g_string_append(buf, "\\\\"); break;
		case '\n': g_string_append(buf, "\\n"); break;
		case '\r': g_string_append(buf, "\\r"); break;
		case '\t': g_string_append(buf, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				g_string_append_printf(buf, "\\u%04x", *p);
			else
				g_string_append_c(buf, (char)*p);
		}
	}
	g_string_append_c(buf, '"');
	return ES_OK;
}

bool
es_mail_split_address(const char *address, char *street, char *zip, char *municipality, char *province)
{
	const char *comma = strrchr(address, ',');
	const char *tail = comma != NULL ? comma + 1 : address;
	char *t, *open;
	size_t k;

	street[0] = zip[0] = municipality[0] = province[0] = '\0';
	if (comma == NULL)
		return false;
	while (*tail == ' ')
		tail++;
	for (k = 0; k < 5; k++)
		if (!g_ascii_isdigit(tail[k]))
			return false;
	if (tail[5] != ' ')
		return false;
	g_strlcpy(zip, tail, 6);
	t = g_strstrip(g_strdup(tail + 6));
	open = strrchr(t, '(');
	if (open != NULL && strlen(open) == 4 && open[3] == ')' && g_ascii_isalpha(open[1]) &&
	    g_ascii_isalpha(open[2])) {
		province[0] = g_ascii_toupper(open[1]);
		province[1] = g_ascii_toupper(open[2]);
		province[2] = '\0';
		*open = '\0';
		g_strstrip(t);
	}
	g_strlcpy(municipality, t, 128);
	g_free(t);
	{
		char *st = g_strstrip(g_strndup(address, (gsize)(comma - address)));

		g_strlcpy(street, st, 128);
		g_free(st);
	}
	return *municipality != '\0' && *street != '\0';
}

static void
indent(GString *s, int level)
{
	int i;

	for (i = 0; i < level; i++)
		g_string_append(s, "  ");
}

/* "key": "value" with the given indentation and a trailing comma if more. */
static es_rc
kv(GString *s, int level, const char *key, const char *value, bool more, es_err *err)
{
	es_rc rc;

	indent(s, level);
	g_string_append_printf(s, "\"%s\": ", key);
	if ((rc = es_mail_json_string(s, value, err)) != ES_OK)
		return es_err_prefix(err, "%s", key);
	g_string_append(s, more ? ",\n" : "\n");
	return ES_OK;
}

es_rc
es_mail_send_payload(const es_mail_notice *n, const es_mail_send_opts *o, char **out, es_err *err)
{
	char street[128], zip[128], town[128], prov[128], cf[20], idem[300];
	GString *s = g_string_new(NULL);
	es_taxid_kind kind;
	es_rc rc = ES_OK;
	size_t i;
	int ncol = -1;

	*out = NULL;
	if (es_taxid_normalise(n->tax_code, cf, sizeof cf) == NULL ||
	    (kind = es_taxid_classify(cf)) == ES_TAXID_INVALID) {
		rc = es_err_set(err, ES_EDATA, "tax_code: '%s' is not a valid codice fiscale (SEND needs one)",
		                n->tax_code);
		goto fail;
	}
	if (!es_mail_split_address(n->address, street, zip, town, prov)) {
		rc = es_err_set(err, ES_EDATA, "address: '%s' has no 'street, CAP municipality (PR)' form "
		                "(SEND needs the CAP and the municipality)", n->address);
		goto fail;
	}
	for (i = 0; i < n->ncols; i++) {
		if (strcmp(n->colnames[i], "notice_number") == 0)
			ncol = (int)i;
	}
	es_mail_message_id(n->notice_id, n->notice_number, "send", "", idem, sizeof idem);
	idem[strcspn(idem, "@")] = '\0';      /* a token, not an address */
	g_string_append(s, "{\n");
	if ((rc = kv(s, 1, "idempotenceToken", idem, true, err)) != ES_OK ||
	    (rc = kv(s, 1, "paProtocolNumber", n->notice_id, true, err)) != ES_OK)
		goto fail;
	{
		/* subject: at most 134 characters, whole UTF-8 characters */
		char *subj = g_utf8_substring(n->subject_text, 0, MIN(g_utf8_strlen(n->subject_text, -1), 134));

		rc = kv(s, 1, "subject", subj, true, err);
		g_free(subj);
		if (rc != ES_OK)
			goto fail;
	}
	g_string_append(s, "  \"recipients\": [\n    {\n");
	if ((rc = kv(s, 3, "recipientType", kind == ES_TAXID_PERSON ? "PF" : "PG", true, err)) != ES_OK ||
	    (rc = kv(s, 3, "taxId", cf, true, err)) != ES_OK ||
	    (rc = kv(s, 3, "denomination", n->name, true, err)) != ES_OK)
		goto fail;
	if (*n->pec != '\0') {
		g_string_append(s, "      \"digitalDomicile\": {\n");
		if ((rc = kv(s, 4, "type", "PEC", true, err)) != ES_OK ||
		    (rc = kv(s, 4, "address", n->pec, false, err)) != ES_OK)
			goto fail;
		g_string_append(s, "      },\n");
	}
	g_string_append(s, "      \"physicalAddress\": {\n");
	if ((rc = kv(s, 4, "address", street, true, err)) != ES_OK ||
	    (rc = kv(s, 4, "zip", zip, true, err)) != ES_OK ||
	    (rc = kv(s, 4, "municipality", town, *prov != '\0', err)) != ES_OK ||
	    (*prov != '\0' && (rc = kv(s, 4, "province", prov, false, err)) != ES_OK))
		goto fail;
	g_string_append(s, "      },\n      \"payments\": [\n");
	/* one pagoPA payment per row: the rata unica and the installments
	 * are alternative or successive payments of the same notice */
	for (i = 0; i < n->nrows; i++) {
		g_string_append(s, "        {\n          \"pagoPa\": {\n");
		if ((rc = kv(s, 6, "noticeCode", ncol >= 0 ? n->rows[i][ncol] : n->notice_number, true, err)) != ES_OK ||
		    (rc = kv(s, 6, "creditorTaxId", o->sender_tax_id, true, err)) != ES_OK)
			goto fail;
		g_string_append(s, "            \"applyCost\": false\n          }\n        }");
		g_string_append(s, i + 1 < n->nrows ? ",\n" : "\n");
	}
	g_string_append(s, "      ]\n    }\n  ],\n  \"documents\": [\n    {\n      \"digests\": {\n");
	if ((rc = kv(s, 4, "sha256", o->doc_sha256_b64, false, err)) != ES_OK)
		goto fail;
	g_string_append(s, "      },\n");
	if ((rc = kv(s, 3, "contentType", "application/pdf", true, err)) != ES_OK)
		goto fail;
	g_string_append(s, "      \"ref\": {\n");
	if ((rc = kv(s, 4, "key", o->doc_key, true, err)) != ES_OK ||
	    (rc = kv(s, 4, "versionToken", "", false, err)) != ES_OK)
		goto fail;
	g_string_append(s, "      },\n");
	if ((rc = kv(s, 3, "title", o->doc_title, true, err)) != ES_OK ||
	    (rc = kv(s, 3, "docIdx", "0", false, err)) != ES_OK)
		goto fail;
	g_string_append(s, "    }\n  ],\n");
	if ((rc = kv(s, 1, "notificationFeePolicy", "FLAT_RATE", true, err)) != ES_OK ||
	    (rc = kv(s, 1, "physicalCommunicationType",
	             o->physical_type != NULL ? o->physical_type : "AR_REGISTERED_LETTER", true, err)) != ES_OK ||
	    (rc = kv(s, 1, "senderDenomination", o->sender_name, true, err)) != ES_OK ||
	    (rc = kv(s, 1, "senderTaxId", o->sender_tax_id, true, err)) != ES_OK ||
	    (rc = kv(s, 1, "taxonomyCode", o->taxonomy_code, true, err)) != ES_OK)
		goto fail;
	g_string_append_printf(s, "  \"amount\": %lld,\n", (long long)n->total);
	if ((rc = kv(s, 1, "paymentExpirationDate", n->due_date, false, err)) != ES_OK)
		goto fail;
	g_string_append(s, "}\n");
	*out = strdup(s->str);
	g_string_free(s, TRUE);
	return *out != NULL ? ES_OK : es_err_set(err, ES_ENOMEM, "out of memory");
fail:
	g_string_free(s, TRUE);
	return rc;
}
