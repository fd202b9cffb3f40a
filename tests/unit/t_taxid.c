/* t_taxid.c: codice fiscale and partita IVA (lib/types/taxid.h).
 * Check characters computed by hand below, with the sums.
 *
 * Codice fiscale tables (DM 23 dicembre 1976): odd positions (1, 3, ... 15)
 *   0/A 1, 1/B 0, 2/C 5, 3/D 7, 4/E 9, 5/F 13, 6/G 15, 7/H 17, 8/I 19, 9/J 21,
 *   K 2, L 4, M 18, N 20, O 11, P 3, Q 6, R 8, S 12, T 14, U 16, V 10,
 *   W 22, X 25, Y 24, Z 23;
 * even positions (2, 4, ... 14): digits 0..9 -> 0..9, letters A..Z -> 0..25;
 * check letter = sum mod 26, 0 = A. */
#include "es_setup.h"

#include <string.h>

#include "unit.h"
#include "types/taxid.h"

Suite *make_suite_taxid(void);

static void
cf_ok(const char *cf)
{
	es_err err = { 0 };

	ck_assert_msg(es_cf_validate(cf, &err) == ES_OK, "%s: %s", cf, err.msg);
}

static void
cf_bad(const char *cf, const char *msg)
{
	es_err err = { 0 };

	ck_assert_msg(es_cf_validate(cf, &err) == ES_EDATA, "%s accepted", cf);
	ck_assert_str_eq(err.msg, msg);
}

START_TEST(cf_check_characters)
{
	/* RSSMRA85T10A562S (a man born 10 December 1985, Belfiore A562):
	 * odd  R S R 8 T 0 5 2 -> 8 + 12 + 8 + 19 + 14 + 1 + 13 + 5 = 80
	 * even S M A 5 1 A 6   -> 18 + 12 + 0 + 5 + 1 + 0 + 6 = 42
	 * 122 mod 26 = 18 -> S */
	ck_assert_int_eq(es_cf_check_char("RSSMRA85T10A562"), 'S');
	ck_assert_int_eq(es_cf_check_char("rssmra85t10a562"), 'S');
	cf_ok("RSSMRA85T10A562S");
	cf_ok("rssmra85t10a562s");
	/* BNCLRA90A41F205I (a woman born 1 January 1990: day 01 + 40 = 41, Milano F205):
	 * odd  B C R 9 A 1 2 5 -> 0 + 5 + 8 + 21 + 1 + 0 + 5 + 13 = 53
	 * even N L A 0 4 F 0   -> 13 + 11 + 0 + 0 + 4 + 5 + 0 = 33
	 * 86 mod 26 = 8 -> I */
	ck_assert_int_eq(es_cf_check_char("BNCLRA90A41F205"), 'I');
	cf_ok("BNCLRA90A41F205I");
}
END_TEST

START_TEST(cf_omocodia)
{
	/* The last digit of RSSMRA85T10A562S (position 15, odd) replaced by its
	 * omocodia letter: 2 -> N.  Odd value of 2 is 5, of N is 20:
	 * 122 - 5 + 20 = 137, 137 mod 26 = 7 -> H. */
	ck_assert_int_eq(es_cf_check_char("RSSMRA85T10A56N"), 'H');
	cf_ok("RSSMRA85T10A56NH");
	/* Then position 14 (even): 6 -> S; even value 6 -> 18:
	 * 137 + 12 = 149, 149 mod 26 = 19 -> T. */
	ck_assert_int_eq(es_cf_check_char("RSSMRA85T10A5SN"), 'T');
	cf_ok("RSSMRA85T10A5SNT");
	/* All seven digits substituted: 8 5 1 0 5 6 2 -> U R M L R S N.
	 * odd  R S R U T L R N -> 8 + 12 + 8 + 16 + 14 + 4 + 8 + 20 = 90
	 * even S M A R M A S   -> 18 + 12 + 0 + 17 + 12 + 0 + 18 = 77
	 * 167 mod 26 = 11 -> L.  The day (ML = 10) is decoded before checking. */
	ck_assert_int_eq(es_cf_check_char("RSSMRAURTMLARSN"), 'L');
	cf_ok("RSSMRAURTMLARSNL");
	/* A letter that is not an omocodia letter in a digit position */
	ck_assert_int_eq(es_cf_check_char("RSSMRA85T10A5XN"), '\0');
}
END_TEST

START_TEST(cf_rejects)
{
	cf_bad("RSSMRA85T10A562T", "bad codice fiscale 'RSSMRA85T10A562T': check character is 'T', expected 'S'");
	cf_bad("RSSMRA85T10A56NS", "bad codice fiscale 'RSSMRA85T10A56NS': check character is 'S', expected 'H'");
	cf_bad("RSSMRA85T10A562", "bad codice fiscale 'RSSMRA85T10A562': 15 characters, expected 16");
	cf_bad("RSSMRA85T10A562SX", "bad codice fiscale 'RSSMRA85T10A562SX': 17 characters, expected 16");
	cf_bad("", "empty codice fiscale");
	cf_bad(NULL, "empty codice fiscale");
	cf_bad("1SSMRA85T10A562S", "bad codice fiscale '1SSMRA85T10A562S': character 1 ('1') must be a letter");
	cf_bad("RSSMRA85T10A5X2S",
	       "bad codice fiscale 'RSSMRA85T10A5X2S': character 14 ('X') must be a digit or an omocodia letter (LMNPQRSTUV)");
	cf_bad("RSSMRA85T10A5622",
	       "bad codice fiscale 'RSSMRA85T10A5622': character 16 ('2') must be the check letter");
	cf_bad("RSSMRA85T10A56 S",
	       "bad codice fiscale 'RSSMRA85T10A56 S': character 15 (' ') must be a digit or an omocodia letter (LMNPQRSTUV)");
	cf_bad("RSSMRA85Z10A562S",
	       "bad codice fiscale 'RSSMRA85Z10A562S': character 9 ('Z') is not a month letter (ABCDEHLMPRST)");
	cf_bad("RSSMRA85T35A562S",
	       "bad codice fiscale 'RSSMRA85T35A562S': day of birth 35 is neither 01..31 nor 41..71");
	cf_bad("RSSMRA85T00A562S",
	       "bad codice fiscale 'RSSMRA85T00A562S': day of birth 00 is neither 01..31 nor 41..71");
	cf_bad("RSSMRA85T72A562S",
	       "bad codice fiscale 'RSSMRA85T72A562S': day of birth 72 is neither 01..31 nor 41..71");
	ck_assert_int_eq(es_cf_check_char("RSSMRA85T10A56"), '\0');   /* too short */
	ck_assert_int_eq(es_cf_check_char(NULL), '\0');
}
END_TEST

START_TEST(piva)
{
	es_err err = { 0 };

	/* 01199250158 (the CF of the official pagoPA QR example):
	 * odd positions  0 1 9 5 1 -> 16
	 * even positions 1 9 2 0 5 doubled 2 18 4 0 10, digits summed 2 9 4 0 1 -> 16
	 * 32 mod 10 = 2, check = 10 - 2 = 8 */
	ck_assert_int_eq(es_piva_check_digit("0119925015"), 8);
	ck_assert_int_eq(es_piva_validate("01199250158", &err), ES_OK);
	/* 12345678903: odd 1 3 5 7 9 -> 25; even 2 4 6 8 0 -> 4 8 12 16 0 -> 4 8 3 7 0 = 22;
	 * 47 mod 10 = 7, check 3 */
	ck_assert_int_eq(es_piva_check_digit("1234567890"), 3);
	ck_assert_int_eq(es_piva_validate("12345678903", &err), ES_OK);
	/* 06363391001 (Agenzia delle Entrate): odd 0 3 3 9 0 -> 15;
	 * even 6 6 3 1 0 -> 12 12 6 2 0 -> 3 3 6 2 0 = 14; 29 -> check 1 */
	ck_assert_int_eq(es_piva_check_digit("0636339100"), 1);
	ck_assert_int_eq(es_piva_validate("06363391001", &err), ES_OK);
	/* a sum that is a multiple of 10 gives check 0 (not 10):
	 * 1900000000: odd 1 0 0 0 0 = 1, even 9 0 0 0 0 -> 18 -> 9; 10 -> check 0 */
	ck_assert_int_eq(es_piva_check_digit("1900000000"), 0);
	ck_assert_int_eq(es_piva_check_digit("01199A0158"), -1);
	ck_assert_int_eq(es_piva_check_digit("011"), -1);

	ck_assert_int_eq(es_piva_validate("12345678904", &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "bad partita IVA '12345678904': check digit is 4, expected 3");
	ck_assert_int_eq(es_piva_validate("1234567890", &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "bad partita IVA '1234567890': 10 characters, expected 11 digits");
	ck_assert_int_eq(es_piva_validate("0119925015X", &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "bad partita IVA '0119925015X': character 11 ('X') is not a digit");
	/* all zeros has a "valid" check digit (0) but is no partita IVA */
	ck_assert_int_eq(es_piva_validate("00000000000", &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "bad partita IVA '00000000000': the serial number (first 7 digits) is zero");
	ck_assert_int_eq(es_piva_validate("", &err), ES_EDATA);
	ck_assert_str_eq(err.msg, "empty partita IVA");
}
END_TEST

START_TEST(classify)
{
	ck_assert_int_eq(es_taxid_classify("RSSMRA85T10A562S"), ES_TAXID_PERSON);
	ck_assert_int_eq(es_taxid_classify("rssmra85t10a56nh"), ES_TAXID_PERSON);
	ck_assert_int_eq(es_taxid_classify("01199250158"), ES_TAXID_COMPANY);
	ck_assert_int_eq(es_taxid_classify("01199250159"), ES_TAXID_INVALID);
	ck_assert_int_eq(es_taxid_classify("RSSMRA85T10A562T"), ES_TAXID_INVALID);
	ck_assert_int_eq(es_taxid_classify(""), ES_TAXID_INVALID);
	ck_assert_int_eq(es_taxid_classify(NULL), ES_TAXID_INVALID);
}
END_TEST

START_TEST(normalise)
{
	char out[17];

	ck_assert_str_eq(es_taxid_normalise(" rssmra85t10a562s ", out, sizeof out), "RSSMRA85T10A562S");
	ck_assert_str_eq(es_taxid_normalise("RSS MRA 85T10 A562S", out, sizeof out), "RSSMRA85T10A562S");
	ck_assert_str_eq(es_taxid_normalise("\t01199250158\r\n", out, sizeof out), "01199250158");
	ck_assert_str_eq(es_taxid_normalise("", out, sizeof out), "");
	/* too long for out: no truncated copy (it could be a valid code) */
	ck_assert_ptr_null(es_taxid_normalise("RSSMRA85T10A562SX", out, sizeof out));
	ck_assert_str_eq(out, "");
}
END_TEST

Suite *
make_suite_taxid(void)
{
	Suite *s = suite_create("taxid");
	TCase *tc;

	tc = tcase_create("cf");
	tcase_add_test(tc, cf_check_characters);
	tcase_add_test(tc, cf_omocodia);
	tcase_add_test(tc, cf_rejects);
	suite_add_tcase(s, tc);

	tc = tcase_create("piva");
	tcase_add_test(tc, piva);
	tcase_add_test(tc, classify);
	tcase_add_test(tc, normalise);
	suite_add_tcase(s, tc);
	return s;
}
