/* out.c: municipal parameters (rates, tariffs, ente.conf) and the
 * cadastral supply records (shared/domain/cadastre-imu-tari.md §1). */
#include "es_setup.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "types/money.h"
#include "synth/gen.h"
#include "synth/synth_private.h"

es_rc
es_synth_put(es_out *o, es_err *err, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf)
		return es_err_set(err, ES_EINTERNAL, "record longer than %zu bytes", sizeof buf);
	return es_out_write(o, buf, (size_t)n, err);
}

void
es_synth_fmt_comma(es_cents c, char *buf, size_t n)
{
	int64_t e = c / 100, r = c % 100;

	if (r == 0)
		snprintf(buf, n, "%lld", (long long)e);
	else if (r % 10 == 0)
		snprintf(buf, n, "%lld,%lld", (long long)e, (long long)(r / 10));
	else
		snprintf(buf, n, "%lld,%02lld", (long long)e, (long long)r);
}

void
es_synth_fmt_ddmmyyyy(es_date d, char *buf)
{
	int y, m, dd;

	if (d == ES_DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	es_date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, 9, "%02d%02d%04d", dd, m, y);
}

void
es_synth_fmt_iso(es_date d, char *buf)
{
	int y, m, dd;

	if (d == ES_DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	es_date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, dd);
}

void
es_synth_fmt_money(es_cents c, char *buf)
{
	es_money_format(c, ES_MONEY_PLAIN, buf);
}

/* The uses of compute-dues(1)'s RATES FILE, in the order of enum use. */
static const char *const use_name[NUSE] = {
	"main_home", "other_buildings", "group_d", "rural_instrumental", "land",
};

es_rc
es_synth_write_params(gen *g, es_err *err)
{
	char path[4200], buf[40], d1[16];
	es_out *o;
	es_rc rc = ES_OK;
	int y, u, k;

	/* rates.csv: the comune's IMU rates, one row per year and use, in the
	 * shape compute-dues --rates reads (compute-dues(1), RATES FILE):
	 * rate in percent, detraction on the main_home row only */
	snprintf(path, sizeof path, "%s/rates.csv", g->o->out_dir);
	if ((o = es_out_open(path, err)) == NULL)
		return err ? err->rc : ES_EIO;
	rc = es_synth_put(o, err, "year,use,rate,detraction,source\n");
	for (y = g->y0 - 1; rc == ES_OK && y <= g->y1; y++)
		for (u = 0; rc == ES_OK && u < NUSE; u++) {
			es_decimal_format(g->rate[y - g->y0 + 1][u], 2, buf);
			rc = es_synth_put(o, err, "%d,%s,%s,%s,delibera C.C. n. %d/%d (synthetic)\n", y,
			                  use_name[u], buf, u == USE_MAIN ? "200.00" : "", 10 + u, y - 1);
		}
	if (es_out_close(o, rc == ES_OK ? err : NULL) != ES_OK && rc == ES_OK)
		rc = err ? err->rc : ES_EIO;
	if (rc != ES_OK)
		return rc;

	/* tari-tariffs.csv: the comune's tariff resolution in the shape
	 * compute-dues --tax tari --rates reads (compute-dues(1), TARIFF FILE).
	 * The generator's tariffs are final amounts (domestic: euro/m2 and euro
	 * per household; non-domestic: euro/m2 for each part), i.e. Quf x Ka(n)
	 * and Quv x Kb(n) already multiplied: written as the quota with a
	 * coefficient of 1.  Then TEFA and the two installments, 50% each
	 * (the first rounded down to the cent, the second the rest). */
	snprintf(path, sizeof path, "%s/tari-tariffs.csv", g->o->out_dir);
	if ((o = es_out_open(path, err)) == NULL)
		return err ? err->rc : ES_EIO;
	rc = es_synth_put(o, err, "year,kind,members,category,quota_fixed,k_fixed,quota_variable,k_variable,"
	                          "rate,installment,due_date,share,source\n");
	for (y = g->y0; rc == ES_OK && y <= g->y1; y++) {
		char f[40], v[40], t[40];
		es_decimal_format(g->tefa_bp, 2, t);
		for (k = 0; rc == ES_OK && k < 6; k++) {
			es_decimal_format(g->dom_fixed[YI(g, y)][k], 4, f);
			es_money_format(g->dom_var[YI(g, y)][k], ES_MONEY_PLAIN, v);
			rc = es_synth_put(o, err, "%d,domestic,%d,,%s,1,%s,1,,,,,"
			                  "delibera C.C. n. 7/%d tariffe TARI (synthetic)\n", y, k + 1, f, v, y);
		}
		for (k = 0; rc == ES_OK && k < ND_CATS; k++) {
			es_decimal_format(g->nd_fixed[YI(g, y)][k], 4, f);
			es_decimal_format(g->nd_var[YI(g, y)][k], 4, v);
			rc = es_synth_put(o, err, "%d,non_domestic,,%d,%s,1,%s,1,,,,,"
			                  "delibera C.C. n. 7/%d tariffe TARI (synthetic)\n", y, k + 1, f, v, y);
		}
		if (rc == ES_OK)
			rc = es_synth_put(o, err, "%d,tefa,,,,,,,%s,,,,"
			                  "art. 19 D.Lgs. 504/1992 - delibera provinciale (synthetic)\n", y, t);
		for (k = 0; rc == ES_OK && k < 2; k++) {
			es_synth_fmt_iso(g->tari_due[YI(g, y)][k], d1);
			rc = es_synth_put(o, err, "%d,installment,,,,,,,,%d,%s,50,"
			                  "regolamento TARI art. 20 (synthetic)\n", y, k + 1, d1);
		}
	}
	if (es_out_close(o, rc == ES_OK ? err : NULL) != ES_OK && rc == ES_OK)
		rc = err ? err->rc : ES_EIO;
	if (rc != ES_OK)
		return rc;

	/* ente.conf: the key file of lib/ente.h, every group and key */
	snprintf(path, sizeof path, "%s/ente.conf", g->o->out_dir);
	if ((o = es_out_open(path, err)) == NULL)
		return err ? err->rc : ES_EIO;
	{
		char mn[ES_MONEY_BUFSZ];
		unsigned long long acct = 10000000ULL + (g->o->seed % 89999999ULL);
		char iban[28];
		es_synth_iban("05428", "11101", 100000 + g->o->seed % 899999, iban);
		es_money_format(g->min_amount, ES_MONEY_PLAIN, mn);
		rc = es_synth_put(o, err,
		    "# esattore ente configuration (esattore-ente(5)), written by esattore-synth.\n"
		    "# A synthetic municipality: names, accounts and codes are invented.\n"
		    "[ente]\n"
		    "name=%s\n"
		    "tax_code=%s\n"
		    "belfiore=%s\n"
		    "province=XX\n"
		    "address=Piazza del Municipio 1, 00000 %s (XX)\n"
		    "pec=protocollo@pec.comune.esempio.invalid\n"
		    "website=https://www.comune.esempio.invalid\n"
		    "\n[pagopa]\n"
		    "aux_digit=3\n"
		    "segregation_code=%02d\n"
		    "cbill=A%04llu\n"
		    "iban=%s\n"
		    "postal_account=%012llu\n"
		    "postal_holder=%s - SERVIZIO TRIBUTI\n"
		    "postal_auth=AUT/%s/%d/001\n"
		    "\n[rules]\n"
		    "interest_spread=0\n"
		    "mora_spread=1\n"
		    "min_amount=%s\n"
		    "day_count=actual\n"
		    "covid_shift=true\n"
		    "\n[contract]\n"
		    "aggio_s1=2.50\n"
		    "aggio_s2=9.00\n"
		    "aggio_s3=12.00\n"
		    "vat=22\n",
		    g->ente_name, g->ente_cf, g->belf, g->ente_name + 10, g->segregation,
		    (unsigned long long)(g->o->seed % 10000), iban,
		    acct, g->ente_name, g->belf, g->y0, mn);
	}
	if (es_out_close(o, rc == ES_OK ? err : NULL) != ES_OK && rc == ES_OK)
		rc = err ? err->rc : ES_EIO;
	return rc;
}

/* ---- cadastre ---- */

/* Write n fields joined by '|', an optional trailing '|', and CRLF. */
static es_rc
put_fields(es_out *o, const char *const *f, int n, bool trailing, es_err *err)
{
	char line[2048];
	size_t len = 0;
	int i;

	for (i = 0; i < n; i++) {
		size_t k = strlen(f[i]);
		if (len + k + 4 >= sizeof line)
			return es_err_set(err, ES_EINTERNAL, "cadastre record too long");
		memcpy(line + len, f[i], k);
		len += k;
		if (i < n - 1 || trailing)
			line[len++] = '|';
	}
	line[len++] = '\r';
	line[len++] = '\n';
	return es_out_write(o, line, len, err);
}

#define NUM(buf, fmt, ...) (snprintf(buf, sizeof buf, fmt, __VA_ARGS__), buf)

static es_rc
write_fab(gen *g, const unit *u, es_err *err)
{
	char id[24], prog[8], cons[24], sup[12], rend[24], df[12], dr[12], cf[12], cr[12];
	char nn[16], an[16], nnc[16], anc[16], mut[16], fog[16], num[16], sub[16], top[16], civ[16], cod[16], piano[16];
	es_rc rc = ES_OK;
	int k, y, m, d;

	NUM(id, "%llu", (unsigned long long)u->id);
	for (k = 0; k < u->nsit && rc == ES_OK; k++) {
		const sit *s = &u->s[k];
		bool closed = s->to != ES_DATE_NONE;
		const char *f[46];

		NUM(prog, "%d", k + 1);
		cons[0] = sup[0] = '\0';
		if (s->cat[0] == 'A' || s->cat[0] == 'B' || s->cat[0] == 'C')
			es_synth_fmt_comma(s->cons10 * 10, cons, sizeof cons);
		if (s->surface > 0)
			NUM(sup, "%d", s->surface);
		es_synth_fmt_comma(s->rendita, rend, sizeof rend);
		es_synth_fmt_ddmmyyyy(s->from, df);
		es_synth_fmt_ddmmyyyy(s->from + 3, dr);
		es_synth_fmt_ddmmyyyy(s->to, cf);
		es_synth_fmt_ddmmyyyy(closed ? s->to + 3 : ES_DATE_NONE, cr);
		es_date_to_ymd(s->from, &y, &m, &d);
		NUM(nn, "%06d", s->nota_num);
		NUM(an, "%d", y);
		nnc[0] = anc[0] = '\0';
		if (closed) {
			es_date_to_ymd(s->to, &y, &m, &d);
			NUM(nnc, "%06d", u->s[k + 1].nota_num);
			NUM(anc, "%d", y);
		}
		NUM(mut, "4%08d", (int)(u->id % 100000000));
		NUM(piano, "%d", (int)(u->sub % 4));
		f[0] = g->belf; f[1] = " "; f[2] = id; f[3] = "F"; f[4] = prog; f[5] = "1";
		f[6] = ""; f[7] = s->cat; f[8] = s->cls; f[9] = cons; f[10] = sup; f[11] = "";
		f[12] = rend; f[13] = ""; f[14] = ""; f[15] = ""; f[16] = ""; f[17] = "";
		f[18] = piano; f[19] = ""; f[20] = ""; f[21] = "";
		f[22] = df; f[23] = dr; f[24] = k == 0 ? "I" : "V"; f[25] = nn; f[26] = "001"; f[27] = an;
		f[28] = cf; f[29] = cr; f[30] = closed ? "V" : ""; f[31] = nnc; f[32] = closed ? "001" : "";
		f[33] = anc;
		f[34] = ""; f[35] = ""; f[36] = mut; f[37] = closed ? mut : ""; f[38] = ""; f[39] = "";
		f[40] = s->caus; f[41] = s->caus_desc; f[42] = closed ? "VAR" : "";
		f[43] = closed ? "VARIAZIONE" : ""; f[44] = k == 0 ? "3" : "1";
		/* record 1: 45 fields and a trailing pipe (§1.4) */
		if ((rc = put_fields(g->fab, f, 45, true, err)) != ES_OK)
			break;
		/* record 2: 6 header fields + one identificativo group of 6 (§1.5) */
		NUM(fog, "%04d", u->foglio);
		NUM(num, "%05d", u->numero);
		NUM(sub, "%04d", u->sub);
		f[5] = "2"; f[6] = ""; f[7] = fog; f[8] = num; f[9] = ""; f[10] = sub; f[11] = "";
		if ((rc = put_fields(g->fab, f, 12, true, err)) != ES_OK)
			break;
		/* record 3: one address group of 6 */
		NUM(top, "%d", es_synth_streets[u->street].toponym);
		NUM(civ, "%d", u->civico);
		NUM(cod, "%05d", 100 + u->street);
		f[5] = "3"; f[6] = top; f[7] = es_synth_streets[u->street].name; f[8] = civ; f[9] = "";
		f[10] = ""; f[11] = cod;
		rc = put_fields(g->fab, f, 12, true, err);
	}
	return rc;
}

static es_rc
write_ter(gen *g, const unit *u, es_err *err)
{
	const sit *s = &u->s[0];
	char id[24], fog[8], num[8], qual[8], cls[8], ha[8], are[8], ca[8], rd[24], ra[24], df[12], dr[12];
	char nn[12], an[8], mut[16];
	const char *f[43];
	int y, m, d;

	NUM(id, "%llu", (unsigned long long)u->id);
	NUM(fog, "%d", u->foglio);
	NUM(num, "%05d", u->numero);
	NUM(qual, "%d", u->qualita);
	NUM(cls, "%d", u->ter_cls);
	NUM(ha, "%d", u->ha);
	NUM(are, "%d", u->are);
	NUM(ca, "%d", u->ca);
	es_synth_fmt_comma(u->rd, rd, sizeof rd);
	es_synth_fmt_comma(u->ra, ra, sizeof ra);
	es_synth_fmt_ddmmyyyy(s->from, df);
	es_synth_fmt_ddmmyyyy(s->from + 5, dr);
	es_date_to_ymd(s->from, &y, &m, &d);
	NUM(nn, "%06d", s->nota_num);
	NUM(an, "%d", y);
	NUM(mut, "3%08d", (int)(u->id % 100000000));
	f[0] = g->belf; f[1] = " "; f[2] = id; f[3] = "T"; f[4] = "1"; f[5] = "1";
	f[6] = fog; f[7] = num; f[8] = ""; f[9] = ""; f[10] = ""; f[11] = qual; f[12] = cls;
	f[13] = ha; f[14] = are; f[15] = ca; f[16] = "1"; f[17] = "0"; f[18] = "0";
	f[19] = ""; f[20] = ""; f[21] = rd; f[22] = ra;
	f[23] = df; f[24] = dr; f[25] = "I"; f[26] = nn; f[27] = "001"; f[28] = an;
	f[29] = ""; f[30] = ""; f[31] = ""; f[32] = ""; f[33] = ""; f[34] = "";
	f[35] = ""; f[36] = ""; f[37] = mut; f[38] = "";
	f[39] = s->caus; f[40] = s->caus_desc; f[41] = ""; f[42] = "";
	/* record 1: 43 fields, no trailing pipe (§1.6) */
	return put_fields(g->ter, f, 43, false, err);
}

static es_rc
write_sog(gen *g, const subj *s, es_err *err)
{
	char id[24], bd[12];
	const char *f[11];

	NUM(id, "%llu", (unsigned long long)s->id);
	f[0] = g->belf; f[1] = " "; f[2] = id;
	if (s->kind == 'G') {
		/* 7 fields and a trailing pipe (§1.7) */
		f[3] = "G"; f[4] = s->denom; f[5] = g->belf; f[6] = s->cf_cad;
		return put_fields(g->sog, f, 7, true, err);
	}
	NUM(bd, "%02d%02d%04d", s->bd, s->bm, s->by);
	f[3] = "P"; f[4] = s->surname; f[5] = s->name; f[6] = s->sex == 'M' ? "1" : "2"; f[7] = bd;
	f[8] = s->place == 0 ? g->belf : es_synth_places[s->place].belfiore; f[9] = s->cf_cad; f[10] = "";
	/* 11 fields and a trailing pipe */
	return put_fields(g->sog, f, 11, true, err);
}

static es_rc
write_tit(gen *g, const block *b, const title *t, es_err *err)
{
	const subj *s = &b->S[t->s];
	const unit *u = &b->U[t->u];
	char sid[24], uid[24], num[12], den[12], reg[2], ref[24], df[12], dr[12], cf[12], cr[12];
	char nn[12], an[8], anc[8], tid[24], mut[16];
	bool closed = t->to != ES_DATE_NONE;
	bool impianto = t->from < es_date_from_ymd(1985, 1, 1);
	const char *f[32];
	int y, m, d;

	NUM(sid, "%llu", (unsigned long long)s->id);
	NUM(uid, "%llu", (unsigned long long)u->id);
	NUM(num, "%d", t->num);
	NUM(den, "%d", t->den);
	reg[0] = t->regime;
	reg[1] = '\0';
	if (t->ref >= 0)
		NUM(ref, "%llu", (unsigned long long)b->S[t->ref].id);
	else
		NUM(ref, "%d", 0);
	es_synth_fmt_ddmmyyyy(t->from, df);
	es_synth_fmt_ddmmyyyy(t->from + 4, dr);
	es_synth_fmt_ddmmyyyy(t->to, cf);
	es_synth_fmt_ddmmyyyy(closed ? t->to + 4 : ES_DATE_NONE, cr);
	es_date_to_ymd(t->from, &y, &m, &d);
	NUM(nn, "%06d", (int)(t->tid % 1000000));
	NUM(an, "%d", y);
	anc[0] = '\0';
	if (closed) {
		es_date_to_ymd(t->to, &y, &m, &d);
		NUM(anc, "%d", y);
	}
	NUM(tid, "%llu", (unsigned long long)t->tid);
	NUM(mut, "7%08d", (int)(t->tid % 100000000));
	f[0] = g->belf; f[1] = " "; f[2] = sid; f[3] = s->kind == 'G' ? "G" : "P"; f[4] = uid;
	f[5] = u->kind == 'T' ? "T" : "F"; f[6] = t->right; f[7] = ""; f[8] = num; f[9] = den;
	f[10] = reg; f[11] = ref; f[12] = df; f[13] = impianto ? "I" : "V"; f[14] = nn; f[15] = "001";
	f[16] = an; f[17] = dr; f[18] = ""; f[19] = cf; f[20] = closed ? "V" : "";
	f[21] = closed ? nn : ""; f[22] = closed ? "002" : ""; f[23] = anc; f[24] = cr;
	f[25] = mut; f[26] = "";
	if (t->old_record)
		/* a record from before 2001: 27 fields, no identificativo titolarità (§1.11) */
		return put_fields(g->tit, f, 27, false, err);
	f[27] = tid; f[28] = impianto ? "" : t->succession ? "SUC" : "VOL";
	f[29] = impianto ? "" : t->succession ? "DENUNZIA DI SUCCESSIONE" : "COMPRAVENDITA";
	f[30] = closed ? "VOL" : ""; f[31] = closed ? "VOLTURA" : "";
	/* 32 fields and a trailing pipe (§1.8) */
	return put_fields(g->tit, f, 32, true, err);
}

es_rc
es_synth_write_block_cadastre(gen *g, const block *b, es_err *err)
{
	es_rc rc = ES_OK;
	int i;

	for (i = 0; i < b->ns && rc == ES_OK; i++)
		rc = write_sog(g, &b->S[i], err);
	for (i = 0; i < b->nu && rc == ES_OK; i++)
		rc = b->U[i].kind == 'F' ? write_fab(g, &b->U[i], err) : write_ter(g, &b->U[i], err);
	for (i = 0; i < b->nt && rc == ES_OK; i++)
		rc = write_tit(g, b, &b->T[i], err);
	return rc;
}
