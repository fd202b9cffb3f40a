/* t_pseudonym.c: HMAC-SHA256 pseudonyms.  Expected values from Python:
 *   hmac.new(b'k1', b'BNCGNN60C03L219K', hashlib.sha256).hexdigest() */
#include "es_setup.h"

#include "unit.h"
#include "domain/pseudonym.h"

Suite *make_suite_pseudonym(void);

START_TEST(known_value)
{
	char out[ES_PSEUDONYM_BUFSZ], again[ES_PSEUDONYM_BUFSZ];

	ck_assert_int_eq(es_pseudonym("k1", "BNCGNN60C03L219K", out, NULL), ES_OK);
	ck_assert_str_eq(out, "a3991474d5b778978a76b8fc26d9639d119115819ead18637d0c0a27252444c7");
	/* trimmed and folded to upper case first */
	ck_assert_int_eq(es_pseudonym("k1", " bncgnn60c03l219k\t", again, NULL), ES_OK);
	ck_assert_str_eq(out, again);
	/* another key, another pseudonym */
	ck_assert_int_eq(es_pseudonym("k2", "BNCGNN60C03L219K", again, NULL), ES_OK);
	ck_assert_str_ne(out, again);
	/* empty stays empty; an empty key is refused */
	ck_assert_int_eq(es_pseudonym("k1", "  ", out, NULL), ES_OK);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(es_pseudonym("", "X", out, NULL), ES_ECONFIG);
}
END_TEST

START_TEST(columns)
{
	ck_assert(es_pseudonym_column("tax_code"));
	ck_assert(es_pseudonym_column("surname"));
	ck_assert(es_pseudonym_column("debtor_tax_code"));
	ck_assert(es_pseudonym_column("holder_name"));
	ck_assert(!es_pseudonym_column("tax"));
	ck_assert(!es_pseudonym_column("amount"));
	ck_assert(es_pseudonym_drop_column("pec"));
	ck_assert(!es_pseudonym_drop_column("paid_on"));
}
END_TEST

Suite *
make_suite_pseudonym(void)
{
	Suite *s = suite_create("pseudonym");
	TCase *tc = tcase_create("pseudonym");

	tcase_add_test(tc, known_value);
	tcase_add_test(tc, columns);
	suite_add_tcase(s, tc);
	return s;
}
