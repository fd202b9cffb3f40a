/* render-notices: print-ready PDF of pagoPA payment notices and the acts
 * that carry them, from the notices stream.  See render-notices(1). */
#include "es_setup.h"

#include <errno.h>
#include <inttypes.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>

#include "esattore.h"
#include "ente.h"
#include "render/render.h"
#include "tool.h"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: render-notices --ente FILE [OPTION]... [NOTICES.csv]...\n"
	    "Render the notices stream (one row per installment, grouped by notice_id)\n"
	    "as print-ready PDF: pagoPA payment notices with their QR codes and Poste\n"
	    "slips, and the acts that carry them.  Standard input if no file is given.\n"
	    "\n"
	    "Options:\n"
	    "      --ente FILE            the ente's key file (default $ESATTORE_ENTE)\n"
	    "  -o, --output FILE          one merged PDF (default: standard output)\n"
	    "      --out-dir DIR          one PDF per notice in DIR instead\n"
	    "      --name-template T      file names in --out-dir (default '{notice_id}.pdf');\n"
	    "                             e.g. '{tax_code}_{notice_number}.pdf'\n"
	    "      --select FILE          render only the notices listed in FILE (one\n"
	    "                             notice_id or notice number a line)\n"
	    "      --template NAME        use template NAME for every notice (default: the\n"
	    "                             row's act_type)\n"
	    "      --lang LANG            it (default), de or en\n"
	    "      --print-file FILE      write the mailing data CSV for the print house\n"
	    "      --rejects FILE         write rejected rows to FILE\n"
	    "      --decimal-comma        amounts in the input are written 1234,50\n"
	    "  -q, --quiet                print only errors (no page counts, no summary)\n"
	    "      --progress             show a progress line even if stderr is not a tty\n"
	    "      --help                 display this help and exit\n"
	    "      --version              output version information and exit\n"
	    "\n"
	    "Exit status: 0 every notice rendered; 1 some notices rejected; 2 usage or\n"
	    "configuration error; 3 I/O or internal failure.\n");
	exit(es_tool_finish(status));
}

enum {
	OPT_OUT_DIR = ES_OPT_FIRST_TOOL_OPTION,
	OPT_NAME_TEMPLATE,
	OPT_SELECT,
	OPT_TEMPLATE,
	OPT_LANG,
	OPT_PRINT_FILE
};

static const struct option longopts[] = {
	{ "ente", required_argument, NULL, ES_OPT_ENTE },
	{ "output", required_argument, NULL, 'o' },
	{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
	{ "name-template", required_argument, NULL, OPT_NAME_TEMPLATE },
	{ "select", required_argument, NULL, OPT_SELECT },
	{ "template", required_argument, NULL, OPT_TEMPLATE },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "print-file", required_argument, NULL, OPT_PRINT_FILE },
	{ "rejects", required_argument, NULL, ES_OPT_REJECTS },
	{ "decimal-comma", no_argument, NULL, ES_OPT_DECIMAL_COMMA },
	{ "quiet", no_argument, NULL, 'q' },
	{ "progress", no_argument, NULL, ES_OPT_PROGRESS },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

typedef struct run {
	es_render_doc *doc;
	es_rejects *rj;
	const char *output;          /* -o, or NULL */
	const char *out_dir;
	const char *name_template;
	GHashTable *select;          /* key -> GINT_TO_POINTER(found) */
	GHashTable *names;           /* file names used in --out-dir */
	es_csv_writer *pw;           /* --print-file */
	es_out *pout;
	es_summary sum;
	uint64_t skipped, notices;
	long next_page;              /* merged mode: the first page of the next notice */
} run;

/* ---- --select ---- */

static GHashTable *
load_select(const char *path)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	es_err err;
	es_in *in;
	char *line;
	size_t len;
	es_rc rc;

	if ((in = es_in_open(path, &err)) == NULL)
		es_tool_die(ES_EXIT_USAGE, "--select: %s", err.msg);
	while ((rc = es_in_getline(in, &line, &len, 0, &err)) == ES_OK) {
		char *s = g_strstrip(g_strdup(line));

		if (*s == '\0' || *s == '#')
			g_free(s);
		else
			g_hash_table_insert(h, s, GINT_TO_POINTER(0));
	}
	if (rc != ES_EOF)
		es_tool_die(ES_EXIT_USAGE, "--select: %s", err.msg);
	es_in_close(in);
	return h;
}

static bool
selected(run *r, const es_render_notice *n)
{
	bool hit = false;
	size_t i;

	if (r->select == NULL)
		return true;
	if (g_hash_table_contains(r->select, n->notice_id)) {
		g_hash_table_replace(r->select, g_strdup(n->notice_id), GINT_TO_POINTER(1));
		hit = true;
	}
	for (i = 0; i < n->ninst; i++)
		if (g_hash_table_contains(r->select, n->inst[i].nav)) {
			g_hash_table_replace(r->select, g_strdup(n->inst[i].nav), GINT_TO_POINTER(1));
			hit = true;
		}
	return hit;
}

/* ---- file names in --out-dir ---- */

static const char *
name_lookup(void *ctx, const char *name, const char *fmt, char *buf, size_t bufsz)
{
	const es_render_notice *n = ctx;
	const char *v = NULL;
	size_t i;

	if (fmt != NULL)
		return NULL;
	if (strcmp(name, "notice_number") == 0)
		v = n->inst[0].nav;
	else if (strcmp(name, "tax_code") == 0)
		v = *n->tax_code != '\0' ? n->tax_code : "NOCF";
	else
		for (i = 0; i < n->ncols; i++)
			if (strcmp(n->colnames[i], name) == 0)
				v = n->values[i];
	if (v == NULL)
		return NULL;
	/* a value never makes a path: only letters, digits, '.', '-', '_' */
	for (i = 0; v[i] != '\0' && i + 1 < bufsz; i++)
		buf[i] = g_ascii_isalnum(v[i]) || v[i] == '-' || v[i] == '_' || v[i] == '.' ? v[i] : '_';
	buf[i] = '\0';
	return buf;
}

/* ---- the print file ---- */

static const char *const print_cols[] = {
	"notice_id", "file", "first_page", "pages", "sheets", "weight_g", "weight_class",
	"tax_code", "recipient", "address_1", "address_2", "address_3", "address_4"
};

static es_rc
print_row(run *r, const es_render_notice *n, const char *file, long first_page, int pages, es_err *err)
{
	const es_render_tmpl *t = es_render_doc_template(r->doc, n->act_type, err);
	double sheet_g, env_g, width, nlines;
	const char *classes, *duplex;
	char *lines[4] = { NULL, NULL, NULL, NULL }, wclass[32] = "over";
	long sheets;
	double weight;
	size_t k, i;
	es_rc rc;

	if (t == NULL)
		return err->rc;
	if ((rc = es_render_tmpl_num(t, "print", "sheet_g", 5, &sheet_g, err)) != ES_OK ||
	    (rc = es_render_tmpl_num(t, "print", "envelope_g", 5, &env_g, err)) != ES_OK ||
	    (rc = es_render_tmpl_num(t, "print", "address_width", 44, &width, err)) != ES_OK ||
	    (rc = es_render_tmpl_num(t, "print", "address_lines", 4, &nlines, err)) != ES_OK)
		return rc;
	duplex = es_render_tmpl_text(t, "print", "duplex");
	sheets = duplex != NULL && strcmp(duplex, "true") == 0 ? (pages + 1) / 2 : pages;
	weight = sheets * sheet_g + env_g;
	classes = es_render_tmpl_text(t, "print", "weight_classes");
	if (classes != NULL) {
		char **c = g_strsplit(classes, ";", -1);

		for (i = 0; c[i] != NULL; i++) {
			double lim = g_ascii_strtod(c[i], NULL);

			if (lim > 0 && weight <= lim + 1e-9) {
				snprintf(wclass, sizeof wclass, "%s", g_strstrip(c[i]));
				break;
			}
		}
		g_strfreev(c);
	}
	if (nlines > 4)
		nlines = 4;
	k = es_render_address_lines(n->address, width > 0 ? (size_t)width : 44, lines, nlines > 0 ? (size_t)nlines : 4);
	{
		char fp[24], pg[24], sh[24], wg[32];
		const char *row[ES_ARRAY_LEN(print_cols)];

		snprintf(fp, sizeof fp, "%ld", first_page);
		snprintf(pg, sizeof pg, "%d", pages);
		snprintf(sh, sizeof sh, "%ld", sheets);
		snprintf(wg, sizeof wg, "%.0f", weight);
		row[0] = n->notice_id;
		row[1] = file;
		row[2] = fp;
		row[3] = pg;
		row[4] = sh;
		row[5] = wg;
		row[6] = wclass;
		row[7] = n->tax_code;
		row[8] = n->name;
		for (i = 0; i < 4; i++)
			row[9 + i] = i < k ? lines[i] : "";
		rc = es_csv_put_row(r->pw, row, ES_ARRAY_LEN(row), err);
	}
	for (i = 0; i < k; i++)
		g_free(lines[i]);
	return rc;
}

/* ---- one notice ---- */

static void
reject(run *r, const es_render_notice *n, const char *msg)
{
	es_err err;
	size_t i;

	for (i = 0; i < n->nrows; i++) {
		/* the message once, on the notice's first row; then a pointer to it */
		char *m = i == 0 ? g_strdup(msg) : g_strdup_printf("rejected with its notice (line %" G_GUINT64_FORMAT ")",
		                                                  n->lines[0]);

		if (es_rejects_add(r->rj, n->source, n->lines[i], m, n->colnames, n->ncols, n->rows[i], n->ncols,
		                   &err) != ES_OK)
			es_tool_die_err(&err);
		g_free(m);
	}
	r->sum.rejected += n->nrows;
}

static void
render_one(run *r, const es_render_notice *n)
{
	es_render_result res;
	es_err err;
	es_rc rc;
	const char *file = r->output != NULL ? r->output : "-";
	char *path = NULL, *tmp = NULL, *fname = NULL;
	long first_page = 1;

	es_err_clear(&err);
	if (r->out_dir != NULL) {
		es_out *out;

		if ((rc = es_render_expand(r->name_template, name_lookup, (void *)(uintptr_t)n, &fname, &err)) != ES_OK) {
			reject(r, n, "--name-template: a placeholder has no value in this notice");
			return;
		}
		if (*fname == '\0' || *fname == '.' || strchr(fname, '/') != NULL) {
			reject(r, n, "--name-template gives an empty file name or one starting with '.'");
			free(fname);
			return;
		}
		if (g_hash_table_contains(r->names, fname)) {
			char *m = g_strdup_printf("file name %s already used by another notice in this run", fname);

			reject(r, n, m);
			g_free(m);
			free(fname);
			return;
		}
		path = g_build_filename(r->out_dir, fname, NULL);
		tmp = g_strdup_printf("%s/.%s.tmp", r->out_dir, fname);
		if ((out = es_out_open_mode(tmp, 0600, &err)) == NULL)
			es_tool_die_err(&err);
		if ((rc = es_render_doc_begin(r->doc, out, &err)) != ES_OK)
			es_tool_die_err(&err);
		rc = es_render_notice_draw(r->doc, n, &res, &err);
		if (rc == ES_OK || rc == ES_EDATA) {
			es_err e2;
			es_rc rc2 = es_render_doc_end(r->doc, &e2);

			if (rc2 == ES_OK)
				rc2 = es_out_close(out, &e2);
			else
				es_out_close(out, NULL);
			out = NULL;
			if (rc2 != ES_OK) {
				unlink(tmp);
				es_tool_die_err(&e2);
			}
		}
		if (rc == ES_EDATA) {
			unlink(tmp);
			reject(r, n, err.msg);
			goto done;
		}
		if (rc != ES_OK) {
			unlink(tmp);
			es_tool_die_err(&err);
		}
		if (rename(tmp, path) != 0) {
			unlink(tmp);
			es_tool_die(ES_EXIT_FAILURE, "%s:", path);
		}
		g_hash_table_add(r->names, g_strdup(fname));
		file = path;
	} else {
		rc = es_render_notice_draw(r->doc, n, &res, &err);
		if (rc == ES_EDATA) {
			reject(r, n, err.msg);
			goto done;
		}
		if (rc != ES_OK)
			es_tool_die_err(&err);
		first_page = r->next_page;
		r->next_page += res.pages;
	}
	r->sum.written += n->nrows;
	r->notices++;
	es_warn("%s: %d page%s, %s layout, template %s", n->notice_id, res.pages, res.pages == 1 ? "" : "s",
	        es_render_layout_name(res.layout), res.template_name);
	if (r->pw != NULL && print_row(r, n, file, first_page, res.pages, &err) != ES_OK)
		es_tool_die_err(&err);
done:
	free(fname);
	g_free(path);
	g_free(tmp);
}

static void
render_file(run *r, const char *path, bool decimal_comma)
{
	es_render_reader_opts ro = { .decimal_comma = decimal_comma };
	es_render_reader *rd;
	const es_render_notice *n;
	es_err err;
	es_rc rc;

	es_err_clear(&err);
	if ((rd = es_render_reader_open(path, &ro, &err)) == NULL) {
		if (err.rc == ES_EDATA)
			es_tool_die(ES_EXIT_USAGE, "%s", err.msg);
		es_tool_die_err(&err);
	}
	for (;;) {
		es_err_clear(&err);
		rc = es_render_reader_next(rd, &n, &err);
		if (rc == ES_EOF)
			break;
		if (rc != ES_OK && rc != ES_EDATA)
			es_tool_die_err(&err);
		r->sum.read += n->nrows;
		if (rc == ES_EDATA)
			reject(r, n, err.msg);
		else if (!selected(r, n))
			r->skipped += n->nrows;
		else
			render_one(r, n);
		es_tool_progress("notices", r->notices);
	}
	es_render_reader_close(rd);
}

int
main(int argc, char **argv)
{
	const char *ente_path = NULL, *select_path = NULL, *template_name = NULL, *lang = "it";
	const char *print_path = NULL, *rejects_path = NULL;
	bool decimal_comma = false;
	es_render_doc_opts dopts;
	es_out *out = NULL;
	es_ente *ente;
	es_err err;
	run r;
	int c, i;

	es_tool_init(argv[0]);
	memset(&r, 0, sizeof r);
	r.name_template = "{notice_id}.pdf";
	r.next_page = 1;
	while ((c = getopt_long(argc, argv, "o:q", longopts, NULL)) != -1) {
		switch (c) {
		case ES_OPT_ENTE: ente_path = optarg; break;
		case 'o': r.output = optarg; break;
		case OPT_OUT_DIR: r.out_dir = optarg; break;
		case OPT_NAME_TEMPLATE: r.name_template = optarg; break;
		case OPT_SELECT: select_path = optarg; break;
		case OPT_TEMPLATE: template_name = optarg; break;
		case OPT_LANG: lang = optarg; break;
		case OPT_PRINT_FILE: print_path = optarg; break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case ES_OPT_DECIMAL_COMMA: decimal_comma = true; break;
		case 'q': es_diag_set_quiet(true); es_tool_set_progress(-1); break;
		case ES_OPT_PROGRESS: es_tool_set_progress(1); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (r.output != NULL && r.out_dir != NULL)
		es_tool_usage_error("-o and --out-dir exclude each other");
	if (strcmp(lang, "it") != 0 && strcmp(lang, "de") != 0 && strcmp(lang, "en") != 0)
		es_tool_usage_error("--lang: '%s': expected it, de or en", lang);
	if (r.out_dir != NULL) {
		struct stat st;

		if (stat(r.out_dir, &st) != 0 || !S_ISDIR(st.st_mode))
			es_tool_die(ES_EXIT_USAGE, "--out-dir: %s: not a directory", r.out_dir);
	} else if ((r.output == NULL || strcmp(r.output, "-") == 0) && isatty(STDOUT_FILENO)) {
		es_tool_usage_error("will not write PDF to a terminal: use -o FILE or --out-dir DIR");
	}
	es_err_clear(&err);
	if ((ente = es_ente_load(ente_path, &err)) == NULL)
		es_tool_die_err(&err);
	dopts.template_name = template_name;
	dopts.lang = lang;
	dopts.decimal_comma = decimal_comma;
	if ((r.doc = es_render_doc_new(ente, &dopts, &err)) == NULL)
		es_tool_die_err(&err);
	if (select_path != NULL)
		r.select = load_select(select_path);
	r.names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if ((r.rj = es_rejects_open(rejects_path, &err)) == NULL)
		es_tool_die_err(&err);
	if (print_path != NULL) {
		if ((r.pout = es_out_open_mode(print_path, 0600, &err)) == NULL ||
		    (r.pw = es_csv_writer_new(r.pout, NULL, &err)) == NULL ||
		    es_csv_put_row(r.pw, print_cols, ES_ARRAY_LEN(print_cols), &err) != ES_OK)
			es_tool_die_err(&err);
	}
	if (r.out_dir == NULL) {
		if ((out = es_out_open_mode(r.output != NULL ? r.output : "-", 0600, &err)) == NULL ||
		    es_render_doc_begin(r.doc, out, &err) != ES_OK)
			es_tool_die_err(&err);
	}
	if (optind == argc)
		render_file(&r, "-", decimal_comma);
	for (i = optind; i < argc; i++)
		render_file(&r, argv[i], decimal_comma);
	es_tool_progress_done();
	if (out != NULL && (es_render_doc_end(r.doc, &err) != ES_OK || es_out_close(out, &err) != ES_OK))
		es_tool_die_err(&err);
	if (r.pw != NULL) {
		es_csv_writer_free(r.pw);
		if (es_out_close(r.pout, &err) != ES_OK)
			es_tool_die_err(&err);
	}
	if (es_rejects_close(r.rj, &err) != ES_OK)
		es_tool_die_err(&err);
	if (r.select != NULL) {
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, r.select);
		while (g_hash_table_iter_next(&it, &k, &v))
			if (GPOINTER_TO_INT(v) == 0)
				es_warn("--select: %s: not in the input", (const char *)k);
		if (r.skipped > 0)
			es_warn("%" PRIu64 " row%s of notices not in --select skipped", r.skipped, r.skipped == 1 ? "" : "s");
		g_hash_table_destroy(r.select);
	}
	/* rows skipped by --select are neither written nor rejected: they are
	 * reported above, and the summary counts the rows considered */
	r.sum.read -= r.skipped;
	es_summary_print(&r.sum);
	g_hash_table_destroy(r.names);
	es_render_doc_free(r.doc);
	es_ente_free(ente);
	return es_tool_finish(es_summary_exit_status(&r.sum));
}
