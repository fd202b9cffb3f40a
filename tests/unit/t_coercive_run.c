/* t_coercive_run: the runs of the coercive programs without a ledger
 * (lib/domain/notification_run.c, installments_run.c, coercive_run.c),
 * every expected value computed by hand in the comments. */
#include "es_setup.h"
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "io_util.h"
#include "domain/notification_run.h"
#include "domain/installments_run.h"
#include "domain/coercive_run.h"

Suite *make_suite_coercive_run(void);

static char *dir;
static tu_capture cap;

static void
setup(void)
{
	dir = tu_scratch_begin(&cap);
	es_diag_set_progname("t_coercive_run");
}

static void
teardown(void)
{
	tu_scratch_end(&cap, dir);
	dir = NULL;
}

static es_date
d(int y, int m, int dd)
{
	return es_date_from_ymd(y, m, dd);
}

/* enforcement_thresholds.csv: accertamento 60 days (L. 160/2019 c. 792),
 * ingiunzione 30 (R.D. 639/1910 art. 2), intimazione 5 (art. 50 c. 2 DPR
 * 602/1973); a sollecito has no payment term of its own. */
START_TEST(payment_days)
{
	es_coercive_rules *cr;
	es_err err;
	int days;

	cr = es_coercive_rules_load(&err);
	ck_assert_msg(cr != NULL, "%s", err.msg);
	ck_assert_int_eq(es_notification_payment_days(cr, "accertamento", &days, &err), ES_OK);
	ck_assert_int_eq(days, 60);
	ck_assert_int_eq(es_notification_payment_days(cr, "ingiunzione", &days, &err), ES_OK);
	ck_assert_int_eq(days, 30);
	ck_assert_int_eq(es_notification_payment_days(cr, "intimazione", &days, &err), ES_OK);
	ck_assert_int_eq(days, 5);
	ck_assert_int_eq(es_notification_payment_days(cr, "sollecito", &days, &err), ES_OK);
	ck_assert_int_eq(days, -1);
	es_coercive_rules_free(cr);
}
END_TEST

/* 100.01 on 10 Mar 2025, the band's maximum of 4: 10,001 / 4 = 2,500
 * cents, the last 25.01, due at the end of April..July.  Interest at the
 * 2 % legal rate, days 51, 82, 112, 143: 25.00 x 0.02 x 51/365 = 0.0699 ->
 * 0.07; x 82/365 = 0.1123 -> 0.11; x 112/365 = 0.1534 -> 0.15; 25.01 x
 * 0.02 x 143/365 = 0.1960 -> 0.20. */
START_TEST(schedule)
{
	es_installments_rules *r;
	es_penalty_rules *pr;
	es_installments_plan p;
	es_csv_writer *w;
	es_out *out;
	es_err err;
	char *t;

	r = es_installments_rules_load(NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	pr = es_penalty_rules_load(&err);
	ck_assert_msg(pr != NULL, "%s", err.msg);
	ck_assert_int_eq(es_installments_plan_build(r, pr, 10001, d(2025, 3, 10), 0, 0, ES_DAYCOUNT_365, &p, &err),
	                 ES_OK);
	w = tu_csv_writer(dir, "s.csv", &out);
	ck_assert_int_eq(es_installments_write_schedule(w, &p, &err), ES_OK);
	t = tu_csv_text(dir, "s.csv", w, out);
	ck_assert_str_eq(t, "installment,due_date,principal,interest,amount\n"
	                    "1,2025-04-30,25.00,0.07,25.07\n"
	                    "2,2025-05-31,25.00,0.11,25.11\n"
	                    "3,2025-06-30,25.00,0.15,25.15\n"
	                    "4,2025-07-31,25.01,0.20,25.21\n");
	free(t);
	es_installments_plan_free(&p);
	es_installments_rules_free(r);
	es_penalty_rules_free(pr);
}
END_TEST

/* Without a ledger: A1 delivered by the messo on 14 Feb 2025 (notified that
 * day, no act type so no due date); A2's PEC failed on 3 Feb (also into the
 * failed stream); a fax channel and an empty act_id are rejected.  read 4 =
 * written 2 + rejected 2; the acts come out in act_id order. */
START_TEST(notification_no_ledger)
{
	es_notification_run R;
	es_notification_rules *nr;
	es_coercive_rules *cr;
	es_out *out, *fout;
	char *in = tu_path(dir, "ev.csv"), *t;
	es_err err;

	memset(&R, 0, sizeof R);
	nr = es_notification_rules_load(&err);
	ck_assert_msg(nr != NULL, "%s", err.msg);
	cr = es_coercive_rules_load(&err);
	ck_assert_msg(cr != NULL, "%s", err.msg);
	R.rules = nr;
	R.crules = cr;
	R.rejects = es_rejects_open(NULL, &err);
	R.w = tu_csv_writer(dir, "out.csv", &out);
	R.failed = tu_csv_writer(dir, "failed.csv", &fout);
	tu_write_str(in, "act_id,channel,event,event_date,detail\n"
	                 "A2,pec,MANCATA_CONSEGNA,2025-02-03,casella piena\n"
	                 "A1,messo,CONSEGNA,2025-02-14,\n"
	                 "A3,fax,CONSEGNA,2025-02-14,\n"
	                 ",messo,CONSEGNA,2025-02-14,\n");
	ck_assert_int_eq(es_notification_run_read(&R, in, &err), ES_OK);
	ck_assert_int_eq(es_notification_run_resolve(&R, &err), ES_OK);
	ck_assert_uint_eq(R.sum.read, 4);
	ck_assert_uint_eq(R.sum.written, 2);
	ck_assert_uint_eq(R.sum.rejected, 2);
	t = tu_csv_text(dir, "out.csv", R.w, out);
	{
		static const char want[] = "act_id,notification_state,notified_on,due_on,channel,event,event_date,"
		                           "events,detail,reason,source\n"
		                           "A1,notified,2025-02-14,,messo,CONSEGNA,2025-02-14,1,,";

		ck_assert_msg(strncmp(t, want, sizeof want - 1) == 0, "%s", t);
	}
	ck_assert_ptr_nonnull(strstr(t, "\nA2,failed,,,pec,MANCATA_CONSEGNA,2025-02-03,1,casella piena,"));
	free(t);
	t = tu_csv_text(dir, "failed.csv", R.failed, fout);
	ck_assert_ptr_null(strstr(t, "A1,"));
	ck_assert_ptr_nonnull(strstr(t, "\nA2,failed,"));
	free(t);
	ck_assert_int_eq(es_rejects_close(R.rejects, &err), ES_OK);
	es_notification_run_free(&R);
	es_notification_rules_free(nr);
	es_coercive_rules_free(cr);
	free(in);
}
END_TEST

typedef struct warned {
	int n;
	char last[256];
} warned;

static void
on_warn(void *ctx, const char *source, uint64_t line, const char *msg)
{
	warned *w = ctx;

	w->n++;
	snprintf(w->last, sizeof w->last, "%s:%llu: %s", source, (unsigned long long)line, msg);
}

/* A load list without a ledger: a parking fine due 1 Jan 2015 is
 * prescribed after 5 years (art. 2948 n. 4 c.c.; with the Covid shift the
 * term still ends years before 2025): excluded, through the warning
 * callback when there is no excluded stream, and counted as written (the
 * row was used); a bad codice fiscale and a bad year are rejected.  read 3
 * = written 1 + rejected 2; no act. */
START_TEST(loads_excluded_and_rejected)
{
	es_coercive_run R;
	es_penalty_rules *pr;
	es_coercive_rules *cr;
	es_out *out;
	char *in = tu_path(dir, "loads.csv"), *t;
	warned wd = { 0 };
	es_err err;

	memset(&R, 0, sizeof R);
	pr = es_penalty_rules_load(&err);
	ck_assert_msg(pr != NULL, "%s", err.msg);
	cr = es_coercive_rules_load(&err);
	ck_assert_msg(cr != NULL, "%s", err.msg);
	R.penalty = pr;
	R.rules = cr;
	R.as_of = d(2025, 6, 30);
	R.channel = "ar";
	R.covid = true;
	R.dc = ES_DAYCOUNT_365;
	R.warn = on_warn;
	R.ctx = &wd;
	ck_assert_int_eq(es_penalty_notification_cost(pr, "ar", R.as_of, &R.channel_cost, NULL, &err), ES_OK);
	R.rejects = es_rejects_open(NULL, &err);
	R.w = tu_csv_writer(dir, "acts.csv", &out);
	ck_assert_int_eq(es_coercive_run_put_header(R.w, ES_COERCIVE_ACTS, &err), ES_OK);
	tu_write_str(in, "load_id,tax_code,name,address,revenue,year,reference,principal,sanction,interest,costs,"
	                 "due_on,notified_on\n"
	                 "L1,RSSMRA80A01H501U,Rossi Mario,Via Roma 1,CDS,2014,V1,100.00,,,,2015-01-01,\n"
	                 "L1,XXX,Rossi Mario,Via Roma 1,CDS,2014,V2,100.00,,,,2015-01-01,\n"
	                 "L1,RSSMRA80A01H501U,Rossi Mario,Via Roma 1,CDS,20x4,V3,100.00,,,,2015-01-01,\n");
	ck_assert_int_eq(es_coercive_run_loads(&R, in, &err), ES_OK);
	ck_assert_uint_eq(R.sum.read, 3);
	ck_assert_uint_eq(R.sum.written, 1);
	ck_assert_uint_eq(R.sum.rejected, 2);
	ck_assert_uint_eq(R.nacts, 0);
	ck_assert_uint_eq(R.excluded, 1);
	ck_assert_int_eq(wd.n, 1);
	/* act_id empty: the reference alone names the row; the amount is
	 * 100.00 of principal and nothing else. */
	ck_assert_msg(strstr(wd.last, "loads.csv:2: V1: no act: prescribed since ") != NULL, "%s", wd.last);
	ck_assert_msg(strstr(wd.last, " (100.00)") != NULL, "%s", wd.last);
	t = tu_csv_text(dir, "acts.csv", R.w, out);
	ck_assert_str_eq(t, "act_id,act_type,parent_act_id,root_act_id,tax_code,name,address,tax,year,tax_due,"
	                    "tax_paid,tax_unpaid,sanction,interest,mora_interest,costs,notification_cost,"
	                    "collection_charges,collection_charges_late,total,total_late,issued_on,esecutivita,"
	                    "early_until,due_on,load_id,reference,notice_number,rule\n");
	free(t);
	ck_assert_int_eq(es_rejects_close(R.rejects, &err), ES_OK);
	es_coercive_run_free(&R);
	es_penalty_rules_free(pr);
	es_coercive_rules_free(cr);
	free(in);
}
END_TEST

Suite *
make_suite_coercive_run(void)
{
	Suite *s = suite_create("coercive_run");
	TCase *tc = tcase_create("run");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, payment_days);
	tcase_add_test(tc, schedule);
	tcase_add_test(tc, notification_no_ledger);
	tcase_add_test(tc, loads_excluded_and_rejected);
	suite_add_tcase(s, tc);
	return s;
}
