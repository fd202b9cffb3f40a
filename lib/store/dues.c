/* dues.c: the ledger side of compute-dues (dues.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "store/bind.h"
#include "store/dues.h"
#include "domain/imu.h"
#include "types/nav.h"

#define ISO(buf, d) es_date_format((d), (buf))

static es_rc
db_err(es_err *err, sqlite3 *db, const char *what)
{
	return es_err_set(err, ES_EDB, "%s: %s", what, sqlite3_errmsg(db));
}

static es_rc
prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, es_err *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return db_err(err, db, "prepare");
	return ES_OK;
}

static es_rc
exec(sqlite3 *db, const char *sql, es_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		es_err_set(err, ES_EDB, "%s", msg != NULL ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return ES_EDB;
	}
	return ES_OK;
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s != NULL ? (const char *)s : "";
}

/* A ledger date: '' or NULL is none; a sentinel before 1800 (the cadastre's
 * "impianto" 01010001) is none too, i.e. "since ever". */
static es_rc
col_date(sqlite3_stmt *st, int i, es_date *out, const char *what, es_err *err)
{
	const char *s = col_text(st, i);

	if (*s == '\0' || strncmp(s, "1800", 4) < 0) {
		*out = ES_DATE_NONE;
		return ES_OK;
	}
	if (es_date_parse(s, ES_DATE_ISO, out, err) != ES_OK)
		return es_err_set(err, ES_EDATA, "%s '%s' is not a date", what, s);
	return ES_OK;
}

/* A side file may name a unit by the ledger's unit_id ("F205-F-123") or by
 * the cadastre's identificativo immobile alone ("123"): the part after the
 * last '-'. */
static const char *
unit_short(const char *unit_id)
{
	const char *p = strrchr(unit_id, '-');

	return p != NULL ? p + 1 : unit_id;
}

static void
year_bounds(int year, char jan1[ES_DATE_BUFSZ], char dec31[ES_DATE_BUFSZ])
{
	ISO(jan1, es_date_from_ymd(year, 1, 1));
	ISO(dec31, es_date_from_ymd(year, 12, 31));
}

/* --- prepared statements of the side queries, kept for the run --- */

enum {
	Q_PEERS, Q_RES_ADD, Q_RES_COUNT, Q_RED_ADD, Q_RED_MONTHS, Q_TARI_ADD, Q_COUNT
};

struct es_dues_side {
	es_ledger *l;
	sqlite3 *db;
	sqlite3_stmt *q[Q_COUNT];
	/* es_dues_residences_of: the scan, the tax code it last gave, whether
	 * its current row is still to be taken, and that tax code's periods
	 * (their unit ids in units, at offsets until the pointers are set) */
	sqlite3_stmt *res_scan;
	int64_t tari_n;           /* TARI users added */
	bool res_unit_index;      /* dues_residents_unit built */
	char *res_code;
	bool res_pending, res_done;
	es_dues_residence *res;
	size_t nres, res_cap;
	char *units;
	size_t units_len, units_cap;
};

es_dues_side *
es_dues_side_open(es_ledger *l, es_err *err)
{
	es_dues_side *s = calloc(1, sizeof *s);

	if (s == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	s->l = l;
	s->db = es_ledger_db(l);
	/* A run reads the titles, fills the TEMP tables and posts positions,
	 * due lines and notices in one transaction: a page cache of 64 MiB for
	 * the ledger and for the TEMP tables (instead of SQLite's 2 MiB) keeps
	 * their index pages hot. */
	if (exec(s->db, "PRAGMA main.cache_size = -65536; PRAGMA temp.cache_size = -65536;", err) != ES_OK) {
		free(s);
		return NULL;
	}
	return s;
}

void
es_dues_side_close(es_dues_side *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(s->q[i]);
	sqlite3_finalize(s->res_scan);
	free(s->res_code);
	free(s->res);
	free(s->units);
	free(s);
}

/* The statement k, prepared on first use, reset and unbound. */
static sqlite3_stmt *
stmt(es_dues_side *s, int k, const char *sql, es_err *err)
{
	if (s->q[k] == NULL) {
		if (prepare(s->db, sql, &s->q[k], err) != ES_OK)
			return NULL;
	} else {
		sqlite3_reset(s->q[k]);
		sqlite3_clear_bindings(s->q[k]);
	}
	return s->q[k];
}

/* --- holdings --- */

struct es_dues_reader {
	sqlite3 *db;
	sqlite3_stmt *st;
	es_dues_holding h;
};

es_dues_reader *
es_dues_holdings_open(es_ledger *l, int year, es_err *err)
{
	/* Titles overlapping the year (valid_to is the day the right passes on,
	 * so a title ending on 1 January is out), with the situation in force on
	 * the first day of the holder's possession in the year (1 January, or
	 * the day of acquisition: c. 745, the rendita "vigente al 1 gennaio", and
	 * a variation made before the holder acquired the unit), or else the
	 * first one that starts later in the year.  Rows of other record types
	 * (no category, rendita or reddito) are not situations. */
	static const char sql[] =
		"SELECT t.title_id, t.unit_id, t.subject_id, COALESCE(s.tax_code, ''), t.right_code, u.kind,"
		"       t.share_num, t.share_den, COALESCE(t.regime, ''), t.valid_from, t.valid_to,"
		"       us.seq, COALESCE(us.category, ''), us.rendita, us.reddito_dominicale,"
		"       COALESCE(us.partita, ''), us.valid_from, us.valid_to, COALESCE(t.share_rule, '')"
		"  FROM titles t"
		"  JOIN units u ON u.unit_id = t.unit_id"
		"  LEFT JOIN subjects s ON s.subject_id = t.subject_id"
		/* the chosen row by its rowid: one seek, not the (unit_id, seq) index's two */
		"  LEFT JOIN unit_situations us ON us.rowid = COALESCE("
		/* in force on the first day D of the possession in the year */
		"       (SELECT x.rowid FROM unit_situations x"
		"         WHERE x.unit_id = t.unit_id"
		"           AND (x.category IS NOT NULL OR x.rendita IS NOT NULL OR x.reddito_dominicale IS NOT NULL)"
		"           AND (x.valid_from IS NULL OR x.valid_from = ''"
		"                OR x.valid_from <= MAX(?1, COALESCE(NULLIF(t.valid_from, ''), ?1)))"
		"           AND (x.valid_to IS NULL OR x.valid_to = ''"
		"                OR x.valid_to > MAX(?1, COALESCE(NULLIF(t.valid_from, ''), ?1)))"
		"         ORDER BY x.valid_from DESC, x.seq DESC LIMIT 1),"
		/* else the first that starts after D in the year */
		"       (SELECT x.rowid FROM unit_situations x"
		"         WHERE x.unit_id = t.unit_id"
		"           AND (x.category IS NOT NULL OR x.rendita IS NOT NULL OR x.reddito_dominicale IS NOT NULL)"
		"           AND x.valid_from > MAX(?1, COALESCE(NULLIF(t.valid_from, ''), ?1)) AND x.valid_from <= ?2"
		"         ORDER BY x.valid_from, x.seq DESC LIMIT 1))"
		" WHERE (t.valid_from IS NULL OR t.valid_from = '' OR t.valid_from <= ?2)"
		"   AND (t.valid_to IS NULL OR t.valid_to = '' OR t.valid_to > ?1)"
		" ORDER BY COALESCE(s.tax_code, ''), t.unit_id, t.title_id";
	es_dues_reader *r = calloc(1, sizeof *r);
	char jan1[ES_DATE_BUFSZ], dec31[ES_DATE_BUFSZ];

	if (r == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	r->db = es_ledger_db(l);
	if (prepare(r->db, sql, &r->st, err) != ES_OK) {
		free(r);
		return NULL;
	}
	year_bounds(year, jan1, dec31);
	sqlite3_bind_text(r->st, 1, jan1, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(r->st, 2, dec31, -1, SQLITE_TRANSIENT);
	return r;
}

es_rc
es_dues_holdings_next(es_dues_reader *r, const es_dues_holding **out, es_err *err)
{
	es_dues_holding *h = &r->h;
	sqlite3_stmt *st = r->st;
	const char *kind;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE)
		return ES_EOF;
	if (rc != SQLITE_ROW)
		return db_err(err, r->db, "reading titles");
	memset(h, 0, sizeof *h);
	h->title_id = sqlite3_column_int64(st, 0);
	h->unit_id = col_text(st, 1);
	h->subject_id = col_text(st, 2);
	h->tax_code = col_text(st, 3);
	h->right_code = col_text(st, 4);
	kind = col_text(st, 5);
	h->kind = kind[0];
	h->share_num = sqlite3_column_int64(st, 6);
	h->share_den = sqlite3_column_int64(st, 7);
	h->share_known = sqlite3_column_type(st, 6) != SQLITE_NULL && sqlite3_column_type(st, 7) != SQLITE_NULL &&
	                 h->share_den > 0 && h->share_num > 0;
	h->regime = col_text(st, 8);
	h->has_situation = sqlite3_column_type(st, 11) != SQLITE_NULL;
	h->category = col_text(st, 12);
	h->has_rendita = sqlite3_column_type(st, 13) != SQLITE_NULL;
	h->rendita = sqlite3_column_int64(st, 13);
	h->has_rd = sqlite3_column_type(st, 14) != SQLITE_NULL;
	h->reddito_dominicale = sqlite3_column_int64(st, 14);
	h->partita = col_text(st, 15);
	h->share_rule = col_text(st, 18);
	*out = h;
	/* Dates last: on a bad one the row is still there for the message. */
	if (col_date(st, 9, &h->valid_from, "title valid_from", err) != ES_OK ||
	    col_date(st, 10, &h->valid_to, "title valid_to", err) != ES_OK ||
	    col_date(st, 16, &h->sit_from, "situation valid_from", err) != ES_OK ||
	    col_date(st, 17, &h->sit_to, "situation valid_to", err) != ES_OK)
		return ES_EDATA;
	return ES_OK;
}

void
es_dues_holdings_close(es_dues_reader *r)
{
	if (r == NULL)
		return;
	sqlite3_finalize(r->st);
	free(r);
}

static int64_t
gcd64(int64_t a, int64_t b)
{
	while (b != 0) {
		int64_t t = a % b;

		a = b;
		b = t;
	}
	return a < 0 ? -a : a;
}

es_rc
es_dues_share_peers(es_dues_side *sd, const char *unit_id, const char *right_code, int year,
                    int *n_unknown, int64_t *known_num, int64_t *known_den, es_err *err)
{
	static const char sql[] =
		"SELECT share_num, share_den FROM titles"
		" WHERE unit_id = ?1 AND right_code = ?2"
		"   AND (valid_from IS NULL OR valid_from = '' OR valid_from <= ?4)"
		"   AND (valid_to IS NULL OR valid_to = '' OR valid_to > ?3)";
	sqlite3 *db = sd->db;
	sqlite3_stmt *st;
	char jan1[ES_DATE_BUFSZ], dec31[ES_DATE_BUFSZ];
	int64_t num = 0, den = 1;
	int n = 0, rc;

	if ((st = stmt(sd, Q_PEERS, sql, err)) == NULL)
		return ES_EDB;
	year_bounds(year, jan1, dec31);
	sqlite3_bind_text(st, 1, unit_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, right_code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, jan1, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, dec31, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t a = sqlite3_column_int64(st, 0), b = sqlite3_column_int64(st, 1), g;

		if (sqlite3_column_type(st, 0) == SQLITE_NULL || sqlite3_column_type(st, 1) == SQLITE_NULL ||
		    a <= 0 || b <= 0) {
			n++;
			continue;
		}
		/* num/den + a/b, reduced; cadastral denominators are small */
		g = gcd64(den, b);
		num = num * (b / g) + a * (den / g);
		den = den / g * b;
		g = gcd64(num, den);
		if (g > 1) {
			num /= g;
			den /= g;
		}
	}
	if (rc != SQLITE_DONE)
		return db_err(err, db, "reading shares");
	*n_unknown = n;
	*known_num = num;
	*known_den = den;
	return ES_OK;
}

/* --- residents and reductions --- */

es_rc
es_dues_residents_begin(es_dues_side *sd, es_err *err)
{
	return exec(sd->db,
	            "CREATE TEMP TABLE IF NOT EXISTS dues_residents ("
	            "  tax_code TEXT NOT NULL, unit_id TEXT NOT NULL, date_from TEXT, date_to TEXT);",
	            err);
}

es_rc
es_dues_residents_add(es_dues_side *sd, const char *tax_code, const char *unit_id, es_date from, es_date to,
                      es_err *err)
{
	sqlite3 *db = sd->db;
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(sd, Q_RES_ADD, "INSERT INTO dues_residents VALUES (?1, ?2, ?3, ?4)", err)) == NULL)
		return ES_EDB;
	sqlite3_bind_text(st, 1, tax_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, unit_id, -1, SQLITE_STATIC);
	es_store_bind_date(st, 3, from);
	es_store_bind_date(st, 4, to);
	rc = sqlite3_step(st);
	return rc == SQLITE_DONE ? ES_OK : db_err(err, db, "saving residents");
}

/* OR of the c. 761 months of every [from, to] interval the statement yields
 * in columns 0 and 1 (to: the day it ended, not itself included, like a
 * title's valid_to). */
static es_rc
months_of_intervals(sqlite3 *db, sqlite3_stmt *st, int year, uint16_t *mask, es_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		es_date from, to;

		if (col_date(st, 0, &from, "from", err) != ES_OK || col_date(st, 1, &to, "to", err) != ES_OK)
			return ES_EDATA;
		*mask |= es_imu_months(from, to, year);
	}
	if (rc != SQLITE_DONE)
		return db_err(err, db, "reading intervals");
	return ES_OK;
}

bool
es_dues_residence_unit(const char *name, const char *unit_id)
{
	return strcmp(name, unit_id) == 0 || strcmp(name, unit_short(unit_id)) == 0;
}

/* Keep the scan's current row as one of the periods. */
static es_rc
residence_take(es_dues_side *sd, es_err *err)
{
	sqlite3_stmt *st = sd->res_scan;
	const char *unit = col_text(st, 1);
	size_t len = strlen(unit) + 1;
	es_dues_residence *x;

	if (!es_store_grow((void **)&sd->res, &sd->res_cap, sd->nres, sizeof *sd->res, 16))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	if (sd->units_len + len > sd->units_cap) {
		size_t cap = sd->units_cap ? sd->units_cap * 2 : 256;
		char *u;

		while (cap < sd->units_len + len)
			cap *= 2;
		if ((u = realloc(sd->units, cap)) == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		sd->units = u;
		sd->units_cap = cap;
	}
	x = &sd->res[sd->nres];
	if (col_date(st, 2, &x->from, "from", err) != ES_OK || col_date(st, 3, &x->to, "to", err) != ES_OK)
		return ES_EDATA;
	memcpy(sd->units + sd->units_len, unit, len);
	x->unit_id = (const char *)(uintptr_t)sd->units_len;   /* an offset until the periods are complete */
	sd->units_len += len;
	sd->nres++;
	return ES_OK;
}

es_rc
es_dues_residences_of(es_dues_side *sd, const char *tax_code, const es_dues_residence **v, size_t *n,
                      es_err *err)
{
	sqlite3_stmt *st;
	es_rc erc;
	size_t i;
	int rc;

	sd->nres = 0;
	sd->units_len = 0;
	*v = NULL;
	*n = 0;
	if (sd->res_scan == NULL) {
		if (prepare(sd->db, "SELECT tax_code, unit_id, date_from, date_to FROM dues_residents"
		                    " ORDER BY tax_code, date_from", &sd->res_scan, err) != ES_OK)
			return ES_EDB;
	} else if (sd->res_code != NULL && strcmp(tax_code, sd->res_code) <= 0) {
		sqlite3_reset(sd->res_scan);     /* asked again or out of order: start again */
		sd->res_pending = sd->res_done = false;
	}
	free(sd->res_code);
	if ((sd->res_code = strdup(tax_code)) == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	st = sd->res_scan;
	while (!sd->res_done) {
		int c;

		if (!sd->res_pending) {
			rc = sqlite3_step(st);
			if (rc == SQLITE_DONE) {
				sd->res_done = true;
				break;
			}
			if (rc != SQLITE_ROW)
				return db_err(err, sd->db, "reading residents");
			sd->res_pending = true;
		}
		c = strcmp(col_text(st, 0), tax_code);
		if (c > 0)
			break;                      /* the next tax code's: kept for later */
		sd->res_pending = false;
		if (c == 0 && (erc = residence_take(sd, err)) != ES_OK)
			return erc;
	}
	for (i = 0; i < sd->nres; i++)
		sd->res[i].unit_id = sd->units + (uintptr_t)sd->res[i].unit_id;
	*v = sd->res;
	*n = sd->nres;
	return ES_OK;
}

es_rc
es_dues_residents_count(es_dues_side *sd, const char *unit_id, es_date day, int *n, es_err *err)
{
	sqlite3 *db = sd->db;
	sqlite3_stmt *st;
	int rc;

	/* IMU reads the residents in one sorted scan; the index by unit, for
	 * this count only, is built (by a sort) when it is first needed */
	if (!sd->res_unit_index) {
		if (exec(db, "CREATE INDEX IF NOT EXISTS temp.dues_residents_unit ON dues_residents(unit_id)", err) != ES_OK)
			return ES_EDB;
		sd->res_unit_index = true;
	}
	if ((st = stmt(sd, Q_RES_COUNT, "SELECT count(DISTINCT tax_code) FROM dues_residents WHERE (unit_id = ?1 OR unit_id = ?3)"
	                " AND (date_from IS NULL OR date_from <= ?2) AND (date_to IS NULL OR date_to > ?2)",
	            err)) == NULL)
		return ES_EDB;
	sqlite3_bind_text(st, 1, unit_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, unit_short(unit_id), -1, SQLITE_TRANSIENT);
	es_store_bind_date(st, 2, day);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	return rc == SQLITE_ROW ? ES_OK : db_err(err, db, "counting residents");
}

es_rc
es_dues_reductions_begin(es_dues_side *sd, es_err *err)
{
	return exec(sd->db,
	            "CREATE TEMP TABLE IF NOT EXISTS dues_reductions ("
	            "  unit_id TEXT NOT NULL, tax_code TEXT NOT NULL, reduction TEXT NOT NULL,"
	            "  date_from TEXT, date_to TEXT);"
	            "CREATE INDEX IF NOT EXISTS temp.dues_reductions_unit ON dues_reductions(unit_id);",
	            err);
}

es_rc
es_dues_reductions_add(es_dues_side *sd, const char *unit_id, const char *tax_code, const char *reduction,
                       es_date from, es_date to, es_err *err)
{
	sqlite3 *db = sd->db;
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(sd, Q_RED_ADD, "INSERT INTO dues_reductions VALUES (?1, ?2, ?3, ?4, ?5)", err)) == NULL)
		return ES_EDB;
	sqlite3_bind_text(st, 1, unit_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, tax_code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, reduction, -1, SQLITE_TRANSIENT);
	es_store_bind_date(st, 4, from);
	es_store_bind_date(st, 5, to);
	rc = sqlite3_step(st);
	return rc == SQLITE_DONE ? ES_OK : db_err(err, db, "saving reductions");
}

es_rc
es_dues_reduction_months(es_dues_side *sd, const char *unit_id, const char *tax_code, int year, uint16_t masks[4],
                         es_err *err)
{
	static const char *const names[4] = { "historic", "unfit", "lent", "concordato" };
	sqlite3 *db = sd->db;
	sqlite3_stmt *st;
	es_rc rc = ES_OK;
	int i;

	if ((st = stmt(sd, Q_RED_MONTHS, "SELECT date_from, date_to FROM dues_reductions"
	                " WHERE (unit_id = ?1 OR unit_id = ?4) AND (tax_code = '' OR tax_code = ?2) AND reduction = ?3",
	            err)) == NULL)
		return ES_EDB;
	for (i = 0; i < 4 && rc == ES_OK; i++) {
		masks[i] = 0;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, unit_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, tax_code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, names[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, unit_short(unit_id), -1, SQLITE_TRANSIENT);
		rc = months_of_intervals(db, st, year, &masks[i], err);
	}
	return rc;
}

/* --- TARI users --- */

es_rc
es_dues_tari_begin(es_dues_side *sd, es_err *err)
{
	return exec(sd->db,
	            /* clustered on the order they are read back in: one b-tree, no index */
	            "CREATE TEMP TABLE IF NOT EXISTS dues_tari ("
	            "  n INTEGER NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,"
	            "  tax_code TEXT NOT NULL, unit_id TEXT NOT NULL, domestic INTEGER NOT NULL,"
	            "  members INTEGER, category INTEGER, surface INTEGER NOT NULL,"
	            "  date_from TEXT, date_to TEXT, PRIMARY KEY (tax_code, n)) WITHOUT ROWID;",
	            err);
}

es_rc
es_dues_tari_add(es_dues_side *sd, const es_dues_tari_user *u, es_err *err)
{
	sqlite3 *db = sd->db;
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(sd, Q_TARI_ADD, "INSERT INTO dues_tari (source, line, tax_code, unit_id, domestic, members,"
	                " category, surface, date_from, date_to, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	            err)) == NULL)
		return ES_EDB;
	sqlite3_bind_int64(st, 11, ++sd->tari_n);   /* the order of the files */
	sqlite3_bind_text(st, 1, u->source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)u->line);
	sqlite3_bind_text(st, 3, u->tax_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, u->unit_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, u->domestic);
	sqlite3_bind_int(st, 6, u->members);
	sqlite3_bind_int(st, 7, u->category);
	sqlite3_bind_int64(st, 8, u->surface);
	es_store_bind_date(st, 9, u->from);
	es_store_bind_date(st, 10, u->to);
	rc = sqlite3_step(st);
	return rc == SQLITE_DONE ? ES_OK : db_err(err, db, "saving TARI users");
}

struct es_dues_tari_reader {
	sqlite3 *db;
	sqlite3_stmt *st;
	es_dues_tari_user u;
};

es_dues_tari_reader *
es_dues_tari_open(es_ledger *l, es_err *err)
{
	es_dues_tari_reader *r = calloc(1, sizeof *r);

	if (r == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	r->db = es_ledger_db(l);
	if (prepare(r->db, "SELECT source, line, tax_code, unit_id, domestic, members, category, surface,"
	                   " date_from, date_to FROM dues_tari ORDER BY tax_code, n", &r->st, err) != ES_OK) {
		free(r);
		return NULL;
	}
	return r;
}

es_rc
es_dues_tari_next(es_dues_tari_reader *r, const es_dues_tari_user **out, es_err *err)
{
	es_dues_tari_user *u = &r->u;
	sqlite3_stmt *st = r->st;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE)
		return ES_EOF;
	if (rc != SQLITE_ROW)
		return db_err(err, r->db, "reading TARI users");
	u->source = col_text(st, 0);
	u->line = (uint64_t)sqlite3_column_int64(st, 1);
	u->tax_code = col_text(st, 2);
	u->unit_id = col_text(st, 3);
	u->domestic = sqlite3_column_int(st, 4) != 0;
	u->members = sqlite3_column_int(st, 5);
	u->category = sqlite3_column_int(st, 6);
	u->surface = sqlite3_column_int64(st, 7);
	if (col_date(st, 8, &u->from, "from", err) != ES_OK || col_date(st, 9, &u->to, "to", err) != ES_OK)
		return ES_EINTERNAL;
	*out = u;
	return ES_OK;
}

void
es_dues_tari_close(es_dues_tari_reader *r)
{
	if (r == NULL)
		return;
	sqlite3_finalize(r->st);
	free(r);
}

/* --- posting --- */

struct es_dues_poster {
	es_ledger *l;
	sqlite3 *db;
	char *tax;
	int year;
	sqlite3_stmt *upsert, *maxline, *insline;
	sqlite3_stmt *issued_add, *issued_get;
	sqlite3_stmt *seq_get, *seq_set;
	int64_t last_pos, last_line;
	/* The "nav" sequence, read once and written back once by
	 * es_dues_post_notices (what es_ledger_next_seq does for each number,
	 * without a statement prepared and a row updated for each notice). */
	int64_t nav_seq, nav_seq0;
	/* the last due date written, as text (a year has a handful) */
	es_date due;
	char due_iso[ES_DATE_BUFSZ];
};

void
es_dues_post_end(es_dues_poster *p)
{
	if (p == NULL)
		return;
	sqlite3_finalize(p->upsert);
	sqlite3_finalize(p->issued_add);
	sqlite3_finalize(p->issued_get);
	sqlite3_finalize(p->maxline);
	sqlite3_finalize(p->insline);
	sqlite3_finalize(p->seq_get);
	sqlite3_finalize(p->seq_set);
	free(p->tax);
	free(p);
}

es_dues_poster *
es_dues_post_begin(es_ledger *l, const char *tax, int year, es_err *err)
{
	static const char *const reset[] = {
		"DELETE FROM due_lines WHERE position_id IN"
		" (SELECT position_id FROM positions WHERE tax = ?1 AND year = ?2 AND phase = 'S1' AND act_id IS NULL)",
		"UPDATE positions SET amount_due = 0"
		" WHERE tax = ?1 AND year = ?2 AND phase = 'S1' AND act_id IS NULL",
	};
	es_dues_poster *p = calloc(1, sizeof *p);
	sqlite3_stmt *st;
	size_t i;
	es_rc rc;

	if (p == NULL || (p->tax = strdup(tax)) == NULL) {
		free(p);
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	p->l = l;
	p->db = es_ledger_db(l);
	p->year = year;
	p->last_pos = -1;
	p->due = ES_DATE_NONE;
	for (i = 0; i < ES_ARRAY_LEN(reset); i++) {
		if (prepare(p->db, reset[i], &st, err) != ES_OK)
			goto fail;
		sqlite3_bind_text(st, 1, tax, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, year);
		rc = sqlite3_step(st) == SQLITE_DONE ? ES_OK : db_err(err, p->db, "resetting positions");
		sqlite3_finalize(st);
		if (rc != ES_OK)
			goto fail;
	}
	/* One position per taxpayer, tax and year in phase S1. */
	if (prepare(p->db, "INSERT INTO positions (tax_code, tax, year, phase, amount_due, created_run)"
	                   " VALUES (?1, ?2, ?3, 'S1', ?4, ?5)"
	                   " ON CONFLICT (tax_code, tax, year, phase, IFNULL(act_id,''))"
	                   " DO UPDATE SET amount_due = amount_due + excluded.amount_due"
	                   " RETURNING position_id", &p->upsert, err) != ES_OK ||
	    prepare(p->db, "SELECT IFNULL(MAX(line), 0) FROM due_lines WHERE position_id = ?1",
	            &p->maxline, err) != ES_OK ||
	    prepare(p->db, "INSERT INTO due_lines (position_id, line, unit_id, tributo, installment, due_date,"
	                   " basis, rate, months, share, amount_due)"
	                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", &p->insline, err) != ES_OK)
		goto fail;
	/* Notice numbers already issued for this tax and year (es_dues_issued_add). */
	if (exec(p->db, "CREATE TEMP TABLE IF NOT EXISTS dues_issued ("
	                "  tax_code TEXT NOT NULL, installment INTEGER NOT NULL, notice_number TEXT NOT NULL,"
	                "  PRIMARY KEY (tax_code, installment)) WITHOUT ROWID;"
	                "CREATE INDEX IF NOT EXISTS temp.dues_issued_nav ON dues_issued(notice_number);"
	                "DELETE FROM temp.dues_issued;", err) != ES_OK ||
	    prepare(p->db, "INSERT INTO temp.dues_issued VALUES (?1, ?2, ?3)"
	                   " ON CONFLICT (tax_code, installment) DO NOTHING", &p->issued_add, err) != ES_OK ||
	    prepare(p->db, "SELECT notice_number FROM temp.dues_issued WHERE tax_code = ?1 AND installment = ?2",
	            &p->issued_get, err) != ES_OK)
		goto fail;
	if (prepare(p->db, "SELECT value FROM sequences WHERE name = 'nav'", &p->seq_get, err) != ES_OK ||
	    prepare(p->db, "INSERT INTO sequences (name, value) VALUES ('nav', ?1)"
	                   " ON CONFLICT (name) DO UPDATE SET value = excluded.value", &p->seq_set, err) != ES_OK)
		goto fail;
	return p;
fail:
	es_dues_post_end(p);
	return NULL;
}

es_rc
es_dues_post_lines(es_dues_poster *p, const es_dues_line *lines, size_t n, es_err *err)
{
	sqlite3_stmt *st;
	es_cents total = 0;
	int64_t pos;
	size_t i;
	int rc;

	if (n == 0)
		return ES_OK;
	for (i = 0; i < n; i++)
		total += lines[i].amount_due;
	/* the strings outlive each step: bound without a copy */
	st = p->upsert;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_text(st, 1, lines[0].tax_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->tax, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, p->year);
	sqlite3_bind_int64(st, 4, total);
	if (es_ledger_run_id(p->l) > 0)
		sqlite3_bind_int64(st, 5, es_ledger_run_id(p->l));
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_err(err, p->db, "saving the position");
	pos = sqlite3_column_int64(st, 0);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_err(err, p->db, "saving the position");
	if (pos != p->last_pos) {
		st = p->maxline;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, pos);
		if (sqlite3_step(st) != SQLITE_ROW)
			return db_err(err, p->db, "numbering due lines");
		p->last_line = sqlite3_column_int64(st, 0);
		p->last_pos = pos;
		sqlite3_reset(st);
	}
	st = p->insline;
	for (i = 0; i < n; i++) {
		const es_dues_line *ln = &lines[i];

		sqlite3_bind_int64(st, 1, pos);
		sqlite3_bind_int64(st, 2, ++p->last_line);
		if (ln->unit_id != NULL && *ln->unit_id != '\0')
			sqlite3_bind_text(st, 3, ln->unit_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, ln->tributo, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, ln->installment);
		if (ln->due_date != ES_DATE_NONE) {
			if (ln->due_date != p->due) {
				ISO(p->due_iso, ln->due_date);
				p->due = ln->due_date;
			}
			sqlite3_bind_text(st, 6, p->due_iso, -1, SQLITE_STATIC);
		}
		if (ln->has_basis)
			sqlite3_bind_int64(st, 7, ln->basis);
		if (ln->rate != NULL && *ln->rate != '\0')
			sqlite3_bind_text(st, 8, ln->rate, -1, SQLITE_STATIC);
		if (ln->months >= 0)
			sqlite3_bind_int(st, 9, ln->months);
		if (ln->share != NULL && *ln->share != '\0')
			sqlite3_bind_text(st, 10, ln->share, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 11, ln->amount_due);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc != SQLITE_DONE)
			return db_err(err, p->db, "saving a due line");
	}
	return ES_OK;
}

es_rc
es_dues_issued_add(es_dues_poster *p, const char *tax_code, int installment, const char *nav, es_err *err)
{
	sqlite3_stmt *st = p->issued_add;
	char iuv[ES_IUV_BUFSZ];
	es_rc rc;

	if ((rc = es_nav_to_iuv(nav, iuv, err)) != ES_OK)
		return rc;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, tax_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, installment);
	sqlite3_bind_text(st, 3, nav, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_err(err, p->db, "saving an issued notice number");
	if (sqlite3_changes(p->db) > 0)
		return ES_OK;
	/* the same installment named again (TARI and TEFA lines of one
	 * notice): it must carry the same number */
	st = p->issued_get;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, tax_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, installment);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_err(err, p->db, "reading issued notice numbers");
	if (strcmp(col_text(st, 0), nav) != 0)
		return es_err_set(err, ES_EDATA, "%s installment %d: notice %s, but %s was given before", tax_code,
		                  installment, nav, col_text(st, 0));
	return ES_OK;
}

/* What upsert_notice needs: the statements, the poster's sequence, and
 * what the ledger held when the posting of notices began, to leave out
 * lookups that cannot find anything. */
typedef struct notice_ctx {
	sqlite3 *db;
	sqlite3_stmt *find, *upd, *ins, *issued, *used, *taken;
	int64_t *nav_seq;
	bool had_notices;          /* some S1 position of tax and year had a notice */
	bool have_issued;          /* es_dues_issued_add gave numbers */
	char *max_nav;             /* the ledger's greatest notice number then ("": none) */
	int segregation;
	es_dues_post_stats *stats;
} notice_ctx;

/* Is nav already a notice of the ledger?  *pos gets its position. */
static es_rc
nav_used(const notice_ctx *nc, const char *nav, int64_t *pos, es_err *err)
{
	sqlite3_stmt *used = nc->used;
	int rc;

	sqlite3_bind_text(used, 1, nav, -1, SQLITE_STATIC);
	rc = sqlite3_step(used);
	*pos = rc == SQLITE_ROW ? sqlite3_column_int64(used, 0) : -1;
	sqlite3_reset(used);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(err, nc->db, "reading notices");
	return ES_OK;
}

/* The number issued before for tax_code's installment (es_dues_issued_add)
 * into nav: ES_OK with *found. */
static es_rc
issued_number(const notice_ctx *nc, const char *tax_code, int inst, char nav[ES_NAV_BUFSZ], bool *found,
              es_err *err)
{
	sqlite3_stmt *st = nc->issued;
	int rc;

	*found = false;
	if (!nc->have_issued)
		return ES_OK;
	sqlite3_bind_text(st, 1, tax_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, inst);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(nav, ES_NAV_BUFSZ, "%s", col_text(st, 0));
		*found = true;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(err, nc->db, "reading issued notice numbers");
	return ES_OK;
}

/* The number for a new notice of tax_code's installment: the one issued before for
 * it (es_dues_issued_add), else the next of the sequence "nav" that no
 * notice of the ledger and no issued number holds. */
static es_rc
new_notice_number(const notice_ctx *nc, const char *tax_code, int inst, char nav[ES_NAV_BUFSZ], es_err *err)
{
	int64_t other;
	bool found;
	es_rc erc;
	int rc;

	if ((erc = issued_number(nc, tax_code, inst, nav, &found, err)) != ES_OK)
		return erc;
	if (found) {
		if ((erc = nav_used(nc, nav, &other, err)) != ES_OK)
			return erc;
		if (other >= 0)
			return es_err_set(err, ES_EDATA, "issued notice %s is already the ledger's notice of position %lld",
			                  nav, (long long)other);
		return ES_OK;
	}
	for (;;) {
		int64_t seq = ++*nc->nav_seq;

		if ((erc = es_nav_from_sequence(nc->segregation, (uint64_t)seq, nav, err)) != ES_OK)
			return erc == ES_EDATA ? es_err_set(err, ES_EINTERNAL, "notice number sequence exhausted") : erc;
		/* above every number the ledger had, it can only be one issued in
		 * this run (below); the sequence's own never come twice */
		if (strcmp(nav, nc->max_nav) <= 0) {
			if ((erc = nav_used(nc, nav, &other, err)) != ES_OK)
				return erc;
			if (other >= 0)
				continue;
		}
		if (!nc->have_issued)
			return ES_OK;
		/* nor one issued earlier to another installment of this run */
		sqlite3_bind_text(nc->taken, 1, nav, -1, SQLITE_STATIC);
		rc = sqlite3_step(nc->taken);
		sqlite3_reset(nc->taken);
		if (rc == SQLITE_DONE)
			return ES_OK;
		if (rc != SQLITE_ROW)
			return db_err(err, nc->db, "reading issued notice numbers");
	}
}

/* Insert or update the notice of (position, installment); may_exist false:
 * the ledger cannot hold it yet. */
static es_rc
upsert_notice(const notice_ctx *nc, int64_t pos, const char *tax_code, int inst, es_cents amount, const char *due,
              bool may_exist, es_err *err)
{
	sqlite3_stmt *find = nc->find, *upd = nc->upd, *ins = nc->ins;
	char nav[ES_NAV_BUFSZ], iuv[ES_IUV_BUFSZ];
	es_rc erc;
	int rc;

	if (may_exist) {
		sqlite3_reset(find);
		sqlite3_bind_int64(find, 1, pos);
		sqlite3_bind_int(find, 2, inst);
		rc = sqlite3_step(find);
		if (rc == SQLITE_ROW) {
			const char *status = col_text(find, 2);

			if (sqlite3_column_int64(find, 1) == amount && strcmp(col_text(find, 3), due) == 0 &&
			    strcmp(status, "open") == 0)
				return ES_OK;
			if (strcmp(status, "open") != 0 && strcmp(status, "cancelled") != 0)
				return ES_OK;  /* paid or otherwise settled: history is not rewritten */
			sqlite3_reset(upd);
			sqlite3_bind_int64(upd, 1, amount);
			sqlite3_bind_text(upd, 2, due, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(upd, 3, pos);
			sqlite3_bind_int(upd, 4, inst);
			if (sqlite3_step(upd) != SQLITE_DONE)
				return db_err(err, nc->db, "updating a notice");
			nc->stats->notices_updated++;
			return ES_OK;
		}
		if (rc != SQLITE_DONE)
			return db_err(err, nc->db, "reading notices");
	}
	if ((erc = new_notice_number(nc, tax_code, inst, nav, err)) != ES_OK ||
	    (erc = es_nav_to_iuv(nav, iuv, err)) != ES_OK)
		return erc;
	sqlite3_bind_text(ins, 1, nav, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, iuv, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 3, pos);
	sqlite3_bind_int(ins, 4, inst);
	sqlite3_bind_int64(ins, 5, amount);
	sqlite3_bind_text(ins, 6, due, -1, SQLITE_STATIC);
	rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	sqlite3_clear_bindings(ins);
	if (rc != SQLITE_DONE)
		return db_err(err, nc->db, "saving a notice");
	nc->stats->notices_new++;
	return ES_OK;
}

/* One installment of a position: the sum of its due lines and the first
 * of their due dates (what GROUP BY position, installment with SUM and
 * MIN gives). */
typedef struct inst_group {
	int inst;
	es_cents sum;
	char due[32];
} inst_group;

static es_rc
add_to_group(inst_group **v, size_t *n, size_t *cap, int inst, const char *due, es_cents amount, es_err *err)
{
	inst_group *g;
	size_t i;

	for (i = 0; i < *n; i++) {
		g = &(*v)[i];
		if (g->inst != inst)
			continue;
		g->sum += amount;
		if (strcmp(due, g->due) < 0)
			snprintf(g->due, sizeof g->due, "%s", due);
		return ES_OK;
	}
	if (!es_store_grow((void **)v, cap, *n, sizeof **v, 8))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	g = &(*v)[(*n)++];
	g->inst = inst;
	g->sum = amount;
	snprintf(g->due, sizeof g->due, "%s", due);
	return ES_OK;
}

/* The notices of one position: one per installment that owes something,
 * in installment order, then (single: its due date, else NULL) the whole
 * amount's. */
static es_rc
position_notices(const notice_ctx *nc, int64_t pos, const char *tax_code, inst_group *g, size_t n,
                 const char *single, es_err *err)
{
	es_cents total = 0;
	bool has0 = false;
	size_t i, j;
	es_rc rc;

	for (i = 1; i < n; i++) {          /* a handful: insertion sort */
		inst_group x = g[i];

		for (j = i; j > 0 && g[j - 1].inst > x.inst; j--)
			g[j] = g[j - 1];
		g[j] = x;
	}
	for (i = 0; i < n; i++) {
		if (g[i].inst == 0)
			has0 = true;
		total += g[i].sum;
		if (g[i].sum > 0 &&
		    (rc = upsert_notice(nc, pos, tax_code, g[i].inst, g[i].sum, g[i].due, nc->had_notices, err)) != ES_OK)
			return rc;
	}
	if (single != NULL && total > 0)
		return upsert_notice(nc, pos, tax_code, 0, total, single, nc->had_notices || has0, err);
	return ES_OK;
}

/* The text of sql's one value, copied into *out ("" for NULL). */
static es_rc
max_text(sqlite3 *db, const char *sql, char **out, es_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(db, sql, &st, err) != ES_OK)
		return ES_EDB;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? strdup(col_text(st, 0)) : NULL;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_err(err, db, "reading notices");
	return *out != NULL ? ES_OK : es_err_set(err, ES_ENOMEM, "out of memory");
}

/* Does sql (its parameters, if any: tax and year) give a row? */
static es_rc
any_row(es_dues_poster *p, const char *sql, bool *any, es_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(p->db, sql, &st, err) != ES_OK)
		return ES_EDB;
	if (sqlite3_bind_parameter_count(st) == 2) {
		sqlite3_bind_text(st, 1, p->tax, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, p->year);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(err, p->db, "reading notices");
	*any = rc == SQLITE_ROW;
	return ES_OK;
}

es_rc
es_dues_post_notices(es_dues_poster *p, es_date single_due, int segregation, es_dues_post_stats *stats,
                     es_err *err)
{
	sqlite3 *db = p->db;
	sqlite3_stmt *q = NULL, *find = NULL, *upd = NULL, *ins = NULL, *cancel = NULL, *used = NULL, *taken = NULL;
	notice_ctx nc;
	es_rc rc = ES_EDB;
	int sr;
	int64_t cur = -1;
	inst_group *groups = NULL;
	size_t ngroups = 0, groups_cap = 0;
	char single[ES_DATE_BUFSZ], cur_code[64] = "";

	memset(stats, 0, sizeof *stats);
	memset(&nc, 0, sizeof nc);
	if (segregation < 0 || segregation > 99)
		return es_err_set(err, ES_ECONFIG, "no segregation code: set [pagopa] segregation_code in the ente file");
	ISO(single, single_due);
	/* The due lines, position by position (the positions_act index gives
	 * them in position order: no sort), summed per installment in C. */
	if (prepare(db, "SELECT p.position_id, p.tax_code, d.installment, d.due_date, d.amount_due"
	                "  FROM positions p JOIN due_lines d ON d.position_id = p.position_id"
	                " WHERE p.tax = ?1 AND p.year = ?2 AND p.phase = 'S1' AND p.act_id IS NULL"
	                " ORDER BY p.position_id",
	            &q, err) != ES_OK ||
	    prepare(db, "SELECT notice_number, amount, status, due_date FROM notices"
	                " WHERE position_id = ?1 AND installment = ?2", &find, err) != ES_OK ||
	    prepare(db, "UPDATE notices SET amount = ?1, due_date = ?2, status = 'open'"
	                " WHERE position_id = ?3 AND installment = ?4", &upd, err) != ES_OK ||
	    prepare(db, "INSERT INTO notices (notice_number, iuv, position_id, installment, amount, due_date)"
	                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &ins, err) != ES_OK ||
	    prepare(db, "UPDATE notices SET status = 'cancelled' WHERE status = 'open' AND position_id IN"
	                " (SELECT position_id FROM positions WHERE tax = ?1 AND year = ?2 AND phase = 'S1'"
	                "  AND act_id IS NULL)"
	                " AND CASE WHEN installment = 0"
	                "  THEN ?3 = 0 OR (SELECT amount_due FROM positions p"
	                "                  WHERE p.position_id = notices.position_id) <= 0"
	                "  ELSE IFNULL((SELECT SUM(amount_due) FROM due_lines d WHERE d.position_id ="
	                "   notices.position_id AND d.installment = notices.installment), 0) <= 0 END",
	            &cancel, err) != ES_OK ||
	    prepare(db, "SELECT position_id FROM notices WHERE notice_number = ?1", &used, err) != ES_OK ||
	    prepare(db, "SELECT 1 FROM temp.dues_issued WHERE notice_number = ?1", &taken, err) != ES_OK)
		goto out;
	nc.db = db;
	nc.find = find;
	nc.upd = upd;
	nc.ins = ins;
	nc.issued = p->issued_get;
	nc.used = used;
	nc.taken = taken;
	nc.nav_seq = &p->nav_seq;
	if (max_text(db, "SELECT MAX(notice_number) FROM notices", &nc.max_nav, err) != ES_OK)
		goto out;
	nc.segregation = segregation;
	nc.stats = stats;
	if (any_row(p, "SELECT 1 FROM positions p JOIN notices n ON n.position_id = p.position_id"
	               " WHERE p.tax = ?1 AND p.year = ?2 AND p.phase = 'S1' AND p.act_id IS NULL LIMIT 1",
	            &nc.had_notices, err) != ES_OK ||
	    any_row(p, "SELECT 1 FROM temp.dues_issued LIMIT 1",
	            &nc.have_issued, err) != ES_OK)
		goto out;
	sqlite3_reset(p->issued_get);
	sqlite3_reset(p->seq_get);
	sr = sqlite3_step(p->seq_get);
	if (sr != SQLITE_ROW && sr != SQLITE_DONE) {
		db_err(err, db, "sequence");
		goto out;
	}
	/* no row yet: the first number is 1, as es_ledger_next_seq gives */
	p->nav_seq = p->nav_seq0 = sr == SQLITE_ROW ? sqlite3_column_int64(p->seq_get, 0) : 0;
	sqlite3_reset(p->seq_get);
	sqlite3_bind_text(q, 1, p->tax, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, p->year);
	for (;;) {
		int64_t pos;

		sr = sqlite3_step(q);
		if (sr != SQLITE_ROW && sr != SQLITE_DONE) {
			db_err(err, db, "reading due lines");
			goto out;
		}
		pos = sr == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -2;
		if (pos != cur && cur >= 0) {
			if ((rc = position_notices(&nc, cur, cur_code, groups, ngroups,
			                           single_due != ES_DATE_NONE ? single : NULL, err)) != ES_OK)
				goto out;
			rc = ES_EDB;
		}
		if (sr == SQLITE_DONE)
			break;
		if (pos != cur) {
			cur = pos;
			ngroups = 0;
			snprintf(cur_code, sizeof cur_code, "%s", col_text(q, 1));
			stats->positions++;
		}
		if (add_to_group(&groups, &ngroups, &groups_cap, sqlite3_column_int(q, 2), col_text(q, 3),
		                 sqlite3_column_int64(q, 4), err) != ES_OK) {
			rc = ES_ENOMEM;
			goto out;
		}
	}
	sqlite3_bind_text(cancel, 1, p->tax, -1, SQLITE_STATIC);
	sqlite3_bind_int(cancel, 2, p->year);
	sqlite3_bind_int(cancel, 3, single_due != ES_DATE_NONE);
	if (sqlite3_step(cancel) != SQLITE_DONE) {
		db_err(err, db, "cancelling notices");
		goto out;
	}
	stats->notices_cancelled = (uint64_t)sqlite3_changes(db);
	if (p->nav_seq != p->nav_seq0) {
		sqlite3_reset(p->seq_set);
		sqlite3_bind_int64(p->seq_set, 1, p->nav_seq);
		if (sqlite3_step(p->seq_set) != SQLITE_DONE) {
			db_err(err, db, "sequence");
			goto out;
		}
		sqlite3_reset(p->seq_set);
		p->nav_seq0 = p->nav_seq;
	}
	rc = ES_OK;
out:
	free(nc.max_nav);
	free(groups);
	sqlite3_finalize(q);
	sqlite3_finalize(find);
	sqlite3_finalize(upd);
	sqlite3_finalize(ins);
	sqlite3_finalize(cancel);
	sqlite3_finalize(used);
	sqlite3_finalize(taken);
	return rc;
}
