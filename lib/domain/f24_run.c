/* f24_run.c: one f24-reconcile run: the supplies read twice, the payments
 * stream, the ledger and the reconciliation's report (f24_run.h). */
#include "es_setup.h"

#include <errno.h>
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/f24_run.h"
#include "io/stream.h"
#include "store/payments.h"

typedef struct input {
	char *name;                /* as given, for messages and source_ref */
	const char *path;          /* what to open (the spool for standard input) */
	GPtrArray *supplies;       /* char* supply keys found in the file */
	uint64_t records;          /* non-blank lines */
	uint64_t g1;               /* G1 records read (payments to record) */
} input;

struct es_f24_run {
	es_f24_parser *parser;
	es_f24_codes *codes;
	es_f24_recon *recon;
	es_rejects *rejects;
	es_ledger *ledger;
	es_payment_store *payments;
	es_f24_name_layout layout;
	es_warn_fn warn;
	es_progress_fn progress;
	void *ctx;
	input *inputs;
	size_t ninputs;
	uint64_t layout_votes[2];
	char *spool;
	es_f24_run_stats st;
};

static es_rc resolve_g9(es_f24_run *r, es_err *err);

/* A warning through the run's callback. */
/* The longest line read as a record: an F24 record has 300 characters; a
 * longer line is taken with its tail ignored (rec.long_line), up to this
 * (the reject message in pass1 says it). */
#define F24_MAX_LINE 65536

#define WARN(r, ...) es_warn_call((r)->warn, (r)->ctx, __VA_ARGS__)

#define PUT(x) do { es_rc put_rc_ = (x); if (put_rc_ != ES_OK) return put_rc_; } while (0)

static char *
to_utf8(const char *s, size_t n)
{
	char *u = g_convert(s, (gssize)n, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);

	return u != NULL ? u : g_strndup(s, n);
}


static es_rc
reject(es_f24_run *r, const char *file, uint64_t line, const char *raw, size_t len, const char *msg, es_err *err)
{
	char *u = to_utf8(raw, len);
	const char *fields[1] = {u};
	es_rc rc;

	rc = es_rejects_add(r->rejects, file, line, msg, NULL, 0, fields, 1, err);
	g_free(u);
	r->st.sum.rejected++;
	return rc;
}

/* ------------------------------------------------------------------ state */

es_f24_run *
es_f24_run_new(es_f24_name_layout layout, const char *belfiore, es_rejects *rejects, es_warn_fn warn,
               es_progress_fn progress, void *ctx, es_err *err)
{
	es_f24_run *r = g_new0(es_f24_run, 1);

	r->layout = layout;
	r->rejects = rejects;
	r->warn = warn;
	r->progress = progress;
	r->ctx = ctx;
	if ((r->codes = es_f24_codes_load(err)) == NULL || (r->parser = es_f24_parser_new(layout, err)) == NULL ||
	    (r->recon = es_f24_recon_new(r->codes, belfiore, err)) == NULL) {
		es_f24_run_free(r);
		return NULL;
	}
	return r;
}

void
es_f24_run_close_store(es_f24_run *r)
{
	if (r->payments != NULL)
		es_store_payment_close(r->payments);
	r->payments = NULL;
}

void
es_f24_run_free(es_f24_run *r)
{
	size_t i;

	if (r == NULL)
		return;
	es_f24_run_close_store(r);
	es_f24_recon_free(r->recon);
	es_f24_codes_free(r->codes);
	es_f24_parser_free(r->parser);
	if (r->spool != NULL)
		unlink(r->spool);
	for (i = 0; i < r->ninputs; i++) {
		g_ptr_array_free(r->inputs[i].supplies, TRUE);
		g_free(r->inputs[i].name);
	}
	g_free(r->inputs);
	g_free(r->spool);
	g_free(r);
}

const es_f24_run_stats *
es_f24_run_stats_of(const es_f24_run *r)
{
	return &r->st;
}

const es_f24_recon *
es_f24_run_recon(const es_f24_run *r)
{
	return r->recon;
}

/* Copy standard input to a private temporary file: two passes read it. */
static char *
spool_stdin(es_err *err)
{
	const char *dir = getenv("TMPDIR");
	char *path = g_strdup_printf("%s/f24-reconcile.XXXXXX", dir && *dir ? dir : "/tmp");
	char buf[65536];
	es_in *in;
	FILE *fp;
	ptrdiff_t n;
	bool bad;
	int fd, e;

	fd = mkstemp(path);
	if (fd < 0) {
		es_err_set(err, ES_EIO, "cannot create a temporary file in %s: %s", dir ? dir : "/tmp", strerror(errno));
		g_free(path);
		return NULL;
	}
	fp = fdopen(fd, "wb");
	e = errno;
	in = es_in_open("-", err);
	if (fp == NULL || in == NULL) {
		unlink(path);
		if (in == NULL) {
			if (fp != NULL)
				fclose(fp);
			else
				close(fd);
		} else {
			es_err_set(err, ES_EIO, "%s: %s", path, strerror(e));
			es_in_close(in);
			close(fd);
		}
		g_free(path);
		return NULL;
	}
	/* es_in decompresses: the spool holds plain records. */
	while ((n = es_in_read(in, buf, sizeof buf, err)) > 0)
		if (fwrite(buf, 1, (size_t)n, fp) != (size_t)n)
			break;
	bad = n < 0 || ferror(fp);
	e = errno;
	if (fclose(fp) != 0 && !bad) {
		bad = true;
		e = errno;
	}
	if (bad) {
		unlink(path);
		if (n >= 0)
			es_err_set(err, ES_EIO, "%s: %s", path, strerror(e));
		es_in_close(in);
		g_free(path);
		return NULL;
	}
	es_in_close(in);
	return path;
}

es_rc
es_f24_run_add_input(es_f24_run *r, const char *name, es_err *err)
{
	input *in;

	if (strcmp(name, "-") == 0 && r->spool != NULL)
		return es_err_set(err, ES_ECONFIG, "standard input named twice");
	r->inputs = g_renew(input, r->inputs, r->ninputs + 1);
	in = &r->inputs[r->ninputs++];
	memset(in, 0, sizeof *in);
	in->name = g_strdup(name);
	in->supplies = g_ptr_array_new_with_free_func(g_free);
	if (strcmp(name, "-") == 0) {
		if ((r->spool = spool_stdin(err)) == NULL)
			return err->rc;
		in->path = r->spool;
	} else
		in->path = in->name;
	return ES_OK;
}

/* ------------------------------------------------------------------ pass 1 */

/* Each pass reads each input from its start; a read error names the
 * input's line. */
static es_in *
open_input(const input *in, es_err *err)
{
	es_in *f = es_in_open(in->path, err);

	if (f == NULL && strcmp(in->path, in->name) != 0)     /* the spool of stdin */
		es_err_prefix(err, "%s", in->name);
	return f;
}

static es_rc
end_input(es_in *f, const input *in, es_rc rc, uint64_t n, es_err *err)
{
	es_in_close(f);
	if (rc != ES_EOF)
		return es_err_prefix(err, "%s:%llu", in->name, (unsigned long long)(n + 1));
	return ES_OK;
}

static void
supply_key(input *in, const es_f24_z1 *z)
{
	char d[9];

	g_ptr_array_add(in->supplies, g_strdup_printf("%s-%s-%02d", z->belfiore,
	                                              es_f24_date_compact(z->fornitura, d), z->prog_fornitura));
}

static es_rc
pass1(es_f24_run *r, input *in, es_err *err)
{
	es_f24_record rec;
	es_err e;
	es_in *f;
	char *line;
	size_t len;
	uint64_t n = 0;
	es_rc rc;

	if ((f = open_input(in, err)) == NULL)
		return err->rc;
	while ((rc = es_in_getline(f, &line, &len, F24_MAX_LINE, err)) == ES_OK || rc == ES_EDATA) {
		n++;
		if (rc == ES_EDATA) {
			/* An absurdly long line: one rejected record, not the end of
			 * the run; es_in skips the rest of it without keeping it. */
			r->st.sum.read++;
			in->records++;
			if ((rc = reject(r, in->name, n, "", 0,
			                 "line longer than 65536 characters: not an F24 record (300 characters)",
			                 err)) != ES_OK) {
				es_in_close(f);
				return rc;
			}
			es_f24_recon_rejected(r->recon, ES_F24_UNKNOWN);
			continue;
		}
		if (es_f24_blank_line(line, len))
			continue;
		r->st.sum.read++;
		in->records++;
		if (r->progress != NULL)
			r->progress(r->ctx, r->st.sum.read);
		rc = es_f24_parse(r->parser, line, len, &rec, &e);
		if (rc == ES_EDATA) {
			if ((rc = reject(r, in->name, n, line, len, e.msg, err)) != ES_OK) {
				es_in_close(f);
				return rc;
			}
			es_f24_recon_rejected(r->recon, rec.type);
			continue;
		}
		if (rc != ES_OK) {
			*err = e;
			break;
		}
		if (rec.padded) {
			r->st.padded++;
			WARN(r, in->name, n, "%s record of %zu characters padded to %d with spaces",
			     es_f24_type_name(rec.type), len, ES_F24_RECLEN);
		}
		if (rec.long_line) {
			r->st.long_lines++;
			WARN(r, in->name, n, "%s record of %zu characters: characters after %d ignored",
			     es_f24_type_name(rec.type), len, ES_F24_RECLEN);
		}
		if (rec.type == ES_F24_G1) {
			int g = es_f24_guess_name_layout(line, len);

			if (g >= 0)
				r->layout_votes[g]++;
		}
		if (rec.type == ES_F24_Z1)
			supply_key(in, &rec.u.z1);
		if (rec.type == ES_F24_G1)
			in->g1++;
		es_f24_recon_add(r->recon, &rec, in->name, n, &e);
	}
	if ((rc = end_input(f, in, rc, n, err)) != ES_OK)
		return rc;
	es_f24_recon_end_file(r->recon, in->name, n, &e);
	return ES_OK;
}


es_rc
es_f24_run_scan(es_f24_run *r, es_err *err)
{
	size_t i;
	es_rc rc;

	for (i = 0; i < r->ninputs; i++)
		if ((rc = pass1(r, &r->inputs[i], err)) != ES_OK)
			return rc;
	if (r->layout_votes[r->layout == ES_F24_NAME_WEBRED ? ES_F24_NAME_TR4 : ES_F24_NAME_WEBRED] >
	    r->layout_votes[r->layout])
		WARN(r, NULL, 0, "%llu G1 records look like the %s name layout (positions 188-203 %s); "
		     "see --name-layout",
		     (unsigned long long)r->layout_votes[r->layout == ES_F24_NAME_WEBRED],
		     r->layout == ES_F24_NAME_WEBRED ? "tr4" : "webred",
		     r->layout == ES_F24_NAME_WEBRED ? "hold a codice fiscale" : "hold name text");
	return ES_OK;
}

es_rc
es_f24_run_record_supplies(es_f24_run *r, es_ledger *ledger, es_err *err)
{
	uint64_t fresh = 0;        /* G1 records of supplies not imported before */
	size_t i, j;

	r->ledger = ledger;
	if ((r->payments = es_store_payment_open(ledger, err)) == NULL)
		return err->rc;
	for (i = 0; i < r->ninputs; i++) {
		const input *in = &r->inputs[i];
		const char *hash;
		bool known = in->supplies->len > 0;

		if (es_ledger_run_input(ledger, in->path, err) != ES_OK)
			return err->rc;
		hash = es_ledger_last_input_hash(ledger);
		for (j = 0; j < in->supplies->len; j++) {
			const char *k = g_ptr_array_index(in->supplies, j);
			bool seen, same;

			if (es_store_payment_supply_seen(r->payments, "F24", k, hash, &seen, &same, err) != ES_OK)
				return err->rc;
			if (seen && same)
				WARN(r, NULL, 0, "%s: supply %s already imported: nothing new will be recorded", in->name, k);
			else if (seen)
				WARN(r, NULL, 0, "%s: supply %s was imported before with different content: "
				     "only new rows are recorded", in->name, k);
			if (!(seen && same))
				known = false;
			if (es_store_payment_supply_record(r->payments, "F24", k, hash, in->records, err) != ES_OK)
				return err->rc;
		}
		if (!known)
			fresh += in->g1;
	}
	/* A first import of a large supply: the payments' index on tax code
	 * is built again after pass 2 rather than filled row by row
	 * (es_f24_run_write). */
	return es_store_payment_bulk_begin(r->payments, fresh, NULL, err);
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


static es_rc
put_date(es_csv_writer *w, es_date d, es_err *err)
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
	return es_csv_put(w, buf, err);
}

static es_rc
put_uint(es_csv_writer *w, unsigned long v, int width, es_err *err)
{
	char buf[24];

	*udigits(buf, v, width) = '\0';
	return es_csv_put(w, buf, err);
}

static es_rc
put_char(es_csv_writer *w, char c, es_err *err)
{
	char s[2] = {c == ' ' ? '\0' : c, '\0'};

	return es_csv_put(w, s, err);
}

static es_rc
write_row(es_csv_writer *w, const es_f24_g1 *g, const es_f24_g1_state *st, const char *id, const char *ref,
          es_err *err)
{
	PUT(es_csv_put(w, id, err));
	PUT(es_csv_put(w, "F24", err));
	PUT(es_csv_put(w, ref, err));
	PUT(es_csv_put(w, g->cf, err));
	PUT(es_csv_put(w, st->tax, err));
	PUT(put_uint(w, (unsigned long)(g->anno), 1, err));
	PUT(es_csv_put(w, g->tributo, err));
	PUT(es_csv_put(w, "", err));                    /* notice_number */
	PUT(es_csv_put(w, "", err));                    /* iuv */
	PUT(put_date(w, g->riscossione, err));
	PUT(put_date(w, st->credited_on, err));
	PUT(es_csv_put_money(w, es_f24_g1_net(g), err));
	PUT(es_csv_put(w, st->cancelled ? ES_PAYMENT_CANCELLED : ES_PAYMENT_VALID, err));
	PUT(put_date(w, st->status_on, err));
	PUT(es_csv_put(w, st->code ? st->code->kind : "", err));
	PUT(es_csv_put_money(w, g->debito, err));
	PUT(es_csv_put_money(w, g->credito, err));
	PUT(es_csv_put(w, es_f24_g1_instalment_kind(g), err));
	PUT(put_uint(w, (unsigned long)(g->ravvedimento), 1, err));
	PUT(put_uint(w, (unsigned long)(g->immobili_variati), 1, err));
	PUT(put_uint(w, (unsigned long)(g->num_immobili), 1, err));
	PUT(es_csv_put(w, g->rateazione, err));
	PUT(es_csv_put_money(w, g->detrazione, err));
	PUT(es_csv_put(w, g->operation_id, err));
	PUT(es_csv_put(w, g->belfiore, err));
	PUT(es_csv_put(w, st->expected_belfiore == NULL ? "" : st->wrong_belfiore ? "0" : "1", err));
	PUT(put_char(w, g->cf_error, err));
	PUT(put_char(w, g->tributo_error, err));
	PUT(put_char(w, g->anno_error, err));
	PUT(put_char(w, g->tipo_imposta, err));
	PUT(put_char(w, g->tipo_ente, err));
	PUT(es_csv_put(w, g->ente, err));
	PUT(es_csv_put(w, g->cab, err));
	PUT(put_date(w, g->key.ripartizione, err));
	PUT(put_uint(w, (unsigned long)(g->key.prog_ripartizione), 1, err));
	PUT(put_date(w, g->key.bonifico, err));
	PUT(put_date(w, g->key.fornitura, err));
	PUT(put_uint(w, (unsigned long)(g->key.prog_fornitura), 1, err));
	PUT(put_uint(w, (unsigned long)g->delega, 6, err));
	PUT(put_uint(w, (unsigned long)g->riga, 2, err));
	PUT(es_csv_put(w, g->surname, err));
	PUT(es_csv_put(w, g->first_name, err));
	PUT(es_csv_put(w, g->cf_orig, err));
	PUT(es_csv_put(w, g->cf2, err));
	PUT(es_csv_put(w, g->cf2_code, err));
	PUT(es_csv_end_row(w, err));
	return ES_OK;
}

/* The detail column of a payment: "key=value;..." of the G1 fields the
 * payments table has no column for.  Built by hand (the same text as
 * printf's %lld, %d, %c and %s) rather than with g_strdup_printf: one a
 * payment, millions a supply.  buf holds DETAIL_BUFSZ bytes. */
#define DETAIL_BUFSZ 512

static char *
put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

static char *
put_int(char *p, long long v)
{
	if (v < 0) {
		*p++ = '-';
		return udigits(p, 0UL - (unsigned long)v, 1);
	}
	return udigits(p, (unsigned long)v, 1);
}

static const char *
payment_detail(const es_f24_g1 *g, char *buf)
{
	char *p = buf;

	p = put_int(put_str(p, "debit="), (long long)g->debito);
	p = put_int(put_str(p, ";credit="), (long long)g->credito);
	p = put_str(put_str(p, ";acconto_saldo="), es_f24_g1_instalment_kind(g));
	p = put_int(put_str(p, ";ravvedimento="), g->ravvedimento);
	p = put_int(put_str(p, ";immobili_variati="), g->immobili_variati);
	p = put_int(put_str(p, ";num_immobili="), g->num_immobili);
	p = put_int(put_str(p, ";detrazione="), (long long)g->detrazione);
	p = put_str(p, ";cf_error=");
	*p++ = g->cf_error;
	p = put_str(p, ";tributo_error=");
	*p++ = g->tributo_error;
	p = put_str(p, ";anno_error=");
	*p++ = g->anno_error;
	p = put_str(p, ";tipo_imposta=");
	*p++ = g->tipo_imposta;
	p = put_str(put_str(p, ";ente="), g->ente);
	p = put_str(p, ";tipo_ente=");
	*p++ = g->tipo_ente;
	*p = '\0';
	return buf;
}

static es_rc
record_payment(es_f24_run *r, const es_f24_g1 *g, const es_f24_g1_state *st, const char *id, const char *ref,
               es_err *out)
{
	es_payment p;
	es_payment_outcome oc;
	es_err err;
	char detail[DETAIL_BUFSZ];

	payment_detail(g, detail);
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
		*out = err;
		return err.rc;
	}
	if (oc == ES_PAYMENT_INSERTED)
		r->st.inserted++;
	else if (oc == ES_PAYMENT_EXISTS)
		r->st.existing++;
	else {
		r->st.conflicts++;
		es_f24_recon_add_diff(r->recon, "ledger", p.amount, ref, NULL, "%s", err.msg);
	}
	/* A G9 of this run applied to a row recorded by an earlier run. */
	if (oc != ES_PAYMENT_INSERTED && st->g9_applied > 0) {
		bool changed;

		if (es_store_payment_set_status(r->payments, id, p.status, st->status_on, &changed, out) != ES_OK)
			return out->rc;
		if (changed)
			r->st.status_changes++;
	}
	return ES_OK;
}

static es_rc
pass2(es_f24_run *r, es_csv_writer *w, input *in, es_err *err)
{
	es_f24_record rec;
	es_f24_g1_state st;
	char id[ES_F24_ID_BUFSZ], ref[1024];
	es_err e;
	es_in *f;
	char *line;
	size_t len;
	uint64_t n = 0;
	es_rc rc;

	if ((f = open_input(in, err)) == NULL)
		return err->rc;
	while ((rc = es_in_getline(f, &line, &len, F24_MAX_LINE, err)) == ES_OK || rc == ES_EDATA) {
		n++;
		if (rc == ES_EDATA || len < 2 || line[0] != 'G' || line[1] != '1')
			continue;        /* an over-long line was rejected in pass 1 */
		if (es_f24_parse(r->parser, line, len, &rec, &e) != ES_OK)
			continue;        /* rejected in pass 1 */
		es_f24_recon_g1(r->recon, &rec.u.g1, in->name, n, &st, &e);
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
			if ((rc = reject(r, in->name, n, line, len, msg, err)) != ES_OK) {
				es_in_close(f);
				return rc;
			}
			continue;
		}
		es_f24_payment_id(&rec.u.g1, id);
		if ((rc = write_row(w, &rec.u.g1, &st, id, ref, err)) != ES_OK ||
		    (r->payments != NULL && (rc = record_payment(r, &rec.u.g1, &st, id, ref, err)) != ES_OK)) {
			es_in_close(f);
			return rc;
		}
	}
	return end_input(f, in, rc, n, err);
}


es_rc
es_f24_run_write(es_f24_run *r, es_csv_writer *w, es_err *err)
{
	size_t i;
	es_rc rc;

	if ((rc = es_csv_put_row(w, columns, ES_ARRAY_LEN(columns), err)) != ES_OK)
		return rc;
	for (i = 0; i < r->ninputs; i++)
		if ((rc = pass2(r, w, &r->inputs[i], err)) != ES_OK)
			return rc;
	es_f24_recon_finish(r->recon, err);
	/* The index dropped for the bulk load, back before the G9 look
	 * payments up by tax code (and before the run can commit). */
	if (r->payments != NULL && (rc = es_store_payment_bulk_end(r->payments, err)) != ES_OK)
		return rc;
	return resolve_g9(r, err);
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

static es_rc
resolve_g9(es_f24_run *r, es_err *err)
{
	size_t i, n = es_f24_recon_n_unmatched_g9(r->recon);

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
			if (es_store_payment_find(r->payments, &key, true, g9_found, &f, err) != ES_OK ||
			    (f.n > 0 && es_store_payment_set_status(r->payments, f.id,
			                                            f.want == 'v' ? ES_PAYMENT_CANCELLED : ES_PAYMENT_VALID,
			                                            g->data_operazione, &changed, err) != ES_OK))
				return err->rc;
			if (f.n > 0) {
				ref->resolved = true;
				r->st.status_changes++;
				WARN(r, NULL, 0, "%s: %s of ledger payment %s", where,
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
	return ES_OK;
}

/* --------------------------------------------------------------- summary */

static const char *const sum_columns[] = {
	"kind", "data_ripartizione", "prog_ripartizione", "tipo_imposta", "data_fornitura",
	"prog_fornitura", "g1_rows", "g1_debit", "g1_credit", "g1_net", "state_share",
	"province_share", "g3_recovered", "g4_advanced", "expected", "g2_municipality", "g2_ifel",
	"ifel_expected", "credited", "g5_accredited", "g5_rejected", "g5_returned", "cancelled",
	"difference", "status", "message", "records",
};

es_rc
es_f24_run_write_summary(const es_f24_run *r, es_csv_writer *w, es_err *err)
{
	size_t i, j;

#define S(x) PUT(x)
	S(es_csv_put_row(w, sum_columns, ES_ARRAY_LEN(sum_columns), err));
	for (i = 0; i < es_f24_recon_nblocks(r->recon); i++) {
		const es_f24_block *b = es_f24_recon_block(r->recon, i);
		const es_cents m[] = {
			b->g1_debit, b->g1_credit, b->g1_net, b->state_share, b->province_share,
			b->g3_recovered, b->g4_advanced, b->expected, b->g2_municipality, b->g2_ifel,
			b->ifel_expected, b->credited, b->g5_accredited, b->g5_rejected, b->g5_returned,
			b->cancelled, b->difference,
		};
		char t[2] = {b->tipo_imposta, '\0'};

		S(es_csv_put(w, "block", err));
		S(es_csv_put_date(w, b->ripartizione, err));
		S(es_csv_put_int(w, b->prog_ripartizione, err));
		S(es_csv_put(w, t, err));
		S(es_csv_put_date(w, b->fornitura, err));
		if (b->fornitura != ES_DATE_NONE)
			S(es_csv_put_int(w, b->prog_fornitura, err));
		else
			S(es_csv_put(w, "", err));
		S(es_csv_put_int(w, (int64_t)b->g1_rows, err));
		for (j = 0; j < ES_ARRAY_LEN(m); j++)
			S(es_csv_put_money(w, m[j], err));
		S(es_csv_put(w, b->ok ? "ok" : "DIFF", err));
		S(es_csv_put(w, "", err));
		S(es_csv_put(w, b->records, err));
		S(es_csv_end_row(w, err));
	}
	for (i = 0; i < es_f24_recon_ndiffs(r->recon); i++) {
		const es_f24_diff *d = es_f24_recon_diff(r->recon, i);
		char t[2] = {d->tipo_imposta == ' ' ? '\0' : d->tipo_imposta, '\0'};

		S(es_csv_put(w, d->kind, err));
		S(es_csv_put_date(w, d->ripartizione, err));
		if (d->ripartizione != ES_DATE_NONE)
			S(es_csv_put_int(w, d->prog_ripartizione, err));
		else
			S(es_csv_put(w, "", err));
		S(es_csv_put(w, t, err));
		for (j = 0; j < 19; j++)     /* fornitura .. cancelled */
			S(es_csv_put(w, "", err));
		S(es_csv_put_money(w, d->amount, err));
		S(es_csv_put(w, d->explained ? "note" : "DIFF", err));
		S(es_csv_put(w, d->message, err));
		S(es_csv_put(w, d->records, err));
		S(es_csv_end_row(w, err));
	}
#undef S
	return ES_OK;
}

uint64_t
es_f24_run_report(const es_f24_run *r)
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
			WARN(r, NULL, 0, "note: %s: %s [%s]", d->kind, d->message, d->records);
		else
			WARN(r, NULL, 0, "difference: %s: %s [%s]", d->kind, d->message, d->records);
	}
	for (i = 0; i < nblocks; i++)
		if (!es_f24_recon_block(r->recon, i)->ok)
			bad++;
	es_f24_recon_totals(r->recon, &t);
	WARN(r, NULL, 0, "%llu flows: %llu payments, net %s, %llu cancelled (%s); credited %s",
	     (unsigned long long)t.flows, (unsigned long long)t.g1,
	     es_money_format(t.g1_net, ES_MONEY_PLAIN, m1), (unsigned long long)t.cancelled_rows,
	     es_money_format(t.cancelled, ES_MONEY_PLAIN, m2),
	     es_money_format(t.credited, ES_MONEY_PLAIN, m3));
	WARN(r, NULL, 0, "%zu blocks checked, %zu with differences; %llu differences unexplained",
	     nblocks, bad, (unsigned long long)unexplained);
	if (r->ledger != NULL)
		WARN(r, NULL, 0, "ledger: %llu payments recorded, %llu already there, %llu conflicting, "
		     "%llu earlier payments cancelled or restored",
		     (unsigned long long)r->st.inserted, (unsigned long long)r->st.existing,
		     (unsigned long long)r->st.conflicts, (unsigned long long)r->st.status_changes);
	return unexplained;
}

