/* fdr.c: streaming reader of the pagoPA FlussoRiversamento (see fdr.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/fdr.h"
#include "io/xml.h"

#define TEXT_BUFSZ 256

es_rc
es_fdr_parse_amount(const char *s, es_cents *out, es_err *err)
{
	const char *p = s, *dot;
	size_t digits;

	/* stImporto: \d+\.\d{2}; a leading '-' is tolerated (SACI 1.3.1 writes
	 * revocations as negative amounts, pagopa.md §4.1). */
	if (*p == '-' || *p == '+')
		p++;
	digits = strspn(p, "0123456789");
	dot = p + digits;
	if (digits == 0 || dot[0] != '.' || strspn(dot + 1, "0123456789") != 2 || dot[3] != '\0')
		return es_err_set(err, ES_EDATA, "amount '%s' is not of the form 123.45", s);
	return es_money_parse(s, ES_MONEY_PLAIN, out, err);
}

/* Append "a b" to the owned message *dst ("; "-separated). */
static es_rc
set_owned(char **dst, const char *a, const char *b)
{
	char buf[ES_ERR_MAX + 64];
	char *old = *dst, *s;

	if (old != NULL)
		snprintf(buf, sizeof buf, "%s; %s%s", old, a, b);
	else
		snprintf(buf, sizeof buf, "%s%s", a, b);
	s = strdup(buf);
	if (s == NULL)
		return ES_ENOMEM;
	free(old);
	*dst = s;
	return ES_OK;
}

static es_rc
item_error(es_fdr_item *it, const char *what, const char *detail)
{
	return set_owned(&it->error, what, detail);
}

static es_rc
copy_id(char *dst, const char *src, const char *field, es_xml *x, es_err *err)
{
	size_t n = strlen(src);

	if (n == 0 || n >= ES_FDR_ID_BUFSZ)
		return es_err_set(err, ES_EDATA, "%s: line %llu: %s must be 1 to 35 characters",
		                  es_xml_source(x), (unsigned long long)es_xml_line(x), field);
	memcpy(dst, src, n + 1);
	return ES_OK;
}

static es_rc
grow_items(es_fdr *f, es_err *err)
{
	es_fdr_item *n;
	size_t cap;

	if (f->nitems < f->cap)
		return ES_OK;
	cap = f->cap ? f->cap * 2 : 64;
	n = realloc(f->items, cap * sizeof *n);
	if (n == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	f->items = n;
	f->cap = cap;
	return ES_OK;
}

/* One <datiSingoliPagamenti> into it: the reader is on its start tag. */
static es_rc
read_item(es_xml *x, es_fdr *f, es_fdr_item *it, es_err *err)
{
	char text[TEXT_BUFSZ];
	int depth = es_xml_depth(x);
	bool have_amount = false, have_iuv = false, have_iur = false, have_date = false;
	es_err ierr;
	es_rc rc;

	f->nitems++;
	memset(it, 0, sizeof *it);
	it->esito = -1;
	it->date = ES_DATE_NONE;
	it->line = es_xml_line(x);
	if (es_xml_empty(x))
		return item_error(it, "empty datiSingoliPagamenti", "");
	while ((rc = es_xml_next(x, err)) == ES_OK) {
		const char *name;

		if (es_xml_kind_of(x) == ES_XML_END && es_xml_depth(x) == depth)
			break;
		if (es_xml_kind_of(x) != ES_XML_START)
			continue;
		name = es_xml_name(x);
		es_err_clear(&ierr);
		rc = es_xml_text(x, text, sizeof text, &ierr);
		if (rc != ES_OK && rc != ES_EDATA) {
			if (err != NULL)
				*err = ierr;
			return rc;
		}
		if (rc == ES_EDATA) {
			/* Text too long or nested elements: a broken item, not a broken flow. */
			if (item_error(it, ierr.msg, "") != ES_OK)
				return es_err_set(err, ES_ENOMEM, "out of memory");
			continue;
		}
		if (strcmp(name, "identificativoUnivocoVersamento") == 0) {
			if (strlen(text) == 0 || strlen(text) >= ES_FDR_ID_BUFSZ) {
				if (item_error(it, "bad identificativoUnivocoVersamento", "") != ES_OK)
					return es_err_set(err, ES_ENOMEM, "out of memory");
			} else {
				memcpy(it->iuv, text, strlen(text) + 1);
				have_iuv = true;
			}
		} else if (strcmp(name, "identificativoUnivocoRiscossione") == 0) {
			if (strlen(text) == 0 || strlen(text) >= ES_FDR_ID_BUFSZ) {
				if (item_error(it, "bad identificativoUnivocoRiscossione", "") != ES_OK)
					return es_err_set(err, ES_ENOMEM, "out of memory");
			} else {
				memcpy(it->iur, text, strlen(text) + 1);
				have_iur = true;
			}
		} else if (strcmp(name, "indiceDatiSingoloPagamento") == 0) {
			if (strlen(text) != 1 || text[0] < '1' || text[0] > '5') {
				if (item_error(it, "indiceDatiSingoloPagamento must be 1 to 5: ", text) != ES_OK)
					return es_err_set(err, ES_ENOMEM, "out of memory");
			} else {
				it->index = text[0] - '0';
			}
		} else if (strcmp(name, "singoloImportoPagato") == 0) {
			if (es_fdr_parse_amount(text, &it->amount, &ierr) != ES_OK) {
				if (item_error(it, "singoloImportoPagato: ", ierr.msg) != ES_OK)
					return es_err_set(err, ES_ENOMEM, "out of memory");
			} else {
				have_amount = true;
			}
		} else if (strcmp(name, "codiceEsitoSingoloPagamento") == 0) {
			if (strcmp(text, "0") == 0 || strcmp(text, "3") == 0 || strcmp(text, "4") == 0
			    || strcmp(text, "8") == 0 || strcmp(text, "9") == 0) {
				it->esito = text[0] - '0';
			} else {
				/* GovPay 007110: unknown outcome code. */
				if (item_error(it, "unknown codiceEsitoSingoloPagamento ", text) != ES_OK)
					return es_err_set(err, ES_ENOMEM, "out of memory");
			}
		} else if (strcmp(name, "dataEsitoSingoloPagamento") == 0) {
			if (es_date_parse(text, ES_DATE_ISO, &it->date, &ierr) != ES_OK
			    || it->date == ES_DATE_NONE) {
				if (item_error(it, "bad dataEsitoSingoloPagamento ", text) != ES_OK)
					return es_err_set(err, ES_ENOMEM, "out of memory");
			} else {
				have_date = true;
			}
		}
	}
	if (rc == ES_EOF)
		return es_err_set(err, ES_EDATA, "%s: unterminated datiSingoliPagamenti", f->source);
	if (rc != ES_OK)
		return rc;
	if (!have_iuv && item_error(it, "missing identificativoUnivocoVersamento", "") != ES_OK)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	if (!have_iur && item_error(it, "missing identificativoUnivocoRiscossione", "") != ES_OK)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	if (!have_amount && it->error == NULL && item_error(it, "missing singoloImportoPagato", "") != ES_OK)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	if (it->esito < 0 && it->error == NULL && item_error(it, "missing codiceEsitoSingoloPagamento", "") != ES_OK)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	if (!have_date && it->error == NULL && item_error(it, "missing dataEsitoSingoloPagamento", "") != ES_OK)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	/* A revocation takes money back: GovPay compares abs() (pagopa.md §7). */
	if (it->esito == ES_FDR_ESITO_REVOKED && it->amount > 0)
		it->amount = -it->amount;
	if (it->error == NULL) {
		/* Each amount is at most ES_CENTS_MAX: stopping at half the range
		 * keeps the sum (and check_totals' sum of absolute values) exact. */
		if (f->total_items > INT64_MAX / 2 || f->total_items < -(INT64_MAX / 2))
			return es_err_set(err, ES_EDATA, "%s: line %llu: the items add up to more than %lld euro: "
			                  "not a usable flow", f->source, (unsigned long long)it->line,
			                  (long long)(INT64_MAX / 200));
		f->total_items += it->amount;
	}
	return ES_OK;
}

/* GovPay 007115: the same (iuv, iur, indice) twice in one flow.  The
 * later occurrences are marked; the first in the file stays usable.  The
 * keys of one flow are kept while it is read (an exact set: one flow is
 * one SCT, bounded), then dropped. */
typedef struct keyset {
	char *buf;               /* "iuv\x1Fiur\x1Findex\0" keys, end to end */
	size_t len, cap;
	uint32_t *slot;          /* offset + 1 into buf, 0 = empty */
	size_t nslots, n;
} keyset;

static uint64_t
key_hash(const char *s, size_t n)
{
	uint64_t h = UINT64_C(0xCBF29CE484222325);

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * UINT64_C(0x100000001B3);
	return h ^ (h >> 29);
}

static bool
keyset_grow(keyset *k)
{
	size_t ncap = k->nslots ? k->nslots * 2 : 1024, i, j;
	uint32_t *ns = calloc(ncap, sizeof *ns);

	if (ns == NULL)
		return false;
	for (i = 0; i < k->nslots; i++) {
		const char *key;

		if (k->slot[i] == 0)
			continue;
		key = k->buf + k->slot[i] - 1;
		for (j = key_hash(key, strlen(key)) & (ncap - 1); ns[j] != 0; j = (j + 1) & (ncap - 1))
			;
		ns[j] = k->slot[i];
	}
	free(k->slot);
	k->slot = ns;
	k->nslots = ncap;
	return true;
}

/* Add the item's key: *dup tells whether it was there already. */
static es_rc
keyset_add(keyset *k, const es_fdr_item *it, bool *dup, es_err *err)
{
	char key[2 * ES_FDR_ID_BUFSZ + 16];
	int n = snprintf(key, sizeof key, "%s\x1F%s\x1F%d", it->iuv, it->iur, it->index);
	size_t j;

	*dup = false;
	if ((k->n + 1) * 4 > k->nslots * 3 && !keyset_grow(k))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	for (j = key_hash(key, (size_t)n) & (k->nslots - 1); k->slot[j] != 0; j = (j + 1) & (k->nslots - 1))
		if (strcmp(k->buf + k->slot[j] - 1, key) == 0) {
			*dup = true;
			return ES_OK;
		}
	if (k->len + (size_t)n + 1 > k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 1u << 16;
		char *b;

		while (cap < k->len + (size_t)n + 1)
			cap *= 2;
		if (cap > UINT32_MAX || (b = realloc(k->buf, cap)) == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		k->buf = b;
		k->cap = cap;
	}
	memcpy(k->buf + k->len, key, (size_t)n + 1);
	k->slot[j] = (uint32_t)k->len + 1;
	k->len += (size_t)n + 1;
	k->n++;
	return ES_OK;
}

static void
keyset_free(keyset *k)
{
	free(k->buf);
	free(k->slot);
	memset(k, 0, sizeof *k);
}

static es_rc
check_totals(es_fdr *f, es_cents sum_abs, es_err *err)
{
	char a[ES_MONEY_BUFSZ], b[ES_MONEY_BUFSZ], msg[160];

	if (f->nitems != f->count_declared) {
		/* GovPay 007107 */
		snprintf(msg, sizeof msg, "%zu items but numeroTotalePagamenti %llu", f->nitems,
		         (unsigned long long)f->count_declared);
		if (set_owned(&f->anomaly, msg, "") != ES_OK)
			return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	if (f->total_items != f->total_declared && sum_abs != f->total_declared) {
		/* GovPay 007106 */
		snprintf(msg, sizeof msg, "sum of items %s but importoTotalePagamenti %s",
		         es_money_format(f->total_items, ES_MONEY_PLAIN, a),
		         es_money_format(f->total_declared, ES_MONEY_PLAIN, b));
		if (set_owned(&f->anomaly, msg, "") != ES_OK)
			return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	return ES_OK;
}

/* es_fdr_read's callback: keep every item. */
static es_rc
keep_item(void *ctx, const es_fdr *hdr, const es_fdr_item *it, es_err *err)
{
	es_fdr *f = ctx;
	es_fdr_item *d;

	(void)hdr;
	if (f->nitems == f->cap && grow_items(f, err) != ES_OK)
		return err != NULL ? err->rc : ES_ENOMEM;
	d = &f->items[f->nitems];
	*d = *it;
	if (it->error != NULL && (d->error = strdup(it->error)) == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	f->nitems++;
	return ES_OK;
}

es_rc
es_fdr_read(const char *path, es_fdr **out, es_err *err)
{
	es_fdr *items, *f;
	es_rc rc;

	*out = NULL;
	items = calloc(1, sizeof *items);
	if (items == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	rc = es_fdr_scan(path, keep_item, items, &f, err);
	if (rc != ES_OK) {
		es_fdr_free(items);
		return rc;
	}
	f->items = items->items;
	f->cap = items->cap;
	free(items);
	*out = f;
	return ES_OK;
}

/* An item read: the duplicate check, the sums, then the callback. */
static es_rc
scan_item(es_fdr *f, es_fdr_item *it, keyset *keys, es_cents *sum_abs, es_fdr_item_fn fn, void *ctx,
          es_err *err)
{
	bool dup = false;
	es_rc rc;

	/* check_totals' sum of absolute values stops at half the range. */
	if (*sum_abs <= INT64_MAX / 2)
		*sum_abs += it->amount < 0 ? -it->amount : it->amount;
	if (it->iuv[0] != '\0' && (rc = keyset_add(keys, it, &dup, err)) != ES_OK)
		return rc;
	if (dup) {
		if (it->error == NULL)
			f->total_items -= it->amount;
		if (item_error(it, "duplicate (iuv, iur, indice) in the flow", "") != ES_OK)
			return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	return fn != NULL ? fn(ctx, f, it, err) : ES_OK;
}

es_rc
es_fdr_scan(const char *path, es_fdr_item_fn fn, void *ctx, es_fdr **out, es_err *err)
{
	char text[TEXT_BUFSZ];
	char parent[TEXT_BUFSZ] = "";
	unsigned seen = 0;
	keyset keys;
	es_cents sum_abs = 0;
	es_fdr *f;
	es_xml *x;
	es_rc rc;
	enum { S_ID = 1, S_DT = 2, S_REG = 4, S_REGDATE = 8, S_SENDER = 16, S_RECV = 32, S_N = 64, S_TOT = 128 };

	*out = NULL;
	memset(&keys, 0, sizeof keys);
	f = calloc(1, sizeof *f);
	if (f == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	f->settled_on = ES_DATE_NONE;
	f->source = strdup(path);
	if (f->source == NULL) {
		free(f);
		return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	x = es_xml_open(path, err);
	if (x == NULL) {
		es_fdr_free(f);
		return err != NULL ? err->rc : ES_EIO;
	}
	while ((rc = es_xml_next(x, err)) == ES_OK) {
		const char *name;
		int depth;

		if (es_xml_kind_of(x) != ES_XML_START)
			continue;
		name = es_xml_name(x);
		depth = es_xml_depth(x);
		if (depth == 0) {
			if (strcmp(name, "FlussoRiversamento") != 0) {
				rc = es_err_set(err, ES_EDATA, "%s: root element <%s> is not <FlussoRiversamento>",
				                path, name);
				break;
			}
			continue;
		}
		if (depth == 1) {
			snprintf(parent, sizeof parent, "%s", name);
			if (strcmp(name, "datiSingoliPagamenti") == 0) {
				es_fdr_item it;

				if ((rc = read_item(x, f, &it, err)) != ES_OK) {
					free(it.error);
					break;
				}
				rc = scan_item(f, &it, &keys, &sum_abs, fn, ctx, err);
				free(it.error);
				if (rc != ES_OK)
					break;
				continue;
			}
			if (strcmp(name, "istitutoMittente") == 0 || strcmp(name, "istitutoRicevente") == 0)
				continue;
		} else if (strcmp(name, "codiceIdentificativoUnivoco") != 0) {
			continue;
		}
		if ((rc = es_xml_text(x, text, sizeof text, err)) != ES_OK)
			break;
		if (depth > 1) {
			if (strcmp(parent, "istitutoMittente") == 0) {
				if ((rc = copy_id(f->sender, text, "codiceIdentificativoUnivoco", x, err)) != ES_OK)
					break;
				seen |= S_SENDER;
			} else if (strcmp(parent, "istitutoRicevente") == 0) {
				if ((rc = copy_id(f->receiver, text, "codiceIdentificativoUnivoco", x, err)) != ES_OK)
					break;
				seen |= S_RECV;
			}
		} else if (strcmp(name, "identificativoFlusso") == 0) {
			if ((rc = copy_id(f->id, text, name, x, err)) != ES_OK)
				break;
			seen |= S_ID;
		} else if (strcmp(name, "dataOraFlusso") == 0) {
			if (strlen(text) < 10 || strlen(text) >= sizeof f->datetime) {
				rc = es_err_set(err, ES_EDATA, "%s: line %llu: bad dataOraFlusso '%s'", path,
				                (unsigned long long)es_xml_line(x), text);
				break;
			}
			memcpy(f->datetime, text, strlen(text) + 1);
			seen |= S_DT;
		} else if (strcmp(name, "identificativoUnivocoRegolamento") == 0) {
			if ((rc = copy_id(f->settlement, text, name, x, err)) != ES_OK)
				break;
			seen |= S_REG;
		} else if (strcmp(name, "dataRegolamento") == 0) {
			es_err derr;

			if (es_date_parse(text, ES_DATE_ISO, &f->settled_on, &derr) != ES_OK
			    || f->settled_on == ES_DATE_NONE) {
				rc = es_err_set(err, ES_EDATA, "%s: line %llu: bad dataRegolamento '%s'", path,
				                (unsigned long long)es_xml_line(x), text);
				break;
			}
			seen |= S_REGDATE;
		} else if (strcmp(name, "numeroTotalePagamenti") == 0) {
			char *end;
			unsigned long long n;

			n = strtoull(text, &end, 10);
			if (text[0] < '0' || text[0] > '9' || *end != '\0' || n < 1) {
				rc = es_err_set(err, ES_EDATA, "%s: line %llu: bad numeroTotalePagamenti '%s'", path,
				                (unsigned long long)es_xml_line(x), text);
				break;
			}
			f->count_declared = n;
			seen |= S_N;
		} else if (strcmp(name, "importoTotalePagamenti") == 0) {
			es_err aerr;

			if (es_fdr_parse_amount(text, &f->total_declared, &aerr) != ES_OK) {
				rc = es_err_set(err, ES_EDATA, "%s: line %llu: importoTotalePagamenti: %s", path,
				                (unsigned long long)es_xml_line(x), aerr.msg);
				break;
			}
			seen |= S_TOT;
		}
	}
	es_xml_close(x);
	if (rc == ES_EOF) {
		static const struct { unsigned bit; const char *name; } need[] = {
			{ S_ID, "identificativoFlusso" }, { S_DT, "dataOraFlusso" },
			{ S_REG, "identificativoUnivocoRegolamento" }, { S_REGDATE, "dataRegolamento" },
			{ S_SENDER, "istitutoMittente" }, { S_RECV, "istitutoRicevente" },
			{ S_N, "numeroTotalePagamenti" }, { S_TOT, "importoTotalePagamenti" },
		};
		size_t i;

		rc = ES_OK;
		for (i = 0; i < ES_ARRAY_LEN(need); i++) {
			if (!(seen & need[i].bit)) {
				rc = es_err_set(err, ES_EDATA, "%s: missing <%s>", path, need[i].name);
				break;
			}
		}
		if (rc == ES_OK && f->nitems == 0)
			rc = es_err_set(err, ES_EDATA, "%s: no <datiSingoliPagamenti>", path);
		if (rc == ES_OK)
			rc = check_totals(f, sum_abs, err);
	}
	keyset_free(&keys);
	if (rc != ES_OK) {
		es_fdr_free(f);
		return rc;
	}
	*out = f;
	return ES_OK;
}

void
es_fdr_free(es_fdr *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; f->items != NULL && i < f->nitems; i++)
		free(f->items[i].error);
	free(f->items);
	free(f->anomaly);
	free(f->source);
	free(f);
}
