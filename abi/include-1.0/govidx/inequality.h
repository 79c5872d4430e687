/* Population-weighted inequality measures (coverage index), docs/methods/inequality.md.
 * All functions take values y[n] and non-negative weights p[n] (populations; normalised
 * internally to shares s_i = p_i / sum p).  Common errors: GOVIDX_EINVAL (NULL, a negative or
 * non-finite weight, weights summing to 0), GOVIDX_EDIM (n == 0), GOVIDX_ENUMERIC (a NaN/Inf
 * value), GOVIDX_EDOMAIN (a negative value, or all values zero; the message names the element). */
#ifndef GOVIDX_INEQUALITY_H
#define GOVIDX_INEQUALITY_H

#include <stddef.h>
#include "govidx/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of the log-based measures (Theil T, Theil L, Atkinson with eps >= 1).
 *  Zero values are replaced by `floor` when allow_floor != 0 (the count is returned),
 *  otherwise a zero gives GOVIDX_EDOMAIN naming the element. */
typedef struct govidx_ineq_options {
    unsigned version; /**< GOVIDX_INEQ_OPTIONS_VERSION */
    int allow_floor;  /**< default 1 */
    double floor;     /**< default 0.001, must be > 0 */
} govidx_ineq_options;
#define GOVIDX_INEQ_OPTIONS_VERSION 1u
#define GOVIDX_INEQ_OPTIONS_INIT {GOVIDX_INEQ_OPTIONS_VERSION, 1, 0.001}
/** Set *opts to the defaults of `version` (1..GOVIDX_INEQ_OPTIONS_VERSION), as
 *  GOVIDX_INEQ_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_ineq_options_init(govidx_ineq_options *opts, unsigned version);

/** Weighted mean sum s_i y_i. */
GOVIDX_API int govidx_inequality_weighted_mean(double *mean, const double *y, const double *p,
                                               size_t n);

/** Weighted Gini G = sum_a sum_b s_a s_b |y_a - y_b| / (2 ybar), computed in O(n log n)
 *  after sorting as sum_i s_i y_i (2 F_{<i} + s_i - 1) / ybar. */
GOVIDX_API int govidx_inequality_gini(double *gini, const double *y, const double *p, size_t n);

/** Population coefficient of variation sqrt(sum s_i (y_i - ybar)^2) / ybar. */
GOVIDX_API int govidx_inequality_cv(double *cv, const double *y, const double *p, size_t n);

/** Theil T = sum s_i (y_i/ybar) ln(y_i/ybar).  opt NULL = defaults; floored may be NULL. */
GOVIDX_API int govidx_inequality_theil_t(double *t, size_t *floored, const double *y,
                                         const double *p, size_t n, const govidx_ineq_options *opt);

/** Theil L (mean log deviation) = sum s_i ln(ybar/y_i). */
GOVIDX_API int govidx_inequality_theil_l(double *l, size_t *floored, const double *y,
                                         const double *p, size_t n, const govidx_ineq_options *opt);

/** Atkinson index A_eps = 1 - (sum s_i y_i^(1-eps))^(1/(1-eps)) / ybar for eps >= 0, eps != 1;
 *  A_1 = 1 - exp(sum s_i ln y_i) / ybar.  Zeros are floored only for eps >= 1.
 *  eps < 0 or non-finite: GOVIDX_EINVAL.  adjusted (may be NULL) receives (1 - A_eps) ybar. */
GOVIDX_API int govidx_inequality_atkinson(double *a, double *adjusted, size_t *floored,
                                          const double *y, const double *p, size_t n, double eps,
                                          const govidx_ineq_options *opt);

/** Exact Theil decomposition over groups (group[i] any int label).  kind 'T' or 'L'.
 *  T: within = sum_g (s_g ybar_g/ybar) T_g, between = sum_g s_g (ybar_g/ybar) ln(ybar_g/ybar).
 *  L: within = sum_g s_g L_g, between = sum_g s_g ln(ybar/ybar_g).  total = within + between. */
GOVIDX_API int govidx_inequality_theil_decompose(double *total, double *within, double *between,
                                                 size_t *floored, const double *y, const double *p,
                                                 const int *group, size_t n, char kind,
                                                 const govidx_ineq_options *opt);

/**
 * Share of the total (sum p y) held by the part of the population between
 * the cumulative population shares lo and hi, units ordered by y (a unit on
 * a boundary counts with the part of its population inside the band).
 * 0 <= lo < hi <= 1, else GOVIDX_EINVAL; a zero total is GOVIDX_EDOMAIN.
 */
GOVIDX_API int govidx_inequality_quantile_share(double *share, const double *y, const double *p,
                                                size_t n, double lo, double hi);

/**
 * Palma ratio: the share of the top 10% of the population divided by the
 * share of the bottom 40% (Palma 2011; Cobham & Sumner 2013), with the
 * boundary rule of govidx_inequality_quantile_share.  GOVIDX_EDOMAIN when the bottom
 * 40% hold nothing.
 */
GOVIDX_API int govidx_inequality_palma(double *palma, const double *y, const double *p, size_t n);

#ifdef __cplusplus
}
#endif
#endif
