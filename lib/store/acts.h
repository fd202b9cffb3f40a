/* acts.h: what assess reads from and writes to the ledger.
 *
 * Reading (one tax and year): the due lines of the ordinary (S1)
 * positions, the valid payments allocated to them, and the current
 * cadastral surfaces of units (for the TARI 80 % rule).  Writing: an
 * avviso di accertamento esecutivo (acts row), its S2 debt position and
 * its pagoPA notice with a fresh NAV (aux digit 3); a sgravio (an acts row
 * of type 'sgravio' with the negative differences, parent_act_id set),
 * which also lowers the position and the open notice to the new total.
 *
 * Ownership: arrays returned by the readers are freed with
 * es_acts_dues_free / es_acts_payments_free / es_acts_surfaces_free;
 * every string in them is owned by the array. */
#ifndef ES_STORE_ACTS_H
#define ES_STORE_ACTS_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "store/ledger.h"

/* One due line (the dues stream, or due_lines joined to positions). */
typedef struct es_acts_due {
	char *tax_code;
	char *tributo;
	char *unit_id;
	char *declaration;        /* "" unless the line comes from a declaration violation */
	int installment;
	es_date due_date;
	es_cents amount_due;
	int64_t basis;            /* TARI: the declared surface in m2 (or -1) */
	uint64_t line;            /* input line (0 from the ledger) */
} es_acts_due;

/* One payment (the payments stream, or payments joined to allocations). */
typedef struct es_acts_payment {
	char *payment_id;
	char *tax_code;
	es_date paid_on;
	es_cents amount;
	bool ravvedimento;
	uint64_t line;
} es_acts_payment;

/* A unit's cadastral surface. */
typedef struct es_acts_surface {
	char *unit_id;
	int64_t surface_m2;
} es_acts_surface;

es_rc es_acts_read_dues(es_ledger *l, const char *tax, int year, es_acts_due **out, size_t *n, es_err *err);
es_rc es_acts_read_payments(es_ledger *l, const char *tax, int year, es_acts_payment **out, size_t *n,
                            es_err *err);
es_rc es_acts_read_surfaces(es_ledger *l, es_date on, es_acts_surface **out, size_t *n, es_err *err);
void es_acts_dues_free(es_acts_due *v, size_t n);
void es_acts_payments_free(es_acts_payment *v, size_t n);
void es_acts_surfaces_free(es_acts_surface *v, size_t n);
/* Grow the array *v of *cap elements of size sz (zeroing the new ones) so
 * that it holds at least n + 1; false when out of memory (*v untouched).
 * For the readers of these records (here and domain/assess_read.h). */
bool es_acts_grow(void **v, size_t *cap, size_t n, size_t sz);

/* An act's amounts, as in the acts table. */
typedef struct es_act {
	char act_id[96];
	char act_type[24];
	char parent_act_id[96];
	char tax_code[40];
	char tax[16];
	int year;
	es_cents tax_due, tax_paid, tax_unpaid, sanction, interest, costs, collection_charges, total;
	es_date issued_on, due_on;
	char status[24];
	char notice_number[20];   /* the open notice of the act, "" if none */
} es_act;

/* The act with this id.  *found false when absent. */
es_rc es_acts_get(es_ledger *l, const char *act_id, es_act *out, bool *found, es_err *err);
/* The act's amounts net of its sgravi: the original plus every sgravio
 * whose parent it is.  *nsgravi receives their count. */
es_rc es_acts_net(es_ledger *l, const char *act_id, es_act *out, int *nsgravi, es_err *err);
/* Record a new act, its S2 position and one notice for its total due on
 * act->due_on, numbered from the ledger's "nav" sequence under the
 * segregation code; the NAV is written into act->notice_number.
 * Re-recording an existing act_id is ES_EINTERNAL (callers check first). */
/* The debt position of an act already in the acts table (phase S2 or S3),
 * its single due line and its pagoPA notice with the next NAV (aux digit
 * 3, segregation_code); a->notice_number receives the NAV. */
es_rc es_acts_insert_position(es_ledger *l, es_act *a, const char *phase, int segregation_code, es_err *err);
es_rc es_acts_insert(es_ledger *l, es_act *act, int segregation_code, es_err *err);
/* Record sgravio s (negative amounts, parent_act_id set) and bring the
 * parent's S2 position and open notice to new_total. */
es_rc es_acts_insert_sgravio(es_ledger *l, const es_act *s, es_cents new_total, es_err *err);

#endif
