/* report: the office's numbers from the ledger, as CSV or one HTML page. */
#include "es_setup.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "esattore.h"
#include "domain/fcde.h"
#include "domain/pseudonym.h"
#include "render/html.h"
#include "store/report.h"
#include "tool.h"

static ES_NORETURN void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "Usage: report [--db FILE] --kind KIND [OPTION]...\n"
	    "Write one report from the ledger to stdout, as CSV or as a self-contained HTML\n"
	    "page with tables and SVG charts.\n"
	    "\n"
	    "Kinds:\n"
	    "  collection       due vs collected by tax, year and phase, with the collection rate\n"
	    "  aging            open debt by age and phase\n"
	    "  fcde             accertato vs riscosso per revenue type over five years, and the\n"
	    "                   averages of D.Lgs. 118/2011 All. 4/2 esempio 5\n"
	    "  reconciliation   unmatched, duplicate, overpaid and not fully allocated payments\n"
	    "  notifications    acts by type and notification state\n"
	    "  runs             the audit log\n"
	    "\n"
	    "Options:\n"
	    "      --db FILE            the ledger (default: $ESATTORE_DB)\n"
	    "      --kind KIND          the report (required)\n"
	    "      --year Y             collection: that year only; fcde: the last of the five\n"
	    "                           years (default: the latest year in the ledger)\n"
	    "      --as-of DATE         aging: the reference date (default: today)\n"
	    "      --residui            fcde: riscosso also counts the payments of the\n"
	    "                           following year (incassi in c/residui)\n"
	    "      --format FMT         csv (default) or html\n"
	    "      --pseudonymise KEY   replace codici fiscali and names with HMAC-SHA256(KEY)\n"
	    "                           and blank addresses and contacts\n"
	    "      --locale LOC         it: ';' separator and ',' decimals in CSV\n"
	    "  -q, --quiet              print only errors\n"
	    "      --help               display this help and exit\n"
	    "      --version            output version information and exit\n"
	    "\n"
	    "Exit status: 0 success; 2 usage or configuration error; 3 I/O or database failure.\n");
	exit(es_tool_finish(status));
}

enum { OPT_KIND = ES_OPT_FIRST_TOOL_OPTION, OPT_YEAR, OPT_AS_OF, OPT_FORMAT, OPT_PSEUDO, OPT_RESIDUI };

static const struct option longopts[] = {
	{ "db", required_argument, NULL, ES_OPT_DB },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "pseudonymise", required_argument, NULL, OPT_PSEUDO },
	{ "residui", no_argument, NULL, OPT_RESIDUI },
	{ "locale", required_argument, NULL, ES_OPT_LOCALE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, ES_OPT_HELP },
	{ "version", no_argument, NULL, ES_OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static const char *const kinds[] = { "collection", "aging", "fcde", "reconciliation", "notifications", "runs" };

static const char *const titles[] = {
	"Collection: due and collected by tax, year and phase",
	"Aging of open debt by phase",
	"FCDE: collection ratios (D.Lgs. 118/2011 All. 4/2, esempio 5)",
	"Reconciliation: what is wrong tonight",
	"Acts by notification state",
	"Runs (audit log)"
};

/* --- pseudonymisation ------------------------------------------------------- */

static es_rc
pseudonymise(es_rtable *t, const char *key, es_err *err)
{
	size_t r, c;

	for (c = 0; c < t->ncols; c++) {
		bool ps = es_pseudonym_column(t->cols[c]), drop = es_pseudonym_drop_column(t->cols[c]);

		if (!ps && !drop)
			continue;
		for (r = 0; r < t->nrows; r++) {
			char **cell = &t->cells[r * t->ncols + c], buf[ES_PSEUDONYM_BUFSZ], *n;
			es_rc rc;

			if (drop)
				buf[0] = '\0';
			else if ((rc = es_pseudonym(key, *cell, buf, err)) != ES_OK)
				return rc;
			if ((n = strdup(buf)) == NULL)
				return es_err_set(err, ES_ENOMEM, "out of memory");
			free(*cell);
			*cell = n;
		}
	}
	return ES_OK;
}

/* --- FCDE -------------------------------------------------------------------- */

/* One row per revenue type and year with the type's averages. */
static es_rc
build_fcde(es_ledger *l, int last, bool residui, es_rtable **out, es_err *err)
{
	static const char *const cols[] = { "revenue_type", "year", "accertato", "riscosso", "yearly_ratio",
	                                    "simple_totals", "simple_ratios", "weighted_totals", "weighted_ratios" };
	static const es_rcol_kind ck[] = { ES_RCOL_TEXT, ES_RCOL_INT, ES_RCOL_MONEY, ES_RCOL_MONEY, ES_RCOL_PCT4,
	                                   ES_RCOL_PCT4, ES_RCOL_PCT4, ES_RCOL_PCT4, ES_RCOL_PCT4 };
	int64_t w[ES_FCDE_YEARS];
	es_rtable *d = NULL, *t;
	size_t r = 0;
	es_rc rc;

	*out = NULL;
	if ((rc = es_fcde_weights_load(w, err)) != ES_OK)
		return rc;
	if ((rc = es_report_fcde_data(l, last - ES_FCDE_YEARS + 1, last, residui, &d, err)) != ES_OK)
		return rc;
	if ((t = es_rtable_new(ES_ARRAY_LEN(cols), cols, ck, err)) == NULL) {
		es_rtable_free(d);
		return err->rc;
	}
	while (r < d->nrows) {
		const char *type = es_rtable_cell(d, r, 0);
		es_fcde_year y[ES_FCDE_YEARS];
		es_fcde_ratios ratios;
		bool ok;
		size_t k;

		memset(y, 0, sizeof y);
		for (k = 0; k < ES_FCDE_YEARS; k++)
			y[k].year = last - ES_FCDE_YEARS + 1 + (int)k;
		while (r < d->nrows && strcmp(es_rtable_cell(d, r, 0), type) == 0) {
			int yr = (int)es_rtable_num(d, r, 1);

			k = (size_t)(yr - (last - ES_FCDE_YEARS + 1));
			y[k].accertato = es_rtable_num(d, r, 2);
			y[k].riscosso = es_rtable_num(d, r, 3);
			r++;
		}
		ok = es_fcde_compute(y, w, &ratios, NULL) == ES_OK;
		for (k = 0; k < ES_FCDE_YEARS; k++) {
			char yb[16], ab[ES_MONEY_BUFSZ], rb[ES_MONEY_BUFSZ], q[5][32];
			const char *cells[9];
			int64_t nums[9] = { 0 };

			if (y[k].accertato == 0 && y[k].riscosso == 0)
				continue;
			snprintf(yb, sizeof yb, "%d", y[k].year);
			nums[1] = y[k].year;
			nums[2] = y[k].accertato;
			nums[3] = y[k].riscosso;
			cells[0] = type;
			cells[1] = yb;
			cells[2] = es_money_format(y[k].accertato, ES_MONEY_PLAIN, ab);
			cells[3] = es_money_format(y[k].riscosso, ES_MONEY_PLAIN, rb);
			if (y[k].accertato > 0) {
				/* the yearly ratio alone, even when the five-year averages cannot be had */
				es_fcde_year one[ES_FCDE_YEARS];
				es_fcde_ratios rr;
				size_t j;

				for (j = 0; j < ES_FCDE_YEARS; j++) {
					one[j] = y[k];
					one[j].year = (int)j;
				}
				es_fcde_compute(one, w, &rr, NULL);
				nums[4] = rr.yearly[0];
				cells[4] = es_decimal_format(rr.yearly[0], ES_FCDE_SCALE, q[0]);
			} else {
				cells[4] = "";
			}
			if (ok) {
				nums[5] = ratios.simple_totals;
				nums[6] = ratios.simple_ratios;
				nums[7] = ratios.weighted_totals;
				nums[8] = ratios.weighted_ratios;
				cells[5] = es_decimal_format(ratios.simple_totals, ES_FCDE_SCALE, q[1]);
				cells[6] = es_decimal_format(ratios.simple_ratios, ES_FCDE_SCALE, q[2]);
				cells[7] = es_decimal_format(ratios.weighted_totals, ES_FCDE_SCALE, q[3]);
				cells[8] = es_decimal_format(ratios.weighted_ratios, ES_FCDE_SCALE, q[4]);
			} else {
				cells[5] = cells[6] = cells[7] = cells[8] = "";
			}
			if ((rc = es_rtable_add(t, cells, nums, err)) != ES_OK)
				goto fail;
		}
	}
	es_rtable_free(d);
	*out = t;
	return ES_OK;
fail:
	es_rtable_free(d);
	es_rtable_free(t);
	return rc;
}

/* --- output ------------------------------------------------------------------- */

static es_rc
write_csv(const es_rtable *t, bool locale_it, es_err *err)
{
	es_csv_wopts wo = { .locale_it = locale_it };
	es_out *out;
	es_csv_writer *w;
	size_t r, c;
	es_rc rc;

	if ((w = es_tool_csv_open("-", &wo, &out, err)) == NULL)
		return err->rc;
	rc = es_csv_put_row(w, (const char *const *)t->cols, t->ncols, err);
	for (r = 0; r < t->nrows && rc == ES_OK; r++) {
		for (c = 0; c < t->ncols && rc == ES_OK; c++) {
			size_t i = r * t->ncols + c;

			if (t->isnull[i] || t->kinds[c] == ES_RCOL_TEXT || t->kinds[c] == ES_RCOL_INT)
				rc = es_csv_put(w, t->cells[i], err);
			else if (t->kinds[c] == ES_RCOL_MONEY)
				rc = es_csv_put_money(w, t->nums[i], err);
			else
				rc = es_csv_put_decimal(w, t->nums[i], t->kinds[c] == ES_RCOL_PCT ? 2 : 4, err);
		}
		if (rc == ES_OK)
			rc = es_csv_end_row(w, err);
	}
	return es_tool_csv_close(w, out, rc, err);
}

/* A bar chart of column vcol, labelled by the join of the label columns. */
static es_rc
bar(es_html *h, const es_rtable *t, const char *title, const int *lcols, size_t nl, int vcol, es_err *err)
{
	const char **labels = calloc(t->nrows + 1, sizeof *labels), **texts = calloc(t->nrows + 1, sizeof *texts);
	char **own = calloc(t->nrows + 1, sizeof *own);
	int64_t *vals = calloc(t->nrows + 1, sizeof *vals);
	size_t r, k;
	es_rc rc = ES_OK;

	if (labels == NULL || texts == NULL || own == NULL || vals == NULL) {
		rc = es_err_set(err, ES_ENOMEM, "out of memory");
		goto out;
	}
	for (r = 0; r < t->nrows; r++) {
		GString *g = g_string_new(NULL);

		for (k = 0; k < nl; k++)
			g_string_append_printf(g, "%s%s", k ? " " : "", es_rtable_cell(t, r, (size_t)lcols[k]));
		own[r] = g_string_free(g, FALSE);
		labels[r] = own[r];
		texts[r] = es_rtable_cell(t, r, (size_t)vcol);
		vals[r] = es_rtable_num(t, r, (size_t)vcol);
	}
	rc = es_html_bar_chart(h, title, t->nrows, labels, vals, texts, err);
out:
	if (own != NULL)
		for (r = 0; r < t->nrows; r++)
			g_free(own[r]);
	free(own);
	free(labels);
	free(texts);
	free(vals);
	return rc;
}

/* FCDE: yearly ratio per revenue type, one line each. */
static es_rc
fcde_lines(es_html *h, const es_rtable *t, int last, es_err *err)
{
	const char *xl[ES_FCDE_YEARS];
	char yb[ES_FCDE_YEARS][16];
	const char **names = calloc(t->nrows + 1, sizeof *names);
	int64_t *vals = calloc((t->nrows + 1) * ES_FCDE_YEARS, sizeof *vals);
	size_t ns = 0, r, k;
	es_rc rc;

	if (names == NULL || vals == NULL) {
		free(names);
		free(vals);
		return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	for (k = 0; k < (t->nrows + 1) * ES_FCDE_YEARS; k++)
		vals[k] = ES_HTML_NONE;
	for (k = 0; k < ES_FCDE_YEARS; k++) {
		snprintf(yb[k], sizeof yb[k], "%d", last - ES_FCDE_YEARS + 1 + (int)k);
		xl[k] = yb[k];
	}
	for (r = 0; r < t->nrows; r++) {
		int yr = (int)es_rtable_num(t, r, 1);

		if (ns == 0 || strcmp(names[ns - 1], es_rtable_cell(t, r, 0)) != 0)
			names[ns++] = es_rtable_cell(t, r, 0);
		if (!t->isnull[r * t->ncols + 4])
			vals[(ns - 1) * ES_FCDE_YEARS + (size_t)(yr - (last - ES_FCDE_YEARS + 1))] = es_rtable_num(t, r, 4);
	}
	{
		int64_t max = 0;
		char top[32];

		for (k = 0; k < ns * ES_FCDE_YEARS; k++)
			if (vals[k] != ES_HTML_NONE && vals[k] > max)
				max = vals[k];
		es_decimal_format(max, ES_FCDE_SCALE, top);
		rc = es_html_line_chart(h, "Yearly collection ratio (riscosso / accertato, %)", ES_FCDE_YEARS, xl, ns,
		                        names, vals, top, err);
	}
	free(names);
	free(vals);
	return rc;
}

static es_rc
write_html(const es_rtable *t, int kind, int year, const char *subtitle, es_err *err)
{
	es_html_align *al = calloc(t->ncols + 1, sizeof *al);
	es_out *out;
	es_html *h;
	es_rc rc;
	size_t c;

	if (al == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	for (c = 0; c < t->ncols; c++)
		al[c] = t->kinds[c] == ES_RCOL_TEXT ? ES_HTML_LEFT : ES_HTML_RIGHT;
	if ((out = es_out_open("-", err)) == NULL) {
		free(al);
		return err->rc;
	}
	if ((h = es_html_begin(out, titles[kind], subtitle, err)) == NULL) {
		free(al);
		es_out_close(out, NULL);
		return err->rc;
	}
	rc = ES_OK;
	if (t->nrows == 0)
		rc = es_html_paragraph(h, "Nothing to report.", err);
	else
		switch (kind) {
		case 0: {
			int lc[] = { es_rtable_col(t, "tax"), es_rtable_col(t, "year"), es_rtable_col(t, "phase") };

			rc = bar(h, t, "Collection rate (%)", lc, 3, es_rtable_col(t, "collection_rate"), err);
			break;
		}
		case 1: {
			int lc[] = { es_rtable_col(t, "phase"), es_rtable_col(t, "age") };

			rc = bar(h, t, "Open debt (EUR)", lc, 2, es_rtable_col(t, "open"), err);
			break;
		}
		case 2:
			rc = fcde_lines(h, t, year, err);
			break;
		case 3: {
			int lc[] = { es_rtable_col(t, "problem"), es_rtable_col(t, "payment_id") };

			rc = bar(h, t, "Unallocated amount per payment (EUR)", lc, 2, es_rtable_col(t, "unallocated"), err);
			break;
		}
		case 4: {
			int lc[] = { es_rtable_col(t, "act_type"), es_rtable_col(t, "notification_state") };

			rc = bar(h, t, "Acts", lc, 2, es_rtable_col(t, "acts"), err);
			break;
		}
		default: {
			int lc[] = { es_rtable_col(t, "run_id"), es_rtable_col(t, "tool") };

			rc = bar(h, t, "Rows read per run", lc, 2, es_rtable_col(t, "read"), err);
			break;
		}
		}
	if (rc == ES_OK && kind == 2)
		rc = es_html_paragraph(h,
		    "Averages as D.Lgs. 118/2011 All. 4/2 esempio 5 describes: simple_totals = sum(riscosso) / "
		    "sum(accertato); simple_ratios = mean of the yearly ratios; weighted_totals and weighted_ratios "
		    "use the weights 0.10 for the first three years and 0.35 for the last two (data/fcde_weights.csv). "
		    "riscosso counts the payments made within the year (incassi in c/competenza; with --residui also "
		    "those of the following year). The FCDE "
		    "percentage is 100 minus the chosen ratio.", err);
	if (rc == ES_OK)
		rc = es_html_table(h, NULL, t->ncols, (const char *const *)t->cols, al, t->nrows,
		                   (const char *const *)t->cells, err);
	free(al);
	if (rc != ES_OK) {
		es_html_free(h);
		es_out_close(out, NULL);
		return rc;
	}
	if ((rc = es_html_end(h, err)) != ES_OK) {
		es_out_close(out, NULL);
		return rc;
	}
	return es_out_close(out, err);
}

int
main(int argc, char **argv)
{
	const char *db_opt = NULL, *kind_opt = NULL, *year_opt = NULL, *asof_opt = NULL, *format = "csv",
	           *key = NULL;
	bool locale_it = false, residui = false;
	int kind = -1, year = 0;
	es_date as_of;
	es_ledger *l;
	es_rtable *t = NULL;
	es_err err;
	es_rc rc;
	size_t k;
	int c;

	es_tool_init(argv[0]);
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_KIND: kind_opt = optarg; break;
		case OPT_YEAR: year_opt = optarg; break;
		case OPT_AS_OF: asof_opt = optarg; break;
		case OPT_FORMAT: format = optarg; break;
		case OPT_PSEUDO: key = optarg; break;
		case OPT_RESIDUI: residui = true; break;
		case ES_OPT_LOCALE: locale_it = es_tool_parse_locale(optarg); break;
		case 'q': es_diag_set_quiet(true); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION:
			es_tool_version();
			return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	if (optind < argc)
		es_tool_usage_error("unexpected argument '%s'", argv[optind]);
	if (kind_opt == NULL)
		es_tool_usage_error("--kind is required");
	for (k = 0; k < ES_ARRAY_LEN(kinds); k++)
		if (strcmp(kind_opt, kinds[k]) == 0)
			kind = (int)k;
	if (kind < 0)
		es_tool_usage_error("--kind: '%s' is not collection, aging, fcde, reconciliation, notifications or runs",
		                    kind_opt);
	if (strcmp(format, "csv") != 0 && strcmp(format, "html") != 0)
		es_tool_usage_error("--format: '%s' is not csv or html", format);
	if (year_opt != NULL) {
		char *end;
		long y;

		errno = 0;
		y = strtol(year_opt, &end, 10);
		if (end == year_opt || *end != '\0' || errno != 0 || y < 1900 || y > 2999)
			es_tool_usage_error("--year: '%s' is not a year", year_opt);
		year = (int)y;
	}
	if (asof_opt != NULL) {
		if (es_date_parse(asof_opt, ES_DATE_ISO, &as_of, NULL) != ES_OK || as_of == ES_DATE_NONE)
			es_tool_usage_error("--as-of: '%s' is not a date (YYYY-MM-DD)", asof_opt);
	} else {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		as_of = es_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
	if (residui && kind != 2)
		es_tool_usage_error("--residui goes with --kind fcde");
	if (key != NULL && *key == '\0')
		es_tool_usage_error("--pseudonymise: the key is empty");
	if ((db_opt = es_tool_db_path(db_opt)) == NULL)
		es_tool_usage_error("no ledger: give --db FILE or set ESATTORE_DB");
	if ((l = es_ledger_open(db_opt, ES_LEDGER_READ, &err)) == NULL)
		es_tool_die_err(&err);
	if (kind == 2 && year == 0 && (rc = es_report_last_year(l, &year, &err)) != ES_OK) {
		es_ledger_close(l);
		es_tool_die_err(&err);
	}
	switch (kind) {
	case 0: rc = es_report_collection(l, year, &t, &err); break;
	case 1: rc = es_report_aging(l, as_of, &t, &err); break;
	case 2: rc = build_fcde(l, year, residui, &t, &err); break;
	case 3: rc = es_report_reconciliation(l, &t, &err); break;
	case 4: rc = es_report_notifications(l, &t, &err); break;
	default: rc = es_report_runs(l, &t, &err); break;
	}
	es_ledger_close(l);
	if (rc == ES_OK && key != NULL)
		rc = pseudonymise(t, key, &err);
	if (rc == ES_OK) {
		if (strcmp(format, "csv") == 0) {
			rc = write_csv(t, locale_it, &err);
		} else {
			char sub[256];
			const char *base = strrchr(db_opt, '/');
			char d[ES_DATE_BUFSZ];

			if (kind == 2)
				snprintf(sub, sizeof sub, "Ledger %s, years %d to %d", base ? base + 1 : db_opt,
				         year - ES_FCDE_YEARS + 1, year);
			else if (kind == 1)
				snprintf(sub, sizeof sub, "Ledger %s, as of %s", base ? base + 1 : db_opt, es_date_format(as_of, d));
			else
				snprintf(sub, sizeof sub, "Ledger %s", base ? base + 1 : db_opt);
			rc = write_html(t, kind, year, sub, &err);
		}
	}
	es_rtable_free(t);
	if (rc != ES_OK)
		es_tool_die_err(&err);
	return es_tool_finish(ES_EXIT_OK);
}
