/* penalty.h: what a late or missing payment costs, and until when it can
 * be assessed.  Pure computation on values and the data/ law tables: no
 * database, no I/O besides loading the tables.
 *
 *   es_interest_*   interest day by day (L. 296/2006 c. 165), simple,
 *                   split at each change of the legal rate
 *                   (legal_interest_rates.csv, interest_params.csv);
 *   es_penalty_*    the payment sanction (art. 13 D.Lgs. 471/1997, keyed by
 *                   violation date: sanction_payment_regimes.csv), the
 *                   ravvedimento operoso (ravvedimento_tiers.csv), the
 *                   declaration sanctions (sanction_declaration.csv) and
 *                   the notification costs (notification_costs.csv);
 *   es_terms_*      decadenza and declaration terms, with the Covid shift
 *                   (terms.csv).
 *
 * Conventions (law.md §8, documented in assess(1)):
 *   C1  interest days run from the day after the due date to the end date,
 *       both inclusive, split at every change of rate (1 January);
 *   C2  the basis is 365 for every year, or the actual days of each
 *       segment's year (366 in leap years) when asked;
 *   C3  every segment and every sanction piece is kept exact (es_exact);
 *       a caller sums what it needs and rounds once, half away from zero;
 *   C4  the violation date is the due date after the holiday shift; it
 *       selects the sanction regime;
 *   C5  days late d = payment date - due date.
 *
 * Percentages are fixed-point with ES_PCT_SCALE decimals (2.5 % = 25000).
 * Ownership: es_penalty_rules_load returns rules freed by
 * es_penalty_rules_free; the `regime`, `tier`, `source` and `legal_basis`
 * pointers in results belong to the rules and live as long as they do. */
#ifndef ES_DOMAIN_PENALTY_H
#define ES_DOMAIN_PENALTY_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"

#define ES_PCT_SCALE 4
#define ES_PCT_ONE INT64_C(10000)          /* 1 % */

/* An amount in cents multiplied by ES_EXACT_DEN, so that sums of fractions
 * (days/365, days/366, 1/15, 1/9, ...) stay exact until the final rounding.
 * ES_EXACT_DEN = 365 * 366 * 2520 * 15 * 10^6: divisible by both bases, by
 * every fraction denominator 1..10 and by 15 * 10 (the ravvedimento sprint
 * tier), and by the 10^6 of a scale-4 percentage. */
typedef __int128 es_exact;
#define ES_EXACT_DEN ((es_exact)INT64_C(5049702000000000))

/* Round an exact amount to the cent, half away from zero (C3). */
es_cents es_exact_round(es_exact x);

typedef struct es_penalty_rules es_penalty_rules;

/* Load every table named above from the data directory (rules.h) and
 * check them: ES_ECONFIG naming the table and line when one is malformed
 * or when two rows overlap. */
es_penalty_rules *es_penalty_rules_load(es_err *err);
void es_penalty_rules_free(es_penalty_rules *r);

/* A parameter of interest_params.csv (value, min, max at ES_PCT_SCALE);
 * ES_ECONFIG if absent.  source may be NULL. */
es_rc es_penalty_param(const es_penalty_rules *r, const char *name, int64_t *value,
                       int64_t *min, int64_t *max, const char **source, es_err *err);
/* A row of esecutivo_terms.csv: its days (or -1) and amount (or -1). */
es_rc es_penalty_esecutivo(const es_penalty_rules *r, const char *element, int64_t *days,
                           es_cents *amount, const char **source, es_err *err);
/* The value of an evasion_rules.csv rule for a tax, ES_PCT_SCALE. */
es_rc es_penalty_evasion_rule(const es_penalty_rules *r, const char *rule, const char *tax,
                              int64_t *value, const char **source, es_err *err);

/* --- interest ----------------------------------------------------------- */

typedef enum es_daycount {
	ES_DAYCOUNT_365 = 0,      /* every year on 365 days (default, C2) */
	ES_DAYCOUNT_ACTUAL = 1    /* each segment on its year's days: 366 in leap years */
} es_daycount;

#define ES_INTEREST_MAX_SEG 64

typedef struct es_interest_seg {
	es_date from, to;         /* inclusive */
	int32_t days;
	int64_t legal_rate;       /* the table's rate, ES_PCT_SCALE */
	int64_t rate;             /* legal_rate + spread, floored at 0 */
	int basis;                /* 365 or 366 */
	int year;                 /* the legal_interest_rates.csv row's year */
	const char *source;
	es_exact exact;           /* principal * rate * days / basis */
} es_interest_seg;

typedef struct es_interest {
	es_cents principal;
	es_date from, to;         /* first and last day of accrual; from > to: none */
	int32_t days;
	size_t nseg;
	es_interest_seg seg[ES_INTEREST_MAX_SEG];
	es_exact exact;
	es_cents amount;          /* exact rounded once (C3) */
} es_interest;

/* Interest on `principal` due on `due` (accrual from due + 1) up to and
 * including `end`, at each day's legal rate plus `spread` (points,
 * ES_PCT_SCALE; a negative sum is floored at 0).  end <= due gives zero
 * interest.  ES_ECONFIG when a day has no legal rate in the table. */
es_rc es_interest_compute(const es_penalty_rules *r, es_cents principal, es_date due, es_date end,
                          int64_t spread, es_daycount dc, es_interest *out, es_err *err);

/* --- the payment sanction (art. 13 D.Lgs. 471/1997) ---------------------- */

typedef enum es_sanction_kind {
	ES_SANCTION_NONE = 0,     /* paid on time */
	ES_SANCTION_FULL = 1,     /* never paid, or more than reduced_max_days late */
	ES_SANCTION_REDUCED = 2,  /* per_day_max_days < d <= reduced_max_days: halved */
	ES_SANCTION_PER_DAY = 3   /* 1 <= d <= per_day_max_days: halved * d / divisor */
} es_sanction_kind;

typedef struct es_sanction {
	es_sanction_kind kind;
	const char *regime;       /* pre_dlgs87, post_dlgs87, ... */
	const char *source;
	const char *legal_basis;
	int32_t days;             /* days late; -1 when never paid */
	int64_t base_pct;         /* the regime's base (30 %, 25 %) */
	int64_t pct;              /* the percentage applied before the per-day fraction */
	int32_t divisor;          /* per-day divisor (15) when kind is PER_DAY, else 1 */
	es_exact exact;
	es_cents amount;
} es_sanction;

/* The regime in force for a violation on `violation` (C4); NULL if none. */
const char *es_penalty_regime(const es_penalty_rules *r, es_date violation);

/* The sanction on `tax` due on `due` and paid on `paid` (ES_DATE_NONE:
 * never paid).  paid <= due gives ES_SANCTION_NONE and 0. */
es_rc es_penalty_payment_sanction(const es_penalty_rules *r, es_cents tax, es_date due,
                                  es_date paid, es_sanction *out, es_err *err);

/* --- ravvedimento operoso (art. 13 D.Lgs. 472/1997) ----------------------- */

typedef struct es_ravvedimento {
	const char *regime;
	const char *tier;         /* sprint, breve, intermedio, annuale, ... */
	const char *source;
	int32_t days;
	int64_t frac_num, frac_den;
	int64_t pct;              /* the sanction percentage the fraction applies to */
	int32_t divisor;          /* sprint tier: the per-day divisor (15), else 1 */
	es_exact sanction_exact;
	es_cents sanction;        /* rounded once */
	es_interest interest;     /* plain legal rate (ravvedimento_interest_spread_pts) */
	es_cents total;           /* tax + sanction + interest */
} es_ravvedimento;

/* What a spontaneous payment of `tax` (tax year `tax_year` of `tax_name`,
 * due `due`) made on `paid` must include.  decl is the declaration term
 * for the year (es_terms_declaration_due) and decl_next the following
 * year's; they select the annual tiers.  paid <= due: ES_EDATA. */
es_rc es_penalty_ravvedimento(const es_penalty_rules *r, es_cents tax, es_date due, es_date paid,
                              es_date decl, es_date decl_next, es_daycount dc,
                              es_ravvedimento *out, es_err *err);

/* --- declaration sanctions ---------------------------------------------- */

typedef struct es_decl_sanction {
	const char *regime;
	const char *source;
	int64_t pct;              /* applied percentage, or 0 for a fixed amount */
	es_cents floor;           /* eur_min, 0 if none */
	es_cents before_reduction;
	int64_t red_num, red_den; /* acquiescence fraction (1/3) */
	es_cents amount;
} es_decl_sanction;

/* The sanction for `violation` (omessa_dichiarazione,
 * infedele_dichiarazione, questionario) of tax year `year`.  For the
 * percentage violations `choice` is the percentage within [pct_min,
 * pct_max] (ES_PCT_SCALE) or -1 for the minimum; for the fixed-amount ones
 * it is the amount in cents within [eur_min, eur_max] or -1 for the
 * minimum.  Out of range: ES_ECONFIG.  acquiescence applies the reduction. */
es_rc es_penalty_declaration_sanction(const es_penalty_rules *r, const char *tax, int year,
                                      const char *violation, es_cents base, int64_t choice,
                                      bool acquiescence, es_decl_sanction *out, es_err *err);

/* --- notification costs (DM MEF 14/4/2023) -------------------------------- */

/* The cost of notifying by `channel` (pec, ar, raccomandata, messo, estero,
 * sollecito) on `on`.  A channel without a row in force is ES_ECONFIG: the
 * software never invents a cost. */
es_rc es_penalty_notification_cost(const es_penalty_rules *r, const char *channel, es_date on,
                                   es_cents *out, const char **source, es_err *err);

/* --- terms -------------------------------------------------------------- */

typedef struct es_term {
	es_date ordinary;         /* the term without the Covid shift */
	es_date deadline;         /* the term that applies */
	int32_t shift_days;       /* 0, or the Covid shift applied */
	const char *source;
	const char *covid_source; /* NULL when not shifted */
} es_term;

/* The decadenza term `term` (decadenza_versamento: anchor_year = the year
 * the payment was due; decadenza_dichiarazione: the year the declaration
 * was due).  `started` is the violation date: with covid_shift the term
 * moves by the suspension when it was running on the pending_on date
 * (started < pending_on <= ordinary). */
es_rc es_terms_decadenza(const es_penalty_rules *r, const char *term, int anchor_year,
                         es_date started, bool covid_shift, es_term *out, es_err *err);
/* The declaration term of tax `tax` for tax year `year` (IMU: 30 June of
 * the following year). */
es_rc es_terms_declaration_due(const es_penalty_rules *r, const char *tax, int year,
                               es_date *out, const char **source, es_err *err);

#endif
