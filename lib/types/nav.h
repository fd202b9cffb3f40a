/* nav.h: pagoPA numbers: the 18-digit notice number (NAV, "codice avviso"),
 * the IUV, the QR-code payload, and the ISO 11649 "RF" creditor reference.
 * The rules are in shared/domain/pagopa.md §1-§2.  Strings are written into
 * caller buffers of the stated sizes: nothing to free. */
#ifndef ES_TYPES_NAV_H
#define ES_TYPES_NAV_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"

#define ES_NAV_LEN 18
#define ES_NAV_BUFSZ 19       /* 18 digits + NUL */
#define ES_NAV_PRINT_BUFSZ 23 /* "3010 0000 0000 0123 73" + NUL */
#define ES_IUV_BUFSZ 36       /* IUVs are at most 35 characters */

/* The mod-93 check digits of the first 16 digits of a NAV (0..92); -1 if
 * they are not 16 digits.  On failure the functions below leave "" in out. */
int es_nav_check_digits(const char *first16);

/* Build a NAV.  aux 0: code = 2-digit application code, base = 13 digits;
 * aux 3: code = 2-digit segregation code, base = 13 digits; aux 2: code
 * NULL, base = 15 digits; aux 1: code NULL, base = 17 digits (no check). */
es_rc es_nav_build(int aux, const char *code, const char *base, char out[ES_NAV_BUFSZ], es_err *err);
/* Convenience for issuance (aux 3): segregation code 0..99 and a sequence
 * number 0 .. 10^13-1 zero-padded as the 13-digit IUV base. */
es_rc es_nav_from_sequence(int segregation, uint64_t seq, char out[ES_NAV_BUFSZ], es_err *err);
/* Validate an 18-digit NAV: digits, a known aux digit, check digits where
 * the layout has them. */
es_rc es_nav_validate(const char *nav, es_err *err);
/* NAV -> IUV (aux 0: NAV[3..17]; aux 1, 2, 3: NAV[1..17]). */
es_rc es_nav_to_iuv(const char *nav, char out[ES_IUV_BUFSZ], es_err *err);
/* IUV -> NAV: aux 3 and 2 need only the IUV (17 digits: "3" + IUV is tried
 * as aux 3 first); a 15-digit aux-0 IUV needs the application code. */
es_rc es_iuv_to_nav(const char *iuv, const char *application_code, char out[ES_NAV_BUFSZ], es_err *err);
/* "3010 0000 0000 0123 73" */
char *es_nav_format_print(const char *nav, char out[ES_NAV_PRINT_BUFSZ]);

/* QR payload "PAGOPA|002|<NAV>|<CF ente, 11>|<cents, 10 digits>" (52
 * characters; pagopa.md §2.1 recommends the 10-digit padding).  Amounts
 * above 99,999,999.99 or below 0.01 are ES_EDATA. */
#define ES_QR_BUFSZ 64
es_rc es_nav_qr_payload(const char *nav, const char *cf_ente, es_cents amount, char out[ES_QR_BUFSZ], es_err *err);

/* Poste "Bollettino PA" DataMatrix payload, 256 characters (pagopa.md §2.2). */
#define ES_DATAMATRIX_BUFSZ 257
es_rc es_nav_datamatrix_payload(const char *nav, const char *postal_account, es_cents amount,
                                const char *cf_ente, const char *debtor_cf, const char *debtor_name,
                                const char *subject, char out[ES_DATAMATRIX_BUFSZ], es_err *err);

/* ISO 11649 creditor reference: "RF" + 2 check digits + reference (1..21
 * alphanumerics).  es_rf_build writes it compact (no spaces). */
#define ES_RF_BUFSZ 26
es_rc es_rf_build(const char *reference, char out[ES_RF_BUFSZ], es_err *err);
/* Validate "RF..." (spaces allowed and ignored, case-insensitive). */
es_rc es_rf_validate(const char *rf, es_err *err);

#endif
