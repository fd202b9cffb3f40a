/* f24.c: parser of the F24 supply records (see f24.h, f24-supply(5)). */
#include "es_setup.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/f24.h"

struct es_f24_parser {
	es_f24_name_layout layout;
	iconv_t cd;                /* ISO-8859-1 -> UTF-8 */
};

/* One field being read: the record (padded to 300), its type name for
 * messages, and the error sink. */
typedef struct rd {
	const char *r;
	const char *type;
	es_f24_parser *p;
	es_err *err;
} rd;

static const char *const type_names[] = {
	[ES_F24_UNKNOWN] = "??", [ES_F24_A0] = "A0", [ES_F24_A1] = "A1",
	[ES_F24_G1] = "G1", [ES_F24_G2] = "G2", [ES_F24_G3] = "G3", [ES_F24_G4] = "G4",
	[ES_F24_G5] = "G5", [ES_F24_G9] = "G9", [ES_F24_Z1] = "Z1", [ES_F24_Z9] = "Z9",
};

/* The end (1-based, inclusive) of the last field each record type needs;
 * what lies beyond is text, optional or filler (f24-supply.md §3). */
static const size_t min_length[] = {
	[ES_F24_UNKNOWN] = 2, [ES_F24_A0] = 2, [ES_F24_A1] = 12,
	[ES_F24_G1] = 260, [ES_F24_G2] = 61, [ES_F24_G3] = 82, [ES_F24_G4] = 61,
	[ES_F24_G5] = 155, [ES_F24_G9] = 145, [ES_F24_Z1] = 128, [ES_F24_Z9] = 2,
};

const char *
es_f24_type_name(es_f24_type t)
{
	if ((size_t)t >= ES_ARRAY_LEN(type_names))
		return "??";
	return type_names[t];
}

size_t
es_f24_min_length(es_f24_type t)
{
	if ((size_t)t >= ES_ARRAY_LEN(min_length))
		return ES_F24_RECLEN;
	return min_length[t];
}

es_f24_parser *
es_f24_parser_new(es_f24_name_layout layout, es_err *err)
{
	es_f24_parser *p;

	p = calloc(1, sizeof *p);
	if (p == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	p->layout = layout;
	p->cd = iconv_open("UTF-8", "ISO-8859-1");
	if (p->cd == (iconv_t)-1) {
		es_err_errno(err, ES_EINTERNAL, "iconv_open(UTF-8, ISO-8859-1)");
		free(p);
		return NULL;
	}
	return p;
}

void
es_f24_parser_free(es_f24_parser *p)
{
	if (p == NULL)
		return;
	iconv_close(p->cd);
	free(p);
}

static es_rc
bad(rd *d, int pos, int len, const char *field, const char *what)
{
	char shown[64];
	int i, n = 0;

	/* Show the bytes as they are, non-printable ones as \xHH. */
	for (i = 0; i < len && n < (int)sizeof shown - 5; i++) {
		unsigned char c = (unsigned char)d->r[pos - 1 + i];
		if (c >= 0x20 && c < 0x7f)
			shown[n++] = (char)c;
		else
			n += snprintf(shown + n, sizeof shown - n, "\\x%02X", c);
	}
	shown[n] = '\0';
	return es_err_set(d->err, ES_EDATA, "%s %s (pos %d-%d): %s: '%s'", d->type, field, pos,
	                  pos + len - 1, what, shown);
}

static bool
all_of(const char *s, int len, char c)
{
	int i;

	for (i = 0; i < len; i++)
		if (s[i] != c)
			return false;
	return true;
}

/* A zero-filled unsigned number; blank_ok turns an all-space field into 0. */
static es_rc
num(rd *d, int pos, int len, const char *field, bool blank_ok, int64_t *out)
{
	const char *s = d->r + pos - 1;
	int64_t v = 0;
	int i;

	if (blank_ok && all_of(s, len, ' ')) {
		*out = 0;
		return ES_OK;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return bad(d, pos, len, field, "not a zero-filled number");
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return ES_OK;
}

static es_rc
num_int(rd *d, int pos, int len, const char *field, bool blank_ok, int *out)
{
	int64_t v = 0;
	es_rc rc = num(d, pos, len, field, blank_ok, &v);

	*out = (int)v;
	return rc;
}

static es_rc
num_long(rd *d, int pos, int len, const char *field, long *out)
{
	int64_t v = 0;
	es_rc rc = num(d, pos, len, field, false, &v);

	*out = (long)v;
	return rc;
}

/* Amounts: 15 digits of euro cents (§2.2), at most ES_CENTS_MAX. */
static es_rc
amount(rd *d, int pos, const char *field, es_cents *out)
{
	int64_t v = 0;
	es_rc rc;

	rc = num(d, pos, 15, field, false, &v);
	if (rc != ES_OK)
		return rc;
	if (v > ES_CENTS_MAX)
		return bad(d, pos, 15, field, "amount too large");
	*out = v;
	return ES_OK;
}

/* AAAAMMGG; all zeros, all nines or all spaces is no date (§7). */
static es_rc
date(rd *d, int pos, const char *field, es_date *out)
{
	const char *s = d->r + pos - 1;
	int i, y, m, dd;

	if (all_of(s, 8, '0') || all_of(s, 8, '9') || all_of(s, 8, ' ')) {
		*out = ES_DATE_NONE;
		return ES_OK;
	}
	for (i = 0; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return bad(d, pos, 8, field, "not a date AAAAMMGG");
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[4] - '0') * 10 + (s[5] - '0');
	dd = (s[6] - '0') * 10 + (s[7] - '0');
	if (y < 1800 || y > 2999 || !es_date_valid_ymd(y, m, dd))
		return bad(d, pos, 8, field, "not a calendar date");
	*out = es_date_from_ymd(y, m, dd);
	return ES_OK;
}

/* A code (CF, Belfiore, tributo, ...): printable ASCII, right-trimmed;
 * out must hold len + 1 bytes. */
static es_rc
code(rd *d, int pos, int len, const char *field, char *out)
{
	const char *s = d->r + pos - 1;
	int i, n = len;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return bad(d, pos, len, field, "not a printable ASCII code");
	while (n > 0 && s[n - 1] == ' ')
		n--;
	memcpy(out, s, (size_t)n);
	out[n] = '\0';
	return ES_OK;
}

/* A one-character flag: any byte, kept as given (' ' if blank). */
static char
flag(rd *d, int pos)
{
	return d->r[pos - 1];
}

/* "1" ticked; "0" or " " not ticked; anything else is bad. */
static es_rc
box(rd *d, int pos, const char *field, bool *out)
{
	char c = d->r[pos - 1];

	if (c != '0' && c != '1' && c != ' ')
		return bad(d, pos, 1, field, "not 0 or 1");
	*out = c == '1';
	return ES_OK;
}

/* Free text: right-trimmed, ISO-8859-1 converted to UTF-8; out must hold
 * ES_F24_TXT(len) bytes.  Control bytes become spaces.  Never fails. */
static void
text(rd *d, int pos, int len, char *out)
{
	const char *s = d->r + pos - 1;
	char tmp[ES_F24_RECLEN];
	int n = len, i;
	bool ascii = true;
	char *in, *o;
	size_t inleft, outleft;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		tmp[i] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
		if (c >= 0x80)
			ascii = false;
	}
	if (ascii) {
		memcpy(out, tmp, (size_t)n);
		out[n] = '\0';
		return;
	}
	in = tmp;
	inleft = (size_t)n;
	o = out;
	outleft = ES_F24_TXT((size_t)len) - 1;
	iconv(d->p->cd, NULL, NULL, NULL, NULL);
	if (iconv(d->p->cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		/* Cannot happen for ISO-8859-1 into a 2x buffer; keep what was
		 * converted rather than fail on a text field (§8 point 8). */
	}
	*o = '\0';
}

static es_rc
key(rd *d, es_f24_key *k, bool g3)
{
	es_rc rc;

	if ((rc = date(d, 3, "data fornitura", &k->fornitura)) != ES_OK ||
	    (rc = num_int(d, 11, 2, "progressivo fornitura", false, &k->prog_fornitura)) != ES_OK ||
	    (rc = date(d, 13, "data ripartizione", &k->ripartizione)) != ES_OK ||
	    (rc = num_int(d, 21, 2, "progressivo ripartizione", false, &k->prog_ripartizione)) != ES_OK ||
	    (rc = date(d, 23, "data bonifico", &k->bonifico)) != ES_OK)
		return rc;
	if (k->fornitura == ES_DATE_NONE)
		return bad(d, 3, 8, "data fornitura", "missing");
	if (k->ripartizione == ES_DATE_NONE)
		return bad(d, 13, 8, "data ripartizione", "missing");
	if (k->bonifico == ES_DATE_NONE && !g3)
		return bad(d, 23, 8, "data bonifico", "missing");
	return ES_OK;
}

static es_rc
head(rd *d, es_date *fornitura, int *prog)
{
	es_rc rc;

	if ((rc = date(d, 3, "data fornitura", fornitura)) != ES_OK ||
	    (rc = num_int(d, 11, 2, "progressivo fornitura", false, prog)) != ES_OK)
		return rc;
	if (*fornitura == ES_DATE_NONE)
		return bad(d, 3, 8, "data fornitura", "missing");
	return ES_OK;
}

static es_rc
parse_g1(rd *d, es_f24_g1 *g)
{
	int64_t v = 0;
	es_rc rc;

	if ((rc = key(d, &g->key, false)) != ES_OK ||
	    (rc = num_int(d, 31, 6, "progressivo delega", false, &g->delega)) != ES_OK ||
	    (rc = num_int(d, 37, 2, "progressivo riga", false, &g->riga)) != ES_OK ||
	    (rc = code(d, 39, 5, "codice ente", g->ente)) != ES_OK ||
	    (rc = code(d, 45, 5, "CAB", g->cab)) != ES_OK ||
	    (rc = code(d, 50, 16, "codice fiscale", g->cf)) != ES_OK ||
	    (rc = date(d, 67, "data riscossione", &g->riscossione)) != ES_OK ||
	    (rc = code(d, 75, 4, "codice ente comunale", g->belfiore)) != ES_OK ||
	    (rc = code(d, 79, 4, "codice tributo", g->tributo)) != ES_OK ||
	    (rc = code(d, 84, 4, "rateazione", g->rateazione)) != ES_OK ||
	    (rc = num_int(d, 88, 4, "anno di riferimento", false, &g->anno)) != ES_OK ||
	    (rc = code(d, 93, 3, "codice valuta", g->valuta)) != ES_OK ||
	    (rc = amount(d, 96, "importo a debito", &g->debito)) != ES_OK ||
	    (rc = amount(d, 111, "importo a credito", &g->credito)) != ES_OK ||
	    (rc = box(d, 126, "ravvedimento", &g->ravvedimento)) != ES_OK ||
	    (rc = box(d, 127, "immobili variati", &g->immobili_variati)) != ES_OK ||
	    (rc = box(d, 128, "acconto", &g->acconto)) != ES_OK ||
	    (rc = box(d, 129, "saldo", &g->saldo)) != ES_OK ||
	    (rc = num(d, 130, 3, "numero immobili", true, &v)) != ES_OK ||
	    (rc = amount(d, 134, "detrazione", &g->detrazione)) != ES_OK ||
	    (rc = date(d, 225, "data di nascita", &g->birth_date)) != ES_OK ||
	    (rc = code(d, 261, 16, "codice fiscale coobbligato", g->cf2)) != ES_OK ||
	    (rc = code(d, 277, 2, "codice identificativo", g->cf2_code)) != ES_OK)
		return rc;
	g->num_immobili = (int)v;
	g->tipo_ente = flag(d, 44);
	g->cf_error = flag(d, 66);
	g->tributo_error = flag(d, 83);
	g->anno_error = flag(d, 92);
	g->ici_error = flag(d, 133);
	g->sex = flag(d, 224);
	g->tipo_imposta = flag(d, 260);
	if (g->riscossione == ES_DATE_NONE)
		return bad(d, 67, 8, "data riscossione", "missing");
	if (g->cf[0] == '\0')
		return bad(d, 50, 16, "codice fiscale", "missing");
	if (g->belfiore[0] == '\0')
		return bad(d, 75, 4, "codice ente comunale", "missing");
	if (g->tributo[0] == '\0')
		return bad(d, 79, 4, "codice tributo", "missing");
	text(d, 149, 55, g->name_raw);
	if (d->p->layout == ES_F24_NAME_TR4) {
		text(d, 149, 39, g->surname);
		text(d, 188, 16, g->cf_orig);
	} else {
		memcpy(g->surname, g->name_raw, sizeof g->surname);
		g->cf_orig[0] = '\0';
	}
	text(d, 204, 20, g->first_name);
	text(d, 233, 25, g->birth_place);
	text(d, 258, 2, g->birth_province);
	text(d, 279, 18, g->operation_id);
	return ES_OK;
}

static es_rc
parse_g2(rd *d, es_f24_g2 *g)
{
	es_rc rc;

	if ((rc = key(d, &g->key, false)) != ES_OK ||
	    (rc = code(d, 39, 4, "codice ente beneficiario", g->beneficiario)) != ES_OK ||
	    (rc = code(d, 43, 3, "codice valuta", g->valuta)) != ES_OK ||
	    (rc = amount(d, 46, "importo accredito", &g->importo)) != ES_OK ||
	    (rc = date(d, 62, "data mandato", &g->data_mandato)) != ES_OK ||
	    (rc = num_int(d, 70, 2, "progressivo mandato", true, &g->prog_mandato)) != ES_OK)
		return rc;
	g->stato = flag(d, 38);
	g->tipo_imposta = flag(d, 61);
	if (g->beneficiario[0] == '\0')
		return bad(d, 39, 4, "codice ente beneficiario", "missing");
	return ES_OK;
}

static es_rc
parse_g3(rd *d, es_f24_g3 *g)
{
	es_rc rc;

	if ((rc = key(d, &g->key, true)) != ES_OK ||
	    (rc = code(d, 39, 4, "codice ente comunale", g->belfiore)) != ES_OK ||
	    (rc = code(d, 43, 3, "codice valuta", g->valuta)) != ES_OK ||
	    (rc = amount(d, 46, "importo recupero", &g->importo)) != ES_OK ||
	    (rc = code(d, 61, 6, "periodo ripartizione originario", g->periodo_orig)) != ES_OK ||
	    (rc = num_int(d, 67, 4, "progressivo ripartizione originario", true, &g->prog_rip_orig)) != ES_OK ||
	    (rc = date(d, 71, "data bonifico originaria", &g->bonifico_orig)) != ES_OK ||
	    (rc = code(d, 80, 3, "tipo recupero", g->tipo_recupero)) != ES_OK)
		return rc;
	g->tipo_imposta = flag(d, 79);
	text(d, 83, 200, g->descrizione);
	return ES_OK;
}

static es_rc
parse_g4(rd *d, es_f24_g4 *g)
{
	es_rc rc;

	if ((rc = key(d, &g->key, false)) != ES_OK ||
	    (rc = code(d, 39, 4, "codice ente comunale", g->belfiore)) != ES_OK ||
	    (rc = code(d, 43, 3, "codice valuta", g->valuta)) != ES_OK ||
	    (rc = amount(d, 46, "importo anticipazione", &g->importo)) != ES_OK)
		return rc;
	g->tipo_imposta = flag(d, 61);
	return ES_OK;
}

static es_rc
parse_g5(rd *d, es_f24_g5 *g)
{
	es_rc rc;

	if ((rc = head(d, &g->fornitura, &g->prog_fornitura)) != ES_OK ||
	    (rc = code(d, 39, 4, "codice ente comunale", g->belfiore)) != ES_OK ||
	    (rc = code(d, 43, 3, "codice valuta", g->valuta)) != ES_OK ||
	    (rc = amount(d, 46, "importo accredito", &g->importo)) != ES_OK ||
	    (rc = code(d, 61, 11, "CRO", g->cro)) != ES_OK ||
	    (rc = date(d, 72, "data accreditamento", &g->accreditamento)) != ES_OK ||
	    (rc = date(d, 80, "data ripartizione originaria", &g->rip_orig)) != ES_OK ||
	    (rc = num_int(d, 88, 2, "progressivo ripartizione originario", false, &g->prog_rip_orig)) != ES_OK ||
	    (rc = date(d, 90, "data bonifico originaria", &g->bonifico_orig)) != ES_OK ||
	    (rc = code(d, 99, 34, "IBAN", g->iban)) != ES_OK ||
	    (rc = code(d, 133, 3, "sezione conto tesoreria", g->sezione)) != ES_OK ||
	    (rc = code(d, 136, 6, "numero conto tesoreria", g->conto)) != ES_OK ||
	    (rc = code(d, 142, 14, "codice movimento", g->movimento)) != ES_OK ||
	    (rc = date(d, 201, "data storno/scarto", &g->storno)) != ES_OK ||
	    (rc = date(d, 209, "data elaborazione nuova", &g->elab_nuova)) != ES_OK ||
	    (rc = num_int(d, 217, 2, "progressivo elaborazione nuova", true, &g->prog_elab_nuova)) != ES_OK)
		return rc;
	g->stato = flag(d, 38);
	g->tipo_imposta = flag(d, 98);
	text(d, 156, 45, g->descrizione);
	if (g->rip_orig == ES_DATE_NONE)
		return bad(d, 80, 8, "data ripartizione originaria", "missing");
	return ES_OK;
}

static es_rc
parse_g9(rd *d, es_f24_g9 *g)
{
	es_rc rc;

	if ((rc = head(d, &g->fornitura, &g->prog_fornitura)) != ES_OK ||
	    (rc = date(d, 39, "data ripartizione originaria", &g->rip_orig)) != ES_OK ||
	    (rc = num_int(d, 47, 2, "progressivo ripartizione originario", false, &g->prog_rip_orig)) != ES_OK ||
	    (rc = date(d, 49, "data bonifico originaria", &g->bonifico_orig)) != ES_OK ||
	    (rc = code(d, 57, 5, "codice ente", g->ente)) != ES_OK ||
	    (rc = code(d, 67, 16, "codice fiscale", g->cf)) != ES_OK ||
	    (rc = date(d, 83, "data riscossione", &g->riscossione)) != ES_OK ||
	    (rc = code(d, 91, 4, "codice ente comunale", g->belfiore)) != ES_OK ||
	    (rc = code(d, 95, 4, "codice tributo", g->tributo)) != ES_OK ||
	    (rc = num_int(d, 99, 4, "anno di riferimento", false, &g->anno)) != ES_OK ||
	    (rc = code(d, 103, 3, "codice valuta", g->valuta)) != ES_OK ||
	    (rc = amount(d, 106, "importo a debito", &g->debito)) != ES_OK ||
	    (rc = amount(d, 121, "importo a credito", &g->credito)) != ES_OK ||
	    (rc = date(d, 137, "data operazione", &g->data_operazione)) != ES_OK)
		return rc;
	memcpy(g->raw62, d->r + 61, 5);
	g->raw62[5] = '\0';
	g->tipo_operazione = flag(d, 136);
	g->tipo_imposta = flag(d, 145);
	if (g->tipo_operazione != 'A' && g->tipo_operazione != 'R')
		return bad(d, 136, 1, "tipo operazione", "not A (annullamento) or R (ripristino)");
	if (g->rip_orig == ES_DATE_NONE)
		return bad(d, 39, 8, "data ripartizione originaria", "missing");
	return ES_OK;
}

static es_rc
parse_z1(rd *d, es_f24_z1 *z)
{
	static const char *const names[ES_F24_ZCOUNTS] = {
		"numero record G1", "numero record G2", "numero record G3",
		"numero record G4", "numero record G5", "numero record G9",
	};
	es_rc rc;
	int i;

	if ((rc = head(d, &z->fornitura, &z->prog_fornitura)) != ES_OK ||
	    (rc = code(d, 39, 2, "numero trasmissione", z->trasmissione)) != ES_OK ||
	    (rc = code(d, 41, 3, "codice valuta", z->valuta)) != ES_OK ||
	    (rc = code(d, 44, 4, "codice ente", z->belfiore)) != ES_OK ||
	    (rc = code(d, 48, 3, "codice intermediario", z->intermediario)) != ES_OK)
		return rc;
	text(d, 56, 24, z->file_id);
	for (i = 0; i < ES_F24_ZCOUNTS; i++)
		if ((rc = num_long(d, 80 + 7 * i, 7, names[i], &z->counts[i])) != ES_OK)
			return rc;
	return num_long(d, 122, 7, "numero totale record", &z->total);
}

/* A1: layout unknown (§8 point 4): take 3-12 when they look right. */
static void
parse_a1(rd *d, es_f24_a1 *a)
{
	es_err quiet;
	rd q = *d;
	int64_t v = 0;

	q.err = &quiet;
	if (date(&q, 3, "data fornitura", &a->fornitura) != ES_OK)
		a->fornitura = ES_DATE_NONE;
	a->prog_fornitura = num(&q, 11, 2, "progressivo fornitura", false, &v) == ES_OK ? (int)v : -1;
}

static es_f24_type
type_of(const char *line, size_t len)
{
	static const struct {
		char s[3];
		es_f24_type t;
	} types[] = {
		{"G1", ES_F24_G1}, {"G2", ES_F24_G2}, {"G3", ES_F24_G3}, {"G4", ES_F24_G4},
		{"G5", ES_F24_G5}, {"G9", ES_F24_G9}, {"A1", ES_F24_A1}, {"Z1", ES_F24_Z1},
		{"A0", ES_F24_A0}, {"Z9", ES_F24_Z9},
	};
	size_t i;

	if (len < 2)
		return ES_F24_UNKNOWN;
	for (i = 0; i < ES_ARRAY_LEN(types); i++)
		if (line[0] == types[i].s[0] && line[1] == types[i].s[1])
			return types[i].t;
	return ES_F24_UNKNOWN;
}

bool
es_f24_blank_line(const char *line, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\x1a' && line[i] != '\t')
			return false;
	return true;
}

es_rc
es_f24_parse(es_f24_parser *p, const char *line, size_t len, es_f24_record *rec, es_err *err)
{
	char buf[ES_F24_RECLEN + 1];
	rd d;
	size_t n;

	memset(rec, 0, sizeof *rec);
	rec->type = type_of(line, len);
	if (rec->type == ES_F24_UNKNOWN) {
		char t[3] = "  ";
		size_t i;

		for (i = 0; i < 2 && i < len; i++)
			t[i] = ((unsigned char)line[i] >= 0x20 && (unsigned char)line[i] < 0x7f) ? line[i] : '?';
		if (t[0] == 'C')
			return es_err_set(err, ES_EDATA,
			                  "record type '%s' belongs to the addizionale comunale flow, not this supply", t);
		return es_err_set(err, ES_EDATA, "unknown record type '%s' (pos 1-2)", t);
	}
	if (len < es_f24_min_length(rec->type))
		return es_err_set(err, ES_EDATA, "truncated %s record: %zu characters, expected %d",
		                  es_f24_type_name(rec->type), len, ES_F24_RECLEN);
	n = len < ES_F24_RECLEN ? len : ES_F24_RECLEN;
	memcpy(buf, line, n);
	memset(buf + n, ' ', ES_F24_RECLEN - n);
	buf[ES_F24_RECLEN] = '\0';
	rec->padded = len < ES_F24_RECLEN;
	rec->long_line = len > ES_F24_RECLEN;
	d.r = buf;
	d.type = es_f24_type_name(rec->type);
	d.p = p;
	d.err = err;
	switch (rec->type) {
	case ES_F24_G1: return parse_g1(&d, &rec->u.g1);
	case ES_F24_G2: return parse_g2(&d, &rec->u.g2);
	case ES_F24_G3: return parse_g3(&d, &rec->u.g3);
	case ES_F24_G4: return parse_g4(&d, &rec->u.g4);
	case ES_F24_G5: return parse_g5(&d, &rec->u.g5);
	case ES_F24_G9: return parse_g9(&d, &rec->u.g9);
	case ES_F24_Z1: return parse_z1(&d, &rec->u.z1);
	case ES_F24_A1: parse_a1(&d, &rec->u.a1); return ES_OK;
	default: return ES_OK;     /* A0, Z9: no fields */
	}
}

const char *
es_f24_g1_instalment_kind(const es_f24_g1 *g1)
{
	if (g1->acconto && !g1->saldo)
		return "acconto";
	if (g1->saldo && !g1->acconto)
		return "saldo";
	return "unica";
}

/* Write v as exactly `width` decimal digits (zero-filled, truncated on
 * the left); returns the end.  Formatting millions of keys with snprintf
 * dominated the profile. */
static char *
digits(char *p, unsigned long v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

static char *
compact(char *p, es_date dt)
{
	int y, m, d;

	if (dt == ES_DATE_NONE) {
		memcpy(p, "00000000", 8);
		return p + 8;
	}
	es_date_to_ymd(dt, &y, &m, &d);
	p = digits(p, (unsigned long)y, 4);
	p = digits(p, (unsigned long)m, 2);
	return digits(p, (unsigned long)d, 2);
}

char *
es_f24_date_compact(es_date dt, char out[9])
{
	*compact(out, dt) = '\0';
	return out;
}

char *
es_f24_payment_id(const es_f24_g1 *g1, char out[ES_F24_ID_BUFSZ])
{
	size_t n = strlen(g1->belfiore);
	char *p = out;

	/* F24-<belfiore>-<rip><pp>-<bonifico>-<fornitura><pp>-<delega 6>-<riga 2>:
	 * 4 + 4 + 1 + 10 + 1 + 8 + 1 + 10 + 1 + 6 + 1 + 2 = 49 bytes at most. */
	memcpy(p, "F24-", 4);
	p += 4;
	memcpy(p, g1->belfiore, n);
	p += n;
	*p++ = '-';
	p = compact(p, g1->key.ripartizione);
	p = digits(p, (unsigned long)g1->key.prog_ripartizione, 2);
	*p++ = '-';
	p = compact(p, g1->key.bonifico);
	*p++ = '-';
	p = compact(p, g1->key.fornitura);
	p = digits(p, (unsigned long)g1->key.prog_fornitura, 2);
	*p++ = '-';
	p = digits(p, (unsigned long)g1->delega, 6);
	*p++ = '-';
	p = digits(p, (unsigned long)g1->riga, 2);
	*p = '\0';
	return out;
}

/* Does s (16 bytes) have the shape of a person's codice fiscale
 * (6 letters, 2 digits-or-omocodia, letter, ...) or of an 11-digit one
 * followed by 5 spaces? */
static bool
looks_like_cf(const char *s)
{
	int i;

	for (i = 0; i < 11 && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == 11 && all_of(s + 11, 5, ' '))
		return true;
	for (i = 0; i < 6; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	for (i = 6; i < 16; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return s[8] >= 'A' && s[8] <= 'Z' && s[15] >= 'A' && s[15] <= 'Z';
}

int
es_f24_guess_name_layout(const char *line, size_t len)
{
	const char *tail;

	if (len < 203 || line[0] != 'G' || line[1] != '1')
		return -1;
	tail = line + 187;                 /* pos 188-203 */
	if (all_of(tail, 16, ' '))
		return -1;
	if (looks_like_cf(tail))
		return ES_F24_NAME_TR4;
	/* Text reaching into 188-203 that is not a CF: a long 55-character name. */
	return ES_F24_NAME_WEBRED;
}
