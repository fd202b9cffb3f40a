/* rows.h: the rows of a CSV input as the programs' runs read them.
 *
 * es_rows_open opens a CSV input and finds its required columns;
 * es_rows_next gives the next well-formed row, counting every row read
 * and rejecting (es_rejects_add_row) those the reader finds malformed. */
#ifndef ES_IO_ROWS_H
#define ES_IO_ROWS_H

#include "es_setup.h"
#include "types/error.h"
#include "io/csv.h"
#include "io/diag.h"

/* The reader, or NULL with err: the reader's error when the input cannot
 * be opened, ES_ECONFIG when a required column is missing.  idx[i] is the
 * column of req[i]. */
es_csv_reader *es_rows_open(const char *path, const char *const *req, int *idx, size_t nreq, es_err *err);

/* ES_OK with *row, ES_EOF, or a failure (of the reader or of the rejects
 * writer).  sum->read counts every row, sum->rejected the malformed ones. */
es_rc es_rows_next(es_csv_reader *cr, es_csv_row **row, es_rejects *rj, es_summary *sum, es_err *err);

#endif
