/* cadastre_run.h: one import-cadastre run (import-cadastre(1),
 * esattore-cadastre(5)).
 *
 * The data-quality report: every finding of es_cadastre_check and of
 * es_store_cadastre_finish is counted by check and, with a report file,
 * written to it (check, source, line, unit_id, subject_id, detail; mode
 * 0600: names and codici fiscali).
 *
 * es_cadastre_run_load_file reads one file of the supply (.FAB, .TER,
 * .SOG, .TIT; the kind from the name, else guessed record by record; "-"
 * is standard input) into the run's store: records that cannot be
 * converted, recognised or parsed are rejected; each record stored is
 * checked.  A .PRM file is skipped with a warning; with check_seen, a file
 * the ledger already loaded (same SHA-256) is skipped with a warning.
 *
 * Nothing here prints or exits: warnings and progress go through the
 * callbacks.  The run borrows everything the caller sets. */
#ifndef ES_DOMAIN_CADASTRE_RUN_H
#define ES_DOMAIN_CADASTRE_RUN_H

#include "es_setup.h"
#include "types/error.h"
#include "io/csv.h"
#include "io/diag.h"
#include "domain/cadastre.h"
#include "store/cadastre.h"
#include "store/ledger.h"

typedef struct es_cadastre_report es_cadastre_report;

/* path NULL: counts only.  Freed by es_cadastre_report_close. */
es_cadastre_report *es_cadastre_report_open(const char *path, bool locale_it, es_err *err);
/* An es_store_cadastre_report_fn (ctx: the report). */
void es_cadastre_report_add(void *ctx, const char *check, const char *source, uint64_t line, const char *unit_id,
                            const char *subject_id, const char *detail);
/* "report: N check" per check, in name order, through warn. */
void es_cadastre_report_summary(const es_cadastre_report *r, es_warn_fn warn, void *ctx);
/* Close and free; the first write error, if any, into err (may be NULL). */
es_rc es_cadastre_report_close(es_cadastre_report *r, es_err *err);

typedef struct es_cadastre_run {
	/* Set by the caller. */
	es_ledger *l;                 /* its run begun */
	es_store_cadastre *store;
	es_cadastre_parser *parser;
	es_cadastre_conv *conv;
	const es_cadastre_codes *codes;
	es_rejects *rejects;
	es_cadastre_report *rep;
	bool check_seen;              /* skip files the ledger already loaded */
	es_warn_fn warn;              /* NULL: dropped */
	es_progress_fn progress;      /* records read; NULL: none */
	void *ctx;
	/* Counted by the run. */
	es_summary sum;
} es_cadastre_run;

es_rc es_cadastre_run_load_file(es_cadastre_run *r, const char *path, es_err *err);

/* A private scratch ledger path (in a new temporary directory), and its
 * removal with the directory (path freed; NULL does nothing). */
char *es_cadastre_scratch_path(es_err *err);
void es_cadastre_scratch_remove(char *path);

/* "units", "subjects" or "titles". */
bool es_cadastre_stream_parse(const char *s, es_cadastre_stream *out);

#endif
