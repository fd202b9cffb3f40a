/* t_ente.c: the ente key file loader (lib/ente.h) on hostile files.  The
 * well-formed sample is covered by t_synth.c (sample_ente_conf). */
#include "es_setup.h"

#include "unit.h"
#include "io_util.h"
#include "ente.h"

Suite *make_suite_ente(void);

static const char base[] =
	"[ente]\n"
	"name=Comune di Prova\n"
	"tax_code=02438750586\n"     /* the P.IVA check digit of 0243875058 is 6 */
	"belfiore=H501\n";

static es_ente *
load(const char *text, es_err *err)
{
	char *dir = tu_mkdtemp(), *path = tu_path(dir, "ente.ini");
	es_ente *e;

	tu_write_str(path, text);
	es_err_clear(err);
	e = es_ente_load(path, err);
	free(path);
	tu_rmtree(dir);
	return e;
}

START_TEST(ente_minimal)
{
	es_err err;
	es_ente *e = load(base, &err);

	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->belfiore, "H501");
	ck_assert_int_eq(e->aux_digit, 3);
	ck_assert_int_eq(e->segregation_code, -1);
	ck_assert_int_eq(e->min_amount, 1200);
	es_ente_free(e);
}
END_TEST

/* fuzz_ente: a group given twice with the same text key leaked the first
 * value (GLib merges the groups and lists the key twice). */
START_TEST(ente_key_twice)
{
	es_err err;
	es_ente *e;

	e = load("[ente]\nname=Comune di Pr\n[ente]\nname=Comune di 501\ntax_code=02438750586\nbelfiore=H501\n", &err);
	ck_assert_ptr_null(e);
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "[ente] name: given twice"));
	e = load("[ente]\nname=A\nname=B\ntax_code=02438750586\nbelfiore=H501\n", &err);
	ck_assert_ptr_null(e);
	ck_assert_ptr_nonnull(strstr(err.msg, "given twice"));
	/* a number given twice as well: which one was meant is unknown */
	e = load("[ente]\nname=A\ntax_code=02438750586\nbelfiore=H501\n[pagopa]\nsegregation_code=1\n"
	         "segregation_code=2\n", &err);
	ck_assert_ptr_null(e);
	ck_assert_ptr_nonnull(strstr(err.msg, "[pagopa] segregation_code: given twice"));
}
END_TEST

/* Not a key file at all: binary, a NUL, a line with no '='. */
START_TEST(ente_not_key_file)
{
	static const char nul[] = "[ente]\nname=A\0B\n";
	char *dir = tu_mkdtemp(), *path = tu_path(dir, "ente.ini");
	es_err err;

	ck_assert_ptr_null(load("\xff\xfe\x01garbage\n", &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	ck_assert_ptr_null(load("[ente]\nname\n", &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	tu_write(path, nul, sizeof nul - 1);
	ck_assert_ptr_null(es_ente_load(path, &err));
	ck_assert_int_eq(err.rc, ES_ECONFIG);
	free(path);
	tu_rmtree(dir);
}
END_TEST

Suite *
make_suite_ente(void)
{
	Suite *s = suite_create("ente");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, ente_minimal);
	tcase_add_test(tc, ente_key_twice);
	tcase_add_test(tc, ente_not_key_file);
	suite_add_tcase(s, tc);
	return s;
}
