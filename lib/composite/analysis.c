/*
 * lib/composite/analysis.c - correlation matrices, Cronbach's alpha, PCA variance
 * explained, contributions and obstacle degree (ranking: lib/rank.c).
 *
 * Sources: OECD/JRC Handbook on Constructing Composite Indicators (2008),
 * ch. 4 (multivariate analysis); Cronbach (1951); Spearman (1904).
 * See docs/methods/weights-aggregation.md.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define AT(v, i, j) ((v).data[(i) + (j) * (v).ld])

/* Largest m for an m x m correlation matrix: m^2 must fit LAPACK's int. */
#define MAX_SQUARE_ORDER 46340

typedef struct ranked {
    double v;
    size_t i;
} ranked;

static int cmp_ranked_asc(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->v < b->v)
        return -1;
    if (a->v > b->v)
        return 1;
    return a->i < b->i ? -1 : a->i > b->i; /* stable: equal scores keep their order */
}

/* Replace x[0..n-1] (no NaN) by mid-ranks 1..n (ties: the average rank).
 * `tmp` holds n entries. */
static void midranks(double *x, size_t n, ranked *tmp)
{
    size_t a, b, t;
    for (t = 0; t < n; t++) {
        tmp[t].v = x[t];
        tmp[t].i = t;
    }
    qsort(tmp, n, sizeof *tmp, cmp_ranked_asc);
    for (a = 0; a < n; a = b) {
        double r;
        for (b = a + 1; b < n && tmp[b].v == tmp[a].v; b++)
            ;
        r = 0.5 * (double)(a + 1 + b); /* mean of ranks a+1 .. b */
        for (t = a; t < b; t++)
            x[tmp[t].i] = r;
    }
}

/* Centre x[0..n-1] and scale it to unit Euclidean norm.  Returns 0 when the
 * variance is zero (relative to the magnitude of the data). */
static int center_scale(double *x, size_t n)
{
    size_t t;
    double mean = 0.0, ss = 0.0, scale = 0.0;
    for (t = 0; t < n; t++)
        mean += x[t];
    mean /= (double)n;
    for (t = 0; t < n; t++) {
        scale = fmax(scale, fabs(x[t]));
        x[t] -= mean;
        ss += x[t] * x[t];
    }
    if (!(ss > 0.0) || sqrt(ss / (double)n) <= 1e-13 * scale)
        return 0;
    ss = sqrt(ss);
    for (t = 0; t < n; t++)
        x[t] /= ss;
    return 1;
}

static double clamp_r(double r)
{
    return r > 1.0 ? 1.0 : r < -1.0 ? -1.0 : r;
}

static const char *corr_name(govidx_corr_method method)
{
    return method == GOVIDX_CORR_SPEARMAN ? "Spearman correlation" : "Pearson correlation";
}

/* No missing value: one pass of ranking/centring, then r = X'X by dsyrk. */
static int correlation_complete(double *out, govidx_matrix_view x, govidx_corr_method method)
{
    size_t n = x.rows, m = x.cols, i, j;
    double *xs = govidx__mallocarray(n * m, sizeof *xs);
    ranked *tmp = method == GOVIDX_CORR_SPEARMAN ? govidx__mallocarray(n, sizeof *tmp) : NULL;
    int rc = GOVIDX_OK;
    if (!xs || (method == GOVIDX_CORR_SPEARMAN && !tmp)) {
        rc = govidx__oom();
        goto done;
    }
    for (j = 0; j < m; j++) {
        double *col = xs + j * n;
        for (i = 0; i < n; i++)
            col[i] = AT(x, i, j);
        if (tmp)
            midranks(col, n, tmp);
        if (!center_scale(col, n)) {
            rc = govidx__fail(GOVIDX_ENUMERIC, "%s: column %zu has zero variance",
                              corr_name(method), j);
            goto done;
        }
    }
    cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, (int)m, (int)n, 1.0, xs, (int)n, 0.0, out,
                (int)m);
    for (j = 0; j < m; j++) {
        out[j + j * m] = 1.0;
        for (i = 0; i < j; i++) {
            double r = clamp_r(out[i + j * m]);
            out[i + j * m] = r;
            out[j + i * m] = r;
        }
    }
done:
    govidx__free(xs);
    govidx__free(tmp);
    return rc;
}

/* Missing values: each pair over its complete rows. */
static int correlation_pairwise(double *out, govidx_matrix_view x, govidx_corr_method method)
{
    size_t n = x.rows, m = x.cols, i, j, k;
    double *a = govidx__mallocarray(n, sizeof *a), *b = govidx__mallocarray(n, sizeof *b);
    ranked *tmp = govidx__mallocarray(n, sizeof *tmp);
    int rc = GOVIDX_OK;
    if (!a || !b || !tmp) {
        rc = govidx__oom();
        goto done;
    }
    for (j = 0; j < m; j++) {
        out[j + j * m] = 1.0;
        for (k = j; k < m; k++) {
            size_t c = 0, t;
            double r = 0.0;
            for (i = 0; i < n; i++) {
                double u = AT(x, i, j), v = AT(x, i, k);
                if (!isnan(u) && !isnan(v)) {
                    a[c] = u;
                    b[c] = v;
                    c++;
                }
            }
            if (c < 2) {
                rc = j == k ? govidx__fail(GOVIDX_EMISSING,
                                           "%s: column %zu has %zu present value(s), needs 2",
                                           corr_name(method), j, c)
                            : govidx__fail(GOVIDX_EMISSING,
                                           "%s: columns %zu and %zu are both present in %zu "
                                           "row(s), need 2",
                                           corr_name(method), j, k, c);
                goto done;
            }
            if (method == GOVIDX_CORR_SPEARMAN) {
                midranks(a, c, tmp);
                midranks(b, c, tmp);
            }
            if (!center_scale(a, c) || !center_scale(b, c)) {
                rc = j == k ? govidx__fail(GOVIDX_ENUMERIC, "%s: column %zu has zero variance",
                                           corr_name(method), j)
                            : govidx__fail(GOVIDX_ENUMERIC,
                                           "%s: columns %zu and %zu: zero variance over their "
                                           "%zu complete rows",
                                           corr_name(method), j, k, c);
                goto done;
            }
            if (j == k)
                continue;
            for (t = 0; t < c; t++)
                r += a[t] * b[t];
            r = clamp_r(r);
            out[j + k * m] = r;
            out[k + j * m] = r;
        }
    }
done:
    govidx__free(a);
    govidx__free(b);
    govidx__free(tmp);
    return rc;
}

int govidx_analysis_correlation(double *out, govidx_matrix_view x, govidx_corr_method method)
{
    int rc;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "correlation: output is NULL");
    if (method != GOVIDX_CORR_PEARSON && method != GOVIDX_CORR_SPEARMAN)
        return govidx__fail(GOVIDX_EINVAL, "correlation: unknown method %d", (int)method);
    if ((rc = govidx_matrix_check_finite(x, 1)) != GOVIDX_OK)
        return govidx__fail_context(rc, "%s", corr_name(method));
    if (x.cols > MAX_SQUARE_ORDER || x.rows > INT32_MAX)
        return govidx__fail(GOVIDX_EDIM, "%s: %zu x %zu exceeds the BLAS index range",
                            corr_name(method), x.rows, x.cols);
    if (x.rows < 2)
        return govidx__fail(GOVIDX_EMISSING, "%s: needs at least 2 rows, got %zu",
                            corr_name(method), x.rows);
    if (govidx_matrix_count_missing(x) == 0)
        return correlation_complete(out, x, method);
    return correlation_pairwise(out, x, method);
}

int govidx_analysis_cronbach_alpha(double *alpha, govidx_matrix_view x)
{
    size_t i, j, n = 0, k;
    double sumvar = 0.0, tmean = 0.0, tss = 0.0;
    double *mean = NULL;
    int rc;
    if (!alpha)
        return govidx__fail(GOVIDX_EINVAL, "Cronbach's alpha: output is NULL");
    if ((rc = govidx_matrix_check_finite(x, 1)) != GOVIDX_OK)
        return govidx__fail_context(rc, "Cronbach's alpha");
    k = x.cols;
    if (k < 2)
        return govidx__fail(GOVIDX_EDIM, "Cronbach's alpha: needs at least 2 columns, got %zu", k);
    mean = govidx__calloc(k, sizeof *mean);
    if (!mean)
        return govidx__oom();
    /* listwise: rows with every column present */
    for (i = 0; i < x.rows; i++) {
        double t = 0.0;
        int complete = 1;
        for (j = 0; j < k && complete; j++)
            complete = !isnan(AT(x, i, j));
        if (!complete)
            continue;
        for (j = 0; j < k; j++) {
            mean[j] += AT(x, i, j);
            t += AT(x, i, j);
        }
        tmean += t;
        n++;
    }
    if (n < 2) {
        govidx__free(mean);
        return govidx__fail(GOVIDX_EMISSING,
                            "Cronbach's alpha: %zu complete row(s), needs 2", n);
    }
    for (j = 0; j < k; j++)
        mean[j] /= (double)n;
    tmean /= (double)n;
    for (j = 0; j < k; j++) {
        double ss = 0.0;
        for (i = 0; i < x.rows; i++) {
            size_t l;
            int complete = 1;
            for (l = 0; l < k && complete; l++)
                complete = !isnan(AT(x, i, l));
            if (complete)
                ss += (AT(x, i, j) - mean[j]) * (AT(x, i, j) - mean[j]);
        }
        sumvar += ss / (double)(n - 1);
    }
    for (i = 0; i < x.rows; i++) {
        double t = 0.0;
        int complete = 1;
        for (j = 0; j < k && complete; j++)
            complete = !isnan(AT(x, i, j));
        if (!complete)
            continue;
        for (j = 0; j < k; j++)
            t += AT(x, i, j);
        tss += (t - tmean) * (t - tmean);
    }
    govidx__free(mean);
    tss /= (double)(n - 1);
    if (!(tss > 0.0))
        return govidx__fail(GOVIDX_ENUMERIC, "Cronbach's alpha: the sum of the columns has zero "
                                             "variance");
    *alpha = (double)k / (double)(k - 1) * (1.0 - sumvar / tss);
    return GOVIDX_OK;
}

int govidx_analysis_pca_variance(double *eigenvalues, double *explained, govidx_matrix_view x)
{
    double *r = NULL, *lambda = NULL;
    lapack_int *isuppz = NULL, found = 0, info;
    size_t m, k;
    int rc;
    if (!eigenvalues)
        return govidx__fail(GOVIDX_EINVAL, "PCA variance: output is NULL");
    if ((rc = govidx_matrix_check(x)) != GOVIDX_OK)
        return govidx__fail_context(rc, "PCA variance");
    m = x.cols;
    if (m > MAX_SQUARE_ORDER)
        return govidx__fail(GOVIDX_EDIM, "PCA variance: %zu columns exceed %d", m,
                            MAX_SQUARE_ORDER);
    r = govidx__mallocarray(m * m, sizeof *r);
    lambda = govidx__mallocarray(m, sizeof *lambda);
    isuppz = govidx__mallocarray(2 * m, sizeof *isuppz);
    if (!r || !lambda || !isuppz) {
        rc = govidx__oom();
        goto done;
    }
    if ((rc = govidx_analysis_correlation(r, x, GOVIDX_CORR_PEARSON)) != GOVIDX_OK) {
        govidx__fail_context(rc, "PCA variance");
        goto done;
    }
    info = LAPACKE_dsyevr(LAPACK_COL_MAJOR, 'N', 'A', 'U', (lapack_int)m, r, (lapack_int)m, 0.0,
                          0.0, 0, 0, 0.0, &found, lambda, NULL, 1, isuppz);
    if (info != 0 || (size_t)found != m) {
        rc = govidx__fail(GOVIDX_ENUMERIC, "PCA variance: eigen-decomposition failed (info %d)",
                          (int)info);
        goto done;
    }
    for (k = 0; k < m; k++) {
        eigenvalues[k] = lambda[m - 1 - k]; /* dsyevr: ascending */
        if (explained)
            explained[k] = lambda[m - 1 - k] / (double)m; /* trace of R = m */
    }
done:
    govidx__free(r);
    govidx__free(lambda);
    govidx__free(isuppz);
    return rc;
}

/* Validate node weights: finite, >= 0, not all zero. */
static int check_weights(const double *w, size_t n, const char *what)
{
    size_t j;
    double sum = 0.0;
    if (!w)
        return govidx__fail(GOVIDX_EINVAL, "%s: weights are NULL", what);
    for (j = 0; j < n; j++) {
        if (!isfinite(w[j]) || w[j] < 0.0)
            return govidx__fail(GOVIDX_EINVAL, "%s: weight of column %zu (0-based) is %g", what, j, w[j]);
        sum += w[j];
    }
    if (!(sum > 0.0))
        return govidx__fail(GOVIDX_EINVAL, "%s: all weights are zero", what);
    return GOVIDX_OK;
}

int govidx_analysis_contributions(double *out, govidx_matrix_view z, const double *w)
{
    size_t i, j, n, m;
    int rc;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "contributions: output is NULL");
    if ((rc = govidx_matrix_check_finite(z, 1)) != GOVIDX_OK)
        return govidx__fail_context(rc, "contributions");
    if ((rc = check_weights(w, z.cols, "contributions")) != GOVIDX_OK)
        return rc;
    n = z.rows;
    m = z.cols;
    for (i = 0; i < n; i++) {
        /* the w'_j renormalisation cancels in w'_j z_ij / sum_k w'_k z_ik */
        double score = 0.0, wsum = 0.0;
        for (j = 0; j < m; j++)
            if (!isnan(AT(z, i, j))) {
                score += w[j] * AT(z, i, j);
                wsum += w[j];
            }
        for (j = 0; j < m; j++)
            out[i + j * n] = isnan(AT(z, i, j)) || score == 0.0 || wsum == 0.0
                                 ? NAN
                                 : w[j] * AT(z, i, j) / score;
    }
    return GOVIDX_OK;
}

int govidx_analysis_obstacle_degree(double *out, govidx_matrix_view z, const double *w)
{
    size_t i, j, n, m;
    int rc;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "obstacle degree: output is NULL");
    if ((rc = govidx_matrix_check_finite(z, 1)) != GOVIDX_OK)
        return govidx__fail_context(rc, "obstacle degree");
    if ((rc = check_weights(w, z.cols, "obstacle degree")) != GOVIDX_OK)
        return rc;
    n = z.rows;
    m = z.cols;
    for (j = 0; j < m; j++)
        for (i = 0; i < n; i++) {
            double x = AT(z, i, j);
            if (!isnan(x) && (x < 0.0 || x > 1.0))
                return govidx__fail(GOVIDX_EDOMAIN,
                                    "obstacle degree: value %g of row %zu (0-based), column %zu (0-based) is outside "
                                    "[0, 1]",
                                    x, i, j);
        }
    for (i = 0; i < n; i++) {
        double gap = 0.0;
        for (j = 0; j < m; j++)
            if (!isnan(AT(z, i, j)))
                gap += w[j] * (1.0 - AT(z, i, j));
        for (j = 0; j < m; j++) {
            double x = AT(z, i, j);
            out[i + j * n] = isnan(x) ? NAN : gap > 0.0 ? w[j] * (1.0 - x) / gap : 0.0;
        }
    }
    return GOVIDX_OK;
}

/* Names (the single table for the name functions and the CLI). */
static const govidx__name corr_table[] = {{"pearson", GOVIDX_CORR_PEARSON}, {"spearman", GOVIDX_CORR_SPEARMAN}};
GOVIDX__NAMES(govidx__corr_names, "correlation method", corr_table);

GOVIDX__NAME_FUNCTIONS(govidx_corr_method, govidx_corr_method, govidx__corr_names)
