/* coercive.h: the coercive phase (riscossione coattiva, L. 160/2019 cc.
 * 792-804; R.D. 639/1910; Title II DPR 602/1973).  Pure computation on
 * values and the data/ law tables: no database.
 *
 *   charges     the oneri di riscossione of c. 803 lett. a
 *               (collection_charges.csv): 3 % capped at 300 euro when paid
 *               by the 60th day from esecutivita, 6 % capped at 600 euro
 *               after; the base is tax + sanctions + interest, never the
 *               notification costs (law.md §4.2, §8.4, convention C6);
 *   thresholds  enforcement_thresholds.csv: no act under 10 euro (c. 794),
 *               a sollecito first up to 10,000 euro (c. 795), the payment,
 *               handover and mora terms (c. 792, 802), the intimazione
 *               (art. 50 DPR 602/1973), the coercive title's term (L.
 *               296/2006 c. 163), prescription, the Covid shift;
 *   next step   what an unpaid executive act needs on a date: nothing yet,
 *               a sollecito, an intimazione, or nothing ever (below the
 *               minimum, title expired, prescribed);
 *   measures    coercive_measures.csv: the precautionary and executive
 *               measures a debt admits, each with the rule that admits it;
 *   mora        interest from esecutivita + mora_start days (c. 802) at the
 *               legal rate plus the ente's spread (0..2 points), through
 *               es_interest_compute;
 *   loads       load_revenues.csv: the revenues handed over by other
 *               offices (CDS fines, rents, canone unico) and their interest
 *               rule (the semester surcharge of art. 27 L. 689/1981, or the
 *               legal rate).
 *
 * Ownership: es_coercive_rules_load returns rules freed with
 * es_coercive_rules_free; every `source`, `rule` and `name` string in a
 * result belongs to the rules. */
#ifndef ES_DOMAIN_COERCIVE_H
#define ES_DOMAIN_COERCIVE_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "domain/penalty.h"

typedef struct es_coercive_rules es_coercive_rules;

es_coercive_rules *es_coercive_rules_load(es_err *err);
void es_coercive_rules_free(es_coercive_rules *r);

/* --- oneri di riscossione (c. 803 lett. a) ------------------------------- */

typedef struct es_coercive_charge {
	const char *charge;       /* collection_charges, collection_charges_late */
	int64_t rate;             /* ES_PCT_SCALE */
	es_cents cap;
	int32_t within_days;      /* -1 for the late band */
	es_cents amount;          /* min(rate x base rounded half up, cap) */
	const char *source;
} es_coercive_charge;

/* Both bands on `base` (tax + sanctions + interest). */
es_rc es_coercive_charges(const es_coercive_rules *r, es_cents base, es_coercive_charge *early,
                          es_coercive_charge *late, es_err *err);
/* The band that applies to a payment on pay_date of an act executive on
 * esecutivita (C6: early when pay_date <= esecutivita + within_days). */
es_rc es_coercive_charge_on(const es_coercive_rules *r, es_cents base, es_date esecutivita, es_date pay_date,
                            es_coercive_charge *out, es_err *err);

/* --- thresholds and terms ------------------------------------------------ */

typedef struct es_coercive_threshold {
	es_cents amount;          /* -1 when the row has none */
	int32_t days;             /* -1 when none */
	int32_t years;            /* -1 when none */
	const char *effect;
	const char *legal_basis;
	const char *source;
} es_coercive_threshold;

es_rc es_coercive_threshold_get(const es_coercive_rules *r, const char *rule, es_coercive_threshold *out,
                            es_err *err);

/* The last day to notify the coercive title of an assessment that became
 * definitive on `definitive` (c. 163: 31 Dec of the 3rd following year),
 * moved by the Covid suspension when covid_shift is set and the term was
 * running on 8 Mar 2020. */
es_rc es_coercive_title_deadline(const es_coercive_rules *r, es_date definitive, bool covid_shift,
                                 es_date *out, es_err *err);
/* The day collection prescribes when the last interrupting act is `from`
 * (5 years; the Covid shift as above). */
es_rc es_coercive_prescription(const es_coercive_rules *r, es_date from, bool covid_shift, es_date *out,
                               es_err *err);

/* --- the next step ------------------------------------------------------- */

typedef enum es_coercive_step {
	ES_STEP_NONE = 0,         /* nothing to do yet (terms running) */
	ES_STEP_SOLLECITO,        /* c. 795: a reminder first */
	ES_STEP_INTIMAZIONE,      /* the intimazione ad adempiere before execution */
	ES_STEP_MEASURES,         /* ready for precautionary / executive measures */
	ES_STEP_BELOW_MINIMUM,    /* c. 794: never */
	ES_STEP_EXPIRED,          /* the title's term or prescription has passed */
	ES_STEP_PAID
} es_coercive_step;

const char *es_coercive_step_name(es_coercive_step s);

typedef struct es_coercive_case {
	es_cents debt;            /* what is still unpaid, costs included */
	es_date notified_on;      /* notification of the executive act */
	es_date sollecito_on;     /* ES_DATE_NONE if none sent */
	es_date intimazione_on;   /* ES_DATE_NONE if none notified */
	bool covid_shift;
	int32_t payment_days;     /* days to pay from notification; -1: the table's payment_term */
} es_coercive_case;

typedef struct es_coercive_decision {
	es_coercive_step step;
	es_date esecutivita;      /* notified_on + payment term */
	es_date handover;         /* esecutivita + handover days */
	es_date ready_on;         /* when the step becomes possible */
	es_date prescribed_on;
	const char *reason;       /* static text */
	const char *legal_basis;  /* of the table row that decided */
	const char *source;
} es_coercive_decision;

/* What an executive act (accertamento esecutivo, or an ingiunzione) needs on
 * as_of. */
es_rc es_coercive_next_step(const es_coercive_rules *r, const es_coercive_case *c, es_date as_of,
                            es_coercive_decision *out, es_err *err);

/* --- measures ------------------------------------------------------------ */

typedef struct es_coercive_facts {
	es_cents debt;
	bool plan_pending;        /* an instalment request pending or a plan running (c. 799) */
	bool only_home;           /* the debtor's only home, residential, resident, not A/8-A/9 */
	es_date ipoteca_on;       /* registration of an ipoteca, ES_DATE_NONE if none */
} es_coercive_facts;

typedef struct es_coercive_measure {
	const char *measure;      /* preavviso_fermo, ipoteca, ... */
	bool admitted;
	const char *rule;         /* the condition text of the table */
	const char *why;          /* static text when refused, "" when admitted */
	const char *source;
	int32_t notice_days;      /* -1 if none */
} es_coercive_measure;

#define ES_COERCIVE_MAX_MEASURES 16

/* Every measure of coercive_measures.csv, admitted or not, for the facts
 * on as_of.  *n receives the count. */
es_rc es_coercive_measures(const es_coercive_rules *r, const es_coercive_facts *f, es_date as_of,
                           es_coercive_measure out[ES_COERCIVE_MAX_MEASURES], size_t *n, es_err *err);

/* --- interest ------------------------------------------------------------- */

/* Mora interest (c. 802) on `principal` of an act executive on esecutivita,
 * from esecutivita + mora_start days (accrual the day after) to as_of, at
 * the legal rate plus spread (checked against mora_spread_max_pts). */
es_rc es_coercive_mora(const es_coercive_rules *r, const es_penalty_rules *pr, es_cents principal,
                       es_date esecutivita, es_date as_of, int64_t spread, es_daycount dc,
                       es_interest *out, es_err *err);

typedef struct es_coercive_revenue {
	const char *revenue;      /* CDS, RENT, CUP */
	const char *act_type;     /* ingiunzione */
	bool surcharge;           /* true: rate per period; false: legal interest */
	int64_t rate;             /* ES_PCT_SCALE, surcharge only */
	int32_t period_months;
	bool tax_interest;        /* legal rate + the ente's c. 165 spread */
	bool collection_charges;  /* the oneri of c. 803 apply */
	bool title_term;          /* the c. 163 term of the coercive title applies */
	const char *legal_basis;
	const char *source;
} es_coercive_revenue;

/* The row of load_revenues.csv for `revenue` (case-insensitive); ES_EDATA
 * naming the known ones if absent. */
es_rc es_coercive_revenue_get(const es_coercive_rules *r, const char *revenue, es_coercive_revenue *out,
                          es_err *err);
/* The interest a load row accrues from due_on to as_of: for a surcharge
 * revenue, rate x principal for every complete period elapsed; otherwise
 * the legal rate day by day (accrual from due_on + 1), plus `spread` for
 * a tax revenue (c. 165).  *periods receives
 * the count of complete periods (0 for legal interest). */
es_rc es_coercive_load_interest(const es_coercive_rules *r, const es_penalty_rules *pr,
                                const es_coercive_revenue *rev, es_cents principal, es_date due_on,
                                es_date as_of, int64_t spread, es_daycount dc, es_cents *out, int *periods,
                                es_err *err);

#endif
