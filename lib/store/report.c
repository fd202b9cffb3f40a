/* report.c: read-only ledger queries for report, statement and compute-aggio.
 *
 * Column aliases carry the kind of a numeric column as a suffix, stripped
 * from the name: "due:m" is money (INTEGER cents), "rate:p" a percentage in
 * basis points, "n:i" an integer. */
#include "es_setup.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/bind.h"
#include "store/report.h"

/* A bound parameter. */
typedef struct bind {
	enum { B_END = 0, B_INT, B_TEXT } type;
	int64_t i;
	const char *s;
} bind;

void
es_rtable_free(es_rtable *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cols);
	free(t->kinds);
	free(t->cells);
	free(t->nums);
	free(t->isnull);
	free(t);
}

int
es_rtable_col(const es_rtable *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return (int)i;
	return -1;
}

static es_rc
prepare(es_ledger *l, const char *sql, const bind *b, sqlite3_stmt **st, es_err *err)
{
	int i;

	if (sqlite3_prepare_v2(es_ledger_db(l), sql, -1, st, NULL) != SQLITE_OK)
		return es_store_db_err(l, err, "report query");
	for (i = 0; b != NULL && b[i].type != B_END; i++) {
		int rc = b[i].type == B_INT ? sqlite3_bind_int64(*st, i + 1, b[i].i)
		                            : sqlite3_bind_text(*st, i + 1, b[i].s, -1, SQLITE_STATIC);

		if (rc != SQLITE_OK) {
			sqlite3_finalize(*st);
			return es_store_db_err(l, err, "binding a parameter");
		}
	}
	return ES_OK;
}

static es_rc
grow(es_rtable *t, es_err *err)
{
	size_t ncap = t->cap ? t->cap * 2 : 32, cells = ncap * t->ncols;
	char **c;
	int64_t *n;
	bool *z;

	if ((c = realloc(t->cells, cells * sizeof *c)) == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	t->cells = c;
	if ((n = realloc(t->nums, cells * sizeof *n)) == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	t->nums = n;
	if ((z = realloc(t->isnull, cells * sizeof *z)) == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	t->isnull = z;
	t->cap = ncap;
	return ES_OK;
}

es_rtable *
es_rtable_new(size_t ncols, const char *const *cols, const es_rcol_kind *kinds, es_err *err)
{
	es_rtable *t = calloc(1, sizeof *t);
	size_t i;

	if (t == NULL || (t->cols = calloc(ncols, sizeof *t->cols)) == NULL ||
	    (t->kinds = calloc(ncols, sizeof *t->kinds)) == NULL)
		goto nomem;
	t->ncols = ncols;
	for (i = 0; i < ncols; i++) {
		if ((t->cols[i] = strdup(cols[i])) == NULL)
			goto nomem;
		t->kinds[i] = kinds != NULL ? kinds[i] : ES_RCOL_TEXT;
	}
	return t;
nomem:
	es_rtable_free(t);
	es_err_set(err, ES_ENOMEM, "out of memory");
	return NULL;
}

es_rc
es_rtable_add(es_rtable *t, const char *const *cells, const int64_t *nums, es_err *err)
{
	size_t base, i;
	es_rc rc;

	if (t->nrows == t->cap && (rc = grow(t, err)) != ES_OK)
		return rc;
	base = t->nrows * t->ncols;
	for (i = 0; i < t->ncols; i++) {
		t->nums[base + i] = nums != NULL ? nums[i] : 0;
		t->isnull[base + i] = cells[i] == NULL || cells[i][0] == '\0';
		if ((t->cells[base + i] = strdup(cells[i] != NULL ? cells[i] : "")) == NULL) {
			while (i-- > 0)
				free(t->cells[base + i]);
			return es_err_set(err, ES_ENOMEM, "out of memory");
		}
	}
	t->nrows++;
	return ES_OK;
}

static char *
format_cell(es_rcol_kind k, sqlite3_stmt *st, int i, int64_t *num, bool *isnull)
{
	char buf[ES_MONEY_BUFSZ];
	const unsigned char *txt;

	*isnull = sqlite3_column_type(st, i) == SQLITE_NULL;
	*num = 0;
	if (*isnull)
		return strdup("");
	switch (k) {
	case ES_RCOL_MONEY:
		*num = sqlite3_column_int64(st, i);
		return strdup(es_money_format(*num, ES_MONEY_PLAIN, buf));
	case ES_RCOL_PCT:
		*num = sqlite3_column_int64(st, i);
		return strdup(es_decimal_format(*num, 2, buf));
	case ES_RCOL_INT:
		*num = sqlite3_column_int64(st, i);
		snprintf(buf, sizeof buf, "%lld", (long long)*num);
		return strdup(buf);
	default:
		txt = sqlite3_column_text(st, i);
		return strdup(txt != NULL ? (const char *)txt : "");
	}
}

/* Run sql with binds into a new table. */
static es_rc
query(es_ledger *l, const char *sql, const bind *b, es_rtable **out, es_err *err)
{
	sqlite3_stmt *st;
	es_rtable *t;
	es_rc rc;
	int n, i, s;

	*out = NULL;
	if ((rc = prepare(l, sql, b, &st, err)) != ES_OK)
		return rc;
	if ((t = calloc(1, sizeof *t)) == NULL) {
		sqlite3_finalize(st);
		return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	n = sqlite3_column_count(st);
	t->cols = calloc((size_t)n, sizeof *t->cols);
	t->kinds = calloc((size_t)n, sizeof *t->kinds);
	if (t->cols == NULL || t->kinds == NULL) {
		rc = es_err_set(err, ES_ENOMEM, "out of memory");
		goto fail;
	}
	t->ncols = (size_t)n;
	for (i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(st, i);
		const char *colon = strrchr(name, ':');
		size_t len = colon != NULL ? (size_t)(colon - name) : strlen(name);

		if (colon != NULL)
			t->kinds[i] = colon[1] == 'm' ? ES_RCOL_MONEY : colon[1] == 'p' ? ES_RCOL_PCT : ES_RCOL_INT;
		if ((t->cols[i] = strndup(name, len)) == NULL) {
			rc = es_err_set(err, ES_ENOMEM, "out of memory");
			goto fail;
		}
	}
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		size_t base;

		if (t->nrows == t->cap && (rc = grow(t, err)) != ES_OK)
			goto fail;
		base = t->nrows * t->ncols;
		for (i = 0; i < n; i++)
			t->cells[base + (size_t)i] = NULL;
		t->nrows++;
		for (i = 0; i < n; i++)
			if ((t->cells[base + (size_t)i] = format_cell(t->kinds[i], st, i, &t->nums[base + (size_t)i],
			                                               &t->isnull[base + (size_t)i])) == NULL) {
				/* fill the rest so that es_rtable_free sees valid pointers */
				for (; i < n; i++)
					t->cells[base + (size_t)i] = NULL;
				rc = es_err_set(err, ES_ENOMEM, "out of memory");
				goto fail;
			}
	}
	if (s != SQLITE_DONE) {
		rc = es_store_db_err(l, err, "report query");
		goto fail;
	}
	sqlite3_finalize(st);
	*out = t;
	return ES_OK;
fail:
	sqlite3_finalize(st);
	es_rtable_free(t);
	return rc;
}

/* The valid payments' allocations to positions, summed per position. */
#define PAID_CTE \
	"paid AS (SELECT a.position_id, SUM(a.amount) AS amt FROM allocations a" \
	" JOIN payments p ON p.payment_id = a.payment_id" \
	" WHERE p.status = 'valid' AND a.position_id IS NOT NULL" \
	" AND a.status IN ('MATCHED','PARTIAL','OVERPAID') GROUP BY a.position_id)"

es_rc
es_report_collection(es_ledger *l, int year, es_rtable **out, es_err *err)
{
	const bind b[] = { { B_INT, year, NULL }, { B_END, 0, NULL } };

	return query(l,
	    "WITH " PAID_CTE ","
	    " g AS (SELECT po.tax, po.year, po.phase, COUNT(*) AS n, SUM(po.amount_due) AS due,"
	    "  SUM(MIN(IFNULL(paid.amt, 0), po.amount_due)) AS coll,"
	    "  SUM(MAX(po.amount_due - IFNULL(paid.amt, 0), 0)) AS open,"
	    "  SUM(MAX(IFNULL(paid.amt, 0) - po.amount_due, 0)) AS excess"
	    "  FROM positions po LEFT JOIN paid ON paid.position_id = po.position_id"
	    "  WHERE (?1 = 0 OR po.year = ?1) AND po.status <> 'cancelled'"
	    "  GROUP BY po.tax, po.year, po.phase)"
	    " SELECT tax, year AS \"year:i\", phase, n AS \"positions:i\", due AS \"due:m\", coll AS \"collected:m\","
	    "  open AS \"open:m\", excess AS \"excess:m\","
	    "  CASE WHEN due > 0 THEN (coll * 10000 + due / 2) / due END AS \"collection_rate:p\""
	    " FROM g ORDER BY tax, year, phase", b, out, err);
}

es_rc
es_report_aging(es_ledger *l, es_date as_of, es_rtable **out, es_err *err)
{
	char d[ES_DATE_BUFSZ];
	const bind b[] = { { B_TEXT, 0, es_date_format(as_of, d) }, { B_END, 0, NULL } };

	return query(l,
	    "WITH " PAID_CTE ","
	    " o AS (SELECT po.phase, po.amount_due - IFNULL(paid.amt, 0) AS open,"
	    "  COALESCE((SELECT MIN(due_date) FROM due_lines dl WHERE dl.position_id = po.position_id),"
	    "           (SELECT MIN(due_date) FROM notices n WHERE n.position_id = po.position_id),"
	    "           (SELECT due_on FROM acts a WHERE a.act_id = po.act_id)) AS due_date"
	    "  FROM positions po LEFT JOIN paid ON paid.position_id = po.position_id"
	    "  WHERE po.status <> 'cancelled'),"
	    " b AS (SELECT phase, open, CASE"
	    "  WHEN due_date IS NULL THEN 9"
	    "  WHEN due_date >= ?1 THEN 0"
	    "  WHEN due_date >= date(?1, '-1 year') THEN 1"
	    "  WHEN due_date >= date(?1, '-2 years') THEN 2"
	    "  WHEN due_date >= date(?1, '-3 years') THEN 3"
	    "  WHEN due_date >= date(?1, '-5 years') THEN 4"
	    "  ELSE 5 END AS band FROM o WHERE open > 0)"
	    " SELECT phase, CASE band WHEN 0 THEN 'not yet due' WHEN 1 THEN 'up to 1 year'"
	    "  WHEN 2 THEN '1 to 2 years' WHEN 3 THEN '2 to 3 years' WHEN 4 THEN '3 to 5 years'"
	    "  WHEN 5 THEN 'over 5 years' ELSE 'no due date' END AS age,"
	    "  COUNT(*) AS \"positions:i\", SUM(open) AS \"open:m\""
	    " FROM b GROUP BY phase, band ORDER BY phase, band", b, out, err);
}

es_rc
es_report_last_year(es_ledger *l, int *year, es_err *err)
{
	sqlite3_stmt *st;
	es_rc rc;

	*year = 0;
	if ((rc = prepare(l, "SELECT MAX(year) FROM positions", NULL, &st, err)) != ES_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*year = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return ES_OK;
}

es_rc
es_report_fcde_data(es_ledger *l, int first, int last, bool residui, es_rtable **out, es_err *err)
{
	const bind b[] = { { B_INT, first, NULL }, { B_INT, last, NULL }, { B_INT, residui ? 1 : 0, NULL },
	                   { B_END, 0, NULL } };

	return query(l,
	    "WITH paid AS (SELECT a.position_id, SUM(a.amount) AS amt FROM allocations a"
	    "  JOIN payments p ON p.payment_id = a.payment_id"
	    "  JOIN positions po ON po.position_id = a.position_id"
	    "  WHERE p.status = 'valid' AND a.status IN ('MATCHED','PARTIAL','OVERPAID')"
	    "  AND CAST(substr(p.paid_on, 1, 4) AS INTEGER) BETWEEN po.year AND po.year + ?3"
	    "  GROUP BY a.position_id)"
	    " SELECT po.tax || ' ' || po.phase AS revenue_type, po.year AS \"year:i\","
	    "  SUM(po.amount_due) AS \"accertato:m\","
	    "  SUM(MIN(IFNULL(paid.amt, 0), po.amount_due)) AS \"riscosso:m\""
	    " FROM positions po LEFT JOIN paid ON paid.position_id = po.position_id"
	    " WHERE po.year BETWEEN ?1 AND ?2 AND po.status <> 'cancelled'"
	    " GROUP BY po.tax, po.phase, po.year ORDER BY po.tax, po.phase, po.year", b, out, err);
}

es_rc
es_report_reconciliation(es_ledger *l, es_rtable **out, es_err *err)
{
	/* Per valid payment: what its allocations did.  Listed: payments not
	 * processed yet, duplicates, unmatched, overpaid (refund or
	 * compensation candidates) and payments whose allocations do not add
	 * up to the amount. */
	return query(l,
	    "WITH alloc AS (SELECT payment_id, COUNT(*) AS n, SUM(amount) AS total,"
	    "  SUM(CASE WHEN position_id IS NOT NULL AND status IN ('MATCHED','PARTIAL') THEN amount ELSE 0 END) AS used,"
	    "  SUM(CASE WHEN status = 'OVERPAID' THEN amount ELSE 0 END) AS over,"
	    "  MAX(status = 'UNMATCHED') AS unmatched, MAX(status = 'DUPLICATE') AS dup"
	    "  FROM allocations GROUP BY payment_id)"
	    " SELECT CASE WHEN alloc.n IS NULL THEN 'not processed'"
	    "  WHEN alloc.dup THEN 'duplicate' WHEN alloc.unmatched AND alloc.used = 0 THEN 'unmatched'"
	    "  WHEN alloc.over > 0 THEN 'overpaid' ELSE 'not fully allocated' END AS problem,"
	    "  p.payment_id, p.source, p.source_ref, p.tax_code, p.tax, p.year AS \"year:i\", p.paid_on,"
	    "  p.amount AS \"amount:m\", p.amount - IFNULL(alloc.used, 0) AS \"unallocated:m\""
	    " FROM payments p LEFT JOIN alloc ON alloc.payment_id = p.payment_id"
	    " WHERE p.status = 'valid' AND (alloc.n IS NULL OR alloc.dup OR alloc.unmatched OR alloc.over > 0"
	    "  OR p.amount <> alloc.total)"
	    " ORDER BY problem, p.paid_on, p.payment_id", NULL, out, err);
}

es_rc
es_report_notifications(es_ledger *l, es_rtable **out, es_err *err)
{
	return query(l,
	    "SELECT act_type, notification_state, COUNT(*) AS \"acts:i\", SUM(total) AS \"total:m\","
	    " MIN(issued_on) AS first_issued, MAX(issued_on) AS last_issued"
	    " FROM acts WHERE act_type <> 'sgravio'"
	    " GROUP BY act_type, notification_state ORDER BY act_type, notification_state", NULL, out, err);
}

es_rc
es_report_runs(es_ledger *l, es_rtable **out, es_err *err)
{
	return query(l,
	    "SELECT run_id AS \"run_id:i\", tool, started_at, ended_at, status, rows_read AS \"read:i\","
	    " rows_written AS \"written:i\", rows_rejected AS \"rejected:i\", IFNULL(message, '') AS message"
	    " FROM runs ORDER BY run_id", NULL, out, err);
}

/* --- statement --------------------------------------------------------------- */

const char *const es_report_sections[] = {
	"subject", "units", "dues", "payments", "acts", "notifications", "plans", "credits"
};
const size_t es_report_nsections = ES_ARRAY_LEN(es_report_sections);

static const char *const section_sql[] = {
	/* subject */
	"SELECT subject_id, kind, tax_code, surname, name, denomination, birth_date, birth_place,"
	" address, pec FROM subjects WHERE tax_code = ?1 ORDER BY subject_id",
	/* units and titles, with the unit's latest situation */
	"SELECT t.unit_id, u.kind, t.right_code, IFNULL(t.right_text, '') AS right_text,"
	" CASE WHEN t.share_den > 0 THEN t.share_num || '/' || t.share_den ELSE '' END AS share,"
	" IFNULL(t.valid_from, '') AS valid_from, IFNULL(t.valid_to, '') AS valid_to,"
	" IFNULL(s.category, '') AS category, s.rendita AS \"rendita:m\", IFNULL(s.address, '') AS address"
	" FROM titles t JOIN subjects su ON su.subject_id = t.subject_id"
	" JOIN units u ON u.unit_id = t.unit_id"
	" LEFT JOIN unit_situations s ON s.unit_id = t.unit_id AND s.seq ="
	"  (SELECT MAX(seq) FROM unit_situations s2 WHERE s2.unit_id = t.unit_id)"
	" WHERE su.tax_code = ?1 ORDER BY t.unit_id, t.valid_from",
	/* dues by year: every position, with what was paid on it (an
	 * overpayment is a credit, shown in its own section) */
	"WITH paid AS (SELECT a.position_id, SUM(a.amount) AS amt FROM allocations a"
	" JOIN payments p ON p.payment_id = a.payment_id"
	" WHERE p.status = 'valid' AND a.position_id IS NOT NULL"
	" AND a.status IN ('MATCHED','PARTIAL') GROUP BY a.position_id)"
	" SELECT po.tax, po.year AS \"year:i\", po.phase, IFNULL(po.act_id, '') AS act_id,"
	" po.amount_due AS \"due:m\", IFNULL(paid.amt, 0) AS \"paid:m\","
	" MAX(po.amount_due - IFNULL(paid.amt, 0), 0) AS \"open:m\", po.status"
	" FROM positions po LEFT JOIN paid ON paid.position_id = po.position_id"
	" WHERE po.tax_code = ?1 ORDER BY po.year, po.tax, po.phase, po.act_id",
	/* payments and where they went */
	"SELECT p.payment_id, p.source, IFNULL(p.paid_on, '') AS paid_on, IFNULL(p.tax, '') AS tax,"
	" p.year AS \"year:i\", p.amount AS \"amount:m\", p.status,"
	" IFNULL((SELECT group_concat(IFNULL(po.tax || ' ' || po.year || ' ' || po.phase"
	"   || IFNULL(' ' || po.act_id, ''), 'no position')"
	"   || CASE WHEN a.status IN ('MATCHED','PARTIAL') THEN '' ELSE ' ' || a.status END"
	"   || ' ' || printf('%s%d.%02d', CASE WHEN a.amount < 0 THEN '-' ELSE '' END,"
	"   abs(a.amount) / 100, abs(a.amount) % 100), '; ')"
	"  FROM allocations a LEFT JOIN positions po ON po.position_id = a.position_id"
	"  WHERE a.payment_id = p.payment_id), 'not processed') AS allocated_to"
	" FROM payments p WHERE p.tax_code = ?1 ORDER BY p.paid_on, p.payment_id",
	/* acts */
	"SELECT act_id, act_type, tax, year AS \"year:i\", total AS \"total:m\", issued_on,"
	" IFNULL(due_on, '') AS due_on, notification_state, IFNULL(notified_on, '') AS notified_on, status"
	" FROM acts WHERE tax_code = ?1 ORDER BY issued_on, act_id",
	/* notification events */
	"SELECT e.act_id, e.channel, e.event, e.event_date, IFNULL(e.detail, '') AS detail"
	" FROM notification_events e JOIN acts a ON a.act_id = e.act_id"
	" WHERE a.tax_code = ?1 ORDER BY e.event_date, e.event_id",
	/* installment plans (L. 160/2019 cc. 796-802; the tables of the
	 * coercive phase) with what was paid on each installment's notice */
	"SELECT p.plan_id AS \"plan_id:i\", p.act_id, p.debt AS \"debt:m\", p.months AS \"months:i\","
	" p.granted_on, p.status, i.number AS \"installment:i\", i.due_date, i.amount AS \"amount:m\","
	" i.notice_number, IFNULL((SELECT SUM(a.amount) FROM allocations a JOIN payments y"
	"  ON y.payment_id = a.payment_id WHERE y.status = 'valid' AND a.notice_number = i.notice_number"
	"  AND a.status IN ('MATCHED','PARTIAL')), 0) AS \"paid:m\""
	" FROM plans p JOIN plan_installments i ON i.plan_id = p.plan_id"
	" WHERE p.tax_code = ?1 ORDER BY p.plan_id, i.number",
	/* credits: what the taxpayer paid beyond what it was allocated to (refunds due) */
	"SELECT p.payment_id, IFNULL(p.paid_on, '') AS paid_on, p.amount AS \"amount:m\","
	" p.amount - IFNULL((SELECT SUM(a.amount) FROM allocations a WHERE a.payment_id = p.payment_id"
	"  AND a.position_id IS NOT NULL AND a.status IN ('MATCHED','PARTIAL')), 0) AS \"credit:m\""
	" FROM payments p WHERE p.tax_code = ?1 AND p.status = 'valid'"
	" AND p.amount > IFNULL((SELECT SUM(a.amount) FROM allocations a WHERE a.payment_id = p.payment_id"
	"  AND a.position_id IS NOT NULL AND a.status IN ('MATCHED','PARTIAL')), 0)"
	" ORDER BY p.paid_on, p.payment_id",
};

es_rc
es_report_statement(es_ledger *l, const char *tax_code, const char *section, es_rtable **out, es_err *err)
{
	const bind b[] = { { B_TEXT, 0, tax_code }, { B_END, 0, NULL } };
	size_t i;

	for (i = 0; i < es_report_nsections; i++)
		if (strcmp(section, es_report_sections[i]) == 0) {
			if (strcmp(section, "plans") == 0) {
				/* The plan tables come with the coercive phase's
				 * migration: a ledger without them has no plans. */
				static const char *const cols[] = { "plan_id", "act_id", "debt", "months", "granted_on", "status",
				                                    "installment", "due_date", "amount", "notice_number", "paid" };
				static const bind tb[] = { { B_END, 0, NULL } };
				es_rtable *t;
				es_rc rc;

				if ((rc = query(l, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'plan_installments'",
				                tb, &t, err)) != ES_OK)
					return rc;
				if (t->nrows == 0) {
					es_rtable_free(t);
					*out = es_rtable_new(ES_ARRAY_LEN(cols), cols, NULL, err);
					return *out != NULL ? ES_OK : ES_ENOMEM;
				}
				es_rtable_free(t);
			}
			return query(l, section_sql[i], b, out, err);
		}
	return es_err_set(err, ES_EINTERNAL, "no statement section '%s'", section);
}

/* --- compute-aggio ---------------------------------------------------------- */

es_rc
es_report_allocations(es_ledger *l, es_date from, es_date to, es_report_alloc_fn fn, void *ctx, es_err *err)
{
	char f[ES_DATE_BUFSZ], t[ES_DATE_BUFSZ];
	const bind b[] = { { B_TEXT, 0, from == ES_DATE_NONE ? "0000-00-00" : es_date_format(from, f) },
	                   { B_TEXT, 0, to == ES_DATE_NONE ? "9999-99-99" : es_date_format(to, t) },
	                   { B_END, 0, NULL } };
	sqlite3_stmt *st;
	es_rc rc;
	int s;
	int64_t cur_pos = -1;
	es_cents before = 0;

	/* Every allocation of a valid payment is read (the earlier ones carry
	 * the cumulative share of an act's components); those outside the
	 * dates are skipped after their amount is counted. */
	if ((rc = prepare(l,
	    "SELECT a.allocation_id, a.payment_id, a.status, IFNULL(p.paid_on, ''), a.amount,"
	    " IFNULL(a.position_id, 0), IFNULL(po.phase, ''), IFNULL(po.act_id, ''),"
	    " IFNULL(ac.total, 0), IFNULL(ac.collection_charges, 0), IFNULL(ac.costs, 0),"
	    " IFNULL(p.paid_on, '') BETWEEN ?1 AND ?2"
	    " FROM allocations a JOIN payments p ON p.payment_id = a.payment_id"
	    " LEFT JOIN positions po ON po.position_id = a.position_id"
	    " LEFT JOIN acts ac ON ac.act_id = po.act_id"
	    " WHERE p.status = 'valid'"
	    " ORDER BY IFNULL(a.position_id, 0), p.paid_on, a.allocation_id", b, &st, err)) != ES_OK)
		return rc;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		es_report_alloc a;
		es_err e2;

		memset(&a, 0, sizeof a);
		a.allocation_id = sqlite3_column_int64(st, 0);
		a.payment_id = (const char *)sqlite3_column_text(st, 1);
		a.status = (const char *)sqlite3_column_text(st, 2);
		if (es_date_parse((const char *)sqlite3_column_text(st, 3), ES_DATE_ISO, &a.paid_on, &e2) != ES_OK)
			a.paid_on = ES_DATE_NONE;
		a.amount = sqlite3_column_int64(st, 4);
		a.position_id = sqlite3_column_int64(st, 5);
		a.phase = (const char *)sqlite3_column_text(st, 6);
		a.act_id = (const char *)sqlite3_column_text(st, 7);
		a.act_total = sqlite3_column_int64(st, 8);
		a.act_charges = sqlite3_column_int64(st, 9);
		a.act_costs = sqlite3_column_int64(st, 10);
		if (a.position_id != cur_pos) {
			cur_pos = a.position_id;
			before = 0;
		}
		a.paid_before = before;
		if (a.position_id != 0)
			before += a.amount;
		if (sqlite3_column_int(st, 11) == 0)
			continue;
		if ((rc = fn(ctx, &a, err)) != ES_OK) {
			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return es_store_db_err(l, err, "reading allocations");
	return ES_OK;
}
