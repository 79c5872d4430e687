/*
 * lib/dea/dea_bod_variants.c - directional (Fusco 2015) and robust order-m
 * (Cazals, Florens & Simar 2002) benefit-of-the-doubt composite indicators.
 * Definitions and sources in include/govidx/dea.h and docs/methods/dea.md.
 * SPDX-License-Identifier: MIT
 */
#include "dea_internal.h"
#include "lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int check_nonnegative(govidx_matrix_view Z, const char *what)
{
    size_t i, j;
    int rc = govidx__dea_check_view(Z, what);
    if (rc)
        return rc;
    for (j = 0; j < Z.cols; j++)
        for (i = 0; i < Z.rows; i++)
            if (Z.data[i + j * Z.ld] < 0)
                return govidx__fail(GOVIDX_EDOMAIN, "%s: row %zu (0-based), column %zu (0-based) is negative (%g)", what, i, j,
                                    Z.data[i + j * Z.ld]);
    if (Z.rows > (size_t)1 << 28 || Z.cols > (size_t)1 << 20)
        return govidx__fail(GOVIDX_EDIM, "%s: %zu x %zu is too large", what, Z.rows, Z.cols);
    return GOVIDX_OK;
}

/* ---- directional BoD ------------------------------------------------------ */

int govidx_dea_bod_directional(double *ci, double *beta, int *status, govidx_matrix_view Z,
                               const double *direction)
{
    size_t n, m, i, j, k;
    govidx__lp *lp = NULL;
    double *rlo = NULL, *rup = NULL, *lo = NULL, *up = NULL, *vals = NULL, *obj = NULL;
    int *start = NULL, *rows = NULL, rc, e = 0;
    int any = 0;
    if (!ci || !status)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dea_bod_directional: NULL output array");
    if ((rc = check_nonnegative(Z, "directional BoD")))
        return rc;
    n = Z.rows;
    m = Z.cols;
    for (j = 0; direction && j < m; j++) {
        if (!isfinite(direction[j]) || direction[j] < 0)
            return govidx__fail(GOVIDX_EINVAL, "directional BoD: direction[%zu] = %g (must be finite, >= 0)", j,
                                direction[j]);
        any |= direction[j] > 0;
    }
    if (direction && !any)
        return govidx__fail(GOVIDX_EINVAL, "directional BoD: the direction is all zero");
    /* Rows 0..m-1: sum_k lambda_k z_kr - beta g_r >= z_or; row m: sum lambda <= 1.
     * Columns 0..n-1: lambda; column n: beta (free), objective min -beta. */
    rlo = govidx__mallocarray(m + 1, sizeof *rlo);
    rup = govidx__mallocarray(m + 1, sizeof *rup);
    lo = govidx__mallocarray(n + 1, sizeof *lo);
    up = govidx__mallocarray(n + 1, sizeof *up);
    obj = govidx__calloc(n + 1, sizeof *obj);
    start = govidx__mallocarray(n + 2, sizeof *start);
    rows = govidx__mallocarray((n + 1) * (m + 1), sizeof *rows);
    vals = govidx__mallocarray((n + 1) * (m + 1), sizeof *vals);
    if (!rlo || !rup || !lo || !up || !obj || !start || !rows || !vals) {
        rc = govidx__oom();
        goto out;
    }
    for (j = 0; j < m; j++)
        rlo[j] = 0, rup[j] = GOVIDX__LP_INF;
    rlo[m] = -GOVIDX__LP_INF, rup[m] = 1.0;
    for (k = 0; k < n; k++) {
        start[k] = e;
        lo[k] = 0, up[k] = GOVIDX__LP_INF;
        for (j = 0; j < m; j++)
            if (Z.data[k + j * Z.ld] != 0)
                rows[e] = (int)j, vals[e++] = Z.data[k + j * Z.ld];
        rows[e] = (int)m, vals[e++] = 1.0;
    }
    start[n] = e;
    for (j = 0; j < m; j++) /* beta's column; its values are set per unit when g = z_o */
        rows[e] = (int)j, vals[e++] = direction ? -direction[j] : -1.0;
    start[n + 1] = e;
    lo[n] = -GOVIDX__LP_INF, up[n] = GOVIDX__LP_INF, obj[n] = -1.0;
    if ((rc = govidx__lp_create(&lp, (int)m + 1, rlo, rup)) ||
        (rc = govidx__lp_add_columns(lp, (int)n + 1, lo, up, obj, start, rows, vals)))
        goto out;
    for (i = 0; i < n; i++) {
        int lrc;
        for (j = 0; j < m; j++) {
            double z = Z.data[i + j * Z.ld];
            govidx__lp_set_row_bounds(lp, (int)j, z, GOVIDX__LP_INF);
            if (!direction)
                govidx__lp_set_coef(lp, (int)j, (int)n, -z);
        }
        lrc = govidx__lp_solve(lp);
        status[i] = lrc == GOVIDX_OK           ? GOVIDX_DEA_OPTIMAL
                    : lrc == GOVIDX_EINFEASIBLE ? GOVIDX_DEA_INFEASIBLE
                    : lrc == GOVIDX_EUNBOUNDED  ? GOVIDX_DEA_UNBOUNDED
                                                : GOVIDX_DEA_FAILED;
        if (lrc == GOVIDX_OK) {
            double b = govidx__lp_primal(lp)[n];
            ci[i] = 1.0 / (1.0 + b);
            if (beta)
                beta[i] = b;
        } else {
            ci[i] = NAN; /* e.g. g = z_o = 0: the unit can be expanded without bound */
            if (beta)
                beta[i] = NAN;
        }
    }
    rc = GOVIDX_OK;
out:
    govidx__lp_free(lp);
    govidx__free(rlo);
    govidx__free(rup);
    govidx__free(lo);
    govidx__free(up);
    govidx__free(obj);
    govidx__free(start);
    govidx__free(rows);
    govidx__free(vals);
    return rc;
}

/* ---- robust order-m BoD ----------------------------------------------------- */

/* splitmix64 (Steele, Lea & Flood 2014): small, seedable, and the same on
 * every platform. */
static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static size_t below(uint64_t *x, size_t n)
{
    /* Multiply-shift reduction (Lemire 2019) with rejection: no modulo bias. */
    uint64_t threshold = -(uint64_t)n % n;
    for (;;) {
        __uint128_t p = (__uint128_t)splitmix(x) * n;
        if ((uint64_t)p >= threshold)
            return (size_t)(p >> 64);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

GOVIDX__VERSIONS_1(bod_robust_options_versions, govidx_bod_robust_options, "robust BoD options",
                   GOVIDX_BOD_ROBUST_OPTIONS_INIT, seed);

int govidx_bod_robust_options_init(govidx_bod_robust_options *opts, unsigned version)
{
    return govidx__versioned_init(&bod_robust_options_versions, opts, version);
}

int govidx_dea_bod_robust(double *ci, govidx_matrix_view Z, const govidx_bod_robust_options *opts)
{
    govidx_bod_robust_options copy;
    const govidx_bod_robust_options *o = &copy;
    size_t n, m, i, j, k, b, t;
    double *d = NULL;
    int rc;
    if (!ci)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dea_bod_robust: NULL output array");
    if ((rc = govidx__versioned_read(&bod_robust_options_versions, &copy, opts)))
        return rc;
    if (o->m == 0)
        return govidx__fail(GOVIDX_EINVAL, "robust BoD: the order m must be at least 1");
    if ((rc = check_nonnegative(Z, "robust BoD")))
        return rc;
    n = Z.rows;
    m = Z.cols;
    if (!(d = govidx__mallocarray(n, sizeof *d)))
        return govidx__oom();
    for (i = 0; i < n; i++) {
        double lambda = 0;
        int positive = 0;
        for (j = 0; j < m; j++)
            positive |= Z.data[i + j * Z.ld] > 0;
        if (!positive) {
            govidx__free(d);
            return govidx__fail(GOVIDX_EDOMAIN, "robust BoD: row %zu (0-based) has no positive indicator", i);
        }
        /* d_k: the factor by which unit k's worst indicator (relative to o's) exceeds o's */
        for (k = 0; k < n; k++) {
            double dk = INFINITY;
            for (j = 0; j < m; j++) {
                double zo = Z.data[i + j * Z.ld];
                if (zo > 0) {
                    double r = Z.data[k + j * Z.ld] / zo;
                    dk = r < dk ? r : dk;
                }
            }
            d[k] = dk;
        }
        if (o->draws == 0) {
            /* Exact: P(max of m draws <= d_(k)) = (k/n)^m over the sorted sample. */
            double prev = 0;
            qsort(d, n, sizeof *d, cmp_double);
            for (k = 0; k < n; k++) {
                double cdf = pow((double)(k + 1) / (double)n, (double)o->m);
                lambda += d[k] * (cdf - prev);
                prev = cdf;
            }
        } else {
            /* Monte Carlo, one stream per unit so results do not depend on
             * evaluation order: seed mixed with the unit index. */
            uint64_t x = o->seed ^ (0xd1b54a32d192ed03u * (uint64_t)(i + 1));
            for (b = 0; b < o->draws; b++) {
                double best = -INFINITY;
                for (t = 0; t < o->m; t++) {
                    double v = d[below(&x, n)];
                    best = v > best ? v : best;
                }
                lambda += best / (double)o->draws;
            }
        }
        ci[i] = 1.0 / lambda;
    }
    govidx__free(d);
    return GOVIDX_OK;
}
