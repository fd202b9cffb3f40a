/* synth.h: esattore-synth, a deterministic synthetic municipality in the
 * real file formats (cadastre, F24 supply, pagoPA FdR, OPI giornale di
 * cassa) with its ground truth (esattore-synth(1)).
 *
 * Everything is a pure function of (subjects, year, seed, belfiore): the
 * same options give byte-identical files.  Subjects are generated in small
 * blocks (a household, a sale, an inheritance...), each from its own PRNG
 * stream, and written out at once, so memory does not grow with --subjects.
 *
 * The ground truth is computed here, independently of compute-dues, from
 * the rules of shared/domain/cadastre-imu-tari.md (§2 IMU, §3 TARI) and the
 * law tables data/imu_multipliers.csv, data/imu_params.csv,
 * data/codici_tributo.csv, data/ifel_rates.csv.
 *
 * Ownership: nothing returned here needs freeing except es_synth_law
 * (es_synth_law_free). */
#ifndef ES_SYNTH_SYNTH_H
#define ES_SYNTH_SYNTH_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"

/* ---- deterministic PRNG: xoshiro256** seeded through splitmix64 ---- */
typedef struct es_synth_rng {
	uint64_t s[4];
} es_synth_rng;

uint64_t es_synth_splitmix64(uint64_t *state);
/* Seed the stream number `stream` of the generator `seed`. */
void es_synth_rng_seed(es_synth_rng *r, uint64_t seed, uint64_t stream);
uint64_t es_synth_rng_next(es_synth_rng *r);
/* Uniform in [0, n) without modulo bias; n > 0. */
uint64_t es_synth_rng_below(es_synth_rng *r, uint64_t n);
/* Uniform in [lo, hi]. */
int64_t es_synth_rng_range(es_synth_rng *r, int64_t lo, int64_t hi);
/* True with probability per10000 / 10000. */
bool es_synth_rng_chance(es_synth_rng *r, unsigned per10000);

/* ---- months of possession (L. 160/2019 c. 761; domain §2.4) ----
 * [start, end] is the possession interval, both days included; ES_DATE_NONE
 * means open (from before / beyond the year).  A month counts if more than
 * half of its days are inside, or exactly half and start falls in it (the
 * day of transfer counts for the acquirer).  *months gets the months of the
 * year, *months_h1 those of January-June. */
void es_synth_months(es_date start, es_date end, int year, int *months, int *months_h1);

/* ---- the law tables used by the ground truth ---- */
typedef struct es_synth_law es_synth_law;

/* Load the tables from the data directory (rules.h, es_datadir). */
es_synth_law *es_synth_law_load(es_err *err);
void es_synth_law_free(es_synth_law *law);
/* Multiplier for a category ("A02", "D05", "TER") valid on 1 January of
 * year; exact categories win over patterns ("A*").  ES_EDATA if none. */
es_rc es_synth_multiplier(const es_synth_law *law, const char *category, int year, int *mult, es_err *err);
/* Revaluation percent of the rendita (5) and of the reddito dominicale (25). */
int es_synth_rendita_reval_pct(const es_synth_law *law);
int es_synth_rd_reval_pct(const es_synth_law *law);
/* State share of the group-D rate, in basis points of percent (0.76% = 76). */
int es_synth_d_state_bp(const es_synth_law *law, int year);
es_cents es_synth_main_home_deduction(const es_synth_law *law);
void es_synth_imu_due_md(const es_synth_law *law, int installment, int *month, int *day);
/* IFEL rate in hundredths of per mille (0.56 per mille = 56) for a year. */
int es_synth_ifel_rate(const es_synth_law *law, int year);
/* Does the IFEL contribution apply to this codice tributo?  Does its money
 * go to the comune (not the State or the province)? */
bool es_synth_tributo_ifel(const es_synth_law *law, const char *code);
bool es_synth_tributo_comune(const es_synth_law *law, const char *code);

/* ---- ground-truth arithmetic (one rounding, half up, to the cent) ---- */
/* IMU base (c. 745-746): value * (100 + reval_pct) / 100 * multiplier,
 * rounded to the cent.  value is the rendita or the reddito dominicale. */
es_cents es_synth_imu_base(es_cents value, int reval_pct, int multiplier);
/* Tax of one holder: base * rate_bp/10000 % * share * months/12. */
es_cents es_synth_imu_tax(es_cents base, int rate_bp, int share_num, int share_den, int months);
/* Main-home deduction for a holder: deduction * share * months / 12. */
es_cents es_synth_imu_deduction(es_cents deduction, int share_num, int share_den, int months);
/* TARI for a period: (fixed_per_m2 (scale 4 euro) * surface + variable
 * (cents per household, domestic) or variable_per_m2 (scale 4, non-
 * domestic) * surface) * days / days_in_year. */
es_cents es_synth_tari_domestic(int64_t fixed_m2_e4, int surface, es_cents variable, int days, int days_in_year);
es_cents es_synth_tari_nondomestic(int64_t fixed_m2_e4, int64_t variable_m2_e4, int surface, int days, int days_in_year);
/* TEFA: amount * pct_bp / 10000 (5.00% = 500), half up. */
es_cents es_synth_tefa(es_cents tari, int pct_bp);

/* ---- synthetic identities ---- */
/* A person's codice fiscale (16 chars + NUL) from the name rules. */
void es_synth_cf_person(const char *surname, const char *name, int y, int m, int d, char sex,
                        const char *place, char out[17]);
/* A company's 11-digit codice fiscale from a 10-digit stem. */
void es_synth_cf_company(uint64_t stem, char out[12]);

/* An Italian IBAN (27 characters + NUL) with valid CIN and check digits. */
void es_synth_iban(const char *abi, const char *cab, uint64_t account, char out[28]);

/* ---- the generator ---- */
typedef struct es_synth_opts {
	const char *out_dir;
	uint64_t subjects;
	int year;                /* last year; files cover year-5 .. year */
	uint64_t seed;
	const char *belfiore;    /* 4 characters */
	bool progress;           /* call progress_cb now and then */
	void (*progress_cb)(const char *what, uint64_t n);
} es_synth_opts;

typedef struct es_synth_stats {
	uint64_t subjects, units, titles;
	uint64_t dues_rows, payments, anomalies;
	uint64_t f24_files, fdr_files, opi_files;
} es_synth_stats;

#define ES_SYNTH_MIN_YEAR 2025   /* year-5 >= 2020: L. 160/2019 rules only */
#define ES_SYNTH_MAX_YEAR 2098
#define ES_SYNTH_MAX_SUBJECTS UINT64_C(20000000)

es_rc es_synth_run(const es_synth_opts *opts, es_synth_stats *stats, es_err *err);

#endif
