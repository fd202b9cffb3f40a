/* mail.h: notices by mail (send-notices(1)).
 *
 * Four parts:
 *   - the message: an RFC 5322 / MIME multipart/mixed message with a
 *     text/plain UTF-8 body (quoted-printable) and the notice's PDF as a
 *     base64 attachment; RFC 2047 encoded-words for non-ASCII headers;
 *   - the template of the body: data/templates/mail-NAME.txt, a "Subject:"
 *     line, a blank line and the body, with {placeholders};
 *   - the notice: consecutive rows of the notices stream with the same
 *     notice_id, its segment (pec, email or paper) and the --segment filter;
 *   - delivery: SMTP(S) through libcurl, Maildir (tmp/ then new/), and the
 *     JSON payload of SEND's B2B notification request.
 *
 * Ownership: es_mail_build, es_mail_expand, es_mail_json_payload return
 * malloc'd text the caller frees with free().  Objects from *_new / *_open /
 * *_load are freed with the matching *_free / *_close.  A notice returned
 * by es_mail_reader_next belongs to the reader until the next call.
 * Passwords given to es_mail_smtp_new are copied, never logged, and wiped
 * when the handle is freed. */
#ifndef ES_RENDER_MAIL_H
#define ES_RENDER_MAIL_H

#include "es_setup.h"
#include <time.h>
#include <glib.h>
#include "types/error.h"
#include "types/money.h"
#include "types/nav.h"

/* ---- encodings (RFC 2045, RFC 2047) ---- */

/* Base64 of n bytes in lines of 76 characters ended by CRLF (the last line
 * too).  Returns a malloc'd string, NULL when out of memory. */
char *es_mail_base64(const unsigned char *data, size_t n);
/* Quoted-printable of UTF-8 text whose lines end in "\n" (or "\r\n"):
 * output lines of at most 76 characters ended by CRLF.  NULL if no memory. */
char *es_mail_qp(const char *text);
/* Append "Name: value" and CRLF to buf folded to lines of at most 78 characters; a value with
 * non-ASCII or control characters is written as RFC 2047 Q encoded-words
 * (UTF-8, at most 75 characters each, never splitting a character).
 * ES_EDATA if value is not valid UTF-8. */
es_rc es_mail_header(GString *buf, const char *name, const char *value, es_err *err);
/* Append "Name: display <addr>" (display encoded as needed, omitted if
 * empty or NULL). */
es_rc es_mail_header_addr(GString *buf, const char *name, const char *display, const char *addr, es_err *err);
/* An address we are willing to put in RCPT TO: local@domain, ASCII
 * printable, no spaces, quotes, angle brackets, commas or controls, a dot
 * in the domain, at most 254 characters. */
bool es_mail_addr_valid(const char *addr);
/* The domain part of an address ("" if none). */
const char *es_mail_addr_domain(const char *addr);
/* RFC 5322 date ("Wed, 25 Nov 2026 17:18:10 +0000", always UTC, English
 * names whatever the locale) into buf (at least 40 bytes). */
char *es_mail_date(time_t t, char *buf, size_t n);
/* The notice's Message-ID, without angle brackets:
 * "esattore.<notice_id>.<notice_number>.<channel>@<domain>", characters
 * outside [A-Za-z0-9-] replaced with '_' in the first three parts.  The
 * same notice on the same channel always gets the same id, so a message
 * resent after an interrupted transaction is recognisable as the same. */
char *es_mail_message_id(const char *notice_id, const char *notice_number, const char *channel,
                         const char *domain, char *buf, size_t n);

/* ---- the message ---- */

typedef struct es_mail_msg {
	const char *from_name;       /* display name, may be NULL */
	const char *from_addr;
	const char *to_name;         /* may be NULL */
	const char *to_addr;
	const char *subject;         /* UTF-8 */
	const char *body;            /* UTF-8, "\n" line ends */
	const char *message_id;      /* without <> */
	time_t date;
	const char *attach_name;     /* file name of the attachment (ASCII), NULL: none */
	const unsigned char *attach;
	size_t attach_len;
	const char *notice_id;       /* X-Esattore-Notice, may be NULL */
} es_mail_msg;

/* Build the whole message, CRLF line ends.  *out is malloc'd. */
es_rc es_mail_build(const es_mail_msg *m, char **out, size_t *outlen, es_err *err);

/* ---- templates ---- */

typedef struct es_mail_tmpl {
	char *name;                  /* the file it came from */
	char *subject;               /* the "Subject:" line's text */
	char *body;
} es_mail_tmpl;

/* Load "<datadir>/templates/mail-NAME.txt", or the file NAME itself when it
 * contains a '/'.  Leading lines starting with '#' are comments; then a
 * "Subject: ..." line, an empty line, and the body.  ES_ECONFIG when
 * missing or malformed. */
es_mail_tmpl *es_mail_tmpl_load(const char *name, es_err *err);
/* Does "<datadir>/templates/mail-NAME.txt" exist? */
bool es_mail_tmpl_exists(const char *name);
void es_mail_tmpl_free(es_mail_tmpl *t);

/* Placeholder lookup: the value of name (NULL if unknown). */
typedef const char *(*es_mail_lookup_fn)(void *ctx, const char *name);
/* Expand {name} in text; "{{" and "}}" are literal braces.  ES_EDATA
 * naming an unknown placeholder, ES_ECONFIG for an unterminated one. */
es_rc es_mail_expand(const char *text, es_mail_lookup_fn lookup, void *ctx, char **out, es_err *err);

/* ---- notices and segments ---- */

typedef enum es_mail_segment {
	ES_SEG_PEC = 0,              /* a PEC address is known */
	ES_SEG_EMAIL = 1,            /* no PEC, an ordinary e-mail address */
	ES_SEG_PAPER = 2             /* neither: printed and posted */
} es_mail_segment;

const char *es_mail_segment_name(es_mail_segment s);

/* The segment of a recipient from its pec and email fields (either may be
 * NULL or ""); addr receives the address used ("" for paper).  An address
 * present but malformed is ES_EDATA (the notice is rejected: a typo in a
 * PEC must not silently turn into paper). */
es_rc es_mail_segment_of(const char *pec, const char *email, es_mail_segment *seg, const char **addr,
                         es_err *err);

/* One notice: the rows of the notices stream with the same notice_id. */
typedef struct es_mail_notice {
	const char *notice_id;
	const char *act_type;
	const char *tax_code;
	const char *name;
	const char *address;
	const char *pec;
	const char *email;           /* "" when the stream has no email column */
	const char *subject_text;
	char notice_number[ES_NAV_BUFSZ];  /* the first NAV: rata unica, else installment 1 */
	es_cents total;              /* the rata unica amount, else the sum of installments */
	char due_date[16];           /* of the rata unica, else of the first installment */
	int ninstallments;           /* installments 1..n (0: rata unica only) */
	size_t nrows;
	/* the first row by column, for placeholders and --segment */
	size_t ncols;
	const char *const *colnames;
	const char *const *values;
	/* every row, for the rejects file */
	const char *const *const *rows;
	const uint64_t *lines;
	const char *source;
	uint64_t bad_line;           /* after ES_EDATA: the line the message is about */
} es_mail_notice;

typedef struct es_mail_reader es_mail_reader;

/* Open the notices stream ("-" = stdin); ES_EDATA if a required column is
 * missing (notice_id, act_type, tax_code, name, address, subject_text,
 * installment, notice_number, amount, due_date; pec and email optional). */
es_mail_reader *es_mail_reader_open(const char *path, bool decimal_comma, es_err *err);
/* ES_OK, ES_EOF, ES_EDATA (bad notice: *n is set so that its rows can be
 * rejected, n->bad_line is the line the message, which names no file or
 * line, is about; go on), or a fatal error. */
es_rc es_mail_reader_next(es_mail_reader *r, const es_mail_notice **n, es_err *err);
const char *const *es_mail_reader_header(const es_mail_reader *r, size_t *ncols);
uint64_t es_mail_reader_rows(const es_mail_reader *r);
void es_mail_reader_close(es_mail_reader *r);

/* The value of a notice's column or derived field: notice_number, total
 * (1.234,50), due_date (DD/MM/YYYY), installments, segment, or any column
 * of the first row.  NULL if unknown.  buf holds formatted values. */
const char *es_mail_notice_field(const es_mail_notice *n, const char *name, char *buf, size_t bufsz);

/* --segment EXPR: terms joined by ',' that must all hold; a term is
 * NAME=V1|V2... (the field is one of the values) or NAME!=V1|V2... (none of
 * them).  NAME is a field as for es_mail_notice_field. */
typedef struct es_mail_filter es_mail_filter;

es_mail_filter *es_mail_filter_parse(const char *expr, es_err *err);
/* ES_OK with *match set; ES_ECONFIG if the filter names an unknown field. */
es_rc es_mail_filter_match(const es_mail_filter *f, const es_mail_notice *n, bool *match, es_err *err);
void es_mail_filter_free(es_mail_filter *f);

/* ---- delivery ---- */

/* --rate: "N", "N/s", "N/m" or "N/h" (N > 0, decimals allowed) into the
 * seconds between two transactions (1/N, 60/N, 3600/N).  false if
 * malformed. */
bool es_mail_parse_rate(const char *s, double *interval);

/* The outcome of one delivery attempt. */
typedef enum es_mail_result {
	ES_MAIL_SENT = 0,            /* accepted (250) */
	ES_MAIL_TEMPORARY = 1,       /* 4xx, or the server could not be reached: retry later */
	ES_MAIL_PERMANENT = 2        /* 5xx: the reason says why */
} es_mail_result;

typedef struct es_mail_smtp es_mail_smtp;

typedef struct es_mail_smtp_opts {
	const char *url;             /* smtp://host[:port] or smtps://host[:port] */
	const char *user;            /* NULL: no authentication */
	const char *password;        /* copied; never logged */
	bool starttls;               /* smtp:// with STARTTLS required */
	const char *ca_file;         /* NULL: the system's CAs */
	bool insecure;               /* skip certificate checks (tests only) */
	long timeout;                /* seconds for one transaction (0: 300) */
} es_mail_smtp_opts;

/* ES_ECONFIG for a URL that is not smtp:// or smtps://. */
es_mail_smtp *es_mail_smtp_new(const es_mail_smtp_opts *o, es_err *err);
/* Called once the whole message has been handed to the transport, just
 * before the end-of-data mark: from here on the server may accept it.
 * Returning non-OK aborts the transaction (nothing is accepted). */
typedef es_rc (*es_mail_commit_fn)(void *ctx, es_err *err);
/* One SMTP transaction.  *result and reason (the server's reply, e.g.
 * "550 5.1.1 no such user") are set for SENT, TEMPORARY and PERMANENT;
 * ES_ECONFIG (authentication refused) or ES_EIO on local failures.  The
 * connection is reused between calls. */
es_rc es_mail_smtp_send(es_mail_smtp *s, const char *from, const char *to, const char *msg, size_t len,
                        es_mail_commit_fn before_end, void *ctx, es_mail_result *result, char *reason,
                        size_t reasonsz, es_err *err);
void es_mail_smtp_free(es_mail_smtp *s);

/* Maildir: create DIR/{tmp,new,cur} if needed. */
es_rc es_mail_maildir_init(const char *dir, es_err *err);
/* The file name of a message in a Maildir: its key (the Message-ID) with
 * characters other than letters, digits and ".-_@" replaced by '_'.  Not
 * the usual "<time>.<pid>.<host>": a name derived from the key lets a
 * delivery be found again after an interrupted run (a reader moving it to
 * cur/ appends ":2,FLAGS").  buf must hold at least 300 bytes. */
char *es_mail_maildir_name(const char *key, char *buf, size_t n);
/* Has the message with this key already been delivered (in new/ or cur/)? */
bool es_mail_maildir_has(const char *dir, const char *key);
/* Write to tmp/, fsync, then rename into new/ (Maildir's atomic delivery). */
es_rc es_mail_maildir_deliver(const char *dir, const char *key, const char *msg, size_t len, es_err *err);

/* SEND (Piattaforma Notifiche Digitali, art. 26 DL 76/2020): the body of a
 * B2B notification request (NewNotificationRequestV23..V26) for one notice
 * with one document (its PDF) and its pagoPA notice numbers. */
typedef struct es_mail_send_opts {
	const char *sender_name;     /* the ente's name */
	const char *sender_tax_id;   /* the ente's 11-digit tax code */
	const char *taxonomy_code;   /* 6 digits and a letter */
	const char *physical_type;   /* AR_REGISTERED_LETTER (default) or REGISTERED_LETTER_890 */
	const char *doc_key;         /* the document's key (its file name until preloaded) */
	const char *doc_sha256_b64;  /* base64 of the PDF's SHA-256 */
	const char *doc_title;
} es_mail_send_opts;

/* *out is a malloc'd JSON object (UTF-8, 2-space indentation, ending in a
 * newline).  ES_EDATA if the notice lacks what SEND requires (a valid tax
 * code, an address with a CAP and a municipality). */
es_rc es_mail_send_payload(const es_mail_notice *n, const es_mail_send_opts *o, char **out, es_err *err);
/* Split an Italian postal address "street, 20121 Milano (MI)" into its
 * street, CAP, municipality and province (each buffer at least 128
 * bytes).  false if there is no 5-digit CAP followed by a municipality. */
bool es_mail_split_address(const char *address, char *street, char *zip, char *municipality, char *province);
/* Append s to *buf as a JSON string literal (quotes, escapes of '"', '\\',
 * controls as \uXXXX); ES_EDATA if s is not valid UTF-8. */
es_rc es_mail_json_string(GString *buf, const char *s, es_err *err);

#endif
