/* report.h: the ledger queries behind report, statement and compute-aggio.
 *
 * Each query returns an es_rtable: named columns and rows of text cells,
 * plus, for numeric columns, the integer values (cents for money columns,
 * hundredths for percentages) so that callers can chart them.  Money is
 * formatted in C from INTEGER cents (never through a floating-point SQL
 * expression); percentages are computed in SQL as integer basis points,
 * rounded half up.  All queries are read-only and use bound parameters.
 *
 * Ownership: every es_rtable returned is freed with es_rtable_free; its
 * strings belong to it. */
#ifndef ES_STORE_REPORT_H
#define ES_STORE_REPORT_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "store/ledger.h"

typedef enum es_rcol_kind {
	ES_RCOL_TEXT = 0,
	ES_RCOL_INT = 1,
	ES_RCOL_MONEY = 2,      /* cents, shown as 1234.50 */
	ES_RCOL_PCT = 3,        /* basis points, shown as 12.34 */
	ES_RCOL_PCT4 = 4        /* percent at scale 4, shown as 12.3456 */
} es_rcol_kind;

typedef struct es_rtable {
	size_t ncols;
	char **cols;
	es_rcol_kind *kinds;
	size_t nrows, cap;
	char **cells;            /* nrows * ncols, row-major, never NULL ("" for NULL) */
	int64_t *nums;           /* nrows * ncols: the values of numeric cells (0 if NULL) */
	bool *isnull;            /* nrows * ncols */
} es_rtable;

void es_rtable_free(es_rtable *t);
static inline const char *
es_rtable_cell(const es_rtable *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}
static inline int64_t
es_rtable_num(const es_rtable *t, size_t row, size_t col)
{
	return t->nums[row * t->ncols + col];
}
/* A table built by the caller: es_rtable_new copies the names; each
 * es_rtable_add copies one row of ncols cells (nums may be NULL). */
es_rtable *es_rtable_new(size_t ncols, const char *const *cols, const es_rcol_kind *kinds, es_err *err);
es_rc es_rtable_add(es_rtable *t, const char *const *cells, const int64_t *nums, es_err *err);
/* Column index by name, -1 if absent. */
int es_rtable_col(const es_rtable *t, const char *name);

/* Report kinds.  year 0 means every year. */
es_rc es_report_collection(es_ledger *l, int year, es_rtable **out, es_err *err);
es_rc es_report_aging(es_ledger *l, es_date as_of, es_rtable **out, es_err *err);
/* accertato and riscosso per revenue type (tax and phase) and year, for the
 * years first..last: accertato = amount due on the positions of the year;
 * riscosso = valid payments allocated to them and paid within that year
 * (incassi in c/competenza), and with residui also those paid in the
 * following year (incassi in c/residui of year + 1).  Columns:
 * revenue_type, year, accertato, riscosso. */
es_rc es_report_fcde_data(es_ledger *l, int first, int last, bool residui, es_rtable **out, es_err *err);
/* The latest year with positions (0 if none). */
es_rc es_report_last_year(es_ledger *l, int *year, es_err *err);
es_rc es_report_reconciliation(es_ledger *l, es_rtable **out, es_err *err);
es_rc es_report_notifications(es_ledger *l, es_rtable **out, es_err *err);
es_rc es_report_runs(es_ledger *l, es_rtable **out, es_err *err);

/* The statement of one taxpayer: section is one of es_report_sections. */
extern const char *const es_report_sections[];
extern const size_t es_report_nsections;
es_rc es_report_statement(es_ledger *l, const char *tax_code, const char *section, es_rtable **out, es_err *err);

/* compute-aggio: every allocation of a valid payment paid in [from, to]
 * (ES_DATE_NONE: open), ordered by position, payment date and allocation,
 * with what its position and act say. */
typedef struct es_report_alloc {
	int64_t allocation_id;
	const char *payment_id;
	const char *status;      /* MATCHED, PARTIAL, ... */
	es_date paid_on;
	es_cents amount;
	int64_t position_id;     /* 0 when the allocation has no position */
	const char *phase;       /* "S1".."S3", or "" */
	const char *act_id;      /* "" for ordinary positions */
	es_cents act_total, act_charges, act_costs;   /* 0 without an act */
	es_cents paid_before;    /* allocated to the same position before this one */
} es_report_alloc;
typedef es_rc (*es_report_alloc_fn)(void *ctx, const es_report_alloc *a, es_err *err);
es_rc es_report_allocations(es_ledger *l, es_date from, es_date to, es_report_alloc_fn fn, void *ctx,
                            es_err *err);

#endif
