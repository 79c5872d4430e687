/*
 * tests/test_analysis.c - correlation matrices, Cronbach's alpha, PCA
 * variance explained, contributions, obstacle degree and ranking.
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"
#include "gxtest.h"
#include "gxoom.h"
#include <float.h>


/* x = (1..5), y = (2, 1, 4, 3, 6): Pearson r = 10 / sqrt(10 * 14.8)
 * = 0.8219949365 (hand computation: Sxy = 10, Sxx = 10, Syy = 14.8). */
static const double xy[10] = {1, 2, 3, 4, 5, 2, 1, 4, 3, 6};
#define R_XY 0.8219949365267865

static void test_pearson(void)
{
    double r[4];
    GX_ASSERT_OK(govidx_analysis_correlation(r, govidx_matrix_view_array(xy, 5, 2),
                                             GOVIDX_CORR_PEARSON));
    GX_ASSERT_CLOSE(r[0], 1.0, 0);
    GX_ASSERT_CLOSE(r[3], 1.0, 0);
    GX_ASSERT_CLOSE(r[1], R_XY, 1e-12);
    GX_ASSERT_CLOSE(r[2], R_XY, 1e-12);
    GX_ASSERT_CLOSE(10 / sqrt(10 * 14.8), R_XY, 1e-15);
}

static void test_spearman_ties(void)
{
    /* a = (1, 2, 2, 3, 5), b = (3, 1, 2, 2, 4): mid-ranks (1, 2.5, 2.5, 4, 5)
     * and (4, 1, 2.5, 2.5, 5); Pearson on them = 0.2894736842 (hand /
     * independent Python computation). */
    double ab[10] = {1, 2, 2, 3, 5, 3, 1, 2, 2, 4}, r[4];
    GX_ASSERT_OK(govidx_analysis_correlation(r, govidx_matrix_view_array(ab, 5, 2),
                                             GOVIDX_CORR_SPEARMAN));
    GX_ASSERT_CLOSE(r[1], 0.2894736842105263, 1e-12);
    /* monotone transform: Spearman of (x, x^3) is 1 */
    {
        double c[8] = {1, 2, 3, 4, 1, 8, 27, 64};
        GX_ASSERT_OK(
            govidx_analysis_correlation(r, govidx_matrix_view_array(c, 4, 2),
                                        GOVIDX_CORR_SPEARMAN));
        GX_ASSERT_CLOSE(r[1], 1.0, 1e-12);
    }
}

static void test_pairwise_missing(void)
{
    /* The first test's data plus a missing row in y and an extra row:
     * row 5 (x = 9, y = NaN) is dropped pairwise, so r is unchanged;
     * the 3-column case checks each pair uses its own complete rows. */
    double d[18] = {1, 2, 3, 4, 5, 9, 2, 1, 4, 3, 6, NAN, 1, 2, 3, 4, 5, 9};
    double r[9];
    GX_ASSERT_OK(govidx_analysis_correlation(r, govidx_matrix_view_array(d, 6, 3),
                                             GOVIDX_CORR_PEARSON));
    GX_ASSERT_CLOSE(r[1], R_XY, 1e-12);     /* (x, y) over 5 rows */
    GX_ASSERT_CLOSE(r[2], 1.0, 1e-12);      /* (x, x) over 6 rows */
    GX_ASSERT_CLOSE(r[5], R_XY, 1e-12);     /* (y, x copy) over 5 rows */
    GX_ASSERT_CLOSE(r[7], r[5], 0);         /* symmetric */
}

static void test_correlation_errors(void)
{
    double flat[6] = {1, 2, 3, 5, 5, 5}, r[4];
    double sparse[6] = {1, NAN, 3, NAN, 2, NAN};
    GX_ASSERT_RC(govidx_analysis_correlation(r, govidx_matrix_view_array(flat, 3, 2),
                                             GOVIDX_CORR_PEARSON),
                 GOVIDX_ENUMERIC);
    CU_ASSERT(strstr(govidx_last_error(), "column 1") != NULL);
    GX_ASSERT_RC(
        govidx_analysis_correlation(r, govidx_matrix_view_array(sparse, 3, 2), GOVIDX_CORR_PEARSON),
        GOVIDX_EMISSING);
    GX_ASSERT_RC(govidx_analysis_correlation(r, govidx_matrix_view_array(xy, 5, 2),
                                             (govidx_corr_method)5),
                 GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_analysis_correlation(NULL, govidx_matrix_view_array(xy, 5, 2),
                                             GOVIDX_CORR_PEARSON),
                 GOVIDX_EINVAL);
}

static void test_cronbach(void)
{
    /* 5 respondents x 3 items: (2,3,3) (4,4,5) (3,5,4) (5,4,5) (1,2,2).
     * Hand computation: item variances 2.5, 1.3, 1.7 (sum 5.5); totals
     * 8, 13, 12, 14, 5 with variance 14.3; alpha = 1.5 (1 - 5.5/14.3)
     * = 0.923077 (= 12/13). */
    double x[15] = {2, 4, 3, 5, 1, 3, 4, 5, 4, 2, 3, 5, 4, 5, 2}, a;
    GX_ASSERT_OK(govidx_analysis_cronbach_alpha(&a, govidx_matrix_view_array(x, 5, 3)));
    GX_ASSERT_CLOSE(a, 12.0 / 13.0, 1e-12);
    GX_ASSERT_RC(govidx_analysis_cronbach_alpha(&a,
                                                govidx_matrix_view_array(x, 5, 1)), GOVIDX_EDIM);
    {
        /* listwise: adding an incomplete row changes nothing */
        double y[18] = {2, 4, 3, 5, 1, 9, 3, 4, 5, 4, 2, NAN, 3, 5, 4, 5, 2, 9};
        GX_ASSERT_OK(govidx_analysis_cronbach_alpha(&a, govidx_matrix_view_array(y, 6, 3)));
        GX_ASSERT_CLOSE(a, 12.0 / 13.0, 1e-12);
    }
}

static void test_pca_variance(void)
{
    /* Two variables with correlation r: the correlation matrix
     * [[1, r], [r, 1]] has eigenvalues 1 + r and 1 - r. */
    double ev[2], share[2];
    GX_ASSERT_OK(govidx_analysis_pca_variance(ev, share, govidx_matrix_view_array(xy, 5, 2)));
    GX_ASSERT_CLOSE(ev[0], 1 + R_XY, 1e-12);
    GX_ASSERT_CLOSE(ev[1], 1 - R_XY, 1e-12);
    GX_ASSERT_CLOSE(share[0], (1 + R_XY) / 2, 1e-12);
    GX_ASSERT_CLOSE(share[0] + share[1], 1.0, 1e-12);
}

static void test_contributions(void)
{
    /* unit 0: z = (0.2, 0.4, 0.6), w = (0.5, 0.25, 0.25): score 0.35,
     * contributions 0.1/0.35, 0.1/0.35, 0.15/0.35 (hand computation);
     * unit 1 misses child 0: score over (0.25, 0.25) renormalised. */
    double z[6] = {0.2, NAN, 0.4, 0.5, 0.6, 0.5}, w[3] = {0.5, 0.25, 0.25}, c[6];
    GX_ASSERT_OK(govidx_analysis_contributions(c, govidx_matrix_view_array(z, 2, 3), w));
    GX_ASSERT_CLOSE(c[0], 0.1 / 0.35, 1e-12);
    GX_ASSERT_CLOSE(c[2], 0.1 / 0.35, 1e-12);
    GX_ASSERT_CLOSE(c[4], 0.15 / 0.35, 1e-12);
    CU_ASSERT(isnan(c[1]));
    GX_ASSERT_CLOSE(c[3], 0.5, 1e-12);
    GX_ASSERT_CLOSE(c[5], 0.5, 1e-12);
    /* a zero score has no shares: NaN, documented */
    {
        double zz[2] = {0, 0}, ww[2] = {0.5, 0.5}, cc[2];
        GX_ASSERT_OK(govidx_analysis_contributions(cc, govidx_matrix_view_array(zz, 1, 2), ww));
        CU_ASSERT(isnan(cc[0]) && isnan(cc[1]));
    }
}

static void test_obstacle(void)
{
    /* unit 0: z = (0.2, 0.4, 0.6), w = (0.5, 0.25, 0.25): gaps 0.4, 0.15,
     * 0.1, sum 0.65 (hand computation).  Unit 1 is at the top everywhere:
     * no obstacle, all 0.  Values outside [0, 1] are errors. */
    double z[6] = {0.2, 1, 0.4, 1, 0.6, 1}, w[3] = {0.5, 0.25, 0.25}, o[6];
    GX_ASSERT_OK(govidx_analysis_obstacle_degree(o, govidx_matrix_view_array(z, 2, 3), w));
    GX_ASSERT_CLOSE(o[0], 0.4 / 0.65, 1e-12);
    GX_ASSERT_CLOSE(o[2], 0.15 / 0.65, 1e-12);
    GX_ASSERT_CLOSE(o[4], 0.1 / 0.65, 1e-12);
    GX_ASSERT_CLOSE(o[1], 0.0, 0);
    GX_ASSERT_CLOSE(o[5], 0.0, 0);
    z[3] = 1.5;
    GX_ASSERT_RC(govidx_analysis_obstacle_degree(o, govidx_matrix_view_array(z, 2, 3),
                                                 w), GOVIDX_EDOMAIN);
    CU_ASSERT(strstr(govidx_last_error(), "row 1 (0-based), column 1 (0-based)") != NULL);
}

static void test_rank(void)
{
    /* competition ranking "1224": 0.9 -> 1, 0.8 and 0.8 -> 2, 0.5 -> 4;
     * NaN unranked (0) and not counted. */
    double s[6] = {0.8, 0.9, NAN, 0.5, 0.8, 0.1};
    size_t r[6];
    GX_ASSERT_OK(govidx_analysis_rank_scores(r, s, 6, 1));
    CU_ASSERT_EQUAL(r[0], 2);
    CU_ASSERT_EQUAL(r[1], 1);
    CU_ASSERT_EQUAL(r[2], 0);
    CU_ASSERT_EQUAL(r[3], 4);
    CU_ASSERT_EQUAL(r[4], 2);
    CU_ASSERT_EQUAL(r[5], 5);
    /* ascending: 0.1 -> 1, 0.5 -> 2, 0.8 x2 -> 3, 0.9 -> 5 */
    GX_ASSERT_OK(govidx_analysis_rank_scores(r, s, 6, -1));
    CU_ASSERT_EQUAL(r[5], 1);
    CU_ASSERT_EQUAL(r[3], 2);
    CU_ASSERT_EQUAL(r[0], 3);
    CU_ASSERT_EQUAL(r[4], 3);
    CU_ASSERT_EQUAL(r[1], 5);
    CU_ASSERT_EQUAL(r[2], 0);
    GX_ASSERT_RC(govidx_analysis_rank_scores(r, s, 6, 0), GOVIDX_EINVAL);
    s[0] = INFINITY;
    GX_ASSERT_RC(govidx_analysis_rank_scores(r, s, 6, 1), GOVIDX_ENUMERIC);
    GX_ASSERT_OK(govidx_analysis_rank_scores(r, s, 0, 1));
    {
        double all_nan[2] = {NAN, NAN};
        GX_ASSERT_OK(govidx_analysis_rank_scores(r, all_nan, 2, 1));
        CU_ASSERT(r[0] == 0 && r[1] == 0);
    }
}

/* Tie tolerance (issue 16): 0.3376 and 0.33759999999999996 (one double
 * apart: the sum of rounded shares a publisher shows as 0.3376) share a
 * rank by default, as the publishers' ranks do; with tolerance 0 only equal
 * scores tie.  Ties compare with the group's best score, so a chain of
 * scores each within the tolerance of the next does not become one tie. */
static void test_rank_tolerance(void)
{
    double s[4] = {0.33759999999999996, 0.3376, 0.2, NAN};
    double chain[3] = {1.0, 1.0 - 0.8e-12, 1.0 - 1.6e-12};
    size_t r[4];
    GX_ASSERT_OK(govidx_analysis_rank_scores(r, s, 4, 1));
    CU_ASSERT(r[0] == 1 && r[1] == 1 && r[2] == 3 && r[3] == 0);
    GX_ASSERT_OK(govidx_analysis_rank_scores_tol(r, s, 4, 1, 0));
    CU_ASSERT(r[0] == 2 && r[1] == 1 && r[2] == 3 && r[3] == 0);
    GX_ASSERT_OK(govidx_analysis_rank_scores_tol(r, s, 4, -1, 1e-12));
    CU_ASSERT(r[2] == 1 && r[0] == 2 && r[1] == 2);
    GX_ASSERT_OK(govidx_analysis_rank_scores(r, chain, 3, 1));
    CU_ASSERT(r[0] == 1 && r[1] == 1 && r[2] == 3);
    GX_ASSERT_RC(govidx_analysis_rank_scores_tol(r, s, 4, 1, -1), GOVIDX_EINVAL);
    CU_ASSERT(strstr(govidx_last_error(), "tie tolerance") != NULL);
    GX_ASSERT_RC(govidx_analysis_rank_scores_tol(r, s, 4, 1, NAN), GOVIDX_EINVAL);
}

/* Competition rank by definition: 1 + the number of present scores that
 * are strictly better.  O(n^2), the reference for the sorting paths. */
static size_t brute_rank(const double *s, size_t n, size_t i, int direction)
{
    size_t k, better = 0;
    if (isnan(s[i]))
        return 0;
    for (k = 0; k < n; k++)
        better += !isnan(s[k]) && (direction > 0 ? s[k] > s[i] : s[k] < s[i]);
    return better + 1;
}

/* The sort behind the ranks spreads scores over buckets by value, finishes
 * small buckets by insertion and crowded ones by radix sort, and falls back
 * to radix for ranges it cannot bucket.  Each shape below drives one of
 * those paths; every rank must equal the definition. */
static void test_rank_paths(void)
{
    enum { N = 3000 };
    static double s[N];
    static size_t r[N];
    unsigned long long state = 7;
    size_t i, shape, bad = 0;
    for (shape = 0; shape < 8; shape++) {
        for (i = 0; i < N; i++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            double u = (double)(state >> 11) / 9007199254740992.0;
            switch (shape) {
            case 0: s[i] = 100 * u; break;                              /* uniform: small buckets */
            case 1: s[i] = floor(20 * u); break;                        /* heavy ties */
            case 2: s[i] = i == 0 ? 1e300 : u; break;                   /* an outlier: one crowded bucket */
            case 3: s[i] = u < 0.1 ? NAN : (u < 0.2 ? -0.0 : (u < 0.3 ? 0.0 : u - 0.5)); break; /* NaN, -0, +0 */
            case 4: s[i] = i % 2 ? -1e308 : 1e308; break;               /* range overflows: radix only */
            case 5: s[i] = 1 + (double)(i % 7) * DBL_EPSILON; break;    /* 7 values an ulp apart */
            case 6: s[i] = (double)(i % 7) * 4.9406564584124654e-324; break; /* subnormal range: radix only */
            default: s[i] = exp(30 * u); break;                         /* skewed */
            }
        }
        /* tolerance 0: the definition's exact ties (shape 5 is an ulp apart) */
        GX_ASSERT_OK(govidx_analysis_rank_scores_tol(r, s, N, 1, 0));
        for (i = 0; i < N; i++)
            bad += r[i] != brute_rank(s, N, i, 1);
        GX_ASSERT_OK(govidx_analysis_rank_scores_tol(r, s, N, -1, 0));
        for (i = 0; i < N; i++)
            bad += r[i] != brute_rank(s, N, i, -1);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static int oom_pearson(void)
{
    double r[4];
    return govidx_analysis_correlation(r, govidx_matrix_view_array(xy, 5, 2), GOVIDX_CORR_PEARSON);
}
static int oom_spearman_missing(void)
{
    double d[6] = {1, 2, 3, 3, NAN, 1}, r[4];
    return govidx_analysis_correlation(r, govidx_matrix_view_array(d, 3, 2), GOVIDX_CORR_SPEARMAN);
}
static int oom_spearman(void)
{
    double r[4];
    return govidx_analysis_correlation(r, govidx_matrix_view_array(xy, 5, 2), GOVIDX_CORR_SPEARMAN);
}
static int oom_alpha(void)
{
    double a;
    return govidx_analysis_cronbach_alpha(&a, govidx_matrix_view_array(xy, 5, 2));
}
static int oom_pca(void)
{
    double ev[2];
    return govidx_analysis_pca_variance(ev, NULL, govidx_matrix_view_array(xy, 5, 2));
}
static int oom_rank(void)
{
    size_t r[5];
    return govidx_analysis_rank_scores(r, xy, 5, 1);
}
static void test_oom(void)
{
    check_oom(oom_pearson);
    check_oom(oom_spearman_missing);
    check_oom(oom_spearman);
    check_oom(oom_alpha);
    check_oom(oom_pca);
    check_oom(oom_rank);
}

static CU_TestInfo tests[] = {
    {"Pearson", test_pearson},
    {"rank: every sorting path against the definition", test_rank_paths},
    {"Spearman with ties", test_spearman_ties},
    {"pairwise missing", test_pairwise_missing},
    {"correlation errors", test_correlation_errors},
    {"Cronbach alpha", test_cronbach},
    {"PCA variance", test_pca_variance},
    {"contributions", test_contributions},
    {"obstacle degree", test_obstacle},
    {"rank", test_rank},
    {"rank: tie tolerance", test_rank_tolerance},
    {"allocation failures", test_oom},
    CU_TEST_INFO_NULL,
};
static CU_SuiteInfo suites[] = {{"analysis", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void)
{
    return gx_run(suites);
}
