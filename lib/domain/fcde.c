/* fcde.c: the FCDE collection ratios (D.Lgs. 118/2011 All. 4/2 esempio 5). */
#include "es_setup.h"

#include <string.h>

#include "domain/fcde.h"
#include "rules.h"

/* Percent at scale 4 is a fraction at scale 10^6. */
#define PCT_UNIT 1000000
/* Yearly ratios are carried to 10^-18. */
#define FINE INT64_C(1000000000000000000)

static __int128
div_half_up(__int128 num, __int128 den)
{
	__int128 q = num / den, r = num % den;

	if (2 * r >= den)
		q++;
	return q;
}

es_rc
es_fcde_weights_load(int64_t w[ES_FCDE_YEARS], es_err *err)
{
	static const char *const cols[] = { "position", "weight" };
	es_table *t;
	es_rc rc;
	int64_t sum = 0;
	size_t i;

	if ((t = es_table_load("fcde_weights", err)) == NULL)
		return err != NULL ? err->rc : ES_ECONFIG;
	if ((rc = es_table_require(t, cols, 2, err)) != ES_OK)
		goto out;
	if (es_table_nrows(t) != ES_FCDE_YEARS) {
		rc = es_err_set(err, ES_ECONFIG, "%s: expected %d rows, found %zu", es_table_name(t), ES_FCDE_YEARS,
		                es_table_nrows(t));
		goto out;
	}
	for (i = 0; i < ES_FCDE_YEARS; i++) {
		int64_t pos, v;

		if ((rc = es_table_int(t, i, "position", &pos, err)) != ES_OK ||
		    (rc = es_table_decimal(t, i, "weight", 2, &v, err)) != ES_OK)
			goto out;
		if (pos != (int64_t)i + 1 || v < 0) {
			rc = es_err_set(err, ES_ECONFIG, "%s:%llu: positions must run 1..5 with weights >= 0",
			                es_table_name(t), (unsigned long long)es_table_line(t, i));
			goto out;
		}
		w[i] = v;
		sum += v;
	}
	if (sum != 100)
		rc = es_err_set(err, ES_ECONFIG, "%s: the weights add up to %lld hundredths, not 1.00",
		                es_table_name(t), (long long)sum);
out:
	if (rc != ES_OK && err != NULL)
		err->rc = rc = ES_ECONFIG;
	es_table_free(t);
	return rc;
}

es_rc
es_fcde_compute(const es_fcde_year y[ES_FCDE_YEARS], const int64_t w[ES_FCDE_YEARS], es_fcde_ratios *out,
                es_err *err)
{
	__int128 sr = 0, sa = 0, wr = 0, wa = 0, sum_fine = 0, wsum_fine = 0;
	int i;

	memset(out, 0, sizeof *out);
	for (i = 0; i < ES_FCDE_YEARS; i++) {
		__int128 fine;

		if (i > 0 && y[i].year != y[i - 1].year + 1)
			return es_err_set(err, ES_EDATA, "years %d and %d are not consecutive", y[i - 1].year, y[i].year);
		if (y[i].accertato <= 0)
			return es_err_set(err, ES_EDATA, "year %d: no accertato", y[i].year);
		if (y[i].riscosso < 0 || y[i].accertato > ES_CENTS_MAX * 1000 || y[i].riscosso > ES_CENTS_MAX * 1000)
			return es_err_set(err, ES_EDATA, "year %d: amounts out of range", y[i].year);
		/* keeps every 128-bit product below: a real ratio is near or under 1 */
		if (y[i].riscosso / 10 > y[i].accertato)
			return es_err_set(err, ES_EDATA, "year %d: riscosso over ten times the accertato", y[i].year);
		fine = (__int128)y[i].riscosso * FINE / y[i].accertato;
		out->yearly[i] = (int64_t)div_half_up((__int128)y[i].riscosso * PCT_UNIT, y[i].accertato);
		sr += y[i].riscosso;
		sa += y[i].accertato;
		wr += (__int128)w[i] * y[i].riscosso;
		wa += (__int128)w[i] * y[i].accertato;
		sum_fine += fine;
		wsum_fine += (__int128)w[i] * fine;
	}
	out->simple_totals = (int64_t)div_half_up(sr * PCT_UNIT, sa);
	out->simple_ratios = (int64_t)div_half_up(sum_fine * PCT_UNIT, (__int128)FINE * ES_FCDE_YEARS);
	out->weighted_totals = wa > 0 ? (int64_t)div_half_up(wr * PCT_UNIT, wa) : 0;
	/* the weights are at scale 2 and add up to 100 */
	out->weighted_ratios = (int64_t)div_half_up(wsum_fine * PCT_UNIT, (__int128)FINE * 100);
	return ES_OK;
}
