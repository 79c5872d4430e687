/*
 * lib/core/kernels.c - the column loops the composite engine spends its time in:
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

/*
 * One child of a fused node (plan_fused.c) but the last: its min-max values
 * into z, and w z, w and 1 added to the node's sums (set to 0 before the
 * first child) over the units whose z is present; in the same pass, the
 * range of the next column, so that one column is read from memory while
 * the previous one is normalised from the cache.  A missing z adds +0.0 to
 * the sums, which leaves them exact: they are the sums of
 * govidx__arithmetic_unit, term by term.  Plain stores: streaming stores
 * measured slower (bench/bench_composite).  The two memory streams, next
 * (read) and z (written), are prefetched 4 KiB ahead: with five streams in
 * flight the hardware prefetcher falls behind.  Both together made the loop
 * 15-30% faster on the bench's panels, the read stream alone about half
 * that, the written one alone nothing (and a loop that only reads, like
 * govidx__kernel_range, is slower with prefetches).
 */
enum { PREFETCH_AHEAD = 512 }; /* doubles */

#if defined(__GNUC__)
/* The vector steps the fused kernels share (macros over the kernels' own
 * names: no vector-typed function ABI).  The constants, four lanes each,
 * and the running range of the next column: */
#define FUSED_CONSTANTS                                                                                      \
    const v4d lo4 = {lo, lo, lo, lo}, so4 = {span_out, span_out, span_out, span_out}, mn4 = {mn, mn, mn, mn}, \
              mx4 = {mx, mx, mx, mx}, w4 = {w, w, w, w}, one4 = {1, 1, 1, 1}, sp4 = {span, span, span, span}; \
    v4d rlo = {INFINITY, INFINITY, INFINITY, INFINITY}, rhi = -rlo
/* lanes i..i+3: t, the min-max values (the expression of
 * govidx__kernel_minmax, lane by lane), stored to z; present, where t is
 * not NaN; s and c, the sums of w z and of w with this child added */
#define FUSED_LANES(i)                                                              \
    do {                                                                            \
        memcpy(&a, x + (i), sizeof a);                                              \
        t = direction > 0 ? lo4 + so4 * (a - mn4) / sp4 : lo4 + so4 * (mx4 - a) / sp4; \
        memcpy(z + (i), &t, sizeof t);                                              \
        present = t == t;                                                           \
        memcpy(&s, acc + (i), sizeof s);                                            \
        s += (v4d)((v4l)(w4 * t) & present);                                        \
        memcpy(&c, ws + (i), sizeof c);                                             \
        c += (v4d)((v4l)w4 & present);                                              \
    } while (0)
/* lanes i..i+3 of column col into the running range (NaN skipped) */
#define RANGE_LANES(col, i)                     \
    do {                                        \
        memcpy(&a, (col) + (i), sizeof a);      \
        rlo = SELECT4(a < rlo, a, rlo);         \
        rhi = SELECT4(a > rhi, a, rhi);         \
    } while (0)
#endif

GOVIDX__HOT_LOOP
void govidx__kernel_fused_child(double *restrict z, const double *restrict x, size_t n, double lo, double span_out,
                                double mn, double mx, int direction, double w, const govidx__node_sums *sums,
                                const double *restrict next, double *next_mn, double *next_mx)
{
    double *restrict acc = sums->acc, *restrict ws = sums->ws, *restrict cnt = sums->cnt;
    const double span = mx - mn;
    size_t i = 0;
    double l = INFINITY, h = -INFINITY;
#if defined(__GNUC__)
    FUSED_CONSTANTS;
    size_t k;
    for (; i + 4 <= n; i += 4) {
        v4d a, t, s, c;
        v4l present;
        if (i % 8 == 0 && i + PREFETCH_AHEAD < n) { /* once per 64-byte line */
            __builtin_prefetch(next + i + PREFETCH_AHEAD, 0, 3);
            __builtin_prefetch(z + i + PREFETCH_AHEAD, 1, 3);
        }
        FUSED_LANES(i);
        memcpy(acc + i, &s, sizeof s);
        memcpy(ws + i, &c, sizeof c);
        if (cnt) {
            memcpy(&c, cnt + i, sizeof c);
            c += (v4d)((v4l)one4 & present);
            memcpy(cnt + i, &c, sizeof c);
        }
        RANGE_LANES(next, i);
    }
    for (k = 0; k < 4; k++) {
        l = rlo[k] < l ? rlo[k] : l;
        h = rhi[k] > h ? rhi[k] : h;
    }
#endif
    for (; i < n; i++) {
        double t = direction > 0 ? lo + span_out * (x[i] - mn) / span : lo + span_out * (mx - x[i]) / span;
        z[i] = t;
        if (t == t) {
            acc[i] += w * t;
            ws[i] += w;
            if (cnt)
                cnt[i] += 1;
        }
        l = next[i] < l ? next[i] : l;
        h = next[i] > h ? next[i] : h;
    }
    *next_mn = l;
    *next_mx = h;
}

/* The last child of a fused node: its min-max values into z and the
 * node's scores, the sums with this child added, divided, into out; and,
 * when next is given, the range of the next fused node's first column (as
 * govidx__kernel_fused_child, whose vector steps these are). */
GOVIDX__HOT_LOOP
size_t govidx__kernel_fused_last(double *restrict z, const double *restrict x, size_t n, double lo, double span_out,
                                 double mn, double mx, int direction, double w, const govidx__node_sums *sums,
                                 double *restrict out, const double *restrict next, double *next_mn, double *next_mx)
{
    const double *restrict acc = sums->acc, *restrict ws = sums->ws, *restrict cnt = sums->cnt;
    const double span = mx - mn, need = sums->need;
    size_t i = 0, n_inf = 0;
    double l = INFINITY, h = -INFINITY;
#if defined(__GNUC__)
    FUSED_CONSTANTS;
    const v4d zero4 = {0, 0, 0, 0}, need4 = {need, need, need, need}, nan4 = {NAN, NAN, NAN, NAN},
              max4 = {DBL_MAX, DBL_MAX, DBL_MAX, DBL_MAX};
    const v4l abs4 = {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX};
    v4l inf4 = {0, 0, 0, 0};
    size_t k;
    for (; i + 4 <= n; i += 4) {
        v4d a, t, s, c, o;
        v4l present, ok;
        if (i % 8 == 0 && i + PREFETCH_AHEAD < n) { /* once per 64-byte line */
            if (next)
                __builtin_prefetch(next + i + PREFETCH_AHEAD, 0, 3);
            __builtin_prefetch(z + i + PREFETCH_AHEAD, 1, 3);
            __builtin_prefetch(out + i + PREFETCH_AHEAD, 1, 3);
        }
        FUSED_LANES(i);
        ok = c > zero4;
        if (cnt) {
            memcpy(&a, cnt + i, sizeof a);
            a += (v4d)((v4l)one4 & present);
            ok &= a >= need4;
        }
        o = SELECT4(ok, s / c, nan4);
        memcpy(out + i, &o, sizeof o);
        inf4 -= (v4d)((v4l)o & abs4) > max4; /* true is -1 */
        if (next)
            RANGE_LANES(next, i);
    }
    for (k = 0; k < 4; k++) {
        l = rlo[k] < l ? rlo[k] : l;
        h = rhi[k] > h ? rhi[k] : h;
        n_inf += (size_t)inf4[k];
    }
#endif
    for (; i < n; i++) {
        double t = direction > 0 ? lo + span_out * (x[i] - mn) / span : lo + span_out * (mx - x[i]) / span;
        double s = acc[i] + (t == t ? w * t : 0.0), c = ws[i] + (t == t ? w : 0.0), o;
        int ok = c > 0.0 && (!cnt || cnt[i] + (t == t ? 1.0 : 0.0) >= need);
        z[i] = t;
        o = ok ? s / c : NAN;
        out[i] = o;
        n_inf += fabs(o) > DBL_MAX;
        if (next) {
            l = next[i] < l ? next[i] : l;
            h = next[i] > h ? next[i] : h;
        }
    }
    if (next) {
        *next_mn = l;
        *next_mx = h;
    }
    return n_inf;
}

/* A finished child's column z added to a streamed node's sums: the sums
 * and scores of govidx__kernel_fused_child without the normalisation. */
GOVIDX__HOT_LOOP
size_t govidx__kernel_child_sums(const govidx__node_sums *sums, const double *restrict z, size_t n, double w,
                                 int first, double *restrict out)
{
    double *restrict acc = sums->acc, *restrict ws = sums->ws, *restrict cnt = sums->cnt;
    const double need = sums->need;
    size_t i, n_inf = 0;
    if (first) {
        for (i = 0; i < n; i++)
            acc[i] = ws[i] = 0.0;
        if (cnt)
            for (i = 0; i < n; i++)
                cnt[i] = 0.0;
    }
    if (cnt)
        for (i = 0; i < n; i++)
            cnt[i] += z[i] == z[i] ? 1.0 : 0.0;
    if (!out) {
        for (i = 0; i < n; i++) {
            double t = z[i];
            acc[i] += t == t ? w * t : 0.0;
            ws[i] += t == t ? w : 0.0;
        }
        return 0;
    }
    if (cnt)
        for (i = 0; i < n; i++) {
            double t = z[i], s = acc[i] + (t == t ? w * t : 0.0), c = ws[i] + (t == t ? w : 0.0);
            double o = c > 0.0 && cnt[i] >= need ? s / c : NAN;
            out[i] = o;
            n_inf += fabs(o) > DBL_MAX;
        }
    else
        for (i = 0; i < n; i++) {
            double t = z[i], s = acc[i] + (t == t ? w * t : 0.0), c = ws[i] + (t == t ? w : 0.0);
            double o = c > 0.0 ? s / c : NAN;
            out[i] = o;
            n_inf += fabs(o) > DBL_MAX;
        }
    return n_inf;
}
