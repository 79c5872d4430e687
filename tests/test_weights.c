/*
 * tests/test_weights.c - equal, expert, entropy, CRITIC, PCA and AHP
 * weights, and the per-unit renormalisation over present children.
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"
#include "gxtest.h"
#include "gxoom.h"


/* METHODS.md section 5, E7 (input: RMCDA documentation example, 5 phones;
 * conventions pinned there: min-max with price reversed, 0 ln 0 = 0, SD with
 * n - 1, signed r).  Min-max is done here, inline, so this test does not
 * depend on the normalisation module.  z is 5 x 4 column-major. */
static void phones_minmax(double *z)
{
    static const double raw[4][5] = {{250, 200, 300, 275, 225},
                                     {16, 16, 32, 32, 16},
                                     {12, 8, 16, 8, 16},
                                     {5, 3, 4, 4, 2}};
    int i, j;
    for (j = 0; j < 4; j++) {
        double lo = raw[j][0], hi = raw[j][0];
        for (i = 1; i < 5; i++) {
            lo = fmin(lo, raw[j][i]);
            hi = fmax(hi, raw[j][i]);
        }
        for (i = 0; i < 5; i++)
            z[i + 5 * j] = j == 0 ? (hi - raw[j][i]) / (hi - lo) : (raw[j][i] - lo) / (hi - lo);
    }
}

static void test_entropy_e7(void)
{
    double z[20], w[4], e[4];
    /* METHODS.md E7 [P]: e and entropy weights. */
    static const double e_want[4] = {0.79522, 0.43068, 0.65546, 0.82071};
    static const double w_want[4] = {0.15778, 0.43864, 0.26545, 0.13813};
    int j;
    phones_minmax(z);
    GX_ASSERT_OK(govidx_weights_entropy(w, e, govidx_matrix_view_array(z, 5, 4)));
    for (j = 0; j < 4; j++) {
        GX_ASSERT_CLOSE(e[j], e_want[j], 1e-5);
        GX_ASSERT_CLOSE(w[j], w_want[j], 1e-5);
    }
}

static void test_critic_e7(void)
{
    double z[20], w[4];
    /* METHODS.md E7 [P]: CRITIC weights, signed r. */
    static const double w_want[4] = {0.27157, 0.28167, 0.25638, 0.19037};
    /* |r| variant: our independent computation (pure Python, same data and
     * conventions, 1 - |r_jk|). */
    static const double wabs_want[4] = {0.144746, 0.288010, 0.357254, 0.209991};
    govidx_weights_options o = GOVIDX_WEIGHTS_OPTIONS_INIT;
    int j;
    phones_minmax(z);
    GX_ASSERT_OK(govidx_weights_critic(w, govidx_matrix_view_array(z, 5, 4), 0));
    for (j = 0; j < 4; j++)
        GX_ASSERT_CLOSE(w[j], w_want[j], 1e-5);
    GX_ASSERT_OK(govidx_weights_critic(w, govidx_matrix_view_array(z, 5, 4), 1));
    for (j = 0; j < 4; j++)
        GX_ASSERT_CLOSE(w[j], wabs_want[j], 1e-6);
    /* the dispatcher gives the same */
    o.method = GOVIDX_WEIGHTS_CRITIC;
    GX_ASSERT_OK(govidx_weights_compute(w, govidx_matrix_view_array(z, 5, 4), &o));
    for (j = 0; j < 4; j++)
        GX_ASSERT_CLOSE(w[j], w_want[j], 1e-5);
    o.method = GOVIDX_WEIGHTS_ENTROPY;
    GX_ASSERT_OK(govidx_weights_compute(w, govidx_matrix_view_array(z, 5, 4), &o));
    GX_ASSERT_CLOSE(w[1], 0.43864, 1e-5);
}

static void test_entropy_errors(void)
{
    double w[2];
    double neg[6] = {0.1, -0.2, 0.3, 1, 2, 3};
    double zero[6] = {0, 0, 0, 1, 2, 3};
    double few[6] = {NAN, 0.5, NAN, 1, 2, 3};
    double uniform[6] = {1, 1, 1, 2, 2, 2};
    GX_ASSERT_RC(govidx_weights_entropy(w, NULL, govidx_matrix_view_array(neg, 3, 2)),
                 GOVIDX_EDOMAIN);
    CU_ASSERT(strstr(govidx_last_error(), "column 0") != NULL);
    GX_ASSERT_RC(govidx_weights_entropy(w, NULL, govidx_matrix_view_array(zero, 3, 2)),
                 GOVIDX_ENUMERIC);
    GX_ASSERT_RC(govidx_weights_entropy(w, NULL, govidx_matrix_view_array(few, 3, 2)),
                 GOVIDX_EMISSING);
    /* every column uniform: e = 1, no discriminating power anywhere */
    GX_ASSERT_RC(govidx_weights_entropy(w, NULL, govidx_matrix_view_array(uniform, 3, 2)),
                 GOVIDX_ENUMERIC);
    GX_ASSERT_RC(govidx_weights_entropy(NULL, NULL, govidx_matrix_view_array(neg, 3, 2)),
                 GOVIDX_EINVAL);
}

static void test_entropy_missing(void)
{
    /* Column 0 has one missing value and is computed over its 2 present
     * values: p = (1/4, 3/4), e = -(p ln p + q ln q)/ln 2 (hand computation). */
    double z[6] = {1, NAN, 3, 1, 1, 2};
    double w[2], e[2];
    double e0 = -(0.25 * log(0.25) + 0.75 * log(0.75)) / log(2.0);
    double e1 = -(2 * 0.25 * log(0.25) + 0.5 * log(0.5)) / log(3.0);
    GX_ASSERT_OK(govidx_weights_entropy(w, e, govidx_matrix_view_array(z, 3, 2)));
    GX_ASSERT_CLOSE(e[0], e0, 1e-12);
    GX_ASSERT_CLOSE(e[1], e1, 1e-12);
    GX_ASSERT_CLOSE(w[0], (1 - e0) / (2 - e0 - e1), 1e-12);
}

static void test_critic_errors(void)
{
    double w[2];
    double flat[6] = {1, 1, 1, 1, 2, 3};
    GX_ASSERT_RC(govidx_weights_critic(w, govidx_matrix_view_array(flat, 3, 2), 0),
                 GOVIDX_ENUMERIC);
    CU_ASSERT(strstr(govidx_last_error(), "column 0") != NULL);
}

static void test_equal_expert(void)
{
    double w[4];
    double raw[4] = {2, 1, 1, 0};
    double bad[3] = {1, -1, 1};
    double zero[3] = {0, 0, 0};
    double nan_[2] = {1, NAN};
    GX_ASSERT_OK(govidx_weights_equal(w, 4));
    GX_ASSERT_CLOSE(w[3], 0.25, 1e-15);
    GX_ASSERT_RC(govidx_weights_equal(w, 0), GOVIDX_EDIM);
    GX_ASSERT_OK(govidx_weights_expert(w, raw, 4));
    GX_ASSERT_CLOSE(w[0], 0.5, 1e-15);
    GX_ASSERT_CLOSE(w[1], 0.25, 1e-15);
    GX_ASSERT_CLOSE(w[3], 0.0, 1e-15);
    GX_ASSERT_RC(govidx_weights_expert(w, bad, 3), GOVIDX_EINVAL);
    CU_ASSERT(strstr(govidx_last_error(), "weight 1") != NULL);
    GX_ASSERT_RC(govidx_weights_expert(w, zero, 3), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_weights_expert(w, nan_, 2), GOVIDX_EINVAL);
}

static void test_ahp_three(void)
{
    /* The textbook 3 x 3 matrix [[1,3,5],[1/3,1,3],[1/5,1/3,1]].  For n = 3
     * the principal eigenvector equals the normalised row geometric means
     * (Crawford & Williams 1985) and lambda_max = 1 + t + 1/t with
     * t = (a12 a23 / a13)^(1/3) (e.g. Aguaron & Moreno-Jimenez 2003), so the
     * expected values are computed independently of LAPACK:
     * w = (0.6370, 0.2583, 0.1047), lambda_max = 3.0385, CR = 0.033. */
    double a[9] = {1, 1.0 / 3, 1.0 / 5, 3, 1, 1.0 / 3, 5, 3, 1}; /* column-major */
    double w[3], lmax, ci, cr;
    double g[3] = {cbrt(15.0), 1.0, cbrt(1.0 / 15.0)};
    double gs = g[0] + g[1] + g[2];
    double t = cbrt(3.0 * 3.0 / 5.0);
    double lwant = 1.0 + t + 1.0 / t;
    int j;
    GX_ASSERT_OK(govidx_weights_ahp(w, &lmax, &ci, &cr, a, 3));
    for (j = 0; j < 3; j++)
        GX_ASSERT_CLOSE(w[j], g[j] / gs, 1e-10);
    GX_ASSERT_CLOSE(lmax, lwant, 1e-10);
    GX_ASSERT_CLOSE(ci, (lwant - 3) / 2, 1e-10);
    GX_ASSERT_CLOSE(cr, (lwant - 3) / 2 / 0.58, 1e-10); /* Saaty RI(3) = 0.58 */
    GX_ASSERT_CLOSE(w[0], 0.6370, 5e-5);
    GX_ASSERT_CLOSE(cr, 0.0332, 5e-5);
}

static void test_ahp_consistent(void)
{
    /* A perfectly consistent matrix a_ij = v_i / v_j has eigenvector v,
     * lambda_max = n and CI = CR = 0 (Saaty 1980). */
    double v[4] = {0.4, 0.3, 0.2, 0.1}, a[16], w[4], lmax, ci, cr;
    int i, j;
    for (j = 0; j < 4; j++)
        for (i = 0; i < 4; i++)
            a[i + 4 * j] = v[i] / v[j];
    GX_ASSERT_OK(govidx_weights_ahp(w, &lmax, &ci, &cr, a, 4));
    for (j = 0; j < 4; j++)
        GX_ASSERT_CLOSE(w[j], v[j], 1e-12);
    GX_ASSERT_CLOSE(lmax, 4.0, 1e-12);
    GX_ASSERT_CLOSE(ci, 0.0, 1e-12);
    GX_ASSERT_CLOSE(cr, 0.0, 1e-12);
}

static void test_ahp_small(void)
{
    /* n = 2 is always consistent: w = (a12, 1) / (a12 + 1), lambda = 2;
     * n = 1 is the trivial weight 1 (Saaty 1980). */
    double a2[4] = {1, 1.0 / 3, 3, 1}, a1[1] = {1}, w[2], lmax, ci, cr;
    GX_ASSERT_OK(govidx_weights_ahp(w, &lmax, &ci, &cr, a2, 2));
    GX_ASSERT_CLOSE(w[0], 0.75, 1e-12);
    GX_ASSERT_CLOSE(w[1], 0.25, 1e-12);
    GX_ASSERT_CLOSE(lmax, 2.0, 1e-12);
    GX_ASSERT_CLOSE(cr, 0.0, 1e-12);
    GX_ASSERT_OK(govidx_weights_ahp(w, &lmax, &ci, &cr, a1, 1));
    GX_ASSERT_CLOSE(w[0], 1.0, 0);
    GX_ASSERT_CLOSE(ci, 0.0, 0);
}

static void test_ahp_errors(void)
{
    double w[3];
    double nonrecip[9] = {1, 1.0 / 3, 1.0 / 5, 3, 1, 0.5, 5, 3, 1}; /* a32 = 0.5, a23 = 3 */
    double negative[9] = {1, 1.0 / 3, -1, 3, 1, 1.0 / 3, 5, 3, 1};
    double diag[9] = {2, 1.0 / 3, 1.0 / 5, 3, 1, 1.0 / 3, 5, 3, 1};
    GX_ASSERT_RC(govidx_weights_ahp(w, NULL, NULL, NULL, nonrecip, 3), GOVIDX_EINVAL);
    CU_ASSERT(strstr(govidx_last_error(), "(1, 2)") != NULL);
    GX_ASSERT_RC(govidx_weights_ahp(w, NULL, NULL, NULL, negative, 3), GOVIDX_EINVAL);
    CU_ASSERT(strstr(govidx_last_error(), "(2, 0)") != NULL);
    GX_ASSERT_RC(govidx_weights_ahp(w, NULL, NULL, NULL, diag, 3), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_weights_ahp(w, NULL, NULL, NULL, diag, 0), GOVIDX_EDIM);
}

static void test_pca_blocks(void)
{
    /* Columns of an 8-run Hadamard design are orthogonal with zero mean.
     * x1 = h1, x2 = h1 + h2 (r = 1/sqrt 2), x3 = h3, x4 = h3 + 2 h4
     * (r = 1/sqrt 5), zero correlation across the pairs.  Eigenvalues are
     * 1 +- a, 1 +- b (a = 1/sqrt 2, b = 1/sqrt 5): two retained factors
     * (1.707 and 1.447: > 1, > 10 %, together 79 %), already a simple
     * structure, with squared loadings (1 + a)/2 on x1, x2 and (1 + b)/2
     * on x3, x4.  Hence w = (1 + a, 1 + a, 1 + b, 1 + b) / (2 (2 + a + b)):
     * 0.270598, 0.270598, 0.229402, 0.229402 (hand computation). */
    static const double h[4][8] = {{1, -1, 1, -1, 1, -1, 1, -1},
                                   {1, 1, -1, -1, 1, 1, -1, -1},
                                   {1, -1, -1, 1, 1, -1, -1, 1},
                                   {1, 1, 1, 1, -1, -1, -1, -1}};
    double x[32], w[4];
    double a = 1 / sqrt(2.0), b = 1 / sqrt(5.0);
    size_t k = 0;
    int i;
    govidx_weights_options o = GOVIDX_WEIGHTS_OPTIONS_INIT;
    for (i = 0; i < 8; i++) {
        x[i] = h[0][i];
        x[8 + i] = h[0][i] + h[1][i];
        x[16 + i] = h[2][i];
        x[24 + i] = h[2][i] + 2 * h[3][i];
    }
    GX_ASSERT_OK(govidx_weights_pca(w, &k, govidx_matrix_view_array(x, 8, 4), NULL));
    CU_ASSERT_EQUAL(k, 2);
    GX_ASSERT_CLOSE(w[0], (1 + a) / (2 * (2 + a + b)), 1e-9);
    GX_ASSERT_CLOSE(w[1], (1 + a) / (2 * (2 + a + b)), 1e-9);
    GX_ASSERT_CLOSE(w[2], (1 + b) / (2 * (2 + a + b)), 1e-9);
    GX_ASSERT_CLOSE(w[3], (1 + b) / (2 * (2 + a + b)), 1e-9);
    /* without rotation the unrotated loadings are the same here */
    o.pca_rotate = 0;
    GX_ASSERT_OK(govidx_weights_pca(w, &k, govidx_matrix_view_array(x, 8, 4), &o));
    GX_ASSERT_CLOSE(w[0], (1 + a) / (2 * (2 + a + b)), 1e-9);
    /* one column is not enough */
    GX_ASSERT_RC(govidx_weights_pca(w, &k, govidx_matrix_view_array(x, 8, 1), NULL), GOVIDX_EDIM);
}

/* ASEM connectivity data, first 12 units (AUT ... GRC) and the 8
 * indicators LPI, Flights, Ship, Bord, Elec, Gas, ConSpeed, Cov4G of
 * datasets/asem/source/iData.csv (COINr's ASEM example, METHODS.md E8). */
static const double asem12[8][12] = {
    {4.097985, 4.108538, 2.807685, 3.160829, 2.999061, 3.674309, 3.815794, 3.363489, 3.920745,
     3.900953, 4.225967, 3.239516},
    {29.01725, 31.88546, 9.23588, 9.24529, 8.75467, 15.30953, 32.7705, 3.12946, 18.85806, 97.63489,
     174.3588, 34.83849},
    {0, 20.5671215, 7.9193664, 12.4404524, 11.6894955, 0, 14.4070803, 9.1719971, 10.0441551,
     19.5361146, 20.5012617, 15.6795083},
    {35, 48, 18, 41, 0, 35, 3, 6, 18, 75, 105, 12},
    {35.3697298333333, 26.5330466666667, 11.2775841666667, 19.528362, 0.439364333333333,
     46.7581786666667, 20.103365, 9.49907183333333, 24.4142605, 78.5259303333333,
     110.179562833333, 2.43086016666667},
    {0.273, 36.1, 0.312, 0.422, 0.029, 2.7, 0.418, 0.0667, 0.38, 29.9, 48.7, 0.139},
    {14.1, 16.3, 15.5, 8.6, 6.9, 16.9, 20.1, 11.6, 20.5, 10.8, 15.3, 7.9},
    {98, 99.89, 56.73, 98, 60, 98.7, 99.99, 100, 99.9, 80, 95.7, 83}};

static void test_pca_varimax_asem(void)
{
    /* Expected values from an independent implementation (pure Python:
     * Jacobi eigen-decomposition and Kaiser's original pairwise-angle
     * varimax with Kaiser normalisation, not the SVD iteration used in
     * lib/weights.c).  Eigenvalues 4.5255, 1.8167, 0.7059, ...: two factors
     * retained (> 1, > 10 %, together 79 %). */
    static const double rotated[8] = {0.104093312094, 0.152990774877, 0.084080174279,
                                      0.145043043483, 0.129084447891, 0.153198537385,
                                      0.112876650262, 0.118633059729};
    static const double unrotated[8] = {0.111888650482, 0.153563775972, 0.056186623379,
                                        0.155305622100, 0.156796494977, 0.155913202851,
                                        0.107849990647, 0.102495639593};
    double x[96], w[8];
    size_t k = 0;
    int i, j;
    govidx_weights_options o = GOVIDX_WEIGHTS_OPTIONS_INIT;
    for (j = 0; j < 8; j++)
        for (i = 0; i < 12; i++)
            x[i + 12 * j] = asem12[j][i];
    o.method = GOVIDX_WEIGHTS_PCA;
    GX_ASSERT_OK(govidx_weights_pca(w, &k, govidx_matrix_view_array(x, 12, 8), &o));
    CU_ASSERT_EQUAL(k, 2);
    for (j = 0; j < 8; j++)
        GX_ASSERT_CLOSE(w[j], rotated[j], 1e-9);
    o.pca_rotate = 0;
    GX_ASSERT_OK(govidx_weights_pca(w, &k, govidx_matrix_view_array(x, 12, 8), &o));
    for (j = 0; j < 8; j++)
        GX_ASSERT_CLOSE(w[j], unrotated[j], 1e-9);
}

static void test_renormalize(void)
{
    /* a unit row of a 2 x 4 column-major matrix: row 1 = (0.5, NaN, 0.2, NaN) */
    double z[8] = {0, 0.5, 0, NAN, 0, 0.2, 0, NAN};
    double w[4] = {0.4, 0.3, 0.2, 0.1}, out[4];
    int ok = -1;
    GX_ASSERT_OK(govidx_weights_renormalize(out, &ok, w, z + 1, 4, 2, 0.5));
    CU_ASSERT_EQUAL(ok, 1);
    GX_ASSERT_CLOSE(out[0], 0.4 / 0.6, 1e-15);
    GX_ASSERT_CLOSE(out[1], 0.0, 0);
    GX_ASSERT_CLOSE(out[2], 0.2 / 0.6, 1e-15);
    /* 2 of 4 present is below a 0.6 threshold */
    GX_ASSERT_OK(govidx_weights_renormalize(out, &ok, w, z + 1, 4, 2, 0.6));
    CU_ASSERT_EQUAL(ok, 0);
    GX_ASSERT_CLOSE(out[0], 0.0, 0);
    GX_ASSERT_RC(govidx_weights_renormalize(out, &ok, w, z + 1, 4, 2, 1.5), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_weights_renormalize(out, &ok, w, z + 1, 4, 0, 0), GOVIDX_EINVAL);
}

static void test_compute_errors(void)
{
    double x[4] = {1, 2, 3, 4}, w[2];
    govidx_weights_options o = GOVIDX_WEIGHTS_OPTIONS_INIT;
    o.version = 99;
    GX_ASSERT_RC(govidx_weights_compute(w, govidx_matrix_view_array(x, 2, 2), &o), GOVIDX_EINVAL);
    o.version = GOVIDX_WEIGHTS_OPTIONS_VERSION;
    o.method = (govidx_weight_method)42;
    GX_ASSERT_RC(govidx_weights_compute(w, govidx_matrix_view_array(x, 2, 2), &o), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_weights_compute(w, govidx_matrix_view_array(NULL, 2, 2), NULL),
                 GOVIDX_EINVAL);
    GX_ASSERT_OK(govidx_weights_compute(w, govidx_matrix_view_array(x, 2, 2), NULL));
    GX_ASSERT_CLOSE(w[0], 0.5, 0);
}

static double oom_z[20];
static int oom_entropy(void)
{
    double w[4];
    return govidx_weights_entropy(w, NULL, govidx_matrix_view_array(oom_z, 5, 4));
}
static int oom_critic(void)
{
    double w[4];
    return govidx_weights_critic(w, govidx_matrix_view_array(oom_z, 5, 4), 0);
}
static int oom_pca(void)
{
    double w[4];
    govidx_weights_options o = GOVIDX_WEIGHTS_OPTIONS_INIT;
    o.pca_min_cumulative = 0.9; /* force 2+ factors so varimax runs */
    return govidx_weights_pca(w, NULL, govidx_matrix_view_array(oom_z, 5, 4), &o);
}
static int oom_ahp(void)
{
    double a[9] = {1, 1.0 / 3, 1.0 / 5, 3, 1, 1.0 / 3, 5, 3, 1}, w[3];
    return govidx_weights_ahp(w, NULL, NULL, NULL, a, 3);
}
static void test_oom(void)
{
    phones_minmax(oom_z);
    check_oom(oom_entropy);
    check_oom(oom_critic);
    check_oom(oom_pca);
    check_oom(oom_ahp);
}

static void test_method_names(void)
{
    govidx_weight_method m = GOVIDX_WEIGHTS_EQUAL;
    int k;
    GX_ASSERT_OK(govidx_weight_method_from_name(&m, "critic-abs"));
    CU_ASSERT_EQUAL(m, GOVIDX_WEIGHTS_CRITIC_ABS);
    for (k = GOVIDX_WEIGHTS_EQUAL; k <= GOVIDX_WEIGHTS_NOMINAL; k++) {
        const char *name = govidx_weight_method_name((govidx_weight_method)k);
        CU_ASSERT_PTR_NOT_NULL_FATAL(name);
        GX_ASSERT_OK(govidx_weight_method_from_name(&m, name));
        CU_ASSERT_EQUAL(m, k);
    }
    /* "nominal" (the framework's weights) has a value, but nothing to compute */
    GX_ASSERT_OK(govidx_weight_method_from_name(&m, "nominal"));
    CU_ASSERT_EQUAL(m, GOVIDX_WEIGHTS_NOMINAL);
    CU_ASSERT_PTR_NULL(govidx_weight_method_name((govidx_weight_method)6));
    CU_ASSERT(strstr(govidx_last_error(), "6") != NULL);
    GX_ASSERT_RC(govidx_weight_method_from_name(&m, "nominals"), GOVIDX_EFORMAT);
    CU_ASSERT(strstr(govidx_last_error(), "'nominals'") != NULL);
    GX_ASSERT_RC(govidx_weight_method_from_name(&m, NULL), GOVIDX_EINVAL);
}

static CU_TestInfo tests[] = {
    {"entropy E7", test_entropy_e7},
    {"CRITIC E7", test_critic_e7},
    {"entropy errors", test_entropy_errors},
    {"entropy missing", test_entropy_missing},
    {"CRITIC errors", test_critic_errors},
    {"equal and expert", test_equal_expert},
    {"AHP 3x3", test_ahp_three},
    {"AHP consistent", test_ahp_consistent},
    {"AHP n = 1, 2", test_ahp_small},
    {"AHP errors", test_ahp_errors},
    {"PCA blocks", test_pca_blocks},
    {"PCA varimax ASEM", test_pca_varimax_asem},
    {"renormalise", test_renormalize},
    {"compute errors", test_compute_errors},
    {"allocation failures", test_oom},
    {"method names", test_method_names},
    CU_TEST_INFO_NULL,
};
static CU_SuiteInfo suites[] = {{"weights", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void)
{
    return gx_run(suites);
}
