/* assess.h: violation detection for one subject, tax and year.
 *
 * What was due (due lines: installment x tributo x unit) is compared with
 * what was paid.  Payments are applied in order of payment date (then of
 * payment id) to the due lines in order of due date (then installment,
 * then input order): the earliest due installment is paid first, whatever
 * codice tributo the payment carries (a wrong code is not a violation).
 * Each line is then split into pieces:
 *
 *   on time      paid on or before the due date (C4: after the holiday shift);
 *   late         paid after the due date and on or before the act date:
 *                sanction by days late, interest from the day after the
 *                due date to the payment date;
 *   ravvedimento a payment flagged as ravvedimento: if it covers tax,
 *                sanction and interest of the tier (es_penalty_ravvedimento)
 *                the violation is extinguished; a short one regularises the
 *                proportional share of the tax (amount * tax / required,
 *                rounded down) and the rest stays unpaid;
 *   after act    paid after the act date: counts as tax paid, but sanction
 *                and interest run as for unpaid tax up to the act date;
 *   unpaid       the full sanction and interest up to the act date.
 *
 * A line's violation is `omitted` (nothing paid), `partial` (less than due
 * paid by the act date), `late` (all paid, some after the due date),
 * `regularized` (ravvedimento) or `paid`.  Lines whose decadenza term has
 * passed on the act date are `time-barred`: outside the act, listed.
 * Sanction and interest are rounded once per line (C3).
 *
 * Ownership: es_assess_compute fills a result that the caller releases
 * with es_assess_result_clear; it points into the input (lines, payments),
 * which must outlive it. */
#ifndef ES_DOMAIN_ASSESS_H
#define ES_DOMAIN_ASSESS_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "domain/penalty.h"

typedef struct es_assess_line {
	const char *tributo;
	const char *unit_id;
	int installment;
	es_date due_date;         /* as given; the holiday shift is applied */
	es_cents amount_due;
	const char *declaration;  /* "", omessa_dichiarazione or infedele_dichiarazione */
	uint64_t src_line;        /* input line, for messages */
	void *user;               /* caller's row (passed through) */
} es_assess_line;

typedef struct es_assess_payment {
	const char *payment_id;
	es_date paid_on;
	es_cents amount;
	bool ravvedimento;        /* the F24 "Ravv." box, or a flagged pagoPA payment */
} es_assess_payment;

typedef struct es_assess_opts {
	es_date as_of;            /* the act date: interest and terms are computed to it */
	int64_t spread;           /* points over the legal rate, ES_PCT_SCALE */
	es_daycount daycount;
	bool covid_shift;
	es_cents min_amount;      /* below it (tax + sanction + interest) no act */
	const char *channel;      /* notification channel for the costs; NULL: no costs */
	int64_t decl_choice;      /* declaration sanction: pct (ES_PCT_SCALE) or -1 = minimum */
	bool cumulo_max_only;     /* declaration + payment sanction: keep the larger only */
	const es_calendar *cal;   /* working days for the due-date shift; NULL: no shift */
} es_assess_opts;

typedef enum es_piece_kind {
	ES_PIECE_ON_TIME = 0,
	ES_PIECE_LATE,
	ES_PIECE_RAVVEDIMENTO,
	ES_PIECE_AFTER_ACT,
	ES_PIECE_UNPAID
} es_piece_kind;

typedef struct es_assess_piece {
	es_piece_kind kind;
	es_cents amount;          /* tax */
	es_date paid_on;          /* ES_DATE_NONE when unpaid */
	const char *payment_id;
	es_sanction sanction;
	es_interest interest;
	es_ravvedimento ravv;     /* kind RAVVEDIMENTO */
	es_cents ravv_paid;       /* what the payment gave for this piece, tax included */
} es_assess_piece;

typedef struct es_assess_line_result {
	const es_assess_line *line;
	es_date due;              /* after the holiday shift */
	const char *violation;    /* omitted, partial, late, regularized, paid, time-barred */
	bool time_barred;
	es_term term;
	es_cents paid;            /* all tax paid, at any date */
	es_cents paid_late;
	es_cents unpaid;          /* due - paid */
	int32_t days_late;        /* largest d of the late pieces, 0 if none */
	es_date last_paid_on;
	size_t npieces;
	es_assess_piece *pieces;
	es_exact sanction_exact, interest_exact;
	es_cents sanction;        /* payment sanction (+ declaration sanction) */
	es_cents sanction_reducible; /* the declaration part, reducible to 1/3 */
	es_cents sanction_acquiescence; /* sanction if the taxpayer acquiesces */
	es_cents interest;
	bool has_decl;
	es_decl_sanction decl;
} es_assess_line_result;

typedef enum es_assess_outcome {
	ES_ASSESS_NOTHING = 0,    /* nothing to assess: all paid on time or regularised */
	ES_ASSESS_ACT,            /* an act is due */
	ES_ASSESS_BELOW_MIN,      /* below min_amount: listed, no act */
	ES_ASSESS_TIME_BARRED     /* every line with a violation is past its decadenza */
} es_assess_outcome;

typedef struct es_assess_result {
	es_assess_outcome outcome;
	const char *tax_code, *tax;
	int year;
	size_t nlines;
	es_assess_line_result *lines;
	/* Over the lines inside the act (not time-barred). */
	es_cents tax_due, tax_paid, tax_unpaid, sanction, sanction_acquiescence, interest;
	es_cents costs;           /* notification */
	const char *costs_source;
	es_cents total;           /* tax_unpaid + sanction + interest + costs */
	/* Over the time-barred lines. */
	es_cents barred_unpaid, barred_sanction, barred_interest;
	es_date barred_deadline;  /* the latest passed term */
	es_cents excess;          /* paid beyond everything due (a possible refund) */
} es_assess_result;

/* Assess one subject, tax and year.  lines and payments may be in any
 * order; they are not modified (the result holds sorted views).  ES_EDATA
 * for an inconsistent input (negative amount), ES_ECONFIG for a table
 * problem, ES_ENOMEM. */
es_rc es_assess_compute(const es_penalty_rules *r, const char *tax_code, const char *tax, int year,
                        const es_assess_line *lines, size_t nlines, const es_assess_payment *payments,
                        size_t npayments, const es_assess_opts *opts, es_assess_result *out, es_err *err);
void es_assess_result_clear(es_assess_result *res);

const char *es_assess_piece_name(es_piece_kind k);
const char *es_assess_sanction_name(es_sanction_kind k);

#endif
