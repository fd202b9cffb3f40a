/* xml.c: the safe streaming XML reader (see xml.h). */
#include "es_setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

#include "io/xml.h"
#include "io/stream.h"

/* No network, no DTD, no entity substitution, no XInclude, the default
 * (non-HUGE) size limits of libxml2.  NONET is belt and braces: nothing here
 * ever asks for a resource, and DOCTYPEs are refused outright. */
#define ES_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOXINCNODE | XML_PARSE_COMPACT)

struct es_xml {
	xmlTextReaderPtr reader;
	es_in *in;
	es_err ioerr;            /* an error from es_in_read, reported by es_xml_next */
	bool io_failed;
	char errmsg[256];        /* first parser error, from the structured handler */
	bool parse_failed;
	es_xml_kind kind;
	const char *name;
	bool empty;
	int depth;
	char *source;
};

static int
xml_read_cb(void *ctx, char *buf, int len)
{
	es_xml *x = ctx;
	ptrdiff_t n;

	n = es_in_read(x->in, buf, (size_t)len, &x->ioerr);
	if (n < 0) {
		x->io_failed = true;
		return -1;
	}
	return (int)n;
}

static int
xml_close_cb(void *ctx)
{
	(void)ctx;
	return 0;
}

static void
xml_error_cb(void *ctx, const xmlError *e)
{
	es_xml *x = ctx;
	size_t n;

	if (x->parse_failed || e == NULL || e->level < XML_ERR_ERROR)
		return;
	x->parse_failed = true;
	snprintf(x->errmsg, sizeof x->errmsg, "line %d: %s", e->line,
	         e->message != NULL ? e->message : "malformed XML");
	n = strlen(x->errmsg);
	while (n > 0 && (x->errmsg[n - 1] == '\n' || x->errmsg[n - 1] == ' '))
		x->errmsg[--n] = '\0';
}

/* libxml2 2.12 changed the handler's error argument to const. */
#if LIBXML_VERSION >= 21200
static void
xml_error_trampoline(void *ctx, const xmlError *e)
#else
static void
xml_error_trampoline(void *ctx, xmlErrorPtr e)
#endif
{
	xml_error_cb(ctx, e);
}

es_xml *
es_xml_open(const char *path, es_err *err)
{
	es_xml *x;

	x = calloc(1, sizeof *x);
	if (x == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	x->source = strdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
	if (x->source == NULL) {
		free(x);
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	x->in = es_in_open(path, err);
	if (x->in == NULL) {
		free(x->source);
		free(x);
		return NULL;
	}
	x->reader = xmlReaderForIO(xml_read_cb, xml_close_cb, x, NULL, NULL, ES_XML_OPTIONS);
	if (x->reader == NULL) {
		es_in_close(x->in);
		free(x->source);
		free(x);
		es_err_set(err, ES_ENOMEM, "%s: cannot create an XML reader", path);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(x->reader, xml_error_trampoline, x);
	return x;
}

static es_rc
xml_fail(es_xml *x, es_err *err)
{
	if (x->io_failed) {
		if (err != NULL)
			*err = x->ioerr;
		return x->ioerr.rc != ES_OK ? x->ioerr.rc : ES_EIO;
	}
	if (x->parse_failed)
		return es_err_set(err, ES_EDATA, "%s: %s", x->source, x->errmsg);
	return es_err_set(err, ES_EDATA, "%s: line %d: malformed XML", x->source,
	                  xmlTextReaderGetParserLineNumber(x->reader));
}

es_rc
es_xml_next(es_xml *x, es_err *err)
{
	int r, type;

	r = xmlTextReaderRead(x->reader);
	if (r == 0 && !x->parse_failed && !x->io_failed)
		return ES_EOF;
	if (r < 0 || x->parse_failed || x->io_failed)
		return xml_fail(x, err);
	type = xmlTextReaderNodeType(x->reader);
	x->depth = xmlTextReaderDepth(x->reader);
	x->empty = false;
	x->name = "";
	switch (type) {
	case XML_READER_TYPE_ELEMENT:
		x->kind = ES_XML_START;
		x->name = (const char *)xmlTextReaderConstLocalName(x->reader);
		x->empty = xmlTextReaderIsEmptyElement(x->reader) == 1;
		break;
	case XML_READER_TYPE_END_ELEMENT:
		x->kind = ES_XML_END;
		x->name = (const char *)xmlTextReaderConstLocalName(x->reader);
		break;
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
		x->kind = ES_XML_TEXT;
		break;
	case XML_READER_TYPE_DOCUMENT_TYPE:
	case XML_READER_TYPE_ENTITY:
	case XML_READER_TYPE_ENTITY_REFERENCE:
	case XML_READER_TYPE_NOTATION:
		return es_err_set(err, ES_EDATA, "%s: line %d: DOCTYPE and entity declarations are refused",
		                  x->source, xmlTextReaderGetParserLineNumber(x->reader));
	default:
		x->kind = ES_XML_OTHER;
		break;
	}
	if (x->name == NULL)
		x->name = "";
	return ES_OK;
}

es_xml_kind
es_xml_kind_of(const es_xml *x)
{
	return x->kind;
}

const char *
es_xml_name(const es_xml *x)
{
	return x->name;
}

bool
es_xml_empty(const es_xml *x)
{
	return x->empty;
}

int
es_xml_depth(const es_xml *x)
{
	return x->depth;
}

uint64_t
es_xml_line(const es_xml *x)
{
	int l = xmlTextReaderGetParserLineNumber(x->reader);

	return l > 0 ? (uint64_t)l : 0;
}

const char *
es_xml_source(const es_xml *x)
{
	return x->source;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

es_rc
es_xml_text(es_xml *x, char *buf, size_t bufsz, es_err *err)
{
	size_t len = 0, start, end;
	int depth;
	uint64_t line;
	es_rc rc;
	const char *v;
	size_t vl;
	bool too_long = false;

	if (bufsz == 0)
		return es_err_set(err, ES_EINTERNAL, "es_xml_text: empty buffer");
	buf[0] = '\0';
	if (x->kind != ES_XML_START)
		return es_err_set(err, ES_EINTERNAL, "es_xml_text: not at an element");
	if (x->empty)
		return ES_OK;
	depth = x->depth;
	line = es_xml_line(x);
	for (;;) {
		rc = es_xml_next(x, err);
		if (rc == ES_EOF)
			return es_err_set(err, ES_EDATA, "%s: line %llu: unterminated element",
			                  x->source, (unsigned long long)line);
		if (rc != ES_OK)
			return rc;
		if (x->kind == ES_XML_END && x->depth == depth)
			break;
		if (x->kind == ES_XML_START)
			return es_err_set(err, ES_EDATA, "%s: line %llu: unexpected element <%s>",
			                  x->source, (unsigned long long)es_xml_line(x), x->name);
		if (x->kind != ES_XML_TEXT && xmlTextReaderNodeType(x->reader) != XML_READER_TYPE_SIGNIFICANT_WHITESPACE
		    && xmlTextReaderNodeType(x->reader) != XML_READER_TYPE_WHITESPACE)
			continue;
		v = (const char *)xmlTextReaderConstValue(x->reader);
		if (v == NULL)
			continue;
		vl = strlen(v);
		if (len + vl + 1 > bufsz || len + vl > ES_XML_MAX_TEXT) {
			too_long = true;
			continue;
		}
		memcpy(buf + len, v, vl);
		len += vl;
	}
	if (too_long)
		return es_err_set(err, ES_EDATA, "%s: line %llu: text of <%s> longer than %zu bytes",
		                  x->source, (unsigned long long)line, x->name, bufsz - 1);
	start = 0;
	end = len;
	while (start < end && is_space(buf[start]))
		start++;
	while (end > start && is_space(buf[end - 1]))
		end--;
	memmove(buf, buf + start, end - start);
	buf[end - start] = '\0';
	return ES_OK;
}

void
es_xml_close(es_xml *x)
{
	if (x == NULL)
		return;
	xmlFreeTextReader(x->reader);
	es_in_close(x->in);
	free(x->source);
	free(x);
}

es_rc
es_xml_root(const char *path, char *root, size_t bufsz, es_err *err)
{
	es_in *in;
	char head[512];
	ptrdiff_t n;
	size_t i = 0;
	es_xml *x;
	es_rc rc;

	if (bufsz == 0)
		return es_err_set(err, ES_EINTERNAL, "es_xml_root: empty buffer");
	root[0] = '\0';
	/* A cheap sniff first: XML starts with '<' after an optional BOM and
	 * white space.  Anything else is not parsed at all. */
	in = es_in_open(path, err);
	if (in == NULL)
		return err != NULL ? err->rc : ES_EIO;
	n = es_in_read(in, head, sizeof head, err);
	es_in_close(in);
	if (n < 0)
		return err != NULL && err->rc != ES_OK ? err->rc : ES_EIO;
	if (n >= 3 && (unsigned char)head[0] == 0xEF && (unsigned char)head[1] == 0xBB
	    && (unsigned char)head[2] == 0xBF)
		i = 3;
	while (i < (size_t)n && is_space(head[i]))
		i++;
	if (i >= (size_t)n || head[i] != '<')
		return ES_OK;
	x = es_xml_open(path, err);
	if (x == NULL)
		return err != NULL ? err->rc : ES_EIO;
	while ((rc = es_xml_next(x, err)) == ES_OK) {
		if (x->kind == ES_XML_START) {
			snprintf(root, bufsz, "%s", x->name);
			break;
		}
	}
	es_xml_close(x);
	/* XML that cannot be read up to its root: "?" and the reason. */
	if (rc == ES_EDATA || (rc == ES_EOF && root[0] == '\0')) {
		snprintf(root, bufsz, "?");
		return rc == ES_EOF ? es_err_set(err, ES_EDATA, "%s: no root element", path) : ES_EDATA;
	}
	if (rc < 0)
		return rc;
	return ES_OK;
}
