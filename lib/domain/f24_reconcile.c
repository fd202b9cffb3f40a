/* f24_reconcile.c: codes tables and the reconciliation of an F24 supply
 * (see f24_reconcile.h). */
#include "es_setup.h"

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/f24_reconcile.h"
#include "rules.h"

/* ------------------------------------------------------------------ codes */

struct es_f24_codes {
	es_table *codes, *tipi, *ifel;
	GHashTable *by_code;       /* code -> es_f24_code_info* */
	es_f24_code_info *infos;
	size_t ninfos;
};

void
es_f24_codes_free(es_f24_codes *c)
{
	if (c == NULL)
		return;
	if (c->by_code != NULL)
		g_hash_table_destroy(c->by_code);
	free(c->infos);
	es_table_free(c->codes);
	es_table_free(c->tipi);
	es_table_free(c->ifel);
	free(c);
}

static es_rc
year_cell(const es_table *t, size_t row, const char *col, int *out, es_err *err)
{
	int64_t v;
	es_rc rc;

	if (*es_table_get(t, row, col) == '\0') {
		*out = 0;
		return ES_OK;
	}
	rc = es_table_int(t, row, col, &v, err);
	*out = (int)v;
	return rc == ES_OK ? ES_OK : ES_ECONFIG;
}

es_f24_codes *
es_f24_codes_load(es_err *err)
{
	static const char *const code_cols[] = {
		"code", "tax", "kind", "recipient", "ifel", "description", "year_from", "year_to",
	};
	static const char *const tipo_cols[] = {"code", "tax"};
	static const char *const ifel_cols[] = {"year_from", "year_to", "per_mille"};
	es_f24_codes *c;
	size_t i;

	c = calloc(1, sizeof *c);
	if (c == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	if ((c->codes = es_table_load("codici_tributo", err)) == NULL ||
	    (c->tipi = es_table_load("f24_tipo_imposta", err)) == NULL ||
	    (c->ifel = es_table_load("ifel_rates", err)) == NULL)
		goto fail;
	if (es_table_require(c->codes, code_cols, ES_ARRAY_LEN(code_cols), err) != ES_OK ||
	    es_table_require(c->tipi, tipo_cols, ES_ARRAY_LEN(tipo_cols), err) != ES_OK ||
	    es_table_require(c->ifel, ifel_cols, ES_ARRAY_LEN(ifel_cols), err) != ES_OK) {
		err->rc = ES_ECONFIG;
		goto fail;
	}
	c->ninfos = es_table_nrows(c->codes);
	c->infos = calloc(c->ninfos ? c->ninfos : 1, sizeof *c->infos);
	c->by_code = g_hash_table_new(g_str_hash, g_str_equal);
	if (c->infos == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		goto fail;
	}
	for (i = 0; i < c->ninfos; i++) {
		es_f24_code_info *ci = &c->infos[i];
		const char *rcp = es_table_get(c->codes, i, "recipient");
		const char *ifel = es_table_get(c->codes, i, "ifel");

		ci->code = es_table_get(c->codes, i, "code");
		ci->tax = es_table_get(c->codes, i, "tax");
		ci->kind = es_table_get(c->codes, i, "kind");
		ci->description = es_table_get(c->codes, i, "description");
		if (strcmp(rcp, "COMUNE") == 0)
			ci->recipient = ES_F24_TO_MUNICIPALITY;
		else if (strcmp(rcp, "STATO") == 0)
			ci->recipient = ES_F24_TO_STATE;
		else if (strcmp(rcp, "PROVINCIA") == 0)
			ci->recipient = ES_F24_TO_PROVINCE;
		else {
			es_err_set(err, ES_ECONFIG, "codici_tributo.csv:%llu: recipient '%s' is not "
			           "COMUNE, STATO or PROVINCIA",
			           (unsigned long long)es_table_line(c->codes, i), rcp);
			goto fail;
		}
		/* TR4's CODICI_F24 kinds: C imposta, I interessi, S sanzioni. */
		if (strcmp(ci->kind, "C") == 0)
			ci->kind = "tax";
		else if (strcmp(ci->kind, "I") == 0)
			ci->kind = "interest";
		else if (strcmp(ci->kind, "S") == 0)
			ci->kind = "sanction";
		else {
			es_err_set(err, ES_ECONFIG, "codici_tributo.csv:%llu: kind '%s' is not C (tax), "
			           "I (interest) or S (sanction)", (unsigned long long)es_table_line(c->codes, i), ci->kind);
			goto fail;
		}
		if (strcmp(ifel, "S") != 0 && strcmp(ifel, "N") != 0) {
			es_err_set(err, ES_ECONFIG, "codici_tributo.csv:%llu: ifel '%s' is not S or N",
			           (unsigned long long)es_table_line(c->codes, i), ifel);
			goto fail;
		}
		ci->ifel = ifel[0] == 'S';
		if (year_cell(c->codes, i, "year_from", &ci->from_year, err) != ES_OK ||
		    year_cell(c->codes, i, "year_to", &ci->to_year, err) != ES_OK)
			goto fail;
		if (strlen(ci->code) != 4) {
			es_err_set(err, ES_ECONFIG, "codici_tributo.csv:%llu: code '%s' is not 4 characters",
			           (unsigned long long)es_table_line(c->codes, i), ci->code);
			goto fail;
		}
		if (g_hash_table_contains(c->by_code, ci->code)) {
			es_err_set(err, ES_ECONFIG, "codici_tributo.csv:%llu: code '%s' listed twice",
			           (unsigned long long)es_table_line(c->codes, i), ci->code);
			goto fail;
		}
		g_hash_table_insert(c->by_code, (gpointer)ci->code, ci);
	}
	return c;
fail:
	if (err != NULL && err->rc == ES_EDATA)
		err->rc = ES_ECONFIG;
	es_f24_codes_free(c);
	return NULL;
}

const es_f24_code_info *
es_f24_codes_lookup(const es_f24_codes *c, const char *tributo)
{
	return g_hash_table_lookup(c->by_code, tributo);
}

const char *
es_f24_codes_tipo_tax(const es_f24_codes *c, char tipo)
{
	char k[2] = {tipo, '\0'};
	long row = es_table_find(c->tipi, "code", k);

	return row < 0 ? NULL : es_table_get(c->tipi, (size_t)row, "tax");
}

es_rc
es_f24_codes_ifel_rate(const es_f24_codes *c, int year, int64_t *per_million, es_err *err)
{
	size_t i;

	for (i = 0; i < es_table_nrows(c->ifel); i++) {
		int from, to;

		if (year_cell(c->ifel, i, "year_from", &from, err) != ES_OK ||
		    year_cell(c->ifel, i, "year_to", &to, err) != ES_OK)
			return ES_ECONFIG;
		if ((from == 0 || year >= from) && (to == 0 || year <= to)) {
			/* per mille with 3 decimals = millionths */
			if (es_table_decimal(c->ifel, i, "per_mille", 3, per_million, err) != ES_OK)
				return ES_ECONFIG;
			return ES_OK;
		}
	}
	return es_err_set(err, ES_EDATA, "ifel_rates.csv has no rate for %d", year);
}

/* --------------------------------------------------------- reconciliation */

typedef struct block_acc {
	es_f24_block b;
	GString *g1refs, *refs;
	es_date accreditamento;    /* latest G5 A/D date naming the block */
	const char *seg_file;      /* current run of G1 lines */
	uint64_t seg_first, seg_last;
	int year;
} block_acc;

typedef struct flow {
	char *file;
	uint64_t first_line, last_line;   /* A1 (or first record) .. Z1 */
	char belfiore[5];          /* from Z1, "" if none */
} flow;

typedef struct g9_entry {
	es_f24_g9_ref ref;
	bool assigned;
} g9_entry;

struct es_f24_recon {
	const es_f24_codes *codes;
	char belfiore[5];          /* "" = take Z1's */
	GStringChunk *strings;     /* file names */
	const char *last_name, *last_interned;
	GHashTable *blocks;        /* gint64 block_key() -> block_acc* */
	GPtrArray *block_list;     /* block_acc*, in order of first appearance */
	GPtrArray *diffs;          /* es_f24_diff* */
	GArray *flows;             /* flow */
	/* current flow, pass 1 */
	bool in_flow;
	const char *flow_file;
	uint64_t flow_a1_line;
	es_f24_a1 flow_a1;
	long counts[ES_F24_ZCOUNTS];
	long flow_records;          /* G records and others between A1 and Z1 */
	/* G9s */
	GPtrArray *g9s;             /* g9_entry* in input order */
	GHashTable *g9_by_key;      /* match key -> GPtrArray of g9_entry* */
	GPtrArray *unmatched;       /* g9_entry* after finish */
	/* duplicates */
	GArray *id_hashes;          /* guint64 of every G1 payment_id, pass 1 */
	GHashTable *dup_hashes;     /* guint64* set, built at the start of pass 2 */
	GHashTable *dup_seen;       /* payment_id -> "file:line", pass 2 */
	bool pass2;
	size_t flow_cursor;
	/* totals */
	es_f24_totals totals;
	GString *keybuf;            /* G9 match key of the current G1 */
};

static void
diff_free(gpointer p)
{
	es_f24_diff *d = p;

	g_free(d->message);
	g_free(d->records);
	g_free(d);
}

static void
block_free(gpointer p)
{
	block_acc *a = p;

	g_string_free(a->g1refs, TRUE);
	g_string_free(a->refs, TRUE);
	g_free(a->b.records);
	g_free(a);
}

es_f24_recon *
es_f24_recon_new(const es_f24_codes *codes, const char *belfiore, es_err *err)
{
	es_f24_recon *r = g_new0(es_f24_recon, 1);

	r->codes = codes;
	if (belfiore != NULL)
		g_strlcpy(r->belfiore, belfiore, sizeof r->belfiore);
	r->strings = g_string_chunk_new(4096);
	r->blocks = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	r->block_list = g_ptr_array_new_with_free_func(block_free);
	r->diffs = g_ptr_array_new_with_free_func(diff_free);
	r->flows = g_array_new(FALSE, TRUE, sizeof(flow));
	r->g9s = g_ptr_array_new_with_free_func(g_free);
	r->g9_by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                     (GDestroyNotify)g_ptr_array_unref);
	r->unmatched = g_ptr_array_new();
	r->id_hashes = g_array_new(FALSE, FALSE, sizeof(guint64));
	r->dup_hashes = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	r->dup_seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	r->keybuf = g_string_sized_new(128);
	(void)err;
	return r;
}

void
es_f24_recon_free(es_f24_recon *r)
{
	if (r == NULL)
		return;
	g_hash_table_destroy(r->blocks);
	g_ptr_array_free(r->block_list, TRUE);
	g_ptr_array_free(r->diffs, TRUE);
	g_array_free(r->flows, TRUE);
	g_ptr_array_free(r->unmatched, TRUE);
	g_hash_table_destroy(r->g9_by_key);
	g_ptr_array_free(r->g9s, TRUE);
	g_array_free(r->id_hashes, TRUE);
	g_hash_table_destroy(r->dup_hashes);
	g_hash_table_destroy(r->dup_seen);
	g_string_free(r->keybuf, TRUE);
	g_string_chunk_free(r->strings);
	g_free(r);
}

static es_rc
vdiff(es_f24_recon *r, const char *kind, const block_acc *a, es_cents amount, const char *records,
      const char *fmt, va_list ap)
{
	es_f24_diff *d = g_new0(es_f24_diff, 1);

	d->kind = kind;
	d->ripartizione = a ? a->b.ripartizione : ES_DATE_NONE;
	d->prog_ripartizione = a ? a->b.prog_ripartizione : 0;
	d->tipo_imposta = a ? a->b.tipo_imposta : ' ';
	d->amount = amount;
	d->explained = strcmp(kind, "carried") == 0 || strcmp(kind, "reissued") == 0;
	d->message = g_strdup_vprintf(fmt, ap);
	d->records = g_strdup(records ? records : "");
	g_ptr_array_add(r->diffs, d);
	return ES_OK;
}

static es_rc ES_PRINTF(6, 7)
diff(es_f24_recon *r, const char *kind, const block_acc *a, es_cents amount, const char *records,
     const char *fmt, ...)
{
	va_list ap;
	es_rc rc;

	va_start(ap, fmt);
	rc = vdiff(r, kind, a, amount, records, fmt, ap);
	va_end(ap);
	return rc;
}

es_rc
es_f24_recon_add_diff(es_f24_recon *r, const char *kind, es_cents amount, const char *records,
                      es_err *err, const char *fmt, ...)
{
	va_list ap;
	es_rc rc;

	(void)err;
	va_start(ap, fmt);
	rc = vdiff(r, kind, NULL, amount, records, fmt, ap);
	va_end(ap);
	return rc;
}

static const char *
intern(es_f24_recon *r, const char *file)
{
	/* Records come file after file: remember the last name. */
	if (r->last_name != NULL && (file == r->last_name || strcmp(file, r->last_name) == 0))
		return r->last_interned;
	r->last_interned = g_string_chunk_insert_const(r->strings, file);
	r->last_name = r->last_interned;
	return r->last_interned;
}

/* (ripartizione, progressivo 0..99, tipo imposta) packed in 64 bits. */
static gint64
block_key(es_date rip, int prog, char tipo)
{
	return ((gint64)rip << 24) | ((gint64)(prog & 0xffff) << 8) | (unsigned char)tipo;
}

static block_acc *
block_find(es_f24_recon *r, es_date rip, int prog, char tipo)
{
	gint64 k = block_key(rip, prog, tipo);

	return g_hash_table_lookup(r->blocks, &k);
}

static block_acc *
block_get(es_f24_recon *r, es_date rip, int prog, char tipo, es_date fornitura, int prog_forn)
{
	gint64 *k;
	block_acc *a;
	int y, m, d;

	a = block_find(r, rip, prog, tipo);
	if (a != NULL)
		return a;
	a = g_new0(block_acc, 1);
	a->b.ripartizione = rip;
	a->b.prog_ripartizione = prog;
	a->b.tipo_imposta = tipo;
	a->b.fornitura = fornitura;
	a->b.prog_fornitura = prog_forn;
	a->accreditamento = ES_DATE_NONE;
	a->g1refs = g_string_new(NULL);
	a->refs = g_string_new(NULL);
	if (rip != ES_DATE_NONE) {
		es_date_to_ymd(rip, &y, &m, &d);
		a->year = y;
	}
	k = g_new(gint64, 1);
	*k = block_key(rip, prog, tipo);
	g_hash_table_insert(r->blocks, k, a);
	g_ptr_array_add(r->block_list, a);
	return a;
}

static void
seg_flush(block_acc *a)
{
	if (a->seg_file == NULL)
		return;
	if (a->g1refs->len > 0)
		g_string_append(a->g1refs, ", ");
	if (a->seg_first == a->seg_last)
		g_string_append_printf(a->g1refs, "%s:%llu", a->seg_file, (unsigned long long)a->seg_first);
	else
		g_string_append_printf(a->g1refs, "%s:%llu-%llu", a->seg_file,
		                       (unsigned long long)a->seg_first, (unsigned long long)a->seg_last);
	a->seg_file = NULL;
}

static void
add_ref(block_acc *a, const char *type, const char *file, uint64_t line)
{
	if (a->refs->len > 0)
		g_string_append(a->refs, ", ");
	g_string_append_printf(a->refs, "%s:%llu (%s)", file, (unsigned long long)line, type);
}

static int
zindex(es_f24_type t)
{
	switch (t) {
	case ES_F24_G1: return 0;
	case ES_F24_G2: return 1;
	case ES_F24_G3: return 2;
	case ES_F24_G4: return 3;
	case ES_F24_G5: return 4;
	case ES_F24_G9: return 5;
	default: return -1;
	}
}

static void
g9_key(GString *k, es_date rip, int prog, es_date bon, const char *cf, es_date risc,
       const char *belfiore, const char *tributo, int anno, es_cents deb, es_cents cred)
{
	g_string_printf(k, "%ld|%d|%ld|%s|%ld|%s|%s|%d|%lld|%lld", (long)rip, prog, (long)bon, cf,
	                (long)risc, belfiore, tributo, anno, (long long)deb, (long long)cred);
}

static guint64
id_hash(const char *s)
{
	/* FNV-1a, 64 bits: only a pre-filter; equal ids are confirmed on the
	 * full string in pass 2. */
	guint64 h = G_GUINT64_CONSTANT(14695981039346656037);

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= G_GUINT64_CONSTANT(1099511628211);
	}
	return h;
}

static void
start_flow(es_f24_recon *r, const char *file, uint64_t line)
{
	r->in_flow = true;
	r->flow_file = file;
	r->flow_a1_line = line;
	memset(r->counts, 0, sizeof r->counts);
	r->flow_records = 0;
	r->totals.flows++;
}

static void
close_flow(es_f24_recon *r, uint64_t last_line, const char *belfiore)
{
	flow f;

	memset(&f, 0, sizeof f);
	f.file = (char *)r->flow_file;
	f.first_line = r->flow_a1_line;
	f.last_line = last_line;
	if (belfiore != NULL)
		g_strlcpy(f.belfiore, belfiore, sizeof f.belfiore);
	g_array_append_val(r->flows, f);
	r->in_flow = false;
}

static void
check_z1(es_f24_recon *r, const es_f24_z1 *z, const char *file, uint64_t line)
{
	static const char *const names[ES_F24_ZCOUNTS] = {"G1", "G2", "G3", "G4", "G5", "G9"};
	char ref[512], fd[ES_DATE_BUFSZ], ad[ES_DATE_BUFSZ];
	long sum = 0;
	int i;

	snprintf(ref, sizeof ref, "%s:%llu (Z1)", file, (unsigned long long)line);
	for (i = 0; i < ES_F24_ZCOUNTS; i++) {
		sum += r->counts[i];
		if (z->counts[i] != r->counts[i])
			diff(r, "z1", NULL, 0, ref, "Z1 counts %ld %s records, the flow has %ld",
			     z->counts[i], names[i], r->counts[i]);
	}
	/* §8 point 5: the total may or may not count A1 and Z1. */
	if (z->total != r->flow_records && z->total != r->flow_records + 2)
		diff(r, "z1", NULL, 0, ref, "Z1 total is %ld records, the flow has %ld (%ld with A1 and Z1)",
		     z->total, r->flow_records, r->flow_records + 2);
	(void)sum;
	if (r->flow_a1_line != 0 && r->flow_a1.fornitura != ES_DATE_NONE &&
	    (r->flow_a1.fornitura != z->fornitura || r->flow_a1.prog_fornitura != z->prog_fornitura)) {
		char aref[1024];

		snprintf(aref, sizeof aref, "%s:%llu (A1), %s", file, (unsigned long long)r->flow_a1_line, ref);
		diff(r, "flow", NULL, 0, aref, "A1 names supply %s/%02d, Z1 names %s/%02d",
		     es_date_format(r->flow_a1.fornitura, ad), r->flow_a1.prog_fornitura,
		     es_date_format(z->fornitura, fd), z->prog_fornitura);
	}
	if (r->belfiore[0] != '\0' && strcmp(z->belfiore, r->belfiore) != 0)
		diff(r, "belfiore", NULL, 0, ref, "the supply is for %s, not %s", z->belfiore, r->belfiore);
}

es_rc
es_f24_recon_add(es_f24_recon *r, const es_f24_record *rec, const char *file, uint64_t line,
                 es_err *err)
{
	block_acc *a;
	int zi;

	file = intern(r, file);
	r->totals.records++;
	if (rec->type == ES_F24_A1) {
		char ref[512];

		if (r->in_flow) {
			snprintf(ref, sizeof ref, "%s:%llu (A1)", file, (unsigned long long)line);
			diff(r, "flow", NULL, 0, ref, "A1 before the Z1 of the flow started at %s:%llu",
			     r->flow_file, (unsigned long long)r->flow_a1_line);
			close_flow(r, line - 1, NULL);
		}
		start_flow(r, file, line);
		r->flow_a1 = rec->u.a1;
		return ES_OK;
	}
	if (rec->type == ES_F24_Z1) {
		if (!r->in_flow) {
			char ref[512];

			snprintf(ref, sizeof ref, "%s:%llu (Z1)", file, (unsigned long long)line);
			diff(r, "flow", NULL, 0, ref, "Z1 without an A1");
			start_flow(r, file, 0);
			r->flow_a1.fornitura = ES_DATE_NONE;
		}
		check_z1(r, &rec->u.z1, file, line);
		close_flow(r, line, rec->u.z1.belfiore);
		return ES_OK;
	}
	if (rec->type == ES_F24_A0 || rec->type == ES_F24_Z9)
		return ES_OK;
	if (!r->in_flow) {
		/* Records outside A1...Z1: a flow of their own, without checks. */
		start_flow(r, file, line);
		r->flow_a1_line = 0;
		r->flow_a1.fornitura = ES_DATE_NONE;
		r->flow_a1_line = line;
		r->flow_a1.fornitura = ES_DATE_NONE;
	}
	zi = zindex(rec->type);
	if (zi >= 0)
		r->counts[zi]++;
	r->flow_records++;

	switch (rec->type) {
	case ES_F24_G1: {
		const es_f24_g1 *g = &rec->u.g1;
		const es_f24_code_info *ci = es_f24_codes_lookup(r->codes, g->tributo);
		es_cents net = es_f24_g1_net(g);
		char id[ES_F24_ID_BUFSZ];
		guint64 h;

		a = block_get(r, g->key.ripartizione, g->key.prog_ripartizione, g->tipo_imposta,
		              g->key.fornitura, g->key.prog_fornitura);
		a->b.g1_rows++;
		a->b.g1_debit += g->debito;
		a->b.g1_credit += g->credito;
		a->b.g1_net += net;
		if (ci != NULL && ci->recipient == ES_F24_TO_STATE)
			a->b.state_share += net;
		else if (ci != NULL && ci->recipient == ES_F24_TO_PROVINCE)
			a->b.province_share += net;
		else if (ci != NULL && ci->ifel) {
			a->b.ifel_base += net;
			a->b.ifel_rows++;
		}
		if (a->seg_file == file && line > a->seg_last) {
			a->seg_last = line;
		} else {
			seg_flush(a);
			a->seg_file = file;
			a->seg_first = a->seg_last = line;
		}
		r->totals.g1++;
		r->totals.g1_net += net;
		h = id_hash(es_f24_payment_id(g, id));
		g_array_append_val(r->id_hashes, h);
		break;
	}
	case ES_F24_G2: {
		const es_f24_g2 *g = &rec->u.g2;

		a = block_get(r, g->key.ripartizione, g->key.prog_ripartizione, g->tipo_imposta,
		              g->key.fornitura, g->key.prog_fornitura);
		a->b.g2_rows++;
		if (g->stato == 'B')
			a->b.g2_suspended += g->importo;
		if (strcmp(g->beneficiario, "IFEL") == 0)
			a->b.g2_ifel += g->importo;
		else if (r->belfiore[0] == '\0' || strcmp(g->beneficiario, r->belfiore) == 0)
			a->b.g2_municipality += g->importo;
		else
			a->b.g2_other += g->importo;
		r->totals.credited += g->importo;
		add_ref(a, "G2", file, line);
		break;
	}
	case ES_F24_G3: {
		const es_f24_g3 *g = &rec->u.g3;

		a = block_get(r, g->key.ripartizione, g->key.prog_ripartizione, g->tipo_imposta,
		              g->key.fornitura, g->key.prog_fornitura);
		a->b.g3_recovered += g->importo;
		add_ref(a, "G3", file, line);
		break;
	}
	case ES_F24_G4: {
		const es_f24_g4 *g = &rec->u.g4;

		a = block_get(r, g->key.ripartizione, g->key.prog_ripartizione, g->tipo_imposta,
		              g->key.fornitura, g->key.prog_fornitura);
		a->b.g4_advanced += g->importo;
		add_ref(a, "G4", file, line);
		break;
	}
	case ES_F24_G5: {
		const es_f24_g5 *g = &rec->u.g5;

		a = block_get(r, g->rip_orig, g->prog_rip_orig, g->tipo_imposta, ES_DATE_NONE, 0);
		a->b.g5_rows++;
		if (g->stato == 'B')
			a->b.g5_rejected += g->importo;
		else if (g->stato == 'C')
			a->b.g5_returned += g->importo;
		else {
			a->b.g5_accredited += g->importo;
			if (g->accreditamento != ES_DATE_NONE &&
			    (a->accreditamento == ES_DATE_NONE || g->accreditamento > a->accreditamento))
				a->accreditamento = g->accreditamento;
		}
		add_ref(a, "G5", file, line);
		break;
	}
	case ES_F24_G9: {
		const es_f24_g9 *g = &rec->u.g9;
		g9_entry *e = g_new0(g9_entry, 1);
		GString *k = g_string_new(NULL);
		GPtrArray *list;

		e->ref.g9 = *g;
		e->ref.file = file;
		e->ref.line = line;
		g_ptr_array_add(r->g9s, e);
		g9_key(k, g->rip_orig, g->prog_rip_orig, g->bonifico_orig, g->cf, g->riscossione,
		       g->belfiore, g->tributo, g->anno, g->debito, g->credito);
		list = g_hash_table_lookup(r->g9_by_key, k->str);
		if (list == NULL) {
			list = g_ptr_array_new();
			g_hash_table_insert(r->g9_by_key, g_strdup(k->str), list);
		}
		g_ptr_array_add(list, e);
		g_string_free(k, TRUE);
		r->totals.g9++;
		a = block_get(r, g->rip_orig, g->prog_rip_orig, g->tipo_imposta, ES_DATE_NONE, 0);
		a->b.cancelled += (g->tipo_operazione == 'A' ? 1 : -1) * (g->debito - g->credito);
		add_ref(a, "G9", file, line);
		break;
	}
	default:
		break;
	}
	(void)err;
	return ES_OK;
}

void
es_f24_recon_rejected(es_f24_recon *r, es_f24_type type)
{
	int zi = zindex(type);

	r->totals.records++;
	if (!r->in_flow)
		return;
	if (zi >= 0)
		r->counts[zi]++;
	r->flow_records++;
}

es_rc
es_f24_recon_end_file(es_f24_recon *r, const char *file, uint64_t lines, es_err *err)
{
	char ref[512];

	if (!r->in_flow)
		return ES_OK;
	file = intern(r, file);
	if (r->flow_a1_line != 0 && r->counts[0] + r->counts[1] + r->counts[2] + r->counts[3] +
	                                r->counts[4] + r->counts[5] >= 0) {
		snprintf(ref, sizeof ref, "%s:%llu", file, (unsigned long long)lines);
		diff(r, "flow", NULL, 0, ref, "the flow started at line %llu has no Z1: truncated supply?",
		     (unsigned long long)r->flow_a1_line);
	}
	close_flow(r, lines, NULL);
	(void)err;
	return ES_OK;
}

static int
cmp_u64(const void *a, const void *b)
{
	guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;

	return x < y ? -1 : x > y;
}

static void
start_pass2(es_f24_recon *r)
{
	guint i;

	r->pass2 = true;
	if (r->id_hashes->len > 1)
		qsort(r->id_hashes->data, r->id_hashes->len, sizeof(guint64), cmp_u64);
	for (i = 1; i < r->id_hashes->len; i++) {
		guint64 h = g_array_index(r->id_hashes, guint64, i);

		if (h == g_array_index(r->id_hashes, guint64, i - 1) &&
		    !g_hash_table_contains(r->dup_hashes, &h)) {
			gint64 *k = g_new(gint64, 1);
			*k = (gint64)h;
			g_hash_table_add(r->dup_hashes, k);
		}
	}
	/* Pass 1 is over: the list of hashes is no longer needed. */
	g_array_set_size(r->id_hashes, 0);
	r->flow_cursor = 0;
}

static const char *
flow_belfiore(es_f24_recon *r, const char *file, uint64_t line)
{
	while (r->flow_cursor < r->flows->len) {
		flow *f = &g_array_index(r->flows, flow, r->flow_cursor);

		if (f->file == file && line >= f->first_line && line <= f->last_line)
			return f->belfiore[0] ? f->belfiore : NULL;
		if (f->file == file && line < f->first_line)
			return NULL;     /* between flows */
		r->flow_cursor++;
	}
	return NULL;
}

es_rc
es_f24_recon_g1(es_f24_recon *r, const es_f24_g1 *g1, const char *file, uint64_t line,
                es_f24_g1_state *st, es_err *err)
{
	char id[ES_F24_ID_BUFSZ], ref[512];
	const char *tipo_tax;
	GPtrArray *list;
	GString *k;
	gint64 h;

	if (!r->pass2)
		start_pass2(r);
	file = intern(r, file);
	memset(st, 0, sizeof *st);
	st->status_on = ES_DATE_NONE;
	snprintf(ref, sizeof ref, "%s:%llu", file, (unsigned long long)line);

	/* Re-delivered rows. */
	es_f24_payment_id(g1, id);
	h = (gint64)id_hash(id);
	if (g_hash_table_contains(r->dup_hashes, &h)) {
		const char *first = g_hash_table_lookup(r->dup_seen, id);

		if (first != NULL) {
			st->duplicate = true;
			g_strlcpy(st->first_ref, first, sizeof st->first_ref);
			diff(r, "duplicate", NULL, es_f24_g1_net(g1), ref,
			     "G1 %s delivered again (first at %s)", id, first);
			return ES_OK;
		}
		g_hash_table_insert(r->dup_seen, g_strdup(id), g_strdup(ref));
	}

	/* The municipality. */
	st->expected_belfiore = r->belfiore[0] ? r->belfiore : flow_belfiore(r, file, line);
	if (st->expected_belfiore != NULL && strcmp(st->expected_belfiore, g1->belfiore) != 0) {
		st->wrong_belfiore = true;
		diff(r, "belfiore", NULL, es_f24_g1_net(g1), ref,
		     "G1 paid to codice ente %s, this supply is for %s", g1->belfiore, st->expected_belfiore);
	}

	/* The code and the tax. */
	st->code = es_f24_codes_lookup(r->codes, g1->tributo);
	tipo_tax = es_f24_codes_tipo_tax(r->codes, g1->tipo_imposta);
	if (st->code != NULL) {
		st->tax = st->code->tax;
		if (tipo_tax != NULL && strcmp(tipo_tax, st->tax) != 0 &&
		    !(g1->tipo_imposta == 'I' && (strcmp(st->tax, "ICI") == 0 || strcmp(st->tax, "TASI") == 0)) &&
		    !(g1->tipo_imposta == 'A' && (strcmp(st->tax, "TARES") == 0 || strcmp(st->tax, "TEFA") == 0)) &&
		    !(g1->tipo_imposta == 'T' && strcmp(st->tax, "TARI") == 0)) {
			st->tipo_mismatch = true;
			diff(r, "tipo", NULL, es_f24_g1_net(g1), ref,
			     "codice tributo %s is %s but tipo imposta '%c' says %s", g1->tributo, st->tax,
			     g1->tipo_imposta, tipo_tax);
		}
	} else {
		st->tax = tipo_tax != NULL ? tipo_tax : "";
		diff(r, "tributo", NULL, es_f24_g1_net(g1), ref, "codice tributo '%s' is not in codici_tributo.csv",
		     g1->tributo);
	}
	if (g1->tributo_error != '0' && g1->tributo_error != ' ')
		diff(r, "tributo", NULL, es_f24_g1_net(g1), ref,
		     "the Agenzia flags codice tributo %s as wrong (flag '%c')", g1->tributo, g1->tributo_error);
	if (g1->anno_error != '0' && g1->anno_error != ' ')
		diff(r, "year", NULL, es_f24_g1_net(g1), ref,
		     "the Agenzia flags anno di riferimento %d as wrong (flag '%c')", g1->anno, g1->anno_error);

	/* The date the money reached the treasury, when a G5 says it. */
	{
		block_acc *a = block_find(r, g1->key.ripartizione, g1->key.prog_ripartizione, g1->tipo_imposta);

		st->credited_on = a != NULL && a->accreditamento != ES_DATE_NONE ? a->accreditamento
		                                                                  : g1->key.bonifico;
	}

	/* Cancellations and restorations. */
	list = NULL;
	if (g_hash_table_size(r->g9_by_key) > 0) {
		k = r->keybuf;
		g9_key(k, g1->key.ripartizione, g1->key.prog_ripartizione, g1->key.bonifico, g1->cf,
		       g1->riscossione, g1->belfiore, g1->tributo, g1->anno, g1->debito, g1->credito);
		list = g_hash_table_lookup(r->g9_by_key, k->str);
	}
	if (list != NULL) {
		char last = 0;
		guint i;

		for (i = 0; i < list->len; i++) {
			g9_entry *e = g_ptr_array_index(list, i);

			if (e->assigned)
				continue;
			if (last != 0 && e->ref.g9.tipo_operazione == last)
				break;       /* a second annullamento is for another identical row */
			e->assigned = true;
			last = e->ref.g9.tipo_operazione;
			st->g9_applied++;
			st->cancelled = last == 'A';
			st->status_on = e->ref.g9.data_operazione;
		}
	}
	if (st->cancelled) {
		r->totals.cancelled += es_f24_g1_net(g1);
		r->totals.cancelled_rows++;
	}
	(void)err;
	return ES_OK;
}

char *
es_f24_g9_id_prefix(const es_f24_g9 *g9, char out[ES_F24_ID_BUFSZ])
{
	char rd[9], bd[9];

	snprintf(out, ES_F24_ID_BUFSZ, "F24-%s-%s%02d-%s-", g9->belfiore,
	         es_f24_date_compact(g9->rip_orig, rd), g9->prog_rip_orig,
	         es_f24_date_compact(g9->bonifico_orig, bd));
	return out;
}

static es_cents
abs_cents(es_cents c)
{
	return c < 0 ? -c : c;
}

static void
check_block(es_f24_recon *r, block_acc *a)
{
	es_f24_block *b = &a->b;
	char rd[ES_DATE_BUFSZ], m1[ES_MONEY_BUFSZ], m2[ES_MONEY_BUFSZ];
	int64_t rate;
	es_err e;

	seg_flush(a);
	if (a->g1refs->len > 0 && a->refs->len > 0)
		g_string_append(a->g1refs, ", ");
	g_string_append(a->g1refs, a->refs->str);
	b->records = g_strdup(a->g1refs->str);
	es_date_format(b->ripartizione, rd);

	b->expected = b->g1_net - b->state_share - b->province_share - b->g3_recovered + b->g4_advanced;
	b->credited = b->g2_municipality + b->g2_ifel + b->g2_other;
	b->difference = b->credited - b->expected;
	b->ok = true;
	if (b->g1_rows == 0 && b->g2_rows == 0 && b->g3_recovered == 0 && b->g4_advanced == 0) {
		/* Only G5 or G9 name this block: its payments are in another supply. */
		b->difference = 0;
	} else if (b->difference != 0) {
		if (b->expected < 0 && b->g2_rows == 0) {
			diff(r, "carried", a, b->expected, b->records,
			     "ripartizione %s/%02d tipo %c: negative balance %s carried forward (a later G3 recovers it)",
			     rd, b->prog_ripartizione, b->tipo_imposta, es_money_format(b->expected, ES_MONEY_PLAIN, m1));
		} else {
			b->ok = false;
			diff(r, "block", a, b->difference, b->records,
			     "ripartizione %s/%02d tipo %c: credited %s, payments less State, TEFA and recoveries %s",
			     rd, b->prog_ripartizione, b->tipo_imposta,
			     es_money_format(b->credited, ES_MONEY_PLAIN, m1),
			     es_money_format(b->expected, ES_MONEY_PLAIN, m2));
		}
	}
	if (b->g2_other != 0) {
		b->ok = false;
		diff(r, "belfiore", a, b->g2_other, b->records,
		     "ripartizione %s/%02d tipo %c: %s credited to another beneficiary", rd,
		     b->prog_ripartizione, b->tipo_imposta, es_money_format(b->g2_other, ES_MONEY_PLAIN, m1));
	}
	if (b->g2_suspended != 0)
		diff(r, "block", a, b->g2_suspended, b->records,
		     "ripartizione %s/%02d tipo %c: credit of %s suspended (G2 stato B)", rd,
		     b->prog_ripartizione, b->tipo_imposta, es_money_format(b->g2_suspended, ES_MONEY_PLAIN, m1));

	/* IFEL: rate of the year of the ripartizione, half a cent per row. */
	if (b->ifel_rows > 0 && b->g2_rows > 0) {
		if (es_f24_codes_ifel_rate(r->codes, a->year, &rate, &e) == ES_OK &&
		    es_muldiv(b->ifel_base, rate, 1000000, ES_ROUND_HALF_UP, &b->ifel_expected, NULL) == ES_OK) {
			es_cents tol = (es_cents)((b->ifel_rows + 1) / 2);

			if (abs_cents(b->g2_ifel - b->ifel_expected) > tol) {
				b->ok = false;
				diff(r, "ifel", a, b->g2_ifel - b->ifel_expected, b->records,
				     "ripartizione %s/%02d tipo %c: IFEL credited %s, expected %s (%lld.%03lld per mille of %s)",
				     rd, b->prog_ripartizione, b->tipo_imposta,
				     es_money_format(b->g2_ifel, ES_MONEY_PLAIN, m1),
				     es_money_format(b->ifel_expected, ES_MONEY_PLAIN, m2),
				     (long long)(rate / 1000), (long long)(rate % 1000),
				     es_money_format(b->ifel_base, ES_MONEY_PLAIN, (char[ES_MONEY_BUFSZ]){0}));
			}
		} else {
			diff(r, "ifel", a, 0, b->records, "ripartizione %s/%02d: no IFEL rate for %d in ifel_rates.csv",
			     rd, b->prog_ripartizione, a->year);
		}
	}

	/* G5: the outcome of the credit to the treasury. */
	if (b->g5_rows > 0) {
		if (b->g5_rejected + b->g5_returned != 0)
			diff(r, b->g5_accredited == b->g2_municipality ? "reissued" : "g5", a, b->g5_rejected + b->g5_returned, b->records,
			     "ripartizione %s/%02d tipo %c: credit rejected %s, returned %s (G5 stato B/C)%s", rd,
			     b->prog_ripartizione, b->tipo_imposta,
			     es_money_format(b->g5_rejected, ES_MONEY_PLAIN, m1),
			     es_money_format(b->g5_returned, ES_MONEY_PLAIN, m2),
			     b->g5_accredited == b->g2_municipality ? "; re-issued in full" : "");
		if (b->g2_rows > 0 && b->g5_accredited != b->g2_municipality) {
			b->ok = false;
			diff(r, "g5", a, b->g5_accredited - b->g2_municipality, b->records,
			     "ripartizione %s/%02d tipo %c: treasury credited %s, G2 ordered %s", rd,
			     b->prog_ripartizione, b->tipo_imposta,
			     es_money_format(b->g5_accredited, ES_MONEY_PLAIN, m1),
			     es_money_format(b->g2_municipality, ES_MONEY_PLAIN, m2));
		}
	}
}

static int
cmp_block(const void *x, const void *y)
{
	const block_acc *a = *(block_acc *const *)x, *b = *(block_acc *const *)y;

	if (a->b.ripartizione != b->b.ripartizione)
		return a->b.ripartizione < b->b.ripartizione ? -1 : 1;
	if (a->b.prog_ripartizione != b->b.prog_ripartizione)
		return a->b.prog_ripartizione - b->b.prog_ripartizione;
	return (int)(unsigned char)a->b.tipo_imposta - (int)(unsigned char)b->b.tipo_imposta;
}

es_rc
es_f24_recon_finish(es_f24_recon *r, es_err *err)
{
	guint i;

	if (!r->pass2)
		start_pass2(r);
	g_ptr_array_sort(r->block_list, cmp_block);
	for (i = 0; i < r->block_list->len; i++)
		check_block(r, g_ptr_array_index(r->block_list, i));
	for (i = 0; i < r->g9s->len; i++) {
		g9_entry *e = g_ptr_array_index(r->g9s, i);

		if (!e->assigned)
			g_ptr_array_add(r->unmatched, e);
	}
	(void)err;
	return ES_OK;
}

size_t
es_f24_recon_n_unmatched_g9(const es_f24_recon *r)
{
	return r->unmatched->len;
}

es_f24_g9_ref *
es_f24_recon_unmatched_g9(es_f24_recon *r, size_t i)
{
	return &((g9_entry *)g_ptr_array_index(r->unmatched, i))->ref;
}

size_t
es_f24_recon_nblocks(const es_f24_recon *r)
{
	return r->block_list->len;
}

const es_f24_block *
es_f24_recon_block(const es_f24_recon *r, size_t i)
{
	return &((block_acc *)g_ptr_array_index(r->block_list, i))->b;
}

size_t
es_f24_recon_ndiffs(const es_f24_recon *r)
{
	return r->diffs->len;
}

const es_f24_diff *
es_f24_recon_diff(const es_f24_recon *r, size_t i)
{
	return g_ptr_array_index(r->diffs, i);
}

void
es_f24_recon_totals(const es_f24_recon *r, es_f24_totals *t)
{
	*t = r->totals;
}
