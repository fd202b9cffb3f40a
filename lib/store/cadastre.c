/* cadastre.c (store): cadastral records into the ledger, the checks across
 * records, and the units/subjects/titles streams (see cadastre.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "store/cadastre.h"
#include "store/bind.h"
#include "types/taxid.h"

enum {
	S_UNIT,
	S_SIT_FAB1,
	S_SIT_TER1,
	S_SIT_ADDR,
	S_SIT_DETAIL,
	S_IDENT,
	S_IDENT_CLEAR,
	S_SUBJECT,
	S_TIT_FIND,
	S_TIT_INSERT,
	S_TIT_UPDATE,
	S_COUNT
};

static const char *const sql[S_COUNT] = {
	[S_UNIT] =
	"INSERT INTO units (unit_id, belfiore, kind) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (unit_id) DO NOTHING",
	/* Record 1 owns these columns; address (record 3) and the group part of
	 * detail are left alone.  partita '' (not NULL) marks "record 1 seen". */
	[S_SIT_FAB1] =
	"INSERT INTO unit_situations (unit_id, seq, valid_from, valid_to, category, class,"
	" consistency, surface_m2, rendita, partita, detail, run_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
	" ON CONFLICT (unit_id, seq) DO UPDATE SET valid_from = excluded.valid_from,"
	" valid_to = excluded.valid_to, category = excluded.category, class = excluded.class,"
	" consistency = excluded.consistency, surface_m2 = excluded.surface_m2,"
	" rendita = excluded.rendita, partita = excluded.partita, detail = excluded.detail,"
	" run_id = excluded.run_id",
	[S_SIT_TER1] =
	"INSERT INTO unit_situations (unit_id, seq, valid_from, valid_to, class, quality, area_m2,"
	" reddito_dominicale, reddito_agrario, partita, detail, run_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
	" ON CONFLICT (unit_id, seq) DO UPDATE SET valid_from = excluded.valid_from,"
	" valid_to = excluded.valid_to, class = excluded.class, quality = excluded.quality,"
	" area_m2 = excluded.area_m2, reddito_dominicale = excluded.reddito_dominicale,"
	" reddito_agrario = excluded.reddito_agrario, partita = excluded.partita,"
	" detail = excluded.detail, run_id = excluded.run_id",
	[S_SIT_ADDR] =
	"INSERT INTO unit_situations (unit_id, seq, address, run_id) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT (unit_id, seq) DO UPDATE SET address = excluded.address, run_id = excluded.run_id",
	/* Groups of records 4-5 (FAB) and 2-4 (TER) are appended to detail once. */
	[S_SIT_DETAIL] =
	"INSERT INTO unit_situations (unit_id, seq, detail, run_id) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT (unit_id, seq) DO UPDATE SET detail = CASE"
	"  WHEN unit_situations.detail IS NULL OR unit_situations.detail = '' THEN excluded.detail"
	"  WHEN instr(unit_situations.detail, excluded.detail) > 0 THEN unit_situations.detail"
	"  ELSE unit_situations.detail || '; ' || excluded.detail END,"
	" run_id = excluded.run_id",
	/* Every put_ident follows clear_idents of its situation in this run, so
	 * a row with the same key can only be this run's own: nothing to do. */
	[S_IDENT] =
	"INSERT INTO unit_identifiers (unit_id, seq, section, sheet, parcel, sub, run_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
	/* The identificativi a situation had from earlier supplies give way to
	 * the ones this run brings. */
	[S_IDENT_CLEAR] =
	"DELETE FROM unit_identifiers WHERE unit_id = ?1 AND seq = ?2 AND run_id IS NOT ?3",
	[S_SUBJECT] =
	"INSERT INTO subjects (subject_id, kind, tax_code, tax_code_valid, surname, name, sex,"
	" birth_date, birth_place, denomination, seat, run_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
	" ON CONFLICT (subject_id) DO UPDATE SET kind = excluded.kind, tax_code = excluded.tax_code,"
	" tax_code_valid = excluded.tax_code_valid, surname = excluded.surname, name = excluded.name,"
	" sex = excluded.sex, birth_date = excluded.birth_date, birth_place = excluded.birth_place,"
	" denomination = excluded.denomination, seat = excluded.seat, run_id = excluded.run_id",
	/* valid_from may be NULL (impianto), so the key is looked up with IS. */
	[S_TIT_FIND] =
	"SELECT title_id FROM titles WHERE unit_id = ?1 AND subject_id = ?2 AND right_code = ?3"
	" AND valid_from IS ?4",
	[S_TIT_INSERT] =
	"INSERT INTO titles (unit_id, subject_id, right_code, right_text, share_num, share_den,"
	" regime, valid_from, valid_to, detail, run_id, share_raw, share_rule, regime_subject_id,"
	" title_ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[S_TIT_UPDATE] =
	"UPDATE titles SET right_text = ?4, share_num = ?5, share_den = ?6, regime = ?7,"
	" valid_to = ?9, detail = ?10, run_id = ?11, share_raw = ?12, share_rule = ?13,"
	" regime_subject_id = ?14, title_ref = ?15 WHERE title_id = ?16",
};

struct es_store_cadastre {
	es_ledger *l;
	sqlite3 *db;
	const es_cadastre_codes *codes;
	sqlite3_stmt *st[S_COUNT];
	int64_t run_id;
	char last_unit[ES_CADASTRE_KEY_MAX];
	GString *detail;
	es_store_cadastre_counts counts;
};

static es_rc
db_error(sqlite3 *db, es_err *err, const char *what)
{
	return es_err_set(err, ES_EDB, "%s: %s", what, sqlite3_errmsg(db));
}

es_store_cadastre *
es_store_cadastre_new(es_ledger *l, const es_cadastre_codes *codes, es_err *err)
{
	es_store_cadastre *s = calloc(1, sizeof *s);
	size_t i;

	if (s == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	s->l = l;
	s->db = es_ledger_db(l);
	s->codes = codes;
	s->run_id = es_ledger_run_id(l);
	s->detail = g_string_sized_new(256);
	/* A supply is one big transaction of random-key index inserts: a page
	 * cache of 64 MiB (instead of SQLite's 2 MiB) keeps the index pages hot.
	 * Memory stays bounded whatever the size of the supply. */
	if (sqlite3_exec(s->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(s->db, err, "setting the page cache");
		es_store_cadastre_free(s);
		return NULL;
	}
	for (i = 0; i < S_COUNT; i++)
		if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
			db_error(s->db, err, "preparing the cadastre statements");
			es_store_cadastre_free(s);
			return NULL;
		}
	return s;
}

void
es_store_cadastre_free(es_store_cadastre *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	g_string_free(s->detail, TRUE);
	free(s);
}

void
es_store_cadastre_counts_get(const es_store_cadastre *s, es_store_cadastre_counts *c)
{
	*c = s->counts;
}

/* ---- binding helpers ---- */

/* Text is bound without a copy (SQLITE_STATIC): every statement is stepped,
 * reset and cleared (step_done) in the function that binds it, while the
 * record and the caller's buffers are still alive.  A date is formatted and
 * copied (es_store_bind_date). */
static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* "" binds as NULL. */
static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL || *v == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Negative (absent) binds as NULL. */
static void
bind_num(sqlite3_stmt *st, int i, int64_t v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static es_rc
step_done(es_store_cadastre *s, sqlite3_stmt *st, es_err *err, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(s->db, err, what);
	return ES_OK;
}

/* ---- detail text: "key=value; key=value" of the fields without a column ---- */

static void
kv(GString *g, const char *key, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	if (g->len)
		g_string_append_len(g, "; ", 2);
	g_string_append(g, key);
	g_string_append_c(g, '=');
	g_string_append(g, value);
}

static void
kv_atto(GString *g, const char *key, const es_cadastre_atto *a)
{
	char buf[ES_DATE_BUFSZ];

	if (*a->numero_nota) {
		g_string_append_printf(g, "%s%s=%s %s/%s/%s", g->len ? "; " : "", key, a->tipo_nota,
		                       a->numero_nota, a->progressivo_nota, a->anno_nota);
		if (a->registrazione != ES_DATE_NONE)
			g_string_append_printf(g, " reg. %s", es_date_format(a->registrazione, buf));
	} else if (*a->tipo_nota) {
		g_string_append_printf(g, "%s%s=%s", g->len ? "; " : "", key, a->tipo_nota);
		if (a->registrazione != ES_DATE_NONE)
			g_string_append_printf(g, " reg. %s", es_date_format(a->registrazione, buf));
	}
	if (a->impianto)
		g_string_append_printf(g, "%s%s=impianto", g->len ? "; " : "", key);
	if (*a->causale || *a->descrizione)
		g_string_append_printf(g, "%s%s_causale=%s%s%s", g->len ? "; " : "", key, a->causale,
		                       *a->descrizione ? " " : "", a->descrizione);
}

/* Consistenza in hundredths as a plain decimal: 650 -> "6.5", 700 -> "7". */
static const char *
consistency_text(int64_t x100, char *buf, size_t bufsz)
{
	if (x100 < 0)
		return "";
	if (x100 % 100 == 0)
		snprintf(buf, bufsz, "%lld", (long long)(x100 / 100));
	else if (x100 % 10 == 0)
		snprintf(buf, bufsz, "%lld.%lld", (long long)(x100 / 100), (long long)(x100 % 100 / 10));
	else
		snprintf(buf, bufsz, "%lld.%02lld", (long long)(x100 / 100), (long long)(x100 % 100));
	return buf;
}

/* ---- put ---- */

static es_rc
put_unit(es_store_cadastre *s, const char *key, const char *belfiore, char kind, es_err *err)
{
	sqlite3_stmt *st = s->st[S_UNIT];
	char k[2] = { kind, '\0' };
	es_rc rc;

	if (strcmp(key, s->last_unit) == 0)
		return ES_OK;
	bind_text(st, 1, key);
	bind_text(st, 2, belfiore);
	bind_text(st, 3, k);
	if ((rc = step_done(s, st, err, "writing a unit")) != ES_OK)
		return rc;
	snprintf(s->last_unit, sizeof s->last_unit, "%s", key);
	return ES_OK;
}

static es_rc
clear_idents(es_store_cadastre *s, const char *key, int seq, es_err *err)
{
	sqlite3_stmt *st = s->st[S_IDENT_CLEAR];

	bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, seq);
	sqlite3_bind_int64(st, 3, s->run_id);
	return step_done(s, st, err, "replacing the identifiers of a situation");
}

static es_rc
put_ident(es_store_cadastre *s, const char *key, int seq, const char *section, const char *foglio,
          const char *numero, const char *sub, es_err *err)
{
	sqlite3_stmt *st = s->st[S_IDENT];
	char b1[32], b2[32], b3[32];
	es_rc rc;

	bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, seq);
	bind_text(st, 3, section);
	bind_text(st, 4, es_cadastre_strip_zeros(foglio, b1, sizeof b1));
	bind_text(st, 5, es_cadastre_strip_zeros(numero, b2, sizeof b2));
	bind_text(st, 6, es_cadastre_strip_zeros(sub, b3, sizeof b3));
	sqlite3_bind_int64(st, 7, s->run_id);
	if ((rc = step_done(s, st, err, "writing a unit identifier")) == ES_OK)
		s->counts.identifiers++;
	return rc;
}

static es_rc
put_fab1(es_store_cadastre *s, const char *key, const es_cadastre_rec *rec, es_err *err)
{
	const es_cadastre_fab1 *r = &rec->u.fab1;
	sqlite3_stmt *st = s->st[S_SIT_FAB1];
	GString *g = s->detail;
	char cbuf[32], nbuf[ES_DATE_BUFSZ];
	es_rc rc;

	g_string_truncate(g, 0);
	kv(g, "zona", r->zona);
	kv(g, "lotto", r->lotto);
	kv(g, "edificio", r->edificio);
	kv(g, "scala", r->scala);
	kv(g, "interno", r->interno1);
	kv(g, "interno2", r->interno2);
	kv(g, "piano", r->piano[0]);
	kv(g, "piano2", r->piano[1]);
	kv(g, "piano3", r->piano[2]);
	kv(g, "piano4", r->piano[3]);
	kv_atto(g, "generante", &r->generante);
	kv_atto(g, "conclusivo", &r->conclusivo);
	kv(g, "annotazione", r->annotazione);
	kv(g, "mutazione_iniziale", r->mutazione_iniziale);
	kv(g, "mutazione_finale", r->mutazione_finale);
	kv(g, "protocollo_notifica", r->protocollo_notifica);
	if (r->data_notifica != ES_DATE_NONE)
		kv(g, "data_notifica", es_date_format(r->data_notifica, nbuf));
	kv(g, "flag_classamento", r->flag_classamento);

	bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, rec->progressivo);
	es_store_bind_date(st, 3, r->generante.efficacia);
	es_store_bind_date(st, 4, r->conclusivo.efficacia);
	bind_opt(st, 5, r->categoria);
	bind_opt(st, 6, r->classe);
	bind_opt(st, 7, consistency_text(r->consistenza_x100, cbuf, sizeof cbuf));
	bind_num(st, 8, r->superficie);
	bind_num(st, 9, r->rendita);
	bind_text(st, 10, r->partita);
	bind_opt(st, 11, g->str);
	sqlite3_bind_int64(st, 12, s->run_id);
	if ((rc = step_done(s, st, err, "writing a unit situation")) == ES_OK)
		s->counts.situations++;
	return rc;
}

static es_rc
put_ter1(es_store_cadastre *s, const char *key, const es_cadastre_rec *rec, es_err *err)
{
	const es_cadastre_ter1 *r = &rec->u.ter1;
	sqlite3_stmt *st = s->st[S_SIT_TER1];
	GString *g = s->detail;
	es_rc rc;

	g_string_truncate(g, 0);
	kv(g, "denominatore", r->ident.denominatore);
	kv(g, "edificialita", r->ident.edificialita);
	kv(g, "flag_reddito", r->flag_reddito);
	kv(g, "flag_porzione", r->flag_porzione);
	kv(g, "flag_deduzioni", r->flag_deduzioni);
	kv_atto(g, "generante", &r->generante);
	kv_atto(g, "conclusivo", &r->conclusivo);
	kv(g, "annotazione", r->annotazione);
	kv(g, "mutazione_iniziale", r->mutazione_iniziale);
	kv(g, "mutazione_finale", r->mutazione_finale);

	bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, rec->progressivo);
	es_store_bind_date(st, 3, r->generante.efficacia);
	es_store_bind_date(st, 4, r->conclusivo.efficacia);
	bind_opt(st, 5, r->classe);
	bind_opt(st, 6, r->qualita);
	sqlite3_bind_int64(st, 7, r->area_m2);
	bind_num(st, 8, r->reddito_dominicale);
	bind_num(st, 9, r->reddito_agrario);
	bind_text(st, 10, r->partita);
	bind_opt(st, 11, g->str);
	sqlite3_bind_int64(st, 12, s->run_id);
	if ((rc = step_done(s, st, err, "writing a parcel situation")) != ES_OK)
		return rc;
	s->counts.situations++;
	if ((rc = clear_idents(s, key, rec->progressivo, err)) != ES_OK)
		return rc;
	/* A TER parcel is its own identificativo; its section is the sezione censuaria. */
	return put_ident(s, key, rec->progressivo, rec->sezione, r->ident.foglio, r->ident.numero,
	                 r->ident.subalterno, err);
}

static es_rc
put_detail(es_store_cadastre *s, const char *key, int seq, const char *text, es_err *err)
{
	sqlite3_stmt *st = s->st[S_SIT_DETAIL];

	bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, seq);
	bind_text(st, 3, text);
	sqlite3_bind_int64(st, 4, s->run_id);
	return step_done(s, st, err, "writing a unit situation");
}

static es_rc
put_groups(es_store_cadastre *s, const char *key, const es_cadastre_rec *rec, es_err *err)
{
	GString *g = s->detail;
	size_t i;
	es_rc rc;

	g_string_truncate(g, 0);
	switch (rec->type) {
	case ES_CADASTRE_FAB2:
		if ((rc = clear_idents(s, key, rec->progressivo, err)) != ES_OK)
			return rc;
		for (i = 0; i < rec->ngroups; i++) {
			const es_cadastre_ident *d = &rec->idents[i];
			if ((rc = put_ident(s, key, rec->progressivo, d->sezione_urbana, d->foglio, d->numero,
			                    d->subalterno, err)) != ES_OK)
				return rc;
		}
		return ES_OK;
	case ES_CADASTRE_FAB3: {
		/* The first address is the unit's; the others go to detail. */
		sqlite3_stmt *st = s->st[S_SIT_ADDR];
		char addr[512];
		if (rec->ngroups == 0)
			return ES_OK;
		es_cadastre_address_format(s->codes, &rec->addresses[0], addr, sizeof addr);
		bind_text(st, 1, key);
		sqlite3_bind_int(st, 2, rec->progressivo);
		bind_opt(st, 3, addr);
		sqlite3_bind_int64(st, 4, s->run_id);
		if ((rc = step_done(s, st, err, "writing an address")) != ES_OK)
			return rc;
		for (i = 1; i < rec->ngroups; i++) {
			es_cadastre_address_format(s->codes, &rec->addresses[i], addr, sizeof addr);
			g_string_append_printf(g, "%saddress%zu=%s", g->len ? "; " : "", i + 1, addr);
		}
		break;
	}
	case ES_CADASTRE_FAB4:
		for (i = 0; i < rec->ngroups; i++) {
			const es_cadastre_utility *u = &rec->utilities[i];
			g_string_append_printf(g, "%s%s/%s/%s/%s", i ? " " : "utilita_comuni=", u->sezione_urbana,
			                       u->foglio, u->numero, u->subalterno);
		}
		break;
	case ES_CADASTRE_FAB5:
	case ES_CADASTRE_TER3:
		for (i = 0; i < rec->ngroups; i++)
			g_string_append_printf(g, "%s%s:%s", i ? " " : "riserve=", rec->riserve[i].codice,
			                       rec->riserve[i].partita);
		break;
	case ES_CADASTRE_TER2:
		for (i = 0; i < rec->ngroups; i++)
			g_string_append_printf(g, "%s%s", i ? " " : "deduzioni=", rec->deduzioni[i]);
		break;
	case ES_CADASTRE_TER4:
		for (i = 0; i < rec->ngroups; i++) {
			const es_cadastre_porzione *p = &rec->porzioni[i];
			g_string_append_printf(g, "%s%s:%s/%s/%lld", i ? " " : "porzioni=", p->id, p->qualita,
			                       p->classe, (long long)p->area_m2);
			if (p->has_redditi && p->reddito_dominicale >= 0) {
				char m1[ES_MONEY_BUFSZ], m2[ES_MONEY_BUFSZ];
				g_string_append_printf(g, "/%s/%s", es_money_format(p->reddito_dominicale, ES_MONEY_PLAIN, m1),
				                       p->reddito_agrario >= 0 ?
				                       es_money_format(p->reddito_agrario, ES_MONEY_PLAIN, m2) : "");
			}
		}
		break;
	default:
		return es_err_set(err, ES_EINTERNAL, "put_groups: record type %d", rec->type);
	}
	if (g->len == 0)
		return ES_OK;
	return put_detail(s, key, rec->progressivo, g->str, err);
}

static es_rc
put_subject(es_store_cadastre *s, const es_cadastre_rec *rec, es_err *err)
{
	const es_cadastre_sog *r = &rec->u.sog;
	sqlite3_stmt *st = s->st[S_SUBJECT];
	char key[ES_CADASTRE_KEY_MAX], cf[32];
	char kind = rec->type == ES_CADASTRE_SOG_P ? 'P' : 'G';
	es_rc rc;

	if (!es_cadastre_subject_key(rec->belfiore, kind, rec->id, key, sizeof key))
		return es_err_set(err, ES_EDATA, "field 3 (identificativo soggetto): '%s' is too long", rec->id);
	es_taxid_normalise(r->codice_fiscale, cf, sizeof cf);
	bind_text(st, 1, key);
	bind_text(st, 2, kind == 'P' ? "P" : "G");
	bind_opt(st, 3, cf);
	sqlite3_bind_int(st, 4, *cf != '\0' && es_taxid_classify(cf) != ES_TAXID_INVALID);
	bind_opt(st, 5, r->cognome);
	bind_opt(st, 6, r->nome);
	bind_opt(st, 7, r->sesso);
	es_store_bind_date(st, 8, r->data_nascita);
	bind_opt(st, 9, r->luogo_nascita);
	bind_opt(st, 10, r->denominazione);
	bind_opt(st, 11, r->sede);
	sqlite3_bind_int64(st, 12, s->run_id);
	if ((rc = step_done(s, st, err, "writing a subject")) == ES_OK)
		s->counts.subjects++;
	return rc;
}

static es_rc
put_title(es_store_cadastre *s, const es_cadastre_rec *rec, es_err *err)
{
	const es_cadastre_tit *r = &rec->u.tit;
	char ukey[ES_CADASTRE_KEY_MAX], skey[ES_CADASTRE_KEY_MAX], rkey[ES_CADASTRE_KEY_MAX];
	char share[48], date[ES_DATE_BUFSZ];
	GString *g = s->detail;
	sqlite3_stmt *st;
	sqlite3_int64 title_id = 0;
	int rc;
	es_rc erc;

	if (!es_cadastre_unit_key(rec->belfiore, rec->sezione, r->unit_kind, r->unit_id, ukey, sizeof ukey))
		return es_err_set(err, ES_EDATA, "field 5 (identificativo immobile): '%s' is too long", r->unit_id);
	if (!es_cadastre_subject_key(rec->belfiore, r->subject_kind, r->subject_id, skey, sizeof skey))
		return es_err_set(err, ES_EDATA, "field 3 (identificativo soggetto): '%s' is too long", r->subject_id);
	rkey[0] = '\0';
	if (*r->soggetto_rif != '\0' && strcmp(r->soggetto_rif, "0") != 0)
		es_cadastre_subject_key(rec->belfiore, r->subject_kind, r->soggetto_rif, rkey, sizeof rkey);
	if ((erc = put_unit(s, ukey, rec->belfiore, r->unit_kind, err)) != ES_OK)
		return erc;

	st = s->st[S_TIT_FIND];
	bind_text(st, 1, ukey);
	bind_text(st, 2, skey);
	bind_text(st, 3, r->diritto);
	if (r->generante.efficacia == ES_DATE_NONE)
		sqlite3_bind_null(st, 4);
	else
		bind_text(st, 4, es_date_format(r->generante.efficacia, date));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		title_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s->db, err, "looking up a title");

	g_string_truncate(g, 0);
	kv_atto(g, "generante", &r->generante);
	kv_atto(g, "conclusivo", &r->conclusivo);
	kv(g, "partita", r->partita);
	kv(g, "mutazione_iniziale", r->mutazione_iniziale);
	kv(g, "mutazione_finale", r->mutazione_finale);
	snprintf(share, sizeof share, "%lld/%lld", (long long)r->quota_num, (long long)r->quota_den);

	st = s->st[title_id ? S_TIT_UPDATE : S_TIT_INSERT];
	bind_text(st, 1, ukey);
	bind_text(st, 2, skey);
	bind_text(st, 3, r->diritto);
	bind_opt(st, 4, r->titolo);
	/* The share in use starts as the file's; 0/0 is resolved in finish(). */
	sqlite3_bind_int64(st, 5, r->quota_num);
	sqlite3_bind_int64(st, 6, r->quota_den);
	bind_opt(st, 7, r->regime);
	es_store_bind_date(st, 8, r->generante.efficacia);
	es_store_bind_date(st, 9, r->conclusivo.efficacia);
	bind_opt(st, 10, g->str);
	sqlite3_bind_int64(st, 11, s->run_id);
	bind_text(st, 12, share);
	bind_text(st, 13, r->quota_den != 0 ? "file" : "unresolved");
	bind_opt(st, 14, rkey);
	bind_opt(st, 15, r->id_titolarita);
	if (title_id)
		sqlite3_bind_int64(st, 16, title_id);
	if ((erc = step_done(s, st, err, "writing a title")) == ES_OK)
		s->counts.titles++;
	return erc;
}

es_rc
es_store_cadastre_put(es_store_cadastre *s, const es_cadastre_rec *rec, es_err *err)
{
	char key[ES_CADASTRE_KEY_MAX];
	char kind;
	es_rc rc;

	switch (rec->type) {
	case ES_CADASTRE_SOG_P:
	case ES_CADASTRE_SOG_G:
		return put_subject(s, rec, err);
	case ES_CADASTRE_TIT:
		return put_title(s, rec, err);
	default:
		break;
	}
	kind = rec->type >= ES_CADASTRE_TER1 ? 'T' : 'F';
	if (!es_cadastre_unit_key(rec->belfiore, rec->sezione, kind, rec->id, key, sizeof key))
		return es_err_set(err, ES_EDATA, "field 3 (identificativo immobile): '%s' is too long", rec->id);
	if ((rc = put_unit(s, key, rec->belfiore, kind, err)) != ES_OK)
		return rc;
	switch (rec->type) {
	case ES_CADASTRE_FAB1:
		return put_fab1(s, key, rec, err);
	case ES_CADASTRE_TER1:
		return put_ter1(s, key, rec, err);
	default:
		return put_groups(s, key, rec, err);
	}
}

/* ---- finish: shares and the checks across records ---- */

typedef struct frac {
	int64_t num, den;      /* den > 0; 0/1 is zero */
} frac;

static int64_t
gcd64(int64_t a, int64_t b)
{
	if (a < 0)
		a = -a;
	while (b != 0) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a == 0 ? 1 : a;
}

static frac
frac_make(int64_t num, int64_t den)
{
	frac f;
	int64_t g = gcd64(num, den);

	f.num = num / g;
	f.den = den / g;
	return f;
}

/* a + b; false on overflow (absurd denominators). */
static bool
frac_add(frac a, frac b, frac *out)
{
	int64_t g = gcd64(a.den, b.den), l, n1, n2;

	if (__builtin_mul_overflow(a.den / g, b.den, &l) ||
	    __builtin_mul_overflow(a.num, l / a.den, &n1) ||
	    __builtin_mul_overflow(b.num, l / b.den, &n2) ||
	    __builtin_add_overflow(n1, n2, &n1))
		return false;
	*out = frac_make(n1, l);
	return true;
}

static int
frac_cmp_one(frac a)
{
	return a.num < a.den ? -1 : a.num > a.den ? 1 : 0;
}

typedef struct title_row {
	int64_t title_id;
	int64_t run_id;
	char *subject_id;
	char *regime;
	char *regime_subject;
	char *from;            /* "" for none (since ever) */
	char *to;              /* "~" for none (still valid) */
	int64_t raw_num, raw_den;
	frac share;            /* in use */
	const char *rule;      /* static string */
	bool changed;
} title_row;

typedef struct finish_ctx {
	es_store_cadastre *s;
	es_store_cadastre_report_fn report;
	void *rctx;
	sqlite3_stmt *upd;
} finish_ctx;

static bool
active_at(const title_row *r, const char *t)
{
	return strcmp(r->from, t) <= 0 && strcmp(t, r->to) < 0;
}

static bool
is_zero(const title_row *r)
{
	return r->raw_den == 0;
}

static void
resolve_zero(title_row *rows, size_t n, size_t i)
{
	title_row *r = &rows[i];
	frac known = { 0, 1 }, rest;
	size_t j, zeros = 0;
	bool overflow = false;

	for (j = 0; j < n; j++) {
		if (!active_at(&rows[j], r->from))
			continue;
		if (is_zero(&rows[j]))
			zeros++;
		else if (!frac_add(known, frac_make(rows[j].raw_num, rows[j].raw_den), &known))
			overflow = true;
	}
	if (overflow)
		return;
	if (known.num == 0) {
		/* Every holder of the right has 0/0: equal parts. */
		r->share = frac_make(1, (int64_t)zeros);
		r->rule = "equal";
		r->changed = true;
		return;
	}
	if (frac_cmp_one(known) < 0) {
		/* The holders with a share leave a remainder: the 0/0 holders
		 * share it equally. */
		rest = frac_make(known.den - known.num, known.den);
		r->share = frac_make(rest.num, rest.den * (int64_t)zeros);
		r->rule = "remainder";
		r->changed = true;
		return;
	}
	/* Nothing left: in comunione (regime C or D) the spouse named in field 12
	 * holds the couple's share, which the two split in halves. */
	if ((strcmp(r->regime, "C") == 0 || strcmp(r->regime, "D") == 0) && *r->regime_subject) {
		for (j = 0; j < n; j++) {
			title_row *o = &rows[j];
			if (j == i || is_zero(o) || strcmp(o->subject_id, r->regime_subject) != 0 ||
			    !active_at(o, r->from))
				continue;
			if (o->share.num == 0 || __builtin_mul_overflow(o->share.den, 2, &(int64_t){ 0 }))
				return;
			r->share = frac_make(o->share.num, o->share.den * 2);
			o->share = r->share;
			r->rule = o->rule = "spouse";
			r->changed = o->changed = true;
			return;
		}
	}
}

static es_rc
process_group(finish_ctx *fc, const char *unit_id, const char *right, title_row *rows, size_t n, es_err *err)
{
	es_store_cadastre *s = fc->s;
	char detail[512];
	size_t i, j;

	for (i = 0; i < n; i++)
		if (is_zero(&rows[i]))
			resolve_zero(rows, n, i);
	for (i = 0; i < n; i++) {
		title_row *r = &rows[i];
		if (is_zero(r) && r->run_id == s->run_id) {
			if (r->changed)
				snprintf(detail, sizeof detail, "share 0/0 of right '%s' taken as %lld/%lld (%s)", right,
				         (long long)r->share.num, (long long)r->share.den, r->rule);
			else
				snprintf(detail, sizeof detail, "share 0/0 of right '%s' left unresolved", right);
			fc->report(fc->rctx, "zero_share", NULL, 0, unit_id, r->subject_id, detail);
		}
		if (r->changed) {
			sqlite3_stmt *st = fc->upd;
			sqlite3_bind_int64(st, 1, r->share.num);
			sqlite3_bind_int64(st, 2, r->share.den);
			bind_text(st, 3, r->rule);
			sqlite3_bind_int64(st, 4, r->title_id);
			if (step_done(s, st, err, "writing a resolved share") != ES_OK)
				return ES_EDB;
		}
	}
	if (!es_cadastre_right_sums(s->codes, right))
		return ES_OK;
	/* At each date a holding starts, the holdings of the right then valid
	 * must sum to 1. */
	for (i = 0; i < n; i++) {
		frac sum = { 0, 1 };
		bool mine = false, dup = false, overflow = false;
		for (j = 0; j < i; j++)
			if (strcmp(rows[j].from, rows[i].from) == 0)
				dup = true;
		if (dup)
			continue;
		for (j = 0; j < n; j++) {
			if (!active_at(&rows[j], rows[i].from))
				continue;
			mine |= rows[j].run_id == s->run_id;
			if (rows[j].share.den != 0 && !frac_add(sum, rows[j].share, &sum))
				overflow = true;
		}
		if (!mine || overflow || frac_cmp_one(sum) == 0)
			continue;
		snprintf(detail, sizeof detail, "shares of right '%s' valid from %s sum to %lld/%lld, not 1", right,
		         *rows[i].from ? rows[i].from : "the impianto", (long long)sum.num, (long long)sum.den);
		fc->report(fc->rctx, "share_sum", NULL, 0, unit_id, NULL, detail);
	}
	return ES_OK;
}

static void
rows_clear(GArray *a)
{
	guint i;

	for (i = 0; i < a->len; i++) {
		title_row *r = &g_array_index(a, title_row, i);
		g_free(r->subject_id);
		g_free(r->regime);
		g_free(r->regime_subject);
		g_free(r->from);
		g_free(r->to);
	}
	g_array_set_size(a, 0);
}

static char *
col_dup(sqlite3_stmt *st, int i, const char *dflt)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	return g_strdup(v != NULL ? (const char *)v : dflt);
}

static es_rc
finish_shares(finish_ctx *fc, es_err *err)
{
	static const char q[] =
		"SELECT title_id, run_id, unit_id, right_code, subject_id, IFNULL(regime, ''),"
		" IFNULL(regime_subject_id, ''), IFNULL(valid_from, ''), IFNULL(valid_to, '~'), share_raw"
		" FROM titles WHERE unit_id IN (SELECT unit_id FROM titles WHERE run_id = ?1)"
		" ORDER BY unit_id, right_code, valid_from, title_id";
	es_store_cadastre *s = fc->s;
	sqlite3_stmt *st = NULL;
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(title_row));
	char *unit = NULL, *right = NULL;
	es_rc erc = ES_OK;
	int rc;

	if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "UPDATE titles SET share_num = ?1, share_den = ?2, share_rule = ?3"
	                       " WHERE title_id = ?4", -1, &fc->upd, NULL) != SQLITE_OK) {
		erc = db_error(s->db, err, "reading the titles");
		goto out;
	}
	sqlite3_bind_int64(st, 1, s->run_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 2);
		const char *rt = (const char *)sqlite3_column_text(st, 3);
		const char *raw = (const char *)sqlite3_column_text(st, 9);
		title_row r = { 0 };
		long long num = 0, den = 0;

		if (unit == NULL || strcmp(unit, u) != 0 || strcmp(right, rt) != 0) {
			if (unit != NULL &&
			    (erc = process_group(fc, unit, right, (title_row *)(void *)rows->data, rows->len, err)) != ES_OK)
				goto out;
			rows_clear(rows);
			g_free(unit);
			g_free(right);
			unit = g_strdup(u);
			right = g_strdup(rt);
		}
		r.title_id = sqlite3_column_int64(st, 0);
		r.run_id = sqlite3_column_int64(st, 1);
		r.subject_id = col_dup(st, 4, "");
		r.regime = col_dup(st, 5, "");
		r.regime_subject = col_dup(st, 6, "");
		r.from = col_dup(st, 7, "");
		r.to = col_dup(st, 8, "~");
		if (raw == NULL || sscanf(raw, "%lld/%lld", &num, &den) != 2 || num < 0 || den < 0)
			num = den = 0;
		r.raw_num = num;
		r.raw_den = den;
		r.share = den != 0 ? frac_make(num, den) : (frac){ 0, 0 };
		r.rule = den != 0 ? "file" : "unresolved";
		g_array_append_val(rows, r);
	}
	if (rc != SQLITE_DONE) {
		erc = db_error(s->db, err, "reading the titles");
		goto out;
	}
	if (unit != NULL)
		erc = process_group(fc, unit, right, (title_row *)(void *)rows->data, rows->len, err);
out:
	rows_clear(rows);
	g_array_free(rows, TRUE);
	g_free(unit);
	g_free(right);
	sqlite3_finalize(st);
	sqlite3_finalize(fc->upd);
	fc->upd = NULL;
	return erc;
}

/* Run a query whose rows are (unit_id, subject_id, detail) findings. */
static es_rc
finish_query(finish_ctx *fc, const char *check, const char *q, es_err *err)
{
	es_store_cadastre *s = fc->s;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK)
		return db_error(s->db, err, check);
	sqlite3_bind_int64(st, 1, s->run_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fc->report(fc->rctx, check, NULL, 0, (const char *)sqlite3_column_text(st, 0),
		           (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(s->db, err, check);
	return ES_OK;
}

es_rc
es_store_cadastre_finish(es_store_cadastre *s, es_store_cadastre_report_fn report, void *ctx, es_err *err)
{
	static const struct {
		const char *check;
		const char *sql;
	} checks[] = {
		{ "missing_subject",
		  "SELECT t.unit_id, t.subject_id, 'title of right ''' || t.right_code ||"
		  " ''' names a subject not in the supply'"
		  " FROM titles t WHERE t.run_id = ?1"
		  " AND NOT EXISTS (SELECT 1 FROM subjects s WHERE s.subject_id = t.subject_id)"
		  " ORDER BY t.unit_id, t.subject_id" },
		{ "missing_unit",
		  "SELECT t.unit_id, t.subject_id, 'title of right ''' || t.right_code ||"
		  " ''' names a unit not in the supply'"
		  " FROM titles t WHERE t.run_id = ?1"
		  " AND NOT EXISTS (SELECT 1 FROM unit_situations u WHERE u.unit_id = t.unit_id"
		  "                 AND u.partita IS NOT NULL)"
		  " ORDER BY t.unit_id, t.subject_id" },
		{ "missing_record_1",
		  "SELECT s.unit_id, NULL, 'situation ' || s.seq || ' has no record 1 (caratteristiche)'"
		  " FROM unit_situations s WHERE s.run_id = ?1 AND s.partita IS NULL ORDER BY s.unit_id, s.seq" },
		{ "missing_identifier",
		  "SELECT s.unit_id, NULL, 'situation ' || s.seq || ' has no identificativo (FAB record 2)'"
		  " FROM unit_situations s JOIN units u ON u.unit_id = s.unit_id"
		  " WHERE s.run_id = ?1 AND u.kind = 'F' AND s.partita IS NOT NULL AND NOT EXISTS"
		  " (SELECT 1 FROM unit_identifiers i WHERE i.unit_id = s.unit_id AND i.seq = s.seq)"
		  " ORDER BY s.unit_id, s.seq" },
		{ "overlapping_history",
		  "SELECT a.unit_id, NULL, 'situations ' || min(a.seq, b.seq) || ' (' ||"
		  " IFNULL(CASE WHEN a.seq < b.seq THEN a.valid_from ELSE b.valid_from END, 'impianto') || ' to ' ||"
		  " IFNULL(CASE WHEN a.seq < b.seq THEN a.valid_to ELSE b.valid_to END, 'open') || ') and ' ||"
		  " max(a.seq, b.seq) || ' (' ||"
		  " IFNULL(CASE WHEN a.seq < b.seq THEN b.valid_from ELSE a.valid_from END, 'impianto') || ' to ' ||"
		  " IFNULL(CASE WHEN a.seq < b.seq THEN b.valid_to ELSE a.valid_to END, 'open') || ') overlap'"
		  " FROM unit_situations a JOIN unit_situations b ON b.unit_id = a.unit_id AND b.seq <> a.seq"
		  " WHERE a.run_id = ?1 AND a.partita IS NOT NULL AND b.partita IS NOT NULL"
		  " AND (b.run_id IS NOT ?1 OR a.seq < b.seq)"
		  " AND IFNULL(a.valid_from, '') < IFNULL(b.valid_to, '~')"
		  " AND IFNULL(b.valid_from, '') < IFNULL(a.valid_to, '~')"
		  " ORDER BY a.unit_id, min(a.seq, b.seq)" },
		/* The same subject holding the same right twice at once. */
		{ "overlapping_title",
		  "SELECT a.unit_id, a.subject_id, 'titles of right ''' || a.right_code || ''' from ' ||"
		  " IFNULL(a.valid_from, 'impianto') || ' and from ' || IFNULL(b.valid_from, 'impianto') || ' overlap'"
		  " FROM titles a JOIN titles b ON b.unit_id = a.unit_id AND b.subject_id = a.subject_id"
		  " AND b.right_code = a.right_code AND b.title_id <> a.title_id"
		  " WHERE a.run_id = ?1 AND (b.run_id IS NOT ?1 OR a.title_id < b.title_id)"
		  " AND IFNULL(a.valid_from, '') < IFNULL(b.valid_to, '~')"
		  " AND IFNULL(b.valid_from, '') < IFNULL(a.valid_to, '~')"
		  " ORDER BY a.unit_id, a.subject_id, a.title_id" },
	};
	finish_ctx fc = { s, report, ctx, NULL };
	es_rc rc;
	size_t i;

	if ((rc = finish_shares(&fc, err)) != ES_OK)
		return rc;
	for (i = 0; i < ES_ARRAY_LEN(checks); i++)
		if ((rc = finish_query(&fc, checks[i].check, checks[i].sql, err)) != ES_OK)
			return rc;
	return ES_OK;
}

/* ---- streams ---- */

typedef enum col_type { C_TEXT, C_INT, C_MONEY } col_type;

typedef struct stream_col {
	const char *name;
	col_type type;
} stream_col;

static const stream_col unit_cols[] = {
	{ "belfiore", C_TEXT }, { "unit_id", C_TEXT }, { "kind", C_TEXT }, { "section", C_TEXT },
	{ "sheet", C_TEXT }, { "parcel", C_TEXT }, { "sub", C_TEXT }, { "category", C_TEXT },
	{ "class", C_TEXT }, { "consistency", C_TEXT }, { "surface_m2", C_INT }, { "rendita", C_MONEY },
	{ "reddito_dominicale", C_MONEY }, { "valid_from", C_TEXT }, { "valid_to", C_TEXT },
	{ "address", C_TEXT }, { "seq", C_INT }, { "reddito_agrario", C_MONEY }, { "quality", C_TEXT },
	{ "area_m2", C_INT }, { "partita", C_TEXT }, { "identifiers", C_TEXT },
};

static const char unit_sql[] =
	"SELECT u.belfiore, s.unit_id, u.kind, i.section, i.sheet, i.parcel, i.sub, s.category, s.class,"
	" s.consistency, s.surface_m2, s.rendita, s.reddito_dominicale, s.valid_from, s.valid_to,"
	" s.address, s.seq, s.reddito_agrario, s.quality, s.area_m2, s.partita,"
	" (SELECT group_concat(CASE WHEN x.section <> '' THEN x.section || ':' ELSE '' END ||"
	"  x.sheet || '/' || x.parcel || '/' || x.sub, ' ')"
	"  FROM unit_identifiers x WHERE x.unit_id = s.unit_id AND x.seq = s.seq)"
	" FROM unit_situations s JOIN units u ON u.unit_id = s.unit_id"
	" LEFT JOIN unit_identifiers i ON i.rowid = (SELECT min(y.rowid) FROM unit_identifiers y"
	"  WHERE y.unit_id = s.unit_id AND y.seq = s.seq)"
	" WHERE s.partita IS NOT NULL AND (?1 IS NULL OR ((s.valid_from IS NULL OR s.valid_from <= ?1)"
	"  AND (s.valid_to IS NULL OR s.valid_to > ?1)))"
	" ORDER BY s.unit_id, s.seq";

static const stream_col subject_cols[] = {
	{ "subject_id", C_TEXT }, { "tax_code", C_TEXT }, { "kind", C_TEXT }, { "surname", C_TEXT },
	{ "name", C_TEXT }, { "birth_date", C_TEXT }, { "birth_place", C_TEXT },
	{ "denomination", C_TEXT }, { "seat", C_TEXT }, { "sex", C_TEXT }, { "tax_code_valid", C_INT },
};

static const char subject_sql[] =
	"SELECT subject_id, tax_code, kind, surname, name, birth_date, birth_place, denomination, seat,"
	" sex, tax_code_valid FROM subjects WHERE ?1 IS NULL OR ?1 IS NOT NULL ORDER BY subject_id";

/* Column 4 (right) is decoded in C from the rights table. */
static const stream_col title_cols[] = {
	{ "unit_id", C_TEXT }, { "subject_id", C_TEXT }, { "tax_code", C_TEXT }, { "right_code", C_TEXT },
	{ "right", C_TEXT }, { "share_num", C_INT }, { "share_den", C_INT }, { "valid_from", C_TEXT },
	{ "valid_to", C_TEXT }, { "share_raw", C_TEXT }, { "share_rule", C_TEXT }, { "regime", C_TEXT },
	{ "right_text", C_TEXT }, { "title_ref", C_TEXT },
};

static const char title_sql[] =
	"SELECT t.unit_id, t.subject_id, s.tax_code, t.right_code, NULL, t.share_num, t.share_den,"
	" t.valid_from, t.valid_to, t.share_raw, t.share_rule, t.regime, t.right_text, t.title_ref"
	" FROM titles t LEFT JOIN subjects s ON s.subject_id = t.subject_id"
	" WHERE ?1 IS NULL OR ((t.valid_from IS NULL OR t.valid_from <= ?1)"
	"  AND (t.valid_to IS NULL OR t.valid_to > ?1))"
	" ORDER BY t.unit_id, t.right_code, t.subject_id, t.valid_from";

es_rc
es_store_cadastre_emit(es_ledger *l, es_cadastre_stream stream, es_date as_of, const es_cadastre_codes *codes,
                       es_csv_writer *w, uint64_t *rows, es_err *err)
{
	sqlite3 *db = es_ledger_db(l);
	const stream_col *cols;
	const char *q;
	size_t ncols, i;
	sqlite3_stmt *st;
	char date[ES_DATE_BUFSZ];
	es_rc erc = ES_OK;
	int rc;

	*rows = 0;
	switch (stream) {
	case ES_CADASTRE_UNITS: cols = unit_cols; ncols = ES_ARRAY_LEN(unit_cols); q = unit_sql; break;
	case ES_CADASTRE_SUBJECTS: cols = subject_cols; ncols = ES_ARRAY_LEN(subject_cols); q = subject_sql; break;
	case ES_CADASTRE_TITLES: cols = title_cols; ncols = ES_ARRAY_LEN(title_cols); q = title_sql; break;
	default: return es_err_set(err, ES_EINTERNAL, "es_store_cadastre_emit: stream %d", (int)stream);
	}
	for (i = 0; i < ncols; i++)
		if ((erc = es_csv_put(w, cols[i].name, err)) != ES_OK)
			return erc;
	if ((erc = es_csv_end_row(w, err)) != ES_OK)
		return erc;
	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, err, "reading the cadastre");
	if (as_of == ES_DATE_NONE)
		sqlite3_bind_null(st, 1);
	else
		sqlite3_bind_text(st, 1, es_date_format(as_of, date), -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncols && erc == ES_OK; i++) {
			const char *v = (const char *)sqlite3_column_text(st, (int)i);
			if (stream == ES_CADASTRE_TITLES && i == 4) {
				const char *code = (const char *)sqlite3_column_text(st, 3);
				v = code != NULL ? es_cadastre_right_name(codes, code) : NULL;
			}
			if (v == NULL)
				erc = es_csv_put(w, "", err);
			else if (cols[i].type == C_MONEY)
				erc = es_csv_put_money(w, sqlite3_column_int64(st, (int)i), err);
			else
				erc = es_csv_put(w, v, err);
		}
		if (erc == ES_OK)
			erc = es_csv_end_row(w, err);
		if (erc != ES_OK)
			break;
		(*rows)++;
	}
	if (erc == ES_OK && rc != SQLITE_DONE)
		erc = db_error(db, err, "reading the cadastre");
	sqlite3_finalize(st);
	return erc;
}

es_rc
es_store_cadastre_scratch(es_ledger *l, es_err *err)
{
	sqlite3 *db = es_ledger_db(l);

	if (sqlite3_exec(db, "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY;", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return db_error(db, err, "tuning the scratch ledger");
	return ES_OK;
}
