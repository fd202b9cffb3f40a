/* t_ente.c: the ente key file (lib/ente.c, esattore-ente(5)). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "ente.h"

static char *
write_tmp(const char *text)
{
	char *path = strdup("/tmp/t_ente_XXXXXX");
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");

	fputs(text, fp);
	fclose(fp);
	return path;
}

/* Load text; returns the ente (or NULL) and leaves the error in err. */
static es_ente *
load(const char *text, es_err *err)
{
	char *path = write_tmp(text);
	es_ente *e = es_ente_load(path, err);

	unlink(path);
	free(path);
	return e;
}

#define HEAD "[ente]\nname=Comune di Esempio\ntax_code=01199250158\nbelfiore=f205\n"

START_TEST(full_file)
{
	es_err err;
	es_ente *e = load(HEAD
	                  "province=mi\npec=protocollo@pec.comune.esempio.it\nlogo=logo.png\n"
	                  "[pagopa]\naux_digit=3\nsegregation_code=01\ncbill=ab123\n"
	                  "iban=IT60 X054 2811 1010 0000 0123 456\npostal_account=1234567\npostal_holder=Comune\n"
	                  "[rules]\ninterest_spread=-1.5\nmora_spread=2\nmin_amount=10.33\nday_count=365\n"
	                  "covid_shift=true\n"
	                  "[contract]\naggio_s1=1.5\naggio_s2=4.25\naggio_s3=6\nvat=22\n", &err);

	ck_assert_msg(e != NULL, "%s", err.msg);
	ck_assert_str_eq(e->name, "Comune di Esempio");
	ck_assert_str_eq(e->tax_code, "01199250158");   /* Comune di Milano: check digit 8 */
	ck_assert_str_eq(e->belfiore, "F205");
	ck_assert_str_eq(e->province, "MI");
	ck_assert_str_eq(e->cbill, "AB123");
	ck_assert_str_eq(e->iban, "IT60X0542811101000000123456");
	ck_assert_int_eq(e->aux_digit, 3);
	ck_assert_int_eq(e->segregation_code, 1);
	ck_assert_int_eq(e->interest_spread, -15000);   /* -1.5 points, scale 4 */
	ck_assert_int_eq(e->mora_spread, 20000);
	ck_assert_int_eq(e->min_amount, 1033);
	ck_assert(e->day_count_365);
	ck_assert(e->covid_shift);
	ck_assert_int_eq(e->aggio[0], 15000);
	ck_assert_int_eq(e->aggio[1], 42500);
	ck_assert_int_eq(e->aggio[2], 60000);
	ck_assert_int_eq(e->vat, 220000);
	/* a relative logo is taken from the key file's directory (/tmp) */
	ck_assert_str_eq(e->logo, "/tmp/logo.png");
	ck_assert_ptr_null(e->website);
	es_ente_free(e);
}
END_TEST

START_TEST(defaults)
{
	es_err err;
	es_ente *e = load(HEAD, &err);

	ck_assert_msg(e != NULL, "%s", err.msg);
	ck_assert_int_eq(e->aux_digit, 3);
	ck_assert_int_eq(e->segregation_code, -1);
	ck_assert_int_eq(e->min_amount, 1200);
	ck_assert(e->day_count_365);     /* law.md C2: actual/365 by default */
	ck_assert(e->covid_shift);
	ck_assert_int_eq(e->interest_spread, 0);
	es_ente_free(e);
}
END_TEST

static void
expect(const char *text, const char *needle)
{
	es_err err;
	es_ente *e = load(text, &err);

	ck_assert_ptr_null(e);
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_msg(strstr(err.msg, needle) != NULL, "'%s' not in '%s'", needle, err.msg);
}

START_TEST(errors)
{
	expect(HEAD "[pagopa]\nsegregaton_code=1\n", "[pagopa] segregaton_code: unknown key");
	expect(HEAD "[extra]\nx=1\n", "[extra]: unknown group");
	expect(HEAD "[pagopa]\nsegregation_code=100\n", "[pagopa] segregation_code: '100' is out of range 0..99");
	expect(HEAD "[pagopa]\nsegregation_code=-1\n", "is not a whole number");
	expect(HEAD "[rules]\ninterest_spread=3.5\n", "[rules] interest_spread: '3.5' is out of range -3..3");
	expect(HEAD "[rules]\nmora_spread=-0.5\n", "out of range 0..2");
	expect(HEAD "[rules]\nday_count=360\n", "neither 'actual' nor '365'");
	expect(HEAD "[pagopa]\niban=IT61X0542811101000000123456\n", "ISO 13616");
	expect(HEAD "[pagopa]\naux_digit=0\n", "application_code: required");
	expect(HEAD "[pagopa]\npostal_account=123\n", "postal_holder: required");
	expect("[ente]\nname=X\ntax_code=01199250157\nbelfiore=F205\n", "wrong check digit");
	expect("[ente]\nname=X\ntax_code=01199250158\nbelfiore=205F\n", "cadastral code");
	expect("[ente]\nname=X\nbelfiore=F205\n", "[ente] tax_code: missing");
	expect("[ente\nname=X\n", "not a key file");
}
END_TEST

/* The IBAN esattore-synth writes into testdata/sample/ente.conf, checked by
 * hand (integration report: "fails the mod-97 check" -- it does not).
 *   BBAN = ABI 05428, CAB 11101, account 000000100001:
 *          0542811101000000100001
 *   CIN (Italian BBAN check letter): characters in odd places (1st, 3rd...)
 *   0 4 8 1 0 0 0 0 1 0 0 map 0->1 1->0 4->9 8->19: 1+9+19+0+1+1+1+1+0+1+1 = 35;
 *   even places 5 2 1 1 1 0 0 0 0 0 1 count at face value: 11;
 *   35 + 11 = 46, 46 mod 26 = 20 -> 'U' (A = 0).
 *   ISO 13616: IT20 moved to the end, U=30 I=18 T=29:
 *   300542811101000000100001182920, taken nine digits at a time:
 *   300542811 mod 97 = 48 (3098379 x 97 = 300542763)
 *   481010000 mod 97 = 95 (4958865 x 97 = 481009905)
 *   950010000 mod 97 = 51 (9793917 x 97 = 950009949)
 *   511182920 mod 97 =  1 (5269927 x 97 = 511182919)  -> valid.
 * With check digits 21 the remainder is 2: rejected. */
START_TEST(iban_by_hand)
{
	es_err err;
	es_ente *e = load(HEAD "[pagopa]\niban=IT20U0542811101000000100001\n", &err);

	ck_assert_msg(e != NULL, "%s", err.msg);
	ck_assert_str_eq(e->iban, "IT20U0542811101000000100001");
	es_ente_free(e);
	expect(HEAD "[pagopa]\niban=IT21U0542811101000000100001\n", "ISO 13616");
	/* one account digit wrong (...100011), same check digits: the number
	 * 300542811101000000100011182920 is 77 mod 97 */
	expect(HEAD "[pagopa]\niban=IT20U0542811101000000100011\n", "ISO 13616");
}
END_TEST

START_TEST(path_and_env)
{
	es_err err;
	es_ente *e;
	char *path;

	unsetenv("ESATTORE_ENTE");
	ck_assert_ptr_null(es_ente_load(NULL, &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_null(es_ente_load("/nonexistent/ente.ini", &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_msg(strstr(err.msg, "/nonexistent/ente.ini") != NULL, "%s", err.msg);
	path = write_tmp(HEAD);
	setenv("ESATTORE_ENTE", path, 1);
	e = es_ente_load(NULL, &err);
	ck_assert_msg(e != NULL, "%s", err.msg);
	ck_assert_str_eq(e->path, path);
	es_ente_free(e);
	unsetenv("ESATTORE_ENTE");
	unlink(path);
	free(path);
}
END_TEST

/* fuzz_ente: a group given twice with the same text key leaked the first
 * value (GLib merges the groups and lists the key twice).  A key given
 * twice is now an error, in one group or across a repeated group. */
START_TEST(key_twice)
{
	es_err err;
	es_ente *e;

	e = load("[ente]\nname=Comune di Pr\n[ente]\nname=Comune di 501\ntax_code=01199250158\nbelfiore=F205\n", &err);
	ck_assert_ptr_null(e);
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "[ente] name: given twice"));
	e = load(HEAD "[pagopa]\nsegregation_code=1\nsegregation_code=2\n", &err);
	ck_assert_ptr_null(e);
	ck_assert_ptr_nonnull(strstr(err.msg, "[pagopa] segregation_code: given twice"));
}
END_TEST

/* Not a key file at all: binary bytes, a line without '='. */
START_TEST(not_key_file)
{
	es_err err;

	ck_assert_ptr_null(load("\xff\xfe\x01garbage\n", &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_null(load("[ente]\nname\n", &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
}
END_TEST

Suite *make_suite_ente(void);

Suite *
make_suite_ente(void)
{
	Suite *s = suite_create("ente");
	TCase *tc = tcase_create("load");

	tcase_add_test(tc, full_file);
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, iban_by_hand);
	tcase_add_test(tc, path_and_env);
	tcase_add_test(tc, key_twice);
	tcase_add_test(tc, not_key_file);
	suite_add_tcase(s, tc);
	return s;
}
