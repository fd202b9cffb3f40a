/* dues_run.h: one compute-dues run (compute-dues(1)); the law:
 * shared/domain/cadastre-imu-tari.md §2-§4.
 *
 *   es_dues_run_new      the side queries of the ledger and, with post,
 *                        the poster of positions (the ledger's run begun)
 *   es_dues_run_notices  --notices: numbers already issued, kept by --post
 *   es_dues_run_compute  the rates (IMU) or tariff (TARI) and the side
 *                        files read, then one taxpayer at a time: the
 *                        dues rows (minimum amount, F24 grouping) into
 *                        the writer, header first, and with post the
 *                        positions, due lines and notices
 *   es_dues_run_stats_of the counts, for the summary
 *   es_dues_run_free     the statements closed (before the ledger's run is
 *                        committed)
 *
 * Nothing here prints or exits: warnings and progress go through the
 * callbacks, rejected rows into the rejects.  The run borrows everything
 * its configuration points to. */
#ifndef ES_DOMAIN_DUES_RUN_H
#define ES_DOMAIN_DUES_RUN_H

#include "es_setup.h"
#include "types/error.h"
#include "types/date.h"
#include "types/money.h"
#include "io/csv.h"
#include "io/diag.h"
#include "ente.h"
#include "store/ledger.h"
#include "store/dues.h"

typedef enum es_dues_tax {
	ES_DUES_IMU,
	ES_DUES_TARI
} es_dues_tax;

typedef struct es_dues_run_cfg {
	es_dues_tax tax;
	int year;
	const char *rates;           /* IMU rates file, or the TARI tariff (required) */
	const char *residents;       /* NULL: none */
	const char *reductions;      /* IMU; NULL: none */
	const char *const *users;    /* TARI declarations; none: standard input */
	size_t nusers;
	bool explain;                /* the explanation columns */
	bool saldo_rounded;          /* the saldo subtracts the F24-rounded acconto */
	es_ledger *ledger;           /* open; for writing, its run begun, when post */
	bool post;
	const es_ente *ente;         /* the minimum amount; NULL: imu_params' */
	const es_calendar *cal;      /* due dates move to working days */
	es_rejects *rejects;         /* required */
	es_csv_writer *out;          /* the dues stream (required) */
	es_warn_fn warn;             /* NULL: warnings dropped */
	es_progress_fn progress;     /* titles read so far; NULL: none */
	void *ctx;                   /* passed to the callbacks */
} es_dues_run_cfg;

typedef struct es_dues_run_stats {
	es_summary sum;              /* rows of every input: read, written, rejected */
	uint64_t taxpayers, below_min;
	es_cents total_due;
	bool posted;                 /* post: the notices below were made */
	es_dues_post_stats post;
} es_dues_run_stats;

typedef struct es_dues_run es_dues_run;

/* The configuration is copied (its pointers borrowed).  With post,
 * ente (its segregation code) is required. */
es_dues_run *es_dues_run_new(const es_dues_run_cfg *cfg, es_err *err);
void es_dues_run_free(es_dues_run *r);

/* --notices FILE (tax_code,tax,year,installment,notice_number): the
 * numbers of this tax and year given to those installments instead of new
 * ones; rows of other taxes or years, or without a number, are read and
 * left aside (one warning).  Needs post. */
es_rc es_dues_run_notices(es_dues_run *r, const char *path, es_err *err);

/* The whole run.  ES_ECONFIG for a bad rates, tariff or side file (or a
 * rate or tariff missing for a row), else a failure of the ledger or the
 * writer; a rejected row is counted, not a failure. */
es_rc es_dues_run_compute(es_dues_run *r, es_err *err);

const es_dues_run_stats *es_dues_run_stats_of(const es_dues_run *r);

#endif
