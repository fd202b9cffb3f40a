/* rows.c: open a CSV input with its required columns, and walk its rows
 * with the malformed ones rejected (rows.h). */
#include "es_setup.h"

#include <stdio.h>

#include "io/rows.h"

es_csv_reader *
es_rows_open(const char *path, const char *const *req, int *idx, size_t nreq, es_err *err)
{
	es_csv_reader *cr;

	if ((cr = es_csv_reader_open(path, NULL, err)) == NULL)
		return NULL;
	if (es_csv_require(cr, req, idx, nreq, err) != ES_OK) {
		err->rc = ES_ECONFIG;
		es_csv_reader_close(cr);
		return NULL;
	}
	return cr;
}

es_rc
es_rows_next(es_csv_reader *cr, es_csv_row **row, es_rejects *rj, es_summary *sum, es_err *err)
{
	es_rc rc;

	while ((rc = es_csv_next(cr, row, err)) == ES_EDATA) {
		char msg[ES_ERR_MAX];

		sum->read++;
		snprintf(msg, sizeof msg, "%s", err->msg);
		if ((rc = es_rejects_add_row(rj, cr, *row, msg, sum, err)) != ES_OK)
			return rc;
	}
	if (rc == ES_OK)
		sum->read++;
	return rc;
}
