/* taxid.h: Italian taxpayer identifiers.
 *
 * codice fiscale of a person: 16 characters, the last a check letter, with
 * "omocodia" letters (L M N P Q R S T U V for 0..9) allowed in the seven
 * digit positions (7, 8, 10, 11, 13, 14, 15, 1-based).
 * partita IVA / codice fiscale of a company: 11 digits, the last a check
 * digit (Luhn-style). */
#ifndef ES_TYPES_TAXID_H
#define ES_TYPES_TAXID_H

#include "es_setup.h"
#include "types/error.h"

typedef enum es_taxid_kind {
	ES_TAXID_INVALID = 0,
	ES_TAXID_PERSON = 1,    /* 16-character codice fiscale */
	ES_TAXID_COMPANY = 2    /* 11-digit codice fiscale / partita IVA */
} es_taxid_kind;

/* The check character of the first 15 characters of a person's codice
 * fiscale (upper or lower case); '\0' if they are not of the right form. */
char es_cf_check_char(const char *first15);
/* Validate a 16-character codice fiscale (case-insensitive); ES_EDATA with
 * a message saying what is wrong (length, character at position k, check). */
es_rc es_cf_validate(const char *cf, es_err *err);
/* The check digit of the first 10 digits of a partita IVA; -1 if not digits. */
int es_piva_check_digit(const char *first10);
es_rc es_piva_validate(const char *piva, es_err *err);
/* Which kind s is, validating it; ES_TAXID_INVALID if neither. */
es_taxid_kind es_taxid_classify(const char *s);
/* Copy s to out (>= 17 bytes) upper-cased and with spaces trimmed (all
 * blanks are dropped: a tax id has none).  Returns out, or NULL (and out
 * set to "") if the result does not fit: never a truncated copy. */
char *es_taxid_normalise(const char *s, char *out, size_t outsz);

#endif
