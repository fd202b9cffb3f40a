/* esattore.h: the public header of libesattore.
 *
 * Conventions (esattore(7), DESIGN.md):
 *   - every public name is es_<module>_<verb> (types: es_<name>);
 *   - functions that can fail return es_rc and fill an es_err (types/error.h);
 *     they never print and never exit: only programs do;
 *   - the header that defines a type says who frees it;
 *   - money is es_cents (int64_t), never floating point;
 *   - dependencies point down: store -> domain -> io, rules -> types. */
#ifndef ESATTORE_H
#define ESATTORE_H

#include "es_setup.h"
#include "types/error.h"
#include "types/money.h"
#include "types/date.h"
#include "types/taxid.h"
#include "types/nav.h"
#include "io/stream.h"
#include "io/csv.h"
#include "io/diag.h"
#include "rules.h"
#include "store/ledger.h"

#endif
