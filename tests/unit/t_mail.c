/* t_mail.c: the mail message of send-notices (lib/render/mail.c,
 * mail_deliver.c) and its ledger table (lib/store/sends.c).  Expected
 * values come from RFC 2045 (base64, quoted-printable), RFC 2047
 * (encoded-words), RFC 5322 (dates, folding) and are worked out by hand in
 * the comments. */
#include "es_setup.h"

#include <string.h>
#include <glib.h>

#include "unit.h"
#include "io_util.h"
#include "render/mail.h"
#include "store/ledger.h"
#include "store/sends.h"

/* Every line of s (CRLF separated) is at most max characters, and no bare
 * LF or CR occurs. */
static void
assert_lines(const char *s, size_t max)
{
	const char *p = s;

	while (*p != '\0') {
		const char *e = strstr(p, "\r\n");

		ck_assert_msg(e != NULL, "line without CRLF: '%s'", p);
		ck_assert_msg((size_t)(e - p) <= max, "line of %zu > %zu: '%.*s'", (size_t)(e - p), max, (int)(e - p), p);
		ck_assert_msg(memchr(p, '\n', (size_t)(e - p)) == NULL && memchr(p, '\r', (size_t)(e - p)) == NULL,
		              "bare CR or LF");
		p = e + 2;
	}
}

/* ---- base64 ---- */

START_TEST(base64_vectors)
{
	char *s;

	/* RFC 4648 section 10: "" "f" "fo" "foo" "foob" "fooba" "foobar" */
	s = es_mail_base64((const unsigned char *)"", 0);
	ck_assert_str_eq(s, "");
	free(s);
	s = es_mail_base64((const unsigned char *)"f", 1);
	ck_assert_str_eq(s, "Zg==\r\n");
	free(s);
	s = es_mail_base64((const unsigned char *)"fo", 2);
	ck_assert_str_eq(s, "Zm8=\r\n");
	free(s);
	s = es_mail_base64((const unsigned char *)"foobar", 6);
	ck_assert_str_eq(s, "Zm9vYmFy\r\n");
	free(s);
}
END_TEST

START_TEST(base64_lines)
{
	unsigned char data[1000];
	char *s;
	guchar *back;
	gsize blen;
	size_t i;

	for (i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 37 + 11);
	/* 57 bytes = 19 groups of 3 = 76 characters: exactly one full line */
	s = es_mail_base64(data, 57);
	ck_assert_uint_eq(strlen(s), 76 + 2);
	free(s);
	/* 58 bytes: a full line, then one byte = 4 characters "xx==" */
	s = es_mail_base64(data, 58);
	ck_assert_uint_eq(strlen(s), 78 + 6);
	ck_assert_str_eq(s + 78 + 2, "==\r\n");
	free(s);
	/* 1000 bytes: ceil(1000/3) = 334 groups = 1336 characters, in
	 * 17 lines of 76 (1292) and one of 44; every line <= 76 */
	s = es_mail_base64(data, sizeof data);
	assert_lines(s, 76);
	ck_assert_uint_eq(strlen(s), 1336 + 18 * 2);
	{
		GString *g = g_string_new(NULL);
		const char *p;

		for (p = s; *p; p++)
			if (*p != '\r' && *p != '\n')
				g_string_append_c(g, *p);
		back = g_base64_decode(g->str, &blen);
		g_string_free(g, TRUE);
	}
	ck_assert_uint_eq(blen, sizeof data);
	ck_assert(memcmp(back, data, sizeof data) == 0);
	g_free(back);
	free(s);
}
END_TEST

/* ---- quoted-printable ---- */

START_TEST(qp_basic)
{
	char *s;

	/* ò is U+00F2 = UTF-8 C3 B2; '=' is 3D; a trailing space is =20 */
	s = es_mail_qp("Nicolò\n");
	ck_assert_str_eq(s, "Nicol=C3=B2\r\n");
	free(s);
	s = es_mail_qp("a=b\nab \nx");
	ck_assert_str_eq(s, "a=3Db\r\nab=20\r\nx\r\n");
	free(s);
}
END_TEST

START_TEST(qp_long_line)
{
	char text[102], *s;

	/* 100 'a': 75 characters and the soft break '=' fill the first line
	 * (76), the other 25 the second */
	memset(text, 'a', 100);
	text[100] = '\n';
	text[101] = '\0';
	s = es_mail_qp(text);
	assert_lines(s, 76);
	ck_assert_uint_eq(strlen(s), 76 + 2 + 25 + 2);
	ck_assert(s[75] == '=');
	free(s);
	/* exactly 76 'a': the last character may use column 76, no break */
	text[76] = '\n';
	text[77] = '\0';
	s = es_mail_qp(text);
	ck_assert_uint_eq(strlen(s), 78);
	free(s);
	/* an encoded character is never split by a soft break: 74 'a' then
	 * "ò" (=C3=B2, 6 columns) breaks after the 74 a's */
	memset(text, 'a', 74);
	g_strlcpy(text + 74, "ò\n", sizeof text - 74);
	s = es_mail_qp(text);
	ck_assert_str_eq(s + 74, "=\r\n=C3=B2\r\n");
	free(s);
}
END_TEST

/* ---- headers ---- */

START_TEST(header_ascii)
{
	GString *g = g_string_new(NULL);

	ck_assert_int_eq(es_mail_header(g, "Subject", "TARI 2026 - avviso", NULL), ES_OK);
	ck_assert_str_eq(g->str, "Subject: TARI 2026 - avviso\r\n");
	g_string_free(g, TRUE);
}
END_TEST

START_TEST(header_accented)
{
	GString *g = g_string_new(NULL);

	/* Q encoding: space -> '_', ò -> =C3=B2, letters as they are */
	ck_assert_int_eq(es_mail_header(g, "Subject", "Avviso per Nicolò", NULL), ES_OK);
	ck_assert_str_eq(g->str, "Subject: =?UTF-8?Q?Avviso_per_Nicol=C3=B2?=\r\n");
	g_string_truncate(g, 0);
	/* "=?" in a plain value must be encoded too, or it would be decoded */
	ck_assert_int_eq(es_mail_header(g, "Subject", "a=?b", NULL), ES_OK);
	ck_assert_str_eq(g->str, "Subject: =?UTF-8?Q?a=3D=3Fb?=\r\n");
	g_string_free(g, TRUE);
}
END_TEST

START_TEST(header_long_accented)
{
	GString *g = g_string_new(NULL);
	GString *dec = g_string_new(NULL);
	const char *v = "Società Cooperativa Edilizia Città di Forlì - avviso di accertamento esecutivo "
	                "IMU 2021, più interessi e sanzioni, è dovuto entro sessanta giorni";
	char **lines;
	size_t i;

	ck_assert_int_eq(es_mail_header(g, "Subject", v, NULL), ES_OK);
	assert_lines(g->str, 76);
	/* each encoded-word is at most 75 characters and decodes to whole
	 * UTF-8 characters; their concatenation is the value */
	lines = g_strsplit(g->str, "\r\n", -1);
	for (i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++) {
		char *w = strstr(lines[i], "=?UTF-8?Q?"), *end;
		GString *bytes = g_string_new(NULL);
		const char *p;

		ck_assert_ptr_nonnull(w);
		end = strstr(w + 10, "?=");  /* the text never holds a ? (it is =3F) */
		ck_assert_ptr_nonnull(end);
		ck_assert_uint_le((size_t)(end + 2 - w), 75);
		for (p = w + 10; p < end; p++) {
			if (*p == '_')
				g_string_append_c(bytes, ' ');
			else if (*p == '=') {
				g_string_append_c(bytes, (char)((g_ascii_xdigit_value(p[1]) << 4) | g_ascii_xdigit_value(p[2])));
				p += 2;
			} else
				g_string_append_c(bytes, *p);
		}
		ck_assert_msg(g_utf8_validate(bytes->str, (gssize)bytes->len, NULL), "word %zu splits a character", i);
		g_string_append_len(dec, bytes->str, (gssize)bytes->len);
		g_string_free(bytes, TRUE);
	}
	ck_assert_uint_ge(i, 3);
	ck_assert_str_eq(dec->str, v);
	g_strfreev(lines);
	g_string_free(g, TRUE);
	g_string_free(dec, TRUE);
}
END_TEST

START_TEST(header_addresses)
{
	GString *g = g_string_new(NULL);

	/* '.' is not atext: the name goes in a quoted-string */
	ck_assert_int_eq(es_mail_header_addr(g, "To", "Bianchi Costruzioni S.r.l.", "b@example.com", NULL), ES_OK);
	ck_assert_str_eq(g->str, "To: \"Bianchi Costruzioni S.r.l.\" <b@example.com>\r\n");
	g_string_truncate(g, 0);
	ck_assert_int_eq(es_mail_header_addr(g, "From", "Comune di Forlì", "tributi@pec.comune.forli.fc.it", NULL),
	                 ES_OK);
	ck_assert_str_eq(g->str, "From: =?UTF-8?Q?Comune_di_Forl=C3=AC?= <tributi@pec.comune.forli.fc.it>\r\n");
	g_string_truncate(g, 0);
	ck_assert_int_eq(es_mail_header_addr(g, "To", NULL, "x@y.it", NULL), ES_OK);
	ck_assert_str_eq(g->str, "To: <x@y.it>\r\n");
	ck_assert_int_eq(es_mail_header_addr(g, "To", "x", "not an address", NULL), ES_EDATA);
	g_string_free(g, TRUE);
}
END_TEST

START_TEST(addresses)
{
	ck_assert(es_mail_addr_valid("mario.rossi@pec.it"));
	ck_assert(es_mail_addr_valid("a+b@sub.example-x.com"));
	ck_assert(!es_mail_addr_valid(""));
	ck_assert(!es_mail_addr_valid("rossi"));
	ck_assert(!es_mail_addr_valid("rossi@localhost"));
	ck_assert(!es_mail_addr_valid("ro ssi@pec.it"));
	ck_assert(!es_mail_addr_valid("a@b@pec.it"));
	ck_assert(!es_mail_addr_valid("<a@pec.it>"));
	ck_assert(!es_mail_addr_valid("a@pec..it"));
	ck_assert(!es_mail_addr_valid("a@pec.it,b@pec.it"));
	ck_assert(!es_mail_addr_valid("nicolò@pec.it"));
	ck_assert_str_eq(es_mail_addr_domain("a@pec.comune.it"), "pec.comune.it");
}
END_TEST

START_TEST(date_and_id)
{
	char buf[64];

	ck_assert_str_eq(es_mail_date(0, buf, sizeof buf), "Thu, 01 Jan 1970 00:00:00 +0000");
	/* 1790000000 s = 20717 days + 51200 s; day 20717 after 1970-01-01 is
	 * 2026-09-21, a Monday; 51200 s = 14:13:20 */
	ck_assert_str_eq(es_mail_date(1790000000, buf, sizeof buf), "Mon, 21 Sep 2026 14:13:20 +0000");
	ck_assert_str_eq(es_mail_message_id("N/1 à", "301000000000012373", "pec", "pec.comune.it", buf, sizeof buf),
	                 "esattore.N_1___.301000000000012373.pec@pec.comune.it");
}
END_TEST

/* ---- the message ---- */

START_TEST(build_message)
{
	static const unsigned char pdf[] = "%PDF-1.4\n\x00\xff binary\n%%EOF\n";
	es_mail_msg m = {
		.from_name = "Comune di Forlì", .from_addr = "tributi@pec.comune.it",
		.to_name = "Nicolò Rossi", .to_addr = "rossi@pec.it",
		.subject = "Avviso TARI", .body = "Gentile Nicolò,\nin allegato.\n",
		.message_id = "esattore.N1.301000000000012373.pec@pec.comune.it", .date = 0,
		.attach_name = "N1.pdf", .attach = pdf, .attach_len = sizeof pdf - 1, .notice_id = "N1"
	};
	char *msg, *b, *e, *bd, *boundary;
	size_t len;
	GString *g;
	guchar *back;
	gsize blen;
	const char *p;

	ck_assert_int_eq(es_mail_build(&m, &msg, &len, NULL), ES_OK);
	ck_assert_uint_eq(len, strlen(msg));
	assert_lines(msg, 78);
	ck_assert(strncmp(msg, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n", 39) == 0);
	ck_assert_ptr_nonnull(strstr(msg, "\r\nFrom: =?UTF-8?Q?Comune_di_Forl=C3=AC?= <tributi@pec.comune.it>\r\n"));
	ck_assert_ptr_nonnull(strstr(msg, "\r\nTo: =?UTF-8?Q?Nicol=C3=B2_Rossi?= <rossi@pec.it>\r\n"));
	ck_assert_ptr_nonnull(strstr(msg, "\r\nMessage-ID: <esattore.N1.301000000000012373.pec@pec.comune.it>\r\n"));
	ck_assert_ptr_nonnull(strstr(msg, "\r\nMIME-Version: 1.0\r\n"));
	/* the boundary, then the three delimiters: text, PDF, close */
	bd = strstr(msg, "boundary=\"");
	ck_assert_ptr_nonnull(bd);
	e = strchr(bd + 10, '"');
	boundary = g_strdup_printf("--%.*s", (int)(e - bd - 10), bd + 10);
	b = strstr(msg, boundary);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(strstr(b, "Content-Type: text/plain; charset=UTF-8\r\n"
	                                "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
	                                "Gentile Nicol=C3=B2,\r\nin allegato.\r\n"));
	b = strstr(b + 1, boundary);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(strstr(b, "Content-Disposition: attachment; filename=\"N1.pdf\"\r\n"));
	/* the attachment decodes to the PDF's bytes */
	p = strstr(b, "\r\n\r\n") + 4;
	e = strstr(p, boundary);
	g = g_string_new(NULL);
	for (; p < e; p++)
		if (*p != '\r' && *p != '\n')
			g_string_append_c(g, *p);
	back = g_base64_decode(g->str, &blen);
	ck_assert_uint_eq(blen, sizeof pdf - 1);
	ck_assert(memcmp(back, pdf, blen) == 0);
	ck_assert(strncmp(e + strlen(boundary), "--\r\n", 4) == 0);
	g_free(back);
	g_string_free(g, TRUE);
	g_free(boundary);
	free(msg);
	/* a bad attachment name or recipient is refused, not sent garbled */
	m.attach_name = "a b.pdf";
	ck_assert_int_eq(es_mail_build(&m, &msg, &len, NULL), ES_EDATA);
	m.attach_name = "N1.pdf";
	m.to_addr = "rossi";
	ck_assert_int_eq(es_mail_build(&m, &msg, &len, NULL), ES_EDATA);
}
END_TEST

static const char *
lk(void *ctx, const char *name)
{
	(void)ctx;
	return strcmp(name, "name") == 0 ? "Nicolò" : NULL;
}

START_TEST(expand)
{
	char *out;

	ck_assert_int_eq(es_mail_expand("Gentile {name}, {{x}}", lk, NULL, &out, NULL), ES_OK);
	ck_assert_str_eq(out, "Gentile Nicolò, {x}");
	free(out);
	ck_assert_int_eq(es_mail_expand("{nope}", lk, NULL, &out, NULL), ES_EDATA);
	ck_assert_int_eq(es_mail_expand("{name", lk, NULL, &out, NULL), ES_ECONFIG);
}
END_TEST

START_TEST(templates_load)
{
	es_mail_tmpl *t;
	es_err err;

	/* the shipped templates (ESATTORE_DATADIR) load and have a subject */
	t = es_mail_tmpl_load("default", &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	ck_assert_str_eq(t->subject, "{subject_text} - avviso n. {notice_number}");
	ck_assert(strncmp(t->body, "Gentile {name},", 15) == 0);
	es_mail_tmpl_free(t);
	t = es_mail_tmpl_load("accertamento", &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	es_mail_tmpl_free(t);
	ck_assert(es_mail_tmpl_exists("accertamento"));
	ck_assert(!es_mail_tmpl_exists("no-such-act"));
	ck_assert_ptr_null(es_mail_tmpl_load("no-such-act", &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
}
END_TEST

/* ---- segments ---- */

START_TEST(segments)
{
	es_mail_segment s;
	const char *a;

	ck_assert_int_eq(es_mail_segment_of("r@pec.it", "r@mail.it", &s, &a, NULL), ES_OK);
	ck_assert_int_eq(s, ES_SEG_PEC);
	ck_assert_str_eq(a, "r@pec.it");
	ck_assert_int_eq(es_mail_segment_of("", "r@mail.it", &s, &a, NULL), ES_OK);
	ck_assert_int_eq(s, ES_SEG_EMAIL);
	ck_assert_str_eq(a, "r@mail.it");
	ck_assert_int_eq(es_mail_segment_of(NULL, "", &s, &a, NULL), ES_OK);
	ck_assert_int_eq(s, ES_SEG_PAPER);
	ck_assert_str_eq(a, "");
	/* a typo in a PEC is an error, never a silent fall to e-mail or paper */
	ck_assert_int_eq(es_mail_segment_of("r@pec", "r@mail.it", &s, &a, NULL), ES_EDATA);
	ck_assert_str_eq(es_mail_segment_name(ES_SEG_PAPER), "paper");
}
END_TEST

static const char notices_csv[] =
	"notice_id,act_type,tax_code,name,address,pec,subject_text,installment,notice_number,amount,due_date,extra\n"
	/* N1: rata unica 250.00 and two installments; its number and date
	 * are the rata unica's */
	"N1,bill,01199250158,Bianchi,\"Corso Re 1, 10121 Torino (TO)\",b@pec.it,TARI,1,301000000000100121,125.00,2026-04-30,x\n"
	"N1,bill,01199250158,Bianchi,\"Corso Re 1, 10121 Torino (TO)\",b@pec.it,TARI,0,301000000000100020,250.00,2026-04-30,x\n"
	"N1,bill,01199250158,Bianchi,\"Corso Re 1, 10121 Torino (TO)\",b@pec.it,TARI,2,301000000000100222,125.00,2026-05-31,x\n"
	/* N2: two installments, no rata unica: total 41.67 + 41.66 = 83.33 */
	"N2,bill,RSSMRA85T10A562S,Rossi,\"Via Roma 1, 20121 Milano (MI)\",,TARI,2,301000000000100525,41.66,2026-08-31,y\n"
	"N2,bill,RSSMRA85T10A562S,Rossi,\"Via Roma 1, 20121 Milano (MI)\",,TARI,1,301000000000100424,41.67,2026-07-31,y\n"
	/* N3: a bad amount */
	"N3,bill,RSSMRA85T10A562S,Rossi,x,,TARI,0,301000000000012373,abc,2026-06-16,z\n"
	/* N1 again, not consecutive */
	"N1,bill,01199250158,Bianchi,x,b@pec.it,TARI,3,301000000000100323,1.00,2026-06-30,x\n";

START_TEST(reader)
{
	char *dir = tu_mkdtemp(), *path = tu_path(dir, "n.csv"), buf[64];
	const es_mail_notice *n;
	es_mail_reader *r;
	es_mail_filter *f;
	bool match;
	es_err err;

	tu_write_str(path, notices_csv);
	r = es_mail_reader_open(path, false, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(es_mail_reader_next(r, &n, &err), ES_OK);
	ck_assert_str_eq(n->notice_id, "N1");
	ck_assert_uint_eq(n->nrows, 3);
	ck_assert_str_eq(n->notice_number, "301000000000100020");
	ck_assert_int_eq(n->total, 25000);
	ck_assert_int_eq(n->ninstallments, 2);
	ck_assert_str_eq(n->due_date, "2026-04-30");
	ck_assert_str_eq(es_mail_notice_field(n, "total", buf, sizeof buf), "250,00");
	ck_assert_str_eq(es_mail_notice_field(n, "due_date", buf, sizeof buf), "30/04/2026");
	ck_assert_str_eq(es_mail_notice_field(n, "segment", buf, sizeof buf), "pec");
	ck_assert_str_eq(es_mail_notice_field(n, "extra", buf, sizeof buf), "x");
	ck_assert_ptr_null(es_mail_notice_field(n, "nope", buf, sizeof buf));
	f = es_mail_filter_parse("segment=pec|email,act_type!=accertamento", &err);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(es_mail_filter_match(f, n, &match, &err), ES_OK);
	ck_assert(match);
	ck_assert_int_eq(es_mail_reader_next(r, &n, &err), ES_OK);
	ck_assert_str_eq(n->notice_id, "N2");
	ck_assert_str_eq(n->notice_number, "301000000000100424");
	ck_assert_int_eq(n->total, 8333);
	ck_assert_str_eq(n->due_date, "2026-07-31");
	ck_assert_int_eq(es_mail_filter_match(f, n, &match, &err), ES_OK);
	ck_assert(!match);      /* segment paper */
	es_mail_filter_free(f);
	ck_assert_int_eq(es_mail_reader_next(r, &n, &err), ES_EDATA);
	ck_assert_str_eq(n->notice_id, "N3");
	ck_assert_str_eq(err.msg, "amount: 'abc' is not a positive amount");
	ck_assert_uint_eq(n->bad_line, 7);
	ck_assert_int_eq(es_mail_reader_next(r, &n, &err), ES_EDATA);
	ck_assert_msg(strncmp(err.msg, "notice_id: 'N1' seen before", 27) == 0, "%s", err.msg);
	ck_assert_uint_eq(n->bad_line, 8);
	ck_assert_int_eq(es_mail_reader_next(r, &n, &err), ES_EOF);
	ck_assert_uint_eq(es_mail_reader_rows(r), 7);
	es_mail_reader_close(r);
	ck_assert_ptr_null(es_mail_filter_parse("segment", &err));
	ck_assert_ptr_null(es_mail_filter_parse("=pec", &err));
	free(path);
	tu_rmtree(dir);
}
END_TEST

/* ---- SEND ---- */

START_TEST(json_and_address)
{
	GString *g = g_string_new(NULL);
	char st[128], zip[128], town[128], prov[128];

	ck_assert_int_eq(es_mail_json_string(g, "a\"b\\c\nd\x01 è", NULL), ES_OK);
	ck_assert_str_eq(g->str, "\"a\\\"b\\\\c\\nd\\u0001 è\"");
	ck_assert_int_eq(es_mail_json_string(g, "\xff", NULL), ES_EDATA);
	g_string_free(g, TRUE);
	ck_assert(es_mail_split_address("Corso Vittorio Emanuele II 100, 10121 Torino (TO)", st, zip, town, prov));
	ck_assert_str_eq(st, "Corso Vittorio Emanuele II 100");
	ck_assert_str_eq(zip, "10121");
	ck_assert_str_eq(town, "Torino");
	ck_assert_str_eq(prov, "TO");
	ck_assert(es_mail_split_address("Via Po 3, Scala B, 00100 Roma", st, zip, town, prov));
	ck_assert_str_eq(st, "Via Po 3, Scala B");
	ck_assert_str_eq(town, "Roma");
	ck_assert_str_eq(prov, "");
	ck_assert(!es_mail_split_address("Via Po 3 Roma", st, zip, town, prov));
	ck_assert(!es_mail_split_address("Via Po 3, 0010 Roma", st, zip, town, prov));
}
END_TEST

START_TEST(rate)
{
	double iv = 0;

	/* 4/s: 0.25 s apart; 30/m: 2 s; 720/h: 5 s; 0.5: 2 s */
	ck_assert(es_mail_parse_rate("4/s", &iv));
	ck_assert(iv == 0.25);
	ck_assert(es_mail_parse_rate("30/m", &iv));
	ck_assert(iv == 2.0);
	ck_assert(es_mail_parse_rate("720/h", &iv));
	ck_assert(iv == 5.0);
	ck_assert(es_mail_parse_rate("0.5", &iv));
	ck_assert(iv == 2.0);
	ck_assert(!es_mail_parse_rate("0", &iv));
	ck_assert(!es_mail_parse_rate("-1/s", &iv));
	ck_assert(!es_mail_parse_rate("3/day", &iv));
	ck_assert(!es_mail_parse_rate("/s", &iv));
	ck_assert(!es_mail_parse_rate("nan", &iv));
}
END_TEST

/* ---- the sends table ---- */

START_TEST(sends_table)
{
	char *dir = tu_mkdtemp(), *db = tu_path(dir, "l.db");
	es_ledger *l, *l2;
	es_send_rec rec;
	es_err err;

	l = es_ledger_open(db, ES_LEDGER_CREATE, &err);
	ck_assert_msg(l != NULL, "%s", err.msg);
	ck_assert_int_eq(es_ledger_run_begin(l, "send-notices", 0, NULL, &err), ES_OK);
	ck_assert_int_eq(es_sends_get(l, "N1", "301000000000012373", "pec", &rec, &err), ES_OK);
	ck_assert_int_eq(rec.status, ES_SEND_NONE);
	ck_assert_int_eq(es_sends_mark(l, "N1", "301000000000012373", "pec", "r@pec.it", "CF", ES_SEND_SENDING, NULL,
	                               "id@x.it", "2026-01-01T00:00:00Z", &err), ES_OK);
	/* committed at once: another connection sees it while the run is open */
	l2 = es_ledger_open(db, ES_LEDGER_READ, &err);
	ck_assert_msg(l2 != NULL, "%s", err.msg);
	ck_assert_int_eq(es_sends_get(l2, "N1", "301000000000012373", "pec", &rec, &err), ES_OK);
	ck_assert_int_eq(rec.status, ES_SEND_SENDING);
	ck_assert_int_eq(rec.attempts, 1);
	ck_assert_int_eq(es_sends_mark(l, "N1", "301000000000012373", "pec", "r@pec.it", "CF", ES_SEND_DEFERRED,
	                               "421 busy", NULL, "2026-01-01T00:00:01Z", &err), ES_OK);
	ck_assert_int_eq(es_sends_mark(l, "N1", "301000000000012373", "pec", "r@pec.it", "CF", ES_SEND_SENDING, NULL,
	                               NULL, "2026-01-01T00:00:02Z", &err), ES_OK);
	ck_assert_int_eq(es_sends_mark(l, "N1", "301000000000012373", "pec", "r@pec.it", "CF", ES_SEND_SENT, "250 ok",
	                               NULL, "2026-01-01T00:00:03Z", &err), ES_OK);
	ck_assert_int_eq(es_sends_get(l2, "N1", "301000000000012373", "pec", &rec, &err), ES_OK);
	ck_assert_int_eq(rec.status, ES_SEND_SENT);
	ck_assert_int_eq(rec.attempts, 2);
	ck_assert_str_eq(rec.reason, "250 ok");
	ck_assert_str_eq(rec.message_id, "id@x.it");
	ck_assert_str_eq(rec.at, "2026-01-01T00:00:03Z");
	/* an aborted run keeps what was committed */
	es_ledger_run_abort(l, "test");
	ck_assert_int_eq(es_sends_get(l2, "N1", "301000000000012373", "pec", &rec, &err), ES_OK);
	ck_assert_int_eq(rec.status, ES_SEND_SENT);
	/* no run, no mark */
	ck_assert_int_eq(es_sends_mark(l, "N1", "301000000000012373", "pec", "r@pec.it", "CF", ES_SEND_SENT, NULL,
	                               NULL, "x", &err), ES_EINTERNAL);
	es_ledger_close(l2);
	es_ledger_close(l);
	free(db);
	tu_rmtree(dir);
}
END_TEST

Suite *make_suite_mail(void);

Suite *
make_suite_mail(void)
{
	Suite *s = suite_create("mail");
	TCase *tc;

	tc = tcase_create("encodings");
	tcase_add_test(tc, base64_vectors);
	tcase_add_test(tc, base64_lines);
	tcase_add_test(tc, qp_basic);
	tcase_add_test(tc, qp_long_line);
	tcase_add_test(tc, header_ascii);
	tcase_add_test(tc, header_accented);
	tcase_add_test(tc, header_long_accented);
	tcase_add_test(tc, header_addresses);
	tcase_add_test(tc, addresses);
	tcase_add_test(tc, date_and_id);
	suite_add_tcase(s, tc);
	tc = tcase_create("message");
	tcase_add_test(tc, build_message);
	tcase_add_test(tc, expand);
	tcase_add_test(tc, templates_load);
	suite_add_tcase(s, tc);
	tc = tcase_create("notices");
	tcase_add_test(tc, segments);
	tcase_add_test(tc, reader);
	tcase_add_test(tc, json_and_address);
	tcase_add_test(tc, rate);
	suite_add_tcase(s, tc);
	tc = tcase_create("sends");
	tcase_add_test(tc, sends_table);
	suite_add_tcase(s, tc);
	return s;
}
