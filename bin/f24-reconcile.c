/* f24-reconcile: the F24 supply of the Agenzia delle Entrate to the
 * payments stream, reconciled against the credits (f24-reconcile(1),
 * f24-supply(5)). */
#include "es_setup.h"

#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"
#include "io/csv.h"
#include "io/diag.h"
#include "io/stream.h"
#include "domain/f24.h"
#include "domain/f24_reconcile.h"
#include "store/ledger.h"
#include "store/payments.h"

enum {
	OPT_BELFIORE = ES_OPT_FIRST_TOOL_OPTION,
	OPT_SUMMARY,
	OPT_NAME_LAYOUT,
};

static const struct option long_options[] = {
	{"db", required_argument, NULL, ES_OPT_DB},
	{"belfiore", required_argument, NULL, OPT_BELFIORE},
	{"rejects", required_argument, NULL, ES_OPT_REJECTS},
	{"summary", required_argument, NULL, OPT_SUMMARY},
	{"name-layout", required_argument, NULL, OPT_NAME_LAYOUT},
	{"locale", required_argument, NULL, ES_OPT_LOCALE},
	{"quiet", no_argument, NULL, ES_OPT_QUIET},
	{"progress", no_argument, NULL, ES_OPT_PROGRESS},
	{"help", no_argument, NULL, ES_OPT_HELP},
	{"version", no_argument, NULL, ES_OPT_VERSION},
	{NULL, 0, NULL, 0},
};

ES_NORETURN static void
usage(FILE *fp, int status)
{
	fprintf(fp,
	        "Usage: %s [OPTION]... [FILE]...\n"
	        "Read F24 supplies of the Agenzia delle Entrate (fixed-width records A1, G1-G5,\n"
	        "G9, Z1; .gz accepted; standard input if no FILE) and write the payments\n"
	        "stream as CSV on standard output, one row per G1, with G9 cancellations\n"
	        "applied; check the credits (G2, G3, G4, G5) and the Z1 counts.\n"
	        "\n"
	        "      --db FILE            record the payments in the ledger FILE (default\n"
	        "                           $ESATTORE_DB when set); a supply imported twice\n"
	        "                           records nothing new\n"
	        "      --belfiore CODE      the municipality's codice catastale (default: the\n"
	        "                           code in each flow's Z1 record)\n"
	        "      --rejects FILE       write unreadable records to FILE (CSV)\n"
	        "      --summary FILE       write the reconciliation, block by block and\n"
	        "                           difference by difference, to FILE (CSV)\n"
	        "      --name-layout LAYOUT G1 positions 149-203: webred (a 55-character name,\n"
	        "                           the default) or tr4 (39-character name and the\n"
	        "                           original codice fiscale)\n"
	        "      --locale it          write CSV with ';' separators and ',' decimals\n"
	        "      --quiet              print no warnings and no summary\n"
	        "      --progress           show a progress line on standard error\n"
	        "      --help               display this help and exit\n"
	        "      --version            output version information and exit\n"
	        "\n"
	        "Exit status: 0 all records used, 1 some records rejected, 2 usage or\n"
	        "configuration error, 3 I/O, database or internal failure.\n",
	        es_diag_progname());
	exit(es_tool_finish(status));
}

/* ------------------------------------------------------------------ state */

typedef struct input {
	const char *name;          /* as given, for messages and source_ref */
	const char *path;          /* what to open (a spool file for stdin) */
	GPtrArray *supplies;       /* char* supply keys found in the file */
	uint64_t records;          /* non-blank lines */
} input;

typedef struct run {
	es_f24_parser *parser;
	es_f24_codes *codes;
	es_f24_recon *recon;
	es_rejects *rejects;
	es_csv_writer *csv;
	es_out *out;
	es_ledger *ledger;
	es_payment_store *payments;
	es_summary sum;
	es_f24_name_layout layout;
	es_csv_wopts wopts;
	const char *belfiore;
	uint64_t layout_votes[2];
	uint64_t padded, long_lines;
	uint64_t inserted, existing, conflicts, status_changes;
	char *spool;
} run;

/* Give up: roll the ledger back (nothing half-written), remove the spool
 * of standard input, print the error and exit with its status. */
ES_NORETURN static void
fail(run *r, es_err *err)
{
	if (r->payments != NULL)
		es_store_payment_close(r->payments);
	r->payments = NULL;
	if (r->ledger != NULL) {
		es_ledger_run_abort(r->ledger, err->msg);
		es_ledger_close(r->ledger);
		r->ledger = NULL;
	}
	if (r->spool != NULL)
		unlink(r->spool);
	es_tool_die_err(err);
}

static char *
to_utf8(const char *s, size_t n)
{
	char *u = g_convert(s, (gssize)n, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);

	return u != NULL ? u : g_strndup(s, n);
}

static es_rc
reject(run *r, const char *file, uint64_t line, const char *raw, size_t len, const char *msg)
{
	char *u = to_utf8(raw, len);
	const char *fields[1] = {u};
	es_err err;
	es_rc rc;

	es_err_clear(&err);
	rc = es_rejects_add(r->rejects, file, line, msg, NULL, 0, fields, 1, &err);
	g_free(u);
	r->sum.rejected++;
	if (rc != ES_OK)
		fail(r, &err);
	return ES_OK;
}

/* Copy standard input to a private temporary file: two passes read it. */
static char *
spool_stdin(void)
{
	const char *dir = getenv("TMPDIR");
	char *path = g_strdup_printf("%s/f24-reconcile.XXXXXX", dir && *dir ? dir : "/tmp");
	char buf[65536];
	es_err err;
	es_in *in;
	FILE *fp;
	ptrdiff_t n;
	int fd;

	fd = mkstemp(path);
	if (fd < 0)
		es_tool_die(ES_EXIT_FAILURE, "cannot create a temporary file in %s:", dir ? dir : "/tmp");
	fp = fdopen(fd, "wb");
	in = es_in_open("-", &err);
	if (fp == NULL || in == NULL) {
		unlink(path);
		if (in == NULL)
			es_tool_die_err(&err);
		es_tool_die(ES_EXIT_FAILURE, "%s:", path);
	}
	/* es_in decompresses: the spool holds plain records. */
	while ((n = es_in_read(in, buf, sizeof buf, &err)) > 0)
		if (fwrite(buf, 1, (size_t)n, fp) != (size_t)n)
			break;
	if (n < 0 || ferror(fp) || fclose(fp) != 0) {
		unlink(path);
		if (n < 0)
			es_tool_die_err(&err);
		es_tool_die(ES_EXIT_FAILURE, "%s:", path);
	}
	es_in_close(in);
	return path;
}

/* ------------------------------------------------------------------ pass 1 */

static void
supply_key(input *in, const es_f24_z1 *z)
{
	char d[9];

	g_ptr_array_add(in->supplies, g_strdup_printf("%s-%s-%02d", z->belfiore,
	                                              es_f24_date_compact(z->fornitura, d), z->prog_fornitura));
}

static es_rc
pass1(run *r, input *in)
{
	es_f24_record rec;
	es_err err;
	es_in *f;
	char *line;
	size_t len;
	uint64_t n = 0;
	es_rc rc;

	f = es_in_open(in->path, &err);
	if (f == NULL) {
		es_err_prefix(&err, "%s", in->name);
		fail(r, &err);
	}
	while ((rc = es_in_getline(f, &line, &len, 0, &err)) == ES_OK) {
		n++;
		if (es_f24_blank_line(line, len))
			continue;
		r->sum.read++;
		in->records++;
		es_tool_progress("records", r->sum.read);
		rc = es_f24_parse(r->parser, line, len, &rec, &err);
		if (rc == ES_EDATA) {
			reject(r, in->name, n, line, len, err.msg);
			es_f24_recon_rejected(r->recon, rec.type);
			continue;
		}
		if (rc != ES_OK)
			break;
		if (rec.padded) {
			r->padded++;
			es_warn_at(in->name, n, "%s record of %zu characters padded to %d with spaces",
			           es_f24_type_name(rec.type), len, ES_F24_RECLEN);
		}
		if (rec.long_line) {
			r->long_lines++;
			es_warn_at(in->name, n, "%s record of %zu characters: characters after %d ignored",
			           es_f24_type_name(rec.type), len, ES_F24_RECLEN);
		}
		if (rec.type == ES_F24_G1) {
			int g = es_f24_guess_name_layout(line, len);

			if (g >= 0)
				r->layout_votes[g]++;
		}
		if (rec.type == ES_F24_Z1)
			supply_key(in, &rec.u.z1);
		es_f24_recon_add(r->recon, &rec, in->name, n, &err);
	}
	es_in_close(f);
	if (rc != ES_EOF) {
		es_err_prefix(&err, "%s:%llu", in->name, (unsigned long long)(n + 1));
		fail(r, &err);
	}
	es_f24_recon_end_file(r->recon, in->name, n, &err);
	return ES_OK;
}

/* ------------------------------------------------------------------ pass 2 */

static const char *const columns[] = {
	"payment_id", "source", "source_ref", "tax_code", "tax", "year", "tributo", "notice_number",
	"iuv", "paid_on", "credited_on", "amount", "status", "status_on", "kind", "debit", "credit",
	"acconto_saldo", "ravvedimento", "immobili_variati", "num_immobili", "rateazione", "detrazione",
	"operation_id", "belfiore", "belfiore_ok", "cf_error", "tributo_error", "anno_error",
	"tipo_imposta", "tipo_ente", "ente", "cab", "data_ripartizione", "prog_ripartizione",
	"data_bonifico", "data_fornitura", "prog_fornitura", "delega", "riga", "surname",
	"first_name", "cf_orig", "tax_code2", "tax_code2_role",
};

static void
put(run *r, es_rc rc, es_err *err)
{
	if (rc != ES_OK)
		fail(r, err);
}

/* Dates and counters are written for every one of millions of rows:
 * formatted here digit by digit rather than through snprintf. */
static char *
udigits(char *p, unsigned long v, int width)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n < width)
		tmp[n++] = '0';
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

static void
put_date(run *r, es_date d, es_err *err)
{
	char buf[ES_DATE_BUFSZ], *p = buf;
	int y, m, dd;

	if (d != ES_DATE_NONE) {
		es_date_to_ymd(d, &y, &m, &dd);
		p = udigits(p, (unsigned long)y, 4);
		*p++ = '-';
		p = udigits(p, (unsigned long)m, 2);
		*p++ = '-';
		p = udigits(p, (unsigned long)dd, 2);
	}
	*p = '\0';
	put(r, es_csv_put(r->csv, buf, err), err);
}

static void
put_uint(run *r, unsigned long v, int width, es_err *err)
{
	char buf[24];

	*udigits(buf, v, width) = '\0';
	put(r, es_csv_put(r->csv, buf, err), err);
}

static void
put_char(run *r, char c, es_err *err)
{
	char s[2] = {c == ' ' ? '\0' : c, '\0'};

	put(r, es_csv_put(r->csv, s, err), err);
}

static void
write_row(run *r, const es_f24_g1 *g, const es_f24_g1_state *st, const char *id, const char *ref,
          es_err *err)
{
	put(r, es_csv_put(r->csv, id, err), err);
	put(r, es_csv_put(r->csv, "F24", err), err);
	put(r, es_csv_put(r->csv, ref, err), err);
	put(r, es_csv_put(r->csv, g->cf, err), err);
	put(r, es_csv_put(r->csv, st->tax, err), err);
	put_uint(r, (unsigned long)(g->anno), 1, err);
	put(r, es_csv_put(r->csv, g->tributo, err), err);
	put(r, es_csv_put(r->csv, "", err), err);                    /* notice_number */
	put(r, es_csv_put(r->csv, "", err), err);                    /* iuv */
	put_date(r, g->riscossione, err);
	put_date(r, st->credited_on, err);
	put(r, es_csv_put_money(r->csv, es_f24_g1_net(g), err), err);
	put(r, es_csv_put(r->csv, st->cancelled ? ES_PAYMENT_CANCELLED : ES_PAYMENT_VALID, err), err);
	put_date(r, st->status_on, err);
	put(r, es_csv_put(r->csv, st->code ? st->code->kind : "", err), err);
	put(r, es_csv_put_money(r->csv, g->debito, err), err);
	put(r, es_csv_put_money(r->csv, g->credito, err), err);
	put(r, es_csv_put(r->csv, es_f24_g1_instalment_kind(g), err), err);
	put_uint(r, (unsigned long)(g->ravvedimento), 1, err);
	put_uint(r, (unsigned long)(g->immobili_variati), 1, err);
	put_uint(r, (unsigned long)(g->num_immobili), 1, err);
	put(r, es_csv_put(r->csv, g->rateazione, err), err);
	put(r, es_csv_put_money(r->csv, g->detrazione, err), err);
	put(r, es_csv_put(r->csv, g->operation_id, err), err);
	put(r, es_csv_put(r->csv, g->belfiore, err), err);
	put(r, es_csv_put(r->csv, st->expected_belfiore == NULL ? "" : st->wrong_belfiore ? "0" : "1", err), err);
	put_char(r, g->cf_error, err);
	put_char(r, g->tributo_error, err);
	put_char(r, g->anno_error, err);
	put_char(r, g->tipo_imposta, err);
	put_char(r, g->tipo_ente, err);
	put(r, es_csv_put(r->csv, g->ente, err), err);
	put(r, es_csv_put(r->csv, g->cab, err), err);
	put_date(r, g->key.ripartizione, err);
	put_uint(r, (unsigned long)(g->key.prog_ripartizione), 1, err);
	put_date(r, g->key.bonifico, err);
	put_date(r, g->key.fornitura, err);
	put_uint(r, (unsigned long)(g->key.prog_fornitura), 1, err);
	put_uint(r, (unsigned long)g->delega, 6, err);
	put_uint(r, (unsigned long)g->riga, 2, err);
	put(r, es_csv_put(r->csv, g->surname, err), err);
	put(r, es_csv_put(r->csv, g->first_name, err), err);
	put(r, es_csv_put(r->csv, g->cf_orig, err), err);
	put(r, es_csv_put(r->csv, g->cf2, err), err);
	put(r, es_csv_put(r->csv, g->cf2_code, err), err);
	put(r, es_csv_end_row(r->csv, err), err);
}

static void
record_payment(run *r, const es_f24_g1 *g, const es_f24_g1_state *st, const char *id, const char *ref)
{
	es_payment p;
	es_payment_outcome oc;
	es_err err;
	char *detail;

	detail = g_strdup_printf("debit=%lld;credit=%lld;acconto_saldo=%s;ravvedimento=%d;"
	                         "immobili_variati=%d;num_immobili=%d;detrazione=%lld;cf_error=%c;"
	                         "tributo_error=%c;anno_error=%c;tipo_imposta=%c;ente=%s;tipo_ente=%c",
	                         (long long)g->debito, (long long)g->credito, es_f24_g1_instalment_kind(g),
	                         g->ravvedimento, g->immobili_variati, g->num_immobili,
	                         (long long)g->detrazione, g->cf_error, g->tributo_error, g->anno_error,
	                         g->tipo_imposta, g->ente, g->tipo_ente);
	memset(&p, 0, sizeof p);
	p.payment_id = id;
	p.source = "F24";
	p.source_ref = ref;
	p.tax_code = g->cf;
	p.tax = st->tax;
	p.year = g->anno;
	p.tributo = g->tributo;
	p.paid_on = g->riscossione;
	p.credited_on = st->credited_on;
	p.amount = es_f24_g1_net(g);
	p.status = st->cancelled ? ES_PAYMENT_CANCELLED : ES_PAYMENT_VALID;
	p.status_on = st->status_on;
	p.belfiore = g->belfiore;
	p.operation_id = g->operation_id;
	p.installment = g->rateazione;
	p.detail = detail;
	es_err_clear(&err);
	if (es_store_payment_insert(r->payments, &p, &oc, &err) != ES_OK) {
		g_free(detail);
		fail(r, &err);
	}
	g_free(detail);
	if (oc == ES_PAYMENT_INSERTED)
		r->inserted++;
	else if (oc == ES_PAYMENT_EXISTS)
		r->existing++;
	else {
		r->conflicts++;
		es_f24_recon_add_diff(r->recon, "ledger", p.amount, ref, NULL, "%s", err.msg);
	}
	/* A G9 of this run applied to a row recorded by an earlier run. */
	if (oc != ES_PAYMENT_INSERTED && st->g9_applied > 0) {
		bool changed;

		if (es_store_payment_set_status(r->payments, id, p.status, st->status_on, &changed, &err) != ES_OK)
			fail(r, &err);
		if (changed)
			r->status_changes++;
	}
}

static void
pass2(run *r, input *in)
{
	es_f24_record rec;
	es_f24_g1_state st;
	char id[ES_F24_ID_BUFSZ], ref[1024];
	es_err err;
	es_in *f;
	char *line;
	size_t len;
	uint64_t n = 0;
	es_rc rc;

	f = es_in_open(in->path, &err);
	if (f == NULL) {
		es_err_prefix(&err, "%s", in->name);
		fail(r, &err);
	}
	while ((rc = es_in_getline(f, &line, &len, 0, &err)) == ES_OK) {
		n++;
		if (len < 2 || line[0] != 'G' || line[1] != '1')
			continue;
		if (es_f24_parse(r->parser, line, len, &rec, &err) != ES_OK)
			continue;        /* rejected in pass 1 */
		es_f24_recon_g1(r->recon, &rec.u.g1, in->name, n, &st, &err);
		{
			/* file:record:delega/riga */
			size_t k = strlen(in->name);
			char *p;

			if (k > sizeof ref - 40)
				k = sizeof ref - 40;
			memcpy(ref, in->name, k);
			p = ref + k;
			*p++ = ':';
			p = udigits(p, (unsigned long)n, 1);
			*p++ = ':';
			p = udigits(p, (unsigned long)rec.u.g1.delega, 6);
			*p++ = '/';
			p = udigits(p, (unsigned long)rec.u.g1.riga, 2);
			*p = '\0';
		}
		if (st.duplicate) {
			char msg[512];

			snprintf(msg, sizeof msg, "G1 delivered again: same key as %s", st.first_ref);
			reject(r, in->name, n, line, len, msg);
			continue;
		}
		es_f24_payment_id(&rec.u.g1, id);
		write_row(r, &rec.u.g1, &st, id, ref, &err);
		if (r->payments != NULL)
			record_payment(r, &rec.u.g1, &st, id, ref);
	}
	es_in_close(f);
	if (rc != ES_EOF) {
		es_err_prefix(&err, "%s:%llu", in->name, (unsigned long long)(n + 1));
		fail(r, &err);
	}
}

/* ------------------------------------------------------ G9 and the ledger */

typedef struct g9_find {
	char want;                 /* status the payment must have: 'v' valid, 'c' cancelled */
	char id[ES_F24_ID_BUFSZ];
	int n;
} g9_find;

static bool
g9_found(void *ctx, const char *payment_id, const char *status)
{
	g9_find *f = ctx;

	if ((f->want == 'v') != (strcmp(status, ES_PAYMENT_VALID) == 0))
		return true;
	g_strlcpy(f->id, payment_id, sizeof f->id);
	f->n++;
	return false;
}

static void
resolve_g9(run *r)
{
	size_t i, n = es_f24_recon_n_unmatched_g9(r->recon);
	es_err err;

	for (i = 0; i < n; i++) {
		es_f24_g9_ref *ref = es_f24_recon_unmatched_g9(r->recon, i);
		const es_f24_g9 *g = &ref->g9;
		char prefix[ES_F24_ID_BUFSZ], where[1024], m[ES_MONEY_BUFSZ];
		g9_find f;

		snprintf(where, sizeof where, "%s:%llu (G9)", ref->file, (unsigned long long)ref->line);
		if (r->payments != NULL) {
			es_payment key;
			bool changed;

			memset(&key, 0, sizeof key);
			memset(&f, 0, sizeof f);
			f.want = g->tipo_operazione == 'A' ? 'v' : 'c';
			key.source = "F24";
			key.tax_code = g->cf;
			key.tributo = g->tributo;
			key.year = g->anno;
			key.paid_on = g->riscossione;
			key.amount = g->debito - g->credito;
			key.payment_id = es_f24_g9_id_prefix(g, prefix);
			if (es_store_payment_find(r->payments, &key, true, g9_found, &f, &err) != ES_OK ||
			    (f.n > 0 && es_store_payment_set_status(r->payments, f.id,
			                                            f.want == 'v' ? ES_PAYMENT_CANCELLED : ES_PAYMENT_VALID,
			                                            g->data_operazione, &changed, &err) != ES_OK))
				fail(r, &err);
			if (f.n > 0) {
				ref->resolved = true;
				r->status_changes++;
				es_warn("%s: %s of ledger payment %s", where,
				        g->tipo_operazione == 'A' ? "cancellation" : "restoration", f.id);
				continue;
			}
		}
		es_f24_recon_add_diff(r->recon, "g9", g->debito - g->credito, where, NULL,
		                      "G9 %s of %s (CF %s, tributo %s, anno %d, paid %s) matches no payment%s",
		                      g->tipo_operazione == 'A' ? "annullamento" : "ripristino",
		                      es_money_format(g->debito - g->credito, ES_MONEY_PLAIN, m), g->cf,
		                      g->tributo, g->anno, es_date_format(g->riscossione, (char[ES_DATE_BUFSZ]){0}),
		                      r->payments != NULL ? " of the input or the ledger" : " of the input");
	}
}

/* --------------------------------------------------------------- summary */

static const char *const sum_columns[] = {
	"kind", "data_ripartizione", "prog_ripartizione", "tipo_imposta", "data_fornitura",
	"prog_fornitura", "g1_rows", "g1_debit", "g1_credit", "g1_net", "state_share",
	"province_share", "g3_recovered", "g4_advanced", "expected", "g2_municipality", "g2_ifel",
	"ifel_expected", "credited", "g5_accredited", "g5_rejected", "g5_returned", "cancelled",
	"difference", "status", "message", "records",
};

static void
write_summary(run *r, const char *path)
{
	es_csv_writer *w;
	es_out *out;
	es_err err;
	size_t i, j;

#define S(x) do { if ((x) != ES_OK) fail(r, &err); } while (0)
	if ((out = es_out_open(path, &err)) == NULL || (w = es_csv_writer_new(out, &r->wopts, &err)) == NULL)
		fail(r, &err);
	S(es_csv_put_row(w, sum_columns, ES_ARRAY_LEN(sum_columns), &err));
	for (i = 0; i < es_f24_recon_nblocks(r->recon); i++) {
		const es_f24_block *b = es_f24_recon_block(r->recon, i);
		const es_cents m[] = {
			b->g1_debit, b->g1_credit, b->g1_net, b->state_share, b->province_share,
			b->g3_recovered, b->g4_advanced, b->expected, b->g2_municipality, b->g2_ifel,
			b->ifel_expected, b->credited, b->g5_accredited, b->g5_rejected, b->g5_returned,
			b->cancelled, b->difference,
		};
		char t[2] = {b->tipo_imposta, '\0'};

		S(es_csv_put(w, "block", &err));
		S(es_csv_put_date(w, b->ripartizione, &err));
		S(es_csv_put_int(w, b->prog_ripartizione, &err));
		S(es_csv_put(w, t, &err));
		S(es_csv_put_date(w, b->fornitura, &err));
		if (b->fornitura != ES_DATE_NONE)
			S(es_csv_put_int(w, b->prog_fornitura, &err));
		else
			S(es_csv_put(w, "", &err));
		S(es_csv_put_int(w, (int64_t)b->g1_rows, &err));
		for (j = 0; j < ES_ARRAY_LEN(m); j++)
			S(es_csv_put_money(w, m[j], &err));
		S(es_csv_put(w, b->ok ? "ok" : "DIFF", &err));
		S(es_csv_put(w, "", &err));
		S(es_csv_put(w, b->records, &err));
		S(es_csv_end_row(w, &err));
	}
	for (i = 0; i < es_f24_recon_ndiffs(r->recon); i++) {
		const es_f24_diff *d = es_f24_recon_diff(r->recon, i);
		char t[2] = {d->tipo_imposta == ' ' ? '\0' : d->tipo_imposta, '\0'};

		S(es_csv_put(w, d->kind, &err));
		S(es_csv_put_date(w, d->ripartizione, &err));
		if (d->ripartizione != ES_DATE_NONE)
			S(es_csv_put_int(w, d->prog_ripartizione, &err));
		else
			S(es_csv_put(w, "", &err));
		S(es_csv_put(w, t, &err));
		for (j = 0; j < 19; j++)     /* fornitura .. cancelled */
			S(es_csv_put(w, "", &err));
		S(es_csv_put_money(w, d->amount, &err));
		S(es_csv_put(w, d->explained ? "note" : "DIFF", &err));
		S(es_csv_put(w, d->message, &err));
		S(es_csv_put(w, d->records, &err));
		S(es_csv_end_row(w, &err));
	}
	es_csv_writer_free(w);
	S(es_out_close(out, &err));
#undef S
}

static uint64_t
print_differences(run *r)
{
	es_f24_totals t;
	size_t i, nblocks = es_f24_recon_nblocks(r->recon), bad = 0;
	uint64_t unexplained = 0;
	char m1[ES_MONEY_BUFSZ], m2[ES_MONEY_BUFSZ], m3[ES_MONEY_BUFSZ];

	for (i = 0; i < es_f24_recon_ndiffs(r->recon); i++) {
		const es_f24_diff *d = es_f24_recon_diff(r->recon, i);

		if (!d->explained)
			unexplained++;
		if (d->explained)
			es_warn("note: %s: %s [%s]", d->kind, d->message, d->records);
		else
			es_warn("difference: %s: %s [%s]", d->kind, d->message, d->records);
	}
	for (i = 0; i < nblocks; i++)
		if (!es_f24_recon_block(r->recon, i)->ok)
			bad++;
	es_f24_recon_totals(r->recon, &t);
	es_warn("%llu flows: %llu payments, net %s, %llu cancelled (%s); credited %s",
	        (unsigned long long)t.flows, (unsigned long long)t.g1,
	        es_money_format(t.g1_net, ES_MONEY_PLAIN, m1), (unsigned long long)t.cancelled_rows,
	        es_money_format(t.cancelled, ES_MONEY_PLAIN, m2),
	        es_money_format(t.credited, ES_MONEY_PLAIN, m3));
	es_warn("%zu blocks checked, %zu with differences; %llu differences unexplained",
	        nblocks, bad, (unsigned long long)unexplained);
	if (r->ledger != NULL)
		es_warn("ledger: %llu payments recorded, %llu already there, %llu conflicting, "
		        "%llu earlier payments cancelled or restored",
		        (unsigned long long)r->inserted, (unsigned long long)r->existing,
		        (unsigned long long)r->conflicts, (unsigned long long)r->status_changes);
	return unexplained;
}

/* ----------------------------------------------------------------- main */

int
main(int argc, char **argv)
{
	const char *rejects_path = NULL, *summary_path = NULL, *db_opt = NULL, *db_path;
	run r;
	input *inputs;
	size_t ninputs, i, j;
	es_err err;
	int c, status;

	es_tool_init(argv[0]);
	memset(&r, 0, sizeof r);
	r.layout = ES_F24_NAME_WEBRED;
	while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
		switch (c) {
		case ES_OPT_DB: db_opt = optarg; break;
		case OPT_BELFIORE:
			if (strlen(optarg) != 4)
				es_tool_usage_error("--belfiore: '%s' is not a 4-character codice catastale", optarg);
			r.belfiore = optarg;
			break;
		case ES_OPT_REJECTS: rejects_path = optarg; break;
		case OPT_SUMMARY: summary_path = optarg; break;
		case OPT_NAME_LAYOUT:
			if (strcmp(optarg, "webred") == 0)
				r.layout = ES_F24_NAME_WEBRED;
			else if (strcmp(optarg, "tr4") == 0)
				r.layout = ES_F24_NAME_TR4;
			else
				es_tool_usage_error("--name-layout: '%s' is not webred or tr4", optarg);
			break;
		case ES_OPT_LOCALE: r.wopts.locale_it = es_tool_parse_locale(optarg); break;
		case ES_OPT_QUIET: es_diag_set_quiet(true); break;
		case ES_OPT_PROGRESS: es_tool_set_progress(1); break;
		case ES_OPT_HELP: usage(stdout, ES_EXIT_OK);
		case ES_OPT_VERSION: es_tool_version(); return es_tool_finish(ES_EXIT_OK);
		default: usage(stderr, ES_EXIT_USAGE);
		}
	}
	db_path = es_tool_db_path(db_opt);

	ninputs = optind < argc ? (size_t)(argc - optind) : 1;
	inputs = g_new0(input, ninputs);
	for (i = 0; i < ninputs; i++) {
		inputs[i].name = optind < argc ? argv[optind + i] : "-";
		inputs[i].supplies = g_ptr_array_new_with_free_func(g_free);
		if (strcmp(inputs[i].name, "-") == 0) {
			if (r.spool != NULL)
				es_tool_usage_error("standard input named twice");
			r.spool = spool_stdin();
			inputs[i].path = r.spool;
		} else
			inputs[i].path = inputs[i].name;
	}

	if ((r.codes = es_f24_codes_load(&err)) == NULL ||
	    (r.parser = es_f24_parser_new(r.layout, &err)) == NULL ||
	    (r.recon = es_f24_recon_new(r.codes, r.belfiore, &err)) == NULL ||
	    (r.rejects = es_rejects_open(rejects_path, &err)) == NULL)
		goto fail;

	for (i = 0; i < ninputs; i++)
		pass1(&r, &inputs[i]);
	if (r.layout_votes[r.layout == ES_F24_NAME_WEBRED ? ES_F24_NAME_TR4 : ES_F24_NAME_WEBRED] >
	    r.layout_votes[r.layout])
		es_warn("%llu G1 records look like the %s name layout (positions 188-203 %s); "
		        "see --name-layout",
		        (unsigned long long)r.layout_votes[r.layout == ES_F24_NAME_WEBRED],
		        r.layout == ES_F24_NAME_WEBRED ? "tr4" : "webred",
		        r.layout == ES_F24_NAME_WEBRED ? "hold a codice fiscale" : "hold name text");

	if (db_path != NULL) {
		if ((r.ledger = es_ledger_open(db_path, ES_LEDGER_WRITE, &err)) == NULL ||
		    es_ledger_run_begin(r.ledger, "f24-reconcile", argc, argv, &err) != ES_OK)
			goto fail;
		if ((r.payments = es_store_payment_open(r.ledger, &err)) == NULL)
			goto fail;
		for (i = 0; i < ninputs; i++) {
			const char *hash;

			if (es_ledger_run_input(r.ledger, inputs[i].path, &err) != ES_OK)
				goto fail;
			hash = es_ledger_last_input_hash(r.ledger);
			for (j = 0; j < inputs[i].supplies->len; j++) {
				const char *k = g_ptr_array_index(inputs[i].supplies, j);
				bool seen, same;

				if (es_store_payment_supply_seen(r.payments, "F24", k, hash, &seen, &same, &err) != ES_OK)
					goto fail;
				if (seen && same)
					es_warn("%s: supply %s already imported: nothing new will be recorded",
					        inputs[i].name, k);
				else if (seen)
					es_warn("%s: supply %s was imported before with different content: "
					        "only new rows are recorded", inputs[i].name, k);
				if (es_store_payment_supply_record(r.payments, "F24", k, hash,
				                                   inputs[i].records, &err) != ES_OK)
					goto fail;
			}
		}
	}

	if ((r.out = es_out_open("-", &err)) == NULL || (r.csv = es_csv_writer_new(r.out, &r.wopts, &err)) == NULL)
		goto fail;
	if (es_csv_put_row(r.csv, columns, ES_ARRAY_LEN(columns), &err) != ES_OK)
		goto fail;
	for (i = 0; i < ninputs; i++)
		pass2(&r, &inputs[i]);
	es_f24_recon_finish(r.recon, &err);
	resolve_g9(&r);
	es_csv_writer_free(r.csv);
	if (es_out_close(r.out, &err) != ES_OK)
		goto fail;
	if (summary_path != NULL)
		write_summary(&r, summary_path);
	print_differences(&r);
	r.sum.written = r.sum.read - r.sum.rejected;
	if (es_rejects_close(r.rejects, &err) != ES_OK) {
		r.rejects = NULL;
		goto fail;
	}
	r.rejects = NULL;
	if (r.ledger != NULL) {
		es_store_payment_close(r.payments);
		r.payments = NULL;
		if (es_ledger_run_commit(r.ledger, r.sum.read, r.sum.written, r.sum.rejected, &err) != ES_OK)
			goto fail;
		es_ledger_close(r.ledger);
	}
	es_summary_print(&r.sum);
	status = es_summary_exit_status(&r.sum);
	es_f24_recon_free(r.recon);
	es_f24_codes_free(r.codes);
	es_f24_parser_free(r.parser);
	if (r.spool != NULL)
		unlink(r.spool);
	for (i = 0; i < ninputs; i++)
		g_ptr_array_free(inputs[i].supplies, TRUE);
	g_free(inputs);
	g_free(r.spool);
	return es_tool_finish(status);

fail:
	fail(&r, &err);
}
