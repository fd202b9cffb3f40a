/* t_assess.c: violation detection (lib/domain/assess.c) on hand-computed
 * cases: omission before and after 1 Sep 2024, a partial payment, payments
 * 10 and 60 days late, the earliest-installment-first rule, ravvedimento,
 * decadenza with and without the Covid shift, the minimum amount.  No
 * holiday calendar: the due dates below are working days. */
#include "es_setup.h"

#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "domain/assess.h"

Suite *make_suite_assess(void);

static es_penalty_rules *R;
static es_assess_opts O;

static es_date
D(int y, int m, int d)
{
	return es_date_from_ymd(y, m, d);
}

static void
setup(void)
{
	es_err err;

	R = es_penalty_rules_load(&err);
	if (R == NULL)
		ck_abort_msg("loading the tables: %s", err.msg);
	memset(&O, 0, sizeof O);
	O.as_of = D(2025, 6, 30);
	O.daycount = ES_DAYCOUNT_365;
	O.covid_shift = true;
	O.min_amount = 1200;
	O.decl_choice = -1;
}

static void
teardown(void)
{
	es_penalty_rules_free(R);
}

/* IMU 2024: acconto due Mon 17 Jun 2024, saldo due Mon 16 Dec 2024, 800.00 each. */
static es_assess_line lines2024[] = {
	{ .tributo = "3918", .unit_id = "U1", .installment = 1, .due_date = 0, .amount_due = 80000, .declaration = "" },
	{ .tributo = "3918", .unit_id = "U1", .installment = 2, .due_date = 0, .amount_due = 80000, .declaration = "" },
};

static void
init_lines(void)
{
	lines2024[0].due_date = D(2024, 6, 17);
	lines2024[1].due_date = D(2024, 12, 16);
}

static es_assess_result
run(const es_assess_line *l, size_t nl, const es_assess_payment *p, size_t np)
{
	es_assess_result res;
	es_err err;

	if (es_assess_compute(R, "RSSMRA80A01H501U", "IMU", 2024, l, nl, p, np, &O, &res, &err) != ES_OK)
		ck_abort_msg("es_assess_compute: %s", err.msg);
	return res;
}

START_TEST(omission_both_regimes)
{
	es_assess_result res;

	init_lines();
	O.channel = "pec";
	res = run(lines2024, 2, NULL, 0);
	ck_assert_int_eq(res.outcome, ES_ASSESS_ACT);
	/* acconto, violation 17 Jun 2024 (<= 31 Aug 2024): 800 x 30 % = 240.00;
	 * interest 18 Jun - 31 Dec 2024 = 13+31+31+30+31+30+31 = 197 days at 2.5 %
	 * = 3940/365, 1 Jan - 30 Jun 2025 = 181 days at 2 % = 2896/365;
	 * 6836/365 = 18.728767 -> 18.73 */
	ck_assert_str_eq(res.lines[0].violation, "omitted");
	ck_assert_int_eq(res.lines[0].sanction, 24000);
	ck_assert_int_eq(res.lines[0].interest, 1873);
	/* saldo, violation 16 Dec 2024 (>= 1 Sep 2024): 800 x 25 % = 200.00;
	 * interest (800 x 0.025 x 15 + 800 x 0.02 x 181)/365 = 3196/365 = 8.756164 -> 8.76 */
	ck_assert_str_eq(res.lines[1].violation, "omitted");
	ck_assert_int_eq(res.lines[1].sanction, 20000);
	ck_assert_int_eq(res.lines[1].interest, 876);
	/* act: 1600.00 + 440.00 + 27.49 + PEC 2.00 = 2069.49 */
	ck_assert_int_eq(res.tax_due, 160000);
	ck_assert_int_eq(res.tax_paid, 0);
	ck_assert_int_eq(res.tax_unpaid, 160000);
	ck_assert_int_eq(res.sanction, 44000);
	ck_assert_int_eq(res.interest, 2749);
	ck_assert_int_eq(res.costs, 200);
	ck_assert_int_eq(res.total, 206949);
	/* no acquiescence reduction for payment sanctions */
	ck_assert_int_eq(res.sanction_acquiescence, 44000);
	es_assess_result_clear(&res);
}
END_TEST

START_TEST(partial)
{
	es_assess_payment p[] = { { .payment_id = "P1", .paid_on = 0, .amount = 50000 } };
	es_assess_result res;

	p[0].paid_on = D(2024, 12, 16);
	/* saldo only: 500.00 paid on the due date, 300.00 unpaid:
	 * sanction 300 x 25 % = 75.00; interest (300 x 0.025 x 15 + 300 x 0.02 x 181)/365
	 * = (112.5 + 1086)/365 = 3.283562 -> 3.28; total 300 + 75 + 3.28 = 378.28 */
	init_lines();
	res = run(&lines2024[1], 1, p, 1);
	ck_assert_int_eq(res.outcome, ES_ASSESS_ACT);
	ck_assert_str_eq(res.lines[0].violation, "partial");
	ck_assert_int_eq(res.tax_paid, 50000);
	ck_assert_int_eq(res.tax_unpaid, 30000);
	ck_assert_int_eq(res.sanction, 7500);
	ck_assert_int_eq(res.interest, 328);
	ck_assert_int_eq(res.total, 37828);
	es_assess_result_clear(&res);
}
END_TEST

START_TEST(late_10_days)
{
	es_assess_payment p[] = { { .payment_id = "P1", .paid_on = 0, .amount = 80000 } };
	es_assess_result res;

	p[0].paid_on = D(2024, 6, 27);
	/* acconto paid in full 10 days late: 800 x 15 % x 10/15 = 80.00;
	 * interest 800 x 0.025 x 10/365 = 200/365 = 0.547945 -> 0.55; total 80.55 */
	init_lines();
	res = run(&lines2024[0], 1, p, 1);
	ck_assert_int_eq(res.outcome, ES_ASSESS_ACT);
	ck_assert_str_eq(res.lines[0].violation, "late");
	ck_assert_int_eq(res.lines[0].days_late, 10);
	ck_assert_int_eq(res.tax_unpaid, 0);
	ck_assert_int_eq(res.sanction, 8000);
	ck_assert_int_eq(res.interest, 55);
	ck_assert_int_eq(res.total, 8055);
	es_assess_result_clear(&res);
}
END_TEST

START_TEST(late_60_days)
{
	es_assess_payment p[] = { { .payment_id = "P1", .paid_on = 0, .amount = 80000 } };
	es_assess_result res;

	p[0].paid_on = D(2025, 2, 14);
	/* saldo paid 60 days late (15 + 31 + 14): halved 12.5 %: 100.00;
	 * interest 800 x 0.025 x 15/365 + 800 x 0.02 x 45/365 = (300 + 720)/365 = 2.794521 -> 2.79 */
	init_lines();
	res = run(&lines2024[1], 1, p, 1);
	ck_assert_str_eq(res.lines[0].violation, "late");
	ck_assert_int_eq(res.lines[0].days_late, 60);
	ck_assert_int_eq(res.sanction, 10000);
	ck_assert_int_eq(res.interest, 279);
	ck_assert_int_eq(res.total, 10279);
	es_assess_result_clear(&res);
}
END_TEST

START_TEST(earliest_first)
{
	es_assess_payment p[] = { { .payment_id = "P1", .paid_on = 0, .amount = 80000 } };
	es_assess_result res;

	p[0].paid_on = D(2024, 12, 16);
	/* one 800.00 payment on 16 Dec 2024 pays the acconto first, 182 days late
	 * (13+31+31+30+31+30+16): 30 % = 240.00, interest 800 x 0.025 x 182/365
	 * = 3640/365 = 9.972603 -> 9.97; the saldo stays omitted: 200.00 + 8.76 */
	init_lines();
	res = run(lines2024, 2, p, 1);
	ck_assert_str_eq(res.lines[0].violation, "late");
	ck_assert_int_eq(res.lines[0].days_late, 182);
	ck_assert_int_eq(res.lines[0].sanction, 24000);
	ck_assert_int_eq(res.lines[0].interest, 997);
	ck_assert_str_eq(res.lines[1].violation, "omitted");
	ck_assert_int_eq(res.lines[1].sanction, 20000);
	ck_assert_int_eq(res.lines[1].interest, 876);
	/* 800.00 unpaid + 440.00 + 18.73 */
	ck_assert_int_eq(res.total, 80000 + 44000 + 1873);
	es_assess_result_clear(&res);
}
END_TEST

START_TEST(interest_rate_change)
{
	es_assess_line l[] = { { .tributo = "3918", .installment = 2, .amount_due = 100000, .declaration = "" } };
	es_assess_result res;

	l[0].due_date = D(2024, 12, 16);
	/* law.md §8.1 inside an act: 10.95 of interest; 1000 x 25 % = 250.00 */
	res = run(l, 1, NULL, 0);
	ck_assert_int_eq(res.interest, 1095);
	ck_assert_int_eq(res.sanction, 25000);
	ck_assert_int_eq(res.total, 100000 + 25000 + 1095);
	es_assess_result_clear(&res);
	O.daycount = ES_DAYCOUNT_ACTUAL;
	res = run(l, 1, NULL, 0);
	ck_assert_int_eq(res.interest, 1094);
	es_assess_result_clear(&res);
	O.daycount = ES_DAYCOUNT_365;
	O.spread = 10000;
	res = run(l, 1, NULL, 0);
	ck_assert_int_eq(res.interest, 1632);
	es_assess_result_clear(&res);
}
END_TEST

START_TEST(ravvedimento)
{
	es_assess_line l[] = { { .tributo = "3918", .installment = 2, .amount_due = 60000, .declaration = "" } };
	es_assess_payment p[] = { { .payment_id = "R1", .paid_on = 0, .amount = 60960, .ravvedimento = true } };
	es_assess_result res;

	l[0].due_date = D(2024, 12, 16);
	p[0].paid_on = D(2025, 1, 20);
	/* law.md §8.3: 609.60 on 20 Jan 2025 is the exact ravvedimento: extinguished */
	res = run(l, 1, p, 1);
	ck_assert_int_eq(res.outcome, ES_ASSESS_NOTHING);
	ck_assert_str_eq(res.lines[0].violation, "regularized");
	ck_assert_int_eq(res.tax_paid, 60000);
	ck_assert_int_eq(res.excess, 0);
	es_assess_result_clear(&res);
	/* 600.00 only: the tax share regularised is 600 x 600/609.60 = 590.5512 -> 590.55;
	 * 9.45 stays unpaid: sanction 9.45 x 25 % = 2.3625 -> 2.36; interest
	 * 9.45 x (0.025 x 15 + 0.02 x 181)/365 = 37.75275/365 = 0.103432 -> 0.10;
	 * 9.45 + 2.36 + 0.10 = 11.91 < 12.00: below the minimum */
	p[0].amount = 60000;
	res = run(l, 1, p, 1);
	ck_assert_int_eq(res.outcome, ES_ASSESS_BELOW_MIN);
	ck_assert_str_eq(res.lines[0].violation, "partial");
	ck_assert_int_eq(res.tax_paid, 59055);
	ck_assert_int_eq(res.tax_unpaid, 945);
	ck_assert_int_eq(res.sanction, 236);
	ck_assert_int_eq(res.interest, 10);
	es_assess_result_clear(&res);
}
END_TEST

START_TEST(decadenza)
{
	es_assess_result res;
	es_assess_line l[] = { { .tributo = "3918", .installment = 2, .amount_due = 50000, .declaration = "" } };
	es_err err;

	l[0].due_date = D(2019, 12, 16);
	/* IMU 2019 saldo: 31 Dec 2024, pending on 8 Mar 2020: + 85 days = 26 Mar 2025 */
	O.as_of = D(2025, 3, 26);
	ck_assert_int_eq(es_assess_compute(R, "X", "IMU", 2019, l, 1, NULL, 0, &O, &res, &err), ES_OK);
	ck_assert_int_eq(res.outcome, ES_ASSESS_ACT);
	ck_assert_int_eq(res.lines[0].term.deadline, D(2025, 3, 26));
	es_assess_result_clear(&res);
	/* one day later the year is time-barred: no act, listed */
	O.as_of = D(2025, 3, 27);
	ck_assert_int_eq(es_assess_compute(R, "X", "IMU", 2019, l, 1, NULL, 0, &O, &res, &err), ES_OK);
	ck_assert_int_eq(res.outcome, ES_ASSESS_TIME_BARRED);
	ck_assert_str_eq(res.lines[0].violation, "time-barred");
	ck_assert_int_eq(res.barred_unpaid, 50000);
	ck_assert_int_eq(res.barred_deadline, D(2025, 3, 26));
	ck_assert_int_eq(res.total, 0);
	es_assess_result_clear(&res);
	/* without the Covid shift it ended on 31 Dec 2024 */
	O.covid_shift = false;
	O.as_of = D(2025, 1, 2);
	ck_assert_int_eq(es_assess_compute(R, "X", "IMU", 2019, l, 1, NULL, 0, &O, &res, &err), ES_OK);
	ck_assert_int_eq(res.outcome, ES_ASSESS_TIME_BARRED);
	es_assess_result_clear(&res);
}
END_TEST

START_TEST(after_act_and_excess)
{
	es_assess_line l[] = { { .tributo = "3918", .installment = 2, .amount_due = 80000, .declaration = "" } };
	es_assess_payment p[] = { { .payment_id = "P9", .paid_on = 0, .amount = 100000 } };
	es_assess_result res;

	l[0].due_date = D(2024, 12, 16);
	p[0].paid_on = D(2025, 7, 10);
	/* paid after the act date (30 Jun 2025): the tax counts as paid, but sanction
	 * and interest are those of unpaid tax at the act date: 200.00 + 8.76;
	 * 200.00 paid beyond the due is an excess */
	res = run(l, 1, p, 1);
	ck_assert_int_eq(res.outcome, ES_ASSESS_ACT);
	ck_assert_int_eq(res.tax_unpaid, 0);
	ck_assert_int_eq(res.sanction, 20000);
	ck_assert_int_eq(res.interest, 876);
	ck_assert_int_eq(res.excess, 20000);
	ck_assert_int_eq(res.total, 20876);
	es_assess_result_clear(&res);
}
END_TEST

START_TEST(on_time_nothing)
{
	es_assess_payment p[] = {
		{ .payment_id = "A", .paid_on = 0, .amount = 80000 },
		{ .payment_id = "B", .paid_on = 0, .amount = 80000 },
	};
	es_assess_result res;

	init_lines();
	p[0].paid_on = D(2024, 6, 17);
	p[1].paid_on = D(2024, 12, 16);
	res = run(lines2024, 2, p, 2);
	ck_assert_int_eq(res.outcome, ES_ASSESS_NOTHING);
	ck_assert_str_eq(res.lines[0].violation, "paid");
	ck_assert_str_eq(res.lines[1].violation, "paid");
	es_assess_result_clear(&res);
}
END_TEST

START_TEST(declaration_cumulo)
{
	es_assess_line l[] = { { .tributo = "3918", .installment = 2, .amount_due = 80000,
	                         .declaration = "omessa_dichiarazione" } };
	es_assess_result res;

	l[0].due_date = D(2024, 12, 16);
	/* omesso versamento 200.00 + omessa dichiarazione 100 % x 800.00 = 800.00 -> 1000.00;
	 * on acquiescence only the declaration part drops to 1/3: 200.00 + 266.67 */
	res = run(l, 1, NULL, 0);
	ck_assert_int_eq(res.sanction, 100000);
	ck_assert_int_eq(res.sanction_acquiescence, 20000 + 26667);
	es_assess_result_clear(&res);
	/* the more serious only: 800.00 */
	O.cumulo_max_only = true;
	res = run(l, 1, NULL, 0);
	ck_assert_int_eq(res.sanction, 80000);
	es_assess_result_clear(&res);
}
END_TEST

Suite *
make_suite_assess(void)
{
	Suite *s = suite_create("assess");
	TCase *tc = tcase_create("assess");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, omission_both_regimes);
	tcase_add_test(tc, partial);
	tcase_add_test(tc, late_10_days);
	tcase_add_test(tc, late_60_days);
	tcase_add_test(tc, earliest_first);
	tcase_add_test(tc, interest_rate_change);
	tcase_add_test(tc, ravvedimento);
	tcase_add_test(tc, decadenza);
	tcase_add_test(tc, after_act_and_excess);
	tcase_add_test(tc, on_time_nothing);
	tcase_add_test(tc, declaration_cumulo);
	suite_add_tcase(s, tc);
	return s;
}
