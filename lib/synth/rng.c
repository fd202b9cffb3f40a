/* rng.c: xoshiro256** (Blackman and Vigna) seeded through splitmix64.
 * Written from the published algorithm descriptions; no rand(). */
#include "es_setup.h"

#include "synth/synth.h"

uint64_t
es_synth_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

void
es_synth_rng_seed(es_synth_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t st = seed ^ (stream * UINT64_C(0xD1B54A32D192ED03));
	int i;

	(void)es_synth_splitmix64(&st);
	for (i = 0; i < 4; i++)
		r->s[i] = es_synth_splitmix64(&st);
	if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
		r->s[0] = 1;
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
es_synth_rng_next(es_synth_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t
es_synth_rng_below(es_synth_rng *r, uint64_t n)
{
	uint64_t x, limit;

	if (n <= 1)
		return 0;
	/* reject the top partial bucket: no modulo bias */
	limit = UINT64_MAX - UINT64_MAX % n;
	do
		x = es_synth_rng_next(r);
	while (x >= limit);
	return x % n;
}

int64_t
es_synth_rng_range(es_synth_rng *r, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)es_synth_rng_below(r, (uint64_t)(hi - lo) + 1);
}

bool
es_synth_rng_chance(es_synth_rng *r, unsigned per10000)
{
	return es_synth_rng_below(r, 10000) < per10000;
}
