/* assess_run.h: one assessment run of one tax and year over many subjects,
 * and the streams it writes (DESIGN.md; man assess(1)).
 *
 * es_assess_run_all groups the due lines and payments by tax code and,
 * for each subject, runs es_assess_compute (domain/assess.h) and writes:
 *
 *   acts     one row per act (acts_header): a new avviso di accertamento
 *            esecutivo, or, when the ledger already holds the subject's act,
 *            that act recomputed as of its own date: "unchanged", or a
 *            sgravio row for a decrease (an increase needs a new act: it is
 *            reported and warned about, never applied);
 *   details  one row per due line of a new act (optional);
 *   report   subjects with no act: time-barred years, amounts under the
 *            minimum, excess payments, payments with nothing due
 *            (optional; counted in nreported either way);
 *   explain  with an explain callback, each component of each assessed
 *            subject with its table row and legal source, a line at a time.
 *
 * es_assess_evasion lists the evasion candidates (a worklist, not acts):
 * IMU units no holder paid anything for, TARI units whose declared surface
 * is below the evasion_rules.csv share of the cadastral surface (L.
 * 147/2013 c. 646).
 *
 * Nothing here prints or exits: text for the operator goes through the
 * run's callbacks.  The run borrows everything it points to. */
#ifndef ES_DOMAIN_ASSESS_RUN_H
#define ES_DOMAIN_ASSESS_RUN_H

#include "es_setup.h"
#include "types/error.h"
#include "io/csv.h"
#include "domain/assess.h"
#include "store/acts.h"
#include "ente.h"

/* One line of --explain text, ending in '\n'. */
typedef es_rc (*es_assess_text_fn)(void *ctx, const char *line, es_err *err);
/* A warning for the operator (no program name, no newline). */
typedef void (*es_assess_warn_fn)(void *ctx, const char *msg);
/* n subjects done so far. */
typedef void (*es_assess_progress_fn)(void *ctx, uint64_t n);

typedef struct es_assess_run {
	/* Set by the caller. */
	const es_penalty_rules *rules;
	const char *tax;              /* "IMU" or "TARI" */
	int year;
	es_assess_opts opts;          /* opts.as_of is the date of new acts */
	es_ledger *ledger;            /* NULL: no acts issued before, nothing recorded */
	bool post;                    /* record new acts and sgravi in ledger (open for writing) */
	int segregation;              /* the ente's code, for the NAVs of posted acts */
	es_csv_writer *acts;          /* required */
	es_csv_writer *details, *report, *evasion;  /* optional (NULL) */
	es_assess_text_fn explain;    /* NULL: no explanation */
	es_assess_warn_fn warn;       /* NULL: warnings dropped */
	es_assess_progress_fn progress;  /* NULL: none */
	void *ctx;                    /* passed to the callbacks */
	/* Counted by the run. */
	uint64_t nacts, nreported, ncandidates;
	es_cents excess_total;
} es_assess_run;

typedef enum es_assess_stream {
	ES_ASSESS_ACTS = 0,
	ES_ASSESS_DETAILS,
	ES_ASSESS_REPORT,
	ES_ASSESS_EVASION
} es_assess_stream;

/* Set the options the tables give: spread, day count basis, minimum
 * amount (and the Covid shift on).  as_of, channel, decl_choice,
 * cumulo_max_only and cal are left alone.  Fails (ES_ECONFIG) for a table
 * without the parameters. */
es_rc es_assess_opts_defaults(const es_penalty_rules *r, es_assess_opts *o, es_err *err);
/* Override them with the ente key file's [rules]. */
void es_assess_opts_ente(const es_ente *ente, es_assess_opts *o);

/* Write the header row of one of the run's streams into w. */
es_rc es_assess_put_header(es_csv_writer *w, es_assess_stream s, es_err *err);

/* Assess every subject.  dues and pays are sorted in place (by tax code,
 * then due date, installment and input line; by tax code and input line);
 * the records are borrowed.  Fails on the first write, ledger or table
 * error (ES_EDATA for an inconsistent subject, with its tax code in err). */
es_rc es_assess_run_all(es_assess_run *R, es_acts_due *dues, size_t nd, es_acts_payment *pays, size_t np,
                        es_err *err);

/* Write the --explain text of one subject's result through R->explain
 * (which must be set); act_id names the act in the first line. */
es_rc es_assess_explain(const es_assess_run *R, const char *act_id, const es_assess_result *res, es_err *err);

/* One evasion candidate.  Strings are borrowed: valid during the callback. */
typedef struct es_assess_candidate {
	const char *tax;
	int year;
	const char *unit_id;
	const char *tax_codes;        /* the unit's subjects, ';'-separated */
	const char *reason;           /* no-payment-by-any-holder, declared-surface-below-threshold */
	es_cents amount_due;          /* the unit's dues for the year */
	bool has_surface;             /* TARI: the three surfaces below are set */
	int64_t declared_m2, cadastral_m2;
	int64_t threshold;            /* cadastral x share, m2 at ES_PCT_SCALE */
	const char *source;           /* the legal source */
} es_assess_candidate;

typedef es_rc (*es_assess_candidate_fn)(void *ctx, const es_assess_candidate *c, es_err *err);

/* The evasion candidates of tax ("IMU" or "TARI") and year, in order of
 * unit id, each passed to fn (which may stop the walk by failing).  Due
 * lines without a unit id are ignored.  IMU: a unit is a candidate when no
 * subject owing on it made a positive payment.  TARI: when the largest
 * declared surface (basis) of its due lines is below the
 * surface_pct_of_cadastral share of the unit's surface in surf; units
 * missing from surf, or whose first line has no basis, are skipped.  dues
 * and surf are sorted in place (by unit id). */
es_rc es_assess_evasion(const es_penalty_rules *rules, const char *tax, int year, es_acts_due *dues, size_t nd,
                        const es_acts_payment *pays, size_t np, es_acts_surface *surf, size_t ns,
                        es_assess_candidate_fn fn, void *ctx, es_err *err);

/* es_assess_evasion into R->evasion (which must be set), counting
 * R->ncandidates. */
es_rc es_assess_run_evasion(es_assess_run *R, es_acts_due *dues, size_t nd, const es_acts_payment *pays,
                            size_t np, es_acts_surface *surf, size_t ns, es_err *err);

#endif
