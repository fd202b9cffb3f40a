/* notices.c: the notices stream from the ledger (see notices.h). */
#include "es_setup.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "store/notices.h"
#include "store/bind.h"
#include "io/csv.h"
#include "io/diag.h"
#include "types/taxid.h"

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

es_rc
es_store_notices_contacts(es_ledger *l, const char *path, struct es_rejects *rj,
                          uint64_t *read, uint64_t *rejected, es_err *err)
{
	static const char *const req[] = { "tax_code" };
	sqlite3 *db = es_ledger_db(l);
	sqlite3_stmt *ins = NULL;
	es_csv_reader *r;
	es_csv_row *row;
	int ctc, csur, cols[4];
	static const char *const names[4] = { "name", "address", "pec", "email" };
	es_rc rc;
	size_t i;

	if (sqlite3_exec(db, "CREATE TEMP TABLE IF NOT EXISTS contacts ("
	                     " tax_code TEXT PRIMARY KEY, name TEXT, address TEXT, pec TEXT, email TEXT)",
	                 NULL, NULL, NULL) != SQLITE_OK)
		return es_store_db_err(l, err, "contacts");
	r = es_csv_reader_open(path, NULL, err);
	if (r == NULL)
		return err->rc == ES_EDATA ? ES_ECONFIG : err->rc;
	if (es_csv_require(r, req, &ctc, 1, err) != ES_OK) {
		es_csv_reader_close(r);
		err->rc = ES_ECONFIG;
		return ES_ECONFIG;
	}
	for (i = 0; i < 4; i++)
		cols[i] = es_csv_col(r, names[i]);
	csur = es_csv_col(r, "surname");
	/* A later row for the same tax code fills what the earlier left empty. */
	if (sqlite3_prepare_v2(db,
	    "INSERT INTO temp.contacts(tax_code, name, address, pec, email)"
	    " VALUES (?1, NULLIF(?2, ''), NULLIF(?3, ''), NULLIF(?4, ''), NULLIF(?5, ''))"
	    " ON CONFLICT(tax_code) DO UPDATE SET name = IFNULL(name, excluded.name),"
	    " address = IFNULL(address, excluded.address), pec = IFNULL(pec, excluded.pec),"
	    " email = IFNULL(email, excluded.email)", -1, &ins, NULL) != SQLITE_OK) {
		es_csv_reader_close(r);
		return es_store_db_err(l, err, "contacts");
	}
	while ((rc = es_csv_next(r, &row, err)) == ES_OK || rc == ES_EDATA) {
		char tc[32];
		const char *why = NULL;

		(*read)++;
		if (rc == ES_EDATA)
			why = err->msg;
		else if (es_taxid_normalise(es_csv_get(row, ctc), tc, sizeof tc) == NULL || tc[0] == '\0')
			why = "tax_code: empty or too long";
		if (why != NULL) {
			char msg[ES_ERR_MAX];

			snprintf(msg, sizeof msg, "%s", why);
			(*rejected)++;
			if ((rc = es_rejects_add(rj, es_csv_source(r), row->line, msg, es_csv_header(r), es_csv_ncols(r),
			                         (const char *const *)row->fields, row->nfields, err)) != ES_OK)
				break;
			continue;
		}
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, tc, -1, SQLITE_TRANSIENT);
		for (i = 0; i < 4; i++)
			sqlite3_bind_text(ins, (int)i + 2, es_csv_get(row, cols[i]), -1, SQLITE_TRANSIENT);
		if (csur >= 0 && es_csv_get(row, csur)[0] != '\0') {
			/* a registry extract: surname and name in two columns */
			char *full = sqlite3_mprintf("%s%s%s", es_csv_get(row, csur),
			                             es_csv_get(row, cols[0])[0] ? " " : "", es_csv_get(row, cols[0]));
			sqlite3_bind_text(ins, 2, full, -1, sqlite3_free);
		}
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = es_store_db_err(l, err, "contacts");
			break;
		}
	}
	sqlite3_finalize(ins);
	es_csv_reader_close(r);
	return rc == ES_EOF ? ES_OK : rc;
}

/* The act type a notice is printed with: the plan's, the act's, or the bill. */
static const char *
notice_type(sqlite3_stmt *st)
{
	if (sqlite3_column_type(st, 21) != SQLITE_NULL)
		return "rateizzazione";
	if (col(st, 11)[0] != '\0')
		return col(st, 11);
	return "bill";
}

es_rc
es_store_notices_each(es_ledger *l, const es_notice_filter *f, es_notice_fn fn, void *ctx, es_err *err)
{
	sqlite3 *db = es_ledger_db(l);
	sqlite3_stmt *st;
	bool have_contacts;
	char *sql;
	int r;
	es_rc rc = ES_OK;

	have_contacts = sqlite3_exec(db, "SELECT 1 FROM temp.contacts LIMIT 0", NULL, NULL, NULL) == SQLITE_OK;
	sql = sqlite3_mprintf(
	    "SELECT n.position_id, n.installment, n.notice_number, n.amount, n.due_date,"      /* 0-4 */
	    " p.tax_code, p.tax, p.year, p.phase, IFNULL(p.act_id, ''),"                        /* 5-9 */
	    " n.status, a.act_type, a.tax_due, a.tax_paid, a.tax_unpaid, a.sanction,"            /* 10-15 */
	    " a.interest, a.costs, a.collection_charges, a.total,"                               /* 16-19 */
	    " %s,"                                                                               /* 20 name */
	    " (SELECT plan_id FROM plans WHERE plans.position_id = p.position_id LIMIT 1),"     /* 21 */
	    " %s, %s, %s,"                                                                       /* 22-24 */
	    /* 25: the installment renumbered 1..n among the position's
	     * installments (a zero acconto has no notice, so the saldo is
	     * the first), 0 staying the single payment */
	    " CASE WHEN n.installment = 0 THEN 0 ELSE (SELECT count(*) FROM notices o"
	    "   WHERE o.position_id = n.position_id AND o.installment > 0 AND o.installment <= n.installment) END"
	    " FROM notices n JOIN positions p ON p.position_id = n.position_id"
	    " LEFT JOIN acts a ON a.act_id = p.act_id"
	    " LEFT JOIN coercive_acts ca ON ca.act_id = p.act_id"
	    " LEFT JOIN subjects s ON s.subject_id ="
	    "   (SELECT min(subject_id) FROM subjects WHERE tax_code = p.tax_code)"
	    " %s"
	    " WHERE (?1 OR (n.status = 'open' AND NOT EXISTS (SELECT 1 FROM notices o"
	    "   WHERE o.position_id = n.position_id AND o.status <> 'open')))"
	    /* a lone installment beside the single payment is the same
	     * payment twice: the single payment is enough */
	    " AND NOT (n.installment > 0 AND EXISTS (SELECT 1 FROM notices z"
	    "   WHERE z.position_id = n.position_id AND z.installment = 0)"
	    "   AND (SELECT count(*) FROM notices o WHERE o.position_id = n.position_id AND o.installment > 0) = 1)"
	    " AND (?2 IS NULL OR p.phase = ?2) AND (?3 IS NULL OR p.tax = ?3) AND (?4 = 0 OR p.year = ?4)"
	    " ORDER BY n.position_id, n.installment",
	    have_contacts
	        ? "COALESCE(c.name, ca.name, NULLIF(trim(IFNULL(s.surname, '') || ' ' || IFNULL(s.name, '')), ''), s.denomination, '')"
	        : "COALESCE(ca.name, NULLIF(trim(IFNULL(s.surname, '') || ' ' || IFNULL(s.name, '')), ''), s.denomination, '')",
	    have_contacts ? "COALESCE(c.address, ca.address, s.address, '')" : "COALESCE(ca.address, s.address, '')",
	    have_contacts ? "COALESCE(c.pec, s.pec, '')" : "IFNULL(s.pec, '')",
	    have_contacts ? "COALESCE(c.email, s.email, '')" : "IFNULL(s.email, '')",
	    have_contacts ? "LEFT JOIN temp.contacts c ON c.tax_code = p.tax_code" : "");
	if (sql == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	r = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	if (r != SQLITE_OK)
		return es_store_db_err(l, err, "reading notices");
	sqlite3_bind_int(st, 1, f->include_paid);
	if (f->phase)
		sqlite3_bind_text(st, 2, f->phase, -1, SQLITE_STATIC);
	if (f->tax)
		sqlite3_bind_text(st, 3, f->tax, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, f->year);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		es_notice n;

		memset(&n, 0, sizeof n);
		n.act_type = notice_type(st);
		if (f->act_type != NULL && strcmp(f->act_type, n.act_type) != 0)
			continue;
		snprintf(n.notice_id, sizeof n.notice_id, "%s-%lld", col(st, 8), (long long)sqlite3_column_int64(st, 0));
		n.installment = sqlite3_column_int(st, 25);
		n.notice_number = col(st, 2);
		n.amount = sqlite3_column_int64(st, 3);
		n.due_date = col(st, 4);
		n.tax_code = col(st, 5);
		n.tax = col(st, 6);
		n.year = sqlite3_column_int(st, 7);
		n.act_id = col(st, 9);
		n.name = col(st, 20);
		n.address = col(st, 22);
		n.pec = col(st, 23);
		n.email = col(st, 24);
		n.is_act = n.act_id[0] != '\0' && sqlite3_column_type(st, 11) != SQLITE_NULL;
		if (n.is_act) {
			n.tax_due = sqlite3_column_int64(st, 12);
			n.tax_paid = sqlite3_column_int64(st, 13);
			n.tax_unpaid = sqlite3_column_int64(st, 14);
			n.sanction = sqlite3_column_int64(st, 15);
			n.interest = sqlite3_column_int64(st, 16);
			n.costs = sqlite3_column_int64(st, 17);
			n.collection_charges = sqlite3_column_int64(st, 18);
			n.total = sqlite3_column_int64(st, 19);
			snprintf(n.subject_text, sizeof n.subject_text, "%s %s %d - atto %s", n.act_type, n.tax, n.year, n.act_id);
		} else {
			snprintf(n.subject_text, sizeof n.subject_text, "%s %d", n.tax, n.year);
		}
		if ((rc = fn(ctx, &n, err)) != ES_OK)
			break;
	}
	if (rc == ES_OK && r != SQLITE_DONE)
		rc = es_store_db_err(l, err, "reading notices");
	sqlite3_finalize(st);
	return rc;
}
