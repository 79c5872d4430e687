/* Tests of the inequality module (METHODS.md section 3.3, E5, E9). */
#include <math.h>
#include <govidx.h>
#include "govidx/inequality.h"
#include "gxtest.h"

/* E5: Hale, "The Theoretical Basics of Popular Inequality Measures" (UTIP) salary schedules;
 * expected values are METHODS.md E5 (govidx's computation, counts used as weights). */
static const double uw_y[11] = {18e3, 22e3, 25e3, 35e3, 40e3, 60e3, 75e3, 80e3, 120e3, 200e3, 1000e3};
static const double uw_p[11] = {7, 10, 280, 15, 15, 50, 10, 6, 4, 2, 1};
static const double ww_y[11] = {15e3, 20e3, 30e3, 35e3, 45e3, 50e3, 60e3, 80e3, 175e3, 250e3, 5000e3};
static const double ww_p[11] = {12, 25, 1000, 35, 100, 80, 10, 25, 8, 4, 1};

static void check_firm(const double *y, const double *p, double mean, double tt, double tl,
                       double gini, double cv, double a1)
{
    double v;
    GX_ASSERT_OK(govidx_inequality_weighted_mean(&v, y, p, 11));
    GX_ASSERT_CLOSE(v, mean, 0.01);
    GX_ASSERT_OK(govidx_inequality_theil_t(&v, NULL, y, p, 11, NULL));
    GX_ASSERT_CLOSE(v, tt, 1e-5);
    GX_ASSERT_OK(govidx_inequality_theil_l(&v, NULL, y, p, 11, NULL));
    GX_ASSERT_CLOSE(v, tl, 1e-5);
    GX_ASSERT_OK(govidx_inequality_gini(&v, y, p, 11));
    GX_ASSERT_CLOSE(v, gini, 1e-5);
    GX_ASSERT_OK(govidx_inequality_cv(&v, y, p, 11));
    GX_ASSERT_CLOSE(v, cv, 1e-5);
    GX_ASSERT_OK(govidx_inequality_atkinson(&v, NULL, NULL, y, p, 11, 1.0, NULL));
    GX_ASSERT_CLOSE(v, a1, 1e-5);
}

static void test_e5_firms(void)
{
    check_firm(uw_y, uw_p, 36452.50, 0.28615, 0.16618, 0.27963, 1.44201, 0.15311);
    check_firm(ww_y, ww_p, 38773.08, 0.46316, 0.15844, 0.22751, 3.58335, 0.14653);
}

static void test_e5_decomposition(void)
{
    double y[22], p[22], tot, w, b;
    int g[22];
    for (int i = 0; i < 11; i++) {
        y[i] = uw_y[i], p[i] = uw_p[i], g[i] = 7;
        y[11 + i] = ww_y[i], p[11 + i] = ww_p[i], g[11 + i] = -3;
    }
    GX_ASSERT_OK(govidx_inequality_theil_decompose(&tot, &w, &b, NULL, y, p, g, 22, 'T', NULL));
    GX_ASSERT_CLOSE(tot, 0.42378, 1e-5);
    GX_ASSERT_CLOSE(w, 0.42345, 1e-5);
    GX_ASSERT_CLOSE(b, 0.00034, 1e-5);
    GX_ASSERT_CLOSE(w + b, tot, 1e-12);
    GX_ASSERT_OK(govidx_inequality_theil_decompose(&tot, &w, &b, NULL, y, p, g, 22, 'L', NULL));
    GX_ASSERT_CLOSE(tot, 0.16060, 1e-5);
    GX_ASSERT_CLOSE(w, 0.16026, 1e-5);
    GX_ASSERT_CLOSE(b, 0.00034, 1e-5);
    GX_ASSERT_CLOSE(w + b, tot, 1e-12);
}

/* E9 synthetic coverage case (METHODS.md). */
static void test_e9(void)
{
    const double c[4] = {0.95, 0.80, 0.40, 0.10}, p[4] = {400, 300, 200, 100};
    double v, adj;
    GX_ASSERT_OK(govidx_inequality_weighted_mean(&v, c, p, 4));
    GX_ASSERT_CLOSE(v, 0.71, 1e-12);
    GX_ASSERT_OK(govidx_inequality_gini(&v, c, p, 4));
    GX_ASSERT_CLOSE(v, 0.20704, 1e-5);
    GX_ASSERT_OK(govidx_inequality_theil_t(&v, NULL, c, p, 4, NULL));
    GX_ASSERT_CLOSE(v, 0.10393, 1e-5);
    GX_ASSERT_OK(govidx_inequality_atkinson(&v, &adj, NULL, c, p, 4, 1.0, NULL));
    GX_ASSERT_CLOSE(v, 0.14657, 1e-5);
    GX_ASSERT_CLOSE(adj, 0.60594, 1e-5);
    GX_ASSERT_OK(govidx_inequality_atkinson(&v, NULL, NULL, c, p, 4, 2.0, NULL));
    GX_ASSERT_CLOSE(v, 0.38658, 1e-5);
}

static void test_invariance(void)
{
    const double c[4] = {0.95, 0.80, 0.40, 0.10}, p[4] = {400, 300, 200, 100};
    double k[4], e[4] = {3, 3, 3, 3}, g1, g2, t1, t2;
    for (int i = 0; i < 4; i++)
        k[i] = 17.0 * c[i];
    GX_ASSERT_OK(govidx_inequality_gini(&g1, c, p, 4));
    GX_ASSERT_OK(govidx_inequality_gini(&g2, k, p, 4));
    GX_ASSERT_CLOSE(g1, g2, 1e-12);
    GX_ASSERT_OK(govidx_inequality_theil_t(&t1, NULL, c, p, 4, NULL));
    GX_ASSERT_OK(govidx_inequality_theil_t(&t2, NULL, k, p, 4, NULL));
    GX_ASSERT_CLOSE(t1, t2, 1e-12);
    GX_ASSERT_OK(govidx_inequality_gini(&g1, e, p, 4));
    GX_ASSERT_CLOSE(g1, 0.0, 1e-15);
    GX_ASSERT_OK(govidx_inequality_theil_l(&t1, NULL, e, p, 4, NULL));
    GX_ASSERT_CLOSE(t1, 0.0, 1e-15);
}

static void test_zeros_and_errors(void)
{
    const double z[3] = {0.0, 0.5, 1.0}, p[3] = {1, 1, 1};
    double v, neg[3] = {-0.1, 0.5, 1.0}, nan[3] = {NAN, 0.5, 1.0}, zero[3] = {0, 0, 0};
    double pneg[3] = {1, -1, 1}, pzero[3] = {0, 0, 0};
    size_t nfl = 99;
    govidx_ineq_options o = GOVIDX_INEQ_OPTIONS_INIT;
    GX_ASSERT_OK(govidx_inequality_theil_l(&v, &nfl, z, p, 3, &o));
    CU_ASSERT_EQUAL(nfl, 1);
    /* independent: ybar = (0.001+0.5+1)/3, L = mean of ln(ybar/y_i) */
    double m = (0.001 + 0.5 + 1.0) / 3.0;
    GX_ASSERT_CLOSE(v, (log(m / 0.001) + log(m / 0.5) + log(m / 1.0)) / 3.0, 1e-12);
    o.allow_floor = 0;
    GX_ASSERT_RC(govidx_inequality_theil_t(&v, NULL, z, p, 3, &o), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_inequality_atkinson(&v, NULL, NULL, z, p, 3, 1.0, &o), GOVIDX_EDOMAIN);
    GX_ASSERT_OK(govidx_inequality_atkinson(&v, NULL, NULL, z, p, 3, 0.5,
                                            &o)); /* eps < 1: zeros fine */
    GX_ASSERT_RC(govidx_inequality_gini(&v, neg, p, 3), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_inequality_gini(&v, nan, p, 3), GOVIDX_ENUMERIC);
    GX_ASSERT_RC(govidx_inequality_theil_t(&v, NULL, zero, p, 3, NULL), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_inequality_gini(&v, z, pneg, 3), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_inequality_gini(&v, z, pzero, 3), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_inequality_gini(&v, z, p, 0), GOVIDX_EDIM);
    GX_ASSERT_RC(govidx_inequality_atkinson(&v, NULL, NULL, z, p, 3, -1.0, NULL), GOVIDX_EINVAL);
}

/* Palma ratio and quantile shares, by hand: y = 1..10 with equal
 * populations (total 55): bottom 40% = (1+2+3+4)/55, top 10% = 10/55, Palma
 * = 1; equal values: 0.1/0.4 = 0.25; a unit straddling a boundary counts
 * with its inside part: y = (1, 3), p = (1, 1): the bottom 40% is 0.4 of
 * the first unit, share 0.4 * 1 / 2 (mean 2) = 0.2. */
static void test_palma_quantile_shares(void)
{
    double y[10], p[10], s, palma;
    int i;
    for (i = 0; i < 10; i++) {
        y[i] = 10 - i; /* any order */
        p[i] = 1;
    }
    GX_ASSERT_OK(govidx_inequality_quantile_share(&s, y, p, 10, 0, 0.4));
    GX_ASSERT_CLOSE(s, 10.0 / 55, 1e-12);
    GX_ASSERT_OK(govidx_inequality_palma(&palma, y, p, 10));
    GX_ASSERT_CLOSE(palma, 1.0, 1e-12);
    for (i = 0; i < 10; i++)
        y[i] = 7;
    GX_ASSERT_OK(govidx_inequality_palma(&palma, y, p, 10));
    GX_ASSERT_CLOSE(palma, 0.25, 1e-12);
    y[0] = 1;
    y[1] = 3;
    GX_ASSERT_OK(govidx_inequality_quantile_share(&s, y, p, 2, 0, 0.4));
    GX_ASSERT_CLOSE(s, 0.2, 1e-12);
    GX_ASSERT_RC(govidx_inequality_quantile_share(&s, y, p, 2, 0.5, 0.4), GOVIDX_EINVAL);
    y[0] = 0;
    y[1] = 5;
    GX_ASSERT_RC(govidx_inequality_palma(&palma, y, p, 2), GOVIDX_EDOMAIN);
}

static CU_TestInfo tests[] = {
    {"Palma ratio and quantile shares", test_palma_quantile_shares},
                              {"e5_firms", test_e5_firms},
                              {"e5_decomposition", test_e5_decomposition},
                              {"e9", test_e9},
                              {"invariance", test_invariance},
                              {"zeros_and_errors", test_zeros_and_errors},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"inequality", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }
