/* t_notification: deemed-delivery rules (notification_rules.csv). */
#include "es_setup.h"
#include "unit.h"

#include "domain/notification.h"

Suite *make_suite_notification(void);

static es_notification_rules *R;

static void
setup(void)
{
	es_err err;

	R = es_notification_rules_load(&err);
	ck_assert_msg(R != NULL, "%s", err.msg);
}

static void
teardown(void)
{
	es_notification_rules_free(R);
}

static es_date
d(int y, int m, int dd)
{
	return es_date_from_ymd(y, m, dd);
}

static es_notification_result
resolve(const es_notification_event *ev, size_t n)
{
	es_notification_result r;
	es_err err;

	ck_assert_msg(es_notification_resolve(R, ev, n, &r, &err) == ES_OK, "%s", err.msg);
	return r;
}

START_TEST(cad)
{
	/* CAD sent 20 Dec 2024, never collected: notified 10 days later, 30 Dec
	 * 2024 (art. 8 c. 4 L. 890/1982). */
	es_notification_event a[] = { { "post", "SPEDIZIONE", d(2024, 12, 16) }, { "post", "CAD", d(2024, 12, 20) },
	                              { "post", "GIACENZA", d(2025, 6, 20) } };
	es_notification_result r = resolve(a, 3);

	ck_assert_int_eq(r.state, ES_NOTIF_STATE_DEEMED);
	ck_assert_int_eq(r.notified_on, d(2024, 12, 30));
	ck_assert_int_eq(r.decisive, 1);
	ck_assert_str_eq(es_notification_state_name(r.state), "deemed");
}
END_TEST

START_TEST(cad_collected)
{
	/* Collected on 10 Mar, before the CAD term (5 + 10 = 15 Mar): 10 Mar. */
	es_notification_event a[] = { { "post", "CAD", d(2025, 3, 5) }, { "post", "RITIRO", d(2025, 3, 10) } };
	es_notification_event b[] = { { "post", "RITIRO", d(2025, 3, 20) }, { "post", "cad", d(2025, 3, 5) } };
	es_notification_result r = resolve(a, 2);

	ck_assert_int_eq(r.state, ES_NOTIF_STATE_NOTIFIED);
	ck_assert_int_eq(r.notified_on, d(2025, 3, 10));
	/* Collected on 20 Mar, after it: the CAD term, 15 Mar. */
	r = resolve(b, 2);
	ck_assert_int_eq(r.state, ES_NOTIF_STATE_DEEMED);
	ck_assert_int_eq(r.notified_on, d(2025, 3, 15));
}
END_TEST

START_TEST(pec_and_failures)
{
	es_notification_event a[] = { { "pec", "ACCETTAZIONE", d(2025, 2, 3) }, { "pec", "MANCATA_CONSEGNA", d(2025, 2, 3) } };
	es_notification_event b[] = { { "pec", "MANCATA_CONSEGNA", d(2025, 2, 3) }, { "post", "AR", d(2025, 2, 14) } };
	es_notification_event c[] = { { "pec", "ACCETTAZIONE", d(2025, 2, 3) }, { "PEC", "consegna", d(2025, 2, 3) } };
	es_notification_event e[] = { { "pec", "ACCETTAZIONE", d(2025, 2, 3) } };
	es_notification_result r = resolve(a, 2);

	ck_assert_int_eq(r.state, ES_NOTIF_STATE_FAILED);
	ck_assert_int_eq(r.notified_on, ES_DATE_NONE);
	ck_assert_ptr_nonnull(strstr(r.reason, "mancata consegna"));
	/* Renotified by post: delivered on 14 Feb. */
	r = resolve(b, 2);
	ck_assert_int_eq(r.state, ES_NOTIF_STATE_NOTIFIED);
	ck_assert_int_eq(r.notified_on, d(2025, 2, 14));
	/* PEC: the delivery receipt's date (case-insensitive input). */
	r = resolve(c, 2);
	ck_assert_int_eq(r.notified_on, d(2025, 2, 3));
	/* Acceptance only: still pending. */
	r = resolve(e, 1);
	ck_assert_int_eq(r.state, ES_NOTIF_PENDING);
}
END_TEST

START_TEST(messo_and_send)
{
	/* Albo (art. 60 lett. e DPR 600): posted 3 Feb 2025 -> 8th day, 11 Feb. */
	es_notification_event a[] = { { "post", "IRREPERIBILE", d(2025, 1, 20) }, { "messo", "ART60E", d(2025, 2, 3) } };
	/* SEND: digital delivery 10 Jan -> 17 Jan; viewed on 12 Jan -> 12 Jan. */
	es_notification_event b[] = { { "send", "CONSEGNA_DIGITALE", d(2025, 1, 10) } };
	es_notification_event c[] = { { "send", "CONSEGNA_DIGITALE", d(2025, 1, 10) }, { "send", "PRESA_VISIONE", d(2025, 1, 12) } };
	/* SEND analog deposit never collected: CAD + 20 days. */
	es_notification_event e[] = { { "send", "CAD", d(2025, 1, 10) } };
	es_notification_result r = resolve(a, 2);

	ck_assert_int_eq(r.state, ES_NOTIF_STATE_DEEMED);
	ck_assert_int_eq(r.notified_on, d(2025, 2, 11));
	r = resolve(b, 1);
	ck_assert_int_eq(r.notified_on, d(2025, 1, 17));
	r = resolve(c, 2);
	ck_assert_int_eq(r.notified_on, d(2025, 1, 12));
	ck_assert_int_eq(r.state, ES_NOTIF_STATE_NOTIFIED);
	r = resolve(e, 1);
	ck_assert_int_eq(r.notified_on, d(2025, 1, 30));
}
END_TEST

START_TEST(unknown)
{
	es_notification_event a[] = { { "fax", "AR", d(2025, 1, 10) } };
	es_notification_event b[] = { { "post", "FOO", d(2025, 1, 10) } };
	es_notification_result r;
	es_err err;

	ck_assert_int_eq(es_notification_resolve(R, a, 1, &r, &err), ES_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "unknown channel 'fax'"));
	ck_assert_int_eq(es_notification_resolve(R, b, 1, &r, &err), ES_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "unknown event 'FOO' for channel post"));
}
END_TEST

Suite *
make_suite_notification(void)
{
	Suite *s = suite_create("notification");
	TCase *tc = tcase_create("notification");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cad);
	tcase_add_test(tc, cad_collected);
	tcase_add_test(tc, pec_and_failures);
	tcase_add_test(tc, messo_and_send);
	tcase_add_test(tc, unknown);
	suite_add_tcase(s, tc);
	return s;
}
