/* Spatial accessibility: 2SFCA (Luo & Wang 2003) and E2SFCA (Luo & Qi 2009). */
#ifndef GOVIDX_ACCESS_H
#define GOVIDX_ACCESS_H

#include <stddef.h>
#include "govidx/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Two-step floating catchment accessibility.  Step 1: R_s = S_s / sum_{d: c_ds <= d0} P_d W(c_ds)
 *  (R_s = 0 when no demand is in reach); step 2: A_d = sum_{s: c_ds <= d0} R_s W(c_ds).
 *  cost is column-major n_d x n_s with leading dimension ld >= n_d (c_ds = cost[d + s*ld]);
 *  NaN/Inf = unreachable.  W = 1 (plain 2SFCA) when n_zones == 0; otherwise zone k covers
 *  (bound[k-1], bound[k]] with weight weight[k] (E2SFCA), bounds increasing, last = d0.
 *  Errors: GOVIDX_EINVAL (NULL, d0 <= 0, bad zones, negative P/S/cost), GOVIDX_EDIM (zero sizes,
 *  ld < n_d), GOVIDX_ENUMERIC (NaN in P or S). */
GOVIDX_API int govidx_access_2sfca(double *access, const double *demand, size_t n_d,
                                   const double *supply, size_t n_s, const double *cost, size_t ld,
                                   double d0, const double *bound, const double *weight,
                                   size_t n_zones);

#ifdef __cplusplus
}
#endif
#endif
