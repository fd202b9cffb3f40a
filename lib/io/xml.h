/* xml.h: a small, safe streaming XML reader over libxml2's xmlTextReader.
 *
 * The reader never touches the network (XML_PARSE_NONET), never loads a
 * DTD, never substitutes or fetches external entities, and refuses any
 * document that carries a DOCTYPE or an entity reference at all: the flows
 * esattore reads (pagoPA FlussoRiversamento, OPI giornale di cassa) have
 * none, so a document that has one is either broken or hostile (billion
 * laughs, XXE).  Input goes through es_in, so gzip is transparent.
 *
 * Element names are compared by local name: namespace prefixes (pay_i:,
 * ns2:, none) vary between producers and carry no meaning here.
 *
 * Ownership: es_xml_open returns a reader freed by es_xml_close.  Strings
 * returned by es_xml_name belong to the reader and live until the next
 * es_xml_next.  es_xml_text copies into a caller buffer. */
#ifndef ES_IO_XML_H
#define ES_IO_XML_H

#include "es_setup.h"
#include "types/error.h"

typedef struct es_xml es_xml;

typedef enum es_xml_kind {
	ES_XML_START = 1,     /* <name ...> (also <name/>: see es_xml_empty) */
	ES_XML_END = 2,       /* </name> */
	ES_XML_TEXT = 3,      /* character data (text or CDATA) */
	ES_XML_OTHER = 4      /* comments, processing instructions, whitespace */
} es_xml_kind;

/* Largest text node es_xml_text accepts; beyond it the document is ES_EDATA. */
#define ES_XML_MAX_TEXT (1u << 20)

/* Open path ("-" = stdin; .gz transparent). */
es_xml *es_xml_open(const char *path, es_err *err);
/* Advance to the next node.  ES_OK, ES_EOF at the end of the document, or
 * ES_EDATA for a malformed or refused document (message names the line). */
es_rc es_xml_next(es_xml *x, es_err *err);
es_xml_kind es_xml_kind_of(const es_xml *x);
/* Local name of the current element ("" for text). */
const char *es_xml_name(const es_xml *x);
/* True for a self-closing element <name/> (no ES_XML_END follows). */
bool es_xml_empty(const es_xml *x);
/* Depth of the current node (the root element is 0). */
int es_xml_depth(const es_xml *x);
/* Line of the current node in the input (1-based; 0 if unknown). */
uint64_t es_xml_line(const es_xml *x);
/* At an ES_XML_START of a simple element, read its text content up to the
 * matching end and copy it, trimmed of leading and trailing white space,
 * into buf (NUL-terminated).  A longer text is ES_EDATA ("element too
 * long"), as is a child element.  Leaves the reader on the end tag. */
es_rc es_xml_text(es_xml *x, char *buf, size_t bufsz, es_err *err);
/* The name of the input, for messages. */
const char *es_xml_source(const es_xml *x);
void es_xml_close(es_xml *x);

/* The local name of the root element of path, reading only up to it:
 * *root receives it (bufsz bytes), or "" when the file does not look like
 * XML at all.  XML that is malformed or refused before its root (a DOCTYPE)
 * gives "?" and ES_EDATA with the reason; ES_EIO if the file cannot be read. */
es_rc es_xml_root(const char *path, char *root, size_t bufsz, es_err *err);

#endif
