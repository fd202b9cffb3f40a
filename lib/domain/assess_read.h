/* assess_read.h: the dues, payments and units streams (esattore-csv(5))
 * read into the records assess works on (store/acts.h), as an alternative
 * to reading them from the ledger.
 *
 * Columns are found by header name.  A missing required column is
 * ES_ECONFIG ("FILE: ..." in err); nothing is read.  A bad row is counted
 * and handed to the rejects writer with a message naming the column
 * ("due_date: '2024-13-16' is not a date"); es_rejects_add reports it as
 * "prog: file:line: message".  Rows of another tax or year are skipped:
 * counted as read, neither kept nor rejected.  TEFA rows (art. 19 D.Lgs.
 * 504/1992) go with TARI.
 *
 *   dues      tax_code, tax, year, installment (0..99, unica, acconto,
 *             saldo), due_date, amount_due; optional tributo, unit_id,
 *             declaration ("", omessa_dichiarazione,
 *             infedele_dichiarazione) and basis (the TARI declared surface
 *             in whole m2; anything else, such as an IMU base amount,
 *             reads as -1);
 *   payments  tax_code, tax, year, paid_on, amount (not negative);
 *             optional payment_id and ravvedimento (a flag);
 *   units     unit_id, surface_m2 (whole m2; an empty surface skips the
 *             row); every row is read, whatever the tax and year.
 *
 * Ownership: the arrays are freed with es_acts_dues_free,
 * es_acts_payments_free and es_acts_surfaces_free, also after a failure
 * (they then hold the rows read so far). */
#ifndef ES_DOMAIN_ASSESS_READ_H
#define ES_DOMAIN_ASSESS_READ_H

#include "es_setup.h"
#include "types/error.h"
#include "io/diag.h"
#include "store/acts.h"

typedef struct es_acts_csv_opts {
	const char *tax;          /* "IMU" or "TARI" */
	int year;
	bool decimal_comma;       /* amounts use ',' as decimal separator */
	es_rejects *rejects;      /* required: where bad rows go */
	es_summary *sum;          /* required: read and rejected are added to */
} es_acts_csv_opts;

es_rc es_acts_csv_read_dues(const char *path, const es_acts_csv_opts *o, es_acts_due **out, size_t *n,
                            es_err *err);
es_rc es_acts_csv_read_payments(const char *path, const es_acts_csv_opts *o, es_acts_payment **out, size_t *n,
                                es_err *err);
es_rc es_acts_csv_read_surfaces(const char *path, const es_acts_csv_opts *o, es_acts_surface **out, size_t *n,
                                es_err *err);

/* The small parsers of those streams, also used for options.  A whole
 * decimal number within lo..hi: */
bool es_assess_parse_int(const char *s, long lo, long hi, long *out);
/* A flag: 1 y yes true s si x, or "" 0 n no false (any case). */
bool es_assess_parse_flag(const char *s, bool *out);

#endif
