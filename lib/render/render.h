/* render.h: printed notices: the pagoPA "Avviso di pagamento" (guide v3.x,
 * shared/domain/pagopa.md §2-§3) and the acts that carry it, as PDF.
 *
 * Three parts:
 *   - templates (es_render_tmpl): one key file per act type under
 *     <datadir>/templates/, texts and layout parameters with {placeholders};
 *     the format is in render-notices(1), TEMPLATES;
 *   - notices (es_render_notice): the notices stream (one CSV row per
 *     installment, consecutive rows with the same notice_id form a notice),
 *     read and validated by es_render_reader;
 *   - the document (es_render_doc): cairo + pango PDF output, QR codes with
 *     libqrencode, the Poste DataMatrix with libdmtx.
 *
 * Ownership: every *_new / *_open / *_load returns an object the caller
 * frees with the matching *_free / *_close.  A notice returned by
 * es_render_reader_next belongs to the reader and is valid until the next
 * call.  Strings returned by getters belong to their object. */
#ifndef ES_RENDER_H
#define ES_RENDER_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "types/nav.h"
#include "io/stream.h"
#include "ente.h"

/* ---- templates ---- */

typedef struct es_render_tmpl es_render_tmpl;

/* Load the template NAME: "<datadir>/templates/NAME.tmpl", or the file NAME
 * itself if it contains a '/'.  A template may name a base template
 * ([template] base=...), looked up for every key it does not define.  lang
 * ("it", "de", "en"; NULL = "it") selects the localized keys key[lang].
 * ES_ECONFIG if the file is missing or malformed. */
es_render_tmpl *es_render_tmpl_load(const char *name, const char *lang, es_err *err);
void es_render_tmpl_free(es_render_tmpl *t);
const char *es_render_tmpl_name(const es_render_tmpl *t);
/* The text of group/key in this template or its bases, localized; NULL if
 * absent.  Valid as long as the template. */
const char *es_render_tmpl_text(const es_render_tmpl *t, const char *group, const char *key);
/* A number (layout parameter in mm or pt); def if absent; ES_ECONFIG if
 * present and not a number. */
es_rc es_render_tmpl_num(const es_render_tmpl *t, const char *group, const char *key, double def,
                         double *out, es_err *err);

/* Placeholder lookup: returns the value of `name` (NULL if unknown).  fmt
 * is the part after '|' in {name|fmt} ("money", "date"), or NULL. */
typedef const char *(*es_render_lookup_fn)(void *ctx, const char *name, const char *fmt, char *buf,
                                           size_t bufsz);
/* Expand {name} and {name|fmt} in text; "{{" and "}}" are literal braces.
 * {a,b,c} (or {a,b|fmt}) is the first of a, b, c with a non-empty value;
 * "" if those the input has are all empty.  *out is malloc'd (caller frees).  ES_EDATA naming the placeholder if
 * lookup returns NULL, ES_ECONFIG for an unterminated brace. */
es_rc es_render_expand(const char *text, es_render_lookup_fn lookup, void *ctx, char **out, es_err *err);

/* ---- notices ---- */

/* Field limits of the avviso (pagopa.md §3.2, guide v3.1+). */
#define ES_RENDER_NAME_MAX 70
#define ES_RENDER_ADDRESS_MAX 140
#define ES_RENDER_SUBJECT_MAX 90
#define ES_RENDER_TAXCODE_MAX 16

typedef struct es_render_inst {
	int number;              /* 0 = rata unica (the whole amount), 1..n installments */
	char nav[ES_NAV_BUFSZ];
	es_cents amount;
	es_date due;
} es_render_inst;

typedef struct es_render_notice {
	const char *notice_id;
	const char *act_type;
	const char *tax_code;    /* may be "" (a debtor without a codice fiscale) */
	const char *name;
	const char *address;
	const char *pec;
	const char *subject;
	es_render_inst *inst;    /* rata unica first (if any), then 1..n in order */
	size_t ninst;
	bool has_single;         /* a rata unica (installment 0) is offered */
	size_t nrate;            /* installments 1..n (0 if only the rata unica) */
	es_cents total;          /* the rata unica amount, else the sum of installments */
	es_date due;             /* the rata unica due date, else the first installment's */
	/* The first row, by column, for placeholders ({tax}, {sanction|money}). */
	size_t ncols;
	const char *const *colnames;
	const char *const *values;
	/* All the rows of the notice, for the rejects file. */
	size_t nrows;
	const char *const *const *rows;   /* rows[i][0..ncols-1] */
	const uint64_t *lines;
	const char *source;
} es_render_notice;

typedef struct es_render_reader es_render_reader;

typedef struct es_render_reader_opts {
	bool decimal_comma;      /* amounts as 1234,50 */
} es_render_reader_opts;

/* Open a notices CSV ("-" = stdin); ES_EDATA if a required column is
 * missing (notice_id, act_type, tax_code, name, address, subject_text,
 * installment, notice_number, amount, due_date; pec is optional). */
es_render_reader *es_render_reader_open(const char *path, const es_render_reader_opts *opts, es_err *err);
/* Next notice: ES_OK, ES_EOF, ES_EDATA (the notice is bad: *n is set so
 * that its rows can be rejected; reading goes on), or a fatal error. */
es_rc es_render_reader_next(es_render_reader *r, const es_render_notice **n, es_err *err);
const char *const *es_render_reader_header(const es_render_reader *r, size_t *ncols);
void es_render_reader_close(es_render_reader *r);

/* ---- layout decisions (pure functions, unit-tested) ---- */

typedef enum es_render_layout {
	ES_RENDER_LAYOUT_SINGLE = 0,   /* one payable item (rata unica or one installment) */
	ES_RENDER_LAYOUT_GROUPED = 1,  /* 2..many-1 installments in rows of 2 or 3 */
	ES_RENDER_LAYOUT_MANY = 2      /* >= many installments: the compact grid */
} es_render_layout;

/* many: the threshold (the guide: 9). */
es_render_layout es_render_layout_for(size_t nrate, size_t many);
const char *es_render_layout_name(es_render_layout l);
/* Split n installments into rows of 3 and 2 (pagopa.md §3.4): 4 -> 2,2;
 * 5 -> 3,2; 7 -> 3,2,2.  Writes at most max sizes; returns the row count. */
size_t es_render_group_rows(size_t n, int *sizes, size_t max);
/* Split an address into at most max lines of at most width characters
 * (UTF-8 characters): first at commas, then at spaces.  Lines are malloc'd
 * into lines[] (caller frees each); returns the count.  Text that does not
 * fit goes into the last line, which may then be longer than width. */
size_t es_render_address_lines(const char *address, size_t width, char **lines, size_t max);

/* ---- the document ---- */

typedef struct es_render_doc es_render_doc;

typedef struct es_render_doc_opts {
	const char *template_name;   /* force one template for every notice, or NULL */
	const char *lang;            /* "it" (default), "de", "en" */
	bool decimal_comma;          /* {col|money} columns as 1234,50 */
} es_render_doc_opts;

/* Fonts, the logo and the templates' cache for one run.  ES_ECONFIG for a
 * bad logo or template. */
es_render_doc *es_render_doc_new(const es_ente *ente, const es_render_doc_opts *opts, es_err *err);
void es_render_doc_free(es_render_doc *d);

/* Start a PDF on out (not owned: close it after es_render_doc_end). */
es_rc es_render_doc_begin(es_render_doc *d, es_out *out, es_err *err);
/* Finish the PDF started by es_render_doc_begin (ES_EIO on a write error). */
es_rc es_render_doc_end(es_render_doc *d, es_err *err);

typedef struct es_render_result {
	int pages;
	es_render_layout layout;
	const char *template_name;
} es_render_result;

/* Render one notice as pages of the current PDF.  Everything that depends
 * on the data (template, placeholders, payloads) is checked before the
 * first page is drawn: ES_EDATA leaves the PDF untouched. */
es_rc es_render_notice_draw(es_render_doc *d, const es_render_notice *n, es_render_result *res, es_err *err);

/* The template a notice would use (loaded and cached). */
const es_render_tmpl *es_render_doc_template(es_render_doc *d, const char *act_type, es_err *err);

/* Text fitting, exposed for tests: the font size (pt) at which text fits a
 * box of w x h mm in the template's role font (role: "name", "address",
 * ...), never below the role's minimum size; *lines and *height_mm describe
 * the result, *fits is false if even the minimum size overflows (the text
 * is then ellipsized on its last line). */
typedef struct es_render_fit {
	double size_pt;
	int lines;
	double width_mm;       /* the widest line */
	double height_mm;
	bool fits;
} es_render_fit;
es_rc es_render_fit_text(es_render_doc *d, const es_render_tmpl *t, const char *role, const char *text,
                         double w_mm, double h_mm, es_render_fit *fit, es_err *err);

#endif
