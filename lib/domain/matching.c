/* matching.c: the hash-based payment matcher (see matching.h).
 *
 * Layout for speed: every string is interned once in one growing arena and
 * referred to by a 32-bit offset; positions and installments are arrays of
 * small structs; indexes are open-addressing tables of (hash, index)
 * pairs.  Matching a payment hashes one or two keys and touches a few
 * cache lines: no allocation per payment except the payment_id itself,
 * which is interned to detect repeated ids.  Those cache lines are
 * misses in tables of millions of entries: es_matcher_prefetch and
 * es_matcher_prefetch_dues take them for a batch of rows at once. */
#include "es_setup.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "domain/matching.h"
#include "domain/opi.h"
#include "types/nav.h"

#define NONE UINT32_MAX
#define MAX_NOTE 512

/* F24 rows are rounded to whole euro (L. 296/2006 c. 166, es_money_round_euro):
 * a sum of rounded rows may differ from the sum of the dues by less than a
 * euro, so cumulative F24 amounts within 99 cents of an installment
 * boundary count as paying it exactly. */
#define F24_TOLERANCE ((es_cents)100 - 1)

const char *
es_alloc_status_name(es_alloc_status s)
{
	static const char *const names[] = { "MATCHED", "PARTIAL", "OVERPAID", "UNMATCHED", "DUPLICATE" };

	return (unsigned)s < ES_ARRAY_LEN(names) ? names[s] : "UNMATCHED";
}

const char *
es_recon_name(es_recon r)
{
	static const char *const names[] = { "", "COMPLETE", "PAID_NOT_REPORTED", "REPORTED_NOT_CREDITED",
	                                     "AMOUNT_DIFFERS", "UNKNOWN_CREDIT" };

	return (unsigned)r < ES_ARRAY_LEN(names) ? names[r] : "";
}

/* The hash tables are probed at random: ask for transparent huge pages
 * for them, so that a probe does not also miss the TLB (a hint; ignored
 * where unsupported).  Not for the arrays of positions, installments and
 * strings, filled in order: there huge pages measured slower (each costs
 * a 2 MiB zeroing, often a compaction, at its first touch). */
static void
hint_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), e = ((uintptr_t)p + n) & ~(huge - 1);

	if (n >= 2 * huge && e > a)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

/* --- interned strings --- */

typedef struct strtab {
	char *buf;
	size_t len, cap;
} strtab;

static uint32_t
str_intern(strtab *t, const char *s, size_t n)
{
	size_t need = t->len + n + 1, off;

	if (need > UINT32_MAX - 1)
		return NONE;
	if (need > t->cap) {
		size_t cap = t->cap ? t->cap : 1u << 16;
		char *b;

		while (cap < need)
			cap *= 2;
		b = realloc(t->buf, cap);
		if (b == NULL)
			return NONE;
		t->buf = b;
		t->cap = cap;
	}
	off = t->len;
	memcpy(t->buf + off, s, n);
	t->buf[off + n] = '\0';
	t->len = need;
	return (uint32_t)off;
}

#define STR(m, off) ((off) == NONE ? "" : (m)->str.buf + (off))

/* --- hashing and open-addressing tables --- */

static uint64_t
hash_bytes(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = seed ^ (n * UINT64_C(0x9E3779B97F4A7C15));

	while (n >= 8) {
		uint64_t k;

		memcpy(&k, s, 8);
		h = (h ^ (k * UINT64_C(0xBF58476D1CE4E5B9))) * UINT64_C(0x94D049BB133111EB);
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	if (n > 0) {
		uint64_t k = 0;

		memcpy(&k, s, n);
		h = (h ^ (k * UINT64_C(0xBF58476D1CE4E5B9))) * UINT64_C(0x94D049BB133111EB);
	}
	h ^= h >> 32;
	h *= UINT64_C(0xD6E8FEB86659FD93);
	h ^= h >> 32;
	return h;
}

static uint64_t
hash_str(const char *s)
{
	return hash_bytes(s, strlen(s), 0);
}

static uint64_t
hash_u64(uint64_t k)
{
	k ^= k >> 33;
	k *= UINT64_C(0xFF51AFD7ED558CCD);
	k ^= k >> 33;
	k *= UINT64_C(0xC4CEB9FE1A85EC53);
	k ^= k >> 33;
	return k;
}

typedef struct slot {
	uint32_t val;
	uint32_t tag;      /* high half of the hash */
} slot;

/* Linear probing over any capacity (not only powers of two, so a table
 * sized from a count is no larger than its load factor asks: the tables
 * are touched at random and every page of them costs). */
typedef struct htab {
	slot *s;
	size_t cap;        /* slots, 0 when empty */
	size_t n;
} htab;

#define HTAB_MIN 1024

/* The table keeps at most 3/4 of its slots full. */
static inline bool
htab_fits(size_t n, size_t cap)
{
	return n * 4 <= cap * 3;
}

/* Buckets are chosen from the 32-bit tag (the high half of the key's
 * hash), so the table can be rebuilt without the keys: the tag is mixed
 * again and mapped onto [0, cap) by a multiply (Lemire's reduction). */
static inline size_t
bucket_of(size_t cap, uint32_t tag)
{
	return (size_t)(((hash_u64(tag) >> 32) * (uint64_t)cap) >> 32);
}

static inline size_t
slot_next(const htab *h, size_t i)
{
	return i + 1 == h->cap ? 0 : i + 1;
}

static bool
htab_resize(htab *h, size_t cap)
{
	size_t oldcap = h->cap, i, j;
	slot *ns, *old = h->s;

	if (cap < HTAB_MIN)
		cap = HTAB_MIN;
	if (cap > (size_t)UINT32_MAX)
		return false;
	ns = malloc(cap * sizeof *ns);
	if (ns == NULL)
		return false;
	hint_huge(ns, cap * sizeof *ns);
	for (i = 0; i < cap; i++)
		ns[i].val = NONE;
	for (i = 0; i < oldcap; i++) {
		if (old[i].val == NONE)
			continue;
		j = bucket_of(cap, old[i].tag);
		while (ns[j].val != NONE)
			j = j + 1 == cap ? 0 : j + 1;
		ns[j] = old[i];
	}
	free(old);
	h->s = ns;
	h->cap = cap;
	return true;
}

static bool
htab_grow(htab *h)
{
	return htab_resize(h, h->cap * 2);
}

static inline uint32_t
tag_of(uint64_t hv)
{
	return (uint32_t)(hv >> 32);
}

static inline size_t
bucket(const htab *h, uint32_t tag)
{
	return bucket_of(h->cap, tag);
}

/* Insert val under hash hv (no duplicate check: callers look up first). */
static bool
htab_put(htab *h, uint64_t hv, uint32_t val)
{
	uint32_t tag = tag_of(hv);
	size_t i;

	if (!htab_fits(h->n + 1, h->cap) && !htab_grow(h))
		return false;
	i = bucket(h, tag);
	while (h->s[i].val != NONE)
		i = slot_next(h, i);
	h->s[i].val = val;
	h->s[i].tag = tag;
	h->n++;
	return true;
}

/* Iterate the candidates of hash hv: start with *it = (size_t)-1. */
static inline uint32_t
htab_next(const htab *h, uint64_t hv, size_t *it)
{
	uint32_t tag = tag_of(hv);
	size_t i;

	if (h->cap == 0)
		return NONE;
	i = *it == (size_t)-1 ? bucket(h, tag) : slot_next(h, *it);
	for (; h->s[i].val != NONE; i = slot_next(h, i)) {
		if (h->s[i].tag == tag) {
			*it = i;
			return h->s[i].val;
		}
	}
	*it = i;
	return NONE;
}

/* Batches for prefetching (es_matcher_prefetch, es_matcher_seal). */
#define PF_MAX 64

/* Where loads made only to bring data into the cache leave their sum. */
static volatile uint32_t pf_sink;

static void
htab_free(htab *h)
{
	free(h->s);
	memset(h, 0, sizeof *h);
}

/* --- sets of payment_ids, as 64-bit fingerprints --- */

/* The payment_ids seen in this run and those final in earlier runs are
 * only ever asked "is it there?": a set of 64-bit fingerprints answers
 * with 8 bytes per id instead of the id itself (a city's night has
 * millions of them).  Two different ids share a fingerprint with odds of
 * about n^2 / 2^65: 3e-6 for the 11 million payments of a Milan night. */
typedef struct fpset {
	uint64_t *s;       /* 0 = empty; the lowest bit is a tag (FP_KNOWN) */
	size_t cap, n;
} fpset;

#define FP_KNOWN UINT64_C(1)

/* The fingerprint: 63 bits, the lowest clear for the tag. */
static inline uint64_t
fp_of(const char *pid)
{
	uint64_t h = hash_bytes(pid, strlen(pid), UINT64_C(0x5851F42D4C957F2D)) & ~FP_KNOWN;

	return h != 0 ? h : 2;
}

static inline size_t
fp_bucket(size_t cap, uint64_t fp)
{
	return (size_t)(((hash_u64(fp & ~FP_KNOWN) >> 32) * (uint64_t)cap) >> 32);
}

static bool
fpset_resize(fpset *f, size_t cap)
{
	uint64_t *ns;
	size_t i, j;

	if (cap < HTAB_MIN)
		cap = HTAB_MIN;
	if (cap > (size_t)UINT32_MAX)
		return false;
	/* Cleared now, in order (as htab_resize does): left to calloc, each
	 * page would fault twice at random during matching, read then written. */
	ns = malloc(cap * sizeof *ns);
	if (ns == NULL)
		return false;
	hint_huge(ns, cap * sizeof *ns);
	memset(ns, 0, cap * sizeof *ns);
	for (i = 0; i < f->cap; i++) {
		if (f->s[i] == 0)
			continue;
		for (j = fp_bucket(cap, f->s[i]); ns[j] != 0; j = j + 1 == cap ? 0 : j + 1)
			;
		ns[j] = f->s[i];
	}
	free(f->s);
	f->s = ns;
	f->cap = cap;
	return true;
}

static bool
fpset_reserve(fpset *f, size_t n)
{
	if (htab_fits(n + 1, f->cap))
		return true;
	return fpset_resize(f, (n + 1) / 3 * 4 + 4);
}

/* fp as stored (with its tag), or 0. */
static uint64_t
fpset_get(const fpset *f, uint64_t fp)
{
	size_t i;

	if (f->cap == 0)
		return 0;
	for (i = fp_bucket(f->cap, fp); f->s[i] != 0; i = i + 1 == f->cap ? 0 : i + 1)
		if ((f->s[i] & ~FP_KNOWN) == fp)
			return f->s[i];
	return 0;
}

static inline bool
fpset_has(const fpset *f, uint64_t fp)
{
	return fpset_get(f, fp) != 0;
}

/* Add fp with its tag: false if it was there already (with either tag);
 * *nomem on failure. */
static bool
fpset_add(fpset *f, uint64_t fp, bool *nomem)
{
	uint64_t key = fp & ~FP_KNOWN;
	size_t i;

	*nomem = false;
	if (!htab_fits(f->n + 1, f->cap) && !fpset_resize(f, f->cap * 2)) {
		*nomem = true;
		return false;
	}
	for (i = fp_bucket(f->cap, key); f->s[i] != 0; i = i + 1 == f->cap ? 0 : i + 1)
		if ((f->s[i] & ~FP_KNOWN) == key)
			return false;
	f->s[i] = fp;
	f->n++;
	return true;
}

static void
fpset_free(fpset *f)
{
	free(f->s);
	memset(f, 0, sizeof *f);
}

/* The last payments of a position are named in a DUPLICATE's note: their
 * ids are kept, counted, while a position refers to them (at most two per
 * position), not for the whole run.  Each is a 32-byte cell: the longest
 * tail of the id that fits, packed a digit or '-' a nibble, any other
 * character three (an escape and its byte), and the head before it
 * interned once ("F" of "F24-M999-...", "PAGOPA-<idFlusso>" of a flow's
 * items).  A position names a cell by its index + 1 (0: none). */
#define PID_NIBBLES 48

typedef struct pidcell {
	uint32_t head;           /* interned head, or NONE; free: the next free cell + 1 */
	uint16_t refs;           /* 0: free */
	uint8_t nchars;          /* characters in the tail */
	uint8_t pad;
	uint8_t tail[PID_NIBBLES / 2];
} pidcell;

/* The nibble of a character packed as it is, + 1: a digit 0-9, '-' 10;
 * 0 for any other character (escaped). */
static const uint8_t nibble1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['-'] = 11
};

static inline int
pid_nibble(char ch)
{
	return (int)nibble1[(unsigned char)ch] - 1;
}

static inline void
put_nibble(uint8_t *t, size_t k, unsigned v)
{
	if (k % 2 == 0)
		t[k / 2] = (uint8_t)(v << 4);
	else
		t[k / 2] |= (uint8_t)v;
}

static inline unsigned
get_nibble(const uint8_t *t, size_t k)
{
	return k % 2 == 0 ? t[k / 2] >> 4 : t[k / 2] & 15u;
}

/* --- the model --- */

typedef struct pos {
	uint32_t id;             /* interned position_id, or NONE: "<tax_code>-<tax>-<year>" */
	uint32_t tax_code, tax;
	int32_t year;
	uint32_t inst0;          /* first installment; the list is in installment order */
	uint32_t next_subj;      /* next position of the same tax_code */
	uint16_t ninst;          /* installments (at most UINT16_MAX counted: it is only compared with 1) */
	uint16_t nrounded;       /* F24 rows allocated to its group (each rounded to the euro) */
	uint16_t nrows;          /* F24 rows of its own (not spilt from its group) */
	uint8_t last_accsal;     /* the acconto/saldo flag of the last payment (accsal_code) */
	uint8_t prev_accsal;     /* and of the one before */
	uint32_t last_payment;   /* the id of the last payment (a pidcell + 1), or 0 */
	uint32_t prev_payment;   /* and of the one before */
	es_cents due, paid, overpaid, last_amount, prev_amount;
} pos;

typedef struct inst {
	uint32_t pos;
	uint32_t next;           /* next installment of the position, or NONE */
	int32_t number;
	es_date due_date;
	uint32_t nav, iuv;
	es_cents due, paid;
} inst;

typedef struct manual {
	uint32_t payment_id;
	uint32_t pos;
	int32_t inst;            /* -1: the position */
	es_cents amount;         /* < 0: the whole payment */
} manual;

/* A flow item in the IUV index of the flows (see flow_index). */
typedef struct flowref {
	uint32_t flow, item;     /* the flow, and the item's place in it */
	uint32_t iuv;            /* offset in m->fstr */
	es_cents amount;
} flowref;

/* A flow item paid by a receipt allocated earlier in the run. */
typedef struct receipt {
	uint64_t key;            /* flow << 32 | item */
	char *pid;               /* the receipt's payment_id (owned) */
} receipt;

typedef struct credit {
	es_match_payment p;      /* strings owned (strdup) */
	char *client_cf;
	es_causale c;
	uint32_t flow;           /* linked flow, or NONE */
	bool linked_by_prefix;
	char note[MAX_NOTE];
} credit;

typedef struct f24block {
	char date[16];           /* data ripartizione, YYYY-MM-DD */
	char ref[96];
	es_cents amount;
	bool used;
} f24block;

/* A flow is held whole (es_matcher_add_flow) or, read from a file
 * (es_matcher_add_flow_file), as its header only: its items are read
 * again, one at a time, when they are needed. */
typedef struct flow {
	es_fdr *f;               /* f->items NULL when streamed */
	uint32_t credit;         /* the treasury credit that pays it, or NONE */
	bool dropped;
	bool streamed;
} flow;

struct es_matcher {
	strtab str;
	pos *pos;
	size_t npos, cappos;
	inst *inst;
	size_t ninst, capinst;
	manual *man;
	size_t nman, capman;
	flow *flows;
	size_t nflows, capflows;
	credit *credits;
	size_t ncredits, capcredits;
	size_t credits_linked;   /* credits[0..credits_linked) are linked */
	f24block *blocks;
	size_t nblocks, capblocks;
	flowref *frefs;          /* the IUV index of the flows' items, built */
	size_t nfrefs, capfrefs; /* when a pagoPA receipt first needs it */
	strtab fstr;             /* its IUVs */
	bool findexed;
	receipt *receipts;
	size_t nreceipts, capreceipts;
	htab by_receipt;         /* flow << 32 | item -> receipt */
	htab by_subject;         /* tax_code -> first position */
	htab by_id;              /* position_id -> position */
	uint32_t taxes[32];      /* interned tax names (IMU, TARI, ...): few, shared */
	size_t ntaxes;
	uint32_t last_pos;       /* the position of the previous due (dues come grouped) */
	htab by_nav, by_iuv;     /* notice -> installment */
	char **collided;         /* ids whose fingerprint was another's (exact) */
	size_t ncollided, capcollided;
	fpset seen;              /* payment_ids of this run, and (tagged FP_KNOWN) */
	size_t nknown;           /* those final in earlier runs */
	size_t reserve_ids;      /* es_matcher_reserve's payments, for seal */
	fpset credit_pids;       /* "PAGOPA-..." ids of credits, while flows are finished */
	pidcell *cells;          /* ids of the last payments of positions */
	size_t ncells, capcells;
	uint32_t free_cell;      /* first free cell + 1, or 0 */
	htab by_head;            /* their heads */
	uint32_t last_head;      /* the head found last (pid_new), or NONE */
	size_t last_head_len;
	char pidbuf[1024];
	htab by_manual;          /* payment_id -> manual */
	htab by_flow_iuv;        /* IUV -> flowref */
	bool sealed;
	bool iuv_indexed;        /* by_iuv is built (on first use) */
	uint8_t *nav_shared;     /* a bit per installment: another has its notice number */
	es_date as_of;
	int acconto_window;      /* days; < 0: an acconto's year is never moved ahead */
	char note[MAX_NOTE];
	char idbuf[256];
	char idbuf2[256];
};

static bool
grow(void **p, size_t *cap, size_t n, size_t size)
{
	void *np;
	size_t nc;

	if (n < *cap)
		return true;
	nc = *cap ? *cap * 2 : 256;
	np = realloc(*p, nc * size);
	if (np == NULL)
		return false;
	*p = np;
	*cap = nc;
	return true;
}

es_matcher *
es_matcher_new(es_err *err)
{
	es_matcher *m = calloc(1, sizeof *m);

	if (m == NULL) {
		es_err_set(err, ES_ENOMEM, "out of memory");
		return NULL;
	}
	m->as_of = ES_DATE_NONE;
	m->acconto_window = ES_MATCH_ACCONTO_WINDOW;
	m->last_pos = NONE;
	m->last_head = NONE;
	return m;
}

void
es_matcher_free(es_matcher *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->ncollided; i++)
		free(m->collided[i]);
	free(m->collided);
	free(m->str.buf);
	free(m->cells);
	htab_free(&m->by_head);
	free(m->pos);
	free(m->inst);
	free(m->man);
	for (i = 0; i < m->nflows; i++)
		es_fdr_free(m->flows[i].f);
	for (i = 0; i < m->nreceipts; i++)
		free(m->receipts[i].pid);
	free(m->receipts);
	htab_free(&m->by_receipt);
	free(m->fstr.buf);
	free(m->flows);
	for (i = 0; i < m->ncredits; i++) {
		credit *c = &m->credits[i];

		free((char *)c->p.payment_id);
		free((char *)c->p.source);
		free((char *)c->p.source_ref);
		free((char *)c->p.causale);
		free((char *)c->p.tax_code);
		free(c->client_cf);
	}
	free(m->credits);
	free(m->frefs);
	free(m->blocks);
	htab_free(&m->by_subject);
	htab_free(&m->by_id);
	htab_free(&m->by_nav);
	htab_free(&m->by_iuv);
	free(m->nav_shared);
	fpset_free(&m->seen);
	fpset_free(&m->credit_pids);
	htab_free(&m->by_manual);
	htab_free(&m->by_flow_iuv);
	free(m);
}

static bool
htab_reserve(htab *h, size_t n)
{
	if (htab_fits(n + 1, h->cap))
		return true;
	return htab_resize(h, (n + 1) / 3 * 4 + 4);
}

es_rc
es_matcher_reserve(es_matcher *m, size_t dues, size_t payments, size_t bytes, es_err *err)
{
	/* Capacities only: untouched memory costs nothing but address space. */
	if (dues > m->cappos) {
		pos *p = realloc(m->pos, dues * sizeof *p);

		if (p == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		m->pos = p;
		m->cappos = dues;
	}
	if (dues > m->capinst) {
		inst *i = realloc(m->inst, dues * sizeof *i);

		if (i == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		m->inst = i;
		m->capinst = dues;
	}
	if (bytes > m->str.cap && bytes < UINT32_MAX) {
		char *b = realloc(m->str.buf, bytes);

		if (b == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		m->str.buf = b;
		m->str.cap = bytes;
	}
	/* The notices are indexed when the dues are sealed, in a table of
	 * their exact size. */
	if (!htab_reserve(&m->by_subject, dues / 2))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	/* The payments' table is made when the dues are sealed: not on top
	 * of what loading the dues takes (a ledger's query sorts them all). */
	m->reserve_ids = payments;
	return ES_OK;
}

void
es_matcher_set_as_of(es_matcher *m, es_date as_of)
{
	m->as_of = as_of;
}

void
es_matcher_set_acconto_window(es_matcher *m, int days)
{
	m->acconto_window = days;
}

size_t
es_matcher_npositions(const es_matcher *m)
{
	return m->npos;
}

/* strcasecmp(s, name) == 0, for an ASCII name: the first bytes, which
 * can differ only in their case bit, are looked at before the call (the
 * tools run in the C locale: nothing calls setlocale). */
static inline bool
is_name(const char *s, const char *name)
{
	return ((unsigned char)(s[0] ^ name[0]) & ~0x20u) == 0 && strcasecmp(s, name) == 0;
}

static inline const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

/* The position_id of p: as given, or "<tax_code>-<tax>-<year>" written
 * into buf. */
static const char *
pos_id(const es_matcher *m, uint32_t p, char *buf, size_t bufsz)
{
	const pos *P = &m->pos[p];

	const char *tc, *tax;
	size_t a, b;

	if (P->id != NONE)
		return STR(m, P->id);
	/* Called for every allocation: assembled by hand, not by snprintf. */
	tc = STR(m, P->tax_code);
	tax = STR(m, P->tax);
	a = strlen(tc);
	b = strlen(tax);
	if (a + b + 8 > bufsz || P->year < 1000 || P->year > 9999) {
		snprintf(buf, bufsz, "%s-%s-%d", tc, tax, P->year);
		return buf;
	}
	memcpy(buf, tc, a);
	buf[a] = '-';
	memcpy(buf + a + 1, tax, b);
	buf[a + 1 + b] = '-';
	buf[a + b + 2] = (char)('0' + P->year / 1000);
	buf[a + b + 3] = (char)('0' + P->year / 100 % 10);
	buf[a + b + 4] = (char)('0' + P->year / 10 % 10);
	buf[a + b + 5] = (char)('0' + P->year % 10);
	buf[a + b + 6] = '\0';
	return buf;
}

static uint32_t find_tax_year(const es_matcher *m, const char *tax_code, const char *tax, int year,
                              es_cents tolerance);

static uint32_t
find_by_id(const es_matcher *m, const char *id)
{
	uint64_t hv = hash_str(id);
	size_t it = (size_t)-1;
	uint32_t v;
	const char *d1, *d2;
	char tc[64], tax[32];
	long year;

	while ((v = htab_next(&m->by_id, hv, &it)) != NONE)
		if (strcmp(STR(m, m->pos[v].id), id) == 0)
			return v;
	/* A synthesized id "<tax_code>-<tax>-<year>". */
	d2 = strrchr(id, '-');
	if (d2 == NULL || d2 == id)
		return NONE;
	for (d1 = d2 - 1; d1 > id && *d1 != '-'; d1--)
		;
	if (*d1 != '-' || (size_t)(d1 - id) >= sizeof tc || (size_t)(d2 - d1 - 1) >= sizeof tax)
		return NONE;
	memcpy(tc, id, (size_t)(d1 - id));
	tc[d1 - id] = '\0';
	memcpy(tax, d1 + 1, (size_t)(d2 - d1 - 1));
	tax[d2 - d1 - 1] = '\0';
	year = strtol(d2 + 1, NULL, 10);
	v = find_tax_year(m, tc, tax, (int)year, 0);
	return v != NONE && m->pos[v].id == NONE ? v : NONE;
}

static uint32_t
subject_head(const es_matcher *m, const char *tax_code)
{
	uint64_t hv = hash_str(tax_code);
	size_t it = (size_t)-1;
	uint32_t v;

	while ((v = htab_next(&m->by_subject, hv, &it)) != NONE)
		if (strcmp(STR(m, m->pos[v].tax_code), tax_code) == 0)
			return v;
	return NONE;
}

static uint32_t
intern_tax(es_matcher *m, const char *tax)
{
	size_t k;
	uint32_t off;

	for (k = 0; k < m->ntaxes; k++)
		if (STR(m, m->taxes[k])[0] == tax[0] && strcmp(STR(m, m->taxes[k]), tax) == 0)
			return m->taxes[k];
	off = str_intern(&m->str, tax, strlen(tax));
	if (off != NONE && m->ntaxes < ES_ARRAY_LEN(m->taxes))
		m->taxes[m->ntaxes++] = off;
	return off;
}

es_rc
es_matcher_add_due(es_matcher *m, const es_match_due *d, es_err *err)
{
	const char *tc = nz(d->tax_code), *tax = nz(d->tax), *nav = nz(d->notice_number), *iuv = nz(d->iuv);
	const char *given = nz(d->position_id);
	uint32_t p = NONE, head = NONE, i = NONE, v;
	pos *P;
	inst *I;

	if (m->sealed)
		return es_err_set(err, ES_EINTERNAL, "es_matcher_add_due after seal");
	if (tc[0] == '\0')
		return es_err_set(err, ES_EDATA, "empty tax_code");
	if (tax[0] == '\0')
		return es_err_set(err, ES_EDATA, "empty tax");
	if (nav[0] != '\0' && strlen(nav) != ES_NAV_LEN)
		return es_err_set(err, ES_EDATA, "notice_number '%s' is not 18 digits", nav);
	/* Dues come grouped by position: try the previous one first. */
	if (m->last_pos != NONE) {
		P = &m->pos[m->last_pos];
		if (P->year == d->year && strcmp(STR(m, P->tax_code), tc) == 0 && strcmp(STR(m, P->tax), tax) == 0
		    && (given[0] == '\0' ? P->id == NONE : P->id != NONE && strcmp(STR(m, P->id), given) == 0))
			p = m->last_pos;
	}
	if (p == NONE) {
		head = subject_head(m, tc);
		if (given[0] != '\0') {
			uint64_t hv = hash_str(given);
			size_t it = (size_t)-1;

			while ((v = htab_next(&m->by_id, hv, &it)) != NONE)
				if (strcmp(STR(m, m->pos[v].id), given) == 0) {
					p = v;
					break;
				}
			if (p != NONE && (strcmp(STR(m, m->pos[p].tax_code), tc) != 0
			                  || strcmp(STR(m, m->pos[p].tax), tax) != 0 || m->pos[p].year != d->year))
				return es_err_set(err, ES_EDATA, "position %s has another tax_code, tax or year", given);
		} else {
			for (v = head; v != NONE; v = m->pos[v].next_subj)
				if (m->pos[v].id == NONE && m->pos[v].year == d->year
				    && strcmp(STR(m, m->pos[v].tax), tax) == 0) {
					p = v;
					break;
				}
		}
	}
	if (p == NONE) {
		uint32_t last;

		if (!grow((void **)&m->pos, &m->cappos, m->npos, sizeof *m->pos))
			return es_err_set(err, ES_ENOMEM, "out of memory");
		p = (uint32_t)m->npos;
		P = &m->pos[p];
		memset(P, 0, sizeof *P);
		P->id = given[0] != '\0' ? str_intern(&m->str, given, strlen(given)) : NONE;
		P->tax_code = head != NONE ? m->pos[head].tax_code : str_intern(&m->str, tc, strlen(tc));
		P->tax = intern_tax(m, tax);
		if ((given[0] != '\0' && P->id == NONE) || P->tax_code == NONE || P->tax == NONE)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		P->year = d->year;
		P->next_subj = NONE;
		P->last_payment = 0;
		P->prev_payment = 0;
		P->inst0 = NONE;
		m->npos++;
		if (given[0] != '\0' && !htab_put(&m->by_id, hash_str(given), p))
			return es_err_set(err, ES_ENOMEM, "out of memory");
		if (head == NONE) {
			if (!htab_put(&m->by_subject, hash_str(tc), p))
				return es_err_set(err, ES_ENOMEM, "out of memory");
		} else {
			for (last = head; m->pos[last].next_subj != NONE; last = m->pos[last].next_subj)
				;
			m->pos[last].next_subj = p;
		}
	}
	m->last_pos = p;
	/* The installment: a short list per position while loading. */
	for (v = m->pos[p].inst0; v != NONE; v = m->inst[v].next)
		if (m->inst[v].number == d->installment) {
			i = v;
			break;
		}
	if (i == NONE) {
		if (!grow((void **)&m->inst, &m->capinst, m->ninst, sizeof *m->inst))
			return es_err_set(err, ES_ENOMEM, "out of memory");
		i = (uint32_t)m->ninst++;
		I = &m->inst[i];
		memset(I, 0, sizeof *I);
		I->pos = p;
		I->number = d->installment;
		I->due_date = d->due_date;
		I->nav = I->iuv = NONE;
		/* Keep the list in installment order (it has a handful of entries). */
		{
			uint32_t *link = &m->pos[p].inst0;

			while (*link != NONE && m->inst[*link].number < d->installment)
				link = &m->inst[*link].next;
			I->next = *link;
			*link = i;
		}
		if (m->pos[p].ninst < UINT16_MAX)
			m->pos[p].ninst++;
	}
	I = &m->inst[i];
	if (nav[0] != '\0') {
		if (I->nav == NONE) {
			I->nav = str_intern(&m->str, nav, strlen(nav));
			if (I->nav == NONE)
				return es_err_set(err, ES_ENOMEM, "out of memory");
		} else if (strcmp(STR(m, I->nav), nav) != 0) {
			return es_err_set(err, ES_EDATA, "installment %d of %s already has notice %s, not %s",
			                  d->installment, pos_id(m, p, m->idbuf, sizeof m->idbuf), STR(m, I->nav), nav);
		}
	}
	if (iuv[0] != '\0' && I->iuv == NONE) {
		/* Usually the IUV is the NAV's own suffix (nav.h: aux 0 drops
		 * three digits, aux 1, 2, 3 one): point into the NAV. */
		uint32_t off = I->nav != NONE ? I->nav + (STR(m, I->nav)[0] == '0' ? 3 : 1) : NONE;

		if (off != NONE && strcmp(STR(m, off), iuv) == 0)
			I->iuv = off;
		else if ((I->iuv = str_intern(&m->str, iuv, strlen(iuv))) == NONE)
			return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	if (d->due_date != ES_DATE_NONE && (I->due_date == ES_DATE_NONE || d->due_date < I->due_date))
		I->due_date = d->due_date;
	/* Installment 0 is the single-payment alternative to installments
	 * 1..n: it does not add to what is due when installments exist. */
	I->due += d->amount;
	return ES_OK;
}

/* What the position owes in total: the sum of installments 1..n, or the
 * single payment when it is the only way to pay. */
static void
position_totals(es_matcher *m)
{
	size_t p;
	uint32_t k;

	for (p = 0; p < m->npos; p++) {
		pos *P = &m->pos[p];
		es_cents sum = 0, single = 0;
		bool has_numbered = false;

		for (k = P->inst0; k != NONE; k = m->inst[k].next) {
			inst *I = &m->inst[k];

			if (I->number == 0)
				single = I->due;
			else {
				sum += I->due;
				has_numbered = true;
			}
		}
		P->due = has_numbered ? sum : single;
	}
}

es_rc
es_matcher_seal(es_matcher *m, es_err *err)
{
	uint64_t hv_block[PF_MAX];
	size_t i;

	if (m->sealed)
		return ES_OK;
	if (!fpset_reserve(&m->seen, m->reserve_ids))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	position_totals(m);
	/* Notices by NAV and by IUV, in a table sized for them. */
	{
		size_t nnav = m->by_nav.n;

		for (i = 0; i < m->ninst; i++)
			nnav += m->inst[i].nav != NONE;
		m->nav_shared = calloc(m->ninst / 8 + 1, 1);
		if (m->nav_shared == NULL || !htab_reserve(&m->by_nav, nnav))
			return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	for (i = 0; i < m->ninst; i++) {
		inst *I = &m->inst[i];

		/* A block at a time: hash the block's notices and load their
		 * slots together (see pf_run), then insert. */
		if (i % PF_MAX == 0) {
			size_t k, e = i + PF_MAX < m->ninst ? i + PF_MAX : m->ninst;
			uint32_t acc = 0;

			for (k = i; k < e; k++)
				hv_block[k - i] = m->inst[k].nav != NONE ? hash_str(STR(m, m->inst[k].nav)) : 0;
			for (k = i; k < e; k++)
				if (m->inst[k].nav != NONE)
					acc += m->by_nav.s[bucket(&m->by_nav, tag_of(hv_block[k - i]))].val;
			pf_sink = acc;
		}
		if (I->nav != NONE) {
			size_t it = (size_t)-1;
			uint32_t v;

			/* A notice that pays several installments (TARI and TEFA)
			 * is marked, so that notice_insts looks for the others
			 * only then. */
			while ((v = htab_next(&m->by_nav, hv_block[i % PF_MAX], &it)) != NONE)
				if (strcmp(STR(m, m->inst[v].nav), STR(m, I->nav)) == 0) {
					m->nav_shared[v / 8] |= (uint8_t)(1u << (v % 8));
					m->nav_shared[i / 8] |= (uint8_t)(1u << (i % 8));
				}
			if (!htab_put(&m->by_nav, hv_block[i % PF_MAX], (uint32_t)i))
				return es_err_set(err, ES_ENOMEM, "out of memory");
			/* The IUV is a suffix of the NAV (nav.h: aux 0 drops three
			 * digits, aux 1, 2, 3 one): point into the NAV itself. */
			if (I->iuv == NONE)
				I->iuv = I->nav + (STR(m, I->nav)[0] == '0' ? 3 : 1);
		}
	}
	m->sealed = true;
	return ES_OK;
}

static uint32_t
find_inst(const es_matcher *m, const htab *h, const char *key, uint32_t field_off)
{
	uint64_t hv = hash_str(key);
	size_t it = (size_t)-1;
	uint32_t v;

	while ((v = htab_next(h, hv, &it)) != NONE) {
		const inst *I = &m->inst[v];
		uint32_t off = field_off == 0 ? I->nav : I->iuv;

		/* Equal as they are, the usual case, before any case. */
		if (strcmp(STR(m, off), key) == 0 || strcasecmp(STR(m, off), key) == 0)
			return v;
	}
	return NONE;
}

static uint32_t
find_nav(const es_matcher *m, const char *nav)
{
	return find_inst(m, &m->by_nav, nav, 0);
}

/* The IUV index is built on first use: a run whose payments all name
 * their notice number never needs it. */
static bool
ensure_iuv_index(es_matcher *m)
{
	size_t i;

	if (m->iuv_indexed)
		return true;
	if (!htab_reserve(&m->by_iuv, m->ninst))
		return false;
	for (i = 0; i < m->ninst; i++)
		if (m->inst[i].iuv != NONE && !htab_put(&m->by_iuv, hash_str(STR(m, m->inst[i].iuv)), (uint32_t)i))
			return false;
	m->iuv_indexed = true;
	return true;
}

static uint32_t
find_iuv(es_matcher *m, const char *iuv)
{
	uint64_t hv;
	size_t it = (size_t)-1;
	uint32_t v;

	if (!ensure_iuv_index(m))
		return NONE;

	/* IUVs are digits or RF references; RF references are compared
	 * without case (ISO 11649), so hash the upper-cased form. */
	hv = hash_str(iuv);
	while ((v = htab_next(&m->by_iuv, hv, &it)) != NONE)
		if (strcmp(STR(m, m->inst[v].iuv), iuv) == 0)
			return v;
	return NONE;
}

/* Distribute an amount over the installments of a position, earliest
 * first (or take it back, latest first, when negative). */
static void
spread(es_matcher *m, pos *P, es_cents amount)
{
	uint32_t k;

	if (amount >= 0) {
		for (k = P->inst0; k != NONE && amount > 0; k = m->inst[k].next) {
			inst *I = &m->inst[k];
			es_cents room;

			if (I->number == 0 && P->ninst > 1)
				continue;
			room = I->due - I->paid;
			if (room <= 0)
				continue;
			if (room > amount)
				room = amount;
			I->paid += room;
			amount -= room;
		}
	} else {
		/* Latest first: walk the (short) list once per step back. */
		while (amount < 0) {
			uint32_t last = NONE;
			es_cents back;

			for (k = P->inst0; k != NONE; k = m->inst[k].next)
				if (m->inst[k].paid > 0)
					last = k;
			if (last == NONE)
				break;
			back = m->inst[last].paid < -amount ? m->inst[last].paid : -amount;
			m->inst[last].paid -= back;
			amount += back;
		}
	}
}

es_rc
es_matcher_add_paid(es_matcher *m, const char *position_id, const char *notice_number, es_cents amount,
                    es_err *err)
{
	uint32_t p, i = NONE;

	if (!m->sealed)
		return es_err_set(err, ES_EINTERNAL, "es_matcher_add_paid before seal");
	p = find_by_id(m, nz(position_id));
	if (p == NONE)
		return es_err_set(err, ES_EDATA, "unknown position %s", nz(position_id));
	if (notice_number != NULL && notice_number[0] != '\0')
		i = find_nav(m, notice_number);
	m->pos[p].paid += amount;
	if (i != NONE && m->inst[i].pos == p && m->inst[i].number != 0)
		m->inst[i].paid += amount;
	else
		spread(m, &m->pos[p], amount);
	return ES_OK;
}

es_rc
es_matcher_add_known_payment(es_matcher *m, const char *payment_id, es_err *err)
{
	bool nomem;

	if (fpset_add(&m->seen, fp_of(payment_id) | FP_KNOWN, &nomem))
		m->nknown++;
	if (nomem)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	return ES_OK;
}

static uint32_t find_tax_year_exact(const es_matcher *m, const char *tax_code, const char *tax, int year,
                                    es_cents tolerance);
static uint32_t find_tax_year(const es_matcher *m, const char *tax_code, const char *tax, int year,
                              es_cents tolerance);

/* Whether the year written on p stands even though its position is
 * already paid.  A saldo or a payment in one go ("unica") made after its
 * year is a late payment of that year (with ravvedimento the year written
 * is the year the tax was due: f24-supply.md, G1 pos 88), and a second
 * one for a paid year is the taxpayer's duplicate, "the same
 * CF/tributo/anno/importo" (f24-supply.md §5.4): it stays on its year, a
 * DUPLICATE or OVERPAID there, not an advance on the year it was paid
 * in.  An acconto is due in its own year (art. 1 c. 762 L. 160/2019:
 * 16 June), so one written for an earlier, paid year is the wrong year.
 * Without the flag (streams other than f24-reconcile's) the year is
 * not believed, as before. */
static bool
year_believed(const es_match_payment *p)
{
	const char *f = p->acconto_saldo;

	return f != NULL && (strcasecmp(f, "saldo") == 0 || strcasecmp(f, "unica") == 0);
}

/* The position an acconto written for the year before really pays, or
 * NONE.  Taxpayers who copy last year's F24 keep its year (f24-supply.md
 * §5.4, "a plausible but wrong year").  The IMU is paid in an acconto due
 * 16 June and a saldo due 16 December (art. 1 c. 762 L. 160/2019): an
 * F24 IMU row flagged acconto only, without ravvedimento (a late payment
 * of the year written carries it: with ravvedimento the year written is
 * the year the tax was due), written for Y and paid in Y + 1, from
 * acconto_window days before the due date of Y + 1's acconto and before
 * its saldo is due, while what Y + 1 received is short of its acconto, is
 * Y + 1's acconto.  Paid earlier, or once that acconto is paid, or later
 * than that, it is a late acconto of the year written.  Years without an
 * acconto and a saldo in the dues, or without their due dates, keep the
 * year written. */
static uint32_t
acconto_year_ahead(const es_matcher *m, const es_match_payment *p, es_cents tol)
{
	const inst *acc = NULL, *saldo = NULL;
	const pos *P;
	int y, mo, d;
	uint32_t v, k;

	if (m->acconto_window < 0 || tol <= 0 || p->ravvedimento || p->paid_on == ES_DATE_NONE ||
	    p->acconto_saldo == NULL || !is_name(p->acconto_saldo, "acconto") || !is_name(p->tax, "IMU"))
		return NONE;
	es_date_to_ymd(p->paid_on, &y, &mo, &d);
	if (y != p->year + 1 || (v = find_tax_year(m, p->tax_code, p->tax, y, tol)) == NONE)
		return NONE;
	P = &m->pos[v];
	for (k = P->inst0; k != NONE; k = m->inst[k].next) {
		const inst *I = &m->inst[k];

		if (I->number == 1)
			acc = I;
		else if (I->number >= 2 && (saldo == NULL || I->number > saldo->number))
			saldo = I;
	}
	if (acc == NULL || saldo == NULL || acc->due_date == ES_DATE_NONE || saldo->due_date == ES_DATE_NONE)
		return NONE;
	if (P->paid + tol >= acc->due || p->paid_on < acc->due_date - m->acconto_window ||
	    p->paid_on >= saldo->due_date)
		return NONE;
	return v;
}

/* The first position of (tax_code, tax, year) still open, else the first.
 * The TEFA is due with the TARI, on the same notices (art. 19 D.Lgs.
 * 504/1992; compute-dues posts it as lines of the TARI position): an F24
 * TEFA line with no TEFA position of its own pays the TARI position. */
static uint32_t
find_tax_year(const es_matcher *m, const char *tax_code, const char *tax, int year, es_cents tolerance)
{
	uint32_t v = find_tax_year_exact(m, tax_code, tax, year, tolerance);

	if (v == NONE && is_name(tax, "TEFA"))
		v = find_tax_year_exact(m, tax_code, "TARI", year, tolerance);
	return v;
}

static uint32_t
find_tax_year_exact(const es_matcher *m, const char *tax_code, const char *tax, int year, es_cents tolerance)
{
	uint32_t v, first = NONE;

	for (v = subject_head(m, tax_code); v != NONE; v = m->pos[v].next_subj) {
		const pos *P = &m->pos[v];

		if (P->year != year || (strcmp(STR(m, P->tax), tax) != 0 && strcasecmp(STR(m, P->tax), tax) != 0))
			continue;
		if (first == NONE)
			first = v;
		if (P->due - P->paid > tolerance)
			return v;
	}
	return first;
}

es_rc
es_matcher_add_manual(es_matcher *m, const es_match_manual *mm, es_err *err)
{
	const char *pid = nz(mm->payment_id);
	uint64_t hv = hash_str(pid);
	size_t it = (size_t)-1;
	uint32_t v, p = NONE;
	int32_t inst_ix = -1;
	manual *M;

	if (!m->sealed)
		return es_err_set(err, ES_EINTERNAL, "es_matcher_add_manual before seal");
	if (pid[0] == '\0')
		return es_err_set(err, ES_EDATA, "empty payment_id");
	while ((v = htab_next(&m->by_manual, hv, &it)) != NONE)
		if (strcmp(STR(m, m->man[v].payment_id), pid) == 0)
			return es_err_set(err, ES_EDATA, "payment %s allocated manually twice", pid);
	if (mm->position_id != NULL && mm->position_id[0] != '\0') {
		p = find_by_id(m, mm->position_id);
		if (p == NONE)
			return es_err_set(err, ES_EDATA, "unknown position_id '%s'", mm->position_id);
	} else if (mm->notice_number != NULL && mm->notice_number[0] != '\0') {
		uint32_t i = find_nav(m, mm->notice_number);

		if (i == NONE)
			return es_err_set(err, ES_EDATA, "unknown notice_number '%s'", mm->notice_number);
		p = m->inst[i].pos;
		inst_ix = (int32_t)i;
	} else if (mm->tax_code != NULL && mm->tax_code[0] != '\0') {
		p = find_tax_year(m, mm->tax_code, nz(mm->tax), mm->year, 0);
		if (p == NONE)
			return es_err_set(err, ES_EDATA, "no dues for %s %s %d", mm->tax_code, nz(mm->tax), mm->year);
	} else {
		return es_err_set(err, ES_EDATA, "no position_id, notice_number or tax_code to allocate to");
	}
	if (!grow((void **)&m->man, &m->capman, m->nman, sizeof *m->man))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	M = &m->man[m->nman];
	M->payment_id = str_intern(&m->str, pid, strlen(pid));
	M->pos = p;
	M->inst = inst_ix;
	M->amount = mm->amount;
	if (M->payment_id == NONE || !htab_put(&m->by_manual, hv, (uint32_t)m->nman))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	m->nman++;
	return ES_OK;
}

/* --- ids of the last payments --- */

/* Keep pid in a cell (refs 0: the caller counts its reference): its index
 * + 1, or 0 when out of memory. */
static uint32_t
pid_new(es_matcher *m, const char *pid)
{
	size_t n = strlen(pid), split = n, cost = 0, k, j;
	uint32_t head = NONE, h;
	pidcell *c;

	/* The longest tail that packs into the cell. */
	while (split > 0 && n - split < 255) {
		size_t w = pid_nibble(pid[split - 1]) >= 0 ? 1 : 3;

		if (cost + w > PID_NIBBLES)
			break;
		cost += w;
		split--;
	}
	/* Ids of one source share their head ("F", "PA-"...): the last
	 * one found is tried first. */
	if (split > 0 && m->last_head != NONE && m->last_head_len == split
	    && memcmp(STR(m, m->last_head), pid, split) == 0) {
		head = m->last_head;
	} else if (split > 0) {
		uint64_t hv = hash_bytes(pid, split, 0);
		size_t it = (size_t)-1;
		uint32_t v;

		while ((v = htab_next(&m->by_head, hv, &it)) != NONE)
			if (strncmp(STR(m, v), pid, split) == 0 && STR(m, v)[split] == '\0') {
				head = v;
				break;
			}
		if (head == NONE) {
			head = str_intern(&m->str, pid, split);
			if (head == NONE || !htab_put(&m->by_head, hv, head))
				return 0;
		}
		m->last_head = head;
		m->last_head_len = split;
	}
	if (m->free_cell != 0) {
		h = m->free_cell;
		m->free_cell = m->cells[h - 1].head;
	} else {
		if (m->ncells >= UINT32_MAX - 1 || !grow((void **)&m->cells, &m->capcells, m->ncells, sizeof *m->cells))
			return 0;
		h = (uint32_t)++m->ncells;
	}
	c = &m->cells[h - 1];
	c->head = head;
	c->refs = 0;
	c->nchars = (uint8_t)(n - split);
	for (k = split, j = 0; k < n; k++) {
		int v = pid_nibble(pid[k]);

		if (v >= 0) {
			put_nibble(c->tail, j++, (unsigned)v);
		} else {
			put_nibble(c->tail, j++, 15);
			put_nibble(c->tail, j++, (unsigned char)pid[k] >> 4);
			put_nibble(c->tail, j++, (unsigned char)pid[k] & 15u);
		}
	}
	return h;
}

static void
pid_drop(es_matcher *m, uint32_t h)
{
	pidcell *c;

	if (h == 0)
		return;
	c = &m->cells[h - 1];
	if (--c->refs == 0) {
		c->head = m->free_cell;
		m->free_cell = h;
	}
}

/* The id in cell h, in m->pidbuf. */
static const char *
pid_str(es_matcher *m, uint32_t h)
{
	const pidcell *c = &m->cells[h - 1];
	size_t n = 0, k, j = 0;

	if (c->head != NONE) {
		n = strlen(STR(m, c->head));
		if (n > sizeof m->pidbuf - 256)
			n = sizeof m->pidbuf - 256;
		memcpy(m->pidbuf, STR(m, c->head), n);
	}
	for (k = 0; k < c->nchars; k++) {
		unsigned v = get_nibble(c->tail, j++);

		if (v < 10) {
			m->pidbuf[n++] = (char)('0' + v);
		} else if (v == 10) {
			m->pidbuf[n++] = '-';
		} else {
			unsigned hi = get_nibble(c->tail, j++);

			m->pidbuf[n++] = (char)(hi << 4 | get_nibble(c->tail, j++));
		}
	}
	m->pidbuf[n] = '\0';
	return m->pidbuf;
}

/* --- emitting allocations --- */

typedef struct ctx {
	es_matcher *m;
	const es_match_payment *p;
	const es_match_sink *sink;
	const char *rule;
	es_recon recon;
	const char *pid;         /* the payment id as emitted */
	uint32_t pref;           /* the id as kept by positions (pid_new), once one keeps it */
	bool credit;             /* a treasury credit: unmatched means UNKNOWN_CREDIT */
	const char *note_all;    /* a note for allocations that have none */
	bool shared_row;         /* the row is split among positions sharing notices */
	char alt_note[64];
	unsigned emitted;        /* allocation rows written for this payment */
} ctx;

static es_rc
emit(ctx *c, uint32_t p, uint32_t nav, es_cents amount, es_alloc_status st, const char *note, es_err *err)
{
	es_matcher *m = c->m;
	es_alloc a;

	a.payment_id = c->pid;
	a.position_id = p == NONE ? "" : pos_id(m, p, m->idbuf2, sizeof m->idbuf2);
	a.notice_number = STR(m, nav);
	a.tax_code = p == NONE ? nz(c->p->tax_code) : STR(m, m->pos[p].tax_code);
	a.amount = amount;
	a.rule = c->rule;
	a.status = st;
	a.recon = c->recon;
	a.note = note != NULL ? note : c->note_all != NULL ? c->note_all : "";
	a.source = nz(c->p->source);
	a.source_ref = nz(c->p->source_ref);
	a.paid_on = c->p->paid_on;
	a.credited_on = c->p->credited_on;
	a.payment_amount = c->p->amount;
	a.position_index = p == NONE ? -1 : (int64_t)p;
	a.first = c->emitted++ == 0;
	a.causale = nz(c->p->causale);
	return c->sink->alloc(c->sink->ctx, &a, err);
}

/* The subject's open debts, for an OVERPAID allocation (Milano A7:
 * the excess is a refund or compensation candidate). */
static const char *
open_debts_note(es_matcher *m, uint32_t p, es_date by)
{
	char *b = m->note;
	size_t n = 0, listed = 0, more = 0;
	uint32_t v;
	char amt[ES_MONEY_BUFSZ];

	b[0] = '\0';
	for (v = subject_head(m, STR(m, m->pos[p].tax_code)); v != NONE; v = m->pos[v].next_subj) {
		pos *P = &m->pos[v];
		es_cents open = P->due - P->paid;

		/* Residues of the F24 euro rounding are not debts to offset. */
		if (open <= F24_TOLERANCE)
			continue;
		if (by != ES_DATE_NONE && P->inst0 != NONE && m->inst[P->inst0].due_date != ES_DATE_NONE
		    && m->inst[P->inst0].due_date > by)
			continue;
		if (listed == 4) {
			more++;
			continue;
		}
		n += (size_t)snprintf(b + n, MAX_NOTE - n, "%s%s %s", listed ? "; " : "open debts: ",
		                      pos_id(m, v, m->idbuf, sizeof m->idbuf), es_money_format(open, ES_MONEY_PLAIN, amt));
		if (n >= MAX_NOTE)
			n = MAX_NOTE - 1;
		listed++;
	}
	if (more > 0 && n < MAX_NOTE)
		snprintf(b + n, MAX_NOTE - n, "; and %zu more", more);
	if (listed == 0)
		snprintf(b, MAX_NOTE, "refund candidate: no other open debts");
	return b;
}

/* The date open debts must be due by to be offset: --as-of, or the
 * payment date when earlier. */
static es_date
due_by(const ctx *c)
{
	es_date d = c->m->as_of;

	if (c->p->paid_on != ES_DATE_NONE && (d == ES_DATE_NONE || c->p->paid_on < d))
		d = c->p->paid_on;
	return d;
}

/* The F24 rows that pay position P: one per installment (1..n) with
 * something due, or one. */
static unsigned
rows_expected(const es_matcher *m, const pos *P)
{
	unsigned n = 0;
	uint32_t k;

	for (k = P->inst0; k != NONE; k = m->inst[k].next)
		n += m->inst[k].number != 0 && m->inst[k].due > 0;
	return n > 0 ? n : 1;
}

/* An F24 row's acconto/saldo flag as a small code: 0 unknown (not an
 * F24 row of f24-reconcile's stream), 1 acconto, 2 saldo, 3 unica. */
static uint8_t
accsal_code(const char *f)
{
	if (f == NULL || f[0] == '\0')
		return 0;
	if (is_name(f, "acconto"))
		return 1;
	if (is_name(f, "saldo"))
		return 2;
	return is_name(f, "unica") ? 3 : 0;
}

/* Whether a payment of the same amount as an earlier one of the position
 * is the same payment made again: not when their F24 flags say they pay
 * different installments (an overpaid saldo can equal the acconto). */
static bool
same_installment(uint8_t a, uint8_t b)
{
	return a == 0 || b == 0 || a == b;
}

/* Is the excess of position P over its due, after this payment, only the
 * rounding of F24 rows to the euro?  Each row is rounded half up, by at
 * most 0.50 (L. 296/2006 c. 166): up to 0.50 for each row the position
 * received; and a row is one codice tributo, so none exceeds by more than
 * 0.50 both the whole installment its flag names (the acconto, the saldo;
 * unica: the year) and what the position still had open before it (the
 * saldo is the year's tax less the acconto paid, art. 1 c. 762 L.
 * 160/2019: a short acconto makes a larger saldo). */
static bool
is_rounding(const ctx *c, const pos *P, es_cents tolerance, es_cents open_before)
{
	const es_matcher *m = c->m;
	const es_cents half = (F24_TOLERANCE + 1) / 2;
	uint8_t fl = accsal_code(c->p->acconto_saldo);
	es_cents inst_due = -1;
	uint32_t k, last = NONE;

	if (tolerance <= 0 || P->overpaid > (es_cents)P->nrounded * half)
		return false;
	if (fl == 0 || c->shared_row)
		return true;
	if (fl == 3) {
		inst_due = P->due;
	} else {
		for (k = P->inst0; k != NONE; k = m->inst[k].next) {
			if (fl == 1 && m->inst[k].number == 1)
				inst_due = m->inst[k].due;
			last = k;
		}
		if (fl == 2 && last != NONE && m->inst[last].number >= 2)
			inst_due = m->inst[last].due;
	}
	return inst_due < 0 || c->p->amount - (inst_due > open_before ? inst_due : open_before) <= half;
}

/* Allocate amount of the payment to position p (installment i, or NONE for
 * the position as a whole). */
static es_rc
allocate(ctx *c, uint32_t p, uint32_t i, es_cents amount, es_cents tolerance, es_err *err)
{
	es_matcher *m = c->m;
	pos *P = &m->pos[p];
	uint32_t nav = i != NONE ? m->inst[i].nav : NONE;
	es_cents remaining, take;
	es_alloc_status st;
	es_rc rc;

	if (amount < 0) {
		/* A revocation or a reversal: take back what was paid. */
		es_cents back = -amount;

		if (back > P->paid)
			return emit(c, p, nav, amount, ES_ALLOC_UNMATCHED,
			            "revocation larger than what the position has received", err);
		P->paid -= back;
		if (i != NONE && m->inst[i].number != 0 && m->inst[i].paid >= back)
			m->inst[i].paid -= back;
		else
			spread(m, P, amount);
		return emit(c, p, nav, amount, ES_ALLOC_MATCHED, "revocation", err);
	}
	remaining = P->due - P->paid;
	if (i != NONE && m->inst[i].number != 0 && m->inst[i].due - m->inst[i].paid < remaining)
		remaining = m->inst[i].due - m->inst[i].paid;
	/* Within the F24 rounding a position counts as paid, unless it has
	 * had no more rows than installments: then what is open is an
	 * installment this row pays, smaller than the rounding (a TEFA of
	 * 0.72 + 0.73 paid as 1.00 + 1.00 leaves 0.45 for the second row). */
	if (remaining <= tolerance && !(tolerance > 0 && remaining > 0 && P->nrows <= rows_expected(m, P))) {
		/* Already paid: the same amount again, or the whole amount of
		 * the same notice again, is a double payment. */
		uint8_t fl = accsal_code(c->p->acconto_saldo);
		bool again_last = P->last_payment != 0 && P->last_amount == amount && same_installment(fl, P->last_accsal);
		bool again_prev = P->prev_payment != 0 && P->prev_amount == amount && same_installment(fl, P->prev_accsal);

		if (again_last || again_prev
		    || (i != NONE && m->inst[i].due == amount && m->inst[i].paid >= m->inst[i].due)) {
			if (again_last)
				snprintf(m->note, MAX_NOTE, "same amount already paid by %s", pid_str(m, P->last_payment));
			else if (again_prev)
				snprintf(m->note, MAX_NOTE, "same amount already paid by %s", pid_str(m, P->prev_payment));
			else
				snprintf(m->note, MAX_NOTE, "notice %s already paid", STR(m, nav));
			P->overpaid += amount;
			return emit(c, p, nav, amount, ES_ALLOC_DUPLICATE, m->note, err);
		}
		P->overpaid += amount;
		return emit(c, p, nav, amount, ES_ALLOC_OVERPAID,
		            is_rounding(c, P, tolerance, remaining) ? "F24 rounding to the euro"
		                                                    : open_debts_note(m, p, due_by(c)),
		            err);
	}
	take = amount < remaining ? amount : remaining;
	if (amount > remaining && amount - remaining <= tolerance)
		take = remaining;
	if (take == remaining) {
		st = ES_ALLOC_MATCHED;
	} else if (i != NONE && m->inst[i].number != 0) {
		st = ES_ALLOC_PARTIAL;
	} else {
		/* Acconto/saldo aware: a cumulative amount that reaches an
		 * installment boundary pays that installment exactly. */
		es_cents cum = 0, after = P->paid + take;
		uint32_t k;

		st = ES_ALLOC_PARTIAL;
		for (k = P->inst0; k != NONE; k = m->inst[k].next) {
			inst *I = &m->inst[k];

			if (I->number == 0 && P->ninst > 1)
				continue;
			cum += I->due;
			if (after - cum <= tolerance && cum - after <= tolerance) {
				st = ES_ALLOC_MATCHED;
				break;
			}
		}
		if (st == ES_ALLOC_PARTIAL && remaining - take <= tolerance)
			st = ES_ALLOC_MATCHED;
	}
	P->paid += take;
	if (i != NONE && m->inst[i].number != 0)
		m->inst[i].paid += take;
	else
		spread(m, P, take);
	rc = emit(c, p, nav, take, st, NULL, err);
	if (rc != ES_OK)
		return rc;
	if (amount > take) {
		P->overpaid += amount - take;
		/* Each F24 row is rounded half up to the euro: up to 0.50 per row
		 * of the position is rounding, not a payment to refund. */
		rc = emit(c, p, nav, amount - take, ES_ALLOC_OVERPAID,
		          is_rounding(c, P, tolerance, remaining) ? "F24 rounding to the euro"
		                                                  : open_debts_note(m, p, due_by(c)),
		          err);
	}
	/* The last two payments, for telling a double payment. */
	if (c->pref == 0 && (c->pref = pid_new(m, c->pid)) == 0)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	m->cells[c->pref - 1].refs++;
	pid_drop(m, P->prev_payment);
	P->prev_payment = P->last_payment;
	P->prev_amount = P->last_amount;
	P->prev_accsal = P->last_accsal;
	P->last_payment = c->pref;
	P->last_amount = amount;
	P->last_accsal = accsal_code(c->p->acconto_saldo);
	return rc;
}

/* The installments that share installment i's notice (a notice can pay
 * several positions, e.g. TARI and the provincial TEFA), in the order the
 * dues were given. */
#define MAX_SHARED 8
static size_t
notice_insts(es_matcher *m, uint32_t i, uint32_t *out)
{
	const htab *h;

	/* A notice of this installment only (seal marked the others). */
	if (m->inst[i].nav != NONE && (m->nav_shared[i / 8] & (1u << (i % 8))) == 0) {
		out[0] = i;
		return 1;
	}
	if (m->inst[i].nav == NONE)
		(void)ensure_iuv_index(m);
	h = m->inst[i].nav != NONE ? &m->by_nav : &m->by_iuv;
	uint32_t key_off = m->inst[i].nav != NONE ? m->inst[i].nav : m->inst[i].iuv;
	const char *key = STR(m, key_off);
	uint64_t hv = hash_str(key);
	size_t it = (size_t)-1, n = 0, a, b;
	uint32_t v;

	while ((v = htab_next(h, hv, &it)) != NONE && n < MAX_SHARED) {
		uint32_t off = m->inst[i].nav != NONE ? m->inst[v].nav : m->inst[v].iuv;

		if (strcmp(STR(m, off), key) == 0)
			out[n++] = v;
	}
	for (a = 1; a < n; a++)
		for (b = a; b > 0 && out[b - 1] > out[b]; b--) {
			uint32_t t = out[b];

			out[b] = out[b - 1];
			out[b - 1] = t;
		}
	if (n == 0)
		out[n++] = i;
	return n;
}

/* What installment i of its position still waits for. */
static es_cents
inst_open(const es_matcher *m, uint32_t i)
{
	const inst *I = &m->inst[i];
	const pos *P = &m->pos[I->pos];
	es_cents open = P->due - P->paid;

	if (I->number != 0 && I->due - I->paid < open)
		open = I->due - I->paid;
	return open > 0 ? open : 0;
}

/* A payment of a notice: shared among the positions it pays, each up to
 * what it waits for, the last taking the rest (an excess is OVERPAID
 * there).  A notice paid in full once more, for its whole amount, is a
 * DUPLICATE on its first position. */


static es_rc
allocate_notice(ctx *c, uint32_t i, es_cents amount, es_err *err)
{
	es_matcher *m = c->m;
	uint32_t v[MAX_SHARED];
	size_t n = notice_insts(m, i, v), k;
	es_cents rest = amount, total = 0, open = 0;
	es_rc rc = ES_OK;

	if (n == 1) {
		rc = allocate(c, m->inst[i].pos, i, amount, 0, err);
		return rc;
	}
	for (k = 0; k < n; k++) {
		total += m->inst[v[k]].due;
		open += inst_open(m, v[k]);
	}
	if (open == 0 && amount == total) {
		snprintf(m->note, MAX_NOTE, "notice %s already paid", STR(m, m->inst[v[0]].nav));
		return emit(c, m->inst[v[0]].pos, m->inst[v[0]].nav, amount, ES_ALLOC_DUPLICATE, m->note, err);
	}
	if (amount < 0) {
		/* A revocation: taken back from the last position first. */
		for (k = n; k > 0 && rest < 0 && rc == ES_OK; k--) {
			uint32_t w = v[k - 1];
			es_cents had = m->inst[w].number != 0 ? m->inst[w].paid : m->pos[m->inst[w].pos].paid;
			es_cents back = k == 1 ? -rest : (had < -rest ? had : -rest);

			if (back == 0)
				continue;
			rc = allocate(c, m->inst[w].pos, w, -back, 0, err);
			rest += back;
		}
		return rc;
	}
	for (k = 0; k < n && rc == ES_OK; k++) {
		es_cents share = k + 1 == n ? rest : (inst_open(m, v[k]) < rest ? inst_open(m, v[k]) : rest);

		if (share == 0)
			continue;
		rc = allocate(c, m->inst[v[k]].pos, v[k], share, 0, err);
		rest -= share;
	}
	return rc;
}

/* An F24 payment of a position: the positions paid with the same
 * notices (TARI and the TEFA inside its code before TEFA had one) take
 * what the first one cannot, before anything is OVERPAID. */
static es_rc
allocate_group(ctx *c, uint32_t p, es_cents amount, es_cents tol, es_err *err)
{
	es_matcher *m = c->m;
	uint32_t g[MAX_SHARED], v[MAX_SHARED], k, j, w;
	size_t n = 1, nv, a;
	es_cents rest = amount;
	es_rc rc = ES_OK;

	g[0] = p;
	if (tol > 0 || amount > m->pos[p].due - m->pos[p].paid + tol) {
		for (k = m->pos[p].inst0; k != NONE && n < MAX_SHARED; k = m->inst[k].next) {
			if (m->inst[k].nav == NONE)
				continue;
			nv = notice_insts(m, k, v);
			for (a = 0; a < nv && n < MAX_SHARED; a++) {
				w = m->inst[v[a]].pos;
				for (j = 0; j < n && g[j] != w; j++)
					;
				if (j == n && m->pos[w].year == m->pos[p].year)
					g[n++] = w;
			}
		}
	}
	/* One more row of its own for p, one more row rounded to the euro
	 * for every position of the group. */
	if (tol > 0 && m->pos[p].nrows < UINT16_MAX)
		m->pos[p].nrows++;
	if (tol > 0)
		for (k = 0; k < n; k++)
			if (m->pos[g[k]].nrounded < UINT16_MAX)
				m->pos[g[k]].nrounded++;
	if (n == 1 || amount <= m->pos[p].due - m->pos[p].paid + tol) {
		rc = allocate(c, p, NONE, amount, tol, err);
		return rc;
	}
	c->shared_row = true;
	for (k = 0; k < n && rc == ES_OK; k++) {
		es_cents open = m->pos[g[k]].due - m->pos[g[k]].paid;
		es_cents share = k + 1 == n ? rest : (open < rest ? (open > 0 ? open : 0) : rest);

		if (share <= 0)
			continue;
		rc = allocate(c, g[k], NONE, share, tol, err);
		rest -= share;
	}
	return rc;
}

/* Was it allocated by an earlier run?  Then it is skipped. */
static bool
known_before(const es_matcher *m, const char *pid)
{
	return m->nknown > 0 && (fpset_get(&m->seen, fp_of(pid)) & FP_KNOWN) != 0;
}

/* Record pid as seen: true if it was there before (seen in this run:
 * callers ask known_before first). */
static bool
see(es_matcher *m, const char *pid, bool *nomem)
{
	return !fpset_add(&m->seen, fp_of(pid), nomem) && !*nomem;
}

static es_rc
skip(const es_match_sink *sink, const char *pid, es_err *err)
{
	return sink->skip != NULL ? sink->skip(sink->ctx, pid, err) : ES_OK;
}

/* What the sets of fingerprints say of a payment_id, made exact.
 *   KNOWN      allocated by an earlier run: skipped
 *   SEEN       already met in this run: DUPLICATE
 *   NEW        neither
 * A fingerprint among the earlier runs' is confirmed by sink->known when
 * the sink has it (the ledger): if the ledger does not have the id, another
 * id shares its fingerprint, and the id is new.  Such ids, rare (odds about
 * n^2 / 2^65), are then remembered whole in m->collided, so that the same
 * id met twice in this run is still a DUPLICATE. */
typedef enum { PID_NEW, PID_SEEN, PID_KNOWN } pid_state;

/* The earlier runs' part of pid_check: *hit is false when the fingerprint
 * is not among theirs; else *state is PID_KNOWN, or for a collision PID_SEEN
 * (met before in this run) or PID_NEW. */
static es_rc
known_check(es_matcher *m, const es_match_sink *sink, const char *pid, bool *hit, pid_state *state, es_err *err)
{
	bool known = true;
	size_t i;

	*hit = known_before(m, pid);
	*state = PID_NEW;
	if (!*hit)
		return ES_OK;
	if (sink->known != NULL) {
		es_rc rc = sink->known(sink->ctx, pid, &known, err);

		if (rc != ES_OK)
			return rc;
	}
	if (known) {
		*state = PID_KNOWN;
		return ES_OK;
	}
	for (i = 0; i < m->ncollided; i++)
		if (strcmp(m->collided[i], pid) == 0) {
			*state = PID_SEEN;
			return ES_OK;
		}
	if (m->ncollided == m->capcollided) {
		size_t cap = m->capcollided ? 2 * m->capcollided : 8;
		char **v = realloc(m->collided, cap * sizeof *v);

		if (v == NULL)
			return es_err_set(err, ES_ENOMEM, "out of memory");
		m->collided = v;
		m->capcollided = cap;
	}
	if ((m->collided[m->ncollided] = strdup(pid)) == NULL)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	m->ncollided++;
	return ES_OK;
}

static es_rc
pid_check(es_matcher *m, const es_match_sink *sink, const char *pid, pid_state *state, es_err *err)
{
	bool hit, nomem = false;
	es_rc rc;

	if ((rc = known_check(m, sink, pid, &hit, state, err)) != ES_OK || hit)
		return rc;
	if (see(m, pid, &nomem))
		*state = PID_SEEN;
	if (nomem)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	return ES_OK;
}

static es_rc flow_index(es_matcher *m, es_err *err);
static bool set_receipt(es_matcher *m, uint32_t fl, uint32_t item, const char *pid);

/* The first item with this IUV of the flows in use, as an index into
 * m->frefs, or NONE. */
static uint32_t
find_flow_item(es_matcher *m, const char *iuv)
{
	uint64_t hv = hash_str(iuv);
	size_t it = (size_t)-1;
	uint32_t v;

	while ((v = htab_next(&m->by_flow_iuv, hv, &it)) != NONE)
		if (strcmp(m->fstr.buf + m->frefs[v].iuv, iuv) == 0)
			return v;
	return NONE;
}

static es_recon flow_class(const es_matcher *m, uint32_t fl);
static void link_credits(es_matcher *m);

/* The matching rules, in order, for a payment that has an id. */
static es_rc
match_rules(es_matcher *m, ctx *c, es_err *err)
{
	const es_match_payment *p = c->p;
	uint32_t i, pos_ix;
	es_causale cz;

	/* 1. manual */
	if (m->nman > 0) {
		uint64_t hv = hash_str(c->pid);
		size_t it = (size_t)-1;
		uint32_t v;

		while ((v = htab_next(&m->by_manual, hv, &it)) != NONE) {
			manual *M = &m->man[v];
			es_cents amt;
			es_rc rc;

			if (strcmp(STR(m, M->payment_id), c->pid) != 0)
				continue;
			c->rule = "manual";
			amt = M->amount < 0 || M->amount > p->amount ? p->amount : M->amount;
			rc = allocate(c, M->pos, M->inst < 0 ? NONE : (uint32_t)M->inst, amt, 0, err);
			if (rc == ES_OK && amt < p->amount) {
				c->rule = "none";
				rc = emit(c, NONE, NONE, p->amount - amt, ES_ALLOC_UNMATCHED,
				          "rest of a manual allocation", err);
			}
			return rc;
		}
	}
	/* 2. notice number or IUV */
	i = NONE;
	if (p->notice_number != NULL && p->notice_number[0] != '\0')
		i = find_nav(m, p->notice_number);
	if (i == NONE && p->iuv != NULL && p->iuv[0] != '\0')
		i = find_iuv(m, p->iuv);
	if (i != NONE) {
		c->rule = "notice";
		return allocate_notice(c, i, p->amount, err);
	}
	/* 3. (tax_code, tax, year): F24 */
	if (p->tax_code != NULL && p->tax_code[0] != '\0' && p->tax != NULL && p->tax[0] != '\0' && p->year != 0) {
		es_cents tol = p->source != NULL && is_name(p->source, "F24") ? F24_TOLERANCE : 0;

		uint32_t ahead = acconto_year_ahead(m, p, tol);

		if (ahead != NONE) {
			es_rc rc;

			c->rule = "tax-year";
			snprintf(c->alt_note, sizeof c->alt_note, "year written as %d, the acconto of %d",
			         p->year, m->pos[ahead].year);
			c->note_all = c->alt_note;
			rc = allocate_group(c, ahead, p->amount, tol, err);
			c->note_all = NULL;
			return rc;
		}
		pos_ix = find_tax_year(m, p->tax_code, p->tax, p->year, tol);
		/* The year written on the F24 is often wrong (f24-supply.md §5.4:
		 * compare cumulative payments with the dues, not the flags): when
		 * the written year has no dues, or nothing open and the year is
		 * not believable, and the year the payment was made in has
		 * something open, the payment goes there. */
		if (p->paid_on != ES_DATE_NONE && (pos_ix == NONE || (m->pos[pos_ix].due - m->pos[pos_ix].paid <= tol
		                                                      && !year_believed(p)))) {
			int y, mo, d;
			uint32_t alt;

			es_date_to_ymd(p->paid_on, &y, &mo, &d);
			alt = y != p->year ? find_tax_year(m, p->tax_code, p->tax, y, tol) : NONE;
			if (alt != NONE && m->pos[alt].due - m->pos[alt].paid > tol) {
				es_rc rc;

				c->rule = "tax-year";
				snprintf(c->alt_note, sizeof c->alt_note, "year written as %d", p->year);
				c->note_all = c->alt_note;
				rc = allocate_group(c, alt, p->amount, tol, err);
				c->note_all = NULL;
				return rc;
			}
		}
		if (pos_ix != NONE) {
			c->rule = "tax-year";
			return allocate_group(c, pos_ix, p->amount, tol, err);
		}
	}
	/* 4. the causale of a bank transfer */
	if (p->causale != NULL && p->causale[0] != '\0') {
		es_causale_parse(p->causale, &cz);
		i = NONE;
		switch (cz.kind) {
		case ES_CAUSALE_RFB:
		case ES_CAUSALE_RFS:
			i = find_iuv(m, cz.ref);
			if (i == NONE && cz.kind == ES_CAUSALE_RFB) {
				char nav[ES_NAV_BUFSZ];

				if (es_iuv_to_nav(cz.ref, NULL, nav, NULL) == ES_OK)
					i = find_nav(m, nav);
			}
			c->rule = cz.kind == ES_CAUSALE_RFB ? "causale-rfb" : "causale-rfs";
			break;
		case ES_CAUSALE_NAV:
			i = find_nav(m, cz.ref);
			c->rule = "causale-nav";
			break;
		case ES_CAUSALE_CF:
			pos_ix = NONE;
			{
				uint32_t v, open = NONE, exact = NONE;
				unsigned nopen = 0;

				for (v = subject_head(m, cz.ref); v != NONE; v = m->pos[v].next_subj) {
					es_cents r = m->pos[v].due - m->pos[v].paid;

					if (r <= 0)
						continue;
					nopen++;
					if (open == NONE)
						open = v;
					if (r == p->amount && exact == NONE)
						exact = v;
				}
				pos_ix = exact != NONE ? exact : (nopen == 1 ? open : NONE);
				if (pos_ix != NONE) {
					es_rc rc;

					c->rule = "causale-cf";
					rc = allocate(c, pos_ix, NONE, p->amount, 0, err);
					return rc;
				}
				if (nopen > 1) {
					c->rule = "none";
					snprintf(m->note, MAX_NOTE, "codice fiscale %s in the causale has %u open debts, none of this amount",
					         cz.ref, nopen);
					return emit(c, NONE, NONE, p->amount, ES_ALLOC_UNMATCHED, m->note, err);
				}
			}
			break;
		default:
			break;
		}
		if (i != NONE)
			return allocate_notice(c, i, p->amount, err);
	}
	c->rule = "none";
	if (c->credit)
		c->recon = ES_RECON_UNKNOWN_CREDIT;
	if (p->notice_number != NULL && p->notice_number[0] != '\0')
		snprintf(m->note, MAX_NOTE, "unknown notice number %s", p->notice_number);
	else if (p->iuv != NULL && p->iuv[0] != '\0')
		snprintf(m->note, MAX_NOTE, "unknown IUV %s", p->iuv);
	else if (p->tax_code != NULL && p->tax_code[0] != '\0' && p->tax != NULL && p->tax[0] != '\0')
		snprintf(m->note, MAX_NOTE, "no dues for %s %s %d", p->tax_code, p->tax, p->year);
	else if (p->tax_code != NULL && p->tax_code[0] != '\0')
		snprintf(m->note, MAX_NOTE, "no open debt of %s identified by the causale or the amount", p->tax_code);
	else
		snprintf(m->note, MAX_NOTE, "nothing identifies the debt");
	return emit(c, NONE, NONE, p->amount, ES_ALLOC_UNMATCHED, m->note, err);
}

/* Batches of payments (or dues) are prefetched with plain loads, first
 * of all the slots, then of the entries the slots name: software
 * prefetch instructions turned out to be dropped on the virtual machines
 * this runs on, while independent loads in a tight loop overlap. */

typedef struct pf_batch {
	const slot *s[2 * PF_MAX];
	const htab *h[2 * PF_MAX];
	size_t n;
} pf_batch;

static inline void
pf_add(pf_batch *b, const htab *h, const char *key)
{
	if (h->cap == 0 || key == NULL || key[0] == '\0' || b->n == 2 * PF_MAX)
		return;
	b->h[b->n] = h;
	b->s[b->n++] = &h->s[bucket(h, tag_of(hash_str(key)))];
}

/* Load the slots, then the first position, installment and string each
 * names; the sum keeps the loads from being optimised away. */
static void
pf_run(const es_matcher *m, const pf_batch *b)
{
	uint32_t acc = 0, v[2 * PF_MAX];
	size_t i;

	for (i = 0; i < b->n; i++)
		v[i] = b->s[i]->val;
	for (i = 0; i < b->n; i++) {
		if (v[i] == NONE)
			continue;
		if (b->h[i] == &m->by_subject && v[i] < m->npos)
			acc += (uint32_t)m->str.buf[m->pos[v[i]].tax_code];
		else if (b->h[i] == &m->by_nav && v[i] < m->ninst) {
			uint32_t nav = m->inst[v[i]].nav;

			if (nav < m->str.len)
				acc += (uint32_t)m->str.buf[nav];
		}
	}
	pf_sink = acc;
}

void
es_matcher_prefetch(const es_matcher *m, const es_match_payment *const *pv, size_t n)
{
	const uint64_t *fs[PF_MAX];
	size_t k, nfs = 0;
	uint64_t acc = 0;
	pf_batch b;

	b.n = 0;
	for (k = 0; k < n && k < PF_MAX; k++) {
		const es_match_payment *p = pv[k];

		if (m->seen.cap > 0 && p->payment_id != NULL)
			fs[nfs++] = &m->seen.s[fp_bucket(m->seen.cap, fp_of(p->payment_id))];
		if (p->notice_number != NULL && p->notice_number[0] != '\0')
			pf_add(&b, &m->by_nav, p->notice_number);
		else
			pf_add(&b, &m->by_subject, p->tax_code);
	}
	/* The slots of the seen set, in a loop of loads only (see pf_run). */
	for (k = 0; k < nfs; k++)
		acc += *fs[k];
	pf_sink = (uint32_t)acc;
	pf_run(m, &b);
}

void
es_matcher_prefetch_dues(const es_matcher *m, const es_match_due *const *dv, size_t n)
{
	pf_batch b;
	size_t k;

	b.n = 0;
	for (k = 0; k < n && k < PF_MAX; k++)
		pf_add(&b, &m->by_subject, dv[k]->tax_code);
	pf_run(m, &b);
}

es_rc
es_matcher_match(es_matcher *m, const es_match_payment *p, const es_match_sink *sink, es_err *err)
{
	ctx c;

	if (!m->sealed)
		return es_err_set(err, ES_EINTERNAL, "es_matcher_match before seal");
	if (p->payment_id == NULL || p->payment_id[0] == '\0')
		return sink->reject(sink->ctx, p->source_ref, p->line, "", "empty payment_id", err);
	c.m = m;
	c.p = p;
	c.sink = sink;
	c.rule = "none";
	c.recon = ES_RECON_NONE;
	c.pid = p->payment_id;
	c.credit = false;
	c.emitted = 0;
	c.note_all = NULL;
	c.shared_row = false;
	c.pref = 0;
	/* A credit of a pagoPA flow waits for es_matcher_finish. */
	if (p->causale != NULL && p->causale[0] != '\0' && strcasestr(p->causale, "LGPE-RIVERSAMENTO") != NULL)
		return es_matcher_add_credit(m, p, NULL, err);
	{
		pid_state state;
		es_rc rc;

		if ((rc = pid_check(m, sink, p->payment_id, &state, err)) != ES_OK)
			return rc;
		if (state == PID_KNOWN)
			return skip(sink, p->payment_id, err);
		if (state == PID_SEEN) {
			snprintf(m->note, MAX_NOTE, "payment_id %s seen before", p->payment_id);
			return emit(&c, NONE, NONE, p->amount, ES_ALLOC_DUPLICATE, m->note, err);
		}
	}
	/* A delega cancelled by a G9: the money never arrived. */
	if (p->cancelled) {
		c.rule = "none";
		return emit(&c, NONE, NONE, 0, ES_ALLOC_UNMATCHED, "payment cancelled: nothing allocated", err);
	}
	/* Interest and sanctions of a ravvedimento go with the tax, not
	 * against the due. */
	if (p->kind != NULL && p->kind[0] != '\0' && strcmp(p->kind, "tax") != 0) {
		uint32_t q = NONE;

		c.rule = "tax-year";
		if (p->tax_code != NULL && p->tax_code[0] != '\0' && p->tax != NULL && p->year != 0)
			q = find_tax_year(m, p->tax_code, p->tax, p->year, 0);
		if (q == NONE) {
			c.rule = "none";
			snprintf(m->note, MAX_NOTE, "%s with no dues for %s %s %d", p->kind, nz(p->tax_code),
			         nz(p->tax), p->year);
			return emit(&c, NONE, NONE, p->amount, ES_ALLOC_UNMATCHED, m->note, err);
		}
		snprintf(m->note, MAX_NOTE, "%s of %s", p->kind, pos_id(m, q, m->idbuf, sizeof m->idbuf));
		return emit(&c, NONE, NONE, p->amount, ES_ALLOC_MATCHED, m->note, err);
	}
	/* A pagoPA receipt: is it in a flow? */
	if (m->nflows > 0 && p->source != NULL && is_name(p->source, "PAGOPA")) {
		char iuv[ES_IUV_BUFSZ] = "";
		uint32_t r;

		if (p->iuv != NULL && p->iuv[0] != '\0')
			snprintf(iuv, sizeof iuv, "%s", p->iuv);
		else if (p->notice_number != NULL && p->notice_number[0] != '\0')
			es_nav_to_iuv(p->notice_number, iuv, NULL);
		link_credits(m);
		if (iuv[0] != '\0') {
			es_rc rc = flow_index(m, err);

			if (rc != ES_OK)
				return rc;
		}
		r = iuv[0] != '\0' ? find_flow_item(m, iuv) : NONE;
		if (r == NONE) {
			c.recon = ES_RECON_PAID_NOT_REPORTED;
		} else {
			flowref *fr = &m->frefs[r];

			c.recon = flow_class(m, fr->flow);
			if (fr->amount == p->amount && !set_receipt(m, fr->flow, fr->item, p->payment_id))
				return es_err_set(err, ES_ENOMEM, "out of memory");
		}
	} else if (p->source != NULL && is_name(p->source, "PAGOPA")) {
		c.recon = ES_RECON_PAID_NOT_REPORTED;
	}
	return match_rules(m, &c, err);
}

/* --- pagoPA flows and treasury credits --- */

static inline uint64_t
receipt_key(uint32_t fl, uint32_t item)
{
	return (uint64_t)fl << 32 | item;
}

/* The receipt allocated for item `item` of flow fl, or NULL. */
static const char *
get_receipt(const es_matcher *m, uint32_t fl, uint32_t item)
{
	uint64_t key = receipt_key(fl, item), hv;
	size_t it = (size_t)-1;
	uint32_t v;

	if (m->nreceipts == 0)
		return NULL;
	hv = hash_u64(key);
	while ((v = htab_next(&m->by_receipt, hv, &it)) != NONE)
		if (m->receipts[v].key == key)
			return m->receipts[v].pid;
	return NULL;
}

/* Item `item` of flow fl is paid by the receipt pid (the last one named wins). */
static bool
set_receipt(es_matcher *m, uint32_t fl, uint32_t item, const char *pid)
{
	uint64_t key = receipt_key(fl, item), hv = hash_u64(key);
	size_t it = (size_t)-1;
	uint32_t v;
	char *d = strdup(pid);

	if (d == NULL)
		return false;
	while ((v = htab_next(&m->by_receipt, hv, &it)) != NONE)
		if (m->receipts[v].key == key) {
			free(m->receipts[v].pid);
			m->receipts[v].pid = d;
			return true;
		}
	if (!grow((void **)&m->receipts, &m->capreceipts, m->nreceipts, sizeof *m->receipts)
	    || !htab_put(&m->by_receipt, hv, (uint32_t)m->nreceipts)) {
		free(d);
		return false;
	}
	m->receipts[m->nreceipts].key = key;
	m->receipts[m->nreceipts].pid = d;
	m->nreceipts++;
	return true;
}

/* Call fn for every item of flow fl, in order, with its place in the flow:
 * from memory, or read again from the flow's file. */
typedef es_rc (*flow_item_fn)(es_matcher *m, uint32_t fl, uint32_t k, const es_fdr_item *it, void *arg,
                              es_err *err);

typedef struct walk {
	es_matcher *m;
	uint32_t fl, k;
	flow_item_fn fn;
	void *arg;
} walk;

static es_rc
walk_item(void *vctx, const es_fdr *hdr, const es_fdr_item *it, es_err *err)
{
	walk *w = vctx;
	const es_fdr *f = w->m->flows[w->fl].f;

	(void)hdr;
	if (w->k >= f->nitems)
		return es_err_set(err, ES_EIO, "%s: the flow changed while being read", f->source);
	return w->fn(w->m, w->fl, w->k++, it, w->arg, err);
}

static es_rc
flow_walk(es_matcher *m, uint32_t fl, flow_item_fn fn, void *arg, es_err *err)
{
	flow *F = &m->flows[fl];
	walk w = { m, fl, 0, fn, arg };
	es_fdr *again;
	es_err e;
	es_rc rc;

	if (!F->streamed) {
		size_t k;

		for (k = 0; k < F->f->nitems; k++)
			if ((rc = fn(m, fl, (uint32_t)k, &F->f->items[k], arg, err)) != ES_OK)
				return rc;
		return ES_OK;
	}
	es_err_clear(&e);
	rc = es_fdr_scan(F->f->source, walk_item, &w, &again, &e);
	if (rc == ES_OK) {
		bool same = strcmp(again->id, F->f->id) == 0 && again->nitems == F->f->nitems;

		es_fdr_free(again);
		if (!same)
			return es_err_set(err, ES_EIO, "%s: the flow changed while being read", F->f->source);
		return ES_OK;
	}
	if (err != NULL) {
		*err = e;
		/* Read whole once already: now broken is an I/O failure. */
		if (rc == ES_EDATA)
			err->rc = rc = ES_EIO;
	}
	return rc == ES_EDATA ? ES_EIO : rc;
}

static es_rc
index_item(es_matcher *m, uint32_t fl, uint32_t k, const es_fdr_item *it, void *arg, es_err *err)
{
	flowref *r;

	(void)arg;
	if (it->error != NULL)
		return ES_OK;
	if (!grow((void **)&m->frefs, &m->capfrefs, m->nfrefs, sizeof *m->frefs))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	r = &m->frefs[m->nfrefs];
	r->flow = fl;
	r->item = k;
	r->amount = it->amount;
	r->iuv = str_intern(&m->fstr, it->iuv, strlen(it->iuv));
	if (r->iuv == NONE || !htab_put(&m->by_flow_iuv, hash_str(it->iuv), (uint32_t)m->nfrefs))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	m->nfrefs++;
	return ES_OK;
}

/* The IUV index of the items of the flows in use: only a pagoPA receipt
 * among the payments needs it, so it is built then, not for every run. */
static es_rc
flow_index(es_matcher *m, es_err *err)
{
	size_t k;
	es_rc rc;

	if (m->findexed)
		return ES_OK;
	for (k = 0; k < m->nflows; k++)
		if (!m->flows[k].dropped && (rc = flow_walk(m, (uint32_t)k, index_item, NULL, err)) != ES_OK)
			return rc;
	m->findexed = true;
	return ES_OK;
}

/* A flow added after the index was built: build it again when needed. */
static void
flow_unindex(es_matcher *m)
{
	m->nfrefs = 0;
	m->fstr.len = 0;
	htab_free(&m->by_flow_iuv);
	m->findexed = false;
}

static int
cmp_datetime(const char *a, const char *b)
{
	return strcmp(a, b);
}

/* Add a flow held whole or as its header (streamed). */
static es_rc
add_flow(es_matcher *m, es_fdr *f, bool streamed, const es_match_sink *sink, es_err *err)
{
	size_t k;
	char msg[ES_ERR_MAX];
	flow *F;

	for (k = 0; k < m->nflows; k++) {
		flow *o = &m->flows[k];

		if (o->dropped || strcasecmp(o->f->id, f->id) != 0)
			continue;
		if (cmp_datetime(f->datetime, o->f->datetime) > 0) {
			/* GovPay #266: a re-issued flow replaces the earlier one. */
			snprintf(msg, sizeof msg, "flow %s of %s replaces the one of %s in %s", f->id, f->datetime,
			         o->f->datetime, o->f->source);
			if (sink->warn != NULL)
				sink->warn(sink->ctx, f->source, 0, msg);
			o->dropped = true;
			/* Its items are read no more: only its header stays. */
			if (!o->streamed) {
				for (size_t i = 0; i < o->f->nitems; i++)
					free(o->f->items[i].error);
				free(o->f->items);
				o->f->items = NULL;
				o->f->cap = 0;
				o->streamed = true;
			}
			break;
		}
		snprintf(msg, sizeof msg, "flow %s of %s ignored: %s already has it%s", f->id, f->datetime,
		         o->f->source, strcmp(f->datetime, o->f->datetime) == 0 ? "" : " in a later version");
		if (sink->warn != NULL)
			sink->warn(sink->ctx, f->source, 0, msg);
		es_fdr_free(f);
		return ES_OK;
	}
	if (m->nflows >= UINT32_MAX - 1 || !grow((void **)&m->flows, &m->capflows, m->nflows, sizeof *m->flows)) {
		es_fdr_free(f);
		return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	F = &m->flows[m->nflows];
	memset(F, 0, sizeof *F);
	F->f = f;
	F->credit = NONE;
	F->streamed = streamed;
	m->nflows++;
	if (m->findexed)
		flow_unindex(m);
	if (f->anomaly != NULL && sink->warn != NULL) {
		snprintf(msg, sizeof msg, "flow %s: %s", f->id, f->anomaly);
		sink->warn(sink->ctx, f->source, 0, msg);
	}
	return ES_OK;
}

es_rc
es_matcher_add_flow(es_matcher *m, es_fdr *f, const es_match_sink *sink, es_err *err)
{
	return add_flow(m, f, false, sink, err);
}

es_rc
es_matcher_add_flow_file(es_matcher *m, const char *path, const es_match_sink *sink, es_err *err)
{
	es_fdr *f;
	es_rc rc;

	/* The whole flow is read now, so that a broken one is rejected
	 * before any of its items is used; only the header is kept. */
	if ((rc = es_fdr_scan(path, NULL, NULL, &f, err)) != ES_OK)
		return rc;
	return add_flow(m, f, true, sink, err);
}

static char *
dup_or_null(const char *s, bool *fail)
{
	char *d;

	if (s == NULL)
		return NULL;
	d = strdup(s);
	if (d == NULL)
		*fail = true;
	return d;
}

es_rc
es_matcher_add_credit(es_matcher *m, const es_match_payment *p, const char *client_cf, es_err *err)
{
	credit *c;
	bool fail = false;

	if (!grow((void **)&m->credits, &m->capcredits, m->ncredits, sizeof *m->credits))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	c = &m->credits[m->ncredits];
	memset(c, 0, sizeof *c);
	c->p = *p;
	c->p.payment_id = dup_or_null(nz(p->payment_id), &fail);
	c->p.source = dup_or_null(nz(p->source), &fail);
	c->p.source_ref = dup_or_null(nz(p->source_ref), &fail);
	c->p.causale = dup_or_null(nz(p->causale), &fail);
	c->p.tax_code = dup_or_null(nz(p->tax_code), &fail);
	c->p.tax = c->p.tributo = c->p.notice_number = c->p.iuv = c->p.kind = c->p.acconto_saldo = NULL;
	c->p.ravvedimento = false;
	c->client_cf = dup_or_null(nz(client_cf), &fail);
	c->flow = NONE;
	m->ncredits++;
	if (fail)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	es_causale_parse(c->p.causale, &c->c);
	return ES_OK;
}

size_t
es_matcher_credits(const es_matcher *m)
{
	return m->ncredits;
}

es_rc
es_matcher_add_f24_block(es_matcher *m, const char *ripartizione, es_cents amount, const char *ref, es_err *err)
{
	f24block *b;

	if (!grow((void **)&m->blocks, &m->capblocks, m->nblocks, sizeof *m->blocks))
		return es_err_set(err, ES_ENOMEM, "out of memory");
	b = &m->blocks[m->nblocks++];
	snprintf(b->date, sizeof b->date, "%s", nz(ripartizione));
	snprintf(b->ref, sizeof b->ref, "%s", nz(ref));
	b->amount = amount;
	b->used = false;
	return ES_OK;
}

/* The F24 block a treasury credit pays in: same amount, not yet used; one
 * whose date the causale names first. */
static f24block *
find_f24_block(es_matcher *m, const credit *cr)
{
	f24block *any = NULL;
	size_t k;

	for (k = 0; k < m->nblocks; k++) {
		f24block *b = &m->blocks[k];

		if (b->used || b->amount != cr->p.amount || b->amount <= 0)
			continue;
		if (b->date[0] != '\0' && strstr(cr->p.causale, b->date) != NULL)
			return b;
		if (any == NULL)
			any = b;
	}
	return any;
}

bool
es_matcher_has_credit(const es_matcher *m, const char *payment_id)
{
	size_t k;

	for (k = 0; k < m->ncredits; k++)
		if (strcmp(m->credits[k].p.payment_id, payment_id) == 0)
			return true;
	return false;
}

void
es_matcher_drop_credits(es_matcher *m, size_t mark)
{
	while (m->ncredits > mark && m->ncredits > m->credits_linked) {
		credit *c = &m->credits[--m->ncredits];

		free((char *)c->p.payment_id);
		free((char *)c->p.source);
		free((char *)c->p.source_ref);
		free((char *)c->p.causale);
		free((char *)c->p.tax_code);
		free(c->client_cf);
	}
}

/* Link each flow credit to its flow: the id as written (GovPay looks it
 * up without case); else, for a truncated id, the only flow not yet
 * credited whose id starts with it and whose total equals the credit
 * (pagopa.md §4.2 "real-world noise", §7). */
static void
link_credits(es_matcher *m)
{
	size_t k, j;

	for (k = m->credits_linked; k < m->ncredits; k++) {
		credit *c = &m->credits[k];
		uint32_t cand = NONE;
		unsigned ncand = 0;

		if (c->c.kind != ES_CAUSALE_FLOW)
			continue;
		if (c->c.ref[0] != '\0') {
			for (j = 0; j < m->nflows; j++) {
				flow *F = &m->flows[j];

				if (!F->dropped && F->credit == NONE && strcasecmp(F->f->id, c->c.ref) == 0) {
					cand = (uint32_t)j;
					ncand = 1;
					break;
				}
			}
		}
		if (cand == NONE) {
			size_t rl = strlen(c->c.ref);

			for (j = 0; j < m->nflows; j++) {
				flow *F = &m->flows[j];

				if (F->dropped || F->credit != NONE || F->f->total_declared != c->p.amount)
					continue;
				if (strncasecmp(F->f->id, c->c.ref, rl) != 0)
					continue;
				if (ncand++ == 0)
					cand = (uint32_t)j;
			}
			if (ncand != 1) {
				if (ncand > 1)
					snprintf(c->note, sizeof c->note,
					         "flow id '%s' is truncated: %u flows of this amount could be it", c->c.ref, ncand);
				else if (c->c.ref[0] == '\0')
					snprintf(c->note, sizeof c->note, "pagoPA credit without a flow id");
				else
					snprintf(c->note, sizeof c->note, "flow %s not received (yet)", c->c.ref);
				cand = NONE;
			} else {
				c->linked_by_prefix = true;
			}
		}
		if (cand != NONE) {
			c->flow = cand;
			m->flows[cand].credit = (uint32_t)k;
		}
	}
	m->credits_linked = m->ncredits;
}

static es_recon
flow_class(const es_matcher *m, uint32_t fl)
{
	const flow *F = &m->flows[fl];

	if (F->credit == NONE)
		return ES_RECON_REPORTED_NOT_CREDITED;
	if (m->credits[F->credit].p.amount != F->f->total_declared)
		return ES_RECON_AMOUNT_DIFFERS;
	return ES_RECON_COMPLETE;
}

static es_rc
finish_item(es_matcher *m, uint32_t fl, uint32_t k, const es_fdr_item *it, void *vsink, es_err *err)
{
	const es_match_sink *sink = vsink;
	flow *F = &m->flows[fl];
	const es_fdr *f = F->f;
	char pid[3 * ES_FDR_ID_BUFSZ + 16], ref[300];
	const char *paid_by;
	es_match_payment p;
	uint32_t i;
	bool nomem = false, hit;
	pid_state state;
	ctx c;
	es_rc rc;

	/* PAGOPA-<idFlusso>-<IUV>-<IUR>-<indice>: GovPay's item key
	 * (iuv, iur, indice) inside the flow, since a payment and its
	 * revocation share IUV and indice (payments.h gives the form
	 * "e.g."; the IUR is what tells them apart). */
	snprintf(pid, sizeof pid, "PAGOPA-%s-%s-%s-%d", f->id, it->iuv, it->iur, it->index);
	snprintf(ref, sizeof ref, "%s:%llu", f->source, (unsigned long long)it->line);
	if (it->error != NULL)
		return sink->reject(sink->ctx, f->source, it->line, pid, it->error, err);
	memset(&p, 0, sizeof p);
	p.payment_id = pid;
	p.source = "PAGOPA";
	p.source_ref = ref;
	p.iuv = it->iuv;
	p.amount = it->amount;
	p.paid_on = it->date;
	p.credited_on = F->credit != NONE ? m->credits[F->credit].p.credited_on : ES_DATE_NONE;
	p.line = it->line;
	c.m = m;
	c.p = &p;
	c.sink = sink;
	c.rule = "notice";
	c.recon = flow_class(m, fl);
	c.pid = pid;
	c.credit = false;
	c.emitted = 0;
	c.note_all = NULL;
	c.shared_row = false;
	c.pref = 0;
	if ((rc = known_check(m, sink, pid, &hit, &state, err)) != ES_OK)
		return rc;
	if (state == PID_KNOWN)
		return skip(sink, pid, err);
	/* Items of the flows in use have ids of their own (two flows in use
	 * never share an id, an item repeated in a flow is rejected, and
	 * without a '-' in IUV and IUR the id splits back into its parts):
	 * an item's id is remembered only if a credit may name it too. */
	if (hit) {
		if (state == PID_SEEN) {
			c.rule = "none";
			snprintf(m->note, MAX_NOTE, "payment_id %s seen before", pid);
			return emit(&c, NONE, NONE, it->amount, ES_ALLOC_DUPLICATE, m->note, err);
		}
	} else if (strchr(it->iuv, '-') == NULL && strchr(it->iur, '-') == NULL
	    && (m->credit_pids.n == 0 || !fpset_has(&m->credit_pids, fp_of(pid)))) {
		if (m->seen.n > 0 && fpset_has(&m->seen, fp_of(pid))) {
			c.rule = "none";
			snprintf(m->note, MAX_NOTE, "payment_id %s seen before", pid);
			return emit(&c, NONE, NONE, it->amount, ES_ALLOC_DUPLICATE, m->note, err);
		}
	} else if (see(m, pid, &nomem)) {
		/* The same item in two flows with different ids. */
		c.rule = "none";
		snprintf(m->note, MAX_NOTE, "payment_id %s seen before", pid);
		return emit(&c, NONE, NONE, it->amount, ES_ALLOC_DUPLICATE, m->note, err);
	}
	if (nomem)
		return es_err_set(err, ES_ENOMEM, "out of memory");
	i = find_iuv(m, it->iuv);
	if ((paid_by = get_receipt(m, fl, k)) != NULL) {
		/* The receipt of this very payment was allocated already. */
		snprintf(m->note, MAX_NOTE, "reported payment of receipt %s", paid_by);
		rc = emit(&c, i != NONE ? m->inst[i].pos : NONE, i != NONE ? m->inst[i].nav : NONE, 0,
		          ES_ALLOC_MATCHED, m->note, err);
	} else if (i != NONE) {
		rc = allocate_notice(&c, i, it->amount, err);
	} else {
		c.rule = "none";
		snprintf(m->note, MAX_NOTE, "IUV %s is not in the dues%s", it->iuv,
		         it->esito == ES_FDR_ESITO_NO_RPT || it->esito == ES_FDR_ESITO_STAND_IN_NO_RPT
		         ? " (paid without RPT)" : "");
		rc = emit(&c, NONE, NONE, it->amount, ES_ALLOC_UNMATCHED, m->note, err);
	}
	return rc;
}

static es_rc
finish_flow(es_matcher *m, uint32_t fl, const es_match_sink *sink, es_err *err)
{
	return flow_walk(m, fl, finish_item, (void *)sink, err);
}

static es_rc
finish_credit(es_matcher *m, uint32_t k, const es_match_sink *sink, es_err *err)
{
	credit *cr = &m->credits[k];
	pid_state state;
	ctx c;
	es_rc rc;

	if (cr->p.payment_id[0] == '\0')
		return sink->reject(sink->ctx, cr->p.source_ref, cr->p.line, "", "empty payment_id", err);
	c.m = m;
	c.p = &cr->p;
	c.sink = sink;
	c.rule = "flow";
	c.recon = ES_RECON_UNKNOWN_CREDIT;
	c.pid = cr->p.payment_id;
	c.credit = true;
	c.emitted = 0;
	c.note_all = NULL;
	c.shared_row = false;
	c.pref = 0;
	if ((rc = pid_check(m, sink, cr->p.payment_id, &state, err)) != ES_OK)
		return rc;
	if (state == PID_KNOWN)
		return skip(sink, cr->p.payment_id, err);
	if (state == PID_SEEN) {
		snprintf(m->note, MAX_NOTE, "payment_id %s seen before", cr->p.payment_id);
		c.rule = "none";
		c.recon = ES_RECON_NONE;
		return emit(&c, NONE, NONE, cr->p.amount, ES_ALLOC_DUPLICATE, m->note, err);
	}
	if (cr->c.kind == ES_CAUSALE_FLOW) {
		char a[ES_MONEY_BUFSZ];
		es_fdr *f;

		if (cr->flow == NONE)
			return emit(&c, NONE, NONE, cr->p.amount, ES_ALLOC_UNMATCHED, cr->note, err);
		f = m->flows[cr->flow].f;
		if (f->total_declared != cr->p.amount) {
			c.recon = ES_RECON_AMOUNT_DIFFERS;
			snprintf(m->note, MAX_NOTE, "flow %s declares %s", f->id,
			         es_money_format(f->total_declared, ES_MONEY_PLAIN, a));
			return emit(&c, NONE, NONE, cr->p.amount, ES_ALLOC_UNMATCHED, m->note, err);
		}
		c.recon = ES_RECON_COMPLETE;
		snprintf(m->note, MAX_NOTE, "flow %s%s", f->id,
		         cr->linked_by_prefix ? " (truncated id in the causale)" : "");
		return emit(&c, NONE, NONE, cr->p.amount, ES_ALLOC_MATCHED, m->note, err);
	}
	/* The cash of an F24 ripartizione. */
	if (cr->c.kind == ES_CAUSALE_NONE || cr->c.kind == ES_CAUSALE_CF) {
		f24block *b = find_f24_block(m, cr);

		if (b != NULL) {
			b->used = true;
			c.rule = "f24-credit";
			c.recon = ES_RECON_COMPLETE;
			snprintf(m->note, MAX_NOTE, "F24 ripartizione %s%s%s", b->date, b->ref[0] ? " " : "", b->ref);
			return emit(&c, NONE, NONE, cr->p.amount, ES_ALLOC_MATCHED, m->note, err);
		}
	}
	/* A single credit: the causale rules, then the payer's codice fiscale. */
	{
		es_match_payment p = cr->p;

		c.p = &p;
		if (cr->c.kind == ES_CAUSALE_NONE && cr->client_cf != NULL && cr->client_cf[0] != '\0') {
			/* Treat the payer as if the causale named him. */
			p.causale = cr->client_cf;
		}
		c.recon = ES_RECON_COMPLETE;
		rc = match_rules(m, &c, err);
		return rc;
	}
}

uint64_t
es_matcher_flow_items(const es_matcher *m)
{
	uint64_t n = 0;
	size_t k;

	for (k = 0; k < m->nflows; k++)
		if (!m->flows[k].dropped)
			n += m->flows[k].f->nitems;
	return n;
}

es_rc
es_matcher_finish(es_matcher *m, const es_match_sink *sink, es_err *err)
{
	size_t k;
	es_rc rc;

	if (!m->sealed)
		return es_err_set(err, ES_EINTERNAL, "es_matcher_finish before seal");
	link_credits(m);
	for (k = 0; k < m->ncredits; k++) {
		bool nomem;

		if (strncmp(m->credits[k].p.payment_id, "PAGOPA-", 7) != 0)
			continue;
		(void)fpset_add(&m->credit_pids, fp_of(m->credits[k].p.payment_id), &nomem);
		if (nomem)
			return es_err_set(err, ES_ENOMEM, "out of memory");
	}
	for (k = 0; k < m->nflows; k++) {
		if (m->flows[k].dropped)
			continue;
		if ((rc = finish_flow(m, (uint32_t)k, sink, err)) != ES_OK)
			return rc;
	}
	for (k = 0; k < m->ncredits; k++)
		if ((rc = finish_credit(m, (uint32_t)k, sink, err)) != ES_OK)
			return rc;
	return ES_OK;
}
