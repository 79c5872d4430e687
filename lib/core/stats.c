/*
 * lib/core/stats.c - internal descriptive statistics (NaN = missing).
 * Formulas: Joanes & Gill (1998) G1/G2, as Excel SKEW/KURT and COINr.
 * SPDX-License-Identifier: MIT
 */
#include "stats.h"

#include <math.h>
#include <stdlib.h>

size_t govidx__stat_compact(double *dst, const double *x, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            dst[m++] = x[i];
    return m;
}

double govidx__stat_mean(const double *x, size_t n, size_t *count)
{
    double s = 0.0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) {
            s += x[i];
            m++;
        }
    if (count)
        *count = m;
    return m ? s / (double)m : NAN;
}

double govidx__stat_sd(const double *x, size_t n)
{
    size_t m;
    double mean = govidx__stat_mean(x, n, &m), ss = 0.0;
    if (m < 2)
        return NAN;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            ss += (x[i] - mean) * (x[i] - mean);
    return sqrt(ss / (double)(m - 1));
}

size_t govidx__stat_range(const double *x, size_t n, double *min, double *max)
{
    size_t m = 0;
    double lo = NAN, hi = NAN;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        if (m == 0 || x[i] < lo)
            lo = x[i];
        if (m == 0 || x[i] > hi)
            hi = x[i];
        m++;
    }
    *min = lo;
    *max = hi;
    return m;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void govidx__stat_sort(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
}

double govidx__stat_median_sorted(const double *v, size_t n)
{
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double govidx__stat_quantile_sorted(const double *v, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t k = (size_t)floor(h);
    if (k + 1 >= n)
        return v[n - 1];
    return v[k] + (h - (double)k) * (v[k + 1] - v[k]);
}

void govidx__stat_skew_kurt(const double *x, size_t n, double *skew, double *kurt)
{
    size_t m;
    double mean = govidx__stat_mean(x, n, &m), sd = govidx__stat_sd(x, n);
    double s3 = 0.0, s4 = 0.0, dm = (double)m;
    *skew = *kurt = NAN;
    if (m < 3 || !(sd > 0.0))
        return;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) {
            double z = (x[i] - mean) / sd;
            s3 += z * z * z;
            s4 += z * z * z * z;
        }
    *skew = dm / ((dm - 1) * (dm - 2)) * s3;
    if (m >= 4)
        *kurt = dm * (dm + 1) / ((dm - 1) * (dm - 2) * (dm - 3)) * s4 -
                3 * (dm - 1) * (dm - 1) / ((dm - 2) * (dm - 3));
}

/* qsort has no context argument: sort indices by value through a static-free
 * insertion into a merge sort keyed on x. */
static void merge_sort_idx(size_t *idx, size_t *tmp, size_t n, const double *x)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    merge_sort_idx(idx, tmp, h, x);
    merge_sort_idx(idx + h, tmp, n - h, x);
    size_t a = 0, b = h, k = 0;
    while (a < h && b < n)
        tmp[k++] = x[idx[b]] < x[idx[a]] ? idx[b++] : idx[a++];
    while (a < h)
        tmp[k++] = idx[a++];
    while (b < n)
        tmp[k++] = idx[b++];
    for (size_t i = 0; i < n; i++)
        idx[i] = tmp[i];
}

void govidx__stat_rank(double *rank, const double *x, size_t n, int desc, int ties_average, size_t *idx)
{
    /* idx has room for 2n entries: the index list and merge scratch. */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        rank[i] = NAN;
        if (!isnan(x[i]))
            idx[m++] = i;
    }
    merge_sort_idx(idx, idx + n, m, x);
    if (desc)
        for (size_t a = 0, b = m; a + 1 < b; a++, b--) {
            size_t t = idx[a];
            idx[a] = idx[b - 1];
            idx[b - 1] = t;
        }
    for (size_t a = 0; a < m;) {
        size_t b = a + 1;
        while (b < m && x[idx[b]] == x[idx[a]])
            b++;
        double r = ties_average ? 0.5 * (double)(a + 1 + b) : (double)(a + 1);
        for (size_t k = a; k < b; k++)
            rank[idx[k]] = r;
        a = b;
    }
}
