/* mail.c: the message (MIME, RFC 2047 headers), the body template, the
 * notices reader, segments and the --segment filter (see mail.h). */
#include "es_setup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

#include "render/mail.h"
#include "io/csv.h"
#include "rules.h"
#include "types/date.h"

/* ---- encodings ---------------------------------------------------------- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *
es_mail_base64(const unsigned char *data, size_t n)
{
	/* 4 characters per 3 bytes, 2 more per line of 76 (57 bytes). */
	size_t quads = (n + 2) / 3, lines = (n + 56) / 57, cap = quads * 4 + lines * 2 + 1;
	char *out = malloc(cap), *p = out;
	size_t i, col = 0;

	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)data[i] << 16;
		size_t left = n - i;

		if (left > 1)
			v |= (unsigned)data[i + 1] << 8;
		if (left > 2)
			v |= data[i + 2];
		*p++ = b64[(v >> 18) & 63];
		*p++ = b64[(v >> 12) & 63];
		*p++ = left > 1 ? b64[(v >> 6) & 63] : '=';
		*p++ = left > 2 ? b64[v & 63] : '=';
		col += 4;
		if (col == 76 || i + 3 >= n) {
			*p++ = '\r';
			*p++ = '\n';
			col = 0;
		}
	}
	*p = '\0';
	return out;
}

static void
qp_soft_break(GString *s, size_t *col, size_t need)
{
	/* a line holds 76 characters including the '=' of a soft break */
	if (*col + need > 75) {
		g_string_append(s, "=\r\n");
		*col = 0;
	}
}

char *
es_mail_qp(const char *text)
{
	GString *s = g_string_new(NULL);
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)text;
	size_t col = 0;

	while (*p != '\0') {
		unsigned char c = *p;
		bool eol = c == '\n' || (c == '\r' && p[1] == '\n');
		bool next_eol = p[1] == '\0' || p[1] == '\n' || (p[1] == '\r' && p[2] == '\n');

		if (eol) {
			g_string_append(s, "\r\n");
			col = 0;
			p += c == '\r' ? 2 : 1;
			continue;
		}
		/* printable ASCII except '=' goes as is; a space or tab at the end
		 * of a line is encoded so that transports cannot strip it */
		if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !next_eol)) {
			/* the last character of a line may use column 76 */
			if (!(col + 1 == 76 && next_eol))
				qp_soft_break(s, &col, 1);
			g_string_append_c(s, (char)c);
			col++;
		} else {
			if (!(col + 3 == 76 && next_eol))
				qp_soft_break(s, &col, 3);
			g_string_append_c(s, '=');
			g_string_append_c(s, hex[c >> 4]);
			g_string_append_c(s, hex[c & 15]);
			col += 3;
		}
		p++;
	}
	if (col > 0)
		g_string_append(s, "\r\n");
	return g_string_free(s, FALSE);
}

static bool
needs_encoding(const char *v)
{
	const unsigned char *p;

	if (strstr(v, "=?") != NULL)
		return true;
	for (p = (const unsigned char *)v; *p; p++)
		if (*p < 32 || *p > 126)
			return true;
	return false;
}

/* Characters allowed unencoded in a Q encoded-word in any header context
 * (RFC 2047 5(3)): letters, digits and !*+-/ ; space becomes '_'. */
static bool
q_plain(unsigned char c)
{
	return g_ascii_isalnum(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}

/* Append v as Q encoded-words, starting at column *col; words are at most
 * 75 characters and lines at most 76 (a fold is CRLF and a space). */
static void
append_encoded_words(GString *s, const char *v, size_t *col)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *p = v;
	const size_t overhead = 12;   /* "=?UTF-8?Q?" and "?=" */
	bool first = true;

	while (*p != '\0') {
		GString *w = g_string_new(NULL);
		size_t cap;

		/* the first word goes on the header's line if a useful part of
		 * it fits there; every other word starts a folded line */
		if (first && *col + 1 + overhead + 12 <= 76) {
			g_string_append_c(s, ' ');
			(*col)++;
		} else {
			g_string_append(s, "\r\n ");
			*col = 1;
		}
		cap = MIN(75, 76 - *col);
		/* fill the word with whole characters */
		while (*p != '\0') {
			const char *next = g_utf8_next_char(p);
			size_t clen = (size_t)(next - p), need = 0, k;

			for (k = 0; k < clen; k++)
				need += q_plain((unsigned char)p[k]) || p[k] == ' ' ? 1 : 3;
			if (w->len + need + overhead > cap)
				break;
			for (k = 0; k < clen; k++) {
				unsigned char c = (unsigned char)p[k];

				if (c == ' ')
					g_string_append_c(w, '_');
				else if (q_plain(c))
					g_string_append_c(w, (char)c);
				else {
					g_string_append_c(w, '=');
					g_string_append_c(w, hex[c >> 4]);
					g_string_append_c(w, hex[c & 15]);
				}
			}
			p = next;
		}
		g_string_append(s, "=?UTF-8?Q?");
		g_string_append_len(s, w->str, (gssize)w->len);
		g_string_append(s, "?=");
		*col += w->len + overhead;
		g_string_free(w, TRUE);
		first = false;
	}
}

/* Append ASCII v at column *col, folding at spaces so that lines stay
 * within 78 characters where a space allows it. */
static void
append_folded(GString *s, const char *v, size_t *col)
{
	const char *p = v;

	while (*p != '\0') {
		const char *sp = strchr(p + 1, ' ');
		size_t wl = sp != NULL ? (size_t)(sp - p) : strlen(p);

		/* p points at a word, with its leading space if not the first */
		if (*p == ' ' && *col + wl > 78) {
			g_string_append(s, "\r\n");
			*col = 0;
		}
		g_string_append_len(s, p, (gssize)wl);
		*col += wl;
		p += wl;
	}
}

es_rc
es_mail_header(GString *buf, const char *name, const char *value, es_err *err)
{
	size_t col;

	if (!g_utf8_validate(value, -1, NULL))
		return es_err_set(err, ES_EDATA, "%s: not valid UTF-8", name);
	g_string_append(buf, name);
	g_string_append_c(buf, ':');
	col = strlen(name) + 1;
	if (needs_encoding(value)) {
		append_encoded_words(buf, value, &col);
	} else {
		g_string_append_c(buf, ' ');
		col++;
		append_folded(buf, value, &col);
	}
	g_string_append(buf, "\r\n");
	return ES_OK;
}

/* atext of RFC 5322 plus space: a phrase that needs no quoting. */
static bool
is_plain_phrase(const char *v)
{
	const char *p;

	for (p = v; *p; p++)
		if (!g_ascii_isalnum(*p) && strchr(" !#$%&'*+-/=?^_`{|}~", *p) == NULL)
			return false;
	return true;
}

es_rc
es_mail_header_addr(GString *buf, const char *name, const char *display, const char *addr, es_err *err)
{
	size_t col;

	if (!es_mail_addr_valid(addr))
		return es_err_set(err, ES_EDATA, "%s: '%s' is not a mail address", name, addr);
	if (display != NULL && !g_utf8_validate(display, -1, NULL))
		return es_err_set(err, ES_EDATA, "%s: the name is not valid UTF-8", name);
	g_string_append(buf, name);
	g_string_append_c(buf, ':');
	col = strlen(name) + 1;
	if (display != NULL && *display != '\0') {
		if (needs_encoding(display)) {
			append_encoded_words(buf, display, &col);
		} else if (is_plain_phrase(display)) {
			g_string_append_c(buf, ' ');
			col++;
			append_folded(buf, display, &col);
		} else {
			const char *p;

			g_string_append(buf, " \"");
			for (p = display; *p; p++) {
				if (*p == '"' || *p == '\\')
					g_string_append_c(buf, '\\');
				g_string_append_c(buf, *p);
			}
			g_string_append_c(buf, '"');
			col += strlen(display) + 3;
		}
		if (col + strlen(addr) + 3 > 78) {
			g_string_append(buf, "\r\n");
			col = 0;
		}
	}
	g_string_append(buf, " <");
	g_string_append(buf, addr);
	g_string_append(buf, ">\r\n");
	return ES_OK;
}

bool
es_mail_addr_valid(const char *addr)
{
	const char *at, *p;
	size_t n;

	if (addr == NULL || (n = strlen(addr)) == 0 || n > 254)
		return false;
	for (p = addr; *p; p++)
		if (*p <= 32 || *p >= 127 || strchr("\"<>(),;:\\[]", *p) != NULL)
			return false;
	at = strchr(addr, '@');
	if (at == NULL || at == addr || strchr(at + 1, '@') != NULL || at - addr > 64)
		return false;
	p = at + 1;
	if (*p == '\0' || *p == '.' || strchr(p, '.') == NULL || addr[n - 1] == '.' || strstr(p, "..") != NULL)
		return false;
	for (; *p; p++)
		if (!g_ascii_isalnum(*p) && *p != '.' && *p != '-')
			return false;
	return true;
}

const char *
es_mail_addr_domain(const char *addr)
{
	const char *at = addr != NULL ? strrchr(addr, '@') : NULL;

	return at != NULL ? at + 1 : "";
}

char *
es_mail_date(time_t t, char *buf, size_t n)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(buf, n, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
	         months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return buf;
}

static void
append_id_part(GString *s, const char *v)
{
	for (; *v; v++)
		g_string_append_c(s, g_ascii_isalnum(*v) || *v == '-' ? *v : '_');
}

char *
es_mail_message_id(const char *notice_id, const char *notice_number, const char *channel, const char *domain,
                   char *buf, size_t n)
{
	GString *s = g_string_new("esattore.");

	append_id_part(s, notice_id);
	g_string_append_c(s, '.');
	append_id_part(s, notice_number);
	g_string_append_c(s, '.');
	append_id_part(s, channel);
	g_string_append_c(s, '@');
	g_string_append(s, domain != NULL && *domain != '\0' ? domain : "localhost");
	g_strlcpy(buf, s->str, n);
	g_string_free(s, TRUE);
	return buf;
}

/* ---- the message -------------------------------------------------------- */

es_rc
es_mail_build(const es_mail_msg *m, char **out, size_t *outlen, es_err *err)
{
	GString *s = g_string_new(NULL);
	char date[64], boundary[64];
	char *qp, *b;
	es_rc rc;

	*out = NULL;
	*outlen = 0;
	/* The boundary cannot occur in quoted-printable ('=' is always "=3D")
	 * nor in base64 (no '_'); the id makes it differ per message anyway. */
	{
		guint h = g_str_hash(m->message_id != NULL ? m->message_id : "");

		snprintf(boundary, sizeof boundary, "=_esattore_%08x", h);
	}
	g_string_append_printf(s, "Date: %s\r\n", es_mail_date(m->date, date, sizeof date));
	if ((rc = es_mail_header_addr(s, "From", m->from_name, m->from_addr, err)) != ES_OK ||
	    (rc = es_mail_header_addr(s, "To", m->to_name, m->to_addr, err)) != ES_OK ||
	    (rc = es_mail_header(s, "Subject", m->subject != NULL ? m->subject : "", err)) != ES_OK)
		goto fail;
	if (m->message_id != NULL)
		g_string_append_printf(s, "Message-ID: <%s>\r\n", m->message_id);
	if (m->notice_id != NULL && (rc = es_mail_header(s, "X-Esattore-Notice", m->notice_id, err)) != ES_OK)
		goto fail;
	g_string_append(s, "MIME-Version: 1.0\r\n");
	if (m->attach_name != NULL) {
		g_string_append_printf(s, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n", boundary);
		g_string_append(s, "This is a multi-part message in MIME format.\r\n\r\n");
		g_string_append_printf(s, "--%s\r\n", boundary);
	}
	g_string_append(s, "Content-Type: text/plain; charset=UTF-8\r\n"
	                   "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	if (m->body != NULL && !g_utf8_validate(m->body, -1, NULL)) {
		rc = es_err_set(err, ES_EDATA, "the message body is not valid UTF-8");
		goto fail;
	}
	if ((qp = es_mail_qp(m->body != NULL ? m->body : "")) == NULL) {
		rc = es_err_set(err, ES_ENOMEM, "out of memory");
		goto fail;
	}
	g_string_append(s, qp);
	free(qp);
	if (m->attach_name != NULL) {
		const char *p;

		for (p = m->attach_name; *p; p++)
			if (!g_ascii_isalnum(*p) && strchr("._-", *p) == NULL) {
				rc = es_err_set(err, ES_EDATA, "attachment name '%s': only letters, digits, '.', '-', '_'",
				                m->attach_name);
				goto fail;
			}
		g_string_append_printf(s, "\r\n--%s\r\n", boundary);
		g_string_append_printf(s, "Content-Type: application/pdf; name=\"%s\"\r\n"
		                          "Content-Disposition: attachment; filename=\"%s\"\r\n"
		                          "Content-Transfer-Encoding: base64\r\n\r\n",
		                       m->attach_name, m->attach_name);
		if ((b = es_mail_base64(m->attach, m->attach_len)) == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			goto fail;
		}
		g_string_append(s, b);
		free(b);
		g_string_append_printf(s, "\r\n--%s--\r\n", boundary);
	}
	*outlen = s->len;
	*out = malloc(s->len + 1);
	if (*out == NULL) {
		rc = es_err_set(err, ES_ENOMEM, "out of memory");
		goto fail;
	}
	memcpy(*out, s->str, s->len + 1);
	g_string_free(s, TRUE);
	return ES_OK;
fail:
	g_string_free(s, TRUE);
	return rc;
}

/* ---- templates ---------------------------------------------------------- */

static char *
tmpl_path(const char *name)
{
	if (strchr(name, '/') != NULL)
		return g_strdup(name);
	return g_strdup_printf("%s/templates/mail-%s.txt", es_datadir(), name);
}

bool
es_mail_tmpl_exists(const char *name)
{
	char *p = tmpl_path(name);
	bool ok = access(p, R_OK) == 0;

	g_free(p);
	return ok;
}

es_mail_tmpl *
es_mail_tmpl_load(const char *name, es_err *err)
{
	char *path = tmpl_path(name), *text = NULL, *p, *eol;
	GError *ge = NULL;
	es_mail_tmpl *t;
	gsize len;

	if (!g_file_get_contents(path, &text, &len, &ge)) {
		es_err_set(err, ES_ECONFIG, "mail template %s: %s", path, ge->message);
		g_error_free(ge);
		g_free(path);
		return NULL;
	}
	if (!g_utf8_validate(text, (gssize)len, NULL) || strlen(text) != len) {
		es_err_set(err, ES_ECONFIG, "mail template %s: not UTF-8 text", path);
		goto bad;
	}
	p = text;
	while (*p == '#') {
		eol = strchr(p, '\n');
		p = eol != NULL ? eol + 1 : p + strlen(p);
	}
	if (strncmp(p, "Subject:", 8) != 0) {
		es_err_set(err, ES_ECONFIG, "mail template %s: the first line must be 'Subject: ...'", path);
		goto bad;
	}
	eol = strchr(p, '\n');
	if (eol == NULL || (eol[1] != '\n' && !(eol[1] == '\r' && eol[2] == '\n'))) {
		es_err_set(err, ES_ECONFIG, "mail template %s: an empty line must follow the Subject line", path);
		goto bad;
	}
	t = calloc(1, sizeof *t);
	if (t == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		goto bad;
	}
	t->name = strdup(path);
	t->subject = g_strstrip(g_strndup(p + 8, (gsize)(eol - p - 8)));
	t->body = strdup(eol + (eol[1] == '\r' ? 3 : 2));
	g_free(text);
	g_free(path);
	if (t->name == NULL || t->body == NULL) {
		es_mail_tmpl_free(t);
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	return t;
bad:
	g_free(text);
	g_free(path);
	return NULL;
}

void
es_mail_tmpl_free(es_mail_tmpl *t)
{
	if (t == NULL)
		return;
	free(t->name);
	g_free(t->subject);
	free(t->body);
	free(t);
}

es_rc
es_mail_expand(const char *text, es_mail_lookup_fn lookup, void *ctx, char **out, es_err *err)
{
	GString *s = g_string_new(NULL);
	const char *p = text;

	*out = NULL;
	while (*p != '\0') {
		if (p[0] == '{' && p[1] == '{') {
			g_string_append_c(s, '{');
			p += 2;
		} else if (p[0] == '}' && p[1] == '}') {
			g_string_append_c(s, '}');
			p += 2;
		} else if (*p == '{') {
			const char *end = strchr(p, '}'), *v;
			char *name;

			if (end == NULL || memchr(p, '\n', (size_t)(end - p)) != NULL) {
				g_string_free(s, TRUE);
				return es_err_set(err, ES_ECONFIG, "unterminated placeholder '%.20s'", p);
			}
			name = g_strndup(p + 1, (gsize)(end - p - 1));
			v = lookup(ctx, name);
			if (v == NULL) {
				es_err_set(err, ES_EDATA, "unknown placeholder {%s}", name);
				g_free(name);
				g_string_free(s, TRUE);
				return ES_EDATA;
			}
			g_free(name);
			g_string_append(s, v);
			p = end + 1;
		} else {
			g_string_append_c(s, *p++);
		}
	}
	*out = strdup(s->str);
	g_string_free(s, TRUE);
	return *out != NULL ? ES_OK : es_err_set(err, ES_ENOMEM, "out of memory");
}

/* ---- segments ----------------------------------------------------------- */

const char *
es_mail_segment_name(es_mail_segment s)
{
	switch (s) {
	case ES_SEG_PEC: return "pec";
	case ES_SEG_EMAIL: return "email";
	default: return "paper";
	}
}

es_rc
es_mail_segment_of(const char *pec, const char *email, es_mail_segment *seg, const char **addr, es_err *err)
{
	if (pec != NULL && *pec != '\0') {
		if (!es_mail_addr_valid(pec))
			return es_err_set(err, ES_EDATA, "pec: '%s' is not a mail address", pec);
		*seg = ES_SEG_PEC;
		*addr = pec;
	} else if (email != NULL && *email != '\0') {
		if (!es_mail_addr_valid(email))
			return es_err_set(err, ES_EDATA, "email: '%s' is not a mail address", email);
		*seg = ES_SEG_EMAIL;
		*addr = email;
	} else {
		*seg = ES_SEG_PAPER;
		*addr = "";
	}
	return ES_OK;
}

/* ---- the notices reader ------------------------------------------------- */

enum { C_ID, C_TYPE, C_CF, C_NAME, C_ADDR, C_SUBJ, C_INST, C_NAV, C_AMOUNT, C_DUE, C_NREQ };

static const char *const required_cols[C_NREQ] = {
	"notice_id", "act_type", "tax_code", "name", "address", "subject_text",
	"installment", "notice_number", "amount", "due_date"
};

struct es_mail_reader {
	es_csv_reader *csv;
	bool decimal_comma;
	int col[C_NREQ];
	int col_pec, col_email;
	size_t ncols;
	/* the notice being built: rows copied */
	GPtrArray *rows;             /* char ** of ncols strings each */
	GArray *lines;               /* uint64_t */
	char **pending;              /* first row of the next notice */
	uint64_t pending_line;
	bool pending_bad;
	char pending_msg[ES_ERR_MAX];
	bool eof;
	GHashTable *seen;            /* notice_ids already returned */
	es_mail_notice cur;
	const char **row_ptrs;
	uint64_t rows_read;
};

static char **
copy_row(const es_csv_row *row, size_t ncols)
{
	char **r = g_new0(char *, ncols + 1);
	size_t i;

	for (i = 0; i < ncols; i++)
		r[i] = g_strdup(i < row->nfields ? row->fields[i] : "");
	return r;
}

es_mail_reader *
es_mail_reader_open(const char *path, bool decimal_comma, es_err *err)
{
	es_mail_reader *r = calloc(1, sizeof *r);

	if (r == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	r->decimal_comma = decimal_comma;
	if ((r->csv = es_csv_reader_open(path, NULL, err)) == NULL) {
		free(r);
		return NULL;
	}
	if (es_csv_require(r->csv, required_cols, r->col, C_NREQ, err) != ES_OK) {
		es_err_prefix(err, "%s", es_csv_source(r->csv));
		es_csv_reader_close(r->csv);
		free(r);
		return NULL;
	}
	r->col_pec = es_csv_col(r->csv, "pec");
	r->col_email = es_csv_col(r->csv, "email");
	r->ncols = es_csv_ncols(r->csv);
	r->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	r->lines = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	r->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return r;
}

const char *const *
es_mail_reader_header(const es_mail_reader *r, size_t *ncols)
{
	*ncols = r->ncols;
	return es_csv_header(r->csv);
}

uint64_t
es_mail_reader_rows(const es_mail_reader *r)
{
	return r->rows_read;
}

/* Fill r->cur from r->rows; ES_EDATA with a message if a row is bad. */
static es_rc
build_notice(es_mail_reader *r, es_err *err)
{
	es_mail_notice *n = &r->cur;
	char **first = g_ptr_array_index(r->rows, 0);
	const uint64_t *lines = (const uint64_t *)(void *)r->lines->data;
	es_cents sum = 0, single = -1;
	int best_inst = -1;
	guint i;

	memset(n, 0, sizeof *n);
	n->notice_id = first[r->col[C_ID]];
	n->act_type = first[r->col[C_TYPE]];
	n->tax_code = first[r->col[C_CF]];
	n->name = first[r->col[C_NAME]];
	n->address = first[r->col[C_ADDR]];
	n->subject_text = first[r->col[C_SUBJ]];
	n->pec = r->col_pec >= 0 ? first[r->col_pec] : "";
	n->email = r->col_email >= 0 ? first[r->col_email] : "";
	n->nrows = r->rows->len;
	n->ncols = r->ncols;
	n->colnames = es_csv_header(r->csv);
	n->values = (const char *const *)first;
	n->rows = (const char *const *const *)r->rows->pdata;
	n->lines = lines;
	n->source = es_csv_source(r->csv);
	n->bad_line = lines[0];
	if (*n->notice_id == '\0')
		return es_err_set(err, ES_EDATA, "notice_id: empty");
	for (i = 0; i < r->rows->len; i++) {
		char **row = g_ptr_array_index(r->rows, i);
		const char *inst_s = row[r->col[C_INST]], *nav = row[r->col[C_NAV]];
		es_cents amount;
		es_date due;
		char *end;
		long inst;
		es_err e2;

		n->bad_line = lines[i];
		errno = 0;
		inst = strtol(inst_s, &end, 10);
		if (*inst_s == '\0' || *end != '\0' || errno != 0 || inst < 0 || inst > 999)
			return es_err_set(err, ES_EDATA, "installment: '%s' is not 0..999",
			                  inst_s);
		if (es_nav_validate(nav, &e2) != ES_OK)
			return es_err_set(err, ES_EDATA, "notice_number: %s", e2.msg);
		if (es_money_parse(row[r->col[C_AMOUNT]], r->decimal_comma ? ES_MONEY_COMMA : ES_MONEY_PLAIN,
		                   &amount, &e2) != ES_OK || amount <= 0)
			return es_err_set(err, ES_EDATA, "amount: '%s' is not a positive amount", row[r->col[C_AMOUNT]]);
		if (es_date_parse(row[r->col[C_DUE]], ES_DATE_ANY, &due, &e2) != ES_OK || due == ES_DATE_NONE)
			return es_err_set(err, ES_EDATA, "due_date: '%s' is not a date",
			                  row[r->col[C_DUE]]);
		if (strcmp(row[r->col[C_CF]], n->tax_code) != 0)
			return es_err_set(err, ES_EDATA, "tax_code: '%s' differs from the notice's first row", row[r->col[C_CF]]);
		if (inst == 0) {
			if (single >= 0)
				return es_err_set(err, ES_EDATA, "installment: a second rata unica");
			single = amount;
		} else {
			sum += amount;
			n->ninstallments++;
		}
		/* the notice's number and date: the rata unica's, else the
		 * first installment's */
		if (best_inst < 0 || inst < best_inst) {
			best_inst = (int)inst;
			g_strlcpy(n->notice_number, nav, sizeof n->notice_number);
			es_date_format(due, n->due_date);
		}
	}
	n->total = single >= 0 ? single : sum;
	return ES_OK;
}

static void
reset_rows(es_mail_reader *r)
{
	g_ptr_array_set_size(r->rows, 0);
	g_array_set_size(r->lines, 0);
}

es_rc
es_mail_reader_next(es_mail_reader *r, const es_mail_notice **out, es_err *err)
{
	bool bad = false;
	char badmsg[ES_ERR_MAX] = "";
	uint64_t bad_line = 0;
	es_rc rc;

	*out = NULL;
	reset_rows(r);
	if (r->pending != NULL) {
		g_ptr_array_add(r->rows, r->pending);
		g_array_append_val(r->lines, r->pending_line);
		bad = r->pending_bad;
		bad_line = r->pending_line;
		g_strlcpy(badmsg, r->pending_msg, sizeof badmsg);
		r->pending = NULL;
	} else if (r->eof) {
		return ES_EOF;
	}
	for (;;) {
		es_csv_row *row;
		es_err e2;
		const char *id;

		memset(&e2, 0, sizeof e2);
		rc = es_csv_next(r->csv, &row, &e2);
		if (rc == ES_EOF) {
			r->eof = true;
			break;
		}
		if (rc != ES_OK && rc != ES_EDATA) {
			if (err != NULL)
				*err = e2;
			return rc;
		}
		r->rows_read++;
		id = es_csv_get(row, r->col[C_ID]);
		if (r->rows->len > 0 && strcmp(id, ((char **)g_ptr_array_index(r->rows, 0))[r->col[C_ID]]) != 0) {
			r->pending = copy_row(row, r->ncols);
			r->pending_line = row->line;
			r->pending_bad = rc == ES_EDATA;
			if (rc == ES_EDATA)
				g_strlcpy(r->pending_msg, e2.msg, sizeof r->pending_msg);
			break;
		}
		g_ptr_array_add(r->rows, copy_row(row, r->ncols));
		g_array_append_val(r->lines, row->line);
		if (rc == ES_EDATA && !bad) {
			bad = true;
			bad_line = row->line;
			g_strlcpy(badmsg, e2.msg, sizeof badmsg);
		}
	}
	if (r->rows->len == 0)
		return ES_EOF;
	rc = build_notice(r, err);
	*out = &r->cur;
	if (bad) {
		r->cur.bad_line = bad_line;
		return es_err_set(err, ES_EDATA, "%s", badmsg);
	}
	if (rc != ES_OK)
		return rc;
	r->cur.bad_line = r->cur.lines[0];
	if (g_hash_table_contains(r->seen, r->cur.notice_id))
		return es_err_set(err, ES_EDATA, "notice_id: '%s' seen before (the rows of a notice must be "
		                  "consecutive)", r->cur.notice_id);
	g_hash_table_add(r->seen, g_strdup(r->cur.notice_id));
	return ES_OK;
}

void
es_mail_reader_close(es_mail_reader *r)
{
	if (r == NULL)
		return;
	es_csv_reader_close(r->csv);
	if (r->pending != NULL)
		g_strfreev(r->pending);
	g_ptr_array_free(r->rows, TRUE);
	g_array_free(r->lines, TRUE);
	g_hash_table_destroy(r->seen);
	free(r);
}

const char *
es_mail_notice_field(const es_mail_notice *n, const char *name, char *buf, size_t bufsz)
{
	size_t i;

	if (strcmp(name, "notice_number") == 0)
		return n->notice_number;
	if (strcmp(name, "total") == 0) {
		char m[ES_MONEY_BUFSZ];

		g_strlcpy(buf, es_money_format(n->total, ES_MONEY_ITALIAN, m), bufsz);
		return buf;
	}
	if (strcmp(name, "due_date") == 0) {
		es_date d;
		char dmy[16];

		if (es_date_parse(n->due_date, ES_DATE_ISO, &d, NULL) != ES_OK)
			return n->due_date;
		g_strlcpy(buf, es_date_format_dmy(d, dmy), bufsz);
		return buf;
	}
	if (strcmp(name, "installments") == 0) {
		snprintf(buf, bufsz, "%d", n->ninstallments);
		return buf;
	}
	if (strcmp(name, "segment") == 0) {
		es_mail_segment s;
		const char *a;

		if (es_mail_segment_of(n->pec, n->email, &s, &a, NULL) != ES_OK)
			return "invalid";
		return es_mail_segment_name(s);
	}
	if (strcmp(name, "email") == 0)
		return n->email;
	if (strcmp(name, "pec") == 0)
		return n->pec;
	for (i = 0; i < n->ncols; i++)
		if (strcmp(n->colnames[i], name) == 0)
			return n->values[i];
	return NULL;
}

/* ---- --segment ---------------------------------------------------------- */

typedef struct term {
	char *name;
	bool negate;
	char **values;               /* NULL-terminated */
} term;

struct es_mail_filter {
	GArray *terms;
};

static void
term_clear(gpointer p)
{
	term *t = p;

	g_free(t->name);
	g_strfreev(t->values);
}

es_mail_filter *
es_mail_filter_parse(const char *expr, es_err *err)
{
	es_mail_filter *f = calloc(1, sizeof *f);
	char **parts;
	size_t i;

	if (f == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	f->terms = g_array_new(FALSE, TRUE, sizeof(term));
	g_array_set_clear_func(f->terms, term_clear);
	parts = g_strsplit(expr, ",", -1);
	for (i = 0; parts[i] != NULL; i++) {
		char *eq = strchr(parts[i], '=');
		term t;

		memset(&t, 0, sizeof t);
		if (eq == NULL || eq == parts[i] || (eq == parts[i] + 1 && parts[i][0] == '!')) {
			es_err_set(err, ES_ECONFIG, "--segment: '%s' is not NAME=VALUE or NAME!=VALUE", parts[i]);
			goto bad;
		}
		t.negate = eq[-1] == '!';
		t.name = g_strstrip(g_strndup(parts[i], (gsize)(eq - parts[i] - (t.negate ? 1 : 0))));
		t.values = g_strsplit(eq + 1, "|", -1);
		g_array_append_val(f->terms, t);
	}
	g_strfreev(parts);
	if (f->terms->len == 0) {
		es_err_set(err, ES_ECONFIG, "--segment: empty expression");
		es_mail_filter_free(f);
		return NULL;
	}
	return f;
bad:
	g_strfreev(parts);
	es_mail_filter_free(f);
	return NULL;
}

es_rc
es_mail_filter_match(const es_mail_filter *f, const es_mail_notice *n, bool *match, es_err *err)
{
	char buf[128];
	guint i;

	*match = true;
	for (i = 0; i < f->terms->len; i++) {
		const term *t = &g_array_index(f->terms, term, i);
		const char *v = es_mail_notice_field(n, t->name, buf, sizeof buf);
		bool any = false;
		size_t k;

		if (v == NULL)
			return es_err_set(err, ES_ECONFIG, "--segment: unknown field '%s'", t->name);
		for (k = 0; t->values[k] != NULL; k++)
			if (strcmp(t->values[k], v) == 0)
				any = true;
		if (any == t->negate) {
			*match = false;
			return ES_OK;
		}
	}
	return ES_OK;
}

void
es_mail_filter_free(es_mail_filter *f)
{
	if (f == NULL)
		return;
	g_array_free(f->terms, TRUE);
	free(f);
}
