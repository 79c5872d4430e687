/*
 * lib/core/rank.c - competition ranking ("1224") of scores, the ranks every
 * executed plan carries for every node, unit and year.
 *
 * The present scores are first spread over n buckets by value (bucket =
 * floor((v - min) n / (max - min)), a non-decreasing function of v in
 * floating point, so bucket order is score order); a bucket of a few scores
 * is finished by insertion sort, a crowded one (clustered scores, an
 * outlier stretching the range) by an LSD radix sort of order-preserving
 * 64-bit keys (11 bits a pass, passes where every key shares the digit
 * skipped).  Typical scores cost three passes; the worst case is the radix
 * sort's O(n).
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"
#include "govidx/analysis.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)
#define RADIX_PASSES 6 /* 6 x 11 >= 64 bits */

/* Order-preserving map of a double (not NaN) to an unsigned key; -0 and +0
 * share a key, so equal scores always share a rank. */
static uint64_t sort_key(double v)
{
    uint64_t u;
    if (v == 0)
        v = 0;
    memcpy(&u, &v, sizeof u);
    return (u >> 63) ? ~u : u | (UINT64_C(1) << 63);
}

/* Inverse of sort_key. */
static double key_value(uint64_t k)
{
    uint64_t u = (k >> 63) ? k & ~(UINT64_C(1) << 63) : ~k;
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

/* Scratch layout for n scores: values v, v2 (8n each), keys k2 (8n),
 * indices ix, ix2, ix3 (4n each), bucket counts (4(n+1)), radix histograms. */
#define SCRATCH_PER_SCORE (3 * sizeof(uint64_t) + 4 * sizeof(uint32_t))

size_t govidx__rank_scratch_bytes(size_t n)
{
    size_t total, fixed = (RADIX_PASSES * RADIX_SIZE + 1) * sizeof(uint32_t);
    if (!govidx__mul_ok(n, SCRATCH_PER_SCORE, &total) || total > SIZE_MAX - fixed)
        return 0;
    return total + fixed;
}

/* Sort key[0..n) ascending, carrying idx along; *key and *idx are set to
 * where the sorted arrays ended up (the originals or the spares). */
static void radix_sort(uint64_t **key, uint32_t **idx, uint64_t *key2, uint32_t *idx2, uint32_t *count, size_t n)
{
    uint64_t *ks = *key, *kd = key2;
    uint32_t *is = *idx, *id = idx2;
    size_t i, pass;
    memset(count, 0, RADIX_PASSES * RADIX_SIZE * sizeof *count);
    for (i = 0; i < n; i++)
        for (pass = 0; pass < RADIX_PASSES; pass++)
            count[pass * RADIX_SIZE + ((ks[i] >> (RADIX_BITS * pass)) & (RADIX_SIZE - 1))]++;
    for (pass = 0; pass < RADIX_PASSES; pass++) {
        unsigned shift = (unsigned)(RADIX_BITS * pass);
        uint32_t *c = count + pass * RADIX_SIZE, sum = 0, d;
        if (c[(ks[0] >> shift) & (RADIX_SIZE - 1)] == n)
            continue; /* every key has this digit */
        for (d = 0; d < RADIX_SIZE; d++) {
            uint32_t t = c[d];
            c[d] = sum;
            sum += t;
        }
        for (i = 0; i < n; i++) {
            uint32_t to = c[(ks[i] >> shift) & (RADIX_SIZE - 1)]++;
            kd[to] = ks[i];
            id[to] = is[i];
        }
        { uint64_t *t = ks; ks = kd; kd = t; }
        { uint32_t *t = is; is = id; id = t; }
    }
    *key = ks;
    *idx = is;
}

/* Insertion sort of v[0..n) ascending, carrying ix along. */
static void insertion_sort(double *v, uint32_t *ix, size_t n)
{
    size_t i, j;
    for (i = 1; i < n; i++) {
        double x = v[i];
        uint32_t t = ix[i];
        for (j = i; j > 0 && v[j - 1] > x; j--) {
            v[j] = v[j - 1];
            ix[j] = ix[j - 1];
        }
        v[j] = x;
        ix[j] = t;
    }
}

/* Sort v[0..n) ascending (carrying ix) through keys; k, k2, ix2 and count
 * are scratch. */
static void radix_sort_values(double *v, uint32_t *ix, size_t n, uint64_t *k, uint64_t *k2, uint32_t *ix2,
                              uint32_t *count)
{
    uint64_t *key = k;
    uint32_t *idx = ix, *spare = ix2;
    size_t i;
    if (n < 64) {
        insertion_sort(v, ix, n);
        return;
    }
    for (i = 0; i < n; i++)
        k[i] = sort_key(v[i]);
    radix_sort(&key, &idx, k2, spare, count, n);
    for (i = 0; i < n; i++)
        v[i] = key_value(key[i]);
    if (idx != ix)
        memcpy(ix, idx, n * sizeof *ix);
}

typedef struct sorted {
    double *v;   /* present scores, ascending (negated when highest ranks first) */
    uint32_t *ix; /* their unit indices */
    size_t n;
} sorted;

/* Sort the present scores (NaN = unranked, left out). */
static sorted sort_scores(const double *scores, size_t n, int direction, void *scratch)
{
    double *v = scratch, *v2 = v + n, lo = INFINITY, hi = -INFINITY, scale;
    uint64_t *k2 = (uint64_t *)(v2 + n);
    uint32_t *ix = (uint32_t *)(k2 + n), *ix2 = ix + n, *ix3 = ix2 + n, *bucket = ix3 + n;
    uint32_t *count = bucket + n + 1;
    size_t i, c = 0, b, nb;
    sorted out;
    for (i = 0; i < n; i++)
        if (!isnan(scores[i])) {
            double x = direction > 0 ? -scores[i] : scores[i];
            x = x == 0 ? 0 : x; /* -0 and +0 tie */
            lo = x < lo ? x : lo;
            hi = x > hi ? x : hi;
            v[c] = x;
            ix[c++] = (uint32_t)i;
        }
    out.v = v;
    out.ix = ix;
    out.n = c;
    scale = (double)c / (hi - lo);
    if (c < 64 || lo == hi || !isfinite(hi - lo) || !isfinite(scale)) {
        if (lo != hi)
            radix_sort_values(v, ix, c, (uint64_t *)v2, k2, ix2, count);
        return out;
    }
    /* bucket pass: count, place, then finish each bucket */
    nb = c;
    memset(bucket, 0, (nb + 1) * sizeof *bucket);
    for (i = 0; i < c; i++) {
        b = (size_t)((v[i] - lo) * scale);
        bucket[(b < nb ? b : nb - 1) + 1]++;
    }
    for (b = 0; b < nb; b++)
        bucket[b + 1] += bucket[b];
    for (i = 0; i < c; i++) {
        size_t to;
        b = (size_t)((v[i] - lo) * scale);
        to = bucket[b < nb ? b : nb - 1]++;
        v2[to] = v[i];
        ix2[to] = ix[i];
    }
    /* bucket[b] is now the end of bucket b.  Crowded buckets are radix
     * sorted (v and ix are free for its scratch); then one insertion sort
     * over everything finishes the small buckets: nothing crosses a bucket
     * boundary, so it costs n plus the few inversions inside buckets. */
    for (b = 0, i = 0; b < nb; i = bucket[b++])
        if (bucket[b] - i > 32)
            radix_sort_values(v2 + i, ix2 + i, bucket[b] - i, (uint64_t *)v, k2, ix3, count);
    insertion_sort(v2, ix2, c);
    out.v = v2;
    out.ix = ix2;
    return out;
}

/* Does sorted score v tie with the first score of the current tie group?
 * Equal, or within rel_tol of it relative to the larger magnitude (so
 * 0.3376 and 0.33759999999999996 tie at 1e-12).  Comparing with the group's
 * first score, not the previous one, keeps a run of near-equal scores from
 * chaining into one tie wider than the tolerance. */
static int ties(double v, double lead, double rel_tol)
{
    return v == lead || fabs(v - lead) <= rel_tol * fmax(fabs(v), fabs(lead));
}

void govidx__rank_u32(uint32_t *out, const double *scores, size_t n, int direction, double rel_tol,
                      void *scratch)
{
    sorted s;
    size_t t, lead = 0;
    memset(out, 0, n * sizeof *out);
    s = sort_scores(scores, n, direction, scratch);
    for (t = 0; t < s.n; t++) {
        if (t == 0 || !ties(s.v[t], s.v[lead], rel_tol))
            lead = t;
        out[s.ix[t]] = (uint32_t)(lead + 1);
    }
}

int govidx_analysis_rank_scores(size_t *out, const double *scores, size_t n, int direction)
{
    return govidx_analysis_rank_scores_tol(out, scores, n, direction, GOVIDX_TIE_TOLERANCE);
}

int govidx_analysis_rank_scores_tol(size_t *out, const double *scores, size_t n, int direction, double rel_tol)
{
    sorted s;
    size_t i, t, lead = 0, bytes = govidx__rank_scratch_bytes(n);
    void *scratch;
    if (!out || !scores)
        return govidx__fail(GOVIDX_EINVAL, "rank: NULL argument");
    if (!(rel_tol >= 0 && rel_tol < 1))
        return govidx__fail(GOVIDX_EINVAL, "rank: tie tolerance must be >= 0 and < 1 (has %g)", rel_tol);
    if (direction == 0)
        return govidx__fail(GOVIDX_EINVAL, "rank: direction must be > 0 or < 0");
    if (n > UINT32_MAX || bytes == 0)
        return govidx__fail(GOVIDX_EDIM, "rank: %zu scores, at most %lu can be ranked", n,
                            (unsigned long)UINT32_MAX);
    for (i = 0; i < n; i++)
        if (isinf(scores[i]))
            return govidx__fail(GOVIDX_ENUMERIC, "rank: score %zu is infinite", i);
    if (n == 0)
        return GOVIDX_OK;
    if (!(scratch = govidx__malloc(bytes)))
        return govidx__oom();
    for (i = 0; i < n; i++)
        out[i] = 0;
    s = sort_scores(scores, n, direction, scratch);
    for (t = 0; t < s.n; t++) {
        if (t == 0 || !ties(s.v[t], s.v[lead], rel_tol))
            lead = t;
        out[s.ix[t]] = lead + 1;
    }
    govidx__free(scratch);
    return GOVIDX_OK;
}
