/*
 * lib/measures/network_krackhardt.c - Krackhardt's (1994) least upper
 * boundedness: the pairs of actors without a least upper bound, counted
 * through the source components of the condensation (lub_violations);
 * measure_graph turns it into the lub measure next to Krackhardt's
 * connectedness, hierarchy and efficiency.
 * SPDX-License-Identifier: MIT
 */
#include "network_internal.h"

#include <stdlib.h>
#include <string.h>

/* Order of actors for grouping: by weak component, then by their row of
 * source components (word by word). */
static int sa_less_equal(const net_ctx *c, size_t a, size_t b)
{
    const uint64_t *x = c->sa + a * c->sa_words, *y = c->sa + b * c->sa_words;
    size_t k;
    if (c->comp[a] != c->comp[b])
        return c->comp[a] < c->comp[b];
    for (k = 0; k < c->sa_words; k++)
        if (x[k] != y[k])
            return x[k] < y[k];
    return 1;
}

static void sort_actors(const net_ctx *c, size_t *v, size_t *tmp, size_t n)
{
    size_t width, i;
    for (width = 1; width < n; width *= 2) { /* bottom-up merge sort */
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n, hi = i + 2 * width < n ? i + 2 * width : n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                tmp[k++] = sa_less_equal(c, v[a], v[b]) ? v[a++] : v[b++];
            while (a < mid)
                tmp[k++] = v[a++];
            while (b < hi)
                tmp[k++] = v[b++];
        }
        memcpy(v, tmp, n * sizeof *v);
    }
}

/* Source components shared by the rows of actors a and b: 0, 1 or 2 (= more). */
static int shared_sources(const net_ctx *c, size_t a, size_t b)
{
    const uint64_t *x = c->sa + a * c->sa_words, *y = c->sa + b * c->sa_words;
    size_t k;
    int cnt = 0;
    for (k = 0; k < c->sa_words && cnt < 2; k++)
        cnt += __builtin_popcountll(x[k] & y[k]);
    return cnt < 2 ? cnt : 2;
}

/* Krackhardt's least-upper-boundedness violations (Krackhardt 1994;
 * sna::lubness), summed over the weak components of more than 2 actors:
 * a pair {i, j} of one component violates when no actor that reaches both
 * (an upper bound, i and j themselves included) reaches every other upper
 * bound.
 *
 * The upper bounds of {i, j} are closed upwards (whoever reaches an upper
 * bound is one), so an upper bound that reaches all the others has no
 * ancestor outside its own strong component: it lies in a source component
 * of the condensation.  And every upper bound lies below some source
 * component among the upper bounds.  Hence {i, j} has a least upper bound
 * exactly when one source component, no more and no less, reaches both i
 * and j.  Each actor gets a bit row of the source components reaching it;
 * actors with the same row (and component) are grouped, and the groups are
 * compared pairwise word by word: O(n + m + groups^2 x sources / 64)
 * instead of O(n^4).  Returns GOVIDX_ENOMEM only. */
int lub_violations(net_ctx *c, size_t n_strong, double *viol)
{
    size_t n = c->n, i, k, w, nsrc = 0, bytes, g0, g1, h0, h1, *src_of = c->low, *rep = c->iter;
    *viol = 0;
    /* source components: no arc from another component enters them */
    for (k = 0; k < n_strong; k++)
        src_of[k] = 1, rep[k] = SIZE_MAX;
    for (i = 0; i < n; i++) {
        if (rep[c->scc[i]] == SIZE_MAX)
            rep[c->scc[i]] = i;
        for (k = c->out_start[i]; k < c->out_start[i + 1]; k++)
            if (c->scc[c->out_adj[k]] != c->scc[i])
                src_of[c->scc[c->out_adj[k]]] = 0;
    }
    for (k = 0; k < n_strong; k++)
        src_of[k] = src_of[k] ? nsrc++ : SIZE_MAX;
    c->sa_words = (nsrc + 63) / 64;
    if (!govidx__mul_ok(n, c->sa_words, &bytes) || !govidx__mul_ok(bytes, sizeof(uint64_t), &bytes))
        return govidx__fail(GOVIDX_EDIM, "network too large");
    if (bytes > c->sa_cap) {
        uint64_t *sa = govidx__realloc(c->sa, bytes);
        if (!sa)
            return govidx__oom();
        c->sa = sa;
        c->sa_cap = bytes;
    }
    memset(c->sa, 0, bytes);
    /* row of actor x: bit s when source component s reaches x */
    for (k = 0; k < n_strong; k++) {
        const uint64_t *r;
        size_t s = src_of[k];
        if (s == SIZE_MAX)
            continue;
        r = c->reach + rep[k] * c->words;
        for (w = 0; w < c->words; w++) {
            uint64_t bits = r[w];
            while (bits) {
                size_t x = w * 64 + (size_t)__builtin_ctzll(bits);
                bits &= bits - 1;
                c->sa[x * c->sa_words + s / 64] |= (uint64_t)1 << (s % 64);
            }
        }
    }
    for (i = 0; i < n; i++)
        c->order[i] = i;
    sort_actors(c, c->order, c->tmp, n);
    /* groups of equal rows, one weak component at a time; c->tmp holds
     * the groups' first positions in c->order */
    for (g0 = 0; g0 < n; g0 = g1) {
        size_t comp = c->comp[c->order[g0]], ng = 0, a, b;
        double size = (double)c->comp_size[comp], good = 0;
        for (g1 = g0; g1 < n && c->comp[c->order[g1]] == comp; g1++)
            if (g1 == g0 || !sa_less_equal(c, c->order[g1], c->order[g1 - 1]))
                c->tmp[ng++] = g1;
        if (c->comp_size[comp] <= 2)
            continue;
        c->tmp[ng] = g1;
        for (a = 0; a < ng; a++) {
            h0 = c->tmp[a + 1] - c->tmp[a];
            if (shared_sources(c, c->order[c->tmp[a]], c->order[c->tmp[a]]) == 1)
                good += (double)h0 * (double)(h0 - 1) / 2;
            for (b = a + 1; b < ng; b++) {
                h1 = c->tmp[b + 1] - c->tmp[b];
                if (shared_sources(c, c->order[c->tmp[a]], c->order[c->tmp[b]]) == 1)
                    good += (double)h0 * (double)h1;
            }
        }
        *viol += size * (size - 1) / 2 - good;
    }
    return GOVIDX_OK;
}
