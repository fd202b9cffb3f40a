/* aggio.h: the concessionaire's fee (aggio) and the economic score of
 * tender offers (law.md §7).
 *
 * The aggio is a percentage of what the concessionaire actually collects,
 * per service: S1 ordinary collection, S2 assessment, S3 coercive
 * collection.  Its base is the amount collected net of the components that
 * stay with the municipality: the oneri di riscossione (L. 160/2019 c. 803
 * lett. a, paid by the debtor) and the notification and executive costs
 * passed through (c. 803 lett. b).  Which components a service excludes and
 * the tender weights are data (data/aggio_rules.csv, with sources).
 *
 * Rounding: the fee of one period and service is computed on the summed
 * base, half up to the cent (es_muldiv); VAT likewise on the fee.  The
 * tender score is computed as an exact rational and rounded once, half up,
 * to ES_AGGIO_POINTS_SCALE decimals; ranks compare the exact values.
 *
 * Ownership: es_aggio_rules_load fills a caller-owned struct (nothing to
 * free); es_aggio_acc_new returns an accumulator freed with
 * es_aggio_acc_free, whose lines belong to it. */
#ifndef ES_DOMAIN_AGGIO_H
#define ES_DOMAIN_AGGIO_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"

enum { ES_AGGIO_S1 = 0, ES_AGGIO_S2 = 1, ES_AGGIO_S3 = 2, ES_AGGIO_NSERVICES = 3 };

/* Rates are percent at scale 4 (1% = 10000), as in es_ente. */
#define ES_AGGIO_RATE_SCALE 4
/* Tender points are printed with 3 decimals (the disciplinare's usual). */
#define ES_AGGIO_POINTS_SCALE 3
#define ES_AGGIO_LABEL_SZ 24

/* "S1"/"S2"/"S3" (case-insensitive) -> 0..2; ES_EDATA otherwise. */
es_rc es_aggio_service_parse(const char *s, int *svc, es_err *err);
const char *es_aggio_service_name(int svc);

typedef enum es_aggio_period {
	ES_AGGIO_MONTH = 0,      /* "2025-03" */
	ES_AGGIO_QUARTER = 1,    /* "2025-Q1" */
	ES_AGGIO_YEAR = 2        /* "2025" */
} es_aggio_period;

es_rc es_aggio_period_parse(const char *s, es_aggio_period *p, es_err *err);
/* The period label of a date into buf (ES_AGGIO_LABEL_SZ bytes). */
char *es_aggio_period_label(es_date d, es_aggio_period p, char *buf);

/* One service's rule (a row of data/aggio_rules.csv). */
typedef struct es_aggio_rule {
	bool excludes_charges;   /* oneri di riscossione out of the base */
	bool excludes_costs;     /* notification and executive costs out of the base */
	int64_t tender_weight;   /* points of this line in the economic score */
} es_aggio_rule;

typedef struct es_aggio_rules {
	es_aggio_rule svc[ES_AGGIO_NSERVICES];
} es_aggio_rules;

es_rc es_aggio_rules_load(es_aggio_rules *r, es_err *err);

/* "S1=1,S2=11,S3=5": fills rates[] (scale 4) for the services named; set[]
 * tells which.  ES_ECONFIG on a malformed list or a rate outside 0..100. */
es_rc es_aggio_rates_parse(const char *s, int64_t rates[ES_AGGIO_NSERVICES], bool set[ES_AGGIO_NSERVICES],
                           es_err *err);

/* The part of `component` (an act's oneri or costs) that an allocation
 * carries, by cumulative proportion: what the payments up to and including
 * this one carry, round(min(paid_after, total) * component / total), minus
 * what those before it carried, round(min(paid_before, total) * component /
 * total), half up.  So an act paid in several instalments passes on exactly
 * `component` once it is paid in full.  total <= 0 gives 0. */
es_rc es_aggio_share(es_cents paid_before, es_cents amount, es_cents total, es_cents component, es_cents *out,
                     es_err *err);

/* One line of the fees stream: a period and a service. */
typedef struct es_aggio_line {
	char period[ES_AGGIO_LABEL_SZ];
	int service;
	uint64_t allocations;
	es_cents collected;
	es_cents charges;        /* oneri di riscossione excluded */
	es_cents costs;          /* notification and executive costs excluded */
	es_cents excluded;       /* charges + costs, as the rule excludes them */
	es_cents base;           /* collected - excluded */
	int64_t rate;            /* percent, scale 4 */
	es_cents fee;            /* round(base * rate / 100), half up */
	int64_t vat_rate;        /* percent, scale 4; 0 = no VAT shown */
	es_cents vat;            /* round(fee * vat_rate / 100), half up */
} es_aggio_line;

typedef struct es_aggio_acc es_aggio_acc;

es_aggio_acc *es_aggio_acc_new(es_aggio_period p, es_err *err);
/* Add one allocation.  charges and costs are the components the allocation
 * carries (before the rule decides whether they are excluded). */
es_rc es_aggio_acc_add(es_aggio_acc *a, es_date paid_on, int svc, es_cents amount, es_cents charges,
                       es_cents costs, es_err *err);
/* Compute excluded, base, fee and VAT of every line and sort them by period
 * then service.  The lines stay valid until es_aggio_acc_free. */
es_rc es_aggio_acc_finish(es_aggio_acc *a, const es_aggio_rules *rules, const int64_t rates[ES_AGGIO_NSERVICES],
                          int64_t vat_rate, const es_aggio_line **lines, size_t *n, es_err *err);
void es_aggio_acc_free(es_aggio_acc *a);

/* The fee of one base at one rate (percent, scale 4), half up. */
es_rc es_aggio_fee(es_cents base, int64_t rate, es_cents *fee, es_err *err);

/* --- tender scoring: P = w1*A1min/A1i + w2*A2min/A2i + w3*A3min/A3i ------ */

typedef struct es_aggio_score {
	int64_t term[ES_AGGIO_NSERVICES]; /* each term alone, scale 3, half up (shown only) */
	int64_t points;                   /* the exact sum rounded once, scale 3, half up */
	int rank;                         /* 1 = best; equal exact scores share a rank */
} es_aggio_score;

/* offers[i][k]: offer i's aggio on line k (percent, scale 4), each in
 * (0, max_rate]; weights from the rules.  out[] has n entries. */
es_rc es_aggio_score_bids(const int64_t (*offers)[ES_AGGIO_NSERVICES], size_t n, const es_aggio_rules *rules,
                          int64_t max_rate, es_aggio_score *out, es_err *err);

#endif
