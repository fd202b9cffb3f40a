/* gen.c: the blocks of a synthetic municipality (households, sales,
 * inheritances, companies, farms), their ground truth (IMU per
 * cadastre-imu-tari.md §2, TARI per §3) and the payments they make, with
 * the planted anomalies.  See esattore-synth(1) for the model and rates. */
#include "es_setup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "types/nav.h"
#include "types/taxid.h"
#include "rules.h"
#include "synth/gen.h"
#include "synth/synth_private.h"

/* Anomaly rates, per 10000 (esattore-synth(1), "PLANTED ANOMALIES"). */
#define P_OMITTED 600
#define P_PARTIAL 500
#define P_LATE 700
#define P_WRONG_YEAR 100
#define P_WRONG_BELFIORE 100
#define P_WRONG_TRIBUTO 200
#define P_DUPLICATE 100
#define P_OVERPAY 200
#define P_CANCELLED 50
#define P_SINGLE 800
#define P_ZERO_SHARE 1500       /* of couples' main homes */
#define P_INVALID_CF 200        /* of persons with an old (impianto) record */
#define SYNTH_NAV_BASE UINT64_C(9000000000000)   /* first notice of the previous system */
#define P_UNDER80 400           /* of domestic TARI declarations */
#define P_FOREIGN_PAYER 30      /* of blocks: a stranger pays our code */
#define P_LOAD 300              /* of blocks: a fine or rent handed over */
#define P_TARI_F24 2000         /* TARI paid by F24 instead of pagoPA */

typedef struct acc {
	char tributo[5];
	es_cents annual, acconto, ded_annual, ded_acconto;
	int nimm;
} acc;

static es_date
rand_date(es_synth_rng *r, int y_from, int y_to)
{
	es_date a = es_date_from_ymd(y_from, 1, 1), b = es_date_from_ymd(y_to, 12, 31);

	return a + (es_date)es_synth_rng_below(r, (uint64_t)(b - a + 1));
}

/* ---- subjects ---- */

/* A 64-bit FNV-1a of the code, never 0 (a set member is a pointer). */
static gpointer
cf_key(const char *cf)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *cf; cf++)
		h = (h ^ (unsigned char)*cf) * UINT64_C(1099511628211);
	return GSIZE_TO_POINTER((gsize)(h | 1));
}

/* Codici fiscali are unique: the Agenzia gives a person whose code is
 * already someone else's (same name, date and place of birth) an
 * omocodia variant, the digits replaced one at a time from the right -
 * positions 15, 14, 13, 11, 10, 8, 7 - by L M N P Q R S T U V (D.M.
 * 12 marzo 1974 n. 1; taxid.h).  A company's number that is taken is
 * replaced by the next free one.  Two subjects of the municipality never
 * share a code, as they never do in the Agenzia's registry; the set holds
 * 64-bit hashes, so a rare false alarm only gives a variant that was not
 * needed, never a shared code. */
static void
unique_cf(gen *g, char *cf, bool person)
{
	static const int omo_pos[] = { 14, 13, 12, 10, 9, 7, 6 };
	static const char omo[] = "LMNPQRSTUV";
	size_t k = 0;

	while (g_hash_table_contains(g->cfs, cf_key(cf))) {
		if (person) {
			if (k == ES_ARRAY_LEN(omo_pos))
				break;
			cf[omo_pos[k]] = omo[cf[omo_pos[k]] - '0'];
			k++;
			cf[15] = '\0';
			cf[15] = es_cf_check_char(cf);
		} else {
			uint64_t stem = 0;

			for (k = 0; k < 10; k++)
				stem = stem * 10 + (uint64_t)(cf[k] - '0');
			es_synth_cf_company((stem + 1) % UINT64_C(10000000000), cf);
		}
	}
	g_hash_table_add(g->cfs, cf_key(cf));
}

static void
make_person(gen *g, es_synth_rng *r, subj *s, int byear_from, int byear_to, char sex, const char *surname)
{
	const char *name;
	int dim;

	memset(s, 0, sizeof *s);
	s->kind = 'P';
	s->sex = sex ? sex : (es_synth_rng_below(r, 2) ? 'M' : 'F');
	snprintf(s->surname, sizeof s->surname, "%s",
	         surname ? surname : es_synth_surnames[es_synth_rng_below(r, es_synth_nsurnames)]);
	name = s->sex == 'M' ? es_synth_male_names[es_synth_rng_below(r, es_synth_nmale)]
	                     : es_synth_female_names[es_synth_rng_below(r, es_synth_nfemale)];
	snprintf(s->name, sizeof s->name, "%s", name);
	s->by = (int)es_synth_rng_range(r, byear_from, byear_to);
	s->bm = (int)es_synth_rng_range(r, 1, 12);
	dim = es_days_in_month(s->by, s->bm);
	s->bd = (int)es_synth_rng_range(r, 1, dim);
	s->place = es_synth_rng_chance(r, 6000) ? 0 : (int)es_synth_rng_range(r, 1, (int64_t)es_synth_nplaces - 1);
	s->id = g->next_subj++;
	es_synth_cf_person(s->surname, s->name, s->by, s->bm, s->bd, s->sex,
	                   s->place == 0 ? g->belf : es_synth_places[s->place].belfiore, s->cf);
	unique_cf(g, s->cf, true);
	memcpy(s->cf_cad, s->cf, sizeof s->cf);
}

static void
make_company(gen *g, es_synth_rng *r, subj *s)
{
	static const char *const forms[] = { "S.R.L.", "S.P.A.", "S.N.C.", "S.A.S.", "SOC. COOP." };

	memset(s, 0, sizeof *s);
	s->kind = 'G';
	snprintf(s->denom, sizeof s->denom, "%s %s %s",
	         es_synth_company_words[es_synth_rng_below(r, es_synth_ncompany_words)].word,
	         es_synth_surnames[es_synth_rng_below(r, es_synth_nsurnames)],
	         forms[es_synth_rng_below(r, ES_ARRAY_LEN(forms))]);
	s->id = g->next_subj++;
	es_synth_cf_company(UINT64_C(1000000000) + es_synth_rng_below(r, UINT64_C(8000000000)), s->cf);
	unique_cf(g, s->cf, false);
	memcpy(s->cf_cad, s->cf, sizeof s->cf);
}

/* ---- units ---- */

static const char *const caus_desc_cost = "COSTITUZIONE";

static int
add_unit(gen *g, es_synth_rng *r, block *b, const char *cat, es_date created)
{
	unit *u = &b->U[b->nu];
	sit *s = &u->s[0];
	int64_t rmin, rmax;

	memset(u, 0, sizeof *u);
	u->id = g->next_unit++;
	u->kind = 'F';
	u->nsit = 1;
	u->foglio = (int)es_synth_rng_range(r, 1, 60);
	u->numero = (int)es_synth_rng_range(r, 1, 1800);
	u->sub = (int)es_synth_rng_range(r, 1, 40);
	u->street = (int)es_synth_rng_below(r, es_synth_nstreets);
	u->civico = (int)es_synth_rng_range(r, 1, 120);
	memcpy(s->cat, cat, 4);
	s->from = created;
	s->to = ES_DATE_NONE;
	s->nota_num = (int)es_synth_rng_range(r, 1, 99999);
	memcpy(s->caus, "COS", 4);
	s->caus_desc = caus_desc_cost;
	switch (cat[0]) {
	case 'A':
		snprintf(s->cls, sizeof s->cls, "%02d", (int)es_synth_rng_range(r, 1, 6));
		s->cons10 = (int)es_synth_rng_range(r, 6, 18) * 5;   /* 3 to 9 vani, halves allowed */
		s->surface = s->cons10 * 18 / 10 + (int)es_synth_rng_range(r, 0, 15);
		rmin = cat[1] == '0' && (cat[2] == '1' || cat[2] == '8' || cat[2] == '9') ? 150000 : 25000;
		rmax = rmin * 4;
		if (cat[1] == '1' && cat[2] == '0') {
			rmin = 60000;
			rmax = 250000;
		}
		break;
	case 'C':
		snprintf(s->cls, sizeof s->cls, "%02d", (int)es_synth_rng_range(r, 1, 8));
		s->cons10 = (int)es_synth_rng_range(r, 10, 120) * 10;
		s->surface = s->cons10 / 10 + (int)es_synth_rng_range(r, 0, 4);
		rmin = cat[2] == '1' ? 80000 : 4000;
		rmax = cat[2] == '1' ? 600000 : 30000;
		break;
	default:   /* D */
		memcpy(s->cls, "", 1);
		s->surface = 0;
		rmin = 500000;
		rmax = 5000000;
		break;
	}
	s->rendita = es_synth_rng_range(r, rmin, rmax);
	/* rendita without decimals and with one decimal occur in real files */
	if (es_synth_rng_chance(r, 1000))
		s->rendita -= s->rendita % 100;
	else if (es_synth_rng_chance(r, 1000))
		s->rendita -= s->rendita % 10;
	/* a variation (new classamento) during the window */
	if (cat[0] != 'D' && es_synth_rng_chance(r, 500)) {
		sit *v = &u->s[1];
		*v = *s;
		s->to = rand_date(r, g->y0, g->y1);
		v->from = s->to;
		v->rendita = s->rendita + s->rendita * es_synth_rng_range(r, -15, 30) / 100;
		v->nota_num = (int)es_synth_rng_range(r, 1, 99999);
		memcpy(v->caus, "VAR", 4);
		v->caus_desc = "DIVERSA DISTRIBUZIONE DEGLI SPAZI INTERNI";
		u->nsit = 2;
	}
	return b->nu++;
}

static int
add_land(gen *g, es_synth_rng *r, block *b)
{
	unit *u = &b->U[b->nu];

	memset(u, 0, sizeof *u);
	u->id = g->next_unit++;
	u->kind = 'T';
	u->nsit = 1;
	u->s[0].from = es_date_from_ymd(1975, 1, 1) + (es_date)es_synth_rng_below(r, 12000);
	u->s[0].to = ES_DATE_NONE;
	u->s[0].nota_num = (int)es_synth_rng_range(r, 1, 9999);
	memcpy(u->s[0].caus, "", 1);
	u->s[0].caus_desc = "";
	memcpy(u->s[0].cat, "TER", 4);
	u->foglio = (int)es_synth_rng_range(r, 1, 60);
	u->numero = (int)es_synth_rng_range(r, 1, 9000);
	u->qualita = (int)es_synth_rng_range(r, 1, 9);     /* agricultural qualità codes (not 270-288) */
	u->ter_cls = (int)es_synth_rng_range(r, 1, 5);
	u->ha = (int)es_synth_rng_range(r, 0, 6);
	u->are = (int)es_synth_rng_range(r, 0, 99);
	u->ca = (int)es_synth_rng_range(r, 0, 99);
	if (u->ha == 0 && u->are == 0)
		u->are = 10;
	/* reddito dominicale around 60 euro per hectare */
	u->rd = ((int64_t)u->ha * 10000 + u->are * 100 + u->ca) * es_synth_rng_range(r, 40, 90) / 100;
	if (u->rd < 1)
		u->rd = 1;
	u->ra = u->rd * 6 / 10;
	return b->nu++;
}

static void
add_title(gen *g, block *b, int s, int u, const char *right, int num, int den, es_date from, es_date to)
{
	title *t = &b->T[b->nt++];

	memset(t, 0, sizeof *t);
	t->s = s;
	t->u = u;
	snprintf(t->right, sizeof t->right, "%s", right);
	t->num = num;
	t->den = den;
	t->regime = ' ';
	t->ref = -1;
	t->from = from;
	t->to = to;
	t->tid = g->next_title++;
}

static void
add_resid(gen *g, block *b, int s, int u, es_date from, es_date to, int hh)
{
	resid *rr = &b->R[b->nr++];

	rr->s = s;
	rr->u = u;
	rr->from = from;
	rr->to = to;
	rr->hh_size = hh;
	rr->hh_id = g->next_hh++;
}

static void
add_decl(gen *g, es_synth_rng *r, block *b, int s, int u, char type, int key, es_date from, es_date to)
{
	decl *d = &b->D[b->nd++];
	int cad = b->U[u].s[b->U[u].nsit - 1].surface;

	d->s = s;
	d->u = u;
	d->type = type;
	d->key = key;
	d->from = from;
	d->to = to;
	d->id = g->next_decl++;
	d->uid = b->U[u].id;
	if (cad <= 0)
		cad = (int)es_synth_rng_range(r, 80, 600);
	/* declared calpestabile surface: 80-95% of the cadastral one */
	d->surface = cad * (int)es_synth_rng_range(r, 82, 95) / 100;
	d->under80 = type == 'D' && es_synth_rng_chance(r, P_UNDER80);
	if (d->under80)
		d->surface = cad * (int)es_synth_rng_range(r, 40, 75) / 100;
	if (d->surface < 10)
		d->surface = 10;
}

static const char *
pick(es_synth_rng *r, const char *const *v, size_t n)
{
	return v[es_synth_rng_below(r, n)];
}

static const char *const home_cats[] = { "A02", "A03", "A03", "A03", "A04", "A07", "A02", "A03" };
static const char *const lux_cats[] = { "A01", "A08", "A08", "A09" };

/* Fill block b; remaining = subjects still to make (>= 1). */
static void
build_block(gen *g, es_synth_rng *r, block *b, uint64_t remaining)
{
	es_date old = 0, t;
	uint64_t kind = es_synth_rng_below(r, 100);
	int s0, s1, u0, u1, i;

	memset(b, 0, sizeof *b);
	if (kind >= 30 && kind < 55 && remaining < 2)
		kind = 0;
	if (kind >= 55 && kind < 80 && remaining < 2)
		kind = 0;
	if (kind >= 80 && kind < 85 && remaining < 4)
		kind = 0;
	old = rand_date(r, 1970, g->y0 - 1);

	if (kind < 22) {                    /* a person alone in the home they own */
		make_person(g, r, &b->S[b->ns++], 1935, 1995, 0, NULL);
		u0 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 400);
		add_title(g, b, 0, u0, "10", 1, 1, old, ES_DATE_NONE);
		add_resid(g, b, 0, u0, old + 10, ES_DATE_NONE, 1);
		add_decl(g, r, b, 0, u0, 'D', 1, ES_DATE_NONE, ES_DATE_NONE);
		if (es_synth_rng_chance(r, 6000)) {
			u1 = add_unit(g, r, b, "C06", old - 400);
			add_title(g, b, 0, u1, "10", 1, 1, old, ES_DATE_NONE);
		}
		if (es_synth_rng_chance(r, 2000)) {
			u1 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 1000);
			add_title(g, b, 0, u1, "10", 1000, 1000, old, ES_DATE_NONE);
		}
	} else if (kind < 27) {             /* a farmer: home and land */
		make_person(g, r, &b->S[b->ns++], 1940, 1990, 0, NULL);
		u0 = add_unit(g, r, b, "A03", old - 400);
		add_title(g, b, 0, u0, "10", 1, 1, old, ES_DATE_NONE);
		add_resid(g, b, 0, u0, old, ES_DATE_NONE, (int)es_synth_rng_range(r, 1, 5));
		add_decl(g, r, b, 0, u0, 'D', b->R[0].hh_size, ES_DATE_NONE, ES_DATE_NONE);
		for (i = (int)es_synth_rng_range(r, 1, 3); i > 0; i--) {
			u1 = add_land(g, r, b);
			if (es_synth_rng_chance(r, 2000)) {   /* legacy right code with trailing blank */
				add_title(g, b, 0, u1, "3 ", 1, 1, es_date_from_ymd(1978, 1, 1), ES_DATE_NONE);
				b->T[b->nt - 1].old_record = true;
			} else {
				add_title(g, b, 0, u1, "10", 1, 1, b->U[u1].s[0].from, ES_DATE_NONE);
			}
		}
	} else if (kind < 30) {             /* a luxury main home with the deduction */
		make_person(g, r, &b->S[b->ns++], 1940, 1985, 0, NULL);
		u0 = add_unit(g, r, b, pick(r, lux_cats, ES_ARRAY_LEN(lux_cats)), old - 400);
		add_title(g, b, 0, u0, "10", 1, 1, old, ES_DATE_NONE);
		add_resid(g, b, 0, u0, old, ES_DATE_NONE, (int)es_synth_rng_range(r, 1, 4));
		add_decl(g, r, b, 0, u0, 'D', b->R[0].hh_size, ES_DATE_NONE, ES_DATE_NONE);
		u1 = add_unit(g, r, b, "C06", old - 400);
		add_title(g, b, 0, u1, "10", 1, 1, old, ES_DATE_NONE);
	} else if (kind < 55) {             /* a couple: main home 1/2 each */
		bool zero = es_synth_rng_chance(r, P_ZERO_SHARE);
		make_person(g, r, &b->S[b->ns++], 1940, 1995, 'M', NULL);
		make_person(g, r, &b->S[b->ns++], 1940, 1995, 'F', NULL);
		u0 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 400);
		for (i = 0; i < 2; i++) {
			add_title(g, b, i, u0, "10", zero ? 0 : 1, zero ? 0 : 2, old, ES_DATE_NONE);
			if (zero) {
				b->T[b->nt - 1].regime = 'C';
				b->T[b->nt - 1].ref = 1 - i;
			}
		}
		{
			int hh = (int)es_synth_rng_range(r, 2, 6);
			add_resid(g, b, 0, u0, old, ES_DATE_NONE, hh);
			add_resid(g, b, 1, u0, old, ES_DATE_NONE, hh);
			b->R[1].hh_id = b->R[0].hh_id;
			add_decl(g, r, b, 0, u0, 'D', hh, ES_DATE_NONE, ES_DATE_NONE);
		}
		if (es_synth_rng_chance(r, 7000)) {
			u1 = add_unit(g, r, b, "C06", old - 400);
			add_title(g, b, 0, u1, "10", 1, 2, old, ES_DATE_NONE);
			add_title(g, b, 1, u1, "10", 1, 2, old, ES_DATE_NONE);
		}
		if (es_synth_rng_chance(r, 2500)) {
			u1 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 2000);
			add_title(g, b, 0, u1, "10", 500, 1000, old, ES_DATE_NONE);
			add_title(g, b, 1, u1, "10", 500, 1000, old, ES_DATE_NONE);
		}
	} else if (kind < 62) {             /* a sale during the window */
		make_person(g, r, &b->S[b->ns++], 1935, 1975, 0, NULL);
		make_person(g, r, &b->S[b->ns++], 1960, 2000, 0, NULL);
		u0 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 400);
		t = rand_date(r, g->y0, g->y1);
		add_title(g, b, 0, u0, "10", 1000, 1000, old, t);
		add_title(g, b, 1, u0, "10", 1000, 1000, t, ES_DATE_NONE);
		/* the buyer moves in some days later: main home from then */
		add_resid(g, b, 1, u0, t + (es_date)es_synth_rng_range(r, 0, 40), ES_DATE_NONE,
		          (int)es_synth_rng_range(r, 1, 4));
		add_decl(g, r, b, 1, u0, 'D', b->R[0].hh_size, b->R[0].from, ES_DATE_NONE);
		/* the seller lives in another home of theirs */
		u1 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 800);
		add_title(g, b, 0, u1, "10", 1, 1, old, ES_DATE_NONE);
		add_resid(g, b, 0, u1, old, ES_DATE_NONE, 2);
		add_decl(g, r, b, 0, u1, 'D', 2, ES_DATE_NONE, ES_DATE_NONE);
	} else if (kind < 69) {             /* usufrutto to a parent, nuda proprietà to a child */
		make_person(g, r, &b->S[b->ns++], 1930, 1955, 0, NULL);
		make_person(g, r, &b->S[b->ns++], 1960, 1990, 0, b->S[0].surname);
		u0 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 400);
		add_title(g, b, 0, u0, "80", 1, 1, old, ES_DATE_NONE);
		add_title(g, b, 1, u0, "20", 1, 1, old, ES_DATE_NONE);
		add_resid(g, b, 0, u0, old, ES_DATE_NONE, 1);
		add_decl(g, r, b, 0, u0, 'D', 1, ES_DATE_NONE, ES_DATE_NONE);
		u1 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 400);
		add_title(g, b, 1, u1, "10", 1, 1, old, ES_DATE_NONE);
		add_resid(g, b, 1, u1, old, ES_DATE_NONE, (int)es_synth_rng_range(r, 1, 5));
		add_decl(g, r, b, 1, u1, 'D', b->R[1].hh_size, ES_DATE_NONE, ES_DATE_NONE);
	} else if (kind < 74) {             /* a landlord and a tenant */
		make_person(g, r, &b->S[b->ns++], 1940, 1980, 0, NULL);
		make_person(g, r, &b->S[b->ns++], 1960, 2002, 0, NULL);
		u0 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 400);
		add_title(g, b, 0, u0, "10", 1, 1, old, ES_DATE_NONE);
		add_resid(g, b, 0, u0, old, ES_DATE_NONE, (int)es_synth_rng_range(r, 1, 4));
		add_decl(g, r, b, 0, u0, 'D', b->R[0].hh_size, ES_DATE_NONE, ES_DATE_NONE);
		u1 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 800);
		add_title(g, b, 0, u1, "10", 1, 1, old, ES_DATE_NONE);
		t = rand_date(r, g->y0 - 3, g->y1);
		add_resid(g, b, 1, u1, t, ES_DATE_NONE, (int)es_synth_rng_range(r, 1, 4));
		add_decl(g, r, b, 1, u1, 'D', b->R[1].hh_size, t, ES_DATE_NONE);
	} else if (kind < 80) {             /* a second home shared by siblings 1/3 and 2/3 */
		make_person(g, r, &b->S[b->ns++], 1950, 1980, 0, NULL);
		make_person(g, r, &b->S[b->ns++], 1950, 1980, 0, b->S[0].surname);
		u0 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 400);
		add_title(g, b, 0, u0, "10", 1, 1, old, ES_DATE_NONE);
		add_resid(g, b, 0, u0, old, ES_DATE_NONE, 2);
		add_decl(g, r, b, 0, u0, 'D', 2, ES_DATE_NONE, ES_DATE_NONE);
		u1 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 800);
		add_title(g, b, 0, u1, "10", 1, 3, old, ES_DATE_NONE);
		add_title(g, b, 1, u1, "10", 2, 3, old, ES_DATE_NONE);
	} else if (kind < 85) {             /* an inheritance: a parent dies, three children 1/3 */
		make_person(g, r, &b->S[b->ns++], 1925, 1950, 0, NULL);
		for (i = 0; i < 3; i++)
			make_person(g, r, &b->S[b->ns++], 1950, 1985, 0, b->S[0].surname);
		u0 = add_unit(g, r, b, pick(r, home_cats, ES_ARRAY_LEN(home_cats)), old - 400);
		t = rand_date(r, g->y0, g->y1);
		b->S[0].deceased = true;
		add_title(g, b, 0, u0, "10", 1, 1, old, t);
		add_resid(g, b, 0, u0, old, t, 1);
		add_decl(g, r, b, 0, u0, 'D', 1, ES_DATE_NONE, t);
		for (i = 1; i <= 3; i++) {
			add_title(g, b, i, u0, "10", 1, 3, t, ES_DATE_NONE);
			b->T[b->nt - 1].succession = true;
		}
	} else {                            /* a company */
		make_company(g, r, &b->S[b->ns++]);
		{
			static const char *const dcat[] = { "D01", "D07", "D08", "D02", "D05", "D10" };
			static const char *const ccat[] = { "C01", "C01", "C03", "A10", "C02" };
			bool d = es_synth_rng_chance(r, 5000);
			const char *cat = d ? pick(r, dcat, ES_ARRAY_LEN(dcat)) : pick(r, ccat, ES_ARRAY_LEN(ccat));
			u0 = add_unit(g, r, b, cat, old - 400);
			add_title(g, b, 0, u0, "10", 1, 1, old, ES_DATE_NONE);
			add_decl(g, r, b, 0, u0, 'N', (int)es_synth_rng_range(r, 1, ND_CATS), ES_DATE_NONE, ES_DATE_NONE);
			if (es_synth_rng_chance(r, 3000)) {
				u1 = add_unit(g, r, b, "C02", old - 400);
				add_title(g, b, 0, u1, "10", 1, 1, old, ES_DATE_NONE);
			}
			if (es_synth_rng_chance(r, 1000)) {
				u1 = add_land(g, r, b);
				add_title(g, b, 0, u1, "10", 1, 1, b->U[u1].s[0].from, ES_DATE_NONE);
			}
		}
	}
	/* invalid codici fiscali on some old (impianto) records */
	for (i = 0; i < b->ns; i++) {
		subj *s = &b->S[i];
		if (s->kind == 'P' && old < es_date_from_ymd(1985, 1, 1) && es_synth_rng_chance(r, P_INVALID_CF * 3)) {
			s->cf_cad[15] = s->cf_cad[15] == 'Z' ? 'A' : (char)(s->cf_cad[15] + 1);
		}
	}
	(void)s0;
	(void)s1;
}

/* ---- ground truth: IMU ---- */

static bool
right_passive(const char *right)
{
	/* L. 160/2019 c. 743: owner, usufructuary, use, habitation, emphyteusis,
	 * surface (cadastre-imu-tari.md §1.9); legacy "3 " comproprietario as
	 * owner.  Not: nuda proprietà (20), concedente (40), servitù (90). */
	static const char *const yes[] = { "10", "1s", "30", "3s", "50", "60", "70", "7s", "80", "8a",
	                                   "8e", "8s", "3 " };
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(yes); i++)
		if (strcmp(right, yes[i]) == 0)
			return true;
	return false;
}

static const sit *
sit_on(const unit *u, es_date d)
{
	if (u->nsit > 1 && u->s[0].to != ES_DATE_NONE && u->s[0].to <= d)
		return &u->s[1];
	return &u->s[0];
}

static bool
is_lux(const char *cat)
{
	return strcmp(cat, "A01") == 0 || strcmp(cat, "A08") == 0 || strcmp(cat, "A09") == 0;
}

static bool
is_dwelling(const char *cat)
{
	return cat[0] == 'A' && strcmp(cat, "A10") != 0;
}

static bool
is_pertinenza_cat(const char *cat)
{
	return strcmp(cat, "C02") == 0 || strcmp(cat, "C06") == 0 || strcmp(cat, "C07") == 0;
}

/* The residence of subject s in a unit s holds with a passive right, or NULL. */
static const resid *
main_home_of(const block *b, int s)
{
	int i, k;

	for (i = 0; i < b->nr; i++) {
		if (b->R[i].s != s)
			continue;
		for (k = 0; k < b->nt; k++)
			if (b->T[k].s == s && b->T[k].u == b->R[i].u && right_passive(b->T[k].right))
				return &b->R[i];
	}
	return NULL;
}

static acc *
acc_get(acc *a, int *n, const char *tributo)
{
	int i;

	for (i = 0; i < *n; i++)
		if (strcmp(a[i].tributo, tributo) == 0)
			return &a[i];
	memset(&a[*n], 0, sizeof a[*n]);
	snprintf(a[*n].tributo, sizeof a[*n].tributo, "%s", tributo);
	return &a[(*n)++];
}

static es_rc
unit_row(gen *g, const subj *s, int y, const unit *u, const sit *st, const title *t, int num, int den,
         es_cents value, int mult, es_cents base, bool mh, const char *tributo, int rate, int prev,
         int months, int h1, es_cents annual, es_cents acconto, es_err *err)
{
	char v[ES_MONEY_BUFSZ], bs[ES_MONEY_BUFSZ], an[ES_MONEY_BUFSZ], ac[ES_MONEY_BUFSZ], r1[32], r0[32];

	es_synth_fmt_money(value, v);
	es_synth_fmt_money(base, bs);
	es_synth_fmt_money(annual, an);
	es_synth_fmt_money(acconto, ac);
	es_decimal_format(rate, 2, r1);
	es_decimal_format(prev, 2, r0);
	return es_synth_put(g->units_t, err, "%llu,%s,%d,%llu,%s,%s,%d,%d,%s,%d,%s,%d,%s,%s,%s,%d,%d,%s,%s\n",
	                    (unsigned long long)s->id, s->cf, y, (unsigned long long)u->id,
	                    u->kind == 'T' ? "TER" : st->cat, t->right, num, den, v, mult, bs, mh ? 1 : 0,
	                    tributo, r1, r0, months, h1, an, ac);
}

/* IMU of subject si in year y, accumulated per codice tributo. */
static es_rc
imu_subject_year(gen *g, const block *b, int si, int y, acc *a, int *na, es_err *err)
{
	const resid *home = main_home_of(b, si);
	es_date jan1 = es_date_from_ymd(y, 1, 1);
	bool pert_used[3] = { false, false, false };
	const char *home_cat = NULL;
	es_rc rc;
	int k;

	*na = 0;
	if (home != NULL)
		home_cat = sit_on(&b->U[home->u], jan1)->cat;
	for (k = 0; k < b->nt; k++) {
		const title *t = &b->T[k];
		const unit *u = &b->U[t->u];
		const sit *st = sit_on(u, t->from > jan1 ? t->from : jan1);
		es_date pend = t->to == ES_DATE_NONE ? ES_DATE_NONE : t->to - 1;
		es_date seg_a[3], seg_b[3];
		bool seg_mh[3];
		int nseg = 0, num = t->num, den = t->den, mult, sg;
		es_cents value, base;
		const char *cat = u->kind == 'T' ? "TER" : st->cat;
		bool mh_ok = false;

		if (t->s != si || !right_passive(t->right))
			continue;
		if (pend != ES_DATE_NONE && pend < jan1)
			continue;
		if (t->from > es_date_from_ymd(y, 12, 31))
			continue;
		if (den == 0) {
			/* 0/0 fallback (§1.9): split equally among the holders of the
			 * same right on the unit with 0/0 */
			int j, cnt = 0;
			for (j = 0; j < b->nt; j++)
				if (b->T[j].u == t->u && b->T[j].den == 0 && strcmp(b->T[j].right, t->right) == 0)
					cnt++;
			num = 1;
			den = cnt > 0 ? cnt : 1;
		}
		/* main home or pertinenza (c. 740-741) */
		if (home != NULL && u->kind == 'F') {
			if (home->u == t->u && is_dwelling(cat))
				mh_ok = true;
			else if (is_pertinenza_cat(cat) && home_cat != NULL) {
				int pi = cat[2] == '2' ? 0 : cat[2] == '6' ? 1 : 2;
				if (!pert_used[pi]) {
					pert_used[pi] = true;
					mh_ok = true;
				}
			}
		}
		if (mh_ok) {
			es_date ra = home->from, rb = home->to == ES_DATE_NONE ? ES_DATE_NONE : home->to - 1;
			es_date ma = t->from > ra ? t->from : ra;
			es_date mb = (pend == ES_DATE_NONE) ? rb : (rb == ES_DATE_NONE || pend < rb ? pend : rb);
			if (mb != ES_DATE_NONE && mb < ma) {
				seg_a[nseg] = t->from; seg_b[nseg] = pend; seg_mh[nseg++] = false;
			} else {
				if (ma > t->from) {
					seg_a[nseg] = t->from; seg_b[nseg] = ma - 1; seg_mh[nseg++] = false;
				}
				seg_a[nseg] = ma; seg_b[nseg] = mb; seg_mh[nseg++] = true;
				if (mb != ES_DATE_NONE && (pend == ES_DATE_NONE || mb < pend)) {
					seg_a[nseg] = mb + 1; seg_b[nseg] = pend; seg_mh[nseg++] = false;
				}
			}
		} else {
			seg_a[nseg] = t->from; seg_b[nseg] = pend; seg_mh[nseg++] = false;
		}
		if (u->kind == 'T') {
			value = u->rd;
			if ((rc = es_synth_multiplier(g->law, "TER", y, &mult, err)) != ES_OK)
				return rc;
			base = es_synth_imu_base(value, es_synth_rd_reval_pct(g->law), mult);
		} else {
			value = st->rendita;
			if ((rc = es_synth_multiplier(g->law, cat, y, &mult, err)) != ES_OK)
				return rc;
			base = es_synth_imu_base(value, es_synth_rendita_reval_pct(g->law), mult);
		}
		for (sg = 0; sg < nseg; sg++) {
			int months, h1, use, rate, prev;
			const char *trib;
			acc *x;

			es_synth_months(seg_a[sg], seg_b[sg], y, &months, &h1);
			if (months == 0)
				continue;
			if (seg_mh[sg]) {
				const char *hc = is_dwelling(cat) ? cat : home_cat;
				if (!is_lux(hc)) {   /* exempt main home (c. 740) */
					if ((rc = unit_row(g, &b->S[si], y, u, st, t, num, den, value, mult, base, true,
					                   "ESENTE", 0, 0, months, h1, 0, 0, err)) != ES_OK)
						return rc;
					continue;
				}
				use = USE_MAIN;
				trib = "3912";
			} else if (u->kind == 'T') {
				use = USE_TERRENI;
				trib = "3914";
			} else if (strcmp(cat, "D10") == 0) {
				use = USE_RURAL;
				trib = "3913";
			} else if (cat[0] == 'D') {
				use = USE_D;
				trib = "3930";
			} else {
				use = USE_ALTRI;
				trib = "3918";
			}
			rate = g->rate[YI(g, y) + 1][use];
			prev = g->rate[YI(g, y)][use];
			if (use == USE_D) {
				int sbp = es_synth_d_state_bp(g->law, y);
				es_cents an = es_synth_imu_tax(base, sbp, num, den, months);
				es_cents ac = es_synth_imu_tax(base, sbp, num, den, h1);
				x = acc_get(a, na, "3925");
				x->annual += an;
				x->acconto += ac;
				x->nimm++;
				if ((rc = unit_row(g, &b->S[si], y, u, st, t, num, den, value, mult, base, false, "3925",
				                   sbp, sbp, months, h1, an, ac, err)) != ES_OK)
					return rc;
				rate -= sbp;
				prev -= sbp;
			}
			{
				es_cents an = es_synth_imu_tax(base, rate, num, den, months);
				es_cents ac = es_synth_imu_tax(base, prev, num, den, h1);
				x = acc_get(a, na, trib);
				x->annual += an;
				x->acconto += ac;
				x->nimm++;
				if (use == USE_MAIN && is_dwelling(cat)) {
					es_cents ded = es_synth_main_home_deduction(g->law);
					x->ded_annual += es_synth_imu_deduction(ded, num, den, months);
					x->ded_acconto += es_synth_imu_deduction(ded, num, den, h1);
				}
				if ((rc = unit_row(g, &b->S[si], y, u, st, t, num, den, value, mult, base, seg_mh[sg], trib,
				                   rate, prev, months, h1, an, ac, err)) != ES_OK)
					return rc;
			}
		}
	}
	for (k = 0; k < *na; k++) {
		acc *x = &a[k];
		x->annual -= x->ded_annual < x->annual ? x->ded_annual : x->annual;
		x->acconto -= x->ded_acconto < x->acconto ? x->ded_acconto : x->acconto;
	}
	return ES_OK;
}

/* ---- dues, payments, balance ---- */

static es_date
due_date(gen *g, int y, int month, int day)
{
	es_date d = es_date_from_ymd(y, month, day);

	return g->cal != NULL ? es_calendar_next_working_day(g->cal, d) : d;
}

static es_rc
dues_row(gen *g, const subj *s, const char *tax, int y, const char *trib, const char *inst, es_date due,
         es_cents amount, es_cents f24, const char *nav, es_err *err)
{
	char d[16], a[ES_MONEY_BUFSZ], r[ES_MONEY_BUFSZ];

	es_synth_fmt_iso(due, d);
	es_synth_fmt_money(amount, a);
	es_synth_fmt_money(f24, r);
	g->st->dues_rows++;
	return es_synth_put(g->dues, err, "%llu,%s,%s,%d,%s,%s,%s,%s,%s,%s\n", (unsigned long long)s->id, s->cf,
	                    tax, y, trib, inst, d, a, r, nav ? nav : "");
}

static es_rc
pay_row(gen *g, const char *source, const char *ref, const subj *s, const char *cf, const char *tax, int y,
        int y_written, const char *trib, const char *inst, const char *nav, const char *iuv, es_date paid,
        es_cents amount, bool counted, const char *anomaly, es_err *err)
{
	char d[16], a[ES_MONEY_BUFSZ], id[24] = "";

	es_synth_fmt_iso(paid, d);
	es_synth_fmt_money(amount, a);
	if (s != NULL)
		snprintf(id, sizeof id, "%llu", (unsigned long long)s->id);
	g->st->payments++;
	return es_synth_put(g->pays, err, "%llu,%s,%s,%s,%s,%s,%d,%d,%s,%s,%s,%s,%s,%s,%d,%s\n",
	                    (unsigned long long)g->next_pay++, source, ref, id, cf, tax, y, y_written, trib,
	                    inst, nav ? nav : "", iuv ? iuv : "", d, a, counted ? 1 : 0, anomaly ? anomaly : "");
}

es_rc
es_synth_anomaly(gen *g, const char *kind, const subj *s, const char *tax, int year, const char *ref,
                 const char *detail, es_err *err)
{
	char id[24] = "", yr[16] = "";

	if (s != NULL)
		snprintf(id, sizeof id, "%llu", (unsigned long long)s->id);
	if (year > 0)
		snprintf(yr, sizeof yr, "%d", year);
	g->st->anomalies++;
	return es_synth_put(g->anom, err, "%llu,%s,%s,%s,%s,%s,%s,\"%s\"\n", (unsigned long long)g->next_anom++,
	                    kind, id, s ? s->cf : "", tax ? tax : "", yr, ref ? ref : "", detail ? detail : "");
}

static es_rc
balance_row(gen *g, const subj *s, const char *tax, int y, es_cents owed, es_cents owed_f24, es_cents paid,
            const char *note, es_err *err)
{
	char o[ES_MONEY_BUFSZ], of[ES_MONEY_BUFSZ], p[ES_MONEY_BUFSZ], bl[ES_MONEY_BUFSZ];

	es_synth_fmt_money(owed, o);
	es_synth_fmt_money(owed_f24, of);
	es_synth_fmt_money(paid, p);
	es_synth_fmt_money(owed - paid, bl);
	return es_synth_put(g->bal, err, "%llu,%s,%s,%d,%s,%s,%s,%s,%s\n", (unsigned long long)s->id, s->cf, tax, y,
	                    o, of, p, bl, note);
}

static const char *
swap_tributo(const char *t)
{
	if (strcmp(t, "3918") == 0) return "3912";
	if (strcmp(t, "3912") == 0) return "3918";
	if (strcmp(t, "3930") == 0) return "3925";
	if (strcmp(t, "3925") == 0) return "3930";
	return "3918";
}

/* Send one F24 (IMU lines of one installment) and record the truth. */
static es_rc
send_imu_f24(gen *g, const subj *s, int y, f24line *l, int n, es_date paid, const char *inst, bool cancelled,
             bool elsewhere, const char *anomaly, es_cents *paid_total, es_err *err)
{
	char ref[128];
	es_rc rc;
	int i;

	if (n == 0)
		return ES_OK;
	if (elsewhere) {
		snprintf(ref, sizeof ref, "other-comune");
	} else if ((rc = es_synth_f24_delega(g, s, paid, l, n, cancelled, ref, sizeof ref, err)) != ES_OK) {
		return rc;
	}
	for (i = 0; i < n; i++) {
		char r2[160];
		bool counted = !cancelled && !elsewhere;
		snprintf(r2, sizeof r2, "%s/%02d", ref, i + 1);
		if ((rc = pay_row(g, elsewhere ? "F24-OTHER" : "F24", r2, s, s->cf, "IMU", y, l[i].year, l[i].tributo,
		                  inst, NULL, NULL, paid, l[i].amount, counted, anomaly, err)) != ES_OK)
			return rc;
		if (counted)
			*paid_total += l[i].amount;
	}
	return ES_OK;
}

static es_date
pay_on_time(es_synth_rng *r, es_date due)
{
	return due - (es_date)es_synth_rng_range(r, 0, 25);
}

static es_rc
imu_payments(gen *g, es_synth_rng *r, const subj *s, int y, const acc *a, int na, es_cents *paid, es_err *err)
{
	f24line acl[8], sal[8], uni[8];
	int nac = 0, nsa = 0, nun = 0, m, d, i;
	es_date due1, due2;
	uint64_t roll = es_synth_rng_below(r, 10000), cut = 0;
	const char *kind = NULL;
	bool on_acconto = false;  /* the anomaly is on the acconto's lines, else on the saldo's */
	char ref[64], det[128], ybuf[8];
	es_rc rc;

	es_synth_imu_due_md(g->law, 0, &m, &d);
	due1 = due_date(g, y, m, d);
	es_synth_imu_due_md(g->law, 1, &m, &d);
	due2 = due_date(g, y, m, d);
	for (i = 0; i < na; i++) {
		es_cents ac = es_money_round_euro(a[i].acconto);
		es_cents sa = es_money_round_euro(a[i].annual - a[i].acconto);
		es_cents un = es_money_round_euro(a[i].annual);
		f24line base;
		memset(&base, 0, sizeof base);
		memcpy(base.tributo, a[i].tributo, sizeof base.tributo);
		base.year = y;
		base.nimm = a[i].nimm > 999 ? 999 : a[i].nimm;
		base.tipo_imposta = 'I';
		memcpy(base.rateazione, "0000", 5);
		if (ac > 0) {
			acl[nac] = base;
			acl[nac].amount = ac;
			acl[nac].deduction = a[i].ded_acconto;
			memcpy(acl[nac++].acc_saldo, "10", 3);
		}
		if (sa > 0) {
			sal[nsa] = base;
			sal[nsa].amount = sa;
			sal[nsa].deduction = a[i].ded_annual - a[i].ded_acconto;
			memcpy(sal[nsa++].acc_saldo, "01", 3);
		}
		if (un > 0) {
			uni[nun] = base;
			uni[nun].amount = un;
			uni[nun].deduction = a[i].ded_annual;
			memcpy(uni[nun++].acc_saldo, "11", 3);
		}
	}
	snprintf(ybuf, sizeof ybuf, "%d", y);
#define ROLL(p) (roll < (cut += (p)))
	if (ROLL(P_OMITTED)) {
		return es_synth_anomaly(g, "omitted", s, "IMU", y, "", "no payment for the year", err);
	} else if (ROLL(P_PARTIAL)) {
		int pct = (int)es_synth_rng_range(r, 50, 90);
		for (i = 0; i < nsa; i++)
			sal[i].amount = es_money_round_euro(sal[i].amount * pct / 100);
		kind = "partial";
		snprintf(det, sizeof det, "saldo paid at %d%%", pct);
	} else if (ROLL(P_LATE)) {
		kind = "late";
	} else if (ROLL(P_WRONG_YEAR)) {
		for (i = 0; i < nac; i++)
			acl[i].year = y - 1;
		kind = "wrong_year";
		on_acconto = true;
		snprintf(det, sizeof det, "acconto written for year %d", y - 1);
	} else if (ROLL(P_WRONG_BELFIORE)) {
		kind = "wrong_belfiore";
		snprintf(det, sizeof det, "saldo paid to comune code %s", strcmp(g->belf, "H501") ? "H501" : "F205");
	} else if (ROLL(P_WRONG_TRIBUTO)) {
		for (i = 0; i < nsa; i++)
			snprintf(sal[i].tributo, sizeof sal[i].tributo, "%s", swap_tributo(sal[i].tributo));
		kind = "wrong_tributo";
		snprintf(det, sizeof det, "saldo written with codice tributo %s", nsa ? sal[0].tributo : "");
	} else if (ROLL(P_DUPLICATE)) {
		kind = "duplicate";
		snprintf(det, sizeof det, "saldo paid twice");
	} else if (ROLL(P_OVERPAY)) {
		int pct = (int)es_synth_rng_range(r, 110, 140);
		es_cents over = 0;

		for (i = 0; i < nsa; i++)
			sal[i].amount = es_money_round_euro(sal[i].amount * pct / 100);
		/* An overpayment is more than the rounding of the rows to the
		 * euro, 0.50 each at most (L. 296/2006 c. 166): on a small saldo
		 * the percentage alone can stay within it (a saldo of 9.00 at
		 * 114% is 10.26, paid 10.00, what a taxpayer paying the year's
		 * 18.76 less an acconto of 9.00 pays).  The first saldo row gets
		 * whole euro more until the year is overpaid beyond it. */
		for (i = 0; i < na; i++)
			over -= a[i].annual;
		for (i = 0; i < nac; i++)
			over += acl[i].amount;
		for (i = 0; i < nsa; i++)
			over += sal[i].amount;
		while (nsa > 0 && over <= (es_cents)(nac + nsa) * 50) {
			sal[0].amount += 100;
			over += 100;
		}
		kind = "overpayment";
		snprintf(det, sizeof det, "saldo paid at %d%%", pct);
	} else if (ROLL(P_CANCELLED)) {
		kind = "cancelled_f24";
		snprintf(det, sizeof det, "saldo delega cancelled (G9)");
	} else if (ROLL(P_SINGLE)) {
		es_date p = pay_on_time(r, due1);
		return send_imu_f24(g, s, y, uni, nun, p, "unica", false, false, NULL, paid, err);
	}
#undef ROLL
	{
		es_date p1 = pay_on_time(r, due1), p2 = pay_on_time(r, due2);
		int late_days = 0;
		if (kind != NULL && strcmp(kind, "late") == 0) {
			bool first = es_synth_rng_below(r, 2) == 0;
			late_days = (int)es_synth_rng_range(r, 1, 200);
			if (first) {
				p1 = due1 + late_days;
				if (p1 > g->cutoff) p1 = g->cutoff;
			} else {
				p2 = due2 + late_days;
				if (p2 > g->cutoff) p2 = g->cutoff;
			}
			late_days = first ? (int)(p1 - due1) : (int)(p2 - due2);
			on_acconto = first;
			if (late_days <= 0) {
				kind = NULL;
			} else {
				snprintf(det, sizeof det, "%s paid %d days late", first ? "acconto" : "saldo", late_days);
			}
		}
		if ((rc = send_imu_f24(g, s, y, acl, nac, p1, "acconto", false, false,
		                       kind && (strcmp(kind, "wrong_year") == 0 ||
		                                (strcmp(kind, "late") == 0 && p1 > due1)) ? kind : NULL,
		                       paid, err)) != ES_OK)
			return rc;
		if ((rc = send_imu_f24(g, s, y, sal, nsa, p2, "saldo", kind && strcmp(kind, "cancelled_f24") == 0,
		                       kind && strcmp(kind, "wrong_belfiore") == 0,
		                       kind && strcmp(kind, "wrong_year") != 0 &&
		                       !(strcmp(kind, "late") == 0 && p1 > due1) ? kind : NULL, paid, err)) != ES_OK)
			return rc;
		if (kind && strcmp(kind, "duplicate") == 0) {
			es_date p3 = p2 + (es_date)es_synth_rng_range(r, 0, 20);
			if (p3 > g->cutoff)
				p3 = g->cutoff;
			if ((rc = send_imu_f24(g, s, y, sal, nsa, p3, "saldo", false, false, kind, paid, err)) != ES_OK)
				return rc;
		}
	}
	/* When the acconto covers the whole year (the unit left the subject
	 * in the first half) there are no saldo lines: a kind planted on them
	 * (a saldo paid twice, overpaid, cancelled...) changed no payment and
	 * is no anomaly; the same for the acconto's kinds without an acconto.
	 * The random draws above are made all the same, so that the rest of
	 * the municipality does not change. */
	if (kind != NULL && (on_acconto ? nac : nsa) == 0)
		kind = NULL;
	if (kind != NULL) {
		snprintf(ref, sizeof ref, "IMU/%d", y);
		return es_synth_anomaly(g, kind, s, "IMU", y, ref, det, err);
	}
	return ES_OK;
}

/* ---- TARI ---- */

static es_rc
es_synth_tari_row(gen *g, const subj *s, const decl *dc, int y, int days, es_cents tari, es_cents tefa,
                  es_err *err)
{
	char a[ES_MONEY_BUFSZ], b[ES_MONEY_BUFSZ];

	es_synth_fmt_money(tari, a);
	es_synth_fmt_money(tefa, b);
	return es_synth_put(g->tari_t, err, "%llu,%llu,%s,%d,%llu,%c,%d,%d,%d,%s,%s\n",
	                    (unsigned long long)dc->id, (unsigned long long)s->id, s->cf, y,
	                    (unsigned long long)dc->uid, dc->type, dc->key, dc->surface, days, a, b);
}

static es_rc
tari_decl_year(gen *g, es_synth_rng *r, const block *b, const decl *dc, int y, es_err *err)
{
	const subj *s = &b->S[dc->s];
	es_date ya = es_date_from_ymd(y, 1, 1), yb = es_date_from_ymd(y, 12, 31);
	es_date a = dc->from == ES_DATE_NONE || dc->from < ya ? ya : dc->from;
	es_date e = dc->to == ES_DATE_NONE ? yb : dc->to - 1;
	int diy = es_is_leap_year(y) ? 366 : 365, days, k, yi = YI(g, y);
	es_cents tari, tefa, t[2], f[2], paid = 0, owed_f24 = 0;
	char nav[2][ES_NAV_BUFSZ], iuv[ES_IUV_BUFSZ], ref[160], det[96];
	uint64_t roll;
	bool by_f24;
	const char *kind = NULL;
	es_rc rc;

	if (e > yb)
		e = yb;
	if (e < a)
		return ES_OK;
	days = (int)(e - a + 1);
	if (dc->type == 'D') {
		k = dc->key < 1 ? 0 : dc->key > 6 ? 5 : dc->key - 1;
		tari = es_synth_tari_domestic(g->dom_fixed[yi][k], dc->surface, g->dom_var[yi][k], days, diy);
	} else {
		k = dc->key - 1;
		tari = es_synth_tari_nondomestic(g->nd_fixed[yi][k], g->nd_var[yi][k], dc->surface, days, diy);
	}
	tefa = es_synth_tefa(tari, g->tefa_bp);
	if (tari + tefa < g->min_amount)
		return balance_row(g, s, "TARI", y, 0, 0, 0, "below_minimum", err);
	/* two installments: the first half rounded down, the rest in the second */
	t[0] = tari / 2;
	t[1] = tari - t[0];
	f[0] = tefa / 2;
	f[1] = tefa - f[0];
	if (es_synth_tari_row(g, s, dc, y, days, tari, tefa, err) != ES_OK)
		return err ? err->rc : ES_EIO;
	for (k = 0; k < 2; k++) {
		char amt[ES_MONEY_BUFSZ], due[16];

		if ((rc = es_nav_from_sequence(g->segregation, g->next_nav++, nav[k], err)) != ES_OK)
			return rc;
		es_synth_fmt_money(t[k] + f[k], amt);
		es_synth_fmt_iso(g->tari_due[yi][k], due);
		if ((rc = es_synth_put(g->notices, err, "%s,TARI,%d,%d,%s,%s,%s\n", s->cf, y, k + 1, nav[k], amt,
		                       due)) != ES_OK)
			return rc;
		if ((rc = dues_row(g, s, "TARI", y, "3944", k == 0 ? "1" : "2", g->tari_due[yi][k], t[k],
		                   es_money_round_euro(t[k]), nav[k], err)) != ES_OK ||
		    (rc = dues_row(g, s, "TEFA", y, "TEFA", k == 0 ? "1" : "2", g->tari_due[yi][k], f[k],
		                   es_money_round_euro(f[k]), nav[k], err)) != ES_OK)
			return rc;
	}
	roll = es_synth_rng_below(r, 10000);
	by_f24 = es_synth_rng_chance(r, P_TARI_F24);
	if (roll < 500)
		kind = "omitted";
	else if (roll < 800)
		kind = "partial";
	else if (roll < 1400)
		kind = "late";
	for (k = 0; k < 2 && (kind == NULL || strcmp(kind, "omitted") != 0); k++) {
		es_date p = pay_on_time(r, g->tari_due[yi][k]);
		if (kind != NULL && strcmp(kind, "partial") == 0 && k == 1)
			break;
		if (kind != NULL && strcmp(kind, "late") == 0 && k == 1) {
			p = g->tari_due[yi][k] + (es_date)es_synth_rng_range(r, 1, 150);
			if (p > g->cutoff)
				p = g->cutoff;
			if (p <= g->tari_due[yi][k])
				kind = NULL;
		}
		if (by_f24) {
			f24line l[2];
			int n = 0, i;
			memset(l, 0, sizeof l);
			for (i = 0; i < 2; i++) {
				l[i].year = y;
				l[i].tipo_imposta = 'A';
				snprintf(l[i].rateazione, sizeof l[i].rateazione, "%02d02", k + 1);
				memcpy(l[i].acc_saldo, "00", 3);
			}
			if (y >= 2021) {   /* TEFA has its own code from 2021 (Ris. 5/E 2021) */
				memcpy(l[0].tributo, "3944", 5);
				l[0].amount = es_money_round_euro(t[k]);
				memcpy(l[1].tributo, "TEFA", 5);
				l[1].amount = es_money_round_euro(f[k]);
				n = l[1].amount > 0 ? 2 : 1;
			} else {
				memcpy(l[0].tributo, "3944", 5);
				l[0].amount = es_money_round_euro(t[k] + f[k]);
				n = 1;
			}
			owed_f24 += l[0].amount + (n > 1 ? l[1].amount : 0);
			if ((rc = es_synth_f24_delega(g, s, p, l, n, false, ref, sizeof ref, err)) != ES_OK)
				return rc;
			for (i = 0; i < n; i++) {
				char r2[200];
				snprintf(r2, sizeof r2, "%s/%02d", ref, i + 1);
				if ((rc = pay_row(g, "F24", r2, s, s->cf, "TARI", y, y, l[i].tributo, k == 0 ? "1" : "2",
				                  nav[k], NULL, p, l[i].amount, true, kind, err)) != ES_OK)
					return rc;
				paid += l[i].amount;
			}
		} else {
			uint64_t pid = g->next_pay;
			if ((rc = es_nav_to_iuv(nav[k], iuv, err)) != ES_OK ||
			    (rc = es_synth_fdr_item(g, iuv, p, t[k] + f[k], pid, ref, sizeof ref, err)) != ES_OK ||
			    (rc = pay_row(g, "PAGOPA", ref, s, s->cf, "TARI", y, y, "", k == 0 ? "1" : "2", nav[k], iuv, p,
			                  t[k] + f[k], true, kind, err)) != ES_OK)
				return rc;
			paid += t[k] + f[k];
		}
	}
	if (kind != NULL) {
		snprintf(det, sizeof det, "%s", strcmp(kind, "omitted") == 0 ? "no payment for the year"
		                               : strcmp(kind, "partial") == 0 ? "second installment not paid"
		                                                              : "second installment paid late");
		snprintf(ref, sizeof ref, "TARI/%d/%s", y, nav[0]);
		if ((rc = es_synth_anomaly(g, kind, s, "TARI", y, ref, det, err)) != ES_OK)
			return rc;
	}
	if (!by_f24)
		owed_f24 = tari + tefa;
	return balance_row(g, s, "TARI", y, tari + tefa, owed_f24, paid, "includes TEFA", err);
}

/* ---- one block: files, truth, payments ---- */

static void
unit_address(const unit *u, char *buf, size_t n)
{
	const es_synth_street *st = &es_synth_streets[u->street];

	snprintf(buf, n, "%s %s %d", es_synth_toponym(st->toponym), st->name, u->civico);
}

static es_rc
emit_block(gen *g, es_synth_rng *r, const block *b, es_err *err)
{
	char d1[16], d2[16], addr[96], ref[64], det[160];
	es_rc rc;
	int i, y;

	if ((rc = es_synth_write_block_cadastre(g, b, err)) != ES_OK)
		return rc;
	g->st->subjects += (uint64_t)b->ns;
	g->st->units += (uint64_t)b->nu;
	g->st->titles += (uint64_t)b->nt;
	for (i = 0; i < b->nr; i++) {
		const resid *rr = &b->R[i];
		const subj *s = &b->S[rr->s];
		es_synth_fmt_iso(rr->from, d1);
		es_synth_fmt_iso(rr->to, d2);
		unit_address(&b->U[rr->u], addr, sizeof addr);
		if ((rc = es_synth_put(g->res, err, "%llu,%s,\"%s\",%s,%llu,%d,%llu,\"%s\",%s,%s\n",
		                       (unsigned long long)s->id, s->cf, s->surname, s->name,
		                       (unsigned long long)rr->hh_id, rr->hh_size, (unsigned long long)b->U[rr->u].id,
		                       addr, d1, d2)) != ES_OK)
			return rc;
	}
	for (i = 0; i < b->nd; i++) {
		const decl *dc = &b->D[i];
		const subj *s = &b->S[dc->s];
		const unit *u = &b->U[dc->u];
		int cad = u->s[u->nsit - 1].surface;
		char key[16];

		es_synth_fmt_iso(dc->from, d1);
		es_synth_fmt_iso(dc->to, d2);
		unit_address(u, addr, sizeof addr);
		/* compute-dues(1), USERS (TARI): members for a domestic user,
		 * category for a non-domestic one, the other column empty */
		snprintf(key, sizeof key, "%d", dc->key);
		if ((rc = es_synth_put(g->decl, err, "%llu,%llu,%s,%llu,%c,%s,%s,%d,\"%s\",%s,%s\n",
		                       (unsigned long long)dc->id, (unsigned long long)s->id, s->cf,
		                       (unsigned long long)u->id, dc->type, dc->type == 'D' ? key : "",
		                       dc->type == 'N' ? key : "", dc->surface, addr, d1, d2)) != ES_OK)
			return rc;
		if (dc->under80 && cad > 0) {
			snprintf(ref, sizeof ref, "declaration %llu unit %llu", (unsigned long long)dc->id,
			         (unsigned long long)u->id);
			snprintf(det, sizeof det, "declared %d m2 < 80%% of cadastral %d m2 (%d m2)", dc->surface, cad,
			         cad * 8 / 10);
			if ((rc = es_synth_anomaly(g, "tari_surface_below_80", s, "TARI", 0, ref, det, err)) != ES_OK)
				return rc;
		}
	}
	for (i = 0; i < b->nt; i++) {
		const title *t = &b->T[i];
		if (t->den == 0) {
			snprintf(ref, sizeof ref, "title %llu unit %llu", (unsigned long long)t->tid,
			         (unsigned long long)b->U[t->u].id);
			if ((rc = es_synth_anomaly(g, "zero_share", &b->S[t->s], "IMU", 0, ref,
			                           "quota 0/0 regime C: truth splits equally", err)) != ES_OK)
				return rc;
		}
	}
	for (i = 0; i < b->ns; i++) {
		const subj *s = &b->S[i];
		if (strcmp(s->cf, s->cf_cad) != 0) {
			snprintf(det, sizeof det, "cadastre has %s, valid code is %s", s->cf_cad, s->cf);
			snprintf(ref, sizeof ref, "subject %llu", (unsigned long long)s->id);
			if ((rc = es_synth_anomaly(g, "invalid_cf", s, "", 0, ref, det, err)) != ES_OK)
				return rc;
		}
	}
	/* IMU per subject and year */
	for (i = 0; i < b->ns; i++) {
		const subj *s = &b->S[i];
		for (y = g->y0; y <= g->y1; y++) {
			acc a[8];
			int na = 0, k, m, dd;
			es_cents owed = 0, owed_f24 = 0, paid = 0;
			es_date due1, due2;

			if ((rc = imu_subject_year(g, b, i, y, a, &na, err)) != ES_OK)
				return rc;
			for (k = 0; k < na; k++)
				owed += a[k].annual;
			if (na == 0 || owed == 0)
				continue;
			if (owed < g->min_amount) {
				if ((rc = balance_row(g, s, "IMU", y, 0, 0, 0, "below_minimum", err)) != ES_OK)
					return rc;
				continue;
			}
			es_synth_imu_due_md(g->law, 0, &m, &dd);
			due1 = due_date(g, y, m, dd);
			es_synth_imu_due_md(g->law, 1, &m, &dd);
			due2 = due_date(g, y, m, dd);
			for (k = 0; k < na; k++) {
				es_cents sal = a[k].annual - a[k].acconto;
				owed_f24 += es_money_round_euro(a[k].acconto) + es_money_round_euro(sal);
				if ((rc = dues_row(g, s, "IMU", y, a[k].tributo, "acconto", due1, a[k].acconto,
				                   es_money_round_euro(a[k].acconto), NULL, err)) != ES_OK ||
				    (rc = dues_row(g, s, "IMU", y, a[k].tributo, "saldo", due2, sal,
				                   es_money_round_euro(sal), NULL, err)) != ES_OK)
					return rc;
			}
			if ((rc = imu_payments(g, r, s, y, a, na, &paid, err)) != ES_OK)
				return rc;
			if ((rc = balance_row(g, s, "IMU", y, owed, owed_f24, paid, "", err)) != ES_OK)
				return rc;
		}
	}
	/* TARI per declaration and year */
	for (i = 0; i < b->nd; i++)
		for (y = g->y0; y <= g->y1; y++)
			if ((rc = tari_decl_year(g, r, b, &b->D[i], y, err)) != ES_OK)
				return rc;
	/* a stranger pays IMU to our code by mistake (meant for another comune) */
	if (es_synth_rng_chance(r, P_FOREIGN_PAYER)) {
		subj x;
		f24line l;
		int yy = (int)es_synth_rng_range(r, g->y0, g->y1);
		es_date p = rand_date(r, yy, yy);
		char fref[128], r2[160];
		uint64_t keep = g->next_subj;
		make_person(g, r, &x, 1940, 1995, 0, NULL);
		g->next_subj = keep;      /* not a subject of this comune */
		x.id = 0;
		memset(&l, 0, sizeof l);
		memcpy(l.tributo, "3918", 5);
		l.year = yy;
		l.amount = es_synth_rng_range(r, 50, 900) * 100;
		l.nimm = 1;
		l.tipo_imposta = 'I';
		memcpy(l.rateazione, "0000", 5);
		memcpy(l.acc_saldo, "11", 3);
		if (p > g->cutoff)
			p = g->cutoff;
		if ((rc = es_synth_f24_delega(g, &x, p, &l, 1, false, fref, sizeof fref, err)) != ES_OK)
			return rc;
		snprintf(r2, sizeof r2, "%s/01", fref);
		if ((rc = pay_row(g, "F24", r2, NULL, x.cf, "IMU", yy, yy, "3918", "unica", NULL, NULL, p, l.amount,
		                  false, "wrong_belfiore_in", err)) != ES_OK)
			return rc;
		if ((rc = es_synth_put(g->anom, err, "%llu,wrong_belfiore_in,,%s,IMU,%d,%s,\"%s\"\n",
		                       (unsigned long long)g->next_anom++, x.cf, yy, r2,
		                       "payer unknown to this comune; money meant for another comune")) != ES_OK)
			return rc;
		g->st->anomalies++;
	}
	/* other revenues handed over for coercive collection */
	if (es_synth_rng_chance(r, P_LOAD)) {
		const subj *s = &b->S[0];
		bool fine = es_synth_rng_below(r, 3) != 0;
		int yy = (int)es_synth_rng_range(r, g->y0, g->y1 - 1);
		es_date act = rand_date(r, yy, yy), notif = act + (es_date)es_synth_rng_range(r, 20, 90);
		es_date exe = notif + 60;
		es_cents principal = fine ? es_synth_rng_range(r, 42, 420) * 100 + (es_synth_rng_below(r, 2) ? 0 : 50)
		                          : es_synth_rng_range(r, 300, 2400) * 100;
		es_cents costs = es_synth_rng_range(r, 500, 2000);
		char p1[ES_MONEY_BUFSZ], p2[ES_MONEY_BUFSZ], p3[ES_MONEY_BUFSZ], d3[16], name[160];
		unit_address(&b->U[0], addr, sizeof addr);
		es_synth_fmt_iso(act, d1);
		es_synth_fmt_iso(notif, d2);
		es_synth_fmt_iso(exe, d3);
		es_synth_fmt_money(principal, p1);
		es_synth_fmt_money(costs, p2);
		es_synth_fmt_money(principal + costs, p3);
		if (s->kind == 'G')
			snprintf(name, sizeof name, "%s", s->denom);
		else
			snprintf(name, sizeof name, "%s %s", s->surname, s->name);
		if ((rc = es_synth_put(g->loads, err,
		                       "L%06llu,%s/%d/%06llu,%s,\"%s\",%llu,%s,\"%s\",\"%s\",%d,%s,%s,%s,%s,0.00,0.00,%s,%s\n",
		                       (unsigned long long)g->next_load, fine ? "CDS" : "RENT", yy,
		                       (unsigned long long)g->next_load, fine ? "CDS" : "RENT",
		                       fine ? "sanzione codice della strada (verbale non pagato)"
		                            : "canone di locazione immobile comunale non pagato",
		                       (unsigned long long)s->id, s->cf, name, addr, yy, d1, d2, d3, p1, p2, p3)) != ES_OK)
			return rc;
		g->next_load++;
	}
	return ES_OK;
}

/* ---- setup ---- */

static void
make_parameters(gen *g)
{
	es_synth_rng r;
	int y, u, k;
	static const int base_rate[NUSE] = { 60, 106, 106, 10, 106 };
	static const int alt_rate[NUSE] = { 50, 96, 96, 10, 96 };
	/* example Ka/Kb shapes for the comune's own tariffs (cadastre-imu-tari.md §3.3-3.4) */
	static const int ka[6] = { 84, 98, 108, 116, 124, 130 };
	static const int kb[6] = { 80, 160, 200, 260, 320, 370 };

	es_synth_rng_seed(&r, g->o->seed, UINT64_C(0xFFFFFFFF00000001));
	for (u = 0; u < NUSE; u++) {
		int cur = es_synth_rng_below(&r, 2) ? base_rate[u] : alt_rate[u];
		for (y = 0; y <= NYEARS; y++) {
			if (y > 0 && es_synth_rng_chance(&r, 3000))
				cur = cur == base_rate[u] ? alt_rate[u] : base_rate[u];
			g->rate[y][u] = cur;
		}
	}
	{
		int64_t quf = es_synth_rng_range(&r, 3500, 5500);     /* euro/m2 scale 4 */
		int64_t cu = es_synth_rng_range(&r, 3500, 4500);      /* euro per Kb unit, scale 2 */
		int64_t qapf = es_synth_rng_range(&r, 6000, 9000);
		int64_t cud = es_synth_rng_range(&r, 2000, 3000);     /* euro/kg scale 4 */
		for (y = 0; y < NYEARS; y++) {
			int grow = 100 + 2 * y;
			for (k = 0; k < 6; k++) {
				g->dom_fixed[y][k] = quf * ka[k] / 100 * grow / 100;
				g->dom_var[y][k] = cu * kb[k] / 100 * grow / 100;
			}
			for (k = 0; k < ND_CATS; k++) {
				int kc = 40 + (k * 37) % 500;       /* 0.40 .. 5.39 */
				g->nd_fixed[y][k] = qapf * kc / 100 * grow / 100;
				g->nd_var[y][k] = cud * kc * 82 / 1000 * grow / 100;
			}
			g->tari_due[y][0] = due_date(g, g->y0 + y, 7, 31);
			g->tari_due[y][1] = due_date(g, g->y0 + y, 12, 2);
		}
	}
	g->tefa_bp = 500;
	g->min_amount = 1200;
	g->segregation = (int)es_synth_rng_range(&r, 1, 45);
	es_synth_cf_company(UINT64_C(8000000000) + es_synth_rng_below(&r, UINT64_C(999999999)), g->ente_cf);
}

static es_rc
open_out(gen *g, es_out **o, const char *name, const char *header, es_err *err)
{
	char path[4200];

	snprintf(path, sizeof path, "%s/%s", g->o->out_dir, name);
	if ((*o = es_out_open(path, err)) == NULL)
		return err ? err->rc : ES_EIO;
	return header ? es_out_puts(*o, header, err) : ES_OK;
}

static es_rc
make_dir(const char *base, const char *sub, es_err *err)
{
	char path[4200];

	if (sub)
		snprintf(path, sizeof path, "%s/%s", base, sub);
	else
		snprintf(path, sizeof path, "%s", base);
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		return es_err_errno(err, ES_EIO, "cannot create directory %s", path);
	return ES_OK;
}

static es_rc
close_all(gen *g, es_err *err)
{
	es_out **all[] = { &g->fab, &g->ter, &g->sog, &g->tit, &g->res, &g->decl, &g->notices, &g->dues, &g->pays, &g->anom,
	                   &g->units_t, &g->bal, &g->tari_t, &g->loads };
	es_rc rc = ES_OK, r2;
	size_t i;

	for (i = 0; i < ES_ARRAY_LEN(all); i++) {
		if (*all[i] == NULL)
			continue;
		r2 = es_out_close(*all[i], rc == ES_OK ? err : NULL);
		if (r2 != ES_OK && rc == ES_OK)
			rc = r2;
		*all[i] = NULL;
	}
	return rc;
}

es_rc
es_synth_run(const es_synth_opts *o, es_synth_stats *stats, es_err *err)
{
	static const char *const dirs[] = { "cadastre", "f24", "pagopa", "treasury", "truth", "coercive" };
	gen *g;
	es_synth_rng r;
	uint64_t made = 0, blockno = 0;
	char name[64];
	es_rc rc = ES_OK;
	size_t i;

	memset(stats, 0, sizeof *stats);
	if (o->year < ES_SYNTH_MIN_YEAR || o->year > ES_SYNTH_MAX_YEAR)
		return es_err_set(err, ES_ECONFIG, "--year must be between %d and %d (year-5 must be 2020 or later)",
		                  ES_SYNTH_MIN_YEAR, ES_SYNTH_MAX_YEAR);
	if (o->subjects < 1 || o->subjects > ES_SYNTH_MAX_SUBJECTS)
		return es_err_set(err, ES_ECONFIG, "--subjects must be between 1 and %llu",
		                  (unsigned long long)ES_SYNTH_MAX_SUBJECTS);
	if (o->belfiore == NULL || strlen(o->belfiore) != 4 || o->belfiore[0] < 'A' || o->belfiore[0] > 'Z' ||
	    !(o->belfiore[1] >= '0' && o->belfiore[1] <= '9') || !(o->belfiore[2] >= '0' && o->belfiore[2] <= '9') ||
	    !(o->belfiore[3] >= '0' && o->belfiore[3] <= '9'))
		return es_err_set(err, ES_ECONFIG, "--belfiore must be a letter and three digits, e.g. M999");
	if ((g = calloc(1, sizeof *g)) == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	g->o = o;
	g->st = stats;
	g->cfs = g_hash_table_new(g_direct_hash, g_direct_equal);
	memcpy(g->belf, o->belfiore, 5);
	snprintf(g->ente_name, sizeof g->ente_name, "COMUNE DI ESEMPIO %s", g->belf);
	g->y0 = o->year - (NYEARS - 1);
	g->y1 = o->year;
	g->cutoff = es_date_from_ymd(g->y1, 12, 31);
	g->next_subj = 1000001;
	g->next_unit = 50000001;
	g->next_title = 70000001;
	g->next_pay = 1;
	/* The comune's TARI notices were issued by its previous collection
	 * system, numbered in a range of their own (notices.csv); the ledger's
	 * sequence (compute-dues --post) starts at 1 and never meets them. */
	g->next_nav = SYNTH_NAV_BASE;
	g->next_anom = 1;
	g->next_hh = 1;
	g->next_decl = 1;
	g->next_load = 1;
	if ((g->law = es_synth_law_load(err)) == NULL) {
		rc = err ? err->rc : ES_ECONFIG;
		goto out;
	}
	if ((g->cal = es_rules_calendar_load(err)) == NULL) {
		rc = err ? err->rc : ES_ECONFIG;
		goto out;
	}
	make_parameters(g);
	if ((rc = make_dir(o->out_dir, NULL, err)) != ES_OK)
		goto out;
	for (i = 0; i < ES_ARRAY_LEN(dirs); i++)
		if ((rc = make_dir(o->out_dir, dirs[i], err)) != ES_OK)
			goto out;
	if ((rc = es_synth_write_params(g, err)) != ES_OK)
		goto out;
#define OPEN(field, nm, hdr) \
	if ((rc = open_out(g, &g->field, nm, hdr, err)) != ES_OK) goto out
	snprintf(name, sizeof name, "cadastre/%s0001.FAB", g->belf);
	OPEN(fab, name, NULL);
	snprintf(name, sizeof name, "cadastre/%s0001.TER", g->belf);
	OPEN(ter, name, NULL);
	snprintf(name, sizeof name, "cadastre/%s0001.SOG", g->belf);
	OPEN(sog, name, NULL);
	snprintf(name, sizeof name, "cadastre/%s0001.TIT", g->belf);
	OPEN(tit, name, NULL);
	OPEN(res, "residents.csv", "subject_id,tax_code,surname,name,household_id,household_size,unit_id,address,from,to\n");
	OPEN(decl, "tari-declarations.csv",
	     "declaration_id,subject_id,tax_code,unit_id,user_type,members,category,surface_m2,address,from,to\n");
	OPEN(notices, "notices.csv", "tax_code,tax,year,installment,notice_number,amount,due_date\n");
	OPEN(dues, "truth/dues.csv",
	     "subject_id,tax_code,tax,year,tributo,installment,due_date,amount,amount_f24,notice_number\n");
	OPEN(pays, "truth/payments.csv",
	     "payment_id,source,source_ref,subject_id,tax_code,tax,year,year_written,tributo,installment,"
	     "notice_number,iuv,paid_on,amount,counted,anomaly\n");
	OPEN(anom, "truth/anomalies.csv", "anomaly_id,kind,subject_id,tax_code,tax,year,ref,detail\n");
	OPEN(units_t, "truth/imu_units.csv",
	     "subject_id,tax_code,year,unit_id,category,right,share_num,share_den,rendita,multiplier,basis,"
	     "main_home,tributo,rate_pct,prev_rate_pct,months,months_h1,annual,acconto\n");
	OPEN(bal, "truth/balance.csv", "subject_id,tax_code,tax,year,owed,owed_f24,paid,balance,note\n");
	OPEN(tari_t, "truth/tari_users.csv",
	     "declaration_id,subject_id,tax_code,year,unit_id,user_type,key,surface_m2,days,tari,tefa\n");
	/* the load list emit-injunctions --loads reads (emit-injunctions(1)):
	 * reference is the handing office's act, due_on the day it had to be
	 * paid (60 days from notification: it is enforceable after that) */
	OPEN(loads, "coercive/load-list.csv",
	     "load_id,reference,revenue,description,subject_id,tax_code,name,address,year,act_date,notified_on,"
	     "due_on,principal,sanction,interest,costs,total\n");
#undef OPEN
	if ((rc = es_synth_pay_init(g, err)) != ES_OK)
		goto out;
	while (made < o->subjects) {
		block *b = malloc(sizeof *b);
		if (b == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			goto out;
		}
		es_synth_rng_seed(&r, o->seed, blockno++);
		build_block(g, &r, b, o->subjects - made);
		made += (uint64_t)b->ns;
		rc = emit_block(g, &r, b, err);
		free(b);
		if (rc != ES_OK)
			goto out;
		if (o->progress && o->progress_cb && (blockno & 1023) == 0)
			o->progress_cb("subjects", made);
	}
	rc = es_synth_pay_finish(g, err);
out:
	{
		es_rc r2 = close_all(g, rc == ES_OK ? err : NULL);
		if (rc == ES_OK)
			rc = r2;
	}
	es_synth_pay_cleanup(g);
	if (g->cfs != NULL)
		g_hash_table_destroy(g->cfs);
	es_synth_law_free(g->law);
	if (g->cal)
		es_calendar_free(g->cal);
	free(g);
	return rc;
}
