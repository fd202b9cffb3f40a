/* cadastre.c: parser of the cadastral supply records (see cadastre.h and
 * esattore-cadastre(5)).  Field numbers in comments are 1-based, as in the
 * layout tables; the code indexes f[] from 0. */
#include "es_setup.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "domain/cadastre.h"
#include "rules.h"
#include "types/taxid.h"

/* Known field counts of the modern layout, without a trailing empty field. */
#define FAB1_KNOWN 45
#define TER1_KNOWN 43
#define SOG_P_KNOWN 11
#define SOG_G_KNOWN 7
#define TIT_KNOWN 32
#define HEAD 6            /* FAB/TER header fields before the record body */

struct es_cadastre_parser {
	char *buf;            /* copy of the line, split in place */
	size_t bufsz;
	char **f;             /* field pointers into buf */
	size_t fcap;
	void *groups;         /* the group array of the current record */
	size_t gbytes;
};

struct es_cadastre_conv {
	GIConv cp1252;
	GIConv latin1;
	gchar *out;
};

/* ---- file kinds ---- */

static const struct {
	const char *ext;
	es_cadastre_file kind;
} file_exts[] = {
	{ ".FAB", ES_CADASTRE_FILE_FAB }, { ".TER", ES_CADASTRE_FILE_TER },
	{ ".SOG", ES_CADASTRE_FILE_SOG }, { ".TIT", ES_CADASTRE_FILE_TIT },
	{ ".PRM", ES_CADASTRE_FILE_PRM }, { ".SUP", ES_CADASTRE_FILE_SUP },
};

es_cadastre_file
es_cadastre_file_from_name(const char *path)
{
	size_t n = strlen(path), i;

	if (n >= 3 && strcasecmp(path + n - 3, ".gz") == 0)
		n -= 3;
	if (n < 4)
		return ES_CADASTRE_FILE_UNKNOWN;
	for (i = 0; i < ES_ARRAY_LEN(file_exts); i++)
		if (strncasecmp(path + n - 4, file_exts[i].ext, 4) == 0)
			return file_exts[i].kind;
	return ES_CADASTRE_FILE_UNKNOWN;
}

const char *
es_cadastre_file_name(es_cadastre_file f)
{
	switch (f) {
	case ES_CADASTRE_FILE_FAB: return "FAB";
	case ES_CADASTRE_FILE_TER: return "TER";
	case ES_CADASTRE_FILE_SOG: return "SOG";
	case ES_CADASTRE_FILE_TIT: return "TIT";
	case ES_CADASTRE_FILE_PRM: return "PRM";
	case ES_CADASTRE_FILE_SUP: return "SUP";
	default: return "unknown";
	}
}

es_cadastre_file
es_cadastre_file_guess(const char *line)
{
	const char *p = line, *f4 = NULL, *f6 = NULL;
	size_t nf = 1;

	for (; *p != '\0'; p++) {
		if (*p != '|')
			continue;
		nf++;
		if (nf == 4)
			f4 = p + 1;
		else if (nf == 6)
			f6 = p + 1;
	}
	if (f4 == NULL || f4[0] == '\0' || (f4[1] != '|' && f4[1] != '\0'))
		return ES_CADASTRE_FILE_UNKNOWN;
	switch (f4[0]) {
	case 'F':
		return ES_CADASTRE_FILE_FAB;
	case 'T':
		return ES_CADASTRE_FILE_TER;
	case 'P':
	case 'G':
		if (nf >= 20 && f6 != NULL && (f6[0] == 'F' || f6[0] == 'T') &&
		    (f6[1] == '|' || f6[1] == '\0'))
			return ES_CADASTRE_FILE_TIT;
		return ES_CADASTRE_FILE_SOG;
	default:
		return ES_CADASTRE_FILE_UNKNOWN;
	}
}

/* ---- the parser object ---- */

es_cadastre_parser *
es_cadastre_parser_new(es_err *err)
{
	es_cadastre_parser *p = calloc(1, sizeof *p);

	if (p == NULL)
		es_err_set(err, ES_ENOMEM, "out of memory");
	return p;
}

void
es_cadastre_parser_free(es_cadastre_parser *p)
{
	if (p == NULL)
		return;
	free(p->buf);
	free(p->f);
	free(p->groups);
	free(p);
}

static es_rc
split(es_cadastre_parser *p, const char *line, size_t len, size_t *nf, es_err *err)
{
	size_t i, n = 1;

	if (len + 1 > p->bufsz) {
		size_t sz = len + 1 < 1024 ? 1024 : len + 1;
		char *b = realloc(p->buf, sz);
		if (b == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		p->buf = b;
		p->bufsz = sz;
	}
	memcpy(p->buf, line, len);
	p->buf[len] = '\0';
	for (i = 0; i < len; i++)
		if (p->buf[i] == '|')
			n++;
	/* Bounded before the field table grows (8 bytes a field). */
	if (n > ES_CADASTRE_MAX_FIELDS)
		return es_err_set(err, ES_EDATA, "%zu fields: more than %d, not a cadastral record", n,
		                  ES_CADASTRE_MAX_FIELDS);
	if (n > p->fcap) {
		size_t cap = n < 64 ? 64 : n;
		char **f = realloc(p->f, cap * sizeof *f);
		if (f == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		p->f = f;
		p->fcap = cap;
	}
	p->f[0] = p->buf;
	for (i = 0, n = 1; i < len; i++)
		if (p->buf[i] == '|') {
			p->buf[i] = '\0';
			p->f[n++] = p->buf + i + 1;
		}
	*nf = n;
	return ES_OK;
}

static void *
group_alloc(es_cadastre_parser *p, size_t bytes, es_err *err)
{
	if (bytes > p->gbytes) {
		void *g = realloc(p->groups, bytes);
		if (g == NULL) {
			es_err_set(err, ES_ENOMEM, "out of memory");
			return NULL;
		}
		p->groups = g;
		p->gbytes = bytes;
	}
	memset(p->groups, 0, bytes);
	return p->groups;
}

/* ---- values ---- */

/* Trim blanks in place (the field strings are the parser's). */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static bool
all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* An unsigned integer field; empty gives `empty`. */
static es_rc
get_int(char *s, int64_t empty, int64_t *out, size_t pos, const char *what, es_err *err)
{
	char *t = trim(s), *end;
	long long v;

	if (*t == '\0') {
		*out = empty;
		return ES_OK;
	}
	if (!all_digits(t) || strlen(t) > 15)
		return es_err_set(err, ES_EDATA, "field %zu (%s): '%s' is not a whole number", pos, what, t);
	errno = 0;
	v = strtoll(t, &end, 10);
	if (errno != 0 || *end != '\0')
		return es_err_set(err, ES_EDATA, "field %zu (%s): '%s' is out of range", pos, what, t);
	*out = v;
	return ES_OK;
}

/* A comma-decimal amount with 0-2 decimals (1057,45 932,2 42787 0) in
 * cents; empty gives -1. */
static es_rc
get_cents(char *s, es_cents *out, size_t pos, const char *what, es_err *err)
{
	char *t = trim(s);
	int64_t v;
	const char *p;
	bool comma = false;

	if (*t == '\0') {
		*out = -1;
		return ES_OK;
	}
	for (p = t; *p != '\0'; p++) {
		if (*p == ',' && !comma && p != t)
			comma = true;
		else if (!isdigit((unsigned char)*p))
			return es_err_set(err, ES_EDATA, "field %zu (%s): '%s' is not an amount", pos, what, t);
	}
	if (es_decimal_parse(t, 2, &v, NULL) != ES_OK || v < 0 || v > ES_CENTS_MAX)
		return es_err_set(err, ES_EDATA, "field %zu (%s): '%s' is not an amount", pos, what, t);
	*out = v;
	return ES_OK;
}

/* DDMMYYYY.  Empty and 00000000 are none; a year before 1800 is the
 * impianto sentinel (none, *impianto set).  A malformed date is ES_EDATA. */
static es_rc
get_date(char *s, es_date *out, bool *impianto, size_t pos, const char *what, es_err *err)
{
	char *t = trim(s);
	int d, m, y;

	*out = ES_DATE_NONE;
	if (impianto != NULL)
		*impianto = false;
	if (*t == '\0')
		return ES_OK;
	if (strlen(t) != 8 || !all_digits(t))
		return es_err_set(err, ES_EDATA, "field %zu (%s): '%s' is not a date DDMMYYYY", pos, what, t);
	d = (t[0] - '0') * 10 + (t[1] - '0');
	m = (t[2] - '0') * 10 + (t[3] - '0');
	y = (t[4] - '0') * 1000 + (t[5] - '0') * 100 + (t[6] - '0') * 10 + (t[7] - '0');
	if (d == 0 && m == 0 && y == 0)
		return ES_OK;
	if (y < 1800 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		if (impianto != NULL)
			*impianto = true;
		return ES_OK;
	}
	if (!es_date_valid_ymd(y, m, d))
		return es_err_set(err, ES_EDATA, "field %zu (%s): '%s' is not a valid date", pos, what, t);
	*out = es_date_from_ymd(y, m, d);
	return ES_OK;
}

/* A secondary date: malformed is a warning, not a reject. */
static void
get_date_soft(es_cadastre_rec *rec, char *s, es_date *out)
{
	if (get_date(s, out, NULL, 0, "", NULL) != ES_OK) {
		*out = ES_DATE_NONE;
		if (!(rec->warnings & ES_CADASTRE_W_BAD_DATE))
			rec->warning_field = s;
		rec->warnings |= ES_CADASTRE_W_BAD_DATE;
	}
}

static const char empty_str[] = "";

/* Field at 1-based position pos, or "" beyond the line. */
#define F(pos) ((pos) <= nf ? f[(pos) - 1] : (char *)empty_str)

/* First non-empty field among positions from..nf (1-based), 0 if none. */
static size_t
first_nonempty(char **f, size_t nf, size_t from)
{
	size_t i;

	for (i = from; i <= nf; i++)
		if (*trim(f[i - 1]) != '\0')
			return i;
	return 0;
}

/* An atto: efficacia, registrazione, tipo, numero, progressivo, anno at
 * positions p..p+5 (FAB, TER); causale/descrizione at c, c+1 (0: absent). */
static es_rc
get_atto(es_cadastre_rec *rec, char **f, size_t nf, size_t p, size_t c, es_cadastre_atto *a,
         const char *what, es_err *err)
{
	es_rc rc;

	rc = get_date(F(p), &a->efficacia, &a->impianto, p, what, err);
	if (rc != ES_OK)
		return rc;
	get_date_soft(rec, F(p + 1), &a->registrazione);
	a->tipo_nota = trim(F(p + 2));
	a->numero_nota = trim(F(p + 3));
	a->progressivo_nota = trim(F(p + 4));
	a->anno_nota = trim(F(p + 5));
	a->causale = c ? trim(F(c)) : empty_str;
	a->descrizione = c ? trim(F(c + 1)) : empty_str;
	return ES_OK;
}

/* ---- record bodies ---- */

static es_rc
parse_fab1(es_cadastre_rec *rec, char **f, size_t nf, es_err *err)
{
	es_cadastre_fab1 *r = &rec->u.fab1;
	es_rc rc;
	int i;

	if (nf < ES_CADASTRE_MIN_FAB1)
		return es_err_set(err, ES_EDATA, "FAB record 1 has %zu fields, at least %d expected",
		                  nf, ES_CADASTRE_MIN_FAB1);
	r->zona = trim(F(7));
	r->categoria = trim(F(8));
	r->classe = trim(F(9));
	r->consistenza = trim(F(10));
	if ((rc = get_cents(F(10), &r->consistenza_x100, 10, "consistenza", err)) != ES_OK)
		return rc;
	if ((rc = get_int(F(11), -1, &r->superficie, 11, "superficie", err)) != ES_OK)
		return rc;
	/* field 12, rendita in lire: legacy, not kept */
	if ((rc = get_cents(F(13), &r->rendita, 13, "rendita", err)) != ES_OK)
		return rc;
	r->lotto = trim(F(14));
	r->edificio = trim(F(15));
	r->scala = trim(F(16));
	r->interno1 = trim(F(17));
	r->interno2 = trim(F(18));
	for (i = 0; i < 4; i++)
		r->piano[i] = trim(F(19 + (size_t)i));
	if ((rc = get_atto(rec, f, nf, 23, nf >= 42 ? 41 : 0, &r->generante, "data di efficacia", err)) != ES_OK)
		return rc;
	if ((rc = get_atto(rec, f, nf, 29, nf >= 44 ? 43 : 0, &r->conclusivo,
	                   "data di efficacia conclusiva", err)) != ES_OK)
		return rc;
	r->partita = trim(F(35));
	r->annotazione = trim(F(36));
	r->mutazione_iniziale = trim(F(37));
	r->mutazione_finale = trim(F(38));
	r->protocollo_notifica = trim(F(39));
	get_date_soft(rec, F(40), &r->data_notifica);
	r->flag_classamento = trim(F(45));
	rec->extra_field = first_nonempty(f, nf, FAB1_KNOWN + 1);
	return ES_OK;
}

static es_rc
parse_ter1(es_cadastre_rec *rec, char **f, size_t nf, es_err *err)
{
	es_cadastre_ter1 *r = &rec->u.ter1;
	int64_t ha, are, ca;
	es_rc rc;

	if (nf < ES_CADASTRE_MIN_TER1)
		return es_err_set(err, ES_EDATA, "TER record 1 has %zu fields, at least %d expected",
		                  nf, ES_CADASTRE_MIN_TER1);
	r->ident.sezione_urbana = empty_str;
	r->ident.foglio = trim(F(7));
	r->ident.numero = trim(F(8));
	r->ident.denominatore = trim(F(9));
	r->ident.subalterno = trim(F(10));
	r->ident.edificialita = trim(F(11));
	r->qualita = trim(F(12));
	r->classe = trim(F(13));
	if ((rc = get_int(F(14), 0, &ha, 14, "ettari", err)) != ES_OK ||
	    (rc = get_int(F(15), 0, &are, 15, "are", err)) != ES_OK ||
	    (rc = get_int(F(16), 0, &ca, 16, "centiare", err)) != ES_OK)
		return rc;
	r->area_m2 = ha * 10000 + are * 100 + ca;
	r->flag_reddito = trim(F(17));
	r->flag_porzione = trim(F(18));
	r->flag_deduzioni = trim(F(19));
	/* fields 20-21, redditi in lire: legacy, not kept */
	if ((rc = get_cents(F(22), &r->reddito_dominicale, 22, "reddito dominicale", err)) != ES_OK ||
	    (rc = get_cents(F(23), &r->reddito_agrario, 23, "reddito agrario", err)) != ES_OK)
		return rc;
	if ((rc = get_atto(rec, f, nf, 24, nf >= 41 ? 40 : 0, &r->generante, "data di efficacia", err)) != ES_OK)
		return rc;
	if ((rc = get_atto(rec, f, nf, 30, nf >= 43 ? 42 : 0, &r->conclusivo,
	                   "data di efficacia conclusiva", err)) != ES_OK)
		return rc;
	r->partita = trim(F(36));
	r->annotazione = trim(F(37));
	r->mutazione_iniziale = trim(F(38));
	r->mutazione_finale = trim(F(39));
	rec->extra_field = first_nonempty(f, nf, TER1_KNOWN + 1);
	return ES_OK;
}

/* The number of groups of size gs in fields HEAD+1..nf.  Leftover fields
 * that are all empty (a trailing '|') are ignored; non-empty leftovers make
 * a partial last group and a warning. */
static size_t
count_groups(es_cadastre_rec *rec, char **f, size_t nf, size_t gs)
{
	size_t body = nf - HEAD, n = body / gs, r = body % gs;

	if (r > 0 && first_nonempty(f, nf, nf - r + 1) != 0) {
		rec->warnings |= ES_CADASTRE_W_GROUP_TAIL;
		n++;
	}
	return n;
}

/* Does s look like a porzione id ("A", "AB")? */
static bool
porzione_id_like(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 1 || n > 2)
		return false;
	for (i = 0; i < n; i++)
		if (!isupper((unsigned char)s[i]))
			return false;
	return true;
}

/* TER record 4: groups of 6 (id, qualita, classe, ha, are, ca) or, in
 * SIT-era files, of 8 (+ RD, RA in euro).  The size is the one that divides
 * the field count (a trailing empty field allowed); when both do (24, 48,
 * ... fields), the content decides: the next group's id is at offset 6 for
 * groups of 6, at offset 8 for groups of 8. */
static size_t
porzioni_size(char **f, size_t nf)
{
	char **g = f + HEAD;
	size_t body = nf - HEAD;
	bool last_empty = body > 0 && *trim(g[body - 1]) == '\0';
	bool six = body % 6 == 0 || (body % 6 == 1 && last_empty);
	bool eight = body % 8 == 0 || (body % 8 == 1 && last_empty);
	bool id6, id8;

	if (six && !eight)
		return 6;
	if (eight && !six)
		return 8;
	if (!six && !eight)
		return 0;
	id6 = body > 6 && porzione_id_like(trim(g[6]));
	id8 = body > 8 && porzione_id_like(trim(g[8]));
	if (id6 && !id8)
		return 6;
	if (id8 && !id6)
		return 8;
	return 0;
}

static es_rc
parse_groups(es_cadastre_parser *p, es_cadastre_rec *rec, char **f, size_t nf, es_err *err)
{
	size_t gs, n, i;
	char **g;
	es_rc rc;

	switch (rec->type) {
	case ES_CADASTRE_FAB2: case ES_CADASTRE_FAB3: gs = 6; break;
	case ES_CADASTRE_FAB4: gs = 5; break;
	case ES_CADASTRE_FAB5: case ES_CADASTRE_TER3: gs = 2; break;
	case ES_CADASTRE_TER2: gs = 1; break;
	case ES_CADASTRE_TER4:
		if (nf <= HEAD)
			return es_err_set(err, ES_EDATA, "TER record 4 has no porzione");
		gs = porzioni_size(f, nf);
		if (gs == 0) {
			rec->warnings |= ES_CADASTRE_W_PORZIONI;
			rec->ngroups = 0;
			return ES_OK;
		}
		break;
	default:
		return es_err_set(err, ES_EINTERNAL, "parse_groups: record type %d", rec->type);
	}
	if (nf <= HEAD || first_nonempty(f, nf, HEAD + 1) == 0)
		return es_err_set(err, ES_EDATA, "%s record %s has no group after field 6",
		                  rec->type >= ES_CADASTRE_TER1 ? "TER" : "FAB", f[5]);
	n = rec->type == ES_CADASTRE_TER4 ? (nf - HEAD) / gs : count_groups(rec, f, nf, gs);
	rec->ngroups = n;
	g = f + HEAD;
	/* Fields past nf read as "" through G(). */
#define G(k) (i * gs + (k) < nf - HEAD ? trim(g[i * gs + (k)]) : (char *)empty_str)
	switch (rec->type) {
	case ES_CADASTRE_FAB2: {
		es_cadastre_ident *a = group_alloc(p, n * sizeof *a, err);
		if (a == NULL)
			return ES_ENOMEM;
		for (i = 0; i < n; i++) {
			a[i].sezione_urbana = G(0);
			a[i].foglio = G(1);
			a[i].numero = G(2);
			a[i].denominatore = G(3);
			a[i].subalterno = G(4);
			a[i].edificialita = G(5);
		}
		rec->idents = a;
		break;
	}
	case ES_CADASTRE_FAB3: {
		es_cadastre_address *a = group_alloc(p, n * sizeof *a, err);
		if (a == NULL)
			return ES_ENOMEM;
		for (i = 0; i < n; i++) {
			a[i].toponimo = G(0);
			a[i].indirizzo = G(1);
			a[i].civico1 = G(2);
			a[i].civico2 = G(3);
			a[i].civico3 = G(4);
			a[i].codice_strada = G(5);
		}
		rec->addresses = a;
		break;
	}
	case ES_CADASTRE_FAB4: {
		es_cadastre_utility *a = group_alloc(p, n * sizeof *a, err);
		if (a == NULL)
			return ES_ENOMEM;
		for (i = 0; i < n; i++) {
			a[i].sezione_urbana = G(0);
			a[i].foglio = G(1);
			a[i].numero = G(2);
			a[i].denominatore = G(3);
			a[i].subalterno = G(4);
		}
		rec->utilities = a;
		break;
	}
	case ES_CADASTRE_FAB5:
	case ES_CADASTRE_TER3: {
		es_cadastre_riserva *a = group_alloc(p, n * sizeof *a, err);
		if (a == NULL)
			return ES_ENOMEM;
		for (i = 0; i < n; i++) {
			a[i].codice = G(0);
			a[i].partita = G(1);
		}
		rec->riserve = a;
		break;
	}
	case ES_CADASTRE_TER2: {
		const char **a = group_alloc(p, n * sizeof *a, err);
		if (a == NULL)
			return ES_ENOMEM;
		for (i = 0; i < n; i++)
			a[i] = G(0);
		rec->deduzioni = a;
		break;
	}
	case ES_CADASTRE_TER4: {
		es_cadastre_porzione *a = group_alloc(p, n * sizeof *a, err);
		int64_t ha, are, ca;
		if (a == NULL)
			return ES_ENOMEM;
		for (i = 0; i < n; i++) {
			size_t base = HEAD + i * gs + 1;   /* 1-based position of the group */
			a[i].id = G(0);
			a[i].qualita = G(1);
			a[i].classe = G(2);
			if ((rc = get_int(G(3), 0, &ha, base + 3, "ettari", err)) != ES_OK ||
			    (rc = get_int(G(4), 0, &are, base + 4, "are", err)) != ES_OK ||
			    (rc = get_int(G(5), 0, &ca, base + 5, "centiare", err)) != ES_OK)
				return rc;
			a[i].area_m2 = ha * 10000 + are * 100 + ca;
			a[i].has_redditi = gs == 8;
			a[i].reddito_dominicale = a[i].reddito_agrario = -1;
			if (gs == 8 &&
			    ((rc = get_cents(G(6), &a[i].reddito_dominicale, base + 6, "reddito dominicale", err)) != ES_OK ||
			     (rc = get_cents(G(7), &a[i].reddito_agrario, base + 7, "reddito agrario", err)) != ES_OK))
				return rc;
		}
		rec->porzioni = a;
		break;
	}
	default:
		break;
	}
#undef G
	return ES_OK;
}

static es_rc
parse_sog(es_cadastre_rec *rec, char **f, size_t nf, es_err *err)
{
	es_cadastre_sog *r = &rec->u.sog;
	char *k = trim(F(4));

	if (strcmp(k, "P") == 0) {
		rec->type = ES_CADASTRE_SOG_P;
		if (nf < ES_CADASTRE_MIN_SOG_P)
			return es_err_set(err, ES_EDATA, "SOG record P has %zu fields, at least %d expected",
			                  nf, ES_CADASTRE_MIN_SOG_P);
		r->cognome = trim(F(5));
		r->nome = trim(F(6));
		r->sesso = trim(F(7));
		get_date_soft(rec, F(8), &r->data_nascita);
		r->luogo_nascita = trim(F(9));
		r->codice_fiscale = trim(F(10));
		r->indicazioni = trim(F(11));
		r->denominazione = r->sede = empty_str;
		rec->extra_field = first_nonempty(f, nf, SOG_P_KNOWN + 1);
	} else if (strcmp(k, "G") == 0) {
		rec->type = ES_CADASTRE_SOG_G;
		if (nf < ES_CADASTRE_MIN_SOG_G)
			return es_err_set(err, ES_EDATA, "SOG record G has %zu fields, at least %d expected",
			                  nf, ES_CADASTRE_MIN_SOG_G);
		r->denominazione = trim(F(5));
		r->sede = trim(F(6));
		r->codice_fiscale = trim(F(7));
		r->cognome = r->nome = r->sesso = r->luogo_nascita = r->indicazioni = empty_str;
		r->data_nascita = ES_DATE_NONE;
		rec->extra_field = first_nonempty(f, nf, SOG_G_KNOWN + 1);
	} else {
		return es_err_set(err, ES_EDATA, "field 4 (tipo soggetto): '%s' is not P or G", k);
	}
	return ES_OK;
}

static es_rc
parse_tit(es_cadastre_rec *rec, char **f, size_t nf, es_err *err)
{
	es_cadastre_tit *r = &rec->u.tit;
	char *sk, *uk;
	es_rc rc;

	rec->type = ES_CADASTRE_TIT;
	if (nf < ES_CADASTRE_MIN_TIT)
		return es_err_set(err, ES_EDATA, "TIT record has %zu fields, at least %d expected",
		                  nf, ES_CADASTRE_MIN_TIT);
	r->subject_id = trim(F(3));
	sk = trim(F(4));
	r->unit_id = trim(F(5));
	uk = trim(F(6));
	if (*r->subject_id == '\0')
		return es_err_set(err, ES_EDATA, "field 3 (identificativo soggetto) is empty");
	if ((strcmp(sk, "P") != 0 && strcmp(sk, "G") != 0))
		return es_err_set(err, ES_EDATA, "field 4 (tipo soggetto): '%s' is not P or G", sk);
	if (*r->unit_id == '\0')
		return es_err_set(err, ES_EDATA, "field 5 (identificativo immobile) is empty");
	if ((strcmp(uk, "F") != 0 && strcmp(uk, "T") != 0))
		return es_err_set(err, ES_EDATA, "field 6 (tipo immobile): '%s' is not F or T", uk);
	r->subject_kind = sk[0];
	r->unit_kind = uk[0];
	rec->id = r->unit_id;
	/* Field 7 is kept verbatim: "30" (abitazione) and "30 " (usufruttuario
	 * parziale, legacy Catasto Terreni) are different rights. */
	r->diritto = F(7);
	if (*r->diritto == '\0' || strspn(r->diritto, " ") == strlen(r->diritto))
		return es_err_set(err, ES_EDATA, "field 7 (codice diritto) is empty");
	r->titolo = trim(F(8));
	if ((rc = get_int(F(9), 0, &r->quota_num, 9, "quota numeratore", err)) != ES_OK ||
	    (rc = get_int(F(10), 0, &r->quota_den, 10, "quota denominatore", err)) != ES_OK)
		return rc;
	if (r->quota_den == 0 && r->quota_num != 0)
		return es_err_set(err, ES_EDATA, "fields 9-10 (quota): %lld/0 has a zero denominator",
		                  (long long)r->quota_num);
	r->regime = trim(F(11));
	r->soggetto_rif = trim(F(12));
	if ((rc = get_date(F(13), &r->generante.efficacia, &r->generante.impianto, 13,
	                   "data di validita", err)) != ES_OK)
		return rc;
	r->generante.tipo_nota = trim(F(14));
	r->generante.numero_nota = trim(F(15));
	r->generante.progressivo_nota = trim(F(16));
	r->generante.anno_nota = trim(F(17));
	get_date_soft(rec, F(18), &r->generante.registrazione);
	r->partita = trim(F(19));
	if ((rc = get_date(F(20), &r->conclusivo.efficacia, &r->conclusivo.impianto, 20,
	                   "data di validita conclusiva", err)) != ES_OK)
		return rc;
	r->conclusivo.tipo_nota = trim(F(21));
	r->conclusivo.numero_nota = trim(F(22));
	r->conclusivo.progressivo_nota = trim(F(23));
	r->conclusivo.anno_nota = trim(F(24));
	get_date_soft(rec, F(25), &r->conclusivo.registrazione);
	r->mutazione_iniziale = trim(F(26));
	r->mutazione_finale = trim(F(27));
	r->id_titolarita = trim(F(28));
	r->generante.causale = trim(F(29));
	r->generante.descrizione = trim(F(30));
	r->conclusivo.causale = trim(F(31));
	r->conclusivo.descrizione = trim(F(32));
	rec->extra_field = first_nonempty(f, nf, TIT_KNOWN + 1);
	return ES_OK;
}

static bool
belfiore_ok(const char *s)
{
	size_t i;

	if (strlen(s) != 4 || !isalpha((unsigned char)s[0]))
		return false;
	for (i = 1; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

es_rc
es_cadastre_parse(es_cadastre_parser *p, es_cadastre_file file, const char *line, size_t len,
                  es_cadastre_rec *rec, es_err *err)
{
	size_t nf = 0;
	char **f;
	es_rc rc;
	int64_t v;

	memset(rec, 0, sizeof *rec);
	if ((rc = split(p, line, len, &nf, err)) != ES_OK)
		return rc;
	f = p->f;
	rec->nfields = nf;
	if (nf < 4)
		return es_err_set(err, ES_EDATA, "not a cadastral record: %zu field%s", nf, nf == 1 ? "" : "s");
	rec->belfiore = trim(f[0]);
	if (!belfiore_ok(rec->belfiore))
		return es_err_set(err, ES_EDATA, "field 1 (codice amministrativo): '%s' is not a Belfiore code",
		                  rec->belfiore);
	rec->sezione = trim(f[1]);
	rec->id = trim(f[2]);
	if (file == ES_CADASTRE_FILE_SOG || file == ES_CADASTRE_FILE_TIT) {
		if (file == ES_CADASTRE_FILE_SOG) {
			if (*rec->id == '\0')
				return es_err_set(err, ES_EDATA, "field 3 (identificativo soggetto) is empty");
			return parse_sog(rec, f, nf, err);
		}
		return parse_tit(rec, f, nf, err);
	}
	if (file != ES_CADASTRE_FILE_FAB && file != ES_CADASTRE_FILE_TER)
		return es_err_set(err, ES_EINTERNAL, "es_cadastre_parse: file kind %d", (int)file);
	if (nf < HEAD)
		return es_err_set(err, ES_EDATA, "%s record has %zu fields, at least %d expected",
		                  es_cadastre_file_name(file), nf, HEAD + 1);
	if (*rec->id == '\0')
		return es_err_set(err, ES_EDATA, "field 3 (identificativo immobile) is empty");
	if (strcmp(trim(f[3]), file == ES_CADASTRE_FILE_FAB ? "F" : "T") != 0)
		return es_err_set(err, ES_EDATA, "field 4 (tipo immobile): '%s' in a %s file", f[3],
		                  es_cadastre_file_name(file));
	if ((rc = get_int(f[4], -1, &v, 5, "progressivo", err)) != ES_OK)
		return rc;
	if (v < 0 || v > 999999)
		return es_err_set(err, ES_EDATA, "field 5 (progressivo) is empty or out of range");
	rec->progressivo = (int)v;
	v = strlen(trim(f[5])) == 1 ? f[5][0] - '0' : -1;
	if (file == ES_CADASTRE_FILE_FAB) {
		if (v < 1 || v > 5)
			return es_err_set(err, ES_EDATA, "field 6 (tipo record): '%s' is not 1-5 in a FAB file", f[5]);
		rec->type = (es_cadastre_rtype)(ES_CADASTRE_FAB1 + (v - 1));
		if (v == 1)
			return parse_fab1(rec, f, nf, err);
	} else {
		if (v < 1 || v > 4)
			return es_err_set(err, ES_EDATA, "field 6 (tipo record): '%s' is not 1-4 in a TER file", f[5]);
		rec->type = (es_cadastre_rtype)(ES_CADASTRE_TER1 + (v - 1));
		if (v == 1)
			return parse_ter1(rec, f, nf, err);
	}
	return parse_groups(p, rec, f, nf, err);
}

/* ---- encoding ---- */

es_cadastre_conv *
es_cadastre_conv_new(es_err *err)
{
	es_cadastre_conv *c = calloc(1, sizeof *c);

	if (c == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	c->cp1252 = g_iconv_open("UTF-8", "WINDOWS-1252");
	c->latin1 = g_iconv_open("UTF-8", "ISO-8859-1");
	if (c->cp1252 == (GIConv)-1 || c->latin1 == (GIConv)-1) {
		es_cadastre_conv_free(c);
		es_err_set(err, ES_ECONFIG, "iconv cannot convert WINDOWS-1252 to UTF-8");
		return NULL;
	}
	return c;
}

void
es_cadastre_conv_free(es_cadastre_conv *c)
{
	if (c == NULL)
		return;
	if (c->cp1252 != NULL && c->cp1252 != (GIConv)-1)
		g_iconv_close(c->cp1252);
	if (c->latin1 != NULL && c->latin1 != (GIConv)-1)
		g_iconv_close(c->latin1);
	g_free(c->out);
	free(c);
}

es_rc
es_cadastre_to_utf8(es_cadastre_conv *c, const char *in, size_t len, const char **out, size_t *outlen,
                    es_err *err)
{
	gsize written = 0;
	GError *ge = NULL;
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)in[i] >= 0x80)
			break;
	if (i == len) {
		*out = in;
		*outlen = len;
		return ES_OK;
	}
	g_free(c->out);
	c->out = g_convert_with_iconv(in, (gssize)len, c->cp1252, NULL, &written, &ge);
	if (c->out == NULL) {
		/* Bytes that Windows-1252 leaves undefined (0x81, 0x8D, ...):
		 * read the line as ISO-8859-1, where every byte is a character. */
		g_clear_error(&ge);
		g_iconv(c->cp1252, NULL, NULL, NULL, NULL);
		c->out = g_convert_with_iconv(in, (gssize)len, c->latin1, NULL, &written, &ge);
		if (c->out == NULL) {
			es_err_set(err, ES_EDATA, "cannot convert to UTF-8: %s", ge->message);
			g_error_free(ge);
			return ES_EDATA;
		}
	}
	*out = c->out;
	*outlen = written;
	return ES_OK;
}

/* ---- keys ---- */

char *
es_cadastre_strip_zeros(const char *s, char *buf, size_t bufsz)
{
	const char *p = s;

	if (bufsz == 0)
		return buf;
	if (all_digits(s)) {
		while (p[0] == '0' && p[1] != '\0')
			p++;
	}
	g_strlcpy(buf, p, bufsz);
	return buf;
}

/* buf = a b c d e f (a key is built for every record: no printf); false
 * when it does not fit (buf then holds the part that does). */
static bool
key_join(char *buf, size_t bufsz, const char *a, const char *b, const char *c, const char *d,
         const char *e, const char *f)
{
	const char *parts[] = { a, b, c, d, e, f };
	size_t i, n = 0;

	if (bufsz == 0)
		return false;
	for (i = 0; i < ES_ARRAY_LEN(parts); i++) {
		size_t len = strlen(parts[i]);
		if (len >= bufsz - n) {
			memcpy(buf + n, parts[i], bufsz - n - 1);
			buf[bufsz - 1] = '\0';
			return false;
		}
		memcpy(buf + n, parts[i], len);
		n += len;
	}
	buf[n] = '\0';
	return true;
}

bool
es_cadastre_unit_key(const char *belfiore, const char *sezione, char kind, const char *id, char *buf,
                     size_t bufsz)
{
	char k[2] = { kind, '\0' };

	return key_join(buf, bufsz, belfiore, sezione, "-", k, "-", id);
}

bool
es_cadastre_subject_key(const char *belfiore, char kind, const char *id, char *buf, size_t bufsz)
{
	char k[2] = { kind, '\0' };

	return key_join(buf, bufsz, belfiore, "", "-", k, "-", id);
}

/* ---- code tables ---- */

struct es_cadastre_codes {
	es_table *tables[5];
	GHashTable *categories;   /* code -> "" */
	GHashTable *rights;       /* verbatim code -> row index + 1 */
	GHashTable *tipo_nota;    /* "F:V" -> "" */
	GHashTable *partite;      /* "F:A" -> "" */
	GHashTable *toponimi;     /* code -> name */
	const es_table *rights_t;
};

enum { T_CAT, T_RIGHT, T_NOTA, T_PART, T_TOPO };

static const char *const table_names[5] = {
	"cadastre_categories", "cadastre_rights", "cadastre_tipo_nota",
	"cadastre_partite_speciali", "cadastre_toponimi"
};

es_cadastre_codes *
es_cadastre_codes_load(es_err *err)
{
	es_table *t[5] = { NULL };
	size_t i;

	for (i = 0; i < 5; i++) {
		t[i] = es_table_load(table_names[i], err);
		if (t[i] == NULL) {
			while (i-- > 0)
				es_table_free(t[i]);
			return NULL;
		}
	}
	return es_cadastre_codes_new(t[0], t[1], t[2], t[3], t[4], err);
}

static es_rc
require(const es_table *t, const char *const *cols, size_t n, es_err *err)
{
	return es_table_require(t, cols, n, err);
}

es_cadastre_codes *
es_cadastre_codes_new(es_table *categories, es_table *rights, es_table *tipo_nota, es_table *partite,
                      es_table *toponimi, es_err *err)
{
	static const char *const c_cat[] = { "code" };
	static const char *const c_right[] = { "code", "trailing_blanks", "description", "imu_liable", "sum_check" };
	static const char *const c_two[] = { "catasto", "code" };
	static const char *const c_topo[] = { "code", "name" };
	es_cadastre_codes *c = calloc(1, sizeof *c);
	size_t i, n;

	if (c == NULL) {
		es_table_free(categories);
		es_table_free(rights);
		es_table_free(tipo_nota);
		es_table_free(partite);
		es_table_free(toponimi);
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	c->tables[T_CAT] = categories;
	c->tables[T_RIGHT] = rights;
	c->tables[T_NOTA] = tipo_nota;
	c->tables[T_PART] = partite;
	c->tables[T_TOPO] = toponimi;
	c->rights_t = rights;
	for (i = 0; i < 5; i++)
		if (c->tables[i] == NULL) {
			es_err_set(err, ES_EINTERNAL, "es_cadastre_codes_new: table %s missing", table_names[i]);
			goto fail;
		}
	if (require(categories, c_cat, 1, err) != ES_OK || require(rights, c_right, 5, err) != ES_OK ||
	    require(tipo_nota, c_two, 2, err) != ES_OK || require(partite, c_two, 2, err) != ES_OK ||
	    require(toponimi, c_topo, 2, err) != ES_OK)
		goto fail;
	c->categories = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->rights = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->tipo_nota = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->partite = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->toponimi = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	n = es_table_nrows(categories);
	for (i = 0; i < n; i++)
		g_hash_table_insert(c->categories, g_strdup(es_table_get(categories, i, "code")), NULL);
	/* The table's cells are trimmed when loaded, so a code's trailing
	 * blanks ("30 " is not "30") are counted in their own column. */
	n = es_table_nrows(rights);
	for (i = 0; i < n; i++) {
		int64_t blanks = 0;
		gchar *code;
		if (es_table_int(rights, i, "trailing_blanks", &blanks, err) != ES_OK || blanks < 0 || blanks > 2) {
			es_err_set(err, ES_ECONFIG, "%s:%llu: trailing_blanks must be 0, 1 or 2", es_table_name(rights),
			           (unsigned long long)es_table_line(rights, i));
			goto fail;
		}
		code = g_strdup_printf("%s%.*s", es_table_get(rights, i, "code"), (int)blanks, "  ");
		if (g_hash_table_contains(c->rights, code)) {
			es_err_set(err, ES_ECONFIG, "%s:%llu: right code '%s' appears twice", es_table_name(rights),
			           (unsigned long long)es_table_line(rights, i), code);
			g_free(code);
			goto fail;
		}
		g_hash_table_insert(c->rights, code, GSIZE_TO_POINTER(i + 1));
	}
	n = es_table_nrows(tipo_nota);
	for (i = 0; i < n; i++)
		g_hash_table_insert(c->tipo_nota, g_strdup_printf("%s:%s", es_table_get(tipo_nota, i, "catasto"),
		                                                  es_table_get(tipo_nota, i, "code")), NULL);
	n = es_table_nrows(partite);
	for (i = 0; i < n; i++)
		g_hash_table_insert(c->partite, g_strdup_printf("%s:%s", es_table_get(partite, i, "catasto"),
		                                                es_table_get(partite, i, "code")), NULL);
	n = es_table_nrows(toponimi);
	for (i = 0; i < n; i++)
		g_hash_table_insert(c->toponimi, g_strdup(es_table_get(toponimi, i, "code")),
		                    (gpointer)es_table_get(toponimi, i, "name"));
	return c;
fail:
	es_cadastre_codes_free(c);
	return NULL;
}

void
es_cadastre_codes_free(es_cadastre_codes *c)
{
	size_t i;

	if (c == NULL)
		return;
	if (c->categories != NULL) {
		g_hash_table_destroy(c->categories);
		g_hash_table_destroy(c->rights);
		g_hash_table_destroy(c->tipo_nota);
		g_hash_table_destroy(c->partite);
		g_hash_table_destroy(c->toponimi);
	}
	for (i = 0; i < 5; i++)
		es_table_free(c->tables[i]);
	free(c);
}

static long
right_row(const es_cadastre_codes *c, const char *code)
{
	gpointer v = g_hash_table_lookup(c->rights, code);

	return v == NULL ? -1 : (long)GPOINTER_TO_SIZE(v) - 1;
}

const char *
es_cadastre_right_name(const es_cadastre_codes *c, const char *code)
{
	long r = right_row(c, code);

	return r < 0 ? NULL : es_table_get(c->rights_t, (size_t)r, "description");
}

bool
es_cadastre_right_sums(const es_cadastre_codes *c, const char *code)
{
	long r = right_row(c, code);

	return r >= 0 && strcmp(es_table_get(c->rights_t, (size_t)r, "sum_check"), "yes") == 0;
}

static bool
right_review(const es_cadastre_codes *c, const char *code)
{
	long r = right_row(c, code);

	return r >= 0 && strcmp(es_table_get(c->rights_t, (size_t)r, "imu_liable"), "review") == 0;
}

const char *
es_cadastre_toponimo(const es_cadastre_codes *c, const char *code)
{
	char buf[16];

	if (g_hash_table_contains(c->toponimi, code))
		return g_hash_table_lookup(c->toponimi, code);
	/* "0236" and "236" are the same code */
	es_cadastre_strip_zeros(code, buf, sizeof buf);
	return g_hash_table_lookup(c->toponimi, buf);
}

bool
es_cadastre_address_format(const es_cadastre_codes *c, const es_cadastre_address *a, char *buf,
                           size_t bufsz)
{
	const char *topo = *a->toponimo ? es_cadastre_toponimo(c, a->toponimo) : NULL;
	GString *s = g_string_new(NULL);
	bool ok;

	if (topo != NULL && *topo != '\0')
		g_string_append(s, topo);
	if (*a->indirizzo != '\0')
		g_string_append_printf(s, "%s%s", s->len ? " " : "", a->indirizzo);
	if (*a->civico1 != '\0')
		g_string_append_printf(s, "%s%s", s->len ? " " : "", a->civico1);
	if (*a->civico2 != '\0')
		g_string_append_printf(s, "/%s", a->civico2);
	if (*a->civico3 != '\0')
		g_string_append_printf(s, "/%s", a->civico3);
	ok = s->len < bufsz;
	snprintf(buf, bufsz, "%s", s->str);
	g_string_free(s, TRUE);
	return ok;
}

/* ---- per-record checks ---- */

static void
finding(es_cadastre_finding_fn fn, void *ctx, const char *check, const char *fmt, ...) ES_PRINTF(4, 5);

static void
finding(es_cadastre_finding_fn fn, void *ctx, const char *check, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fn(ctx, check, msg);
}

static void
check_nota(const es_cadastre_codes *c, char catasto, const es_cadastre_atto *a, const char *which,
           es_cadastre_finding_fn fn, void *ctx)
{
	char key[32];

	if (*a->tipo_nota == '\0')
		return;
	snprintf(key, sizeof key, "%c:%s", catasto, a->tipo_nota);
	if (!g_hash_table_contains(c->tipo_nota, key))
		finding(fn, ctx, "unknown_tipo_nota", "tipo nota '%s' (atto %s) is not in cadastre_tipo_nota",
		        a->tipo_nota, which);
}

static void
check_partita(const es_cadastre_codes *c, char catasto, const char *partita, es_cadastre_finding_fn fn,
              void *ctx)
{
	char key[32];

	if (*partita == '\0' || all_digits(partita))
		return;
	snprintf(key, sizeof key, "%c:%s", catasto, partita);
	if (!g_hash_table_contains(c->partite, key))
		finding(fn, ctx, "unknown_partita", "partita '%s' is neither a number nor a partita speciale",
		        partita);
}

void
es_cadastre_check(const es_cadastre_codes *c, const es_cadastre_rec *rec, es_cadastre_finding_fn fn, void *ctx)
{
	es_err e;

	if (rec->extra_field != 0)
		finding(fn, ctx, "extra_fields", "field %zu and beyond are not in the known layout (%zu fields)",
		        rec->extra_field, rec->nfields);
	if (rec->warnings & ES_CADASTRE_W_BAD_DATE)
		finding(fn, ctx, "bad_date", "'%s' is not a date DDMMYYYY: taken as absent",
		        rec->warning_field ? rec->warning_field : "");
	if (rec->warnings & ES_CADASTRE_W_PORZIONI)
		finding(fn, ctx, "porzioni_layout",
		        "%zu porzione fields fit neither groups of 6 nor of 8: porzioni not read", rec->nfields - 6);
	if (rec->warnings & ES_CADASTRE_W_GROUP_TAIL)
		finding(fn, ctx, "group_tail", "the last repeating group is incomplete (%zu fields)", rec->nfields);
	switch (rec->type) {
	case ES_CADASTRE_FAB1: {
		const es_cadastre_fab1 *r = &rec->u.fab1;
		if (*r->categoria != '\0' && !g_hash_table_contains(c->categories, r->categoria))
			finding(fn, ctx, "unknown_category", "categoria '%s' is not in cadastre_categories",
			        r->categoria);
		check_nota(c, 'F', &r->generante, "generante", fn, ctx);
		check_nota(c, 'F', &r->conclusivo, "conclusivo", fn, ctx);
		check_partita(c, 'F', r->partita, fn, ctx);
		break;
	}
	case ES_CADASTRE_TER1: {
		const es_cadastre_ter1 *r = &rec->u.ter1;
		check_nota(c, 'T', &r->generante, "generante", fn, ctx);
		check_nota(c, 'T', &r->conclusivo, "conclusivo", fn, ctx);
		check_partita(c, 'T', r->partita, fn, ctx);
		break;
	}
	case ES_CADASTRE_SOG_P:
	case ES_CADASTRE_SOG_G: {
		const char *cf = rec->u.sog.codice_fiscale;
		char norm[32];
		es_taxid_kind k;
		if (*cf == '\0') {
			finding(fn, ctx, "invalid_tax_code", "codice fiscale is empty");
			break;
		}
		es_taxid_normalise(cf, norm, sizeof norm);
		k = es_taxid_classify(norm);
		if (k == ES_TAXID_INVALID) {
			es_err_clear(&e);
			if (strlen(norm) == 11)
				es_piva_validate(norm, &e);
			else
				es_cf_validate(norm, &e);
			finding(fn, ctx, "invalid_tax_code", "%s", e.msg[0] ? e.msg : "not a codice fiscale");
		}
		break;
	}
	case ES_CADASTRE_TIT: {
		const es_cadastre_tit *r = &rec->u.tit;
		if (right_row(c, r->diritto) < 0)
			finding(fn, ctx, "unknown_right", "codice diritto '%s' is not in cadastre_rights: manual review",
			        r->diritto);
		else if (right_review(c, r->diritto))
			finding(fn, ctx, "right_review", "codice diritto '%s' (%s)%s%s: manual review", r->diritto,
			        es_cadastre_right_name(c, r->diritto), *r->titolo ? ": " : "", r->titolo);
		check_nota(c, r->unit_kind, &r->generante, "generante", fn, ctx);
		check_nota(c, r->unit_kind, &r->conclusivo, "conclusivo", fn, ctx);
		break;
	}
	default:
		break;
	}
}
