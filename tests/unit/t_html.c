/* t_html.c: escaping, tables and charts of the HTML page writer. */
#include "es_setup.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "render/html.h"

Suite *make_suite_html(void);

/* Run fn on an es_out to a temp file; return the file's text (g_free). */
static char *
capture(es_rc (*fn)(es_out *, es_err *))
{
	char path[] = "/tmp/t_html.XXXXXX";
	int fd = mkstemp(path);
	es_out *out;
	es_err err;
	char *text = NULL;

	ck_assert_int_ge(fd, 0);
	close(fd);
	out = es_out_open(path, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_msg(fn(out, &err) == ES_OK, "%s", err.msg);
	ck_assert_int_eq(es_out_close(out, &err), ES_OK);
	ck_assert(g_file_get_contents(path, &text, NULL, NULL));
	unlink(path);
	return text;
}

static es_rc
w_escape(es_out *out, es_err *err)
{
	return es_html_escape(out, "a<b & \"c\" 'd'>", err);
}

START_TEST(escape)
{
	char *t = capture(w_escape);

	ck_assert_str_eq(t, "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
	g_free(t);
}
END_TEST

static es_rc
w_page(es_out *out, es_err *err)
{
	static const char *const cols[] = { "tax", "due" };
	static const char *const cells[] = { "IMU <x>", "10.00", "TARI", "5.00" };
	static const es_html_align al[] = { ES_HTML_LEFT, ES_HTML_RIGHT };
	static const char *const labels[] = { "IMU", "TARI" };
	static const int64_t vals[] = { 1000, 500 };
	static const char *const texts[] = { "10.00", "5.00" };
	static const char *const xl[] = { "2023", "2024" };
	static const char *const names[] = { "a" };
	static const int64_t lv[] = { 10, ES_HTML_NONE };
	es_html *h = es_html_begin(out, "Title & co", NULL, err);

	if (h == NULL)
		return err->rc;
	if (es_html_table(h, "cap", 2, cols, al, 2, cells, err) != ES_OK ||
	    es_html_bar_chart(h, "bars", 2, labels, vals, texts, err) != ES_OK ||
	    es_html_line_chart(h, "lines", 2, xl, 1, names, lv, "", err) != ES_OK) {
		es_html_free(h);
		return err->rc;
	}
	return es_html_end(h, err);
}

START_TEST(page)
{
	char *t = capture(w_page);

	ck_assert_ptr_nonnull(strstr(t, "<title>Title &amp; co</title>"));
	ck_assert_ptr_nonnull(strstr(t, "<td>IMU &lt;x&gt;</td><td class=\"r\">10.00</td>"));
	ck_assert_ptr_null(strstr(t, "<script"));
	/* the 10.00 bar is the full plot height (260 - 20 - 60 = 180), the 5.00 bar half of it */
	ck_assert_ptr_nonnull(strstr(t, "height=\"180\""));
	ck_assert_ptr_nonnull(strstr(t, "height=\"90\""));
	/* the missing point makes no circle: one circle only */
	ck_assert_ptr_nonnull(strstr(t, "<circle"));
	ck_assert_ptr_null(strstr(strstr(t, "<circle") + 1, "<circle"));
	ck_assert_ptr_nonnull(strstr(t, "</html>\n"));
	g_free(t);
}
END_TEST

Suite *
make_suite_html(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("html");

	tcase_add_test(tc, escape);
	tcase_add_test(tc, page);
	suite_add_tcase(s, tc);
	return s;
}
