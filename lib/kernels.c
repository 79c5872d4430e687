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
void govidx__kernel_range(const double *x, size_t n, size_t *present, size_t *n_inf, double *mn, double *mx)
{
    const v4d big = {DBL_MAX, DBL_MAX, DBL_MAX, DBL_MAX};
    const v4l abs_mask = {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX};
    v4d lo = {INFINITY, INFINITY, INFINITY, INFINITY}, hi = -lo;
    v4l cnt = {0, 0, 0, 0}, inf = {0, 0, 0, 0};
    size_t i = 0, k, c = 0, f = 0;
    double l, h;
    for (; i + 4 <= n; i += 4) {
        v4d v;
        memcpy(&v, x + i, sizeof v);
        cnt -= (v == v);                     /* true is -1 */
        inf -= ((v4d)((v4l)v & abs_mask) > big);
        lo = SELECT4(v < lo, v, lo);         /* NaN compares false: skipped */
        hi = SELECT4(v > hi, v, hi);
    }
    l = INFINITY;
    h = -INFINITY;
    for (k = 0; k < 4; k++) {
        c += (size_t)cnt[k];
        f += (size_t)inf[k];
        l = lo[k] < l ? lo[k] : l;
        h = hi[k] > h ? hi[k] : h;
    }
    for (; i < n; i++) {
        double v = x[i];
        c += v == v;
        f += fabs(v) > DBL_MAX;
        l = v < l ? v : l;
        h = v > h ? v : h;
    }
    *present = c;
    *n_inf = f;
    *mn = l;
    *mx = h;
}
#else
void govidx__kernel_range(const double *x, size_t n, size_t *present, size_t *n_inf, double *mn, double *mx)
{
    size_t i, c = 0, f = 0;
    double l = INFINITY, h = -INFINITY;
    for (i = 0; i < n; i++) {
        double v = x[i];
        c += v == v;
        f += fabs(v) > DBL_MAX;
        l = v < l ? v : l;
        h = v > h ? v : h;
    }
    *present = c;
    *n_inf = f;
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
