/*
 * lib/uncertainty/uncertainty_sobol.c - counter-based random streams and the Sobol
 * first/total-order estimators with bootstrap intervals.  Self-contained
 * (plain malloc, no error state) so its tests can compile it directly.
 * SPDX-License-Identifier: MIT
 */
#include "uncertainty_internal.h"
#include "govidx/common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

uint64_t govidx__mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

govidx__rng govidx__rng_stream(uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
    govidx__rng g;
    g.key = govidx__mix64(govidx__mix64(govidx__mix64(seed) ^ a) ^ (b * 0x632be59bd9b4e019ULL + c));
    g.ctr = 0;
    return g;
}

double govidx__rng_uniform(govidx__rng *g)
{
    uint64_t x = govidx__mix64(g->key ^ govidx__mix64(g->ctr++));
    return (double)(x >> 11) * 0x1p-53;
}

double govidx__rng_normal(govidx__rng *g)
{
    double u1 = govidx__rng_uniform(g), u2 = govidx__rng_uniform(g);
    return sqrt(-2.0 * log(1.0 - u1)) * cos(2.0 * M_PI * u2);
}

double govidx__rng_gamma(govidx__rng *g, double shape)
{
    double d, c;
    if (shape < 1.0) /* boost: Gamma(a) = Gamma(a + 1) U^(1/a) */
        return govidx__rng_gamma(g, shape + 1.0) * pow(1.0 - govidx__rng_uniform(g), 1.0 / shape);
    d = shape - 1.0 / 3.0;
    c = 1.0 / sqrt(9.0 * d);
    for (;;) {
        double x = govidx__rng_normal(g), v = 1.0 + c * x, u;
        if (v <= 0.0)
            continue;
        v = v * v * v;
        u = govidx__rng_uniform(g);
        if (u < 1.0 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1.0 - v + log(v)))
            return d * v;
    }
}

/* S_i and ST_i over the rows idx[0..N) (idx NULL = 0..N-1).  f_B is
 * centred by the pooled mean in the first-order sum: the same expectation,
 * much less variance when the mean is large against the spread (composite
 * scores; Sobol' 2001, Math. Comput. Simul. 55:271, on subtracting f0). */
static void estimate(double *s, double *st, const double *fA, const double *fB, const double *fAB, size_t N,
                     size_t k, const size_t *idx)
{
    double mean = 0.0, var = 0.0;
    size_t i, j;
    for (j = 0; j < N; j++) {
        size_t r = idx ? idx[j] : j;
        mean += fA[r] + fB[r];
    }
    mean /= (double)(2 * N);
    for (j = 0; j < N; j++) {
        size_t r = idx ? idx[j] : j;
        var += (fA[r] - mean) * (fA[r] - mean) + (fB[r] - mean) * (fB[r] - mean);
    }
    var /= (double)(2 * N);
    for (i = 0; i < k; i++) {
        double a = 0.0, b = 0.0;
        for (j = 0; j < N; j++) {
            size_t r = idx ? idx[j] : j;
            double d = fAB[i * N + r] - fA[r];
            a += (fB[r] - mean) * d;
            b += d * d;
        }
        s[i] = var > 0.0 ? a / (double)N / var : NAN;
        st[i] = var > 0.0 ? b / (double)(2 * N) / var : NAN;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Type-7 quantile of sorted v[0..n). */
static double quantile7(const double *v, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return v[n - 1];
    return v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]);
}

int govidx__sobol_estimate(double *out, const double *fA, const double *fB, const double *fAB, size_t N,
                           size_t k, size_t n_boot, uint64_t seed)
{
    double *s = malloc(k * sizeof *s), *st = malloc(k * sizeof *st);
    double *bs = n_boot ? malloc(n_boot * 2 * k * sizeof *bs) : NULL;
    size_t *idx = malloc((N ? N : 1) * sizeof *idx), i, b, j;
    if (!s || !st || !idx || (n_boot && !bs)) {
        free(s);
        free(st);
        free(bs);
        free(idx);
        return GOVIDX_ENOMEM; /* the caller sets the message */
    }
    estimate(s, st, fA, fB, fAB, N, k, NULL);
    for (i = 0; i < k; i++) {
        out[i * 6 + 0] = s[i];
        out[i * 6 + 1] = st[i];
        out[i * 6 + 2] = out[i * 6 + 3] = out[i * 6 + 4] = out[i * 6 + 5] = NAN;
    }
    for (b = 0; b < n_boot; b++) {
        govidx__rng g = govidx__rng_stream(seed, b, 0x50b01, 0);
        for (j = 0; j < N; j++) {
            size_t r = (size_t)(govidx__rng_uniform(&g) * (double)N);
            idx[j] = r < N ? r : N - 1;
        }
        estimate(s, st, fA, fB, fAB, N, k, idx);
        for (i = 0; i < k; i++) {
            bs[(2 * i) * n_boot + b] = s[i];
            bs[(2 * i + 1) * n_boot + b] = st[i];
        }
    }
    for (i = 0; n_boot && i < k; i++) {
        double *v = bs + 2 * i * n_boot, *w = v + n_boot;
        if (isnan(out[i * 6]))
            continue;
        qsort(v, n_boot, sizeof *v, cmp_double);
        qsort(w, n_boot, sizeof *w, cmp_double);
        out[i * 6 + 2] = quantile7(v, n_boot, 0.025);
        out[i * 6 + 3] = quantile7(v, n_boot, 0.975);
        out[i * 6 + 4] = quantile7(w, n_boot, 0.025);
        out[i * 6 + 5] = quantile7(w, n_boot, 0.975);
    }
    free(s);
    free(st);
    free(bs);
    free(idx);
    return GOVIDX_OK;
}
