/*
 * lib/kernels.c - the column loops the composite engine spends its time in:
 * one read of an indicator's column for its range, min-max normalisation,
 * weighted accumulation of children.  Each is element-wise or an
 * order-free reduction, built as a GOVIDX__HOT_LOOP (vectorised, AVX2 clone
 * on x86-64), so every build gives the same numbers as the plain loops of
 * lib/normalize.c and lib/aggregate.c.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <float.h>
#include <math.h>
#include <string.h>

#if defined(__GNUC__)
/* Four lanes as GCC/Clang vector types: the min/max of NaN-skipping values
 * is a select the vectoriser does not form on its own (it must honour
 * NaN), so the lanes are written out; they become AVX2 or SSE2 code. */
typedef double v4d __attribute__((vector_size(32)));
typedef long long v4l __attribute__((vector_size(32)));

/* mask ? a : b, lane by lane (a macro: no vector-typed function ABI) */
#define SELECT4(mask, a, b) ((v4d)(((v4l)(a) & (mask)) | ((v4l)(b) & ~(mask))))

GOVIDX__HOT_LOOP
void govidx__kernel_range(const double *x, size_t n, double *mn, double *mx)
{
    /* two sets of lanes: the compare-and-select chains are short enough
     * that the loop runs at memory speed */
    v4d lo0 = {INFINITY, INFINITY, INFINITY, INFINITY}, hi0 = -lo0, lo1 = lo0, hi1 = hi0;
    size_t i = 0, k;
    double l, h;
    for (; i + 8 <= n; i += 8) {
        v4d a, b;
        memcpy(&a, x + i, sizeof a);
        memcpy(&b, x + i + 4, sizeof b);
        lo0 = SELECT4(a < lo0, a, lo0); /* NaN compares false: skipped */
        hi0 = SELECT4(a > hi0, a, hi0);
        lo1 = SELECT4(b < lo1, b, lo1);
        hi1 = SELECT4(b > hi1, b, hi1);
    }
    l = INFINITY;
    h = -INFINITY;
    for (k = 0; k < 4; k++) {
        l = lo0[k] < l ? lo0[k] : l;
        l = lo1[k] < l ? lo1[k] : l;
        h = hi0[k] > h ? hi0[k] : h;
        h = hi1[k] > h ? hi1[k] : h;
    }
    for (; i < n; i++) {
        l = x[i] < l ? x[i] : l;
        h = x[i] > h ? x[i] : h;
    }
    *mn = l;
    *mx = h;
}
#else
void govidx__kernel_range(const double *x, size_t n, double *mn, double *mx)
{
    size_t i;
    double l = INFINITY, h = -INFINITY;
    for (i = 0; i < n; i++) {
        l = x[i] < l ? x[i] : l;
        h = x[i] > h ? x[i] : h;
    }
    *mn = l;
    *mx = h;
}
#endif

GOVIDX__HOT_LOOP
size_t govidx__kernel_count_nonfinite(const double *x, size_t n, size_t *n_nan)
{
    size_t i, inf = 0, nan = 0;
    for (i = 0; i < n; i++) {
        inf += fabs(x[i]) > DBL_MAX;
        nan += x[i] != x[i];
    }
    *n_nan = nan;
    return inf;
}

GOVIDX__HOT_LOOP
void govidx__kernel_minmax(double *restrict z, const double *restrict x, size_t n, double lo, double span_out,
                           double mn, double mx, int direction)
{
    size_t i;
    double span = mx - mn;
    if (direction > 0)
        for (i = 0; i < n; i++)
            z[i] = lo + span_out * (x[i] - mn) / span;
    else
        for (i = 0; i < n; i++)
            z[i] = lo + span_out * (mx - x[i]) / span;
}

GOVIDX__HOT_LOOP
void govidx__kernel_axpy(double *restrict acc, const double *restrict x, size_t n, double w)
{
    size_t i;
    for (i = 0; i < n; i++)
        acc[i] += w * x[i];
}

/* Min-max and accumulate for the fused path.  Plain stores: streaming
 * (non-temporal) stores measured slower here (bench/bench_composite), and
 * the units with a missing child read z back from the cache. */
GOVIDX__HOT_LOOP
void govidx__kernel_minmax_accumulate(double *restrict z, double *restrict acc, const double *restrict x, size_t n,
                                      double lo, double span_out, double mn, double mx, int direction, double w)
{
    size_t i;
    double span = mx - mn;
    if (direction > 0)
        for (i = 0; i < n; i++) {
            double t = lo + span_out * (x[i] - mn) / span;
            z[i] = t;
            acc[i] += w * t;
        }
    else
        for (i = 0; i < n; i++) {
            double t = lo + span_out * (mx - x[i]) / span;
            z[i] = t;
            acc[i] += w * t;
        }
}
