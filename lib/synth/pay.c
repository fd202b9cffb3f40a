/* pay.c: the files that carry payments: the F24 supply (f24-supply.md §3),
 * the pagoPA reporting flows (FlussoRiversamento 1.0.5) and the treasury's
 * giornale di cassa (OPI 1.6.1).
 *
 * Payments arrive in subject order, not in date order, so each weekly F24
 * supply and each monthly flow has a spool file under DIR/.spool-*; the
 * final files (whose headers carry totals) are assembled at the end.  Memory
 * holds only the per-file counters. */
#include "es_setup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "types/nav.h"
#include "synth/gen.h"
#include "synth/synth_private.h"

#define REC 300
#define P_REISSUE 300            /* of pagoPA flows with >= 2 items, per 10000 */
#define P_TRUNCATED 200          /* of pagoPA treasury credits */

static const struct { const char *abi, *cab; char tipo; } banks[] = {
	{ "03069", "01600", 'B' }, { "02008", "01234", 'B' }, { "07601", "03200", 'P' },
	{ "99999", "00000", 'I' }, { "05034", "11700", 'B' }, { "03111", "22400", 'B' },
};
static const struct { const char *id, *name; } psps[NPSP] = {
	{ "SYNAITM1XXX", "BANCA SINTETICA ALFA S.P.A." },
	{ "SYNBITR2XXX", "ISTITUTO DI PAGAMENTO BETA S.P.A." },
};

typedef struct credit {
	es_date date;
	es_cents amount;
	int kind;                 /* 0 F24 IMU, 1 F24 TARI, 2 pagoPA */
	char ref[48];             /* CRO or flow id */
	char e2e[36];
	char causale[128];
	const char *cliente;
} credit;

static es_date
slot_monday(const gen *g, size_t w)
{
	return g->base_monday + (es_date)(7 * w);
}

es_date
es_synth_f24_file_date(const gen *g, es_date paid)
{
	size_t w = (size_t)((paid - g->base_monday) / 7);

	return slot_monday(g, w) + 10;
}

static void
f24_file_name(const gen *g, size_t w, char *buf, size_t n)
{
	int y, m, d;

	es_date_to_ymd(slot_monday(g, w) + 10, &y, &m, &d);
	snprintf(buf, n, "F24_%s_%04d%02d%02d_01.txt", g->belf, y, m, d);
}

es_rc
es_synth_pay_init(gen *g, es_err *err)
{
	es_date jan1 = es_date_from_ymd(g->y0, 1, 1);
	char tmpl[4096];

	g->base_monday = jan1 - (es_date_weekday(jan1) - 1);
	g->nf24 = (size_t)((g->cutoff - g->base_monday) / 7) + 3;
	g->f24 = calloc(g->nf24, sizeof *g->f24);
	if (g->f24 == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	snprintf(tmpl, sizeof tmpl, "%s/.spool-XXXXXX", g->o->out_dir);
	if (mkdtemp(tmpl) == NULL)
		return es_err_errno(err, ES_EIO, "cannot create a spool directory in %s", g->o->out_dir);
	snprintf(g->spooldir, sizeof g->spooldir, "%s", tmpl);
	return ES_OK;
}

static FILE *
spool_open(gen *g, const char *kind, size_t i, int j, es_err *err)
{
	char path[4300];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s-%05zu-%d", g->spooldir, kind, i, j);
	if ((f = fopen(path, "w+b")) == NULL) {
		es_err_errno(err, ES_EIO, "cannot create spool file %s", path);
		return NULL;
	}
	/* the name is not needed any more: the file lives while it is open */
	unlink(path);
	return f;
}

static es_rc
spool_write(FILE *f, const void *buf, size_t n, es_err *err)
{
	if (fwrite(buf, 1, n, f) != n)
		return es_err_errno(err, ES_EIO, "write error on a spool file");
	return ES_OK;
}

static void
blank(char *rec)
{
	memset(rec, ' ', REC);
	rec[REC] = '\r';
	rec[REC + 1] = '\n';
}

es_rc
es_synth_f24_delega(gen *g, const subj *s, es_date paid, const f24line *lines, int n, bool cancelled,
                    char *ref, size_t refsz, es_err *err)
{
	size_t w;
	f24slot *sl;
	es_date mon;
	char rec[REC + 2], fname[64];
	int i, bank;
	es_rc rc;

	if (paid < g->base_monday)
		paid = g->base_monday;
	w = (size_t)((paid - g->base_monday) / 7);
	if (w + 1 >= g->nf24)
		return es_err_set(err, ES_EINTERNAL, "payment date outside the supply range");
	sl = &g->f24[w];
	if (sl->spool == NULL && (sl->spool = spool_open(g, "g1", w, 0, err)) == NULL)
		return err ? err->rc : ES_EIO;
	mon = slot_monday(g, w);
	sl->ndelega++;
	bank = (int)((s->id * 7 + sl->ndelega) % ES_ARRAY_LEN(banks));
	f24_file_name(g, w, fname, sizeof fname);
	snprintf(ref, refsz, "%s/%06u", fname, sl->ndelega);
	for (i = 0; i < n; i++) {
		const f24line *l = &lines[i];
		char nm[64];
		blank(rec);
		es_synth_fw_str(rec, 1, 2, "G1");
		es_synth_fw_date(rec, 3, mon + 10);
		es_synth_fw_str(rec, 11, 2, "01");
		es_synth_fw_date(rec, 13, mon + 8);
		es_synth_fw_str(rec, 21, 2, "01");
		es_synth_fw_date(rec, 23, mon + 7);
		es_synth_fw_num(rec, 31, 6, sl->ndelega);
		es_synth_fw_num(rec, 37, 2, (uint64_t)i + 1);
		es_synth_fw_str(rec, 39, 5, banks[bank].abi);
		rec[43] = banks[bank].tipo;
		es_synth_fw_str(rec, 45, 5, banks[bank].cab);
		es_synth_fw_str(rec, 50, 16, s->cf);
		es_synth_fw_str(rec, 66, 1, "0");
		es_synth_fw_date(rec, 67, paid);
		es_synth_fw_str(rec, 75, 4, g->belf);
		es_synth_fw_str(rec, 79, 4, l->tributo);
		es_synth_fw_str(rec, 83, 1, "0");
		es_synth_fw_str(rec, 84, 4, l->rateazione);
		es_synth_fw_num(rec, 88, 4, (uint64_t)l->year);
		es_synth_fw_str(rec, 92, 1, "0");
		es_synth_fw_str(rec, 93, 3, "EUR");
		es_synth_fw_num(rec, 96, 15, (uint64_t)l->amount);
		es_synth_fw_num(rec, 111, 15, 0);
		es_synth_fw_str(rec, 126, 1, "0");
		es_synth_fw_str(rec, 127, 1, "0");
		es_synth_fw_str(rec, 128, 2, l->acc_saldo);
		es_synth_fw_num(rec, 130, 3, (uint64_t)l->nimm);
		es_synth_fw_str(rec, 133, 1, "0");
		es_synth_fw_num(rec, 134, 15, (uint64_t)l->deduction);
		if (s->kind == 'G') {
			es_synth_fw_str(rec, 149, 55, s->denom);
		} else {
			/* the name in 149-187 and blanks in 188-203: readable both as
			 * a 55-character name and as name(39) + cod_fiscale_orig(16) */
			snprintf(nm, sizeof nm, "%.39s", s->surname);
			es_synth_fw_str(rec, 149, 55, nm);
			es_synth_fw_str(rec, 204, 20, s->name);
			rec[223] = s->sex;
			es_synth_fw_date(rec, 225, es_date_from_ymd(s->by, s->bm, s->bd));
			es_synth_fw_str(rec, 233, 25, s->place == 0 ? "ESEMPIO" : es_synth_places[s->place].town);
			es_synth_fw_str(rec, 258, 2, s->place == 0 ? "XX" : es_synth_places[s->place].province);
		}
		rec[259] = l->tipo_imposta;
		if ((rc = spool_write(sl->spool, rec, sizeof rec, err)) != ES_OK)
			return rc;
		sl->ng1++;
		if (es_synth_tributo_comune(g->law, l->tributo)) {
			int y, m, d;
			if (l->tipo_imposta == 'I')
				sl->imu_comune += l->amount;
			else
				sl->tari_comune += l->amount;
			if (es_synth_tributo_ifel(g->law, l->tributo))
				sl->imu_ifel_base += l->amount;
			es_date_to_ymd(mon + 8, &y, &m, &d);
			sl->ifel_year = y;
		}
		if (cancelled) {
			f24slot *nx = &g->f24[w + 1];
			es_date nmon = slot_monday(g, w + 1);
			if (nx->g9 == NULL && (nx->g9 = spool_open(g, "g9", w + 1, 0, err)) == NULL)
				return err ? err->rc : ES_EIO;
			blank(rec);
			es_synth_fw_str(rec, 1, 2, "G9");
			es_synth_fw_date(rec, 3, nmon + 10);
			es_synth_fw_str(rec, 11, 2, "01");
			es_synth_fw_date(rec, 39, mon + 8);
			es_synth_fw_str(rec, 47, 2, "01");
			es_synth_fw_date(rec, 49, mon + 7);
			es_synth_fw_str(rec, 57, 5, banks[bank].abi);
			es_synth_fw_str(rec, 67, 16, s->cf);
			es_synth_fw_date(rec, 83, paid);
			es_synth_fw_str(rec, 91, 4, g->belf);
			es_synth_fw_str(rec, 95, 4, l->tributo);
			es_synth_fw_num(rec, 99, 4, (uint64_t)l->year);
			es_synth_fw_str(rec, 103, 3, "EUR");
			es_synth_fw_num(rec, 106, 15, (uint64_t)l->amount);
			es_synth_fw_num(rec, 121, 15, 0);
			rec[135] = 'A';
			es_synth_fw_date(rec, 137, nmon + 3);
			rec[144] = l->tipo_imposta;
			if ((rc = spool_write(nx->g9, rec, sizeof rec, err)) != ES_OK)
				return rc;
			nx->ng9++;
		}
	}
	return ES_OK;
}

/* ---- pagoPA ---- */

static size_t
fdr_month(const gen *g, es_date paid)
{
	int y, m, d;

	es_date_to_ymd(paid, &y, &m, &d);
	return (size_t)((y - g->y0) * 12 + (m - 1));
}

static es_date
fdr_regulation_date(const gen *g, size_t mi)
{
	int y = g->y0 + (int)(mi / 12), m = (int)(mi % 12) + 1;
	es_date d = es_date_add_months(es_date_from_ymd(y, m, 1), 1);

	return g->cal ? es_calendar_next_working_day(g->cal, d) : d;
}

static void
fdr_id(const gen *g, size_t mi, int psp, char *buf, size_t n)
{
	char iso[16];

	es_synth_fmt_iso(fdr_regulation_date(g, mi), iso);
	snprintf(buf, n, "%s%s-%010llu", iso, psps[psp].id,
	         (unsigned long long)(g->o->seed % 1000) * 10000000ULL + mi * NPSP + (size_t)psp + 1);
}

es_rc
es_synth_fdr_item(gen *g, const char *iuv, es_date paid, es_cents amount, uint64_t pay_id, char *ref,
                  size_t refsz, es_err *err)
{
	size_t mi = fdr_month(g, paid);
	int psp = (int)(pay_id % NPSP);
	fdrslot *sl;
	char buf[1024], iso[16], amt[ES_MONEY_BUFSZ], id[48], iur[40];
	int n;

	if (mi >= ES_ARRAY_LEN(g->fdr))
		return es_err_set(err, ES_EINTERNAL, "payment date outside the flow range");
	sl = &g->fdr[mi][psp];
	if (sl->spool == NULL && (sl->spool = spool_open(g, "fdr", mi, psp, err)) == NULL)
		return err ? err->rc : ES_EIO;
	es_synth_fmt_iso(paid, iso);
	es_synth_fmt_money(amount, amt);
	snprintf(iur, sizeof iur, "IUR%012llu", (unsigned long long)pay_id);
	sl->last_offset = ftell(sl->spool);
	n = snprintf(buf, sizeof buf,
	    "  <pay_i:datiSingoliPagamenti>\n"
	    "    <pay_i:identificativoUnivocoVersamento>%s</pay_i:identificativoUnivocoVersamento>\n"
	    "    <pay_i:identificativoUnivocoRiscossione>%s</pay_i:identificativoUnivocoRiscossione>\n"
	    "    <pay_i:indiceDatiSingoloPagamento>1</pay_i:indiceDatiSingoloPagamento>\n"
	    "    <pay_i:singoloImportoPagato>%s</pay_i:singoloImportoPagato>\n"
	    "    <pay_i:codiceEsitoSingoloPagamento>%s</pay_i:codiceEsitoSingoloPagamento>\n"
	    "    <pay_i:dataEsitoSingoloPagamento>%s</pay_i:dataEsitoSingoloPagamento>\n"
	    "  </pay_i:datiSingoliPagamenti>\n",
	    iuv, iur, amt, pay_id % 97 == 0 ? "9" : "0", iso);
	sl->n++;
	sl->total += amount;
	sl->last_amount = amount;
	fdr_id(g, mi, psp, id, sizeof id);
	snprintf(ref, refsz, "%s/%s/%s", id, iuv, iur);
	return spool_write(sl->spool, buf, (size_t)n, err);
}

/* ---- assembly ---- */

static es_rc
copy_spool(FILE *f, es_out *o, long limit, es_err *err)
{
	char buf[65536];
	long left = limit;
	size_t n;
	es_rc rc;

	if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0)
		return es_err_errno(err, ES_EIO, "spool file");
	for (;;) {
		size_t want = sizeof buf;
		if (limit >= 0) {
			if (left <= 0)
				break;
			if ((long)want > left)
				want = (size_t)left;
		}
		n = fread(buf, 1, want, f);
		if (n == 0)
			break;
		if ((rc = es_out_write(o, buf, n, err)) != ES_OK)
			return rc;
		left -= (long)n;
	}
	if (ferror(f))
		return es_err_errno(err, ES_EIO, "read error on a spool file");
	return ES_OK;
}

static es_rc
put_rec(es_out *o, char *rec, es_err *err)
{
	return es_out_write(o, rec, REC + 2, err);
}

static void
az_record(const gen *g, char *rec, const char *type, es_date forn, const char *fileid)
{
	blank(rec);
	es_synth_fw_str(rec, 1, 2, type);
	es_synth_fw_date(rec, 3, forn);
	es_synth_fw_str(rec, 11, 2, "01");
	es_synth_fw_str(rec, 39, 2, "01");
	es_synth_fw_str(rec, 41, 3, "EUR");
	es_synth_fw_str(rec, 44, 4, g->belf);
	es_synth_fw_str(rec, 48, 3, "001");
	es_synth_fw_str(rec, 56, 24, fileid);
}

static es_rc
add_credit(credit **cr, size_t *n, size_t *cap, const credit *c, es_err *err)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		credit *p = realloc(*cr, nc * sizeof *p);
		if (p == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		*cr = p;
		*cap = nc;
	}
	(*cr)[(*n)++] = *c;
	return ES_OK;
}

static es_rc
finish_f24(gen *g, credit **cr, size_t *ncr, size_t *cap, es_err *err)
{
	char rec[REC + 2], path[4200], fname[64], fileid[32];
	size_t w;
	es_rc rc = ES_OK;

	for (w = 0; w < g->nf24 && rc == ES_OK; w++) {
		f24slot *sl = &g->f24[w];
		es_date mon = slot_monday(g, w), forn = mon + 10;
		uint32_t ng2 = 0, ng5 = 0;
		es_cents ifel = 0;
		es_out *o;
		int y, m, d;

		if (sl->ng1 == 0 && sl->ng9 == 0)
			continue;
		f24_file_name(g, w, fname, sizeof fname);
		es_date_to_ymd(forn, &y, &m, &d);
		snprintf(fileid, sizeof fileid, "F24%s%04d%02d%02d01", g->belf, y, m, d);
		snprintf(path, sizeof path, "%s/f24/%s", g->o->out_dir, fname);
		if ((o = es_out_open(path, err)) == NULL)
			return err ? err->rc : ES_EIO;
		g->st->f24_files++;
		az_record(g, rec, "A1", forn, fileid);
		rc = put_rec(o, rec, err);
		if (rc == ES_OK && sl->spool)
			rc = copy_spool(sl->spool, o, -1, err);
		if (sl->imu_ifel_base > 0)
			ifel = (sl->imu_ifel_base * es_synth_ifel_rate(g->law, sl->ifel_year) + 50000) / 100000;
		/* G2: the credits ordered to the comune (IMU net of IFEL, TARI) and to IFEL */
		{
			struct { const char *benef; char tipo; es_cents amt; } g2[3] = {
				{ g->belf, 'I', sl->imu_comune - ifel }, { "IFEL", 'I', ifel }, { g->belf, 'A', sl->tari_comune },
			};
			int k;
			for (k = 0; k < 3 && rc == ES_OK; k++) {
				if (g2[k].amt <= 0)
					continue;
				blank(rec);
				es_synth_fw_str(rec, 1, 2, "G2");
				es_synth_fw_date(rec, 3, forn);
				es_synth_fw_str(rec, 11, 2, "01");
				es_synth_fw_date(rec, 13, mon + 8);
				es_synth_fw_str(rec, 21, 2, "01");
				es_synth_fw_date(rec, 23, mon + 7);
				rec[37] = 'A';
				es_synth_fw_str(rec, 39, 4, g2[k].benef);
				es_synth_fw_str(rec, 43, 3, "EUR");
				es_synth_fw_num(rec, 46, 15, (uint64_t)g2[k].amt);
				rec[60] = g2[k].tipo;
				es_synth_fw_date(rec, 62, mon + 9);
				es_synth_fw_str(rec, 70, 2, "01");
				rc = put_rec(o, rec, err);
				ng2++;
			}
			/* G5: the outcome of the comune's credits */
			for (k = 0; k < 3 && rc == ES_OK; k++) {
				credit c;
				char cro[16], mov[20];
				if (g2[k].amt <= 0 || k == 1)
					continue;
				snprintf(cro, sizeof cro, "%011llu", (unsigned long long)(w * 10 + (size_t)k + 1 +
				                                                       (g->o->seed % 1000) * 100000ULL));
				snprintf(mov, sizeof mov, "%014llu", (unsigned long long)(w * 10 + (size_t)k + 1));
				blank(rec);
				es_synth_fw_str(rec, 1, 2, "G5");
				es_synth_fw_date(rec, 3, forn);
				es_synth_fw_str(rec, 11, 2, "01");
				rec[37] = 'A';
				es_synth_fw_str(rec, 39, 4, g->belf);
				es_synth_fw_str(rec, 43, 3, "EUR");
				es_synth_fw_num(rec, 46, 15, (uint64_t)g2[k].amt);
				es_synth_fw_str(rec, 61, 11, cro);
				es_synth_fw_date(rec, 72, mon + 9);
				es_synth_fw_date(rec, 80, mon + 8);
				es_synth_fw_str(rec, 88, 2, "01");
				es_synth_fw_date(rec, 90, mon + 7);
				rec[97] = g2[k].tipo;
				{
					char iban[28];
					es_synth_iban("01000", "03245", 300123456, iban);
					es_synth_fw_str(rec, 99, 34, iban);
				}
				es_synth_fw_str(rec, 133, 3, "300");
				es_synth_fw_str(rec, 136, 6, "123456");
				es_synth_fw_str(rec, 142, 14, mov);
				es_synth_fw_str(rec, 156, 45, g2[k].tipo == 'I' ? "RIPARTIZIONE F24 IMU" : "RIPARTIZIONE F24 TARI");
				rc = put_rec(o, rec, err);
				ng5++;
				memset(&c, 0, sizeof c);
				c.date = mon + 9;
				c.amount = g2[k].amt;
				c.kind = g2[k].tipo == 'I' ? 0 : 1;
				snprintf(c.ref, sizeof c.ref, "%s", cro);
				{
					char iso[16];
					es_synth_fmt_iso(mon + 8, iso);
					snprintf(c.causale, sizeof c.causale, "F24 %s RIPARTIZIONE %s CRO %s FILE %s",
					         g2[k].tipo == 'I' ? "IMU" : "TARI", iso, cro, fileid);
				}
				c.cliente = "AGENZIA DELLE ENTRATE STRUTTURA DI GESTIONE";
				if (rc == ES_OK)
					rc = add_credit(cr, ncr, cap, &c, err);
			}
		}
		if (rc == ES_OK && sl->g9)
			rc = copy_spool(sl->g9, o, -1, err);
		if (rc == ES_OK) {
			az_record(g, rec, "Z1", forn, fileid);
			es_synth_fw_num(rec, 80, 7, sl->ng1);
			es_synth_fw_num(rec, 87, 7, ng2);
			es_synth_fw_num(rec, 94, 7, 0);
			es_synth_fw_num(rec, 101, 7, 0);
			es_synth_fw_num(rec, 108, 7, ng5);
			es_synth_fw_num(rec, 115, 7, sl->ng9);
			/* the total counts every record, A1 and Z1 included */
			es_synth_fw_num(rec, 122, 7, (uint64_t)sl->ng1 + ng2 + ng5 + sl->ng9 + 2);
			rc = put_rec(o, rec, err);
		}
		if (es_out_close(o, rc == ES_OK ? err : NULL) != ES_OK && rc == ES_OK)
			rc = err ? err->rc : ES_EIO;
	}
	return rc;
}

static void
xml_escape(const char *s, char *out, size_t n)
{
	size_t k = 0;

	for (; *s && k + 7 < n; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: break;
		}
		if (rep) {
			size_t l = strlen(rep);
			memcpy(out + k, rep, l);
			k += l;
		} else {
			out[k++] = *s;
		}
	}
	out[k] = '\0';
}

static es_rc
write_fdr(gen *g, fdrslot *sl, size_t mi, int psp, int hour, int day_shift, bool drop_last, es_err *err)
{
	char id[48], path[4200], iso[16], when[32], amt[ES_MONEY_BUFSZ], trn[40], den[160];
	es_date reg = fdr_regulation_date(g, mi);
	es_cents total = sl->total - (drop_last ? sl->last_amount : 0);
	uint32_t n = sl->n - (drop_last ? 1u : 0u);
	int y, m, d;
	es_out *o;
	es_rc rc;

	fdr_id(g, mi, psp, id, sizeof id);
	es_synth_fmt_iso(reg, iso);
	es_date_to_ymd(reg + day_shift, &y, &m, &d);
	snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:00:00", y, m, d, hour);
	snprintf(path, sizeof path, "%s/pagopa/%s_%04d%02d%02d%02d0000.xml", g->o->out_dir, id, y, m, d, hour);
	snprintf(trn, sizeof trn, "TRN%s%010llu", psp == 0 ? "A" : "B", (unsigned long long)(mi * NPSP + (size_t)psp + 1));
	es_synth_fmt_money(total, amt);
	xml_escape(g->ente_name, den, sizeof den);
	if ((o = es_out_open(path, err)) == NULL)
		return err ? err->rc : ES_EIO;
	g->st->fdr_files++;
	rc = es_synth_put(o, err,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<pay_i:FlussoRiversamento xmlns:pay_i=\"http://www.digitpa.gov.it/schemas/2011/Pagamenti/\">\n"
	    "  <pay_i:versioneOggetto>1.0</pay_i:versioneOggetto>\n"
	    "  <pay_i:identificativoFlusso>%s</pay_i:identificativoFlusso>\n"
	    "  <pay_i:dataOraFlusso>%s</pay_i:dataOraFlusso>\n"
	    "  <pay_i:identificativoUnivocoRegolamento>%s</pay_i:identificativoUnivocoRegolamento>\n"
	    "  <pay_i:dataRegolamento>%s</pay_i:dataRegolamento>\n"
	    "  <pay_i:istitutoMittente>\n"
	    "    <pay_i:identificativoUnivocoMittente>\n"
	    "      <pay_i:tipoIdentificativoUnivoco>B</pay_i:tipoIdentificativoUnivoco>\n"
	    "      <pay_i:codiceIdentificativoUnivoco>%s</pay_i:codiceIdentificativoUnivoco>\n"
	    "    </pay_i:identificativoUnivocoMittente>\n"
	    "    <pay_i:denominazioneMittente>%s</pay_i:denominazioneMittente>\n"
	    "  </pay_i:istitutoMittente>\n"
	    "  <pay_i:codiceBicBancaDiRiversamento>%s</pay_i:codiceBicBancaDiRiversamento>\n"
	    "  <pay_i:istitutoRicevente>\n"
	    "    <pay_i:identificativoUnivocoRicevente>\n"
	    "      <pay_i:tipoIdentificativoUnivoco>G</pay_i:tipoIdentificativoUnivoco>\n"
	    "      <pay_i:codiceIdentificativoUnivoco>%s</pay_i:codiceIdentificativoUnivoco>\n"
	    "    </pay_i:identificativoUnivocoRicevente>\n"
	    "    <pay_i:denominazioneRicevente>%s</pay_i:denominazioneRicevente>\n"
	    "  </pay_i:istitutoRicevente>\n"
	    "  <pay_i:numeroTotalePagamenti>%u</pay_i:numeroTotalePagamenti>\n"
	    "  <pay_i:importoTotalePagamenti>%s</pay_i:importoTotalePagamenti>\n",
	    id, when, trn, iso, psps[psp].id, psps[psp].name, psps[psp].id, g->ente_cf, den, n, amt);
	if (rc == ES_OK)
		rc = copy_spool(sl->spool, o, drop_last ? sl->last_offset : -1, err);
	if (rc == ES_OK)
		rc = es_synth_put(o, err, "</pay_i:FlussoRiversamento>\n");
	if (es_out_close(o, rc == ES_OK ? err : NULL) != ES_OK && rc == ES_OK)
		rc = err ? err->rc : ES_EIO;
	return rc;
}

static es_rc
finish_fdr(gen *g, credit **cr, size_t *ncr, size_t *cap, es_err *err)
{
	size_t mi;
	int psp;
	es_rc rc = ES_OK;

	for (mi = 0; mi < ES_ARRAY_LEN(g->fdr) && rc == ES_OK; mi++)
		for (psp = 0; psp < NPSP && rc == ES_OK; psp++) {
			fdrslot *sl = &g->fdr[mi][psp];
			es_synth_rng r;
			bool reissue, trunc;
			credit c;
			char id[48], det[160];

			if (sl->n == 0)
				continue;
			es_synth_rng_seed(&r, g->o->seed, UINT64_C(0xFD00000000000000) + mi * NPSP + (size_t)psp);
			reissue = sl->n >= 2 && es_synth_rng_chance(&r, P_REISSUE);
			trunc = es_synth_rng_chance(&r, P_TRUNCATED);
			fdr_id(g, mi, psp, id, sizeof id);
			if (reissue) {
				/* the first version misses the last item; the PSP re-issues
				 * the corrected flow under the same id the next day */
				if ((rc = write_fdr(g, sl, mi, psp, 9, 0, true, err)) != ES_OK ||
				    (rc = write_fdr(g, sl, mi, psp, 9, 1, false, err)) != ES_OK)
					return rc;
				snprintf(det, sizeof det, "first version has %u items, re-issued version %u", sl->n - 1, sl->n);
				if ((rc = es_synth_anomaly(g, "reissued_flow", NULL, "TARI", 0, id, det, err)) != ES_OK)
					return rc;
			} else if ((rc = write_fdr(g, sl, mi, psp, 9, 0, false, err)) != ES_OK) {
				return rc;
			}
			memset(&c, 0, sizeof c);
			c.date = fdr_regulation_date(g, mi);
			c.amount = sl->total;
			c.kind = 2;
			snprintf(c.ref, sizeof c.ref, "%s", id);
			snprintf(c.e2e, sizeof c.e2e, "TRN%s%010llu", psp == 0 ? "A" : "B",
			         (unsigned long long)(mi * NPSP + (size_t)psp + 1));
			if (trunc) {
				snprintf(c.causale, sizeof c.causale, "/PUR/LGPE-RIVERSAMENTO/URI/%c", id[0]);
				snprintf(det, sizeof det, "treasury causale truncated to '%s'", c.causale);
				if ((rc = es_synth_anomaly(g, "truncated_causale", NULL, "TARI", 0, id, det, err)) != ES_OK)
					return rc;
			} else {
				snprintf(c.causale, sizeof c.causale, "/PUR/LGPE-RIVERSAMENTO/URI/%s", id);
			}
			c.cliente = psps[psp].name;
			rc = add_credit(cr, ncr, cap, &c, err);
		}
	return rc;
}

static int
credit_cmp(const void *a, const void *b)
{
	const credit *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	return strcmp(x->ref, y->ref);
}

static es_rc
finish_opi(gen *g, credit *cr, size_t n, es_err *err)
{
	size_t i = 0, j;
	uint64_t provv = 0;
	int cur_year = 0;
	es_rc rc = ES_OK;

	qsort(cr, n, sizeof *cr, credit_cmp);
	while (i < n && rc == ES_OK) {
		es_date day = cr[i].date;
		char iso[16], path[4200], idbt[80], cliente[160], caus[256], amt[ES_MONEY_BUFSZ];
		int y, m, d;
		es_cents tot = 0;
		es_out *o;

		es_date_to_ymd(day, &y, &m, &d);
		if (y != cur_year) {
			cur_year = y;
			provv = 0;
		}
		es_synth_fmt_iso(day, iso);
		snprintf(idbt, sizeof idbt, "GDC-%04d%02d%02dTESORERIA%s#001#001", y, m, d, g->belf);
		snprintf(path, sizeof path, "%s/treasury/GDC_%s_%04d%02d%02d.xml", g->o->out_dir, g->belf, y, m, d);
		if ((o = es_out_open(path, err)) == NULL)
			return err ? err->rc : ES_EIO;
		g->st->opi_files++;
		rc = es_synth_put(o, err,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<flusso_giornale_di_cassa>\n"
		    "  <testata_messaggio>\n"
		    "    <codice_ABI_BT>01000</codice_ABI_BT>\n"
		    "    <data_ora_creazione_flusso>%sT20:00:00</data_ora_creazione_flusso>\n"
		    "    <codice_ente>C%s0</codice_ente>\n"
		    "    <descrizione_ente>%s</descrizione_ente>\n"
		    "    <codice_istat_ente>0%08llu</codice_istat_ente>\n"
		    "    <codice_fiscale_ente>%s</codice_fiscale_ente>\n"
		    "    <codice_tramite_ente>A2A-%08llu</codice_tramite_ente>\n"
		    "    <codice_tramite_BT>A2A-00010000</codice_tramite_BT>\n"
		    "    <codice_ente_BT>%s</codice_ente_BT>\n"
		    "  </testata_messaggio>\n"
		    "  <identificativo_flusso_BT>%s</identificativo_flusso_BT>\n"
		    "  <pagina>1</pagina>\n"
		    "  <pagine_totali>1</pagine_totali>\n"
		    "  <esercizio>%d</esercizio>\n"
		    "  <data_riferimento_GdC>%s</data_riferimento_GdC>\n"
		    "  <informazioni_conto_evidenza>\n"
		    "    <conto_evidenza>0000001</conto_evidenza>\n"
		    "    <descrizione_conto_evidenza>CONTO DI TESORERIA UNICA - FONDI LIBERI</descrizione_conto_evidenza>\n",
		    iso, g->belf, g->ente_name, (unsigned long long)(g->o->seed % 100000000ULL), g->ente_cf,
		    (unsigned long long)(g->o->seed % 100000000ULL), g->ente_cf, idbt, y, iso);
		for (j = i; j < n && cr[j].date == day && rc == ES_OK; j++) {
			const credit *c = &cr[j];
			es_synth_fmt_money(c->amount, amt);
			xml_escape(c->cliente, cliente, sizeof cliente);
			xml_escape(c->causale, caus, sizeof caus);
			tot += c->amount;
			rc = es_synth_put(o, err,
			    "    <movimento_conto_evidenza>\n"
			    "      <identificativo_flusso>GDC-%04d%02d%02d-%s</identificativo_flusso>\n"
			    "      <numero_movimento>%zu</numero_movimento>\n"
			    "      <tipo_movimento>ENTRATA</tipo_movimento>\n"
			    "      <tipo_documento>SOSPESO ENTRATA</tipo_documento>\n"
			    "      <tipo_operazione>ESEGUITO</tipo_operazione>\n"
			    "      <numero_documento>%llu</numero_documento>\n"
			    "      <progressivo_documento>1</progressivo_documento>\n"
			    "      <importo>%s</importo>\n"
			    "      <data_movimento>%s</data_movimento>\n"
			    "      <data_movimento_siope>%s</data_movimento_siope>\n"
			    "      <data_valuta_ente>%s</data_valuta_ente>\n"
			    "      <tipo_esecuzione>%s</tipo_esecuzione>\n"
			    "%s%s%s"
			    "      <assoggettamento_bollo>ESENTE BOLLO</assoggettamento_bollo>\n"
			    "      <cliente>\n"
			    "        <anagrafica_cliente>%s</anagrafica_cliente>\n"
			    "      </cliente>\n"
			    "      <causale>%s</causale>\n"
			    "    </movimento_conto_evidenza>\n",
			    y, m, d, g->belf, j - i + 1, (unsigned long long)++provv, amt, iso, iso, iso,
			    c->kind == 2 ? "SEPA CREDIT TRANSFER" : "ACCREDITO BANCA D'ITALIA",
			    c->e2e[0] ? "      <end_to_end_id>" : "", c->e2e, c->e2e[0] ? "</end_to_end_id>\n" : "",
			    cliente, caus);
		}
		if (rc == ES_OK) {
			es_synth_fmt_money(tot, amt);
			rc = es_synth_put(o, err,
			    "    <totale_entrate_conto_evidenza>%s</totale_entrate_conto_evidenza>\n"
			    "  </informazioni_conto_evidenza>\n"
			    "  <ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n"
			    "    <ds:SignedInfo>\n"
			    "      <ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>\n"
			    "      <ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>\n"
			    "      <ds:Reference URI=\"\">\n"
			    "        <ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\n"
			    "        <ds:DigestValue>U1lOVEhFVElDLU5PVC1TSUdORUQ=</ds:DigestValue>\n"
			    "      </ds:Reference>\n"
			    "    </ds:SignedInfo>\n"
			    "    <ds:SignatureValue>U1lOVEhFVElDLU5PVC1TSUdORUQ=</ds:SignatureValue>\n"
			    "  </ds:Signature>\n"
			    "</flusso_giornale_di_cassa>\n", amt);
		}
		if (es_out_close(o, rc == ES_OK ? err : NULL) != ES_OK && rc == ES_OK)
			rc = err ? err->rc : ES_EIO;
		i = j;
	}
	return rc;
}

es_rc
es_synth_pay_finish(gen *g, es_err *err)
{
	credit *cr = NULL;
	size_t n = 0, cap = 0;
	es_rc rc;

	rc = finish_f24(g, &cr, &n, &cap, err);
	if (rc == ES_OK)
		rc = finish_fdr(g, &cr, &n, &cap, err);
	if (rc == ES_OK)
		rc = finish_opi(g, cr, n, err);
	free(cr);
	return rc;
}

void
es_synth_pay_cleanup(gen *g)
{
	size_t i;
	int j;

	if (g->f24 != NULL) {
		for (i = 0; i < g->nf24; i++) {
			if (g->f24[i].spool)
				fclose(g->f24[i].spool);
			if (g->f24[i].g9)
				fclose(g->f24[i].g9);
		}
		free(g->f24);
		g->f24 = NULL;
	}
	for (i = 0; i < ES_ARRAY_LEN(g->fdr); i++)
		for (j = 0; j < NPSP; j++)
			if (g->fdr[i][j].spool) {
				fclose(g->fdr[i][j].spool);
				g->fdr[i][j].spool = NULL;
			}
	if (g->spooldir[0])
		rmdir(g->spooldir);
}
