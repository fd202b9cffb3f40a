/* t_synth.c: the ground truth of esattore-synth against values computed by
 * hand from the law (cadastre-imu-tari.md §2.1-2.6, §3.7), with the
 * arithmetic written out. */
#include "es_setup.h"

#include <string.h>

#include "unit.h"
#include "types/date.h"
#include "types/taxid.h"
#include "synth/synth.h"
#include "ente.h"

#include <stdio.h>
#include <stdlib.h>

Suite *make_suite_synth(void);

#define D(y, m, d) es_date_from_ymd(y, m, d)

/* A single transfer on day t: the seller holds [.., t-1], the buyer [t, ..]. */
static void
transfer(es_date t, int year, int *seller, int *buyer, int *buyer_h1)
{
	int h1;

	es_synth_months(D(year - 3, 1, 1), t - 1, year, seller, &h1);
	es_synth_months(t, ES_DATE_NONE, year, buyer, buyer_h1);
}

START_TEST(months_worked_examples)
{
	int s, b, bh1;

	/* §2.4 ex. 1: 16 May (31 days): seller 15 days, buyer 16 > 15.5 -> buyer; 4/8,
	 * the buyer's acconto months are May and June */
	transfer(D(2025, 5, 16), 2025, &s, &b, &bh1);
	ck_assert_int_eq(s, 4);
	ck_assert_int_eq(b, 8);
	ck_assert_int_eq(bh1, 2);
	/* ex. 2: 15 November (30): seller 14, buyer 16 -> 10/2 */
	transfer(D(2025, 11, 15), 2025, &s, &b, &bh1);
	ck_assert_int_eq(s, 10);
	ck_assert_int_eq(b, 2);
	/* ex. 2b: 16 September (30): 15/15, tie to the buyer -> 8/4 */
	transfer(D(2025, 9, 16), 2025, &s, &b, &bh1);
	ck_assert_int_eq(s, 8);
	ck_assert_int_eq(b, 4);
	/* ex. 3: 15 February 2025 (28): 14/14 tie to buyer -> 1/11 */
	transfer(D(2025, 2, 15), 2025, &s, &b, &bh1);
	ck_assert_int_eq(s, 1);
	ck_assert_int_eq(b, 11);
	/* ex. 3b: 16 February 2025: seller 15 > 14 -> 2/10 */
	transfer(D(2025, 2, 16), 2025, &s, &b, &bh1);
	ck_assert_int_eq(s, 2);
	ck_assert_int_eq(b, 10);
	/* ex. 3c: 15 February 2024 (29): seller 14, buyer 15 -> 1/11 */
	transfer(D(2024, 2, 15), 2024, &s, &b, &bh1);
	ck_assert_int_eq(s, 1);
	ck_assert_int_eq(b, 11);
	/* ex. 3d: 16 February 2024: seller 15, buyer 14 -> 2/10 */
	transfer(D(2024, 2, 16), 2024, &s, &b, &bh1);
	ck_assert_int_eq(s, 2);
	ck_assert_int_eq(b, 10);
	/* ex. 4: 17 October (31): seller 16, buyer 15 -> 10/2 */
	transfer(D(2025, 10, 17), 2025, &s, &b, &bh1);
	ck_assert_int_eq(s, 10);
	ck_assert_int_eq(b, 2);
	/* Fidenza FAQ: deed on 4 April -> 3/9 */
	transfer(D(2025, 4, 4), 2025, &s, &b, &bh1);
	ck_assert_int_eq(s, 3);
	ck_assert_int_eq(b, 9);
	ck_assert_int_eq(bh1, 3);   /* April, May, June */
}
END_TEST

START_TEST(months_edges)
{
	int m, h1;

	/* possession all year, open at both ends: 12 and 6 */
	es_synth_months(ES_DATE_NONE, ES_DATE_NONE, 2025, &m, &h1);
	ck_assert_int_eq(m, 12);
	ck_assert_int_eq(h1, 6);
	/* 5-19 March: 15 of 31 days, not more than half: no month */
	es_synth_months(D(2025, 3, 5), D(2025, 3, 19), 2025, &m, &h1);
	ck_assert_int_eq(m, 0);
	/* possession ending before the year, starting after it */
	es_synth_months(D(2020, 1, 1), D(2024, 12, 31), 2025, &m, &h1);
	ck_assert_int_eq(m, 0);
	es_synth_months(D(2026, 1, 1), ES_DATE_NONE, 2025, &m, &h1);
	ck_assert_int_eq(m, 0);
	/* died on 20 July: holds 1 Jan - 19 July: July 19 of 31 days counts: 7, 6 in H1 */
	es_synth_months(D(2001, 1, 1), D(2025, 7, 19), 2025, &m, &h1);
	ck_assert_int_eq(m, 7);
	ck_assert_int_eq(h1, 6);
}
END_TEST

START_TEST(imu_base)
{
	/* §2.1: A/2 rendita 812,34 x 1,05 x 160 = 136.473,12 */
	ck_assert_int_eq(es_synth_imu_base(81234, 5, 160), 13647312);
	/* D/1 rendita 10.000 x 1,05 x 65 = 682.500,00 */
	ck_assert_int_eq(es_synth_imu_base(1000000, 5, 65), 68250000);
	/* terreno RD 13,87 x 1,25 x 135 = 2.340,5625 -> 2.340,56 */
	ck_assert_int_eq(es_synth_imu_base(1387, 25, 135), 234056);
	/* C/1 rendita 1.234,57 x 1,05 x 55 = 71.296,4175 -> 71.296,42 */
	ck_assert_int_eq(es_synth_imu_base(123457, 5, 55), 7129642);
}
END_TEST

START_TEST(imu_worked_examples)
{
	es_cents annual, acconto;

	/* §2.6 example A: base 168.000,00, rate 1,06%, quota 1/2, 12 months:
	 * 168.000 x 1,06% x 1/2 = 890,40; acconto 6 months = 445,20 -> F24 445 */
	annual = es_synth_imu_tax(16800000, 106, 1, 2, 12);
	acconto = es_synth_imu_tax(16800000, 106, 1, 2, 6);
	ck_assert_int_eq(annual, 89040);
	ck_assert_int_eq(acconto, 44520);
	ck_assert_int_eq(es_money_round_euro(acconto), 44500);
	ck_assert_int_eq(es_money_round_euro(annual - acconto), 44500);
	/* variant: last year's rate 0,96%: acconto 168.000 x 0,96% x 1/2 x 6/12 =
	 * 403,20 -> 403; saldo 890,40 - 403,20 = 487,20 -> 487 */
	acconto = es_synth_imu_tax(16800000, 96, 1, 2, 6);
	ck_assert_int_eq(acconto, 40320);
	ck_assert_int_eq(es_money_round_euro(annual - acconto), 48700);
	/* example B: base 136.473,12, 1,06%, 1/2, bought 16 May: 8 months, 2 in H1.
	 * 136.473,12 x 1,06% x 1/2 x 8/12 = 482,2050...: 482,21 (one rounding);
	 * acconto x 2/12 = 120,5512 -> 120,55 -> F24 121; saldo 361,66 -> 362 */
	annual = es_synth_imu_tax(13647312, 106, 1, 2, 8);
	acconto = es_synth_imu_tax(13647312, 106, 1, 2, 2);
	ck_assert_int_eq(annual, 48221);
	ck_assert_int_eq(acconto, 12055);
	ck_assert_int_eq(es_money_round_euro(acconto), 12100);
	ck_assert_int_eq(annual - acconto, 36166);
	ck_assert_int_eq(es_money_round_euro(annual - acconto), 36200);
	/* §2.2 group D: base 682.500, 0,86%, full year 1/1: State 0,76% = 5.187,00
	 * (3925), comune 0,10% = 682,50 (3930) */
	ck_assert_int_eq(es_synth_imu_tax(68250000, 76, 1, 1, 12), 518700);
	ck_assert_int_eq(es_synth_imu_tax(68250000, 10, 1, 1, 12), 68250);
	ck_assert_int_eq(es_money_round_euro(68250), 68300);
	/* no months, no tax; a 0/0 share never reaches here (the fallback
	 * turns it into 1/k first) */
	ck_assert_int_eq(es_synth_imu_tax(68250000, 76, 1, 1, 0), 0);
}
END_TEST

START_TEST(imu_deduction)
{
	/* c. 749: 200 euro x 1/2 x 12/12 = 100,00 */
	ck_assert_int_eq(es_synth_imu_deduction(20000, 1, 2, 12), 10000);
	/* 200 x 1/1 x 7/12 = 116,666... -> 116,67 */
	ck_assert_int_eq(es_synth_imu_deduction(20000, 1, 1, 7), 11667);
	/* first half only: 200 x 6/12 = 100,00 */
	ck_assert_int_eq(es_synth_imu_deduction(20000, 1, 1, 6), 10000);
}
END_TEST

START_TEST(tari_worked_examples)
{
	/* §3.7 domestic: Quf 0,40 x Ka 1,08 = 0,432 euro/m2; S = 100 m2;
	 * variable 2,00 x 37,50 = 75,00: 43,20 + 75,00 = 118,20; TEFA 5% = 5,91 */
	ck_assert_int_eq(es_synth_tari_domestic(4320, 100, 7500, 365, 365), 11820);
	ck_assert_int_eq(es_synth_tefa(11820, 500), 591);
	/* 73 days of 365 = 1/5: 118,20 / 5 = 23,64 */
	ck_assert_int_eq(es_synth_tari_domestic(4320, 100, 7500, 73, 365), 2364);
	/* non-domestic cat. 24: Qapf 0,90 x Kc 5,00 = 4,50 euro/m2 fixed;
	 * Cu 0,25 x Kd 41,00 = 10,25 euro/m2 variable; S = 80:
	 * 360,00 + 820,00 = 1.180,00; TEFA 59,00 */
	ck_assert_int_eq(es_synth_tari_nondomestic(45000, 102500, 80, 365, 365), 118000);
	ck_assert_int_eq(es_synth_tefa(118000, 500), 5900);
	/* TEFA half up: 62,38 x 5% = 3,119 -> 3,12 */
	ck_assert_int_eq(es_synth_tefa(6238, 500), 312);
}
END_TEST

START_TEST(law_multipliers)
{
	es_err err;
	es_synth_law *law = es_synth_law_load(&err);
	int m = 0;

	ck_assert_msg(law != NULL, "law tables: %s", err.msg);
	/* c. 745: A (not A/10) 160; A/10 80; C/1 55; C/6 160; C/3 140; B 140;
	 * D/5 80; D 65; terreni 135 (c. 746); group E exempt (c. 759 b) */
	ck_assert_int_eq(es_synth_multiplier(law, "A02", 2025, &m, &err), ES_OK);
	ck_assert_int_eq(m, 160);
	ck_assert_int_eq(es_synth_multiplier(law, "A10", 2025, &m, &err), ES_OK);
	ck_assert_int_eq(m, 80);
	ck_assert_int_eq(es_synth_multiplier(law, "C01", 2025, &m, &err), ES_OK);
	ck_assert_int_eq(m, 55);
	ck_assert_int_eq(es_synth_multiplier(law, "C06", 2025, &m, &err), ES_OK);
	ck_assert_int_eq(m, 160);
	ck_assert_int_eq(es_synth_multiplier(law, "C03", 2025, &m, &err), ES_OK);
	ck_assert_int_eq(m, 140);
	ck_assert_int_eq(es_synth_multiplier(law, "B05", 2025, &m, &err), ES_OK);
	ck_assert_int_eq(m, 140);
	ck_assert_int_eq(es_synth_multiplier(law, "D05", 2025, &m, &err), ES_OK);
	ck_assert_int_eq(m, 80);
	ck_assert_int_eq(es_synth_multiplier(law, "D01", 2025, &m, &err), ES_OK);
	ck_assert_int_eq(m, 65);
	ck_assert_int_eq(es_synth_multiplier(law, "A01", 2025, &m, &err), ES_OK);
	ck_assert_int_eq(m, 160);
	ck_assert_int_eq(es_synth_multiplier(law, "TER", 2025, &m, &err), ES_OK);
	ck_assert_int_eq(m, 135);
	ck_assert_int_eq(es_synth_multiplier(law, "E01", 2025, &m, &err), ES_EDATA);
	ck_assert_int_eq(es_synth_rendita_reval_pct(law), 5);
	ck_assert_int_eq(es_synth_rd_reval_pct(law), 25);
	ck_assert_int_eq(es_synth_d_state_bp(law, 2025), 76);
	ck_assert_int_eq(es_synth_main_home_deduction(law), 20000);
	/* IFEL 0,56 per mille from 2020, 0,60 in 2013-2019 */
	ck_assert_int_eq(es_synth_ifel_rate(law, 2024), 56);
	ck_assert_int_eq(es_synth_ifel_rate(law, 2015), 60);
	ck_assert(es_synth_tributo_ifel(law, "3918"));
	ck_assert(!es_synth_tributo_ifel(law, "3925"));
	ck_assert(!es_synth_tributo_comune(law, "3925"));
	ck_assert(!es_synth_tributo_comune(law, "TEFA"));
	ck_assert(es_synth_tributo_comune(law, "3944"));
	es_synth_law_free(law);
}
END_TEST

START_TEST(codice_fiscale)
{
	char cf[17], piva[12];

	/* ROSSI -> RSS; ANNA -> NNA; 1980 -> 80; January -> A; day 1 + 40 (F) -> 41 */
	es_synth_cf_person("ROSSI", "ANNA", 1980, 1, 1, 'F', "B157", cf);
	ck_assert_int_eq(strncmp(cf, "RSSNNA80A41B157", 15), 0);
	ck_assert_int_eq(es_cf_validate(cf, NULL), ES_OK);
	/* GIANLUCA has 4 consonants G N L C: 1st, 3rd, 4th -> GLC; DE LUCA -> DLC;
	 * December -> T */
	es_synth_cf_person("DE LUCA", "GIANLUCA", 1975, 12, 9, 'M', "F205", cf);
	ck_assert_int_eq(strncmp(cf, "DLCGLC75T09F205", 15), 0);
	ck_assert_int_eq(es_cf_validate(cf, NULL), ES_OK);
	/* short parts are padded with vowels then X: RE -> REX; ALDO -> LDA */
	es_synth_cf_person("RE", "ALDO", 2001, 6, 30, 'M', "H501", cf);
	ck_assert_int_eq(strncmp(cf, "REXLDA01H30H501", 15), 0);
	es_synth_cf_company(1234567890, piva);
	ck_assert_int_eq(strlen(piva), 11);
	ck_assert_int_eq(strncmp(piva, "1234567890", 10), 0);
	ck_assert_int_eq(es_piva_validate(piva, NULL), ES_OK);
}
END_TEST

START_TEST(iban)
{
	char out[28];

	/* the widely published valid Italian IBAN: CIN X, check digits 60 */
	es_synth_iban("05428", "11101", 123456, out);
	ck_assert_str_eq(out, "IT60X0542811101000000123456");
	/* the sample's account (seed 1: 100000 + 1), CIN and check digits by
	 * hand in t_ente.c (iban_by_hand): U and 20 */
	es_synth_iban("05428", "11101", 100001, out);
	ck_assert_str_eq(out, "IT20U0542811101000000100001");
}
END_TEST

START_TEST(prng)
{
	uint64_t st = 0;
	es_synth_rng a, b;
	int i;

	/* splitmix64 reference outputs for state 0 */
	ck_assert_uint_eq(es_synth_splitmix64(&st), UINT64_C(0xE220A8397B1DCDAF));
	ck_assert_uint_eq(es_synth_splitmix64(&st), UINT64_C(0x6E789E6AA1B965F4));
	ck_assert_uint_eq(es_synth_splitmix64(&st), UINT64_C(0x06C45D188009454F));
	/* same seed and stream, same sequence; another stream, another one */
	es_synth_rng_seed(&a, 42, 7);
	es_synth_rng_seed(&b, 42, 7);
	for (i = 0; i < 1000; i++)
		ck_assert_uint_eq(es_synth_rng_next(&a), es_synth_rng_next(&b));
	es_synth_rng_seed(&b, 42, 8);
	ck_assert_uint_ne(es_synth_rng_next(&a), es_synth_rng_next(&b));
	for (i = 0; i < 10000; i++) {
		uint64_t x = es_synth_rng_below(&a, 7);
		int64_t y = es_synth_rng_range(&a, -3, 3);
		ck_assert_uint_lt(x, 7);
		ck_assert(y >= -3 && y <= 3);
	}
}
END_TEST

/* The sample's ente.conf is accepted by the ente loader (lib/ente.h: unknown
 * groups or keys are errors) and says what esattore-synth meant. */
START_TEST(sample_ente_conf)
{
	const char *td = getenv("TESTDATA");
	char path[1024];
	es_err err;
	es_ente *e;

	ck_assert_msg(td != NULL, "TESTDATA is not set");
	snprintf(path, sizeof path, "%s/sample/ente.conf", td);
	e = es_ente_load(path, &err);
	ck_assert_msg(e != NULL, "%s", err.msg);
	ck_assert_str_eq(e->belfiore, "M999");
	ck_assert_int_eq(e->aux_digit, 3);
	ck_assert_int_eq(e->min_amount, 1200);
	ck_assert_int_eq(es_piva_validate(e->tax_code, NULL), ES_OK);
	ck_assert_int_eq(strlen(e->iban), 27);
	es_ente_free(e);
}
END_TEST

Suite *
make_suite_synth(void)
{
	Suite *s = suite_create("synth");
	TCase *tc = tcase_create("truth");

	tcase_add_test(tc, months_worked_examples);
	tcase_add_test(tc, months_edges);
	tcase_add_test(tc, imu_base);
	tcase_add_test(tc, imu_worked_examples);
	tcase_add_test(tc, imu_deduction);
	tcase_add_test(tc, tari_worked_examples);
	tcase_add_test(tc, law_multipliers);
	tcase_add_test(tc, codice_fiscale);
	tcase_add_test(tc, iban);
	tcase_add_test(tc, prng);
	tcase_add_test(tc, sample_ente_conf);
	suite_add_tcase(s, tc);
	return s;
}
