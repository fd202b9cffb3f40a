/* t_fdr: the FlussoRiversamento reader against the fixtures of
 * testdata/pagopa/ (their values are written by hand in the files). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "domain/fdr.h"

Suite *make_suite_fdr(void);

static const char *
fixture(const char *name)
{
	static char path[1024];
	const char *td = getenv("TESTDATA");

	snprintf(path, sizeof path, "%s/pagopa/%s", td != NULL ? td : "testdata", name);
	return path;
}


#define ITEM "<datiSingoliPagamenti><identificativoUnivocoVersamento>IUV%06d" \
	"</identificativoUnivocoVersamento><identificativoUnivocoRiscossione>IUR1</identificativoUnivocoRiscossione>" \
	"<indiceDatiSingoloPagamento>1</indiceDatiSingoloPagamento><singoloImportoPagato>%s</singoloImportoPagato>" \
	"<codiceEsitoSingoloPagamento>0</codiceEsitoSingoloPagamento>" \
	"<dataEsitoSingoloPagamento>2025-07-02</dataEsitoSingoloPagamento></datiSingoliPagamenti>"

/* A flow written by hand: the header of fdr-2025-07-03.xml, then n items
 * of `amount`, each on its own line, all with IUV000000 when same_iuv. */
static char *
write_flow(bool same_iuv, int n, const char *amount)
{
	static const char head[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<FlussoRiversamento xmlns=\"http://www.digitpa.gov.it/schemas/2011/Pagamenti/\">\n"
		"<versioneOggetto>1.0</versioneOggetto>\n"
		"<identificativoFlusso>2025-07-03ZZZZITMMXXX-0000000003</identificativoFlusso>\n"
		"<dataOraFlusso>2025-07-03T09:00:00</dataOraFlusso>\n"
		"<identificativoUnivocoRegolamento>TRN0000000003</identificativoUnivocoRegolamento>\n"
		"<dataRegolamento>2025-07-03</dataRegolamento>\n"
		"<istitutoMittente><identificativoUnivocoMittente><tipoIdentificativoUnivoco>B</tipoIdentificativoUnivoco>"
		"<codiceIdentificativoUnivoco>ZZZZITMMXXX</codiceIdentificativoUnivoco></identificativoUnivocoMittente>"
		"</istitutoMittente>\n"
		"<istitutoRicevente><identificativoUnivocoRicevente><tipoIdentificativoUnivoco>G</tipoIdentificativoUnivoco>"
		"<codiceIdentificativoUnivoco>00012345678</codiceIdentificativoUnivoco></identificativoUnivocoRicevente>"
		"</istitutoRicevente>\n"
		"<numeroTotalePagamenti>1</numeroTotalePagamenti>\n"
		"<importoTotalePagamenti>1.00</importoTotalePagamenti>\n";
	char *path = strdup("/tmp/esattore-fdr-XXXXXX");
	FILE *fp;
	int fd;

	ck_assert_ptr_nonnull(path);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(head, fp);
	for (int i = 0; i < n; i++)
		fprintf(fp, ITEM "\n", same_iuv ? 0 : i, amount);
	fputs("</FlussoRiversamento>\n", fp);
	ck_assert_int_eq(fclose(fp), 0);
	return path;
}

/* Hostile: 9,300 items of 9,999,999,999,999.99 euro: their sum,
 * 9.3e18 cents, is past INT64_MAX (9.22e18), which overflowed (UBSan).  Now
 * the flow is refused once the sum passes half the range (4,612 items). */
START_TEST(items_sum_too_large)
{
	char *path = write_flow(false, 9300, "9999999999999.99");
	es_fdr *f = NULL;
	es_err err;

	ck_assert_int_eq(es_fdr_read(path, &f, &err), ES_EDATA);
	ck_assert_ptr_null(f);
	ck_assert_ptr_nonnull(strstr(err.msg, "the items add up to more than"));
	unlink(path);
	free(path);
}
END_TEST

/* Three items with the same (iuv, iur, indice) on lines 13, 14, 15: only
 * the first in the file stays usable, whatever order qsort leaves ties in;
 * 1.00 counted once. */
START_TEST(duplicates_three)
{
	char *path = write_flow(true, 3, "1.00");
	es_fdr *f = NULL;
	es_err err;

	ck_assert_int_eq(es_fdr_read(path, &f, &err), ES_OK);
	ck_assert_uint_eq(f->nitems, 3);
	ck_assert_ptr_null(f->items[0].error);
	ck_assert_ptr_nonnull(f->items[1].error);
	ck_assert_ptr_nonnull(f->items[2].error);
	ck_assert_int_eq(f->total_items, 100);
	es_fdr_free(f);
	unlink(path);
	free(path);
}
END_TEST

/* es_fdr_scan: the items through the callback, in file order, with the
 * duplicate marks of es_fdr_read; the flow returned has the header and
 * the sums, no items. */
typedef struct seen_items {
	int n;
	char iuv[8][ES_FDR_ID_BUFSZ];
	es_cents amount[8];
	bool error[8];
	char id[ES_FDR_ID_BUFSZ];
} seen_items;

static es_rc
on_item(void *ctx, const es_fdr *hdr, const es_fdr_item *it, es_err *err)
{
	seen_items *s = ctx;

	(void)err;
	ck_assert_int_lt(s->n, 8);
	snprintf(s->id, sizeof s->id, "%s", hdr->id);
	snprintf(s->iuv[s->n], sizeof s->iuv[0], "%s", it->iuv);
	s->amount[s->n] = it->amount;
	s->error[s->n] = it->error != NULL;
	s->n++;
	return ES_OK;
}

START_TEST(scan_streams_items)
{
	char *path = write_flow(true, 3, "1.00");
	seen_items s;
	es_fdr *f = NULL;
	es_err err;

	memset(&s, 0, sizeof s);
	/* The fixture of flow_esiti_0_3_9: 80.00, 50.00, -50.00 (esito 3), 20.00. */
	ck_assert_int_eq(es_fdr_scan(fixture("fdr-2025-07-01-esiti-0-3-9.xml"), on_item, &s, &f, &err), ES_OK);
	ck_assert_int_eq(s.n, 4);
	ck_assert_str_eq(s.id, "2025-07-01ABCDITMMXXX-0000000001");
	ck_assert_str_eq(s.iuv[0], "01000000000010454");
	ck_assert_int_eq(s.amount[0], 8000);
	ck_assert_int_eq(s.amount[2], -5000);
	ck_assert_str_eq(s.iuv[3], "01999999999999999");
	ck_assert_ptr_null(f->items);
	ck_assert_uint_eq(f->nitems, 4);
	ck_assert_int_eq(f->total_items, 10000);
	ck_assert_ptr_null(f->anomaly);
	es_fdr_free(f);
	/* Three times the same (iuv, iur, indice): the 2nd and 3rd marked as
	 * they come, 1.00 counted once. */
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(es_fdr_scan(path, on_item, &s, &f, &err), ES_OK);
	ck_assert_int_eq(s.n, 3);
	ck_assert(!s.error[0]);
	ck_assert(s.error[1]);
	ck_assert(s.error[2]);
	ck_assert_int_eq(f->total_items, 100);
	es_fdr_free(f);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(amount_format)
{
	es_cents c;

	/* stImporto is \d+\.\d{2}: 0.01 is one cent, 999999999.99 the maximum. */
	ck_assert_int_eq(es_fdr_parse_amount("0.01", &c, NULL), ES_OK);
	ck_assert_int_eq(c, 1);
	ck_assert_int_eq(es_fdr_parse_amount("999999999.99", &c, NULL), ES_OK);
	ck_assert_int_eq(c, INT64_C(99999999999));
	/* SACI 1.3.1 writes revocations negative: -50.00 is -5000 cents. */
	ck_assert_int_eq(es_fdr_parse_amount("-50.00", &c, NULL), ES_OK);
	ck_assert_int_eq(c, -5000);
	ck_assert_int_eq(es_fdr_parse_amount("12.3", &c, NULL), ES_EDATA);
	ck_assert_int_eq(es_fdr_parse_amount("12", &c, NULL), ES_EDATA);
	ck_assert_int_eq(es_fdr_parse_amount("1,00", &c, NULL), ES_EDATA);
	ck_assert_int_eq(es_fdr_parse_amount("", &c, NULL), ES_EDATA);
}
END_TEST

START_TEST(flow_esiti_0_3_9)
{
	es_fdr *f;
	es_err err;

	ck_assert_int_eq(es_fdr_read(fixture("fdr-2025-07-01-esiti-0-3-9.xml"), &f, &err), ES_OK);
	ck_assert_str_eq(f->id, "2025-07-01ABCDITMMXXX-0000000001");
	ck_assert_str_eq(f->datetime, "2025-07-01T12:00:00");
	ck_assert_str_eq(f->receiver, "00012345678");
	ck_assert_str_eq(f->sender, "ABCDITMMXXX");
	ck_assert_int_eq(f->count_declared, 4);
	ck_assert_uint_eq(f->nitems, 4);
	ck_assert_int_eq(f->total_declared, 10000);
	/* 80.00 + 50.00 - 50.00 (esito 3, negated) + 20.00 = 100.00 */
	ck_assert_int_eq(f->total_items, 10000);
	ck_assert_ptr_null(f->anomaly);
	ck_assert_str_eq(f->items[0].iuv, "01000000000010454");
	ck_assert_int_eq(f->items[0].amount, 8000);
	ck_assert_int_eq(f->items[0].esito, 0);
	ck_assert_int_eq(f->items[0].index, 1);
	ck_assert_int_eq(f->items[2].esito, 3);
	ck_assert_int_eq(f->items[2].amount, -5000);
	ck_assert_int_eq(f->items[3].esito, 9);
	ck_assert_ptr_null(f->items[3].error);
	/* 2025-06-30 is day 20269 since 1970-01-01 (55 years, 14 leap days:
	 * 55*365 + 14 = 20089, plus 180 days from 1 January to 30 June). */
	ck_assert_int_eq(f->items[0].date, 20269);
	ck_assert_int_eq(f->settled_on, 20270);
	es_fdr_free(f);
}
END_TEST

START_TEST(flow_esiti_4_8)
{
	es_fdr *f;

	ck_assert_int_eq(es_fdr_read(fixture("fdr-2025-07-02-v2.xml"), &f, NULL), ES_OK);
	ck_assert_int_eq(f->items[0].esito, 4);
	ck_assert_int_eq(f->items[1].esito, 8);
	/* 40.00 + 6.00 */
	ck_assert_int_eq(f->total_items, 4600);
	ck_assert_int_eq(f->total_declared, 4600);
	es_fdr_free(f);
}
END_TEST

START_TEST(count_and_sum_mismatch)
{
	es_fdr *f;

	ck_assert_int_eq(es_fdr_read(fixture("fdr-count-sum-mismatch.xml"), &f, NULL), ES_OK);
	ck_assert_ptr_nonnull(f->anomaly);
	/* GovPay 007107 and 007106: 2 items declared as 3; 6.00 + 6.00 = 12.00 declared as 13.00. */
	ck_assert_str_eq(f->anomaly, "2 items but numeroTotalePagamenti 3; "
	                             "sum of items 12.00 but importoTotalePagamenti 13.00");
	es_fdr_free(f);
}
END_TEST

START_TEST(negative_revocation)
{
	es_fdr *f;

	ck_assert_int_eq(es_fdr_read(fixture("invalid-negative-revocation.xml"), &f, NULL), ES_OK);
	ck_assert_int_eq(f->items[0].esito, 3);
	ck_assert_int_eq(f->items[0].amount, -15000);
	/* The total 150.00 equals the absolute sum (GovPay compares abs()). */
	ck_assert_ptr_null(f->anomaly);
	es_fdr_free(f);
}
END_TEST

START_TEST(unknown_esito)
{
	es_fdr *f;

	ck_assert_int_eq(es_fdr_read(fixture("invalid-esito-7.xml"), &f, NULL), ES_OK);
	ck_assert_ptr_nonnull(f->items[0].error);
	ck_assert_str_eq(f->items[0].error, "unknown codiceEsitoSingoloPagamento 7");
	es_fdr_free(f);
}
END_TEST

START_TEST(missing_total)
{
	es_fdr *f = (es_fdr *)1;
	es_err err;

	ck_assert_int_eq(es_fdr_read(fixture("invalid-missing-total.xml"), &f, &err), ES_EDATA);
	ck_assert_ptr_null(f);
	ck_assert_ptr_nonnull(strstr(err.msg, "missing <importoTotalePagamenti>"));
}
END_TEST

START_TEST(doctype_refused)
{
	es_fdr *f;
	es_err err;

	/* An entity bomb: libxml2's own limits stop it before the DOCTYPE
	 * is even reported. */
	ck_assert_int_eq(es_fdr_read(fixture("invalid-doctype.xml"), &f, &err), ES_EDATA);
	ck_assert_ptr_null(f);
	/* An external entity (XXE): refused, /etc/passwd never read. */
	ck_assert_int_eq(es_fdr_read(fixture("invalid-doctype-xxe.xml"), &f, &err), ES_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "DOCTYPE and entity declarations are refused"));
	ck_assert_ptr_null(strstr(err.msg, "root:"));
}
END_TEST

START_TEST(not_a_flow)
{
	es_fdr *f;
	es_err err;
	char path[1024];
	const char *td = getenv("TESTDATA");

	snprintf(path, sizeof path, "%s/treasury/gdc-2025-07-10.xml", td != NULL ? td : "testdata");
	ck_assert_int_eq(es_fdr_read(path, &f, &err), ES_EDATA);
	ck_assert_ptr_nonnull(strstr(err.msg, "is not <FlussoRiversamento>"));
}
END_TEST

Suite *
make_suite_fdr(void)
{
	Suite *s = suite_create("fdr");
	TCase *tc = tcase_create("read");

	tcase_add_test(tc, amount_format);
	tcase_add_test(tc, flow_esiti_0_3_9);
	tcase_add_test(tc, flow_esiti_4_8);
	tcase_add_test(tc, count_and_sum_mismatch);
	tcase_add_test(tc, negative_revocation);
	tcase_add_test(tc, unknown_esito);
	tcase_add_test(tc, missing_total);
	tcase_add_test(tc, doctype_refused);
	tcase_add_test(tc, not_a_flow);
	tcase_add_test(tc, items_sum_too_large);
	tcase_add_test(tc, duplicates_three);
	tcase_add_test(tc, scan_streams_items);
	suite_add_tcase(s, tc);
	return s;
}
