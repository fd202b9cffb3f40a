/* tari.h: TARI by the normalised method (D.P.R. 158/1999, Allegato 1
 * point 4; L. 147/2013 cc. 641-668) and TEFA (art. 19 D.Lgs. 504/1992),
 * as pure computation on values; shared/domain/cadastre-imu-tari.md §3.
 *
 * The coefficients and quotas are not law: they are the comune's tariff
 * resolution for the year, read from the office's tariff file
 * (es_tari_tariff_load; compute-dues(1), "TARIFF FILE").
 *
 * Scales: quotas (Quf, Quv, Qapf, Cu) in euro at scale 6; coefficients
 * (Ka, Kb, Kc, Kd) at scale 4; surfaces in m² at scale 2; rates and
 * installment shares in percent at scale 4.
 *
 * Ownership: es_tari_tariff_load returns a tariff freed with
 * es_tari_tariff_free; the rest works on caller values. */
#ifndef ES_DOMAIN_TARI_H
#define ES_DOMAIN_TARI_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"

#define ES_TARI_MAX_MEMBERS 6      /* "6 or more" (DPR 158/1999 tables 1a-2) */
#define ES_TARI_MAX_CATEGORY 99
#define ES_TARI_MAX_INSTALLMENTS 12

/* Domestic users, household of n: fixed Quf × S × Ka(n), variable
 * Quv × Kb(n) (euro per household).  Each part rounded half up to the cent. */
es_rc es_tari_domestic(int64_t quf, int64_t ka, int64_t surface, int64_t quv, int64_t kb,
                       es_cents *fixed, es_cents *variable, es_err *err);
/* Non-domestic users of a category: fixed Qapf × S × Kc, variable
 * Cu × S × Kd.  Each part rounded half up to the cent. */
es_rc es_tari_non_domestic(int64_t qapf, int64_t kc, int64_t surface, int64_t cu, int64_t kd,
                           es_cents *fixed, es_cents *variable, es_err *err);
/* The TARI of one user for `days` of a year of `year_days` days: the
 * fixed and variable parts above, added and prorated exactly and rounded
 * once, half up, to the cent (the parts as printed may differ from it by a
 * cent). */
es_rc es_tari_amount(bool domestic, int64_t quota_fixed, int64_t k_fixed, int64_t quota_variable, int64_t k_variable,
                     int64_t surface, int days, int year_days, es_cents *out, es_err *err);
/* The part of an annual amount for `days` days of a year of `year_days`
 * days, rounded half up. */
es_rc es_tari_prorata(es_cents annual, int days, int year_days, es_cents *out, es_err *err);
/* TEFA: amount × rate %, rounded half up (rate percent at scale 4). */
es_rc es_tari_tefa(es_cents tari, int64_t rate, es_cents *out, es_err *err);
/* Split total into n installments by shares (percent at scale 4, summing
 * to 100 %): each rounded down to the cent, the last takes the remainder,
 * so the parts always add up to total. */
es_rc es_tari_split(es_cents total, const int64_t *shares, size_t n, es_cents *out, es_err *err);

/* The comune's tariff for one year. */
typedef struct es_tari_coeff {
	bool set;
	int64_t quota_fixed, k_fixed, quota_variable, k_variable;
	uint64_t line;                 /* line of the tariff file, for --explain */
} es_tari_coeff;

typedef struct es_tari_installment {
	int number;                    /* 1..n; 0 = single payment of the whole */
	es_date due;
	int64_t share;                 /* percent, scale 4 */
} es_tari_installment;

typedef struct es_tari_tariff {
	int year;
	es_tari_coeff domestic[ES_TARI_MAX_MEMBERS + 1];      /* by members, 1..6 */
	es_tari_coeff non_domestic[ES_TARI_MAX_CATEGORY + 1]; /* by category, 1..99 */
	int64_t tefa_rate;             /* percent scale 4; -1 if the file gives none */
	es_tari_installment inst[ES_TARI_MAX_INSTALLMENTS + 1];
	size_t ninst;                  /* installments 1..n, in order */
	bool has_single;
	es_tari_installment single;    /* installment 0, when offered */
	char *path;
} es_tari_tariff;

/* Read the rows of `year` from a tariff file (columns year, kind, members,
 * category, quota_fixed, k_fixed, quota_variable, k_variable, rate,
 * installment, due_date, share; kind is domestic, non_domestic, tefa or
 * installment).  Any error is ES_ECONFIG naming file, line and column. */
es_tari_tariff *es_tari_tariff_load(const char *path, int year, es_err *err);
void es_tari_tariff_free(es_tari_tariff *t);

#endif
