/* fcde.h: the collection ratios behind the fondo crediti di dubbia
 * esigibilità (FCDE), D.Lgs. 118/2011 All. 4/2, esempio n. 5.
 *
 * For one revenue type and the last five years (oldest first), each year's
 * riscosso (collected on that year's accertamenti) over its accertato.  The
 * principle allows three averages; all are computed here, named as follows:
 *
 *   simple_totals     media semplice, as the ratio of the totals:
 *                     sum(riscosso) / sum(accertato)
 *   simple_ratios     media semplice of the yearly ratios:
 *                     (1/n) sum(riscosso_i / accertato_i)
 *   weighted_totals   rapporto tra la sommatoria degli incassi ponderati e
 *                     la sommatoria degli accertamenti ponderati con i pesi
 *                     0.10 (first three years) and 0.35 (last two):
 *                     sum(w_i riscosso_i) / sum(w_i accertato_i)
 *   weighted_ratios   media ponderata dei rapporti annui, same weights:
 *                     sum(w_i riscosso_i / accertato_i)
 *
 * The weights are data (data/fcde_weights.csv, with their source).  The
 * FCDE percentage to set aside on a year's stanziamento is the complement,
 * 100 - ratio.
 *
 * Arithmetic: the ratios of totals are exact quotients; a yearly ratio is
 * taken to 10^-18 (truncated) before it is averaged, far below the output
 * precision.  Every result is a percentage at scale 4 (45.1234 % =
 * 451234), rounded half up once at the end. */
#ifndef ES_DOMAIN_FCDE_H
#define ES_DOMAIN_FCDE_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"

#define ES_FCDE_YEARS 5
#define ES_FCDE_SCALE 4           /* percent decimals of the results */

typedef struct es_fcde_year {
	int year;
	es_cents accertato;
	es_cents riscosso;
} es_fcde_year;

typedef struct es_fcde_ratios {
	int64_t yearly[ES_FCDE_YEARS];  /* each year's ratio, percent scale 4 */
	int64_t simple_totals;
	int64_t simple_ratios;
	int64_t weighted_totals;
	int64_t weighted_ratios;
} es_fcde_ratios;

/* The weights of data/fcde_weights.csv at scale 2 (0.35 = 35), oldest
 * year first; they must add up to 1.00. */
es_rc es_fcde_weights_load(int64_t w[ES_FCDE_YEARS], es_err *err);

/* years[0..4], oldest first, consecutive.  A year with no accertato (0) or
 * a negative amount is ES_EDATA naming the year: the ratio of that revenue
 * type cannot be computed (the principle asks for five years of data). */
es_rc es_fcde_compute(const es_fcde_year years[ES_FCDE_YEARS], const int64_t w[ES_FCDE_YEARS],
                      es_fcde_ratios *out, es_err *err);

#endif
