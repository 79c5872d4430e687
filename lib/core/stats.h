/*
 * lib/core/stats.h - internal descriptive statistics over vectors with NaN =
 * missing (never installed).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_STATS_H
#define GOVIDX_STATS_H

#include <stddef.h>

#include "govidx/common.h"

/** Prep functions' shared argument check: shapes match, out does not
 * overlap in, no Inf in `in` (normalize.c). */
int govidx__prep_check(govidx_matrix out, govidx_matrix_view in);

/** Copy the non-missing values of x (stride 1, n values) into dst; returns their count. */
size_t govidx__stat_compact(double *dst, const double *x, size_t n);
/** Mean of the non-missing values; NaN when none. *count (optional) gets their number. */
double govidx__stat_mean(const double *x, size_t n, size_t *count);
/** Sample standard deviation (n-1) of the non-missing values; NaN when fewer than 2. */
double govidx__stat_sd(const double *x, size_t n);
/** Min and max of the non-missing values; 0 when none (both NaN). */
size_t govidx__stat_range(const double *x, size_t n, double *min, double *max);
/** Sort v (no NaN) ascending in place. */
void govidx__stat_sort(double *v, size_t n);
/** Median of a sorted array without NaN (n > 0). */
double govidx__stat_median_sorted(const double *v, size_t n);
/** Quantile p in [0,1] of a sorted array (R type 7, linear interpolation). */
double govidx__stat_quantile_sorted(const double *v, size_t n, double p);
/**
 * Sample skewness G1 = n/((n-1)(n-2)) sum z^3 and excess kurtosis
 * G2 = n(n+1)/((n-1)(n-2)(n-3)) sum z^4 - 3(n-1)^2/((n-2)(n-3)), z = (x-mean)/sd(n-1)
 * (Excel SKEW/KURT, as COINr's skew()/kurt()).  NaN where undefined
 * (n < 3 / n < 4 or sd = 0).
 */
void govidx__stat_skew_kurt(const double *x, size_t n, double *skew, double *kurt);
/**
 * Ranks of the non-missing values (1 = smallest; descending when desc).
 * ties_average: average of tied positions, else "min".  Missing -> NaN.
 * work: n doubles + n size_t of scratch supplied by the caller via idx.
 */
void govidx__stat_rank(double *rank, const double *x, size_t n, int desc, int ties_average, size_t *idx);

#endif
