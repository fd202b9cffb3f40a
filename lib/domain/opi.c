/* opi.c: streaming reader of the OPI giornale di cassa and the causale
 * parser (see opi.h). */
#include "es_setup.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/opi.h"
#include "io/xml.h"
#include "types/taxid.h"

#define TEXT_BUFSZ ES_OPI_CAUSALE_BUFSZ

bool
es_opi_is_credit(const es_opi_movement *m)
{
	return strcmp(m->kind, "ENTRATA") == 0 && strcmp(m->operation, "ESEGUITO") == 0
	       && (strcmp(m->document, "SOSPESO ENTRATA") == 0 || strcmp(m->document, "REVERSALE") == 0);
}

bool
es_opi_is_reversal(const es_opi_movement *m)
{
	return strcmp(m->kind, "ENTRATA") == 0 && strcmp(m->operation, "STORNATO") == 0
	       && (strcmp(m->document, "SOSPESO ENTRATA") == 0 || strcmp(m->document, "REVERSALE") == 0);
}

/* Copy text into a fixed field; a value that does not fit makes the
 * movement unusable rather than silently truncated. */
static void
put_field(char *dst, size_t dstsz, const char *text, const char *name, es_opi_movement *m,
          char *errbuf, size_t errsz)
{
	size_t n = strlen(text);

	if (n >= dstsz) {
		if (m->error == NULL) {
			snprintf(errbuf, errsz, "%s longer than %zu characters", name, dstsz - 1);
			m->error = errbuf;
		}
		dst[0] = '\0';
		return;
	}
	memcpy(dst, text, n + 1);
}

static void
reset_movement(es_opi_movement *m)
{
	const char *flow_bt = m->flow_bt;
	int year = m->year;
	char account[sizeof m->account];

	memcpy(account, m->account, sizeof account);
	memset(m, 0, sizeof *m);
	m->flow_bt = flow_bt;
	m->year = year;
	memcpy(m->account, account, sizeof account);
	m->date = ES_DATE_NONE;
	m->value_date = ES_DATE_NONE;
}

es_rc
es_opi_read(const char *path, es_opi_movement_fn fn, void *ctx, es_err *err)
{
	char *text = NULL;
	char flow_bt[80] = "";
	char errbuf[ES_ERR_MAX];
	char sub[64] = "";          /* the depth-3 element we are inside */
	es_opi_movement m;
	bool in_mov = false, have_amount = false, have_date = false;
	es_xml *x;
	es_rc rc;

	memset(&m, 0, sizeof m);
	m.flow_bt = flow_bt;
	text = malloc(TEXT_BUFSZ);
	if (text == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	x = es_xml_open(path, err);
	if (x == NULL) {
		free(text);
		return err != NULL ? err->rc : ES_EIO;
	}
	while ((rc = es_xml_next(x, err)) == ES_OK) {
		const char *name = es_xml_name(x);
		int depth = es_xml_depth(x);
		es_err ferr;

		if (es_xml_kind_of(x) == ES_XML_END) {
			if (in_mov && depth == 2 && strcmp(name, "movimento_conto_evidenza") == 0) {
				in_mov = false;
				if (m.error == NULL && !have_amount)
					m.error = "missing importo";
				if (m.error == NULL && !have_date)
					m.error = "missing data_movimento";
				if ((rc = fn(ctx, &m, err)) != ES_OK)
					break;
			}
			if (depth == 3)
				sub[0] = '\0';
			continue;
		}
		if (es_xml_kind_of(x) != ES_XML_START)
			continue;
		if (depth == 0) {
			if (strcmp(name, "flusso_giornale_di_cassa") != 0) {
				rc = es_err_set(err, ES_EDATA, "%s: root element <%s> is not <flusso_giornale_di_cassa>",
				                path, name);
				break;
			}
			continue;
		}
		if (depth == 1) {
			if (strcmp(name, "identificativo_flusso_BT") == 0) {
				if ((rc = es_xml_text(x, flow_bt, sizeof flow_bt, err)) != ES_OK)
					break;
			} else if (strcmp(name, "esercizio") == 0) {
				long y;
				char *end;

				if ((rc = es_xml_text(x, text, TEXT_BUFSZ, err)) != ES_OK)
					break;
				y = strtol(text, &end, 10);
				if (*end != '\0' || y < 1800 || y > 2999) {
					rc = es_err_set(err, ES_EDATA, "%s: line %llu: bad esercizio '%s'", path,
					                (unsigned long long)es_xml_line(x), text);
					break;
				}
				m.year = (int)y;
			} else if (strcmp(name, "informazioni_conto_evidenza") == 0) {
				m.account[0] = '\0';
			}
			continue;
		}
		if (depth == 2) {
			if (strcmp(name, "conto_evidenza") == 0) {
				if ((rc = es_xml_text(x, text, TEXT_BUFSZ, err)) != ES_OK)
					break;
				snprintf(m.account, sizeof m.account, "%s", text);
			} else if (strcmp(name, "movimento_conto_evidenza") == 0) {
				reset_movement(&m);
				in_mov = true;
				have_amount = have_date = false;
				m.line = es_xml_line(x);
			}
			continue;
		}
		if (!in_mov)
			continue;
		if (depth == 3) {
			snprintf(sub, sizeof sub, "%s", name);
			if (strcmp(name, "cliente") == 0 || strcmp(name, "sospeso") == 0
			    || strcmp(name, "sospeso_da_regolarizzare") == 0 || strcmp(name, "delegato") == 0
			    || strcmp(name, "creditore_effettivo") == 0 || strcmp(name, "dati_a_disposizione_BT") == 0
			    || strcmp(name, "coordinate") == 0)
				continue;
		} else if (depth != 4 || strcmp(sub, "cliente") != 0) {
			continue;
		}
		es_err_clear(&ferr);
		rc = es_xml_text(x, text, TEXT_BUFSZ, &ferr);
		if (rc == ES_EDATA && m.error == NULL) {
			snprintf(errbuf, sizeof errbuf, "%s", ferr.msg);
			m.error = errbuf;
			continue;
		} else if (rc != ES_OK) {
			if (err != NULL)
				*err = ferr;
			break;
		}
		if (depth == 4) {
			if (strcmp(name, "anagrafica_cliente") == 0)
				snprintf(m.client_name, sizeof m.client_name, "%s", text);
			else if (strcmp(name, "codice_fiscale_cliente") == 0
			         || (strcmp(name, "partita_iva_cliente") == 0 && m.client_cf[0] == '\0'))
				put_field(m.client_cf, sizeof m.client_cf, text, name, &m, errbuf, sizeof errbuf);
			continue;
		}
		if (strcmp(name, "numero_movimento") == 0)
			put_field(m.number, sizeof m.number, text, name, &m, errbuf, sizeof errbuf);
		else if (strcmp(name, "progressivo_documento") == 0)
			put_field(m.progressive, sizeof m.progressive, text, name, &m, errbuf, sizeof errbuf);
		else if (strcmp(name, "tipo_movimento") == 0)
			put_field(m.kind, sizeof m.kind, text, name, &m, errbuf, sizeof errbuf);
		else if (strcmp(name, "tipo_documento") == 0)
			put_field(m.document, sizeof m.document, text, name, &m, errbuf, sizeof errbuf);
		else if (strcmp(name, "tipo_operazione") == 0)
			put_field(m.operation, sizeof m.operation, text, name, &m, errbuf, sizeof errbuf);
		else if (strcmp(name, "end_to_end_id") == 0)
			put_field(m.end_to_end, sizeof m.end_to_end, text, name, &m, errbuf, sizeof errbuf);
		else if (strcmp(name, "codice_riferimento_operazione") == 0)
			put_field(m.operation_ref, sizeof m.operation_ref, text, name, &m, errbuf, sizeof errbuf);
		else if (strcmp(name, "causale") == 0)
			put_field(m.causale, sizeof m.causale, text, name, &m, errbuf, sizeof errbuf);
		else if (strcmp(name, "importo") == 0) {
			if (es_money_parse(text, ES_MONEY_PLAIN, &m.amount, &ferr) != ES_OK || m.amount < 0) {
				if (m.error == NULL) {
					snprintf(errbuf, sizeof errbuf, "bad importo '%s'", text);
					m.error = errbuf;
				}
			} else {
				have_amount = true;
			}
		} else if (strcmp(name, "data_movimento") == 0) {
			if (es_date_parse(text, ES_DATE_ISO, &m.date, &ferr) != ES_OK || m.date == ES_DATE_NONE) {
				if (m.error == NULL) {
					snprintf(errbuf, sizeof errbuf, "bad data_movimento '%s'", text);
					m.error = errbuf;
				}
			} else {
				have_date = true;
			}
		} else if (strcmp(name, "data_valuta_ente") == 0) {
			if (es_date_parse(text, ES_DATE_ISO, &m.value_date, &ferr) != ES_OK)
				m.value_date = ES_DATE_NONE;
		}
	}
	es_xml_close(x);
	free(text);
	if (rc == ES_EOF) {
		if (in_mov)
			return es_err_set(err, ES_EDATA, "%s: unterminated movimento_conto_evidenza", path);
		return ES_OK;
	}
	return rc;
}

/* --- causale --- */

static bool
is_id_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_';
}

/* Case-insensitive search for needle in the first n bytes of hay. */
static const char *
find_ci(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, nl) == 0)
			return hay;
	return NULL;
}

static bool
flow_id_complete(const char *id)
{
	/* <dataRegolamento YYYY-MM-DD><PSP id>-<flusso> (pagopa.md §4.1). */
	const char *dash;
	int i;

	for (i = 0; i < 10; i++) {
		char c = id[i];

		if (i == 4 || i == 7) {
			if (c != '-')
				return false;
		} else if (!isdigit((unsigned char)c)) {
			return false;
		}
	}
	dash = strchr(id + 10, '-');
	return dash != NULL && dash > id + 10 && dash[1] != '\0';
}

static void
take_id(const char *p, char *out, size_t outsz)
{
	size_t n = 0;

	while (is_id_char(p[n]) && n + 1 < outsz)
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
}

static void
take_amount(const char *p, es_causale *c)
{
	char buf[24];
	size_t n = 0;
	es_err e;

	if (*p != '/')
		return;
	p++;
	while ((isdigit((unsigned char)p[n]) || p[n] == '.' || p[n] == ',') && n + 1 < sizeof buf) {
		buf[n] = p[n] == ',' ? '.' : p[n];
		n++;
	}
	buf[n] = '\0';
	if (n > 0 && es_money_parse(buf, ES_MONEY_PLAIN, &c->amount, &e) == ES_OK)
		c->has_amount = true;
}

void
es_causale_parse(const char *text, es_causale *out)
{
	const char *p, *q;
	size_t i, run;

	memset(out, 0, sizeof *out);
	/* pagoPA cumulative credit: LGPE-RIVERSAMENTO ... URI ... <id>. */
	p = find_ci(text, "LGPE-RIVERSAMENTO");
	if (p != NULL) {
		p += strlen("LGPE-RIVERSAMENTO");
		q = find_ci(p, "URI");
		/* Only separators and an optional TXT.n. may sit between the two. */
		if (q != NULL && q - p <= 12) {
			q += 3;
			while (*q != '\0' && !is_id_char(*q) && !isspace((unsigned char)*q))
				q++;
			take_id(q, out->ref, sizeof out->ref);
			out->kind = ES_CAUSALE_FLOW;
			out->flow_complete = flow_id_complete(out->ref);
			return;
		}
		out->kind = ES_CAUSALE_FLOW;   /* a pagoPA credit whose id is lost */
		return;
	}
	p = find_ci(text, "/RFB/");
	if (p == NULL)
		p = find_ci(text, "/RFS/");
	if (p != NULL) {
		out->kind = toupper((unsigned char)p[3]) == 'B' ? ES_CAUSALE_RFB : ES_CAUSALE_RFS;
		p += 5;
		take_id(p, out->ref, sizeof out->ref);
		if (out->ref[0] != '\0') {
			take_amount(p + strlen(out->ref), out);
			return;
		}
		memset(out, 0, sizeof *out);
	}
	/* An 18-digit notice number standing alone, with valid check digits. */
	for (p = text; *p != '\0'; p += run > 0 ? run : 1) {
		run = 0;
		while (isdigit((unsigned char)p[run]))
			run++;
		if (run == ES_NAV_LEN && (p == text || !isalnum((unsigned char)p[-1]))) {
			char nav[ES_NAV_BUFSZ];

			memcpy(nav, p, ES_NAV_LEN);
			nav[ES_NAV_LEN] = '\0';
			if (es_nav_validate(nav, NULL) == ES_OK) {
				out->kind = ES_CAUSALE_NAV;
				memcpy(out->ref, nav, sizeof nav);
				return;
			}
		}
	}
	/* A codice fiscale: a 16-character alphanumeric word that validates. */
	for (p = text; *p != '\0'; p += run > 0 ? run : 1) {
		run = 0;
		while (isalnum((unsigned char)p[run]))
			run++;
		if (run == 16) {
			char cf[17];

			for (i = 0; i < 16; i++)
				cf[i] = (char)toupper((unsigned char)p[i]);
			cf[16] = '\0';
			if (es_cf_validate(cf, NULL) == ES_OK) {
				out->kind = ES_CAUSALE_CF;
				memcpy(out->ref, cf, sizeof cf);
				return;
			}
		}
	}
}
