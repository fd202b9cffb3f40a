/* pseudonym.h: keyed pseudonyms for personal data (--pseudonymise KEY).
 *
 * A codice fiscale or a name is replaced by HMAC-SHA256(KEY, value) in
 * lowercase hex (64 characters), through GLib's GHmac.  The same key gives
 * the same pseudonym for the same value, so analysts can still join and
 * count; without the key the value cannot be recovered or confirmed by
 * hashing guesses (GDPR art. 4(5) pseudonymisation).  The value is taken as
 * it is stored, after removing leading and trailing blanks and folding
 * ASCII letters to upper case, so "rssmra..." and "RSSMRA..." agree.  An
 * empty value stays empty.
 *
 * The key is the caller's: it is never written anywhere. */
#ifndef ES_DOMAIN_PSEUDONYM_H
#define ES_DOMAIN_PSEUDONYM_H

#include "es_setup.h"
#include "types/error.h"

#define ES_PSEUDONYM_LEN 64
#define ES_PSEUDONYM_BUFSZ (ES_PSEUDONYM_LEN + 1)

/* Into out (ES_PSEUDONYM_BUFSZ bytes).  An empty key is ES_ECONFIG. */
es_rc es_pseudonym(const char *key, const char *value, char *out, es_err *err);

/* Is a column of this name personal data to pseudonymise?  tax_code,
 * codice_fiscale, subject_id, name, surname, denomination, act_id and
 * parent_act_id (act ids embed the codice fiscale), and any name
 * ending in _tax_code or _name. */
bool es_pseudonym_column(const char *colname);
/* Other direct identifiers, emptied rather than pseudonymised: address,
 * pec, email, birth_date, birth_place, seat, sex. */
bool es_pseudonym_drop_column(const char *colname);

#endif
