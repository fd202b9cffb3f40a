/* t_nav.c: pagoPA numbers (lib/types/nav.h), on the worked examples of
 * shared/domain/pagopa.md §1.4 and the layouts of §2.1-§2.2.  The mod-93
 * remainders are written out as quotient and remainder:
 *   3007157000000000 = 93 * 32335021505376 + 32
 *   0013400000022175 = 93 *   144086021743 + 76
 *   0013400000138852 = 93 *   144086022998 + 38
 *   3010000000000123 = 93 * 32365591397850 + 73
 *   2440123456789012 = 93 * 26237886632139 + 85
 *   3440123456789012 = 93 * 36990574804182 + 86
 *   0010000000000123 = 93 *   107526881721 + 70 */
#include "es_setup.h"

#include <string.h>

#include "unit.h"
#include "types/nav.h"

Suite *make_suite_nav(void);

static void
nav_ok(const char *nav)
{
	es_err err = { 0 };

	ck_assert_msg(es_nav_validate(nav, &err) == ES_OK, "%s: %s", nav, err.msg);
}

static void
nav_bad(const char *nav, const char *msg)
{
	es_err err = { 0 };

	ck_assert_msg(es_nav_validate(nav, &err) == ES_EDATA, "%s accepted", nav);
	ck_assert_str_eq(err.msg, msg);
}

START_TEST(check_digits)
{
	ck_assert_int_eq(es_nav_check_digits("3007157000000000"), 32);
	ck_assert_int_eq(es_nav_check_digits("0013400000022175"), 76);
	ck_assert_int_eq(es_nav_check_digits("0013400000138852"), 38);
	ck_assert_int_eq(es_nav_check_digits("3010000000000123"), 73);
	ck_assert_int_eq(es_nav_check_digits("2440123456789012"), 85);
	ck_assert_int_eq(es_nav_check_digits("0000000000000000"), 0);
	/* 9999999999999999 = 93 * 107526881720430 + 9 */
	ck_assert_int_eq(es_nav_check_digits("9999999999999999"), 9);
	ck_assert_int_eq(es_nav_check_digits("301000000000012a"), -1);
	ck_assert_int_eq(es_nav_check_digits("301"), -1);
	ck_assert_int_eq(es_nav_check_digits(NULL), -1);
}
END_TEST

START_TEST(validate_examples)
{
	/* pagopa.md §1.4 */
	nav_ok("300715700000000032");     /* aux 3, segregation 00 (io-app DataMatrix test) */
	nav_ok("001340000002217576");     /* aux 0, application code 01 (GovPay #536) */
	nav_ok("301000000000012373");     /* the constructed aux-3 example */
	nav_ok("000000000000000000");     /* the official QR example: 0 mod 93 = 00 */
	/* IO-app documentation example: its check 00 is wrong, 85 is right */
	nav_bad("244012345678901200", "bad notice number '244012345678901200': check digits are 00, expected 85");
	nav_ok("244012345678901285");
	/* aux 1 carries no check digits: any 17 digits */
	nav_ok("112345678901234567");
}
END_TEST

START_TEST(validate_rejects)
{
	nav_bad("", "empty notice number");
	nav_bad(NULL, "empty notice number");
	nav_bad("30100000000001237", "bad notice number '30100000000001237': 17 characters, expected 18 digits");
	nav_bad("3010000000000123730", "bad notice number '3010000000000123730': 19 characters, expected 18 digits");
	nav_bad("3010 0000 0000 0123 73",
	        "bad notice number '3010 0000 0000 0123 73': 22 characters, expected 18 digits");
	nav_bad("30100000000001237A", "bad notice number '30100000000001237A': character 18 is not a digit");
	nav_bad("401000000000012373", "bad notice number '401000000000012373': aux digit 4 is not 0, 1, 2 or 3");
	nav_bad("301000000000012374", "bad notice number '301000000000012374': check digits are 74, expected 73");
	/* the same digits read as aux 0 and aux 3 give different checks */
	nav_bad("001000000000012373", "bad notice number '001000000000012373': check digits are 73, expected 70");
}
END_TEST

START_TEST(build)
{
	char nav[ES_NAV_BUFSZ];
	es_err err = { 0 };

	ck_assert_int_eq(es_nav_build(3, "01", "0000000000123", nav, &err), ES_OK);
	ck_assert_str_eq(nav, "301000000000012373");
	ck_assert_int_eq(es_nav_build(0, "01", "3400000022175", nav, &err), ES_OK);
	ck_assert_str_eq(nav, "001340000002217576");
	ck_assert_int_eq(es_nav_build(3, "00", "7157000000000", nav, &err), ES_OK);
	ck_assert_str_eq(nav, "300715700000000032");
	ck_assert_int_eq(es_nav_build(2, NULL, "440123456789012", nav, &err), ES_OK);
	ck_assert_str_eq(nav, "244012345678901285");
	ck_assert_int_eq(es_nav_build(1, NULL, "12345678901234567", nav, &err), ES_OK);
	ck_assert_str_eq(nav, "112345678901234567");

	ck_assert_int_eq(es_nav_build(4, "01", "0000000000123", nav, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "aux digit 4 is not 0, 1, 2 or 3");
	ck_assert_int_eq(es_nav_build(3, "1", "0000000000123", nav, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "aux 3 notice number: the segregation code '1' is not 2 digits");
	ck_assert_int_eq(es_nav_build(0, NULL, "0000000000123", nav, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "aux 0 notice number: the application code '' is not 2 digits");
	ck_assert_int_eq(es_nav_build(3, "01", "000000000123", nav, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "aux 3 notice number: the IUV base '000000000123' is not 13 digits");
	ck_assert_int_eq(es_nav_build(2, "01", "440123456789012", nav, &err), ES_EDATA);
	ck_assert_int_eq(es_nav_build(2, NULL, "44012345678901", nav, &err), ES_EDATA);
}
END_TEST

START_TEST(from_sequence)
{
	char nav[ES_NAV_BUFSZ];
	es_err err = { 0 };

	ck_assert_int_eq(es_nav_from_sequence(1, 123, nav, &err), ES_OK);
	ck_assert_str_eq(nav, "301000000000012373");
	ck_assert_int_eq(es_nav_from_sequence(0, UINT64_C(7157000000000), nav, &err), ES_OK);
	ck_assert_str_eq(nav, "300715700000000032");
	/* the largest: 3 99 9999999999999 -> 3999999999999999 = 93 * 43010752688172 + 3 */
	ck_assert_int_eq(es_nav_from_sequence(99, UINT64_C(9999999999999), nav, &err), ES_OK);
	ck_assert_str_eq(nav, "399999999999999903");
	ck_assert_int_eq(es_nav_from_sequence(1, UINT64_C(10000000000000), nav, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "IUV sequence number 10000000000000 exceeds 13 digits");
	ck_assert_int_eq(es_nav_from_sequence(100, 1, nav, &err), ES_EDATA);
	ck_assert_int_eq(es_nav_from_sequence(-1, 1, nav, &err), ES_EDATA);
}
END_TEST

START_TEST(iuv_mapping)
{
	char iuv[ES_IUV_BUFSZ], nav[ES_NAV_BUFSZ];
	es_err err = { 0 };

	/* NAV -> IUV: aux 0 drops aux and application code, the others the aux digit */
	ck_assert_int_eq(es_nav_to_iuv("301000000000012373", iuv, &err), ES_OK);
	ck_assert_str_eq(iuv, "01000000000012373");
	ck_assert_int_eq(es_nav_to_iuv("001340000002217576", iuv, &err), ES_OK);
	ck_assert_str_eq(iuv, "340000002217576");
	ck_assert_int_eq(es_nav_to_iuv("244012345678901285", iuv, &err), ES_OK);
	ck_assert_str_eq(iuv, "44012345678901285");
	ck_assert_int_eq(es_nav_to_iuv("112345678901234567", iuv, &err), ES_OK);
	ck_assert_str_eq(iuv, "12345678901234567");
	ck_assert_int_eq(es_nav_to_iuv("244012345678901200", iuv, &err), ES_EDATA);

	/* IUV -> NAV: "3" + IUV first */
	ck_assert_int_eq(es_iuv_to_nav("01000000000012373", NULL, nav, &err), ES_OK);
	ck_assert_str_eq(nav, "301000000000012373");
	/* "3" + 44012345678901285: 3440123456789012 mod 93 = 86, not 85;
	 * "2" + it: 85, so aux 2 */
	ck_assert_int_eq(es_iuv_to_nav("44012345678901285", NULL, nav, &err), ES_OK);
	ck_assert_str_eq(nav, "244012345678901285");
	ck_assert_int_eq(es_iuv_to_nav("44012345678901200", NULL, nav, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "IUV '44012345678901200': check digits 00 fit neither aux 3 nor aux 2");
	/* a 15-digit aux-0 IUV (GovPay docs) is valid with application code 01 */
	ck_assert_int_eq(es_iuv_to_nav("340000013885238", "01", nav, &err), ES_OK);
	ck_assert_str_eq(nav, "001340000013885238");
	/* with 02: 0023400000138852 = 93 * 251612904718 + 78, not 38 */
	ck_assert_int_eq(es_iuv_to_nav("340000013885238", "02", nav, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "IUV '340000013885238': check digits 38 do not fit application code 02");
	ck_assert_int_eq(es_iuv_to_nav("340000013885238", NULL, nav, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "IUV '340000013885238' (15 digits, aux 0) needs the station's application code");
	ck_assert_int_eq(es_iuv_to_nav("RF45w9", NULL, nav, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "IUV 'RF45w9' is not numeric: it has no notice number");
	ck_assert_int_eq(es_iuv_to_nav("0100000000001237", NULL, nav, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "IUV '0100000000001237': 16 digits, expected 17 (aux 2, 3) or 15 (aux 0)");
}
END_TEST

START_TEST(print_format)
{
	char out[ES_NAV_PRINT_BUFSZ];

	ck_assert_str_eq(es_nav_format_print("301000000000012373", out), "3010 0000 0000 0123 73");
	ck_assert_str_eq(es_nav_format_print("001340000002217576", out), "0013 4000 0002 2175 76");
	ck_assert_int_eq(strlen(out), 22);
}
END_TEST

START_TEST(qr)
{
	char out[ES_QR_BUFSZ];
	es_err err = { 0 };

	/* pagopa.md §1.4, end to end: 150,00 euro = 15000 cents, 10 digits */
	ck_assert_int_eq(es_nav_qr_payload("301000000000012373", "01199250158", 15000, out, &err), ES_OK);
	ck_assert_str_eq(out, "PAGOPA|002|301000000000012373|01199250158|0000015000");
	ck_assert_int_eq(strlen(out), 52);   /* 6+1+3+1+18+1+11+1+10 */
	/* the official example */
	ck_assert_int_eq(es_nav_qr_payload("000000000000000000", "01199250158", 15000, out, &err), ES_OK);
	ck_assert_str_eq(out, "PAGOPA|002|000000000000000000|01199250158|0000015000");
	/* a CF that lost its leading zero in a spreadsheet is padded back */
	ck_assert_int_eq(es_nav_qr_payload("301000000000012373", "1199250158", 1, out, &err), ES_OK);
	ck_assert_str_eq(out, "PAGOPA|002|301000000000012373|01199250158|0000000001");
	/* the ceiling of 10 digits: 99.999.999,99 euro */
	ck_assert_int_eq(es_nav_qr_payload("301000000000012373", "01199250158", INT64_C(9999999999), out, &err),
	                 ES_OK);
	ck_assert_str_eq(out, "PAGOPA|002|301000000000012373|01199250158|9999999999");

	ck_assert_int_eq(es_nav_qr_payload("301000000000012373", "01199250158", INT64_C(10000000000), out, &err),
	                 ES_EDATA);
	ck_assert_str_eq(err.msg, "amount 100000000.00 outside 0.01 .. 99999999.99 for the payment barcode");
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(es_nav_qr_payload("301000000000012373", "01199250158", 0, out, &err), ES_EDATA);
	ck_assert_int_eq(es_nav_qr_payload("301000000000012373", "01199250158", -100, out, &err), ES_EDATA);
	ck_assert_int_eq(es_nav_qr_payload("244012345678901200", "01199250158", 100, out, &err), ES_EDATA);
	ck_assert_int_eq(es_nav_qr_payload("301000000000012373", "01199250159", 100, out, &err), ES_EDATA);
	ck_assert_str_eq(err.msg,
	                 "codice fiscale of the ente: bad partita IVA '01199250159': check digit is 9, expected 8");
	ck_assert_int_eq(es_nav_qr_payload("301000000000012373", "RSSMRA85T10A562S", 100, out, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "codice fiscale of the ente 'RSSMRA85T10A562S' is not 11 digits");
}
END_TEST

/* Spaces, for the padding of the fixed-width fields below. */
#define SP10 "          "
#define SP40 SP10 SP10 SP10 SP10

START_TEST(datamatrix)
{
	char out[ES_DATAMATRIX_BUFSZ];
	es_err err = { 0 };
	/* pagopa.md §2.2, field by field (offsets 0-based) */
	const char *want =
		"codfase=NBPA;"                            /*   0: 13 */
		"18" "301000000000012373"                  /*  13: 2, 15: NAV 18 */
		"12" "000012345678"                        /*  33: 2, 35: c/c 12 */
		"10" "0000015000"                          /*  47: 2, 49: cents 10 */
		"3" "896"                                  /*  59: 1, 60: TD 896 */
		"1P1"                                      /*  63: 3 */
		"01199250158"                              /*  66: CF ente 11 */
		"RSSMRA85T10A562S"                         /*  77: debtor CF 16 */
		"Mario Rossi" SP10 SP10 "         "        /*  93: name 11 + 29 = 40 */
		"TARI 2026 rata unica" SP40 SP40 SP10      /* 133: subject 20 + 90 = 110 */
		SP10 "  "                                  /* 243: filler 12 */
		"A";                                       /* 255 */

	ck_assert_int_eq(strlen(want), 256);
	ck_assert_int_eq(es_nav_datamatrix_payload("301000000000012373", "000012345678", 15000, "01199250158",
	                                           "RSSMRA85T10A562S", "Mario Rossi", "TARI 2026 rata unica",
	                                           out, &err), ES_OK);
	ck_assert_int_eq(strlen(out), 256);
	ck_assert_str_eq(out, want);
	/* the codeline of pagopa.md §1.4: bytes 13..62 */
	ck_assert_int_eq(strncmp(out + 13, "18301000000000012373120000123456781000000150003896", 50), 0);
	/* what the io-app decoder slices: [15,33) NAV, [49,59) amount, [66,77) CF ente */
	ck_assert_int_eq(strncmp(out + 15, "301000000000012373", 18), 0);
	ck_assert_int_eq(strncmp(out + 49, "0000015000", 10), 0);
	ck_assert_int_eq(strncmp(out + 66, "01199250158", 11), 0);

	/* the same account given short, or as the postal IBAN (its last 12
	 * characters; the IBAN check digits are not verified here) */
	ck_assert_int_eq(es_nav_datamatrix_payload("301000000000012373", "12345678", 15000, "01199250158",
	                                           "RSSMRA85T10A562S", "Mario Rossi", "TARI 2026 rata unica",
	                                           out, &err), ES_OK);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(es_nav_datamatrix_payload("301000000000012373", "IT02 L076 0103 2000 0001 2345 678", 15000,
	                                           "01199250158", "rssmra85t10a562s", "Mario Rossi",
	                                           "TARI 2026 rata unica", out, &err), ES_OK);
	ck_assert_str_eq(out, want);
}
END_TEST

START_TEST(datamatrix_text_fields)
{
	char out[ES_DATAMATRIX_BUFSZ];
	es_err err = { 0 };

	/* accents folded, typographic apostrophe made ASCII, tab made a space */
	ck_assert_int_eq(es_nav_datamatrix_payload("301000000000012373", "12345678", 15000, "01199250158", "",
	                                           "Niccol\xc3\xb2 D\xe2\x80\x99\xc3\x80rco",
	                                           "Citt\xc3\xa0\tdi Forl\xc3\xac \xe2\x82\xac 5", out, &err), ES_OK);
	ck_assert_int_eq(strlen(out), 256);
	ck_assert_int_eq(strncmp(out + 77, SP10 "      ", 16), 0);     /* no debtor CF: 16 spaces */
	ck_assert_int_eq(strncmp(out + 93, "Niccolo D'Arco" SP10 SP10 "      ", 40), 0);
	ck_assert_int_eq(strncmp(out + 133, "Citta di Forli EUR 5 ", 21), 0);
	/* a name longer than 40 characters is cut at 40: 15 + 1 + 12 + 1 + 3 + 1 + 7 ("Garibal") */
	ck_assert_int_eq(es_nav_datamatrix_payload("301000000000012373", "12345678", 15000, "01199250158", NULL,
	                                           "Amministrazione Condominiale Via Garibaldi 123", "x", out,
	                                           &err), ES_OK);
	ck_assert_int_eq(strncmp(out + 93, "Amministrazione Condominiale Via Garibal", 40), 0);
	ck_assert_int_eq(out[133], 'x');

	ck_assert_int_eq(es_nav_datamatrix_payload("301000000000012373", "12345678", 15000, "01199250158", NULL,
	                                           "Rossi \xff", "x", out, &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "debtor name: invalid UTF-8 at byte 7");
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(es_nav_datamatrix_payload("301000000000012373", "1234567890123", 15000, "01199250158", NULL,
	                                           "x", "x", out, &err), ES_EDATA);
	ck_assert_int_eq(es_nav_datamatrix_payload("301000000000012373", "12345678", 15000, "01199250158",
	                                           "RSSMRA85T10A562S1", "x", "x", out, &err), ES_EDATA);
	ck_assert_int_eq(es_nav_datamatrix_payload("301000000000012373", "12345678", 15000, "01199250158",
	                                           "RSS-MRA", "x", "x", out, &err), ES_EDATA);
}
END_TEST

START_TEST(rf)
{
	char out[ES_RF_BUFSZ];
	es_err err = { 0 };

	/* w9 -> 32 9, then RF00 -> 27 15 00: 329271500 mod 97 = 53, 98 - 53 = 45 */
	ck_assert_int_eq(es_rf_build("w9", out, &err), ES_OK);
	ck_assert_str_eq(out, "RF45w9");
	ck_assert_int_eq(es_rf_validate("RF45w9", &err), ES_OK);
	ck_assert_int_eq(es_rf_validate("rf45 W9", &err), ES_OK);
	/* 539007547034 271500 mod 97 = 80, 98 - 80 = 18 */
	ck_assert_int_eq(es_rf_build("539007547034", out, &err), ES_OK);
	ck_assert_str_eq(out, "RF18539007547034");
	ck_assert_int_eq(es_rf_validate("RF18539007547034", &err), ES_OK);
	ck_assert_int_eq(es_rf_validate("RF18 5390 0754 7034", &err), ES_OK);
	/* The SACI 1.3.1 example is wrong: 567483937849450550875 271523 mod 97 = 43, not 1 */
	ck_assert_int_eq(es_rf_validate("RF23 5674 8393 7849 4505 5087 5", &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "bad creditor reference 'RF23 5674 8393 7849 4505 5087 5': "
	                          "check digits 23 do not match (mod 97 = 43, not 1)");
	/* ... its right check digits are 78: 567483937849450550875 271500 mod 97 = 20, 98 - 20 = 78 */
	ck_assert_int_eq(es_rf_build("567483937849450550875", out, &err), ES_OK);
	ck_assert_str_eq(out, "RF78567483937849450550875");
	ck_assert_int_eq(es_rf_validate("RF78 5674 8393 7849 4505 5087 5", &err), ES_OK);

	ck_assert_int_eq(es_rf_build("5674839378494505508751", out, &err), ES_EDATA);   /* 22 characters */
	ck_assert_int_eq(es_rf_build("a-b", out, &err), ES_EDATA);
	ck_assert_int_eq(es_rf_build("", out, &err), ES_EDATA);
	ck_assert_int_eq(es_rf_validate("RF45", &err), ES_EDATA);
	ck_assert_int_eq(es_rf_validate("XX45w9", &err), ES_EDATA);
	ck_assert_int_eq(es_rf_validate("RF4Xw9", &err), ES_EDATA);
	ck_assert_int_eq(es_rf_validate("RF45w-9", &err), ES_EDATA);
	/* 00, 01 and 99 are never produced (98 - r is 2..98) */
	ck_assert_int_eq(es_rf_validate("RF99w9", &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "bad creditor reference 'RF99w9': check digits 99 outside 02..98");
}
END_TEST

Suite *
make_suite_nav(void)
{
	Suite *s = suite_create("nav");
	TCase *tc;

	tc = tcase_create("nav");
	tcase_add_test(tc, check_digits);
	tcase_add_test(tc, validate_examples);
	tcase_add_test(tc, validate_rejects);
	tcase_add_test(tc, build);
	tcase_add_test(tc, from_sequence);
	tcase_add_test(tc, iuv_mapping);
	tcase_add_test(tc, print_format);
	suite_add_tcase(s, tc);

	tc = tcase_create("barcodes");
	tcase_add_test(tc, qr);
	tcase_add_test(tc, datamatrix);
	tcase_add_test(tc, datamatrix_text_fields);
	suite_add_tcase(s, tc);

	tc = tcase_create("rf");
	tcase_add_test(tc, rf);
	suite_add_tcase(s, tc);
	return s;
}
