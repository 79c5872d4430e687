/*
 * lib/measures/network_null.c - the null model of the network measures:
 * random graphs with the observed degrees (degree-preserving directed
 * double-edge swaps on a seeded xoshiro256** stream) and each measure's
 * z-score against them.
 * SPDX-License-Identifier: MIT
 */
#include "network_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Null model: degree-preserving directed double-edge swaps              */
/* ------------------------------------------------------------------ */

/* xoshiro256** (Blackman & Vigna 2018), seeded through splitmix64. */
typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(rng *r)
{
    uint64_t out = rotl(r->s[1] * 5, 7) * 9, t = r->s[1] << 17;
    r->s[2] ^= r->s[0];
    r->s[3] ^= r->s[1];
    r->s[1] ^= r->s[2];
    r->s[0] ^= r->s[3];
    r->s[2] ^= t;
    r->s[3] = rotl(r->s[3], 45);
    return out;
}

/* Uniform integer in [0, n), n > 0, without modulo bias (Lemire 2019). */
static size_t rng_below(rng *r, size_t n)
{
    uint64_t x = rng_next(r);
    __uint128_t p = (__uint128_t)x * n;
    uint64_t low = (uint64_t)p;
    if (low < n) {
        uint64_t floor = -(uint64_t)n % n;
        while (low < floor) {
            x = rng_next(r);
            p = (__uint128_t)x * n;
            low = (uint64_t)p;
        }
    }
    return (size_t)(p >> 64);
}

/* Open-addressing set of arcs (from * n + to + 1; 0 = empty), for O(1)
 * "does this arc exist" during rewiring. */
typedef struct arcset {
    uint64_t *slot;
    size_t mask;
} arcset;

static size_t arc_hash(uint64_t key, size_t mask)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdu;
    key ^= key >> 33;
    return (size_t)key & mask;
}

static size_t arcset_find(const arcset *s, uint64_t key)
{
    size_t i = arc_hash(key, s->mask);
    while (s->slot[i] && s->slot[i] != key)
        i = (i + 1) & s->mask;
    return i;
}

static void arcset_remove(arcset *s, uint64_t key)
{
    /* Backward-shift deletion keeps probe chains intact without tombstones. */
    size_t i = arcset_find(s, key), j = i;
    s->slot[i] = 0;
    for (;;) {
        size_t home;
        j = (j + 1) & s->mask;
        if (!s->slot[j])
            return;
        home = arc_hash(s->slot[j], s->mask);
        if (((j - home) & s->mask) >= ((j - i) & s->mask)) {
            s->slot[i] = s->slot[j];
            s->slot[j] = 0;
            i = j;
        }
    }
}

/* One rewiring step: pick arcs a->b and c->d, replace them by a->d and
 * c->b when that keeps the graph simple.  Degrees never change. */
static void rewire_step(rng *r, arcset *set, size_t *from, size_t *to, size_t m, size_t n)
{
    size_t x = rng_below(r, m), y = rng_below(r, m), a, b, cc, d;
    uint64_t ad, cb;
    if (x == y)
        return;
    a = from[x], b = to[x], cc = from[y], d = to[y];
    if (a == d || cc == b || a == cc || b == d)
        return;
    ad = (uint64_t)a * n + d + 1;
    cb = (uint64_t)cc * n + b + 1;
    if (set->slot[arcset_find(set, ad)] || set->slot[arcset_find(set, cb)])
        return;
    arcset_remove(set, (uint64_t)a * n + b + 1);
    arcset_remove(set, (uint64_t)cc * n + d + 1);
    set->slot[arcset_find(set, ad)] = ad;
    set->slot[arcset_find(set, cb)] = cb;
    to[x] = d;
    to[y] = b;
}

/* Measures whose z-score is meaningful: the null model fixes the others
 * (actors, ties, loops, densities, degree distributions, silos, isolates). */
static int varies_under_null(size_t k)
{
    switch (k) {
    case GOVIDX_NET_RECIPROCITY:
    case GOVIDX_NET_RECIPROCITY_DYADIC:
    case GOVIDX_NET_CROSS_SECTOR_SHARE:
    case GOVIDX_NET_GOV_NONGOV_SHARE:
    case GOVIDX_NET_EI_INDEX:
    case GOVIDX_NET_WEAK_COMPONENTS:
    case GOVIDX_NET_LARGEST_WEAK_SHARE:
    case GOVIDX_NET_STRONG_COMPONENTS:
    case GOVIDX_NET_LARGEST_STRONG_SHARE:
    case GOVIDX_NET_GLOBAL_EFFICIENCY:
    case GOVIDX_NET_GLOBAL_EFFICIENCY_UNDIRECTED:
    case GOVIDX_NET_CONNECTEDNESS:
    case GOVIDX_NET_HIERARCHY:
    case GOVIDX_NET_EFFICIENCY:
    case GOVIDX_NET_LUB:
        return 1;
    default:
        return 0;
    }
}

int null_model(net_ctx *c, const arcs *obs, const govidx_network_options *o, const double *v, double *z)
{
    size_t m = obs->m, n = c->n, cap = 16, s, k, t, swaps;
    double mean[GOVIDX_NET_N_MEASURES] = {0}, m2[GOVIDX_NET_N_MEASURES] = {0}, rv[GOVIDX_NET_N_MEASURES];
    size_t *from = NULL, *to = NULL, *sf = NULL, *st = NULL, *pair = NULL;
    arcset set = {NULL, 0};
    rng r;
    uint64_t seed = o->seed;
    int rc = GOVIDX_OK;

    for (k = 0; k < GOVIDX_NET_N_MEASURES; k++)
        z[k] = NAN;
    if (m < 2)
        return GOVIDX_OK; /* nothing can be rewired: every z is undefined */
    while (cap < 2 * m)
        cap *= 2;
    swaps = (o->null_swaps_per_tie ? o->null_swaps_per_tie : 10);
    if (!govidx__mul_ok(swaps, m, &swaps))
        return govidx__fail(GOVIDX_EDIM, "govidx_network_measures: too many rewiring steps");
    from = govidx__mallocarray(m, sizeof *from);
    to = govidx__mallocarray(m, sizeof *to);
    sf = govidx__mallocarray(m, sizeof *sf);
    st = govidx__mallocarray(m, sizeof *st);
    pair = govidx__mallocarray(m, 2 * sizeof *pair);
    set.slot = govidx__calloc(cap, sizeof *set.slot);
    if (!from || !to || !sf || !st || !pair || !set.slot) {
        rc = govidx__oom();
        goto done;
    }
    set.mask = cap - 1;
    memcpy(from, obs->from, m * sizeof *from);
    memcpy(to, obs->to, m * sizeof *to);
    for (k = 0; k < m; k++) {
        uint64_t key = (uint64_t)from[k] * n + to[k] + 1;
        set.slot[arcset_find(&set, key)] = key;
    }
    for (k = 0; k < 4; k++)
        r.s[k] = splitmix64(&seed);
    /* One Markov chain from the observed graph; samples are taken every
     * `swaps` attempts (Welford's running mean and variance). */
    for (s = 0; s < o->null_samples; s++) {
        for (t = 0; t < swaps; t++)
            rewire_step(&r, &set, from, to, m, n);
        /* measure_graph wants arcs sorted by (from, to) */
        for (k = 0; k < m; k++)
            pair[2 * k] = from[k], pair[2 * k + 1] = to[k];
        qsort(pair, m, 2 * sizeof *pair, cmp_pair);
        for (k = 0; k < m; k++)
            sf[k] = pair[2 * k], st[k] = pair[2 * k + 1];
        if ((rc = measure_graph(c, sf, st, m, 0, 0, rv)))
            goto done;
        for (k = 0; k < GOVIDX_NET_N_MEASURES; k++) {
            double x = rv[k], d;
            if (!varies_under_null(k) || isnan(x))
                continue;
            d = x - mean[k];
            mean[k] += d / (double)(s + 1);
            m2[k] += d * (x - mean[k]);
        }
    }
    for (k = 0; k < GOVIDX_NET_N_MEASURES; k++) {
        double sd;
        if (!varies_under_null(k) || o->null_samples < 2 || isnan(v[k]))
            continue;
        sd = sqrt(m2[k] / (double)(o->null_samples - 1));
        z[k] = sd > 1e-12 ? (v[k] - mean[k]) / sd : NAN;
    }
done:
    govidx__free(from);
    govidx__free(to);
    govidx__free(sf);
    govidx__free(st);
    govidx__free(pair);
    govidx__free(set.slot);
    return rc;
}
