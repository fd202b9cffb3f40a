/* f24.h: the F24 supply of the Agenzia delle Entrate to municipalities
 * ("fornitura versamenti F24 ai Comuni"), f24-supply(5).
 *
 * Fixed-length records of 300 characters, ISO-8859-1, CRLF or LF:
 *   A1 start of a municipality's flow      Z1 end of it, with record counts
 *   G1 one row of the "IMU e altri tributi locali" section of an F24
 *   G2 credit ordered to the treasury or to IFEL
 *   G3 recovery of a negative balance      G4 advance of budget funds
 *   G5 outcome of the credit (CRO, IBAN, ...)
 *   G9 cancellation / restoration of a delega's payments
 * A0 and Z9 (role unknown) are recognised and carry no fields.
 * Positions are those of shared/domain/f24-supply.md §3 (1-based there).
 *
 * es_f24_parse turns one line into an es_f24_record: numbers are checked
 * digit by digit, amounts become es_cents, dates es_date (all zeros, all
 * nines or all spaces: ES_DATE_NONE), text is right-trimmed and converted
 * from ISO-8859-1 to UTF-8.  A bad field is ES_EDATA with a message naming
 * the record type, the field and its positions.
 *
 * Ownership: es_f24_parser_new returns a parser the caller frees with
 * es_f24_parser_free.  An es_f24_record is a plain value (fixed buffers):
 * the caller owns it, nothing to free. */
#ifndef ES_DOMAIN_F24_H
#define ES_DOMAIN_F24_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"

#define ES_F24_RECLEN 300

typedef enum es_f24_type {
	ES_F24_UNKNOWN = 0,
	ES_F24_A0, ES_F24_A1,
	ES_F24_G1, ES_F24_G2, ES_F24_G3, ES_F24_G4, ES_F24_G5, ES_F24_G9,
	ES_F24_Z1, ES_F24_Z9
} es_f24_type;

/* "G1" etc.; "??" for ES_F24_UNKNOWN. */
const char *es_f24_type_name(es_f24_type t);

/* Layout of G1 positions 149-203 (f24-supply.md §8 point 1). */
typedef enum es_f24_name_layout {
	ES_F24_NAME_WEBRED = 0,   /* 55-character name (the default) */
	ES_F24_NAME_TR4 = 1       /* 39-character name + 16-character original CF */
} es_f24_name_layout;

/* UTF-8 buffers: an ISO-8859-1 byte is at most 2 UTF-8 bytes. */
#define ES_F24_TXT(n) (2 * (n) + 1)

/* The common key, positions 3-30. */
typedef struct es_f24_key {
	es_date fornitura;         /* 3-10 */
	int prog_fornitura;        /* 11-12 */
	es_date ripartizione;      /* 13-20 */
	int prog_ripartizione;     /* 21-22 */
	es_date bonifico;          /* 23-30; G3: 99999999 = none */
} es_f24_key;

typedef struct es_f24_g1 {
	es_f24_key key;
	int delega;                /* 31-36 progressivo delega */
	int riga;                  /* 37-38 progressivo riga */
	char ente[6];              /* 39-43 codice ente (ABI, 07601 Poste, 99999 Internet) */
	char tipo_ente;            /* 44 B C P I */
	char cab[6];               /* 45-49 */
	char cf[17];               /* 50-65 codice fiscale (or 11-digit P.IVA), trimmed */
	char cf_error;             /* 66 '0' = validated */
	es_date riscossione;       /* 67-74 data riscossione */
	char belfiore[5];          /* 75-78 */
	char tributo[5];           /* 79-82 codice tributo */
	char tributo_error;        /* 83 */
	char rateazione[5];        /* 84-87 NNRR */
	int anno;                  /* 88-91 */
	char anno_error;           /* 92 */
	char valuta[4];            /* 93-95 */
	es_cents debito;           /* 96-110 */
	es_cents credito;          /* 111-125 */
	bool ravvedimento;         /* 126 */
	bool immobili_variati;     /* 127 */
	bool acconto;              /* 128 */
	bool saldo;                /* 129 */
	int num_immobili;          /* 130-132 */
	char ici_error;            /* 133 */
	es_cents detrazione;       /* 134-148 */
	char name_raw[ES_F24_TXT(55)];  /* 149-203 as given */
	char surname[ES_F24_TXT(55)];   /* per the name layout */
	char cf_orig[ES_F24_TXT(16)];   /* TR4 layout only: 188-203 */
	char first_name[ES_F24_TXT(20)];/* 204-223 */
	char sex;                  /* 224 */
	es_date birth_date;        /* 225-232 */
	char birth_place[ES_F24_TXT(25)]; /* 233-257 */
	char birth_province[ES_F24_TXT(2)]; /* 258-259 */
	char tipo_imposta;         /* 260 */
	char cf2[17];              /* 261-276 second CF */
	char cf2_code[3];          /* 277-278 */
	char operation_id[ES_F24_TXT(18)]; /* 279-296 identificativo operazione */
} es_f24_g1;

typedef struct es_f24_g2 {
	es_f24_key key;
	char stato;                /* 38 A B C, ' ' = not given */
	char beneficiario[5];      /* 39-42 Belfiore or "IFEL" */
	char valuta[4];            /* 43-45 */
	es_cents importo;          /* 46-60 */
	char tipo_imposta;         /* 61 */
	es_date data_mandato;      /* 62-69 (TR4 only; may be NONE) */
	int prog_mandato;          /* 70-71 (0 if blank) */
} es_f24_g2;

typedef struct es_f24_g3 {
	es_f24_key key;            /* bonifico NONE for 99999999 */
	char belfiore[5];          /* 39-42 */
	char valuta[4];            /* 43-45 */
	es_cents importo;          /* 46-60 */
	char periodo_orig[7];      /* 61-66 AAAAMM as given */
	int prog_rip_orig;         /* 67-70 */
	es_date bonifico_orig;     /* 71-78 */
	char tipo_imposta;         /* 79 */
	char tipo_recupero[4];     /* 80-82 */
	char descrizione[ES_F24_TXT(200)]; /* 83-282 */
} es_f24_g3;

typedef struct es_f24_g4 {
	es_f24_key key;
	char belfiore[5];          /* 39-42 */
	char valuta[4];            /* 43-45 */
	es_cents importo;          /* 46-60 */
	char tipo_imposta;         /* 61 */
} es_f24_g4;

typedef struct es_f24_g5 {
	es_date fornitura;         /* 3-10 */
	int prog_fornitura;        /* 11-12 */
	char stato;                /* 38 A finalizzato, B scartato, C stornato, D riemesso, ' ' */
	char belfiore[5];          /* 39-42 */
	char valuta[4];            /* 43-45 */
	es_cents importo;          /* 46-60 */
	char cro[12];              /* 61-71 */
	es_date accreditamento;    /* 72-79 */
	es_date rip_orig;          /* 80-87 */
	int prog_rip_orig;         /* 88-89 */
	es_date bonifico_orig;     /* 90-97 */
	char tipo_imposta;         /* 98 */
	char iban[35];             /* 99-132 */
	char sezione[4];           /* 133-135 */
	char conto[7];             /* 136-141 */
	char movimento[15];        /* 142-155 */
	char descrizione[ES_F24_TXT(45)]; /* 156-200 */
	es_date storno;            /* 201-208 */
	es_date elab_nuova;        /* 209-216 */
	int prog_elab_nuova;       /* 217-218 */
} es_f24_g5;

typedef struct es_f24_g9 {
	es_date fornitura;         /* 3-10 */
	int prog_fornitura;        /* 11-12 */
	es_date rip_orig;          /* 39-46 */
	int prog_rip_orig;         /* 47-48 */
	es_date bonifico_orig;     /* 49-56 */
	char ente[6];              /* 57-61 */
	char raw62[6];             /* 62-66 unknown content, kept raw */
	char cf[17];               /* 67-82 */
	es_date riscossione;       /* 83-90 */
	char belfiore[5];          /* 91-94 */
	char tributo[5];           /* 95-98 */
	int anno;                  /* 99-102 */
	char valuta[4];            /* 103-105 */
	es_cents debito;           /* 106-120 */
	es_cents credito;          /* 121-135 */
	char tipo_operazione;      /* 136 'A' annullamento, 'R' ripristino */
	es_date data_operazione;   /* 137-144 */
	char tipo_imposta;         /* 145 */
} es_f24_g9;

#define ES_F24_ZCOUNTS 6        /* G1 G2 G3 G4 G5 G9 */

typedef struct es_f24_z1 {
	es_date fornitura;         /* 3-10 */
	int prog_fornitura;        /* 11-12 */
	char trasmissione[3];      /* 39-40 */
	char valuta[4];            /* 41-43 */
	char belfiore[5];          /* 44-47 */
	char intermediario[4];     /* 48-50 */
	char file_id[ES_F24_TXT(24)]; /* 56-79 */
	long counts[ES_F24_ZCOUNTS];  /* 80-121: G1, G2, G3, G4, G5, G9 */
	long total;                /* 122-128 */
} es_f24_z1;

typedef struct es_f24_a1 {
	es_date fornitura;         /* 3-10 (NONE if not a date: A1 layout unknown) */
	int prog_fornitura;        /* 11-12 (-1 if not digits) */
} es_f24_a1;

typedef struct es_f24_record {
	es_f24_type type;
	bool padded;               /* the line was shorter than 300 and padded */
	bool long_line;            /* the line was longer than 300: the rest ignored */
	union {
		es_f24_a1 a1;
		es_f24_g1 g1;
		es_f24_g2 g2;
		es_f24_g3 g3;
		es_f24_g4 g4;
		es_f24_g5 g5;
		es_f24_g9 g9;
		es_f24_z1 z1;
	} u;
} es_f24_record;

typedef struct es_f24_parser es_f24_parser;

es_f24_parser *es_f24_parser_new(es_f24_name_layout layout, es_err *err);
void es_f24_parser_free(es_f24_parser *p);

/* The shortest line accepted for a record type (the end of its last field
 * that the reconciliation needs); a line between that and 300 characters is
 * padded with spaces (rec->padded), a shorter one is ES_EDATA "truncated". */
size_t es_f24_min_length(es_f24_type t);

/* Parse one line (without its line end) of len bytes into *rec. */
es_rc es_f24_parse(es_f24_parser *p, const char *line, size_t len, es_f24_record *rec, es_err *err);

/* Is the line blank (spaces, or a DOS end-of-file ^Z)?  Blank lines are not records. */
bool es_f24_blank_line(const char *line, size_t len);

/* Net amount of a payment row: debito - credito (TR4's importo_lordo). */
static inline es_cents
es_f24_g1_net(const es_f24_g1 *g1)
{
	return g1->debito - g1->credito;
}

/* Acconto/saldo decode of positions 128-129 (S-TR4c): "acconto", "saldo"
 * or "unica" (both or neither ticked). */
const char *es_f24_g1_instalment_kind(const es_f24_g1 *g1);

/* The stable payment_id of a G1 row (payments.h): the webred key of the
 * row (f24-supply.md §5.2) with the Belfiore code in front,
 * "F24-<belfiore>-<ripartizione><prog>-<bonifico>-<fornitura><prog>-<delega>-<riga>",
 * dates as AAAAMMGG, e.g. "F24-F205-2025010801-20250107-2025011001-000123-01".
 * The ripartizione and bonifico come first so that a G9, which names them
 * but not the delega, finds its candidates by prefix. */
#define ES_F24_ID_BUFSZ 64
char *es_f24_payment_id(const es_f24_g1 *g1, char out[ES_F24_ID_BUFSZ]);

/* A date as AAAAMMGG ("00000000" for ES_DATE_NONE), out >= 9 bytes. */
char *es_f24_date_compact(es_date d, char out[9]);

/* Heuristic for the name layout (§8 point 1): does a G1's 149-203 area look
 * like a 39-character name followed by a codice fiscale at 188-203 (TR4),
 * or a name spilling over 187 (webred)?  Returns the layout the raw bytes
 * suggest, or -1 when the row does not tell (short name, blank tail). */
int es_f24_guess_name_layout(const char *line, size_t len);

#endif
