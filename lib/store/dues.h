/* dues.h: what compute-dues reads from and writes to the ledger.
 *
 * Reading: the titles (holdings) that overlap a tax year, joined with
 * their unit, the unit's situation in force on the first day of the
 * holder's possession in the year (1 January or the day of acquisition;
 * for a unit that appears later, its first situation of the year) and the
 * holder's tax code, ordered by tax code then unit, so that a caller can
 * take one taxpayer at a time and never hold the whole municipality.
 *
 * Side inputs (residents, reductions, TARI users) are loaded into TEMP
 * tables of the ledger connection: SQLite keeps them on disk when they
 * grow, and they vanish with the connection.
 *
 * Writing (--post): debt positions (phase S1), their due lines and one
 * pagoPA notice per installment, with notice numbers from the persistent
 * "nav" sequence.  Re-running for the same tax and year replaces the due
 * lines and amounts, keeps the notice numbers already given, and never
 * duplicates a position or a notice.
 *
 * Ownership: readers are freed with their _close; the es_dues_holding
 * returned by es_dues_holdings_next belongs to the reader and is valid
 * until the next call. */
#ifndef ES_STORE_DUES_H
#define ES_STORE_DUES_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "store/ledger.h"

typedef struct es_dues_holding {
	int64_t title_id;
	const char *unit_id;
	const char *subject_id;
	const char *tax_code;      /* "" when the subject is missing or has none */
	const char *right_code;    /* verbatim */
	char kind;                 /* 'F' building, 'T' land */
	bool share_known;          /* false when NULL or 0/0 */
	int64_t share_num, share_den;
	const char *regime;
	const char *share_rule;    /* how import-cadastre set the share: "file",
	                              "equal", "remainder", "spouse", "unresolved" or "" */
	es_date valid_from, valid_to;   /* ES_DATE_NONE when empty */
	bool has_situation;
	es_date sit_from, sit_to;  /* the situation's validity (to: the day it ended) */
	                           /* (not used to cut the possession: see above) */
	const char *category;      /* as stored ("A02" or "A/2"); "" if none */
	bool has_rendita;
	es_cents rendita;
	bool has_rd;
	es_cents reddito_dominicale;
	const char *partita;
} es_dues_holding;

typedef struct es_dues_reader es_dues_reader;

es_dues_reader *es_dues_holdings_open(es_ledger *l, int year, es_err *err);
/* ES_OK with *h, ES_EOF at the end, or a failure. */
es_rc es_dues_holdings_next(es_dues_reader *r, const es_dues_holding **h, es_err *err);
void es_dues_holdings_close(es_dues_reader *r);

/* The side queries of a run (shares, residents, reductions, TARI users)
 * through one handle that keeps their prepared statements; freed with
 * es_dues_side_close before the ledger is closed. */
typedef struct es_dues_side es_dues_side;
es_dues_side *es_dues_side_open(es_ledger *l, es_err *err);
void es_dues_side_close(es_dues_side *s);

/* The other holders of the same right on the same unit in the year, for the
 * 0/0 share fallback: *n_unknown counts holders (this one included) with
 * no share, *known_num over *known_den is the sum of the known shares, reduced. */
es_rc es_dues_share_peers(es_dues_side *s, const char *unit_id, const char *right_code, int year,
                          int *n_unknown, int64_t *known_num, int64_t *known_den, es_err *err);

/* Residents (main-home status): tax_code lived in unit_id from `from` to
 * `to` (the day it ended, not included, as a title's valid_to;
 * ES_DATE_NONE = open). */
es_rc es_dues_residents_begin(es_dues_side *s, es_err *err);
es_rc es_dues_residents_add(es_dues_side *s, const char *tax_code, const char *unit_id, es_date from, es_date to,
                            es_err *err);
/* The residence periods of tax_code, every unit's: unit_id as the
 * residents file gives it (the ledger's unit_id or the identificativo
 * alone, es_dues_residence_unit), [from, to) in order of from.  One
 * ordered scan of the residents serves the tax codes asked for in
 * increasing order (strcmp, as es_dues_holdings_next gives them); a
 * smaller or the same one starts it again.  *v belongs to s, valid until the next
 * call. */
typedef struct es_dues_residence {
	const char *unit_id;
	es_date from, to;
} es_dues_residence;
es_rc es_dues_residences_of(es_dues_side *s, const char *tax_code, const es_dues_residence **v, size_t *n,
                            es_err *err);
/* Does a side file's unit name (the ledger's "F205-F-123" or the
 * cadastre's identificativo "123": the part after the last '-') name the
 * ledger's unit_id? */
bool es_dues_residence_unit(const char *name, const char *unit_id);
/* How many people lived in unit_id on `day` (household size for TARI). */
es_rc es_dues_residents_count(es_dues_side *s, const char *unit_id, es_date day, int *n, es_err *err);

/* Reductions: reduction is "historic", "unfit", "lent" or "concordato";
 * tax_code "" applies to every holder of the unit. */
es_rc es_dues_reductions_begin(es_dues_side *s, es_err *err);
es_rc es_dues_reductions_add(es_dues_side *s, const char *unit_id, const char *tax_code, const char *reduction,
                             es_date from, es_date to, es_err *err);
/* Month masks of each reduction for a holder of a unit (order: historic,
 * unfit, lent, concordato). */
es_rc es_dues_reduction_months(es_dues_side *s, const char *unit_id, const char *tax_code, int year,
                               uint16_t masks[4], es_err *err);

/* TARI users (the declarations), parsed and checked by the caller, kept
 * in a TEMP table so that they can be taken back one taxpayer at a time. */
typedef struct es_dues_tari_user {
	uint64_t line;             /* line in its source file */
	const char *source;
	const char *tax_code;
	const char *unit_id;       /* may be "" */
	bool domestic;
	int members;               /* domestic: 1..6 */
	int category;              /* non-domestic */
	int64_t surface;           /* m², scale 2 */
	es_date from, to;          /* [from, to): to is the day occupation ended; NONE = open */
} es_dues_tari_user;

es_rc es_dues_tari_begin(es_dues_side *s, es_err *err);
es_rc es_dues_tari_add(es_dues_side *s, const es_dues_tari_user *u, es_err *err);
typedef struct es_dues_tari_reader es_dues_tari_reader;
es_dues_tari_reader *es_dues_tari_open(es_ledger *l, es_err *err);
/* In tax_code order, then source order; *u valid until the next call. */
es_rc es_dues_tari_next(es_dues_tari_reader *r, const es_dues_tari_user **u, es_err *err);
void es_dues_tari_close(es_dues_tari_reader *r);

/* Posting. */
typedef struct es_dues_line {
	const char *tax_code;
	const char *tax;           /* "IMU", "TARI" */
	int year;
	const char *unit_id;       /* may be NULL */
	const char *tributo;
	int installment;
	es_date due_date;
	bool has_basis;
	es_cents basis;
	const char *rate;          /* as printed, may be NULL */
	int months;                /* -1: none */
	const char *share;         /* "1/2", may be NULL */
	es_cents amount_due;
} es_dues_line;

/* Start posting tax/year: due lines of its S1 positions are removed and
 * their amounts set to 0, to be rebuilt by es_dues_post_lines.  The poster
 * holds prepared statements; free it with es_dues_post_end. */
typedef struct es_dues_poster es_dues_poster;
es_dues_poster *es_dues_post_begin(es_ledger *l, const char *tax, int year, es_err *err);
/* The n lines of one taxpayer (one tax_code: lines[0]'s): its position
 * created or its amount raised by their sum, the lines numbered after
 * those it has. */
es_rc es_dues_post_lines(es_dues_poster *p, const es_dues_line *lines, size_t n, es_err *err);
/* One notice per position and installment (sum of its lines), plus
 * installment 0 (the whole amount) due on single_due unless it is
 * ES_DATE_NONE.  New notices get NAVs (aux 3, segregation code, sequence
 * "nav"); existing open ones are updated and keep their number; open
 * notices for an installment that owes nothing any more are cancelled. */
/* A notice number already issued for the installment of tax_code's
 * position of this tax and year (by a previous collection system, or
 * esattore-synth's notices.csv): es_dues_post_notices gives a new notice
 * of that installment this number instead of one from the sequence, and
 * never draws a number from the sequence that one of these holds.  ES_EDATA
 * if nav is not a valid notice number or the installment already has
 * another one. */
es_rc es_dues_issued_add(es_dues_poster *p, const char *tax_code, int installment, const char *nav, es_err *err);
typedef struct es_dues_post_stats {
	uint64_t positions, notices_new, notices_updated, notices_cancelled;
} es_dues_post_stats;
es_rc es_dues_post_notices(es_dues_poster *p, es_date single_due, int segregation,
                           es_dues_post_stats *st, es_err *err);
void es_dues_post_end(es_dues_poster *p);

#endif
