/* f24_reconcile.h: what an F24 supply says about the money (f24-supply.md §5).
 *
 * The codes: data/codici_tributo.csv (codice tributo -> tax, kind C/I/S,
 * recipient COMUNE/STATO/PROVINCIA, IFEL flag S/N, as in TR4's CODICI_F24
 * table; shared with esattore-synth), data/f24_tipo_imposta.csv (tipo
 * imposta -> tax) and data/ifel_rates.csv (IFEL contribution per year,
 * per mille).
 *
 * The reconciliation works in two passes over the same records:
 *
 *   pass 1  es_f24_recon_add() every parsed record, es_f24_recon_rejected()
 *           every record that could not be parsed, es_f24_recon_end_file()
 *           at the end of each file.  Sums per block, Z1 counts, G9s.
 *   pass 2  es_f24_recon_g1() for every G1 again, in the same order: it
 *           applies the G9 cancellations/restorations to the row and flags
 *           re-delivered rows and rows for another municipality.
 *   then    es_f24_recon_finish() checks every block and lists the
 *           differences; G9s that matched no G1 of the input are left for
 *           the caller (the ledger) through es_f24_recon_unmatched_g9().
 *
 * A block is (data ripartizione, progressivo ripartizione, tipo imposta).
 * Its check (§5.1, suggested invariant, amounts in cents):
 *
 *   expected = Σ G1 (debito - credito) - State share - province (TEFA) share
 *              - Σ G3 recuperi + Σ G4 anticipi
 *   credited = Σ G2 to the municipality + Σ G2 to IFEL
 *   credited - expected must be 0; a block whose expected is negative and
 *   that received no G2 is a balance carried forward (a later G3), not a
 *   difference.
 *   IFEL: Σ G2 IFEL vs rate(year of ripartizione) x Σ net of IFEL codes,
 *   within half a cent per IFEL row (each row's share rounded on its own).
 *   G5: Σ outcomes A/D (or blank) must equal Σ G2 to the municipality when
 *   any G5 names the block; B (scartato) and C (stornato) are listed.
 *
 * Ownership: es_f24_codes_load and es_f24_recon_new return objects freed by
 * es_f24_codes_free and es_f24_recon_free; the recon borrows the codes
 * (free the recon first).  Pointers returned by the accessors belong to
 * the recon and live until es_f24_recon_free.  File names passed in are
 * copied. */
#ifndef ES_DOMAIN_F24_RECONCILE_H
#define ES_DOMAIN_F24_RECONCILE_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "domain/f24.h"

/* --- codes --- */

typedef enum es_f24_recipient {
	ES_F24_TO_MUNICIPALITY = 0,
	ES_F24_TO_STATE = 1,
	ES_F24_TO_PROVINCE = 2
} es_f24_recipient;

typedef struct es_f24_code_info {
	const char *code;
	const char *tax;           /* IMU, TARI, TEFA, ... */
	const char *kind;          /* "tax", "interest", "sanction" (C, I, S in the table) */
	es_f24_recipient recipient;
	bool ifel;
	const char *description;
	int from_year, to_year;    /* 0 = open */
} es_f24_code_info;

typedef struct es_f24_codes es_f24_codes;

/* Load the three tables from the data directory (rules.h). */
es_f24_codes *es_f24_codes_load(es_err *err);
void es_f24_codes_free(es_f24_codes *c);
/* NULL if the code is not in the table. */
const es_f24_code_info *es_f24_codes_lookup(const es_f24_codes *c, const char *tributo);
/* The tax of a tipo imposta letter, NULL if unknown. */
const char *es_f24_codes_tipo_tax(const es_f24_codes *c, char tipo_imposta);
/* IFEL rate of a year in millionths (0.56 per mille = 560); ES_EDATA if
 * the table has no row for the year. */
es_rc es_f24_codes_ifel_rate(const es_f24_codes *c, int year, int64_t *per_million, es_err *err);

/* --- reconciliation --- */

typedef struct es_f24_recon es_f24_recon;

/* belfiore: the municipality's code (--belfiore); NULL takes each flow's
 * Z1 code, and without Z1 no Belfiore check is made. */
es_f24_recon *es_f24_recon_new(const es_f24_codes *codes, const char *belfiore, es_err *err);
void es_f24_recon_free(es_f24_recon *r);

/* Pass 1.  ES_EDATA is never returned for content: anomalies become
 * differences.  Errors are allocation failures only. */
es_rc es_f24_recon_add(es_f24_recon *r, const es_f24_record *rec, const char *file, uint64_t line,
                       es_err *err);
/* A record of this type (ES_F24_UNKNOWN if even that is unreadable) was
 * rejected: it still counts against the Z1 counts. */
void es_f24_recon_rejected(es_f24_recon *r, es_f24_type type);
es_rc es_f24_recon_end_file(es_f24_recon *r, const char *file, uint64_t lines, es_err *err);
/* After pass 1: the expected Belfiore for a G1 (the --belfiore value, else
 * the Z1 code of the flow the row belongs to, else NULL). */

/* Pass 2: what the reconciliation knows about one G1. */
typedef struct es_f24_g1_state {
	bool cancelled;            /* the last G9 applied to it is an annullamento */
	es_date status_on;         /* data operazione of that G9, or NONE */
	int g9_applied;            /* how many G9 records were applied */
	bool duplicate;            /* the same key was seen earlier in the input */
	char first_ref[300];       /* for a duplicate: "file:line" of the first one */
	bool wrong_belfiore;       /* paid to another municipality's code */
	const char *expected_belfiore;  /* NULL when unknown */
	const es_f24_code_info *code;   /* NULL: codice tributo not in the table */
	const char *tax;           /* code->tax, else from tipo imposta, else "" */
	bool tipo_mismatch;        /* tipo imposta disagrees with the code's tax */
	es_date credited_on;       /* G5 data accreditamento of the row's block when the
	                            * input has it, else the G1 data bonifico */
} es_f24_g1_state;

es_rc es_f24_recon_g1(es_f24_recon *r, const es_f24_g1 *g1, const char *file, uint64_t line,
                      es_f24_g1_state *st, es_err *err);

/* After pass 2. */
es_rc es_f24_recon_finish(es_f24_recon *r, es_err *err);

/* A G9 that matched no G1 of the input (the caller may find it in the
 * ledger, then calls es_f24_recon_g9_resolved so it is not a difference). */
typedef struct es_f24_g9_ref {
	es_f24_g9 g9;
	const char *file;
	uint64_t line;
	bool resolved;
} es_f24_g9_ref;
size_t es_f24_recon_n_unmatched_g9(const es_f24_recon *r);
es_f24_g9_ref *es_f24_recon_unmatched_g9(es_f24_recon *r, size_t i);
/* The prefix of the payment_id of the G1 a G9 refers to (f24.h). */
char *es_f24_g9_id_prefix(const es_f24_g9 *g9, char out[ES_F24_ID_BUFSZ]);

typedef struct es_f24_block {
	es_date ripartizione;
	int prog_ripartizione;
	char tipo_imposta;
	es_date fornitura;         /* of the first record of the block */
	int prog_fornitura;
	uint64_t g1_rows;
	es_cents g1_debit, g1_credit, g1_net;
	es_cents state_share;      /* rows whose code goes to the State */
	es_cents province_share;   /* TEFA */
	es_cents ifel_base;        /* net of rows whose code carries IFEL */
	uint64_t ifel_rows;
	es_cents ifel_expected;
	es_cents g3_recovered, g4_advanced;
	es_cents g2_municipality, g2_ifel, g2_other, g2_suspended;
	uint64_t g2_rows, g5_rows;
	es_cents g5_accredited, g5_rejected, g5_returned;
	es_cents cancelled;        /* G9 annullamenti naming the block, net of ripristini */
	es_cents expected, credited, difference;   /* see the check above */
	bool ok;
	char *records;             /* "file:line-line (G1), file:line (G2), ..." */
} es_f24_block;

size_t es_f24_recon_nblocks(const es_f24_recon *r);
const es_f24_block *es_f24_recon_block(const es_f24_recon *r, size_t i);

/* A difference: something the operator must look at.  kind is one of
 * block, ifel, g5, z1, flow, g9, duplicate, belfiore, tributo, tipo. */
typedef struct es_f24_diff {
	const char *kind;
	es_date ripartizione;      /* NONE when not about a block */
	int prog_ripartizione;
	char tipo_imposta;         /* ' ' when not about a block */
	es_cents amount;           /* the amount at stake, 0 if none */
	bool explained;            /* kinds carried and reissued: expected, shown for the record */
	char *message;
	char *records;             /* "file:line, ..." */
} es_f24_diff;

size_t es_f24_recon_ndiffs(const es_f24_recon *r);
const es_f24_diff *es_f24_recon_diff(const es_f24_recon *r, size_t i);
/* Add a difference found by the caller (a G9 that matched nothing, ...). */
es_rc es_f24_recon_add_diff(es_f24_recon *r, const char *kind, es_cents amount, const char *records,
                            es_err *err, const char *fmt, ...) ES_PRINTF(6, 7);

/* Totals for the human summary. */
typedef struct es_f24_totals {
	uint64_t records, g1, g9, flows;
	es_cents g1_net, credited, cancelled;
	uint64_t cancelled_rows;
} es_f24_totals;
void es_f24_recon_totals(const es_f24_recon *r, es_f24_totals *t);

#endif
