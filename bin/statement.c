/* statement: everything the ledger knows about one taxpayer. */
#include "es_setup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "esattore.h"
#include "domain/pseudonym.h"
#include "render/textpdf.h"
#include "store/report.h"
#include "tool.h"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: statement [--db FILE] [--format text|csv|pdf] TAX_CODE\n"
	    "Write everything the ledger holds about one taxpayer: the subject, units and\n"
	    "titles, dues by year with what was paid, payments and where they went, acts\n"
	    "and their notification events, installment plans, and credits (refunds due).\n"
	    "\n"
	    "Options:\n"
	    "      --db FILE       the ledger (default: $ESATTORE_DB)\n"
	    "      --format FMT    text (default, for the counter), csv (section, row,\n"
	    "                      field, value: one line per cell) or pdf (the text,\n"
	    "                      paginated, A4 landscape)\n"
	    "      --locale LOC    it: ';' separator in CSV\n"
	    "  -q, --quiet         print only errors\n"
	    "      --help          display this help and exit\n"
	    "      --version       output version information and exit\n"
	    "\n"
	    "Exit status: 0 success; 1 the tax code is unknown to the ledger; 2 usage or\n"
	    "configuration error; 3 I/O or database failure.\n");
	exit(es_tool_finish(status));
}

enum { OPT_FORMAT = ES_OPT_FIRST_TOOL_OPTION };

static const struct option longopts[] = {
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static const char *const section_titles[] = {
	"Subject", "Units and titles", "Dues by year", "Payments and where they went", "Acts",
	"Notification events", "Installment plans", "Credits (refunds due)"
};

/* Display width of a UTF-8 string: code points, not bytes. */
static size_t
width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static void
pad(GString *g, const char *s, size_t w, bool right)
{
	size_t n = width(s);

	if (right)
		for (; n < w; n++)
			g_string_append_c(g, ' ');
	g_string_append(g, s);
	if (!right)
		for (; n < w; n++)
			g_string_append_c(g, ' ');
}

/* One section as aligned text: numbers right-aligned, no trailing blanks. */
static es_rc
text_section(GString *g, const char *title, const es_rtable *t, es_err *err)
{
	size_t *w = calloc(t->ncols + 1, sizeof *w), r, c;

	if (w == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	g_string_append_printf(g, "\n%s\n", title);
	if (t->nrows == 0) {
		g_string_append(g, "  (none)\n");
		free(w);
		return ES_OK;
	}
	for (c = 0; c < t->ncols; c++) {
		w[c] = width(t->cols[c]);
		for (r = 0; r < t->nrows; r++)
			if (width(es_rtable_cell(t, r, c)) > w[c])
				w[c] = width(es_rtable_cell(t, r, c));
	}
	for (r = 0; r <= t->nrows; r++) {
		g_string_append_c(g, ' ');
		for (c = 0; c < t->ncols; c++) {
			const char *s = r == 0 ? t->cols[c] : es_rtable_cell(t, r - 1, c);
			bool last = c + 1 == t->ncols;

			g_string_append_c(g, ' ');
			pad(g, s, last && t->kinds[c] == ES_RCOL_TEXT ? 0 : w[c], t->kinds[c] != ES_RCOL_TEXT);
		}
		while (g->len > 0 && g->str[g->len - 1] == ' ')
			g_string_truncate(g, g->len - 1);
		g_string_append_c(g, '\n');
	}
	free(w);
	return ES_OK;
}

static es_rc
csv_section(es_csv_writer *wr, const char *section, const es_rtable *t, es_err *err)
{
	size_t r, c;
	es_rc rc = ES_OK;

	for (r = 0; r < t->nrows && rc == ES_OK; r++)
		for (c = 0; c < t->ncols && rc == ES_OK; c++) {
			if ((rc = es_csv_put(wr, section, err)) != ES_OK || (rc = es_csv_put_int(wr, (int64_t)r + 1, err)) != ES_OK ||
			    (rc = es_csv_put(wr, t->cols[c], err)) != ES_OK ||
			    (rc = es_csv_put(wr, es_rtable_cell(t, r, c), err)) != ES_OK)
				break;
			rc = es_csv_end_row(wr, err);
		}
	return rc;
}

int
main(int argc, char **argv)
{
	static const char *const csv_header[] = { "section", "row", "field", "value" };
	const char *db_opt = NULL, *format = "text", *tax_code;
	bool locale_it = false, csv, pdf, known = false;
	GString *text;
	es_csv_writer *wr = NULL;
	es_ledger *l;
	es_out *out;
	es_err err;
	es_rc rc = ES_OK;
	size_t s;
	int c;

	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_FORMAT: format = optarg; break;
		case ES_OPT_LOCALE: locale_it = es_tool_parse_locale(optarg); break;
		case 'q': es_diag_set_quiet(true); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind >= argc)
		es_tool_usage_error("missing TAX_CODE");
	tax_code = argv[optind++];
	if (optind < argc)
		es_tool_usage_error("unexpected argument '%s'", argv[optind]);
	if (*tax_code == '\0')
		es_tool_usage_error("TAX_CODE is empty");
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "pdf") != 0)
		es_tool_usage_error("--format: '%s' is not text, csv or pdf", format);
	csv = strcmp(format, "csv") == 0;
	pdf = strcmp(format, "pdf") == 0;
	if ((db_opt = es_tool_db_path(db_opt)) == NULL)
		es_tool_usage_error("no ledger: give --db FILE or set ESATTORE_DB");
	if ((l = es_ledger_open(db_opt, ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	if ((out = es_out_open("-", &err)) == NULL)
		es_tool_die_err(&err);
	text = g_string_new(NULL);
	if (csv) {
		es_csv_wopts wo = { .locale_it = locale_it };

		if ((wr = es_csv_writer_new(out, &wo, &err)) == NULL ||
		    (rc = es_csv_put_row(wr, csv_header, 4, &err)) != ES_OK)
			goto done;
	} else {
		g_string_append_printf(text, "Statement of %s\n", tax_code);
	}
	for (s = 0; s < es_report_nsections && rc == ES_OK; s++) {
		es_rtable *t;

		if ((rc = es_report_statement(l, tax_code, es_report_sections[s], &t, &err)) != ES_OK)
			break;
		if (t->nrows > 0)
			known = true;
		rc = csv ? csv_section(wr, es_report_sections[s], t, &err) : text_section(text, section_titles[s], t, &err);
		es_rtable_free(t);
	}
	if (rc == ES_OK && !csv) {
		if (pdf) {
			char title[160];

			snprintf(title, sizeof title, "Statement of %s", tax_code);
			rc = es_textpdf_write(out, title, text->str, &err);
		} else {
			rc = es_out_write(out, text->str, text->len, &err);
		}
	}
done:
	g_string_free(text, TRUE);
	if (wr != NULL)
		es_csv_writer_free(wr);
	es_ledger_close(l);
	if (es_out_close(out, rc == ES_OK ? &err : NULL) != ES_OK && rc == ES_OK)
		rc = ES_EIO;
	if (rc != ES_OK)
		es_tool_die_err(&err);
	if (!known) {
		es_warn("%s: not in the ledger", tax_code);
		return es_tool_finish(ES_EXIT_REJECTS);
	}
	return es_tool_finish(ES_EXIT_OK);
}
