/* gen.h: the generator's internal state, shared by gen.c (blocks, truth),
 * pay.c (payments and the files that carry them) and out.c. */
#ifndef ES_SYNTH_GEN_H
#define ES_SYNTH_GEN_H

#include "es_setup.h"
#include <stdio.h>
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "io/stream.h"
#include <glib.h>
#include "synth/synth.h"

#define NYEARS 6
#define MAXS 6
#define MAXU 12
#define MAXT 24
#define MAXR 6
#define MAXD 6
#define NPSP 2
#define ND_CATS 30

enum use { USE_MAIN = 0, USE_ALTRI, USE_D, USE_RURAL, USE_TERRENI, NUSE };

typedef struct subj {
	uint64_t id;
	char kind;                /* P or G */
	char surname[48], name[24];
	char sex;                 /* M F */
	int by, bm, bd, place;
	char cf[17];              /* the true codice fiscale */
	char cf_cad[17];          /* as written in the cadastre (maybe invalid) */
	char denom[96];
	bool deceased;
} subj;

typedef struct sit {
	es_date from, to;         /* efficacia of the atto generante / conclusivo */
	es_cents rendita;
	char cat[4], cls[3];
	int cons10;               /* consistenza in tenths */
	int surface;              /* m2, 0 = not given */
	char caus[4];
	const char *caus_desc;
	int nota_num;
} sit;

typedef struct unit {
	uint64_t id;
	char kind;                /* F or T */
	int nsit;
	sit s[2];
	int foglio, numero, sub, street, civico;
	int qualita, ter_cls, ha, are, ca;
	es_cents rd, ra;
} unit;

typedef struct title {
	int s, u;
	char right[4];            /* "10", "20", "80", "3 " ... */
	int num, den;
	char regime;              /* ' ' C P S */
	int ref;                  /* index of the spouse for regime C, -1 */
	es_date from, to;         /* to = day of the closing act (excluded) */
	uint64_t tid;
	bool old_record;
	bool succession;          /* acquired by inheritance */
} title;

typedef struct resid {
	int s, u;
	es_date from, to;         /* to excluded; ES_DATE_NONE open */
	int hh_size;
	uint64_t hh_id;
} resid;

typedef struct decl {
	int s, u;
	char type;                /* D domestic, N non-domestic */
	int key;                  /* members (D) or category 1..30 (N) */
	int surface;
	es_date from, to;
	bool under80;
	uint64_t id, uid;
} decl;

typedef struct block {
	int ns, nu, nt, nr, nd;
	subj S[MAXS];
	unit U[MAXU];
	title T[MAXT];
	resid R[MAXR];
	decl D[MAXD];
} block;

typedef struct f24slot {
	FILE *spool, *g9;
	uint32_t ng1, ng9, ndelega;
	es_cents imu_comune, imu_ifel_base, tari_comune;
	int ifel_year;
} f24slot;

typedef struct fdrslot {
	FILE *spool;
	uint32_t n;
	es_cents total;
	es_cents last_amount;     /* for the re-issued flow */
	long last_offset;         /* spool offset where the last item starts */
} fdrslot;

typedef struct gen {
	const es_synth_opts *o;
	es_synth_stats *st;
	es_synth_law *law;
	es_calendar *cal;
	char belf[5];
	char ente_cf[12];
	char ente_name[64];
	int y0, y1;
	es_date cutoff;
	es_out *fab, *ter, *sog, *tit, *res, *decl, *notices, *dues, *pays, *anom, *units_t, *bal, *tari_t, *loads;
	uint64_t next_subj, next_unit, next_title, next_nav, next_pay, next_anom, next_hh, next_decl, next_load;
	int rate[NYEARS + 1][NUSE];          /* basis points of percent; index 0 = y0-1 */
	int64_t dom_fixed[NYEARS][6];        /* euro/m2, scale 4 */
	es_cents dom_var[NYEARS][6];         /* cents per household */
	int64_t nd_fixed[NYEARS][ND_CATS], nd_var[NYEARS][ND_CATS];
	int tefa_bp;
	es_date tari_due[NYEARS][2];
	es_cents min_amount;
	int segregation;
	/* payments */
	char spooldir[4096];
	es_date base_monday;
	f24slot *f24;
	size_t nf24;
	fdrslot fdr[NYEARS * 12 + 2][NPSP];
	GHashTable *cfs;                     /* the codes given so far (unique_cf) */
} gen;

#define YI(g, y) ((y) - (g)->y0)

/* out.c */
es_rc es_synth_put(es_out *o, es_err *err, const char *fmt, ...) ES_PRINTF(3, 4);
void es_synth_fmt_comma(es_cents c, char *buf, size_t n);  /* 1057,45  932,2  42787 */
void es_synth_fmt_ddmmyyyy(es_date d, char *buf);          /* "" for NONE */
void es_synth_fmt_iso(es_date d, char *buf);
void es_synth_fmt_money(es_cents c, char *buf);            /* 1234.50 */
es_rc es_synth_write_params(gen *g, es_err *err);
es_rc es_synth_write_block_cadastre(gen *g, const block *b, es_err *err);

/* pay.c */
es_rc es_synth_pay_init(gen *g, es_err *err);
typedef struct f24line {
	char tributo[5];
	int year;                  /* anno di riferimento written */
	es_cents amount;           /* whole euro, in cents */
	es_cents deduction;
	int nimm;
	char tipo_imposta;
	char rateazione[5];
	char acc_saldo[3];         /* "10" acconto, "01" saldo, "11" unica */
} f24line;
/* One F24 delega of lines paid on `paid`; returns the reference of the
 * delega ("file/delega") in ref.  cancelled adds G9 records. */
es_rc es_synth_f24_delega(gen *g, const subj *s, es_date paid, const f24line *lines, int n,
                          bool cancelled, char *ref, size_t refsz, es_err *err);
/* One pagoPA payment of a notice. */
es_rc es_synth_fdr_item(gen *g, const char *iuv, es_date paid, es_cents amount, uint64_t pay_id,
                        char *ref, size_t refsz, es_err *err);
es_rc es_synth_pay_finish(gen *g, es_err *err);
void es_synth_pay_cleanup(gen *g);
es_rc es_synth_anomaly(gen *g, const char *kind, const subj *s, const char *tax, int year,
                       const char *ref, const char *detail, es_err *err);
es_date es_synth_f24_file_date(const gen *g, es_date paid);

#endif
