/*
 * lib/uncertainty/uncertainty_internal.h - counter-based random streams and the Sobol
 * estimators of the uncertainty module, exposed to its tests.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_UNCERTAINTY_INTERNAL_H
#define GOVIDX_UNCERTAINTY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* A counter-based stream: draw i is a pure function of (key, i), so a
 * replication's numbers do not depend on which thread makes them or when.
 * The mixing function is SplitMix64's finaliser (Steele, Lea & Flood 2014). */
typedef struct govidx__rng {
    uint64_t key;
    uint64_t ctr;
} govidx__rng;

uint64_t govidx__mix64(uint64_t z);
/* The stream of (seed, a, b, c): e.g. (seed, replication, matrix, node). */
govidx__rng govidx__rng_stream(uint64_t seed, uint64_t a, uint64_t b, uint64_t c);
/* Uniform in [0, 1) with 53 random bits. */
double govidx__rng_uniform(govidx__rng *g);
/* Standard normal (Box-Muller) and Gamma(shape, 1) (Marsaglia & Tsang 2000). */
double govidx__rng_normal(govidx__rng *g);
double govidx__rng_gamma(govidx__rng *g, double shape);

/* Sobol' quasi-random points (uncertainty_qmc.c): coordinate `dim` of point
 * `index` (0-based, Gray-code order as Joe & Kuo's generator) in [0, 1),
 * from Joe & Kuo's (2008) direction numbers for GOVIDX__SOBOL_DIMS
 * dimensions; -1 for a dimension beyond the table or index >= 2^32. */
#define GOVIDX__SOBOL_DIMS 201
double govidx__sobol_point(uint64_t index, size_t dim);

/*
 * Sobol indices of k inputs from N base samples: fA[j] = f(A_j), fB[j] =
 * f(B_j), fAB[i * N + j] = f(A_j with input i taken from B_j).  First order
 * by Saltelli et al. (2010, Comput. Phys. Commun. 181:259, Table 2 (b)):
 * S_i = mean((fB - f0) (fAB_i - fA)) / V with f0 the pooled mean; total order by Jansen (1999), ibid. (f):
 * ST_i = mean((fA - fAB_i)^2) / (2 V); V the variance of fA and fB pooled.
 * out[i * 6 + 0..5] = S_i, ST_i, S_lo, S_hi, ST_lo, ST_hi: 95% percentile
 * intervals over n_boot resamples of the N rows (drawn from seed's stream).
 * NaN everywhere when V = 0.  0, or GOVIDX_ENOMEM (no message set).
 * Sizes: k * N and n_boot * 2k must not overflow (checked by the caller).
 */
int govidx__sobol_estimate(double *out, const double *fA, const double *fB, const double *fAB, size_t N,
                           size_t k, size_t n_boot, uint64_t seed);

#endif
