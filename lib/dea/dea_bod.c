/*
 * lib/dea/dea_bod.c - benefit-of-the-doubt composite indicators.
 *
 * Cherchye, Moesen, Rogge & Van Puyenbroeck (2007), "An introduction to
 * 'benefit of the doubt' composite indicators", Social Indicators Research
 * 82:111-145: for unit i,
 *     CI_i = max_w sum_j w_j z_ij
 *     s.t.  sum_j w_j z_kj <= 1  for every unit k,   w >= 0,
 * optionally with absolute bounds lo_j <= w_j <= hi_j and share (pie-share)
 * restrictions L_j <= w_j z_ij / CI_i <= U_j, which are linear because
 * CI_i = sum_l w_l z_il:  w_j z_ij - L_j sum_l w_l z_il >= 0 and
 * w_j z_ij - U_j sum_l w_l z_il <= 0.  One LP model is built once (n rows,
 * plus 2 rows per restricted share) and warm-started unit after unit.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dea_internal.h"
#include "lp.h"

#include <math.h>
#include <string.h>

static int check_bounds(const double *a, size_t m, const char *what, double lo, double hi)
{
    size_t j;
    if (!a)
        return GOVIDX_OK;
    for (j = 0; j < m; j++)
        if (!isfinite(a[j]) && !(a[j] == INFINITY && hi == INFINITY))
            return govidx__fail(GOVIDX_ENUMERIC, "BoD %s[%zu] is not finite", what, j);
        else if (a[j] < lo || a[j] > hi)
            return govidx__fail(GOVIDX_EINVAL, "BoD %s[%zu] = %g is outside [%g, %g]", what, j,
                                a[j], lo, hi);
    return GOVIDX_OK;
}

/* No weight bound or share restriction binds: the plain BoD model. */
static int unrestricted(const govidx_bod_options *o, size_t m)
{
    size_t j;
    for (j = 0; j < m; j++)
        if ((o->w_lower && o->w_lower[j] > 0.0) || (o->w_upper && isfinite(o->w_upper[j])) ||
            (o->share_lower && o->share_lower[j] > 0.0) ||
            (o->share_upper && o->share_upper[j] < 1.0))
            return 0;
    return 1;
}

/* version 2 appended threads */
static const govidx_bod_options bod_options_defaults = GOVIDX_BOD_OPTIONS_INIT;
static const size_t bod_options_sizes[2] = {GOVIDX__END(govidx_bod_options, share_upper),
                                            GOVIDX__END(govidx_bod_options, threads)};
static const govidx__versioned bod_options_versions = {"BoD options", 2, bod_options_sizes,
                                                       &bod_options_defaults};

int govidx_bod_options_init(govidx_bod_options *opts, unsigned version)
{
    return govidx__versioned_init(&bod_options_versions, opts, version);
}

int govidx_dea_bod(double *ci, double *weights, int *status, int *all_one, govidx_matrix_view Z,
                   const govidx_bod_options *opts)
{
    govidx_bod_options copy;
    const govidx_bod_options *o = &copy;
    size_t n, m, i, j, l, nshare = 0, nopt = 0, nones = 0;
    govidx__lp *lp = NULL;
    double *rlo = NULL, *rup = NULL, *lo = NULL, *up = NULL, *vals = NULL;
    int *start = NULL, *rows = NULL, rc, nrows, e = 0;
    int *share_row = NULL; /* per indicator: first of its two share rows, or -1 */

    if (!ci || !status)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dea_bod: NULL output array");
    if ((rc = govidx__versioned_read(&bod_options_versions, &copy, opts)))
        return rc;
    if ((rc = govidx__dea_check_view(Z, "BoD indicators")))
        return rc;
    n = Z.rows;
    m = Z.cols;
    if ((rc = check_bounds(o->w_lower, m, "w_lower", 0.0, INFINITY)) ||
        (rc = check_bounds(o->w_upper, m, "w_upper", 0.0, INFINITY)) ||
        (rc = check_bounds(o->share_lower, m, "share_lower", 0.0, 1.0)) ||
        (rc = check_bounds(o->share_upper, m, "share_upper", 0.0, 1.0)))
        return rc;
    if (n * m > (size_t)1 << 28 || n > (size_t)1 << 28)
        return govidx__fail(GOVIDX_EDIM, "BoD: %zu x %zu is too large", n, m);
    if (unrestricted(o, m)) {
        /* the DEA engine's frame method (lib/dea.c) */
        if ((rc = govidx__dea_bod_radial(ci, weights, status, Z, o->threads ? o->threads : 1)))
            return rc;
        for (i = 0; i < n; i++)
            if (status[i] == GOVIDX_DEA_OPTIMAL) {
                nopt++;
                nones += ci[i] == 1.0;
            }
        if (all_one)
            *all_one = nopt > 0 && nones == nopt;
        return GOVIDX_OK;
    }
    share_row = govidx__mallocarray(m, sizeof *share_row);
    if (!share_row)
        return govidx__oom();
    for (j = 0; j < m; j++) {
        int has = (o->share_lower && o->share_lower[j] > 0.0) ||
                  (o->share_upper && o->share_upper[j] < 1.0);
        share_row[j] = has ? (int)(n + 2 * nshare++) : -1;
    }
    nrows = (int)(n + 2 * nshare);
    rlo = govidx__mallocarray((size_t)nrows, sizeof *rlo);
    rup = govidx__mallocarray((size_t)nrows, sizeof *rup);
    lo = govidx__mallocarray(m, sizeof *lo);
    up = govidx__mallocarray(m, sizeof *up);
    start = govidx__mallocarray(m + 1, sizeof *start);
    rows = govidx__mallocarray(m * ((size_t)nrows), sizeof *rows);
    vals = govidx__mallocarray(m * ((size_t)nrows), sizeof *vals);
    if (!rlo || !rup || !lo || !up || !start || !rows || !vals) {
        rc = govidx__oom();
        goto out;
    }
    for (i = 0; i < n; i++) {
        rlo[i] = -GOVIDX__LP_INF;
        rup[i] = 1.0;
    }
    for (j = 0; j < m; j++)
        if (share_row[j] >= 0) {
            int r0 = share_row[j];
            rlo[r0] = 0.0; /* w_j z_ij - L_j CI >= 0 */
            rup[r0] = GOVIDX__LP_INF;
            rlo[r0 + 1] = -GOVIDX__LP_INF; /* w_j z_ij - U_j CI <= 0 */
            rup[r0 + 1] = 0.0;
        }
    for (j = 0; j < m; j++) {
        lo[j] = o->w_lower ? o->w_lower[j] : 0.0;
        up[j] = o->w_upper && isfinite(o->w_upper[j]) ? o->w_upper[j] : GOVIDX__LP_INF;
        if (lo[j] > up[j]) {
            rc = govidx__fail(GOVIDX_EINVAL, "BoD: w_lower[%zu] > w_upper[%zu]", j, j);
            goto out;
        }
        start[j] = e;
        for (i = 0; i < n; i++)
            if (Z.data[i + j * Z.ld] != 0.0) {
                rows[e] = (int)i;
                vals[e++] = Z.data[i + j * Z.ld];
            }
        for (l = 0; l < m; l++) /* share-row structure; values set per unit */
            if (share_row[l] >= 0) {
                rows[e] = share_row[l];
                vals[e++] = 1.0;
                rows[e] = share_row[l] + 1;
                vals[e++] = 1.0;
            }
    }
    start[m] = e;
    if ((rc = govidx__lp_create(&lp, nrows, rlo, rup)) ||
        (rc = govidx__lp_add_columns(lp, (int)m, lo, up, NULL, start, rows, vals)))
        goto out;
    for (i = 0; i < n; i++) {
        int lrc;
        for (j = 0; j < m; j++)
            govidx__lp_set_obj(lp, (int)j, -Z.data[i + j * Z.ld]);
        for (l = 0; l < m; l++) {
            if (share_row[l] < 0)
                continue;
            double L = o->share_lower ? o->share_lower[l] : 0.0;
            double U = o->share_upper ? o->share_upper[l] : 1.0;
            for (j = 0; j < m; j++) {
                double zj = Z.data[i + j * Z.ld], own = j == l ? zj : 0.0;
                govidx__lp_set_coef(lp, share_row[l], (int)j, own - L * zj);
                govidx__lp_set_coef(lp, share_row[l] + 1, (int)j, own - U * zj);
            }
        }
        lrc = govidx__lp_solve(lp);
        status[i] = lrc == GOVIDX_OK           ? GOVIDX_DEA_OPTIMAL
                    : lrc == GOVIDX_EINFEASIBLE ? GOVIDX_DEA_INFEASIBLE
                    : lrc == GOVIDX_EUNBOUNDED  ? GOVIDX_DEA_UNBOUNDED
                                                : GOVIDX_DEA_FAILED;
        if (lrc == GOVIDX_OK && nshare > 0 && -govidx__lp_objective(lp) <= 1e-7) {
            /* Share restrictions are homogeneous, so w = 0 always satisfies
             * them; an optimum of 0 (up to the LP tolerance; CI is in [0, 1])
             * for a unit with a positive indicator
             * means they admit no positive CI: report, never a silent 0. */
            int positive = 0;
            for (j = 0; j < m; j++)
                positive |= Z.data[i + j * Z.ld] > 0.0;
            if (positive) {
                lrc = GOVIDX_EINFEASIBLE;
                status[i] = GOVIDX_DEA_INFEASIBLE;
            }
        }
        if (lrc == GOVIDX_OK) {
            const double *w = govidx__lp_primal(lp);
            ci[i] = -govidx__lp_objective(lp);
            nopt++;
            nones += ci[i] >= 1.0 - 1e-9;
            if (weights)
                for (j = 0; j < m; j++)
                    weights[i + j * n] = w[j];
        } else {
            ci[i] = NAN;
            if (weights)
                for (j = 0; j < m; j++)
                    weights[i + j * n] = NAN;
        }
    }
    if (all_one)
        *all_one = nopt > 0 && nones == nopt;
    rc = GOVIDX_OK;
out:
    govidx__lp_free(lp);
    govidx__free(share_row);
    govidx__free(rlo);
    govidx__free(rup);
    govidx__free(lo);
    govidx__free(up);
    govidx__free(start);
    govidx__free(rows);
    govidx__free(vals);
    return rc;
}
