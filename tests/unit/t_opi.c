/* t_opi: the giornale di cassa reader and the causale parser. */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "domain/opi.h"

Suite *make_suite_opi(void);

static const char *
fixture(const char *name)
{
	static char path[1024];
	const char *td = getenv("TESTDATA");

	snprintf(path, sizeof path, "%s/treasury/%s", td != NULL ? td : "testdata", name);
	return path;
}

typedef struct seen {
	int credits, others;
	es_opi_movement first;
	char client_cf_105[20];
} seen;

static es_rc
collect(void *ctx, const es_opi_movement *m, es_err *err)
{
	seen *s = ctx;

	(void)err;
	ck_assert_ptr_null(m->error);
	if (es_opi_is_credit(m)) {
		if (s->credits++ == 0)
			s->first = *m;
		if (strcmp(m->number, "105") == 0)
			snprintf(s->client_cf_105, sizeof s->client_cf_105, "%s", m->client_cf);
	} else {
		s->others++;
	}
	return ES_OK;
}

START_TEST(read_giornale)
{
	seen s;

	memset(&s, 0, sizeof s);
	ck_assert_int_eq(es_opi_read(fixture("gdc-2025-07-10.xml"), collect, &s, NULL), ES_OK);
	/* Movements 101-106 are SOSPESO ENTRATA / ESEGUITO; 107 is a MANDATO. */
	ck_assert_int_eq(s.credits, 6);
	ck_assert_int_eq(s.others, 1);
	ck_assert_str_eq(s.first.number, "101");
	ck_assert_str_eq(s.first.account, "0000001");
	ck_assert_int_eq(s.first.year, 2025);
	ck_assert_int_eq(s.first.amount, 10000);
	ck_assert_str_eq(s.first.end_to_end, "E2E000101");
	ck_assert_str_eq(s.first.causale, "/PUR/LGPE-RIVERSAMENTO/URI/2025-07-01ABCDITMMXXX-0000000001 "
	                                  "/BON.SEPA TRN 0000123 /BEN. EFFETTIVO COMUNE DI PROVA");
	ck_assert_str_eq(s.client_cf_105, "BNCLRA75B42F205N");
}
END_TEST

START_TEST(malformed)
{
	seen s;
	es_err err;

	memset(&s, 0, sizeof s);
	ck_assert_int_eq(es_opi_read(fixture("invalid-malformed.xml"), collect, &s, &err), ES_EDATA);
}
END_TEST

START_TEST(causale_flow)
{
	es_causale c;

	/* MyPivot's test causale: bank text after the id, cut at the space. */
	es_causale_parse("/PUR/LGPE-RIVERSAMENTO/URI/2025-07-01ABCDITMMXXX-0000000001 /BON.SEPA TRN 1", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_FLOW);
	ck_assert_str_eq(c.ref, "2025-07-01ABCDITMMXXX-0000000001");
	ck_assert(c.flow_complete);
	/* GovPay's variant with /TXT/n/ inside the prefix, in lower case. */
	es_causale_parse("/pur/lgpe-riversamento/txt/1/uri/2021-11-10PPAYITR1XXX-S011516185", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_FLOW);
	ck_assert_str_eq(c.ref, "2021-11-10PPAYITR1XXX-S011516185");
	ck_assert(c.flow_complete);
	/* Truncated by a causale-79 statement (pagopa-api #272). */
	es_causale_parse("/PUR/LGPE-RIVERSAMENTO/URI/2", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_FLOW);
	ck_assert_str_eq(c.ref, "2");
	ck_assert(!c.flow_complete);
	es_causale_parse("/PUR/LGPE-RIVERSAMENTO/URI/2025-07-03ZZZZ", &c);
	ck_assert_str_eq(c.ref, "2025-07-03ZZZZ");
	ck_assert(!c.flow_complete);
	/* MyPivot also accepts the bare tag: a pagoPA credit whose id is lost. */
	es_causale_parse("ACCREDITO LGPE-RIVERSAMENTO", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_FLOW);
	ck_assert_str_eq(c.ref, "");
}
END_TEST

START_TEST(causale_single)
{
	es_causale c;

	es_causale_parse("/RFB/01000000000010555/120.00/TXT/TARI 2025", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_RFB);
	ck_assert_str_eq(c.ref, "01000000000010555");
	ck_assert(c.has_amount);
	ck_assert_int_eq(c.amount, 12000);
	es_causale_parse("/RFS/RF18539007547034/15.50", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_RFS);
	ck_assert_str_eq(c.ref, "RF18539007547034");
	ck_assert_int_eq(c.amount, 1550);
	es_causale_parse("/RFB/01000000000010555", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_RFB);
	ck_assert(!c.has_amount);
	/* A NAV with valid check digits: 3010000000000107 mod 93 = 57. */
	es_causale_parse("PAGAMENTO AVVISO 301000000000010757 TARI", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_NAV);
	ck_assert_str_eq(c.ref, "301000000000010757");
	/* The same digits with wrong check digits are not a NAV. */
	es_causale_parse("PAGAMENTO AVVISO 301000000000010758 TARI", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_NONE);
	/* A codice fiscale, in lower case. */
	es_causale_parse("saldo imu 2024 cf cstmrc72m13l736u grazie", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_CF);
	ck_assert_str_eq(c.ref, "CSTMRC72M13L736U");
	es_causale_parse("BONIFICO VARIO", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_NONE);
	es_causale_parse("", &c);
	ck_assert_int_eq(c.kind, ES_CAUSALE_NONE);
}
END_TEST

Suite *
make_suite_opi(void)
{
	Suite *s = suite_create("opi");
	TCase *tc = tcase_create("read");
	TCase *tc2 = tcase_create("causale");

	tcase_add_test(tc, read_giornale);
	tcase_add_test(tc, malformed);
	tcase_add_test(tc2, causale_flow);
	tcase_add_test(tc2, causale_single);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, tc2);
	return s;
}
