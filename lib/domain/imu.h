/* imu.h: IMU (L. 27 dicembre 2019 n. 160, art. 1 cc. 738-783) as pure
 * computation on values.  No database, no files other than the law tables
 * of data/ (es_imu_rules_load); shared/domain/cadastre-imu-tari.md §2.
 *
 * Units and scales:
 *   amounts        es_cents;
 *   rates          percent at scale 4: 1.06 % is 10600;
 *   coefficients   scale 4: 1.05 is 10500;
 *   month factors  scale 4 per month: a month taxed in full is 10000, a
 *                  month at half base (c. 747) is 5000;
 *   month masks    bit m-1 set for month m (January = bit 0).
 *
 * Ownership: es_imu_rules_load returns tables the caller frees with
 * es_imu_rules_free; everything else works on caller values. */
#ifndef ES_DOMAIN_IMU_H
#define ES_DOMAIN_IMU_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"

#define ES_IMU_FULL_MONTH 10000
#define ES_IMU_ALL_MONTHS 0x0fffu
#define ES_IMU_FIRST_HALF 0x003fu

/* What a unit is for IMU, which selects the rate row and codice tributo. */
typedef enum es_imu_use {
	ES_IMU_USE_NONE = 0,
	ES_IMU_USE_MAIN_HOME,          /* A/1, A/8, A/9 abitazione principale + pertinenze (3912) */
	ES_IMU_USE_OTHER_BUILDINGS,    /* altri fabbricati (3918) */
	ES_IMU_USE_GROUP_D,            /* gruppo D except D/10: State 3925 + comune 3930 */
	ES_IMU_USE_RURAL,              /* fabbricati rurali strumentali, D/10 (3913) */
	ES_IMU_USE_LAND,               /* terreni agricoli (3914) */
	ES_IMU_USE_BUILDING_LAND,      /* aree fabbricabili (3916) */
	ES_IMU_USE_COUNT
} es_imu_use;

/* "main_home", "other_buildings", "group_d", "rural_instrumental", "land",
 * "building_land": the `use` column of the rates file. */
const char *es_imu_use_name(es_imu_use u);
es_imu_use es_imu_use_parse(const char *s);   /* ES_IMU_USE_NONE if unknown */

/* The part of a line: the whole tax, or for group D the State's reserved
 * share and the comune's increment (c. 753). */
typedef enum es_imu_part {
	ES_IMU_PART_ALL = 0,
	ES_IMU_PART_STATE = 1,
	ES_IMU_PART_COMUNE = 2
} es_imu_part;

/* Numbers of the law for one year (data/imu_params.csv). */
typedef struct es_imu_params {
	int64_t revaluation;          /* 1.05 (c. 745), scale 4 */
	int64_t land_revaluation;     /* 1.25 (c. 746), scale 4 */
	int64_t land_multiplier;      /* 135 (c. 746) */
	int64_t state_rate_d;         /* 0.76 % (c. 753), percent scale 4 */
	es_cents main_home_deduction; /* 200.00 (c. 749) */
	es_cents min_payment;         /* 12.00 (L. 296/2006 c. 168) */
	int64_t factor_historic;      /* 0.50 of the base (c. 747 a), scale 4 */
	int64_t factor_unfit;         /* 0.50 of the base (c. 747 b) */
	int64_t factor_lent;          /* 0.50 of the base (c. 747 c) */
	int64_t factor_concordato;    /* 0.75 of the tax (c. 760) */
	int acconto_month, acconto_day;  /* 16 June (c. 762) */
	int saldo_month, saldo_day;      /* 16 December (c. 762) */
} es_imu_params;

typedef enum es_imu_right {
	ES_IMU_RIGHT_TAXABLE = 0,     /* soggetto passivo (c. 743) */
	ES_IMU_RIGHT_NOT_TAXABLE = 1, /* e.g. nuda proprietà, servitù */
	ES_IMU_RIGHT_REVIEW = 2       /* title not coded: manual review */
} es_imu_right;

typedef struct es_imu_rules es_imu_rules;

/* Load data/imu_multipliers.csv, imu_taxable_rights.csv, imu_params.csv and
 * imu_codici_tributo.csv (ES_ECONFIG on a malformed table). */
es_imu_rules *es_imu_rules_load(es_err *err);
void es_imu_rules_free(es_imu_rules *r);

/* The parameters in force on 1 January of `year` (ES_ECONFIG if a row is missing). */
es_rc es_imu_params_get(const es_imu_rules *r, int year, es_imu_params *out, es_err *err);

/* Cadastral category in canonical form: "A02", "A/2", "a/02", "A2" -> "A/2".
 * ES_EDATA if it is not a letter and a number 1..99. */
#define ES_IMU_CATBUFSZ 8
es_rc es_imu_category_normalise(const char *in, char out[ES_IMU_CATBUFSZ], es_err *err);

/* The multiplier of c. 745 for a (normalised) category in force on 1
 * January of year; 0 means exempt (group E, c. 759 b).  ES_EDATA if the
 * table has no row for the category (F/2, an unknown letter...).  The most
 * specific row wins: "D/5" over "D/ *". */
es_rc es_imu_multiplier(const es_imu_rules *r, const char *category, int year, int64_t *mult, es_err *err);

/* Whether a codice diritto (TIT field 7, verbatim, trailing blank kept)
 * makes its holder a soggetto passivo.  ES_EDATA for a code not in the table. */
es_rc es_imu_right_lookup(const es_imu_rules *r, const char *right_code, es_imu_right *out, es_err *err);

/* The codice tributo of a use and part ("3912", "3925", ...); NULL if none. */
const char *es_imu_tributo(const es_imu_rules *r, es_imu_use use, es_imu_part part);

/* Which use a building of this category has, when it is not a main home:
 * D/10 -> RURAL, other D -> GROUP_D, else OTHER_BUILDINGS. */
es_imu_use es_imu_use_for_category(const char *category);
/* A/1, A/8, A/9: main homes that pay (c. 740, 748). */
bool es_imu_category_luxury(const char *category);
/* Group A except A/10: dwellings. */
bool es_imu_category_dwelling(const char *category);
/* C/2, C/6, C/7: possible pertinenze (c. 741 b).  Returns 0 if not, else
 * 2, 6 or 7. */
int es_imu_pertinence_class(const char *category);

/* Taxable base of a building: rendita × revaluation × multiplier (c. 745),
 * rounded half up to the cent. */
es_rc es_imu_base_building(es_cents rendita, int64_t revaluation, int64_t multiplier, es_cents *out, es_err *err);
/* Taxable base of agricultural land: reddito dominicale × 1.25 × 135 (c. 746). */
es_rc es_imu_base_land(es_cents reddito_dominicale, int64_t land_revaluation, int64_t land_multiplier,
                       es_cents *out, es_err *err);

/* Months of possession (c. 761, cadastre-imu-tari.md §2.4) of an interval
 * [from, to_excl) in year: from is the day the right starts (ES_DATE_NONE
 * = before the year), to_excl the day it passes to the next holder
 * (ES_DATE_NONE = still held).  Month m counts if the holder has more than
 * half its days, or exactly half and the interval starts in m (the day of
 * transfer counts for the acquirer; ties go to the acquirer). */
uint16_t es_imu_months(es_date from, es_date to_excl, int year);
int es_imu_mask_count(uint16_t mask);

/* The months of a possession [from, to_excl) split by a condition (main
 * home) that held over n intervals [cond_from[i], cond_to[i]) (ES_DATE_NONE
 * = open): the c. 761 rule applied to each part on its own (cadastre-imu-
 * tari.md §2.4: "apply the same rule to changes of use"), so a month where
 * neither part has more than half the days counts for neither.  *with gets
 * the months of the part under the condition, *without the rest. */
void es_imu_months_split(es_date from, es_date to_excl, const es_date *cond_from, const es_date *cond_to, size_t n,
                         int year, uint16_t *with, uint16_t *without);

/* Reductions in force, as month masks. */
typedef struct es_imu_reductions {
	uint16_t historic;    /* c. 747 a: base × 50 % */
	uint16_t unfit;       /* c. 747 b: base × 50 % */
	uint16_t lent;        /* c. 747 c: base × 50 % */
	uint16_t concordato;  /* c. 760: tax × 75 % */
} es_imu_reductions;

/* Sum over the months of `mask` of each month's factor (scale 4), the
 * reductions stacking multiplicatively (cadastre-imu-tari.md §2.3); a
 * month with none is ES_IMU_FULL_MONTH.  red may be NULL. */
int64_t es_imu_factor_sum(uint16_t mask, const es_imu_reductions *red, const es_imu_params *p);

/* The tax: base × rate % × share_num/share_den × factor_sum / (12 × 10000),
 * computed exactly in 128 bits and rounded once, half up, to the cent.
 * rate is percent at scale 4. */
es_rc es_imu_tax(es_cents base, int64_t rate, int64_t share_num, int64_t share_den, int64_t factor_sum,
                 es_cents *out, es_err *err);

/* The main-home deduction of one holder (c. 749): deduction × share ×
 * months / 12, rounded half up; the caller caps it at the tax. */
es_rc es_imu_deduction(es_cents deduction, int64_t share_num, int64_t share_den, int months,
                       es_cents *out, es_err *err);

#endif
