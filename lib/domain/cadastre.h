/* cadastre.h: the Agenzia delle Entrate cadastral supply ("fornitura dati
 * catastali censuari", DOC. ES-23-IS-05): one record line -> typed values.
 *
 * The files (.FAB buildings, .TER land, .SOG subjects, .TIT titles) have no
 * header; each line is one record, fields separated by '|' with no quoting.
 * The parser works by position with a minimum field count per record type
 * (esattore-cadastre(5)); higher positions are optional, extra trailing
 * fields are ignored (es_cadastre_rec.extra_field names the first non-empty
 * one so that the caller can warn).  Lines must already be UTF-8 without the
 * line end: es_cadastre_to_utf8 converts the Windows-1252 bytes of the
 * supply.
 *
 * Values are kept as the file gives them, with these normalisations:
 *   - sezione: a blank (" ") or empty sezione is "";
 *   - codice diritto (TIT field 7) is NEVER trimmed: "30" and "30 " differ;
 *   - amounts (rendita, redditi) are cents; consistenza is hundredths;
 *   - dates DDMMYYYY become es_date; empty, "00000000" and the impianto
 *     sentinel (a year before 1800, e.g. "01010001") are ES_DATE_NONE, the
 *     latter flagged in es_cadastre_atto.impianto;
 *   - foglio, numero and subalterno keep their zero padding here;
 *     es_cadastre_strip_zeros gives the form used in keys.
 *
 * Ownership: es_cadastre_parser_new returns a parser freed with
 * es_cadastre_parser_free.  Every string and group array in the
 * es_cadastre_rec filled by es_cadastre_parse belongs to the parser and is
 * valid until the next es_cadastre_parse on the same parser.  Strings are
 * never NULL (an absent field is ""). */
#ifndef ES_DOMAIN_CADASTRE_H
#define ES_DOMAIN_CADASTRE_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"

/* Which file of the supply a line comes from. */
typedef enum es_cadastre_file {
	ES_CADASTRE_FILE_UNKNOWN = 0,
	ES_CADASTRE_FILE_FAB,
	ES_CADASTRE_FILE_TER,
	ES_CADASTRE_FILE_SOG,
	ES_CADASTRE_FILE_TIT,
	ES_CADASTRE_FILE_PRM,       /* parametri della richiesta: layout not published, skipped */
	ES_CADASTRE_FILE_SUP        /* superfici: layout not published, unsupported */
} es_cadastre_file;

/* The kind by file name extension (case-insensitive, a trailing ".gz" is
 * ignored): "L706_1234.FAB.gz" is FAB. */
es_cadastre_file es_cadastre_file_from_name(const char *path);
/* The kind guessed from the content of one line (stdin, unknown names):
 * field 4 'F' -> FAB, 'T' -> TER, 'P'/'G' with field 6 'F'/'T' and at
 * least 20 fields -> TIT, else 'P'/'G' -> SOG. */
es_cadastre_file es_cadastre_file_guess(const char *line);
const char *es_cadastre_file_name(es_cadastre_file f);   /* "FAB", ... */

typedef enum es_cadastre_rtype {
	ES_CADASTRE_FAB1 = 1,      /* caratteristiche (classamento, rendita, atti) */
	ES_CADASTRE_FAB2,          /* identificativi (groups of 6) */
	ES_CADASTRE_FAB3,          /* indirizzi (groups of 6) */
	ES_CADASTRE_FAB4,          /* utilita comuni (groups of 5) */
	ES_CADASTRE_FAB5,          /* riserve (groups of 2) */
	ES_CADASTRE_TER1,          /* caratteristiche della particella */
	ES_CADASTRE_TER2,          /* deduzioni (groups of 1) */
	ES_CADASTRE_TER3,          /* riserve (groups of 2) */
	ES_CADASTRE_TER4,          /* porzioni (groups of 6, or 8 since SIT) */
	ES_CADASTRE_SOG_P,         /* persona fisica */
	ES_CADASTRE_SOG_G,         /* persona giuridica */
	ES_CADASTRE_TIT            /* titolarita */
} es_cadastre_rtype;

/* An atto (generante or conclusivo): the deed that opened or closed a
 * situation or a title. */
typedef struct es_cadastre_atto {
	es_date efficacia;          /* data di efficacia / di validita */
	es_date registrazione;      /* data di registrazione in atti */
	bool impianto;              /* efficacia was the impianto sentinel (year < 1800) */
	const char *tipo_nota;      /* see data/cadastre_tipo_nota.csv */
	const char *numero_nota;
	const char *progressivo_nota;
	const char *anno_nota;
	const char *causale;        /* since 2007 ("" before) */
	const char *descrizione;    /* since 2007 */
} es_cadastre_atto;

/* FAB record 2 group, and the identificativo of TER record 1. */
typedef struct es_cadastre_ident {
	const char *sezione_urbana;
	const char *foglio;
	const char *numero;
	const char *denominatore;
	const char *subalterno;
	const char *edificialita;
} es_cadastre_ident;

/* FAB record 3 group. */
typedef struct es_cadastre_address {
	const char *toponimo;       /* numeric code, data/cadastre_toponimi.csv */
	const char *indirizzo;
	const char *civico1, *civico2, *civico3;
	const char *codice_strada;
} es_cadastre_address;

/* FAB record 4 group (a common part the unit shares). */
typedef struct es_cadastre_utility {
	const char *sezione_urbana, *foglio, *numero, *denominatore, *subalterno;
} es_cadastre_utility;

/* FAB record 5 and TER record 3 group. */
typedef struct es_cadastre_riserva {
	const char *codice;
	const char *partita;
} es_cadastre_riserva;

/* TER record 4 group. */
typedef struct es_cadastre_porzione {
	const char *id;             /* "AA", "AB", ... */
	const char *qualita;
	const char *classe;
	int64_t area_m2;            /* ettari*10000 + are*100 + centiare */
	bool has_redditi;           /* SIT-era 8-field group */
	es_cents reddito_dominicale;  /* -1 when absent */
	es_cents reddito_agrario;     /* -1 when absent */
} es_cadastre_porzione;

typedef struct es_cadastre_fab1 {
	const char *zona;
	const char *categoria;      /* "A02"; "" = no classamento */
	const char *classe;
	const char *consistenza;    /* verbatim ("6,5") */
	int64_t consistenza_x100;   /* 650; -1 when empty */
	int64_t superficie;         /* m2, -1 when empty */
	es_cents rendita;           /* cents, -1 when empty */
	const char *lotto, *edificio, *scala, *interno1, *interno2;
	const char *piano[4];
	es_cadastre_atto generante, conclusivo;
	const char *partita;        /* numeric or a partita speciale (A, C, R, 0) */
	const char *annotazione;
	const char *mutazione_iniziale, *mutazione_finale;
	const char *protocollo_notifica;
	es_date data_notifica;
	const char *flag_classamento;   /* since 2007 */
} es_cadastre_fab1;

typedef struct es_cadastre_ter1 {
	es_cadastre_ident ident;    /* sezione_urbana is "" */
	const char *qualita;
	const char *classe;
	int64_t area_m2;            /* ettari*10000 + are*100 + centiare */
	const char *flag_reddito, *flag_porzione, *flag_deduzioni;
	es_cents reddito_dominicale;  /* cents, -1 when empty */
	es_cents reddito_agrario;     /* cents, -1 when empty */
	es_cadastre_atto generante, conclusivo;
	const char *partita;
	const char *annotazione;
	const char *mutazione_iniziale, *mutazione_finale;
} es_cadastre_ter1;

typedef struct es_cadastre_sog {
	/* P */
	const char *cognome, *nome;
	const char *sesso;          /* "1" M, "2" F, "0" unknown */
	es_date data_nascita;
	const char *luogo_nascita;  /* Belfiore code */
	const char *indicazioni;
	/* G */
	const char *denominazione;
	const char *sede;           /* Belfiore code */
	/* both */
	const char *codice_fiscale; /* verbatim; may be empty or invalid */
} es_cadastre_sog;

typedef struct es_cadastre_tit {
	const char *subject_id;     /* identificativo soggetto */
	char subject_kind;          /* 'P' or 'G' */
	const char *unit_id;        /* identificativo immobile */
	char unit_kind;             /* 'F' or 'T' */
	const char *diritto;        /* VERBATIM, trailing blanks kept */
	const char *titolo;         /* titolo non codificato (free text) */
	int64_t quota_num, quota_den;   /* 0/0 is common: see esattore-cadastre(5) */
	const char *regime;         /* C, D, P, S or "" */
	const char *soggetto_rif;   /* the other spouse for the regime; "" or "0" if none */
	es_cadastre_atto generante, conclusivo;
	const char *partita;
	const char *mutazione_iniziale, *mutazione_finale;
	const char *id_titolarita;  /* since 2001 */
} es_cadastre_tit;

/* Warnings about a parsed record (not reasons to reject it). */
enum {
	ES_CADASTRE_W_BAD_DATE = 1u << 0,       /* a secondary date was malformed: set to none */
	ES_CADASTRE_W_PORZIONI = 1u << 1,       /* TER 4 groups of 6 or 8 fields undecidable: groups skipped */
	ES_CADASTRE_W_GROUP_TAIL = 1u << 2      /* a repeating group was cut short: partial group kept */
};

typedef struct es_cadastre_rec {
	es_cadastre_rtype type;
	size_t nfields;             /* fields on the line, a trailing empty one included */
	size_t extra_field;         /* 1-based position of the first non-empty field beyond
	                               the known layout, 0 if none */
	unsigned warnings;          /* ES_CADASTRE_W_* */
	const char *warning_field;  /* the field a warning is about, for messages */
	const char *belfiore;       /* codice amministrativo */
	const char *sezione;        /* sezione censuaria, "" if blank */
	const char *id;             /* identificativo immobile (FAB, TER) or soggetto (SOG) */
	int progressivo;            /* FAB, TER: situation number; 0 otherwise */
	union {
		es_cadastre_fab1 fab1;
		es_cadastre_ter1 ter1;
		es_cadastre_sog sog;
		es_cadastre_tit tit;
	} u;
	/* Repeating groups (FAB 2-5, TER 2-4): ngroups elements of the array
	 * for the record type; the others are NULL. */
	size_t ngroups;
	const es_cadastre_ident *idents;        /* FAB2 */
	const es_cadastre_address *addresses;   /* FAB3 */
	const es_cadastre_utility *utilities;   /* FAB4 */
	const es_cadastre_riserva *riserve;     /* FAB5, TER3 */
	const char *const *deduzioni;           /* TER2 */
	const es_cadastre_porzione *porzioni;   /* TER4 */
} es_cadastre_rec;

typedef struct es_cadastre_parser es_cadastre_parser;

es_cadastre_parser *es_cadastre_parser_new(es_err *err);
void es_cadastre_parser_free(es_cadastre_parser *p);

/* Parse one line (UTF-8, no line end) of a file of kind `file` into *rec.
 * ES_OK, or ES_EDATA with a message naming the field ("field 13 (rendita):
 * '12a' is not an amount") when the line cannot be used; ES_ENOMEM. */
es_rc es_cadastre_parse(es_cadastre_parser *p, es_cadastre_file file, const char *line, size_t len,
                        es_cadastre_rec *rec, es_err *err);

/* Minimum field counts (esattore-cadastre(5)). */
#define ES_CADASTRE_MIN_FAB1 40
#define ES_CADASTRE_MIN_TER1 39
#define ES_CADASTRE_MIN_SOG_P 11
#define ES_CADASTRE_MIN_SOG_G 7
#define ES_CADASTRE_MIN_TIT 27

/* Convert the Windows-1252 bytes of a supply line to UTF-8.  Pure ASCII is
 * returned as is (*out = in, no copy).  Otherwise *out points into conv's
 * buffer, valid until the next call.  The converter is created with
 * es_cadastre_conv_new and freed with es_cadastre_conv_free. */
typedef struct es_cadastre_conv es_cadastre_conv;
es_cadastre_conv *es_cadastre_conv_new(es_err *err);
void es_cadastre_conv_free(es_cadastre_conv *c);
es_rc es_cadastre_to_utf8(es_cadastre_conv *c, const char *in, size_t len, const char **out,
                          size_t *outlen, es_err *err);

/* Copy s to buf with leading zeros removed ("0012" -> "12", "0000" -> "0",
 * "" -> ""); a value that is not all digits is copied as is.  Returns buf. */
char *es_cadastre_strip_zeros(const char *s, char *buf, size_t bufsz);

/* The key of a unit: "<belfiore><sezione>-<kind>-<id>", e.g. "B157-F-12345678"
 * (sezione "") or "B157A-T-87654".  Returns false if it does not fit bufsz. */
bool es_cadastre_unit_key(const char *belfiore, const char *sezione, char kind, const char *id,
                          char *buf, size_t bufsz);
/* The key of a subject: "<belfiore>-<kind>-<id>" ("B157-P-900001").  The
 * sezione is not part of it: subjects are per comune. */
bool es_cadastre_subject_key(const char *belfiore, char kind, const char *id, char *buf, size_t bufsz);
#define ES_CADASTRE_KEY_MAX 64

/* ---- code tables and per-record checks ----
 *
 * The decode tables of data/ (cadastre_categories, cadastre_rights,
 * cadastre_tipo_nota, cadastre_partite_speciali, cadastre_toponimi) indexed
 * for lookups.  es_cadastre_codes_load loads them with es_table_load; the
 * caller frees the result with es_cadastre_codes_free.  Strings returned by
 * the lookups belong to it. */
struct es_table;
typedef struct es_cadastre_codes es_cadastre_codes;

es_cadastre_codes *es_cadastre_codes_load(es_err *err);
/* From tables already loaded (tests); the tables are owned by the result. */
es_cadastre_codes *es_cadastre_codes_new(struct es_table *categories, struct es_table *rights,
                                         struct es_table *tipo_nota, struct es_table *partite,
                                         struct es_table *toponimi, es_err *err);
void es_cadastre_codes_free(es_cadastre_codes *c);

/* The description of a right code (verbatim, "30 " != "30"), NULL if unknown. */
const char *es_cadastre_right_name(const es_cadastre_codes *c, const char *code);
/* Must the shares of this right on a unit sum to 1 (sum_check = yes)? */
bool es_cadastre_right_sums(const es_cadastre_codes *c, const char *code);
/* The name of a toponimo code ("236" -> "VIA"), NULL if unknown. */
const char *es_cadastre_toponimo(const es_cadastre_codes *c, const char *code);

/* The address of a FAB record 3 group as one line: "VIA ROMA 12", civici
 * 2 and 3 after a '/' ("VIA ROMA 12/A").  Returns false if it does not fit. */
bool es_cadastre_address_format(const es_cadastre_codes *c, const es_cadastre_address *a, char *buf,
                                size_t bufsz);

/* A data-quality finding about one record: check is a short name listed in
 * esattore-cadastre(5) ("invalid_tax_code", "unknown_right", ...). */
typedef void (*es_cadastre_finding_fn)(void *ctx, const char *check, const char *detail);

/* The checks of one parsed record: codice fiscale, category, right, tipo
 * nota and partita against the tables, extra trailing fields, secondary
 * dates, porzioni.  Findings are warnings, never rejections. */
void es_cadastre_check(const es_cadastre_codes *c, const es_cadastre_rec *rec, es_cadastre_finding_fn fn,
                       void *ctx);

#endif
