/* t_matching: the matcher's rules and statuses, with amounts worked out by
 * hand in the comments. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "domain/matching.h"

Suite *make_suite_matching(void);

#define MAXA 32

typedef struct got {
	char pid[400], pos[96], nav[24], rule[24], note[600];
	es_cents amount;
	es_alloc_status st;
	es_recon recon;
} got;

typedef struct box {
	got a[MAXA];
	int n, rejects, warns, skips;
} box;

static es_rc
on_alloc(void *ctx, const es_alloc *a, es_err *err)
{
	box *b = ctx;
	got *g;

	(void)err;
	ck_assert_int_lt(b->n, MAXA);
	g = &b->a[b->n++];
	snprintf(g->pid, sizeof g->pid, "%s", a->payment_id);
	snprintf(g->pos, sizeof g->pos, "%s", a->position_id);
	snprintf(g->nav, sizeof g->nav, "%s", a->notice_number);
	snprintf(g->rule, sizeof g->rule, "%s", a->rule);
	snprintf(g->note, sizeof g->note, "%s", a->note);
	g->amount = a->amount;
	g->st = a->status;
	g->recon = a->recon;
	return ES_OK;
}

static es_rc
on_reject(void *ctx, const char *source, uint64_t line, const char *pid, const char *msg, es_err *err)
{
	box *b = ctx;

	(void)source, (void)line, (void)pid, (void)msg, (void)err;
	b->rejects++;
	return ES_OK;
}

static void
on_warn(void *ctx, const char *source, uint64_t line, const char *msg)
{
	box *b = ctx;

	(void)source, (void)line, (void)msg;
	b->warns++;
}

static es_rc
on_skip(void *ctx, const char *pid, es_err *err)
{
	box *b = ctx;

	(void)pid, (void)err;
	b->skips++;
	return ES_OK;
}

static box B;
static es_match_sink S = { on_alloc, on_reject, on_warn, on_skip, &B, NULL };

static void
due(es_matcher *m, const char *cf, const char *tax, int year, int inst, es_cents amount, const char *nav)
{
	es_match_due d;

	memset(&d, 0, sizeof d);
	d.tax_code = cf;
	d.tax = tax;
	d.year = year;
	d.installment = inst;
	d.due_date = ES_DATE_NONE;
	d.amount = amount;
	d.notice_number = nav;
	ck_assert_int_eq(es_matcher_add_due(m, &d, NULL), ES_OK);
}

static void
pay(es_matcher *m, const char *id, const char *source, const char *cf, const char *tax, int year,
    const char *nav, const char *causale, es_cents amount)
{
	es_match_payment p;

	memset(&p, 0, sizeof p);
	p.payment_id = id;
	p.source = source;
	p.source_ref = "test";
	p.tax_code = cf;
	p.tax = tax;
	p.year = year;
	p.notice_number = nav;
	p.causale = causale;
	p.amount = amount;
	p.paid_on = p.credited_on = ES_DATE_NONE;
	ck_assert_int_eq(es_matcher_match(m, &p, &S, NULL), ES_OK);
}

static es_matcher *
fresh(void)
{
	memset(&B, 0, sizeof B);
	return es_matcher_new(NULL);
}

#define CF_A "RSSMRA80A01H501U"
#define CF_G "MRNGNN55T10H501S"

START_TEST(acconto_saldo)
{
	es_matcher *m = fresh();

	/* Two units, two installments: acconto 60 + 40 = 100.00, saldo 100.00. */
	due(m, CF_A, "IMU", 2025, 1, 6000, NULL);
	due(m, CF_A, "IMU", 2025, 1, 4000, NULL);
	due(m, CF_A, "IMU", 2025, 2, 6000, NULL);
	due(m, CF_A, "IMU", 2025, 2, 4000, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	ck_assert_uint_eq(es_matcher_npositions(m), 1);
	/* 100.00 reaches the acconto boundary exactly: MATCHED, not PARTIAL. */
	pay(m, "p1", "F24", CF_A, "IMU", 2025, NULL, NULL, 10000);
	/* 70.00 more: 170.00 is between the boundaries 100 and 200: PARTIAL. */
	pay(m, "p2", "F24", CF_A, "IMU", 2025, NULL, NULL, 7000);
	/* 30.00 more: 200.00, the saldo boundary: MATCHED. */
	pay(m, "p3", "F24", CF_A, "IMU", 2025, NULL, NULL, 3000);
	/* 30.00 again once all is paid: the same amount as p3: DUPLICATE. */
	pay(m, "p4", "F24", CF_A, "IMU", 2025, NULL, NULL, 3000);
	ck_assert_int_eq(B.n, 4);
	ck_assert_str_eq(B.a[0].pos, CF_A "-IMU-2025");
	ck_assert_str_eq(B.a[0].rule, "tax-year");
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_PARTIAL);
	ck_assert_int_eq(B.a[1].amount, 7000);
	ck_assert_int_eq(B.a[2].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[3].st, ES_ALLOC_DUPLICATE);
	ck_assert_str_eq(B.a[3].note, "same amount already paid by p3");
	es_matcher_free(m);
}
END_TEST

/* An F24 row of f24-reconcile's stream: tax, year written, date paid,
 * acconto_saldo flag and ravvedimento flag. */
static void
pay_row(es_matcher *m, const char *id, const char *cf, const char *tax, int year, es_date paid_on, const char *flag,
        bool ravvedimento, es_cents amount)
{
	es_match_payment p;

	memset(&p, 0, sizeof p);
	p.payment_id = id;
	p.source = "F24";
	p.source_ref = "test";
	p.tax_code = cf;
	p.tax = tax;
	p.year = year;
	p.acconto_saldo = flag;
	p.ravvedimento = ravvedimento;
	p.amount = amount;
	p.paid_on = paid_on;
	p.credited_on = ES_DATE_NONE;
	ck_assert_int_eq(es_matcher_match(m, &p, &S, NULL), ES_OK);
}

static void
pay_f24(es_matcher *m, const char *id, const char *cf, int year, es_date paid_on, const char *flag, es_cents amount)
{
	pay_row(m, id, cf, "IMU", year, paid_on, flag, false, amount);
}

/* The year written on an F24 for a position already paid: a saldo paid
 * again in January of the next year is the duplicate of its year
 * (f24-supply.md §5.4: same CF/tributo/anno/importo), not an advance on
 * the new year; an acconto written for the past, paid year is the wrong
 * year and goes to the year it was paid in. */
START_TEST(year_written_for_a_paid_position)
{
	es_matcher *m = fresh();

	/* IMU 2021: acconto 56.00 + saldo 56.00 = 112.00; IMU 2022 the same. */
	due(m, CF_A, "IMU", 2021, 1, 5600, NULL);
	due(m, CF_A, "IMU", 2021, 2, 5600, NULL);
	due(m, CF_A, "IMU", 2022, 1, 5600, NULL);
	due(m, CF_A, "IMU", 2022, 2, 5600, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	/* 2021 paid: 56.00 + 56.00 = 112.00, both MATCHED. */
	pay_f24(m, "a21", CF_A, 2021, es_date_from_ymd(2021, 6, 5), "acconto", 5600);
	pay_f24(m, "s21", CF_A, 2021, es_date_from_ymd(2021, 12, 15), "saldo", 5600);
	/* The saldo 2021 paid again on 2022-01-01: 2021 has 112.00 - 112.00
	 * = 0.00 open and 2022 has 112.00, but a saldo written 2021 is
	 * believed: 56.00 DUPLICATE of s21 on 2021; 2022 keeps 112.00 open. */
	pay_f24(m, "s21b", CF_A, 2021, es_date_from_ymd(2022, 1, 1), "saldo", 5600);
	/* The acconto 2022 written as 2021, paid 2022-06-05: 2021 has 0.00
	 * open, an acconto is not paid for a past year: 56.00 to 2022, the
	 * acconto boundary 56.00 reached: MATCHED, "year written as 2021". */
	pay_f24(m, "a22", CF_A, 2021, es_date_from_ymd(2022, 6, 5), "acconto", 5600);
	/* Without the flag the written year of a paid position is not
	 * believed (streams other than f24-reconcile's): 56.00 to 2022, 56.00
	 * + 56.00 = 112.00 = its due: MATCHED. */
	pay_f24(m, "s22", CF_A, 2021, es_date_from_ymd(2022, 12, 10), NULL, 5600);
	ck_assert_int_eq(B.n, 5);
	ck_assert_str_eq(B.a[2].pid, "s21b");
	ck_assert_str_eq(B.a[2].pos, CF_A "-IMU-2021");
	ck_assert_int_eq(B.a[2].amount, 5600);
	ck_assert_int_eq(B.a[2].st, ES_ALLOC_DUPLICATE);
	ck_assert_str_eq(B.a[2].note, "same amount already paid by s21");
	ck_assert_str_eq(B.a[3].pid, "a22");
	ck_assert_str_eq(B.a[3].pos, CF_A "-IMU-2022");
	ck_assert_int_eq(B.a[3].amount, 5600);
	ck_assert_int_eq(B.a[3].st, ES_ALLOC_MATCHED);
	ck_assert_str_eq(B.a[3].note, "year written as 2021");
	ck_assert_str_eq(B.a[4].pos, CF_A "-IMU-2022");
	ck_assert_int_eq(B.a[4].amount, 5600);
	ck_assert_int_eq(B.a[4].st, ES_ALLOC_MATCHED);
	es_matcher_free(m);
}
END_TEST

static void
due_on(es_matcher *m, const char *cf, int year, int inst, es_date due_date, es_cents amount)
{
	es_match_due d;

	memset(&d, 0, sizeof d);
	d.tax_code = cf;
	d.tax = "IMU";
	d.year = year;
	d.installment = inst;
	d.due_date = due_date;
	d.amount = amount;
	ck_assert_int_eq(es_matcher_add_due(m, &d, NULL), ES_OK);
}

static void
pay_ravv(es_matcher *m, const char *id, const char *cf, int year, es_date paid_on, es_cents amount)
{
	pay_row(m, id, cf, "IMU", year, paid_on, "acconto", true, amount);
}

/* IMU 2021: acconto 56.00 due 2021-06-16, saldo 56.00 due 2021-12-16;
 * IMU 2022: 60.00 due 2022-06-16 and 60.00 due 2022-12-16. */
static es_matcher *
two_years(int window)
{
	es_matcher *m = fresh();

	if (window != ES_MATCH_ACCONTO_WINDOW)
		es_matcher_set_acconto_window(m, window);
	due_on(m, CF_A, 2021, 1, es_date_from_ymd(2021, 6, 16), 5600);
	due_on(m, CF_A, 2021, 2, es_date_from_ymd(2021, 12, 16), 5600);
	due_on(m, CF_A, 2022, 1, es_date_from_ymd(2022, 6, 16), 6000);
	due_on(m, CF_A, 2022, 2, es_date_from_ymd(2022, 12, 16), 6000);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	return m;
}

/* An acconto written for a year still open but paid in the acconto period
 * of the next year is the next year's (a taxpayer who copied last year's
 * F24); paid earlier, or with ravvedimento, it is a late acconto of the
 * year written. */
START_TEST(acconto_year_ahead)
{
	es_matcher *m = two_years(ES_MATCH_ACCONTO_WINDOW);

	/* Nothing of 2021 paid on time.  An acconto written 2021 paid on
	 * 2022-01-20: the window opens 90 days before 2022-06-16, on
	 * 2022-03-18 (16 days of June + 31 May + 30 April + 13 March = 90):
	 * a late acconto of 2021, 56.00 = its acconto: MATCHED on 2021. */
	pay_f24(m, "late21", CF_A, 2021, es_date_from_ymd(2022, 1, 20), "acconto", 5600);
	/* An acconto written 2021 paid on 2022-06-10, 2021 still 56.00 open:
	 * inside the window and 2022 open (120.00): 60.00 to 2022, its
	 * acconto: MATCHED, the note names the year written. */
	pay_f24(m, "a22", CF_A, 2021, es_date_from_ymd(2022, 6, 10), "acconto", 6000);
	/* The same with ravvedimento, 2022-06-12: the year written is the
	 * year due: 56.00 to 2021, 56.00 + 56.00 = 112.00 = its due: MATCHED. */
	pay_ravv(m, "r21", CF_A, 2021, es_date_from_ymd(2022, 6, 12), 5600);
	/* On 2022-03-17, a day before the window: 2021 is paid (0.00 open) and
	 * an acconto is not paid for a past, paid year: the older rule sends
	 * it to the year it was paid in, 2022: 60.00 + 60.00 = 120.00. */
	pay_f24(m, "x", CF_A, 2021, es_date_from_ymd(2022, 3, 17), "acconto", 6000);
	ck_assert_int_eq(B.n, 4);
	ck_assert_str_eq(B.a[0].pos, CF_A "-IMU-2021");
	ck_assert_int_eq(B.a[0].amount, 5600);
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	ck_assert_str_eq(B.a[0].note, "");
	ck_assert_str_eq(B.a[1].pos, CF_A "-IMU-2022");
	ck_assert_int_eq(B.a[1].amount, 6000);
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_MATCHED);
	ck_assert_str_eq(B.a[1].note, "year written as 2021, the acconto of 2022");
	ck_assert_str_eq(B.a[2].pos, CF_A "-IMU-2021");
	ck_assert_int_eq(B.a[2].amount, 5600);
	ck_assert_int_eq(B.a[2].st, ES_ALLOC_MATCHED);
	ck_assert_str_eq(B.a[3].pos, CF_A "-IMU-2022");
	ck_assert_int_eq(B.a[3].amount, 6000);
	ck_assert_str_eq(B.a[3].note, "year written as 2021");
	es_matcher_free(m);

	/* The window's edge: on 2022-03-18 the acconto is 2022's. */
	m = two_years(ES_MATCH_ACCONTO_WINDOW);
	pay_f24(m, "edge", CF_A, 2021, es_date_from_ymd(2022, 3, 18), "acconto", 6000);
	ck_assert_int_eq(B.n, 1);
	ck_assert_str_eq(B.a[0].pos, CF_A "-IMU-2022");
	es_matcher_free(m);

	/* With the rule off (window < 0) the year written stands while it is
	 * open: 60.00 to 2021, which has 112.00 open: PARTIAL there. */
	m = two_years(-1);
	pay_f24(m, "a22", CF_A, 2021, es_date_from_ymd(2022, 6, 10), "acconto", 6000);
	ck_assert_int_eq(B.n, 1);
	ck_assert_str_eq(B.a[0].pos, CF_A "-IMU-2021");
	ck_assert_int_eq(B.a[0].amount, 6000);
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_PARTIAL);
	es_matcher_free(m);
}
END_TEST

/* Where the acconto written for the year before keeps its year. */
START_TEST(acconto_year_ahead_limits)
{
	es_matcher *m = two_years(ES_MATCH_ACCONTO_WINDOW);
	es_match_due d;

	/* The 2022 acconto 60.00 paid on 2022-06-16 with its own year:
	 * MATCHED on 2022.  Then the late 2021 acconto 56.00 without
	 * ravvedimento, 2022-06-20, inside the window: 2022 has received
	 * 60.00, its whole acconto, so this is 2021's: 56.00 = 2021's
	 * acconto: MATCHED on 2021. */
	pay_f24(m, "a22", CF_A, 2022, es_date_from_ymd(2022, 6, 16), "acconto", 6000);
	pay_f24(m, "l21", CF_A, 2021, es_date_from_ymd(2022, 6, 20), "acconto", 5600);
	ck_assert_int_eq(B.n, 2);
	ck_assert_str_eq(B.a[1].pos, CF_A "-IMU-2021");
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_MATCHED);
	ck_assert_str_eq(B.a[1].note, "");
	es_matcher_free(m);

	/* Paid on 2022-12-16, the day the 2022 saldo is due: past the
	 * window, a late acconto of 2021: 56.00 to 2021, MATCHED. */
	m = two_years(ES_MATCH_ACCONTO_WINDOW);
	pay_f24(m, "l21", CF_A, 2021, es_date_from_ymd(2022, 12, 16), "acconto", 5600);
	ck_assert_int_eq(B.n, 1);
	ck_assert_str_eq(B.a[0].pos, CF_A "-IMU-2021");
	es_matcher_free(m);

	/* Written 2020, two years before the year paid (2022): not a copied
	 * F24; 2020 has no dues and 2022, the year paid, is open: the older
	 * rule sends it there with "year written as 2020" (not the
	 * acconto-ahead note). */
	m = two_years(ES_MATCH_ACCONTO_WINDOW);
	pay_f24(m, "w20", CF_A, 2020, es_date_from_ymd(2022, 6, 10), "acconto", 6000);
	ck_assert_int_eq(B.n, 1);
	ck_assert_str_eq(B.a[0].pos, CF_A "-IMU-2022");
	ck_assert_str_eq(B.a[0].note, "year written as 2020");
	es_matcher_free(m);

	/* A year with one installment only (no acconto and saldo): the year
	 * written stands while open.  IMU 2021 as before, IMU 2022 one
	 * installment of 50.00 due 2022-12-16: 56.00 to 2021, MATCHED. */
	m = fresh();
	due_on(m, CF_A, 2021, 1, es_date_from_ymd(2021, 6, 16), 5600);
	due_on(m, CF_A, 2021, 2, es_date_from_ymd(2021, 12, 16), 5600);
	memset(&d, 0, sizeof d);
	d.tax_code = CF_A;
	d.tax = "IMU";
	d.year = 2022;
	d.installment = 0;
	d.due_date = es_date_from_ymd(2022, 12, 16);
	d.amount = 5000;
	ck_assert_int_eq(es_matcher_add_due(m, &d, NULL), ES_OK);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	pay_f24(m, "a", CF_A, 2021, es_date_from_ymd(2022, 10, 1), "acconto", 5600);
	ck_assert_int_eq(B.n, 1);
	ck_assert_str_eq(B.a[0].pos, CF_A "-IMU-2021");
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	es_matcher_free(m);

	/* The TARI is not the IMU's acconto and saldo: TARI 2021 100.00 due
	 * 2021-07-31 and 2021-12-02, TARI 2022 the same a year later; a row
	 * flagged acconto written 2021, paid 2022-07-20, stays on 2021 (open):
	 * 100.00 = its first installment: MATCHED. */
	m = fresh();
	{
		static const int dy[4][3] = { { 2021, 7, 31 }, { 2021, 12, 2 }, { 2022, 7, 31 }, { 2022, 12, 2 } };

		for (int k = 0; k < 4; k++) {
			memset(&d, 0, sizeof d);
			d.tax_code = CF_A;
			d.tax = "TARI";
			d.year = dy[k][0];
			d.installment = k % 2 + 1;
			d.due_date = es_date_from_ymd(dy[k][0], dy[k][1], dy[k][2]);
			d.amount = 10000;
			ck_assert_int_eq(es_matcher_add_due(m, &d, NULL), ES_OK);
		}
	}
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	pay_row(m, "t", CF_A, "TARI", 2021, es_date_from_ymd(2022, 7, 20), "acconto", false, 10000);
	ck_assert_int_eq(B.n, 1);
	ck_assert_str_eq(B.a[0].pos, CF_A "-TARI-2021");
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	es_matcher_free(m);
}
END_TEST

/* A saldo of the same amount as the acconto, arriving when the position
 * is paid, is an overpayment, not the acconto paid twice: their F24 flags
 * say they pay different installments.  The same saldo again is. */
START_TEST(duplicate_needs_the_same_installment)
{
	es_matcher *m = fresh();

	/* IMU 2020: acconto 134.00, saldo 109.00 = 243.00. */
	due(m, CF_A, "IMU", 2020, 1, 13400, NULL);
	due(m, CF_A, "IMU", 2020, 2, 10900, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	/* 134.00 acconto: MATCHED. */
	pay_f24(m, "a", CF_A, 2020, es_date_from_ymd(2020, 6, 4), "acconto", 13400);
	/* 150.00 saldo: 109.00 MATCHED + 41.00 OVERPAID. */
	pay_f24(m, "s1", CF_A, 2020, es_date_from_ymd(2020, 12, 9), "saldo", 15000);
	/* 134.00 saldo, nothing open: equal to the acconto a, but a saldo:
	 * 134.00 OVERPAID. */
	pay_f24(m, "s2", CF_A, 2020, es_date_from_ymd(2020, 12, 9), "saldo", 13400);
	/* 150.00 saldo again: the same amount and installment as s1: DUPLICATE. */
	pay_f24(m, "s3", CF_A, 2020, es_date_from_ymd(2020, 12, 20), "saldo", 15000);
	ck_assert_int_eq(B.n, 5);
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[1].amount, 10900);
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[2].amount, 4100);
	ck_assert_int_eq(B.a[2].st, ES_ALLOC_OVERPAID);
	ck_assert_str_eq(B.a[3].pid, "s2");
	ck_assert_int_eq(B.a[3].amount, 13400);
	ck_assert_int_eq(B.a[3].st, ES_ALLOC_OVERPAID);
	ck_assert_str_eq(B.a[4].pid, "s3");
	ck_assert_int_eq(B.a[4].st, ES_ALLOC_DUPLICATE);
	ck_assert_str_eq(B.a[4].note, "same amount already paid by s1");
	es_matcher_free(m);
}
END_TEST

/* An F24 row is one codice tributo rounded half up: it can exceed the
 * whole installment its flag names by 0.50 at most.  IMU 2020: acconto
 * 40.85, saldo 4.26 = 45.11; rows of 41.00 (acconto) and 5.00 (saldo).
 * The position is 41.00 + 5.00 - 45.11 = 0.89 over, under the 2 rows x
 * 0.50 = 1.00 of rounding, but the saldo row alone is 5.00 - 4.26 = 0.74
 * over the saldo: a real overpayment (a saldo of 4.26 rounds to 4.00). */
START_TEST(f24_row_beyond_its_installment)
{
	es_matcher *m = fresh();

	due(m, CF_A, "IMU", 2020, 1, 4085, NULL);
	due(m, CF_A, "IMU", 2020, 2, 426, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	/* 41.00: the acconto 40.85 within the euro: MATCHED. */
	pay_f24(m, "a", CF_A, 2020, es_date_from_ymd(2020, 6, 4), "acconto", 4100);
	/* 5.00: 45.11 - 41.00 = 4.11 MATCHED, 0.89 OVERPAID, a refund. */
	pay_f24(m, "s", CF_A, 2020, es_date_from_ymd(2020, 12, 9), "saldo", 500);
	ck_assert_int_eq(B.n, 3);
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[1].amount, 411);
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[2].amount, 89);
	ck_assert_int_eq(B.a[2].st, ES_ALLOC_OVERPAID);
	ck_assert_str_eq(B.a[2].note, "refund candidate: no other open debts");
	es_matcher_free(m);

	/* The boundary: saldo 4.50 paid as 5.00 (4.50 rounds half up to
	 * 5.00): the row is 0.50 over its installment, the position 41.00 +
	 * 5.00 - 45.35 = 0.65 over, under 1.00: rounding. */
	m = fresh();
	due(m, CF_A, "IMU", 2020, 1, 4085, NULL);
	due(m, CF_A, "IMU", 2020, 2, 450, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	pay_f24(m, "a", CF_A, 2020, es_date_from_ymd(2020, 6, 4), "acconto", 4100);
	pay_f24(m, "s", CF_A, 2020, es_date_from_ymd(2020, 12, 9), "saldo", 500);
	ck_assert_int_eq(B.n, 3);
	ck_assert_int_eq(B.a[2].amount, 65);
	ck_assert_int_eq(B.a[2].st, ES_ALLOC_OVERPAID);
	ck_assert_str_eq(B.a[2].note, "F24 rounding to the euro");
	es_matcher_free(m);

	/* The saldo is the year's tax less the acconto paid (art. 1 c. 762
	 * L. 160/2019): installments 99.80 + 99.80 = 199.60, a short acconto
	 * of 90.00 (PARTIAL), then a saldo of 110.00, 10.20 over the second
	 * installment but only 110.00 - (199.60 - 90.00) = 0.40 over what was
	 * open: 109.60 MATCHED, 0.40 OVERPAID, within 2 rows x 0.50: rounding. */
	m = fresh();
	due(m, CF_A, "IMU", 2020, 1, 9980, NULL);
	due(m, CF_A, "IMU", 2020, 2, 9980, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	pay_f24(m, "a", CF_A, 2020, es_date_from_ymd(2020, 6, 4), "acconto", 9000);
	pay_f24(m, "s", CF_A, 2020, es_date_from_ymd(2020, 12, 9), "saldo", 11000);
	ck_assert_int_eq(B.n, 3);
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_PARTIAL);
	ck_assert_int_eq(B.a[1].amount, 10960);
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[2].amount, 40);
	ck_assert_str_eq(B.a[2].note, "F24 rounding to the euro");
	es_matcher_free(m);
}
END_TEST

START_TEST(f24_rounding_and_overpaid)
{
	es_matcher *m = fresh();

	due(m, CF_A, "IMU", 2025, 0, 29960, NULL);
	due(m, CF_G, "IMU", 2025, 0, 40000, NULL);
	due(m, CF_G, "TARI", 2024, 0, 9000, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	/* 299.60 is paid as 300.00 (F24 rounds to the euro): 299.60 MATCHED
	 * and the 0.40 excess OVERPAID, so no position is paid beyond its due. */
	pay(m, "f1", "F24", CF_A, "IMU", 2025, NULL, NULL, 30000);
	/* 500.00 on 400.00 due: 400.00 MATCHED + 100.00 OVERPAID, listed with
	 * the subject's open TARI 2024 of 90.00 (a compensation candidate). */
	pay(m, "f2", "F24", CF_G, "IMU", 2025, NULL, NULL, 50000);
	ck_assert_int_eq(B.n, 4);
	ck_assert_int_eq(B.a[0].amount, 29960);
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[1].amount, 40);
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_OVERPAID);
	/* 0.40 on one F24 row is within its rounding (at most 0.50 a row). */
	ck_assert_str_eq(B.a[1].note, "F24 rounding to the euro");
	ck_assert_int_eq(B.a[2].amount, 40000);
	ck_assert_int_eq(B.a[3].amount, 10000);
	ck_assert_int_eq(B.a[3].st, ES_ALLOC_OVERPAID);
	ck_assert_str_eq(B.a[3].note, "open debts: " CF_G "-TARI-2024 90.00");
	es_matcher_free(m);
}
END_TEST

/* A TEFA of 0.72 + 0.73 paid by F24 as 1.00 + 1.00 (each row rounded to
 * the euro): the second row pays the second installment, it is no double
 * payment of the first; only a third 1.00 is. */
START_TEST(f24_small_installments_not_duplicate)
{
	es_matcher *m = fresh();

	due(m, CF_A, "TEFA", 2025, 1, 72, NULL);
	due(m, CF_A, "TEFA", 2025, 2, 73, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	/* Row 1: 1.00 of the 1.45 due; 1.00 is within 0.99 of the first
	 * installment boundary 0.72 (1.00 - 0.72 = 0.28): MATCHED. */
	pay(m, "f1", "F24", CF_A, "TEFA", 2025, NULL, NULL, 100);
	/* Row 2: 1.45 - 1.00 = 0.45 open, within the rounding, but the
	 * position has had 2 rows for 2 installments: 0.45 MATCHED and
	 * 1.00 - 0.45 = 0.55 OVERPAID, within 2 rows x 0.50 of rounding. */
	pay(m, "f2", "F24", CF_A, "TEFA", 2025, NULL, NULL, 100);
	/* Row 3: nothing open and a third row of the same 1.00: DUPLICATE. */
	pay(m, "f3", "F24", CF_A, "TEFA", 2025, NULL, NULL, 100);
	ck_assert_int_eq(B.n, 4);
	ck_assert_str_eq(B.a[0].pid, "f1");
	ck_assert_int_eq(B.a[0].amount, 100);
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	ck_assert_str_eq(B.a[1].pid, "f2");
	ck_assert_int_eq(B.a[1].amount, 45);
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[2].amount, 55);
	ck_assert_int_eq(B.a[2].st, ES_ALLOC_OVERPAID);
	ck_assert_str_eq(B.a[2].note, "F24 rounding to the euro");
	ck_assert_str_eq(B.a[3].pid, "f3");
	ck_assert_int_eq(B.a[3].amount, 100);
	ck_assert_int_eq(B.a[3].st, ES_ALLOC_DUPLICATE);
	ck_assert_str_eq(B.a[3].note, "same amount already paid by f2");
	es_matcher_free(m);
}
END_TEST

/* The id named in a DUPLICATE's note comes back whole, whatever it holds
 * (positions keep the ids of their last payments packed). */
START_TEST(duplicate_note_names_the_id)
{
	static const char *const ids[] = {
		"F24-M999-2025071501-20250714-2025071701-000024-02",
		"PAGOPA-2025-07-01ABCDITMMXXX-0000000001-01000000000010454-IUR0001-1",
		"bonifico \"n. 12\", caus\xC3\xA0le;-0-",
		"",   /* filled with 300 characters below */
	};
	char longid[301], dup[16];
	size_t k;

	memset(longid, 'x', 300);
	for (k = 0; k < 300; k += 7)
		longid[k] = (char)('0' + k % 10);
	longid[300] = '\0';
	for (k = 0; k < ES_ARRAY_LEN(ids); k++) {
		es_matcher *m = fresh();
		const char *id = k == 3 ? longid : ids[k];
		char want[600];

		due(m, CF_A, "IMU", 2025, 0, 10000, NULL);
		ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
		/* 100.00 of 100.00 MATCHED; the same 100.00 again: DUPLICATE. */
		pay(m, id, "BANK", CF_A, "IMU", 2025, NULL, NULL, 10000);
		snprintf(dup, sizeof dup, "d%zu", k);
		pay(m, dup, "BANK", CF_A, "IMU", 2025, NULL, NULL, 10000);
		ck_assert_int_eq(B.n, 2);
		ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
		ck_assert_int_eq(B.a[1].st, ES_ALLOC_DUPLICATE);
		snprintf(want, sizeof want, "same amount already paid by %s", id);
		want[sizeof B.a[1].note - 1] = '\0';
		ck_assert_str_eq(B.a[1].note, want);
		es_matcher_free(m);
	}
}
END_TEST

START_TEST(notices)
{
	es_matcher *m = fresh();

	/* TARI 150.00 in one payment (installment 0) or two of 75.00. */
	due(m, CF_A, "TARI", 2025, 0, 15000, "301000000000010151");
	due(m, CF_A, "TARI", 2025, 1, 7500, "301000000000010252");
	due(m, CF_A, "TARI", 2025, 2, 7500, "301000000000010353");
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	/* 50.00 on the first installment's notice: PARTIAL (25.00 left on it). */
	pay(m, "n1", "PAGOPA", NULL, NULL, 0, "301000000000010252", NULL, 5000);
	/* The single-payment notice for the full 150.00: 100.00 still open of
	 * the position: 100.00 MATCHED, 50.00 OVERPAID. */
	pay(m, "n2", "PAGOPA", NULL, NULL, 0, "301000000000010151", NULL, 15000);
	/* The second installment's notice paid in full once more: DUPLICATE. */
	pay(m, "n3", "PAGOPA", NULL, NULL, 0, "301000000000010353", NULL, 7500);
	/* By IUV only (the NAV without its aux digit). */
	pay(m, "n4", "BANK", NULL, NULL, 0, NULL, "/RFB/01000000000010252/75.00", 7500);
	/* An unknown notice. */
	pay(m, "n5", "PAGOPA", NULL, NULL, 0, "301000000000099999", NULL, 1000);
	ck_assert_int_eq(B.n, 6);
	ck_assert_str_eq(B.a[0].rule, "notice");
	ck_assert_str_eq(B.a[0].nav, "301000000000010252");
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_PARTIAL);
	ck_assert_int_eq(B.a[0].recon, ES_RECON_PAID_NOT_REPORTED);
	ck_assert_int_eq(B.a[1].amount, 10000);
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[2].amount, 5000);
	ck_assert_int_eq(B.a[2].st, ES_ALLOC_OVERPAID);
	ck_assert_int_eq(B.a[3].st, ES_ALLOC_DUPLICATE);
	ck_assert_str_eq(B.a[3].note, "notice 301000000000010353 already paid");
	ck_assert_str_eq(B.a[4].rule, "causale-rfb");
	ck_assert_int_eq(B.a[4].st, ES_ALLOC_DUPLICATE);
	ck_assert_str_eq(B.a[5].rule, "none");
	ck_assert_int_eq(B.a[5].st, ES_ALLOC_UNMATCHED);
	ck_assert_str_eq(B.a[5].note, "unknown notice number 301000000000099999");
	es_matcher_free(m);
}
END_TEST

START_TEST(repeated_id_and_causale_cf)
{
	es_matcher *m = fresh();
	es_match_manual mm;

	due(m, CF_A, "IMU", 2024, 0, 21000, NULL);
	due(m, CF_G, "TARI", 2024, 0, 9000, NULL);
	due(m, CF_G, "IMU", 2024, 0, 12000, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	memset(&mm, 0, sizeof mm);
	mm.payment_id = "man1";
	mm.position_id = CF_G "-IMU-2024";
	mm.amount = -1;
	ck_assert_int_eq(es_matcher_add_manual(m, &mm, NULL), ES_OK);
	ck_assert_int_eq(es_matcher_add_manual(m, &mm, NULL), ES_EDATA);
	/* The only open debt of CF_A: the CF in the causale is enough. */
	pay(m, "c1", "BANK", NULL, NULL, 0, NULL, "SALDO IMU CF " CF_A, 21000);
	pay(m, "c1", "BANK", NULL, NULL, 0, NULL, "SALDO IMU CF " CF_A, 21000);
	/* CF_G has two open debts, neither of 50.00: UNMATCHED. */
	pay(m, "c2", "BANK", NULL, NULL, 0, NULL, "VERSAMENTO " CF_G, 5000);
	/* The operator's manual allocation wins over the causale. */
	pay(m, "man1", "BANK", NULL, NULL, 0, NULL, "TARI " CF_G, 12000);
	ck_assert_int_eq(B.n, 4);
	ck_assert_str_eq(B.a[0].rule, "causale-cf");
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_DUPLICATE);
	ck_assert_str_eq(B.a[1].note, "payment_id c1 seen before");
	ck_assert_int_eq(B.a[2].st, ES_ALLOC_UNMATCHED);
	ck_assert_str_eq(B.a[3].rule, "manual");
	ck_assert_str_eq(B.a[3].pos, CF_G "-IMU-2024");
	ck_assert_int_eq(B.a[3].st, ES_ALLOC_MATCHED);
	es_matcher_free(m);
}
END_TEST

static es_fdr *
flow(const char *name)
{
	char path[1024];
	const char *td = getenv("TESTDATA");
	es_fdr *f;

	snprintf(path, sizeof path, "%s/pagopa/%s", td != NULL ? td : "testdata", name);
	ck_assert_int_eq(es_fdr_read(path, &f, NULL), ES_OK);
	return f;
}

static void
credit(es_matcher *m, const char *id, const char *causale, es_cents amount)
{
	es_match_payment p;

	memset(&p, 0, sizeof p);
	p.payment_id = id;
	p.source = "TREASURY";
	p.source_ref = "test";
	p.causale = causale;
	p.amount = amount;
	p.paid_on = p.credited_on = ES_DATE_NONE;
	ck_assert_int_eq(es_matcher_add_credit(m, &p, NULL, NULL), ES_OK);
}

START_TEST(three_way)
{
	es_matcher *m = fresh();

	due(m, "NREPLA70D04H501O", "TARI", 2025, 0, 8000, "301000000000010454");
	due(m, "BLUNNA90H41A944G", "TARI", 2025, 0, 5000, "301000000000010656");
	due(m, "FRRLGU66L12D969K", "TARI", 2024, 0, 4000, "301000000000010858");
	due(m, "CSTMRC72M13L736U", "TARI", 2025, 0, 3300, "301000000000010959");
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	ck_assert_int_eq(es_matcher_add_flow(m, flow("fdr-2025-07-01-esiti-0-3-9.xml"), &S, NULL), ES_OK);
	/* A re-issued flow replaces the first issue (one warning). */
	ck_assert_int_eq(es_matcher_add_flow(m, flow("fdr-2025-07-02-v1.xml"), &S, NULL), ES_OK);
	ck_assert_int_eq(es_matcher_add_flow(m, flow("fdr-2025-07-02-v2.xml"), &S, NULL), ES_OK);
	/* The first issue again, after the second: ignored (a second warning). */
	ck_assert_int_eq(es_matcher_add_flow(m, flow("fdr-2025-07-02-v1.xml"), &S, NULL), ES_OK);
	ck_assert_int_eq(B.warns, 2);
	ck_assert_int_eq(es_matcher_add_flow(m, flow("fdr-2025-07-03.xml"), &S, NULL), ES_OK);
	/* 4 + 2 + 1 items in the flows in use. */
	ck_assert_uint_eq(es_matcher_flow_items(m), 7);
	credit(m, "t1", "/PUR/LGPE-RIVERSAMENTO/URI/2025-07-01ABCDITMMXXX-0000000001 /BON.SEPA", 10000);
	credit(m, "t2", "/PUR/LGPE-RIVERSAMENTO/URI/2025-07-03ZZZZ", 3300);
	credit(m, "t3", "/PUR/LGPE-RIVERSAMENTO/URI/2025-07-05XXXXITMMXXX-0000000099", 7700);
	ck_assert_int_eq(es_matcher_finish(m, &S, NULL), ES_OK);
	ck_assert_int_eq(B.n, 10);
	/* Flow 1, credited 100.00 = importoTotalePagamenti: COMPLETE. */
	ck_assert_int_eq(B.a[0].recon, ES_RECON_COMPLETE);
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[1].amount, 5000);
	/* The revocation takes the 50.00 back from the same notice. */
	ck_assert_int_eq(B.a[2].amount, -5000);
	ck_assert_int_eq(B.a[2].st, ES_ALLOC_MATCHED);
	ck_assert_str_eq(B.a[2].note, "revocation");
	ck_assert_int_eq(B.a[3].st, ES_ALLOC_UNMATCHED);
	ck_assert_str_eq(B.a[3].note, "IUV 01999999999999999 is not in the dues (paid without RPT)");
	/* Flow 2 (second issue: 6.00, not 5.00), never credited. */
	ck_assert_int_eq(B.a[4].recon, ES_RECON_REPORTED_NOT_CREDITED);
	ck_assert_int_eq(B.a[5].amount, 600);
	/* Flow 3, paid by a credit whose causale lost the end of the id. */
	ck_assert_int_eq(B.a[6].recon, ES_RECON_COMPLETE);
	ck_assert_str_eq(B.a[7].pid, "t1");
	ck_assert_str_eq(B.a[7].rule, "flow");
	ck_assert_str_eq(B.a[8].note, "flow 2025-07-03ZZZZITMMXXX-0000000003 (truncated id in the causale)");
	ck_assert_int_eq(B.a[9].st, ES_ALLOC_UNMATCHED);
	ck_assert_int_eq(B.a[9].recon, ES_RECON_UNKNOWN_CREDIT);
	ck_assert_str_eq(B.a[9].note, "flow 2025-07-05XXXXITMMXXX-0000000099 not received (yet)");
	es_matcher_free(m);
}
END_TEST

/* The same flows read from their files (es_matcher_add_flow_file: only
 * the header held, the items read again at finish) give what three_way
 * gives with the flows held whole. */
START_TEST(three_way_streamed)
{
	static const char *const names[] = { "fdr-2025-07-01-esiti-0-3-9.xml", "fdr-2025-07-02-v1.xml",
	                                      "fdr-2025-07-02-v2.xml", "fdr-2025-07-02-v1.xml", "fdr-2025-07-03.xml" };
	box whole;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		es_matcher *m = fresh();
		size_t k;

		due(m, "NREPLA70D04H501O", "TARI", 2025, 0, 8000, "301000000000010454");
		due(m, "BLUNNA90H41A944G", "TARI", 2025, 0, 5000, "301000000000010656");
		due(m, "FRRLGU66L12D969K", "TARI", 2024, 0, 4000, "301000000000010858");
		due(m, "CSTMRC72M13L736U", "TARI", 2025, 0, 3300, "301000000000010959");
		ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
		for (k = 0; k < ES_ARRAY_LEN(names); k++) {
			char path[1024];
			const char *td = getenv("TESTDATA");

			snprintf(path, sizeof path, "%s/pagopa/%s", td != NULL ? td : "testdata", names[k]);
			if (pass == 0)
				ck_assert_int_eq(es_matcher_add_flow(m, flow(names[k]), &S, NULL), ES_OK);
			else
				ck_assert_int_eq(es_matcher_add_flow_file(m, path, &S, NULL), ES_OK);
		}
		ck_assert_uint_eq(es_matcher_flow_items(m), 7);
		credit(m, "t1", "/PUR/LGPE-RIVERSAMENTO/URI/2025-07-01ABCDITMMXXX-0000000001 /BON.SEPA", 10000);
		credit(m, "t2", "/PUR/LGPE-RIVERSAMENTO/URI/2025-07-03ZZZZ", 3300);
		/* A pagoPA receipt of the first item, before finish. */
		pay(m, "R1", "PAGOPA", NULL, NULL, 0, "301000000000010454", NULL, 8000);
		ck_assert_int_eq(es_matcher_finish(m, &S, NULL), ES_OK);
		if (pass == 0) {
			whole = B;
			es_matcher_free(m);
			continue;
		}
		ck_assert_int_eq(B.n, whole.n);
		ck_assert_int_eq(B.warns, whole.warns);
		for (k = 0; k < (size_t)B.n; k++) {
			ck_assert_str_eq(B.a[k].pid, whole.a[k].pid);
			ck_assert_str_eq(B.a[k].pos, whole.a[k].pos);
			ck_assert_str_eq(B.a[k].note, whole.a[k].note);
			ck_assert_int_eq(B.a[k].amount, whole.a[k].amount);
			ck_assert_int_eq(B.a[k].st, whole.a[k].st);
			ck_assert_int_eq(B.a[k].recon, whole.a[k].recon);
		}
		/* R1: the flow is credited in full (COMPLETE); its item is then
		 * the reported payment of receipt R1, 0.00. */
		ck_assert_str_eq(B.a[0].pid, "R1");
		ck_assert_int_eq(B.a[0].recon, ES_RECON_COMPLETE);
		ck_assert_int_eq(B.a[1].amount, 0);
		ck_assert_str_eq(B.a[1].note, "reported payment of receipt R1");
		es_matcher_free(m);
	}
}
END_TEST

START_TEST(known_payments_skipped)
{
	es_matcher *m = fresh();

	due(m, CF_A, "IMU", 2025, 0, 10000, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	ck_assert_int_eq(es_matcher_add_paid(m, CF_A "-IMU-2025", NULL, 4000, NULL), ES_OK);
	ck_assert_int_eq(es_matcher_add_known_payment(m, "old", NULL), ES_OK);
	pay(m, "old", "F24", CF_A, "IMU", 2025, NULL, NULL, 4000);
	/* 40.00 paid by an earlier run: 60.00 completes the position. */
	pay(m, "new", "F24", CF_A, "IMU", 2025, NULL, NULL, 6000);
	ck_assert_int_eq(B.skips, 1);
	ck_assert_int_eq(B.n, 1);
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	es_matcher_free(m);
}
END_TEST

/* The ledger's answer to es_match_sink.known: only "old" was allocated
 * before.  Any other id reaching it shares a fingerprint with a final id. */
static es_rc
on_known(void *ctx, const char *pid, bool *known, es_err *err)
{
	(void)ctx, (void)err;
	*known = strcmp(pid, "old") == 0;
	return ES_OK;
}

START_TEST(fingerprint_collision_confirmed)
{
	es_matcher *m = fresh();
	es_match_sink K = S;

	K.known = on_known;
	due(m, CF_A, "IMU", 2025, 0, 10000, NULL);
	ck_assert_int_eq(es_matcher_seal(m, NULL), ES_OK);
	/* "ghost" stands for an id whose fingerprint is that of a final id
	 * of an earlier run: added as known, but the ledger does not have it. */
	ck_assert_int_eq(es_matcher_add_known_payment(m, "old", NULL), ES_OK);
	ck_assert_int_eq(es_matcher_add_known_payment(m, "ghost", NULL), ES_OK);
	memset(&B, 0, sizeof B);
	/* "old" is confirmed: skipped.  "ghost" is not: matched, 100.00 pays the
	 * 100.00 due (MATCHED); the same id again is a DUPLICATE, as any id met
	 * twice in a run, though its fingerprint was taken. */
	ck_assert_int_eq(es_matcher_match(m, &(es_match_payment){ .payment_id = "old", .source = "F24",
	                 .source_ref = "t:1", .tax_code = CF_A, .tax = "IMU", .year = 2025, .amount = 10000,
	                 .paid_on = ES_DATE_NONE, .credited_on = ES_DATE_NONE }, &K, NULL), ES_OK);
	ck_assert_int_eq(es_matcher_match(m, &(es_match_payment){ .payment_id = "ghost", .source = "F24",
	                 .source_ref = "t:2", .tax_code = CF_A, .tax = "IMU", .year = 2025, .amount = 10000,
	                 .paid_on = ES_DATE_NONE, .credited_on = ES_DATE_NONE }, &K, NULL), ES_OK);
	ck_assert_int_eq(es_matcher_match(m, &(es_match_payment){ .payment_id = "ghost", .source = "F24",
	                 .source_ref = "t:3", .tax_code = CF_A, .tax = "IMU", .year = 2025, .amount = 10000,
	                 .paid_on = ES_DATE_NONE, .credited_on = ES_DATE_NONE }, &K, NULL), ES_OK);
	ck_assert_int_eq(B.skips, 1);
	ck_assert_int_eq(B.n, 2);
	ck_assert_str_eq(B.a[0].pid, "ghost");
	ck_assert_int_eq(B.a[0].st, ES_ALLOC_MATCHED);
	ck_assert_int_eq(B.a[0].amount, 10000);
	ck_assert_str_eq(B.a[1].pid, "ghost");
	ck_assert_int_eq(B.a[1].st, ES_ALLOC_DUPLICATE);
	es_matcher_free(m);
}
END_TEST

Suite *
make_suite_matching(void)
{
	Suite *s = suite_create("matching");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, acconto_saldo);
	tcase_add_test(tc, year_written_for_a_paid_position);
	tcase_add_test(tc, acconto_year_ahead);
	tcase_add_test(tc, acconto_year_ahead_limits);
	tcase_add_test(tc, duplicate_needs_the_same_installment);
	tcase_add_test(tc, f24_row_beyond_its_installment);
	tcase_add_test(tc, f24_rounding_and_overpaid);
	tcase_add_test(tc, f24_small_installments_not_duplicate);
	tcase_add_test(tc, duplicate_note_names_the_id);
	tcase_add_test(tc, notices);
	tcase_add_test(tc, repeated_id_and_causale_cf);
	tcase_add_test(tc, three_way);
	tcase_add_test(tc, three_way_streamed);
	tcase_add_test(tc, known_payments_skipped);
	tcase_add_test(tc, fingerprint_collision_confirmed);
	suite_add_tcase(s, tc);
	return s;
}
