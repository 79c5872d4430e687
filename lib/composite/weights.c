/*
 * lib/composite/weights.c - weights of the children of an index node: equal, expert,
 * entropy, CRITIC, PCA (Handbook/Nicoletti) and AHP, and the per-unit
 * renormalisation used when children are missing.
 *
 * Sources: OECD/JRC Handbook on Constructing Composite Indicators (2008),
 * ch. 6; Diakoulaki, Mavrotas & Papayannakis (1995); Saaty (1980);
 * Kaiser (1958).  See docs/methods/weights-aggregation.md.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>

#define AT(v, i, j) ((v).data[(i) + (j) * (v).ld])

/* Reciprocity tolerance of AHP matrices: |a_ij * a_ji - 1|. */
#define AHP_RECIPROCAL_TOL 1e-6

/* Largest m for an m x m correlation matrix: m^2 must fit LAPACK's int. */
#define MAX_SQUARE_ORDER 46340

int govidx_weights_equal(double *w, size_t n)
{
    size_t j;
    if (!w)
        return govidx__fail(GOVIDX_EINVAL, "weights: output is NULL");
    if (n == 0)
        return govidx__fail(GOVIDX_EDIM, "weights: no children to weight");
    for (j = 0; j < n; j++)
        w[j] = 1.0 / (double)n;
    return GOVIDX_OK;
}

int govidx_weights_expert(double *w, const double *raw, size_t n)
{
    size_t j;
    double sum = 0.0;
    if (!w || !raw)
        return govidx__fail(GOVIDX_EINVAL, "expert weights: NULL argument");
    if (n == 0)
        return govidx__fail(GOVIDX_EDIM, "expert weights: no children to weight");
    for (j = 0; j < n; j++) {
        if (!isfinite(raw[j]))
            return govidx__fail(GOVIDX_EINVAL, "expert weights: weight %zu is not finite", j);
        if (raw[j] < 0.0)
            return govidx__fail(GOVIDX_EINVAL, "expert weights: weight %zu is negative (%g)", j,
                                raw[j]);
        sum += raw[j];
    }
    if (!(sum > 0.0) || !isfinite(sum))
        return govidx__fail(GOVIDX_EINVAL, "expert weights: the %zu weights sum to %g", n, sum);
    for (j = 0; j < n; j++)
        w[j] = raw[j] / sum;
    return GOVIDX_OK;
}

/* Scale d (all >= 0) to sum 1; `what` names the method in the error. */
static int scale_to_unit_sum(double *w, const double *d, size_t n, const char *what)
{
    size_t j;
    double sum = 0.0;
    for (j = 0; j < n; j++)
        sum += d[j];
    if (!(sum > 0.0) || !isfinite(sum))
        return govidx__fail(GOVIDX_ENUMERIC,
                            "%s weights: every column has zero discriminating power", what);
    for (j = 0; j < n; j++)
        w[j] = d[j] / sum;
    return GOVIDX_OK;
}

int govidx_weights_entropy(double *w, double *entropy, govidx_matrix_view z)
{
    size_t i, j;
    double *d;
    int rc;
    if (!w)
        return govidx__fail(GOVIDX_EINVAL, "entropy weights: output is NULL");
    if ((rc = govidx_matrix_check_finite(z, 1)) != GOVIDX_OK)
        return govidx__fail_context(rc, "entropy weights");
    d = govidx__mallocarray(z.cols, sizeof *d);
    if (!d)
        return govidx__oom();
    for (j = 0; j < z.cols; j++) {
        double sum = 0.0, h = 0.0;
        size_t n = 0;
        for (i = 0; i < z.rows; i++) {
            double x = AT(z, i, j);
            if (isnan(x))
                continue;
            if (x < 0.0) {
                govidx__free(d);
                return govidx__fail(GOVIDX_EDOMAIN,
                                    "entropy weights: value %g at row %zu (0-based), column %zu (0-based) is negative "
                                    "(entropy needs normalised non-negative data)",
                                    x, i, j);
            }
            sum += x;
            n++;
        }
        if (n < 2) {
            govidx__free(d);
            return govidx__fail(GOVIDX_EMISSING,
                                "entropy weights: column %zu has %zu present value(s), needs 2", j,
                                n);
        }
        if (!(sum > 0.0)) {
            govidx__free(d);
            return govidx__fail(GOVIDX_ENUMERIC, "entropy weights: column %zu is all zero", j);
        }
        for (i = 0; i < z.rows; i++) {
            double x = AT(z, i, j);
            if (!isnan(x) && x > 0.0) { /* 0 ln 0 = 0 */
                double p = x / sum;
                h -= p * log(p);
            }
        }
        h /= log((double)n);
        if (entropy)
            entropy[j] = h;
        d[j] = 1.0 - h;
        if (d[j] < 1e-12) /* a uniform column: e = 1 up to rounding */
            d[j] = 0.0;
    }
    rc = scale_to_unit_sum(w, d, z.cols, "entropy");
    govidx__free(d);
    return rc;
}

int govidx_weights_critic(double *w, govidx_matrix_view z, int use_abs)
{
    size_t i, j, k, m;
    double *r = NULL, *c = NULL;
    int rc;
    if (!w)
        return govidx__fail(GOVIDX_EINVAL, "CRITIC weights: output is NULL");
    if ((rc = govidx_matrix_check_finite(z, 1)) != GOVIDX_OK)
        return govidx__fail_context(rc, "CRITIC weights");
    m = z.cols;
    if (m == 1)
        return govidx_weights_equal(w, 1);
    if (m > MAX_SQUARE_ORDER)
        return govidx__fail(GOVIDX_EDIM, "CRITIC weights: %zu columns exceed %d", m,
                            MAX_SQUARE_ORDER);
    c = govidx__mallocarray(m, sizeof *c);
    r = govidx__mallocarray(m * m, sizeof *r);
    if (!c || !r) {
        govidx__free(c);
        govidx__free(r);
        return govidx__oom();
    }
    rc = govidx_analysis_correlation(r, z, GOVIDX_CORR_PEARSON);
    if (rc) {
        govidx__fail_context(rc, "CRITIC weights");
        goto done;
    }
    for (j = 0; j < m; j++) {
        double mean = 0.0, ss = 0.0, conflict = 0.0;
        size_t n = 0;
        for (i = 0; i < z.rows; i++) {
            double x = AT(z, i, j);
            if (!isnan(x)) {
                mean += x;
                n++;
            }
        }
        mean /= (double)n; /* n >= 2: govidx_analysis_correlation checked the pairs */
        for (i = 0; i < z.rows; i++) {
            double x = AT(z, i, j);
            if (!isnan(x))
                ss += (x - mean) * (x - mean);
        }
        for (k = 0; k < m; k++) {
            double rjk = r[j + k * m];
            conflict += 1.0 - (use_abs ? fabs(rjk) : rjk);
        }
        c[j] = sqrt(ss / (double)(n - 1)) * conflict;
    }
    rc = scale_to_unit_sum(w, c, m, "CRITIC");
done:
    govidx__free(c);
    govidx__free(r);
    return rc;
}

/* Varimax rotation (Kaiser 1958) of the m x k loadings `a` (column-major, in
 * place), with Kaiser normalisation: rows are scaled to unit communality
 * before rotating and scaled back after.  Each step takes the orthogonal
 * rotation T = U V' from the SVD of  A' (B^3 - B diag(colsums(B^2))/m),
 * B = A T, until the rotation stops changing (at most 1000 steps). */
static int varimax(double *a, size_t m, size_t k)
{
    double *h, *t, *b, *g, *u, *vt, *s, *superb, *tmp;
    size_t i, j, it;
    double change;
    int rc = GOVIDX_OK;
    size_t mk = m * k, kk = k * k;

    h = govidx__mallocarray(m, sizeof *h);
    t = govidx__mallocarray(kk, sizeof *t);
    b = govidx__mallocarray(mk, sizeof *b);
    tmp = govidx__mallocarray(mk, sizeof *tmp);
    g = govidx__mallocarray(kk, sizeof *g);
    u = govidx__mallocarray(kk, sizeof *u);
    vt = govidx__mallocarray(kk, sizeof *vt);
    s = govidx__mallocarray(k, sizeof *s);
    superb = govidx__mallocarray(k, sizeof *superb);
    if (!h || !t || !b || !tmp || !g || !u || !vt || !s || !superb) {
        rc = govidx__oom();
        goto done;
    }
    for (i = 0; i < m; i++) {
        double c = 0.0;
        for (j = 0; j < k; j++)
            c += a[i + j * m] * a[i + j * m];
        h[i] = sqrt(c);
        if (h[i] > 0.0)
            for (j = 0; j < k; j++)
                a[i + j * m] /= h[i];
    }
    memset(t, 0, kk * sizeof *t);
    for (j = 0; j < k; j++)
        t[j + j * k] = 1.0;
    for (it = 0; it < 1000; it++) {
        lapack_int info;
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)m, (int)k, (int)k, 1.0, a,
                    (int)m, t, (int)k, 0.0, b, (int)m);
        for (j = 0; j < k; j++) {
            double cs = 0.0;
            for (i = 0; i < m; i++)
                cs += b[i + j * m] * b[i + j * m];
            for (i = 0; i < m; i++) {
                double x = b[i + j * m];
                tmp[i + j * m] = x * x * x - x * cs / (double)m;
            }
        }
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int)k, (int)k, (int)m, 1.0, a,
                    (int)m, tmp, (int)m, 0.0, g, (int)k);
        info = LAPACKE_dgesvd(LAPACK_COL_MAJOR, 'A', 'A', (lapack_int)k, (lapack_int)k, g,
                              (lapack_int)k, s, u, (lapack_int)k, vt, (lapack_int)k, superb);
        if (info != 0) {
            rc = govidx__fail(GOVIDX_ENUMERIC, "PCA weights: varimax SVD failed (info %d)",
                              (int)info);
            goto done;
        }
        /* g is free again: it receives the new rotation */
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)k, (int)k, (int)k, 1.0, u,
                    (int)k, vt, (int)k, 0.0, g, (int)k);
        change = 0.0;
        for (j = 0; j < kk; j++) {
            change = fmax(change, fabs(g[j] - t[j]));
            t[j] = g[j];
        }
        /* The criterion is flat at the optimum, so a small gain in it still
         * leaves an angle error near its square root: stop on the rotation. */
        if (change < 1e-13)
            break;
    }
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)m, (int)k, (int)k, 1.0, a, (int)m,
                t, (int)k, 0.0, b, (int)m);
    for (i = 0; i < m; i++)
        for (j = 0; j < k; j++)
            a[i + j * m] = b[i + j * m] * h[i];
done:
    govidx__free(h);
    govidx__free(t);
    govidx__free(b);
    govidx__free(tmp);
    govidx__free(g);
    govidx__free(u);
    govidx__free(vt);
    govidx__free(s);
    govidx__free(superb);
    return rc;
}

GOVIDX__VERSIONS_1(weights_options_versions, govidx_weights_options, "weights options", GOVIDX_WEIGHTS_OPTIONS_INIT,
                   pca_rotate);

int govidx_weights_options_init(govidx_weights_options *opts, unsigned version)
{
    return govidx__versioned_init(&weights_options_versions, opts, version);
}

int govidx_weights_pca(double *w, size_t *ncomp, govidx_matrix_view data,
                       const govidx_weights_options *opts)
{
    govidx_weights_options copy;
    double *r = NULL, *lambda = NULL, *vec = NULL, *load = NULL;
    lapack_int *isuppz = NULL, found = 0, info;
    size_t m, j, k, keep;
    double cum;
    int rc;

    if (!w)
        return govidx__fail(GOVIDX_EINVAL, "PCA weights: output is NULL");
    if ((rc = govidx__versioned_read(&weights_options_versions, &copy, opts)))
        return rc;
    opts = &copy;
    if (!isfinite(opts->pca_min_eigenvalue) || !(opts->pca_min_share >= 0.0) ||
        !(opts->pca_min_share <= 1.0) || !(opts->pca_min_cumulative >= 0.0) ||
        !(opts->pca_min_cumulative <= 1.0))
        return govidx__fail(GOVIDX_EINVAL,
                            "PCA weights: retention thresholds must be finite, shares in [0, 1]");
    if ((rc = govidx_matrix_check(data)) != GOVIDX_OK)
        return govidx__fail_context(rc, "PCA weights");
    m = data.cols;
    if (m < 2 || m > MAX_SQUARE_ORDER)
        return govidx__fail(GOVIDX_EDIM, "PCA weights: need 2 to %d columns, got %zu",
                            MAX_SQUARE_ORDER, m);

    r = govidx__mallocarray(m * m, sizeof *r);
    vec = govidx__mallocarray(m * m, sizeof *vec);
    load = govidx__mallocarray(m * m, sizeof *load);
    lambda = govidx__mallocarray(m, sizeof *lambda);
    isuppz = govidx__mallocarray(2 * m, sizeof *isuppz);
    if (!r || !vec || !load || !lambda || !isuppz) {
        rc = govidx__oom();
        goto done;
    }
    if ((rc = govidx_analysis_correlation(r, data, GOVIDX_CORR_PEARSON)) != GOVIDX_OK) {
        govidx__fail_context(rc, "PCA weights");
        goto done;
    }
    info = LAPACKE_dsyevr(LAPACK_COL_MAJOR, 'V', 'A', 'U', (lapack_int)m, r, (lapack_int)m, 0.0,
                          0.0, 0, 0, 0.0, &found, lambda, vec, (lapack_int)m, isuppz);
    if (info != 0 || (size_t)found != m) {
        rc = govidx__fail(GOVIDX_ENUMERIC, "PCA weights: eigen-decomposition failed (info %d)",
                          (int)info);
        goto done;
    }
    /* dsyevr sorts ascending: component c (0 = largest) is column m-1-c. */
    keep = 0;
    cum = 0.0;
    while (keep < m) {
        double l = lambda[m - 1 - keep];
        if (!(l > opts->pca_min_eigenvalue) || !(l / (double)m > opts->pca_min_share))
            break;
        cum += l / (double)m;
        keep++;
    }
    if (keep == 0) {
        cum = lambda[m - 1] / (double)m;
        keep = 1;
    }
    while (keep < m && cum < opts->pca_min_cumulative && lambda[m - 1 - keep] > 0.0) {
        cum += lambda[m - 1 - keep] / (double)m;
        keep++;
    }
    /* loadings a_jc = u_jc sqrt(lambda_c) */
    for (k = 0; k < keep; k++) {
        double l = lambda[m - 1 - k];
        double sl = l > 0.0 ? sqrt(l) : 0.0;
        for (j = 0; j < m; j++)
            load[j + k * m] = vec[j + (m - 1 - k) * m] * sl;
    }
    if (opts->pca_rotate && keep >= 2 && (rc = varimax(load, m, keep)) != GOVIDX_OK)
        goto done;
    /* Each indicator joins the factor with its largest squared loading;
     * w_j = (a_jk^2 / V_k) (V_k / sum V) = a_jk^2 / sum V, then scaled. */
    for (j = 0; j < m; j++) {
        double best = 0.0;
        for (k = 0; k < keep; k++) {
            double a2 = load[j + k * m] * load[j + k * m];
            if (a2 > best)
                best = a2;
        }
        lambda[j] = best; /* reuse as scratch: eigenvalues no longer needed */
    }
    rc = scale_to_unit_sum(w, lambda, m, "PCA");
    if (rc == GOVIDX_OK && ncomp)
        *ncomp = keep;
done:
    govidx__free(r);
    govidx__free(vec);
    govidx__free(load);
    govidx__free(lambda);
    govidx__free(isuppz);
    return rc;
}

/* Saaty (1980) random consistency index RI(n), n = 1..10. */
static const double saaty_ri[11] = {0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};

int govidx_weights_ahp(double *w, double *lambda_max, double *ci, double *cr, const double *a,
                       size_t n)
{
    double *copy = NULL, *wr = NULL, *wi = NULL, *vr = NULL;
    size_t i, j, best;
    double sum, lmax, cindex;
    lapack_int info;
    int rc = GOVIDX_OK;

    if (!w || !a)
        return govidx__fail(GOVIDX_EINVAL, "AHP weights: NULL argument");
    if (n == 0 || n > 100000)
        return govidx__fail(GOVIDX_EDIM, "AHP weights: matrix order %zu out of range", n);
    for (j = 0; j < n; j++)
        for (i = 0; i < n; i++) {
            double x = a[i + j * n], y = a[j + i * n];
            if (!isfinite(x) || !(x > 0.0))
                return govidx__fail(GOVIDX_EINVAL,
                                    "AHP weights: cell (%zu, %zu) = %g is not a positive number", i,
                                    j, x);
            if (i == j && fabs(x - 1.0) > AHP_RECIPROCAL_TOL)
                return govidx__fail(GOVIDX_EINVAL,
                                    "AHP weights: diagonal cell (%zu, %zu) = %g, must be 1", i, j,
                                    x);
            if (i < j && fabs(x * y - 1.0) > AHP_RECIPROCAL_TOL)
                return govidx__fail(GOVIDX_EINVAL,
                                    "AHP weights: cells (%zu, %zu) = %g and (%zu, %zu) = %g are "
                                    "not reciprocal",
                                    i, j, x, j, i, y);
        }
    if (n == 1) {
        w[0] = 1.0;
        lmax = 1.0;
        cindex = 0.0;
        goto report;
    }
    copy = govidx__mallocarray(n * n, sizeof *copy);
    vr = govidx__mallocarray(n * n, sizeof *vr);
    wr = govidx__mallocarray(n, sizeof *wr);
    wi = govidx__mallocarray(n, sizeof *wi);
    if (!copy || !vr || !wr || !wi) {
        rc = govidx__oom();
        goto done;
    }
    memcpy(copy, a, n * n * sizeof *copy);
    info = LAPACKE_dgeev(LAPACK_COL_MAJOR, 'N', 'V', (lapack_int)n, copy, (lapack_int)n, wr, wi,
                         NULL, 1, vr, (lapack_int)n);
    if (info != 0) {
        rc = govidx__fail(GOVIDX_ENUMERIC, "AHP weights: eigen-solver failed (info %d)", (int)info);
        goto done;
    }
    /* Perron root: the largest real eigenvalue of a positive matrix. */
    best = n;
    for (j = 0; j < n; j++)
        if (fabs(wi[j]) <= 1e-10 * fabs(wr[j]) && (best == n || wr[j] > wr[best]))
            best = j;
    if (best == n) {
        rc = govidx__fail(GOVIDX_ENUMERIC, "AHP weights: no real principal eigenvalue");
        goto done;
    }
    lmax = wr[best];
    sum = 0.0;
    for (i = 0; i < n; i++)
        sum += vr[i + best * n];
    for (i = 0; i < n; i++) {
        w[i] = vr[i + best * n] / sum; /* fixes LAPACK's arbitrary sign too */
        if (!(w[i] > 0.0)) {
            rc = govidx__fail(GOVIDX_ENUMERIC,
                              "AHP weights: principal eigenvector is not positive at %zu", i);
            goto done;
        }
    }
    cindex = (lmax - (double)n) / (double)(n - 1);
    if (cindex < 0.0 && cindex > -1e-9) /* rounding on consistent matrices */
        cindex = 0.0;
report:
    if (lambda_max)
        *lambda_max = lmax;
    if (ci)
        *ci = cindex;
    if (cr)
        *cr = n <= 2 ? 0.0 : n <= 10 ? cindex / saaty_ri[n] : NAN;
done:
    govidx__free(copy);
    govidx__free(vr);
    govidx__free(wr);
    govidx__free(wi);
    return rc;
}

int govidx_weights_renormalize(double *out, int *available, const double *w, const double *values,
                               size_t n, size_t inc, double min_share)
{
    size_t j, present = 0;
    double sum = 0.0;
    if (!out || !available || !w || !values)
        return govidx__fail(GOVIDX_EINVAL, "renormalize weights: NULL argument");
    if (n == 0 || inc == 0)
        return govidx__fail(GOVIDX_EINVAL, "renormalize weights: n = %zu, inc = %zu", n, inc);
    if (!(min_share >= 0.0 && min_share <= 1.0))
        return govidx__fail(GOVIDX_EINVAL, "renormalize weights: min_share %g outside [0, 1]",
                            min_share);
    for (j = 0; j < n; j++) {
        if (!isfinite(w[j]) || w[j] < 0.0)
            return govidx__fail(GOVIDX_EINVAL, "renormalize weights: weight %zu is %g", j, w[j]);
        if (!isnan(values[j * inc])) {
            present++;
            sum += w[j];
        }
    }
    *available = present > 0 && (double)present >= min_share * (double)n && sum > 0.0;
    for (j = 0; j < n; j++)
        out[j] = *available && !isnan(values[j * inc]) ? w[j] / sum : 0.0;
    return GOVIDX_OK;
}

/* The kernels of govidx_weights_compute: the functions above with their defaults. */
static int k_equal(double *w, govidx_matrix_view data, const govidx_weights_options *o)
{
    (void)o;
    return govidx_weights_equal(w, data.cols);
}

static int k_entropy(double *w, govidx_matrix_view data, const govidx_weights_options *o)
{
    (void)o;
    return govidx_weights_entropy(w, NULL, data);
}

static int k_critic(double *w, govidx_matrix_view data, const govidx_weights_options *o)
{
    (void)o;
    return govidx_weights_critic(w, data, 0);
}

static int k_critic_abs(double *w, govidx_matrix_view data, const govidx_weights_options *o)
{
    (void)o;
    return govidx_weights_critic(w, data, 1);
}

static int k_pca(double *w, govidx_matrix_view data, const govidx_weights_options *o)
{
    return govidx_weights_pca(w, NULL, data, o);
}

/* The registry of the weights family: one row per spec name, read by the
 * spec parser (weights.method, method.c), the name functions, the plan
 * (plan.c: which nodes derive weights) and `govidx compute --help`.  A
 * row: name, enum, kernel (NULL: nominal, the framework's own weights,
 * never computed), the spec keys it reads beyond weights.method,
 * capabilities (GOVIDX__CAP_*). */
#define GOVIDX__WEIGHT_REGISTRY(X)                                                                  \
    X("nominal", GOVIDX_WEIGHTS_NOMINAL, NULL, "", 0)                                               \
    X("equal", GOVIDX_WEIGHTS_EQUAL, k_equal, "weights.pooled", GOVIDX__CAP_DERIVED)                \
    X("entropy", GOVIDX_WEIGHTS_ENTROPY, k_entropy, "weights.pooled", GOVIDX__CAP_DERIVED)          \
    X("critic", GOVIDX_WEIGHTS_CRITIC, k_critic, "weights.pooled", GOVIDX__CAP_DERIVED)             \
    X("critic-abs", GOVIDX_WEIGHTS_CRITIC_ABS, k_critic_abs, "weights.pooled", GOVIDX__CAP_DERIVED) \
    X("pca", GOVIDX_WEIGHTS_PCA, k_pca, "weights.pooled", GOVIDX__CAP_DERIVED)

typedef struct weight_entry {
    govidx__method_row row;
    int (*kernel)(double *w, govidx_matrix_view data, const govidx_weights_options *o);
} weight_entry;
#define WEIGHT_ROW(name, method, kernel, params, caps) {{name, method, params, caps}, kernel},
static const weight_entry weight_registry[] = {GOVIDX__WEIGHT_REGISTRY(WEIGHT_ROW)};
#define WEIGHT_NAME(name, method, kernel, params, caps) {name, method},
static const govidx__name weight_name_table[] = {GOVIDX__WEIGHT_REGISTRY(WEIGHT_NAME)};
GOVIDX__NAMES(govidx__weight_names, "weighting method", weight_name_table);

GOVIDX__NAME_FUNCTIONS(govidx_weight_method, govidx_weight_method, govidx__weight_names)

static const weight_entry *weight_entry_of(int method)
{
    size_t k;
    for (k = 0; k < sizeof weight_registry / sizeof weight_registry[0]; k++)
        if (weight_registry[k].row.value == method)
            return &weight_registry[k];
    return NULL;
}

const govidx__method_row *govidx__weight_row(int method)
{
    const weight_entry *e = weight_entry_of(method);
    return e ? &e->row : &govidx__no_method_row;
}

int govidx_weights_compute(double *w, govidx_matrix_view data, const govidx_weights_options *opts)
{
    govidx_weights_options copy;
    const weight_entry *e;
    int rc;
    if ((rc = govidx__versioned_read(&weights_options_versions, &copy, opts)))
        return rc;
    if ((rc = govidx_matrix_check(data)) != GOVIDX_OK)
        return govidx__fail_context(rc, "weights");
    if (!(e = weight_entry_of(copy.method)))
        return govidx__fail(GOVIDX_EINVAL, "weights: unknown method %d", (int)copy.method);
    if (!e->kernel)
        return govidx__fail(GOVIDX_EINVAL, "weights: nominal weights are the framework's own, not computed");
    return e->kernel(w, data, &copy);
}
