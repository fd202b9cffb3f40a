/* installments.h: instalment plans (rateizzazione, L. 160/2019 cc. 796-802).
 * Pure computation on values and the data/ law tables: no database.
 *
 *   bands      instalment_bands.csv: the number of monthly instalments the
 *              debt allows (c. 796; an ente's regulation may replace the
 *              table, but c. 797 keeps at least 36 above 6,000.01 euro);
 *   rules      instalment_rules.csv: lapse (c. 800), due day (c. 801),
 *              extension (c. 798);
 *   schedule   principal split in equal instalments truncated to the cent,
 *              the remainder on the last one (law.md §8 C3); instalment k
 *              due on the last day of the k-th month after the grant
 *              (c. 801); simple interest on each instalment's principal
 *              from the day after the grant to its due date, at the legal
 *              rate in force on the grant date plus the ente's spread (c.
 *              802), fixed for the whole plan (the rates of future years
 *              are unknown when the notices are printed), rounded once per
 *              instalment;
 *   lapse      the plan lapses when `lapse_unpaid` instalments, even not
 *              consecutive, are unpaid within `lapse_window_months`, after
 *              an express reminder (sollecito) sent once the first of them
 *              was overdue (c. 800); the balance is then due at once.
 *
 * The band is looked up on the debt put into instalments, compared in
 * integer cents (C7).  Ownership: es_installments_rules_load returns rules
 * freed with es_installments_rules_free; `source` strings in results belong
 * to the rules.  A plan's instalment array is freed with
 * es_installments_plan_free. */
#ifndef ES_DOMAIN_INSTALLMENTS_H
#define ES_DOMAIN_INSTALLMENTS_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "domain/penalty.h"

typedef struct es_installments_rules es_installments_rules;

/* Load instalment_bands.csv (or bands_path, an ente's own table with the
 * same columns, when not NULL) and instalment_rules.csv; check that the
 * bands are contiguous from 0.00, that min <= max, and that c. 797 holds.
 * ES_ECONFIG naming table and line otherwise. */
es_installments_rules *es_installments_rules_load(const char *bands_path, es_err *err);
void es_installments_rules_free(es_installments_rules *r);

/* A parameter of instalment_rules.csv (integer); ES_ECONFIG if absent. */
es_rc es_installments_param(const es_installments_rules *r, const char *name, int64_t *value,
                            const char **source, es_err *err);

typedef struct es_installments_band {
	es_cents from, to;        /* to -1: open-ended */
	int min, max;             /* 0, 0: no instalments */
	const char *source;
	const char *legal_basis;
} es_installments_band;

/* The band of `debt`.  A debt in no band, or in a band that allows no
 * instalments, is ES_EDATA with the reason; out is filled when a band
 * was found. */
es_rc es_installments_band_of(const es_installments_rules *r, es_cents debt, es_installments_band *out,
                              es_err *err);

typedef struct es_installment {
	int number;               /* 1..n */
	es_date due_date;
	es_cents principal;
	es_cents interest;
	es_cents amount;          /* principal + interest */
	es_cents paid;            /* filled by the caller for es_installments_lapse */
} es_installment;

typedef struct es_installments_plan {
	es_cents debt;
	es_date granted;
	int months;
	int64_t spread;           /* points over the legal rate, ES_PCT_SCALE */
	es_installments_band band;
	size_t n;
	es_installment *inst;     /* n entries, owned by the plan */
	es_cents total_interest;
	es_cents total;
} es_installments_plan;

/* Build the plan of `debt` granted on `granted` in `months` instalments
 * (0: the band's maximum).  spread is checked against
 * instalment_interest_spread_max_pts of interest_params.csv (ES_ECONFIG
 * outside it).  A number of instalments outside the band is ES_EDATA
 * naming the band.  pr gives the legal rates. */
es_rc es_installments_plan_build(const es_installments_rules *r, const es_penalty_rules *pr, es_cents debt,
                                 es_date granted, int months, int64_t spread, es_daycount dc,
                                 es_installments_plan *out, es_err *err);
void es_installments_plan_free(es_installments_plan *p);

typedef struct es_installments_lapse {
	bool lapsed;
	int unpaid;               /* overdue instalments not fully paid on as_of */
	int first_unpaid, second_unpaid;   /* numbers of the pair that lapsed the plan, 0 if none */
	es_date lapsed_on;        /* the later of the second due date and the reminder */
	es_cents balance;         /* due at once: unpaid principal of every instalment
	                           * plus the interest of the overdue ones, less what was paid */
	const char *reason;       /* static text: why it lapsed or not */
} es_installments_lapse;

/* Is the plan (instalments with `paid` filled) lapsed on as_of, given the
 * reminder sent on `reminded_on` (ES_DATE_NONE: none)? */
es_rc es_installments_check_lapse(const es_installments_rules *r, const es_installment *inst, size_t n,
                            es_date reminded_on, es_date as_of, es_installments_lapse *out, es_err *err);

#endif
